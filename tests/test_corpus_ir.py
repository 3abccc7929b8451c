"""The real-world corpus (``../shared/corpus``): every document loads or fails with located diagnostics.

Never an exception. Stripe and Kubernetes (4 MB each) take seconds, mostly in
openapi-spec-validator; they are marked ``large_corpus`` so a quick run can
leave them out: ``pytest -m 'not large_corpus'``. Each test prints its outcome
(``pytest -s``) and records it as a property (``--junitxml``);
``python tests/corpus_report.py`` prints the whole table.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus_report import CORPUS, MANIFEST, Entry, Outcome, entries, load

pytestmark = pytest.mark.skipif(not MANIFEST.is_file(), reason=f"no corpus at {CORPUS}")

ENTRIES = entries() if MANIFEST.is_file() else []
SMALL = [pytest.param(e, id=e.file) for e in ENTRIES if not e.large]
LARGE = [pytest.param(e, id=e.file, marks=pytest.mark.large_corpus) for e in ENTRIES if e.large]


def check(outcome: Outcome, record_property: Callable[[str, object], None]) -> None:
    entry = outcome.entry
    print(f"\n{entry.file}: {outcome.result} [{outcome.seconds:.2f} s]")
    record_property("outcome", outcome.result)
    record_property("seconds", round(outcome.seconds, 2))
    folder = entry.path.parent.resolve()
    for diag in outcome.diagnostics:
        assert diag.origin is not None, f"{entry.file}: diagnostic without an origin: {diag.format()}"
        assert diag.origin.pointer == "" or diag.origin.pointer.startswith("/"), diag.format()
        # origins name files by their path from the working directory; all lie in the document's folder
        assert (Path.cwd() / diag.origin.file).resolve().is_relative_to(folder), diag.format()
    if outcome.loaded:
        assert outcome.diagnostics.errors == []
        # the manifest counts operations under `paths` (webhooks apart); all of them must be in the IR
        assert outcome.operations == entry.operations, f"{entry.file}: {outcome.operations} != {entry.operations}"
    else:
        assert outcome.diagnostics.errors, f"{entry.file}: not loaded, yet no error says why"
        assert entry.validation == "invalid", (
            f"{entry.file} is valid but did not load: " + outcome.diagnostics.errors[0].format()
        )


@pytest.mark.parametrize("entry", SMALL)
def test_corpus_document(entry: Entry, record_property: Callable[[str, object], None]) -> None:
    check(load(entry), record_property)


@pytest.mark.parametrize("entry", LARGE)
def test_large_corpus_document(entry: Entry, record_property: Callable[[str, object], None]) -> None:
    check(load(entry), record_property)


def test_corpus_manifest_is_what_this_test_expects() -> None:
    assert len(ENTRIES) >= 40
    assert {e.version[0] for e in ENTRIES} == {"2", "3"}
    assert [e.file for e in ENTRIES if e.large] == ["oas30/stripe-spec3-2022-04-12.json", "swagger2/kubernetes.json"]
    assert all(e.path.is_file() for e in ENTRIES)


KNOWN_INVALID = "oas31/redoc-demo-openapi-3-1.yaml"


def test_known_invalid_document_from_the_command_line(cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    result = cli("ir", "--spec", str(CORPUS / KNOWN_INVALID))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("error(s); nothing was written")
    located = re.compile(r"^\S+redoc-demo-openapi-3-1\.yaml#(/\S*)?(:\d+)?: error\[E\d{3}\]: \S")
    assert lines[:-1] and all(located.match(line) for line in lines[:-1]), result.stderr
    assert any(":" in line.split(": error[")[0].split("#", 1)[1] for line in lines[:-1])  # some carry a line
