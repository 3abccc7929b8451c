"""The Python style on every corpus document: a package that imports and passes ``mypy --strict``, or exit 2.

Exit 2 is accepted only for documents the manifest marks invalid, and only with
diagnostics that name a file, a JSON pointer and a line. Generation runs two
documents at a time, each in its own process (``--validation warn``, so a
document with findings of openapi-spec-validator still generates when it can),
then mypy checks every package, split over two processes, and each package's
own generated tests run; see
``tests/corpus_generate.py``, which also prints the table the README shows.
Stripe and Kubernetes are marked ``large_corpus``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from corpus_generate import DIAGNOSTIC, Generated, generate_all
from corpus_report import CORPUS, MANIFEST, Entry, entries

pytestmark = pytest.mark.skipif(not MANIFEST.is_file(), reason=f"no corpus at {CORPUS}")

ENTRIES = entries() if MANIFEST.is_file() else []


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> dict[str, Generated]:
    """Every document, generated and type-checked once for the module (only those selected by -m / -k)."""
    wanted = {item.callspec.params["entry"].file for item in request.session.items if _entry_of(item) is not None}
    scratch = tmp_path_factory.mktemp("corpus-python")
    return {r.entry.file: r for r in generate_all([e for e in ENTRIES if e.file in wanted], scratch)}


def _entry_of(item: pytest.Item) -> Entry | None:
    callspec = getattr(item, "callspec", None)
    if callspec is None or item.module is None or item.module.__name__ != __name__:
        return None
    entry = callspec.params.get("entry")
    return entry if isinstance(entry, Entry) else None


PARAMS = [pytest.param(e, id=e.file, marks=[pytest.mark.large_corpus] if e.large else []) for e in ENTRIES]


@pytest.mark.parametrize("entry", PARAMS)
def test_corpus_document_generates(entry: Entry, results: dict[str, Generated]) -> None:
    result = results[entry.file]
    print(f"\n{entry.file}: {result.result} [{result.seconds:.1f} s]")
    assert "Traceback" not in result.stderr, result.stderr
    if result.exit_code == 2:
        assert entry.validation == "invalid", f"{entry.file} is valid but did not generate:\n{result.stderr}"
        assert result.errors, result.stderr
        for line in result.errors:
            assert DIAGNOSTIC.match(line) and ":" in line.split("#", 1)[1], f"not located: {line}"
        return
    assert result.exit_code == 0, result.stderr
    package = result.out / result.package
    assert (package / "__init__.py").is_file()
    assert result.mypy_checked and result.mypy_errors == [], "\n".join(result.mypy_errors[:20])
    imported = subprocess.run(
        [sys.executable, "-c", f"import {result.package} as p; print(len(p.__all__))"],
        cwd=result.out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert result.tests_passed, result.tests_output


def test_most_invalid_documents_generate(results: dict[str, Generated]) -> None:
    invalid = [r for r in results.values() if r.entry.validation == "invalid"]
    if len(invalid) < 4:
        pytest.skip("not enough invalid documents selected")
    assert sum(r.generated for r in invalid) * 2 > len(invalid)


def test_quirks_of_the_issue_are_in_the_corpus_or_the_hostile_specs() -> None:
    # the corpus holds the Swagger 2.0 `type: file` responses and external references beside the spec;
    # the rest (additionalProperties: false, nullable path parameters, names colliding after case
    # conversion, empty responses, duplicated `required` entries) are tests/test_hostile_specs.py's
    texts = {e.file: e.path.read_text("utf-8", "replace") for e in ENTRIES if not e.large}
    assert any('"type": "file"' in t or "type: file" in t for name, t in texts.items() if name.startswith("swagger2"))
    assert Path(__file__).with_name("test_hostile_specs.py").is_file()
