"""The corpus packages are checked in batches (one black, one pytest for all): each verdict is still its own.

``tests/corpus_generate.py`` runs black, the imports and the generated tests once over every package
instead of once per package; these cases hold that a broken package is still named, and
only that one: a failing test, a test module that does not import, a package without
tests, a file black would change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from corpus_generate import Generated, black_check, import_check, run_tests
from corpus_report import Entry

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "generated" / "python" / "toolkit_images" / "pyproject.toml"  # the template's settings

PASSING = "def test_one() -> None:\n    assert 1 + 1 == 2\n"
FAILING = "def test_one() -> None:\n    assert 1 + 1 == 3\n"
BROKEN_IMPORT = "import no_such_module_anywhere\n\n\ndef test_one() -> None:\n    pass\n"
NO_TESTS = "VALUE = 1\n"


def _package(scratch: Path, name: str, test: str, *, code: str = "VALUE = 1\n") -> Generated:
    out = scratch / name
    (out / name).mkdir(parents=True)
    (out / name / "__init__.py").write_text(code, encoding="utf-8")
    (out / "tests").mkdir()
    (out / "tests" / f"test_{name}_default.py").write_text(f"import {name}\n\n\n{test}", encoding="utf-8")
    shutil.copyfile(PYPROJECT, out / "pyproject.toml")
    entry = Entry(f"fake/{name}.json", "3.0.0", 1, 0, 100, "valid")
    return Generated(entry, name, out, 0, "", 0.0)


def test_one_pytest_run_gives_each_package_its_own_verdict(tmp_path: Path) -> None:
    good = _package(tmp_path, "corpus_good", PASSING)
    bad = _package(tmp_path, "corpus_bad", FAILING)
    unimportable = _package(tmp_path, "corpus_unimportable", BROKEN_IMPORT)
    empty = _package(tmp_path, "corpus_empty", NO_TESTS)
    after = _package(tmp_path, "corpus_after", PASSING)
    run_tests([good, bad, unimportable, empty, after])
    assert good.tests_passed and after.tests_passed, (good.tests_output, after.tests_output)
    assert not bad.tests_passed and "corpus_bad" in (bad.tests_output or ""), bad.tests_output
    assert "assert (1 + 1) == 3" in (bad.tests_output or ""), bad.tests_output
    assert not unimportable.tests_passed and "no_such_module_anywhere" in (unimportable.tests_output or "")
    assert not empty.tests_passed  # as its own run would (pytest's exit 5, no tests collected)


def test_one_black_run_names_only_the_package_it_would_change(tmp_path: Path) -> None:
    clean = _package(tmp_path, "corpus_clean", PASSING)
    messy = _package(tmp_path, "corpus_messy", PASSING, code="VALUE = { 'a' :1 }\n")
    long_line = "VALUE = [" + ", ".join(str(n) for n in range(30)) + "]\n"  # 108 columns: fine at 120, not at 88
    wide = _package(tmp_path, "corpus_wide", PASSING, code=long_line)
    twin = _package(tmp_path, "corpus_twin", PASSING, code="VALUE = { 'a' :1 }\n")  # checked once, for both
    black_check([clean, messy, wide, twin])
    assert clean.black_output == "" and wide.black_output == ""  # the package's own line length applies
    assert messy.black_output and "corpus_messy" in messy.black_output and "corpus_clean" not in messy.black_output
    assert twin.black_output and str(twin.out / "corpus_twin" / "__init__.py") in twin.black_output


def test_one_interpreter_imports_each_package_and_names_the_one_that_fails(tmp_path: Path) -> None:
    good = _package(tmp_path, "corpus_fine", PASSING, code="__all__ = ['VALUE']\nVALUE = 1\n")
    raising = _package(tmp_path, "corpus_raising", PASSING, code="raise RuntimeError('broken on import')\n")
    bare = _package(tmp_path, "corpus_bare", PASSING, code="VALUE = 1\n")  # no __all__
    later = _package(tmp_path, "corpus_later", PASSING, code="__all__: list[str] = []\n")
    import_check([good, raising, bare, later])
    assert good.import_error is None and later.import_error is None
    assert "broken on import" in (raising.import_error or ""), raising.import_error
    assert "__all__" in (bare.import_error or ""), bare.import_error
