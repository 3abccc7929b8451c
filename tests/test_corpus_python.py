"""The Python style on every corpus document: a package that imports and passes ``mypy --strict``, or exit 2.

Exit 2 is accepted only for documents the manifest marks invalid, and only with
diagnostics that name a file, a JSON pointer and a line. Generation runs two
documents at a time, each in its own process (``--validation warn``, so a
document with findings of openapi-spec-validator still generates when it can),
then mypy checks every package, split over two processes, and each package's
own generated tests run; see
``tests/corpus_generate.py``, which also prints the table the README shows.
Stripe and Kubernetes are marked ``large_corpus``: they take minutes, so in a
run alone ``conftest.py`` starts them when collection ends, on one core in a
background thread, while the rest of the suite runs on the other, and moves
their tests to the end of the run, where they wait for the result. In a run of
``pytest -n N`` each is a unit of work of its own that a worker takes first and
generates in the foreground.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from corpus_generate import DIAGNOSTIC, Generated, generate_all
from corpus_report import CORPUS, MANIFEST, Entry, entries

pytestmark = pytest.mark.skipif(not MANIFEST.is_file(), reason=f"no corpus at {CORPUS}")

ENTRIES = entries() if MANIFEST.is_file() else []
LARGE_TIMEOUT = 3600.0


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> dict[str, Generated]:
    """Every selected small document, generated and type-checked once for the module."""
    wanted = {
        entry.file for item in request.session.items if (entry := _entry_of(item)) is not None and not entry.large
    }
    scratch = tmp_path_factory.mktemp("corpus-python")
    return {r.entry.file: r for r in generate_all([e for e in ENTRIES if e.file in wanted], scratch)}


def large_entries(items: list[pytest.Item]) -> list[Entry]:
    """The large documents among the collected tests of this module."""
    return [e for item in items if (e := _entry_of(item)) is not None and e.large]


def start_large(scratch: Path, entries: list[Entry]) -> Future[list[Generated]]:
    """Generate, type-check and test ``entries`` one at a time on one core, in a background thread."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="large-corpus")
    future = pool.submit(generate_all, entries, scratch, workers=1)
    pool.shutdown(wait=False)
    return future


LARGE_RESULTS: list[Future[list[Generated]]] = []
"""Set by conftest.py when large documents are selected."""


def _entry_of(item: pytest.Item) -> Entry | None:
    callspec = getattr(item, "callspec", None)
    if callspec is None or item.module is None or item.module.__name__ != __name__:
        return None
    entry = callspec.params.get("entry")
    return entry if isinstance(entry, Entry) else None


PARAMS = [pytest.param(e, id=e.file, marks=[pytest.mark.large_corpus] if e.large else []) for e in ENTRIES]


@pytest.mark.parametrize("entry", PARAMS)
def test_corpus_document_generates(entry: Entry, request: pytest.FixtureRequest) -> None:
    if entry.large and hasattr(request.config, "workerinput"):  # a worker of pytest -n N: see conftest.py
        [result] = generate_all([entry], request.getfixturevalue("tmp_path"))
    elif entry.large:
        assert LARGE_RESULTS, "the large documents were not started"
        result = next(r for r in LARGE_RESULTS[0].result(timeout=LARGE_TIMEOUT) if r.entry == entry)
    else:
        result = request.getfixturevalue("results")[entry.file]
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
    assert result.black_output == "", result.black_output
    assert result.ruff_output == "", result.ruff_output
    assert result.import_error is None, result.import_error  # imported in a new interpreter, with its __all__
    assert result.tests_passed, result.tests_output


def test_most_invalid_documents_generate(results: dict[str, Generated]) -> None:
    invalid = [r for r in results.values() if r.entry.validation == "invalid"]
    if len(invalid) < 4:
        pytest.skip("not enough invalid documents selected")
    assert sum(r.generated for r in invalid) * 2 > len(invalid)
