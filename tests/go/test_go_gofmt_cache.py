"""What gofmt wrote for a text is kept in the cache: a file that did not change is not formatted again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from go_support import go_missing

from generator.styles.go import gofmt

UNFORMATTED = 'package p\n\ntype T struct {\nA int `json:"a"`\nLonger string `json:"longer"`\n}\n'
FORMATTED = "package p\n\nfunc F() int { return 1 }\n"
REFUSED = "package p\n\nfunc F( {\n"


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[list[str]]:
    """The files of each gofmt run that formats (``-w``), with an empty cache of this test's own."""
    reason = go_missing()
    if reason is not None:
        pytest.skip(reason)
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gofmt, "_FORMATTED", set())
    seen: list[list[str]] = []
    original = gofmt._run

    def counted(argv: list[str], folder: str, first: str) -> Any:
        if argv[1] == "-w":
            seen.append([Path(folder, name).read_text(encoding="utf-8") for name in argv[2:]])
        return original(argv, folder, first)

    monkeypatch.setattr(gofmt, "_run", counted)
    return seen


def test_a_text_gofmt_wrote_before_is_not_formatted_again(runs: list[list[str]]) -> None:
    texts = {"a.go": UNFORMATTED, "b.go": FORMATTED}
    first = gofmt.gofmt_all(texts)
    assert first["a.go"] != UNFORMATTED and first["b.go"] == FORMATTED
    gofmt._FORMATTED.clear()
    assert gofmt.gofmt_all(texts) == first
    assert len(runs) == 1  # the second call read both from the cache
    assert gofmt.go_problems(first) == []  # known to be in gofmt's form


def test_only_the_changed_file_is_formatted_again(runs: list[list[str]]) -> None:
    gofmt.gofmt_all({"a.go": UNFORMATTED, "b.go": FORMATTED})
    changed = FORMATTED.replace("1", "2")
    again = gofmt.gofmt_all({"a.go": UNFORMATTED, "b.go": changed})
    assert runs[1] == [changed] and again["b.go"] == changed


def test_a_refused_text_is_never_taken_from_the_cache(runs: list[list[str]]) -> None:
    texts = {"a.go": REFUSED, "b.go": FORMATTED}
    for _ in range(2):
        assert gofmt.gofmt_all(texts) == texts
        assert gofmt.go_problems(texts)[0][0] == "a.go"
    assert [sorted(files) for files in runs] == [sorted(texts.values())] * 2  # formatted by gofmt each time


def test_an_entry_that_is_no_text_is_not_used(runs: list[list[str]], tmp_path: Path) -> None:
    gofmt.gofmt_all({"a.go": UNFORMATTED})
    for entry in (tmp_path / "cache" / gofmt.CACHE_KIND).rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\xff\xfe")
    assert gofmt.gofmt_all({"a.go": UNFORMATTED}) != {"a.go": UNFORMATTED}
    assert len(runs) == 2


def test_one_entry_a_set_of_files_whatever_changes(runs: list[list[str]], tmp_path: Path) -> None:
    for number in range(3):
        gofmt.gofmt_all({"a.go": UNFORMATTED, "b.go": FORMATTED.replace("1", str(number))})
    entries = [entry for entry in (tmp_path / "cache" / gofmt.CACHE_KIND).rglob("*") if entry.is_file()]
    assert len(entries) == 1
    assert [len(files) for files in runs] == [2, 1, 1]  # after the first, only the changed file
