"""The Python self-check: pieces compiled alone agree with the whole text."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from generator.core import test_files as core_test_files
from generator.core.style import OutputProblem, PackageSpec, RenderedFile, StyleContext
from generator.core.templating import Templates
from generator.diagnostics import Diagnostics
from generator.pipeline import build_api
from generator.providers import load_provider
from generator.styles.python import STYLE, selfcheck
from generator.styles.python.selfcheck import syntax_error

ROOT = Path(__file__).resolve().parents[1]

VALID = '''"""Module."""

from __future__ import annotations

X = (
    1,
)


@decorator
def f() -> None:
    pass


class A:
    s = """

class not a class
"""


async def g() -> None:
    pass
'''


def test_valid_python_with_cuts_inside_strings_passes() -> None:
    assert syntax_error(VALID, "m.py") is None


@pytest.mark.parametrize(
    ("broken", "line"),
    [
        (VALID.replace("    pass\n\n\nclass A:", "    pass(\n\n\nclass A:"), 12),
        (VALID + "\n\ndef h(:\n    pass\n", 26),
        (VALID.replace("X = (", "X = ((", 1), None),
    ],
)
def test_a_syntax_error_anywhere_is_found_with_its_line(broken: str, line: int | None) -> None:
    found = syntax_error(broken, "m.py")
    assert found is not None
    if line is not None:
        assert found[0] == line


def test_nul_is_reported() -> None:
    assert syntax_error("x = 1\n\x00\n", "m.py") is not None


@pytest.fixture
def _two_cores(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """A machine with a second core and an empty cache; the paths this process compiles, in order."""
    monkeypatch.delenv("GENERATOR_JOBS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    compiled: list[str] = []

    def counted(source: str, filename: str, *args: Any, **kwargs: Any) -> Any:
        compiled.append(filename)
        return compile(source, filename, *args, **kwargs)

    monkeypatch.setattr(selfcheck, "compile", counted, raising=False)
    monkeypatch.setattr(selfcheck, "_PROVEN", set())  # nothing proven by an earlier test of this process
    monkeypatch.setattr(selfcheck, "_PROVEN_PIECES", set())
    return compiled


def test_a_large_check_is_shared_with_a_second_process(_two_cores: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selfcheck, "FORK_SIZE", 0)
    big = "".join(f"\n\ndef f{i}(x: int) -> int:\n    return x + {i}\n" for i in range(2000))
    files = [
        RenderedFile(path="pkg/a.py", text="A = 1\n" + big),
        RenderedFile(path="README.md", text="def (\n"),
        RenderedFile(path="pkg/b.py", text="B = 2\n" + big),
        RenderedFile(path="pkg/c.py", text="x = (\n", template="c.py.j2"),
    ]
    problems = STYLE.check_files(files)
    assert problems == [OutputProblem(path="pkg/c.py", line=1, message="'(' was never closed", template="c.py.j2")]
    assert "pkg/a.py" not in _two_cores or "pkg/b.py" not in _two_cores  # the other one, in the child


def _getty_rendered() -> tuple[list[RenderedFile], str]:
    """Getty's Python package rendered (not checked), and its package name."""
    diagnostics = Diagnostics()
    found = load_provider(ROOT / "specs", "getty", diagnostics)
    assert found is not None
    api = build_api(found.files, diagnostics=diagnostics)
    assert api is not None
    spec = PackageSpec(package=found.package, title=None, base_url=None, env_prefix="X", header="header")
    return STYLE.render_package(api, spec, StyleContext(diagnostics, Templates(STYLE.templates))), found.package


def _suite_paths(files: list[RenderedFile]) -> set[str]:
    return {f.path for f in files if f.path.startswith("tests/test_") and not f.path.endswith("_testing.py")}


def _slow_in_child(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Each suite module a forked child makes takes ``seconds`` longer there (this process's are as fast)."""
    import generator.styles.python as python_style

    parent, made = os.getpid(), python_style.SuiteWriter.file

    def slow(writer: Any, index: int) -> RenderedFile:
        if os.getpid() != parent:
            time.sleep(seconds)
        return made(writer, index)

    monkeypatch.setattr(python_style.SuiteWriter, "file", slow)


def test_each_test_module_is_compiled_by_the_process_that_made_it(
    _two_cores: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child compiles the modules it made, this process those it took itself: the check compiles none."""

    monkeypatch.setattr(core_test_files, "FORK_OPERATIONS", 0)
    _two_cores.clear()
    files, _ = _getty_rendered()
    suite = _suite_paths(files)
    assert suite and all(path.endswith(".py") for path in suite)
    made_here = set(_two_cores) & suite
    _two_cores.clear()
    assert STYLE.check_files(files) == []
    assert not suite & set(_two_cores)  # nothing of the suite compiled a second time
    own = {f.path for f in files if f.path.endswith(".py") and f.path not in suite and "/_runtime/" not in f.path}
    assert own.isdisjoint(made_here)


def test_this_process_takes_the_test_modules_a_slow_child_has_not_begun(
    _two_cores: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child takes the biggest module first; while it works, this process makes the others (and compiles
    them as it makes them), then proves its own modules; the package is the same as one process makes."""

    monkeypatch.setattr(core_test_files, "FORK_OPERATIONS", 0)
    _slow_in_child(monkeypatch, 2.5)
    files, package = _getty_rendered()
    suite = _suite_paths(files)
    made_here = set(_two_cores) & suite
    assert len(made_here) == len(suite) - 1  # all but the one the child took first
    assert {f"{package}/models.py", f"{package}/_client.py"} <= set(_two_cores)  # proven while the child worked
    _two_cores.clear()
    assert STYLE.check_files(files) == []
    assert not {f.path for f in files} & set(_two_cores)  # nothing compiled a second time
    monkeypatch.setenv("GENERATOR_JOBS", "1")
    alone, _ = _getty_rendered()
    assert [(f.path, f.text) for f in files] == [(f.path, f.text) for f in alone]


def test_a_test_module_a_dead_child_took_is_made_here(_two_cores: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A child that dies while making its module returns nothing: the module it took is made here all the same."""
    import generator.styles.python as python_style

    monkeypatch.setattr(core_test_files, "FORK_OPERATIONS", 0)
    parent, made = os.getpid(), python_style.SuiteWriter.file

    def dying(writer: Any, index: int) -> RenderedFile:
        if os.getpid() != parent:
            os._exit(9)
        return made(writer, index)

    monkeypatch.setattr(python_style.SuiteWriter, "file", dying)
    files, _ = _getty_rendered()
    monkeypatch.setattr(python_style.SuiteWriter, "file", made)
    monkeypatch.setenv("GENERATOR_JOBS", "1")
    alone, _ = _getty_rendered()
    assert [(f.path, f.text) for f in files] == [(f.path, f.text) for f in alone]
    assert _suite_paths(files)


def test_proving_while_stops_when_told_and_leaves_the_rest_to_the_check(_two_cores: list[str]) -> None:
    texts = [("A = 1\n", "a.py"), ("B = 2\n", "b.py"), ("C = (\n", "c.py")]
    answers = iter([True, False])
    selfcheck.prove_while(texts, lambda: next(answers))
    assert _two_cores == ["a.py"]
    _two_cores.clear()
    assert selfcheck.syntax_errors(texts) == [None, None, (1, "'(' was never closed")]
    assert "a.py" not in _two_cores and {"b.py", "c.py"} <= set(_two_cores)
