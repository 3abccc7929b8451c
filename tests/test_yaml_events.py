"""YAML read from libyaml's events (``generator/yaml_events.py``) reads as PyYAML's full reader reads it.

Each text is read twice: as ``sources.parse_document`` reads it, and with the event reading
turned off, so every text goes to the full reader. The values and the problems (each with its
code, place and words) must be the same, and so must the error of a text that is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator import sources, yaml_events
from generator.ir import Origin

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

TEXTS = [
    "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
    "a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: ''\ng: \"x\"\nh: 'y'\ni: -3\nj: 0x1F\nk: 1_000\nl: .5\n",
    "responses:\n  200: {description: ok}\n  '404': {description: missing}\n",
    "k:\n  200: a\n  '200': b\n",  # two keys that read as one
    "k:\n  a: 1\n  a: 2\n",  # a repeated key
    "k:\n  true: 1\n  null: 2\n  1.5: 3\n  off: 4\n",
    "k:\n  true: 1\n  yes: 2\n",  # two keys that read as one
    "k: &x {a: 1}\nl: *x\n",  # an alias
    "base: &b {a: 1}\nk:\n  <<: *b\n  c: 2\n",  # a merge key
    "k: !!str 12\nl: !custom x\n",  # explicit tags
    "d: 2024-01-02\nt: 2024-01-02T03:04:05Z\nu: 2016-03-11T13:03:17.063493443Z\nv: 2001-12-14 21:59:43.10 -5\n",
    "2024-01-02: a\n2024-01-03 10:00:00: b\n",  # timestamps as keys
    "d: 2024-02-30\n",  # a date that is no date
    "d: 2024-02-30\ne: [1\n",  # and invalid YAML after it
    "k:\n  2024-01-02: a\n  '2024-01-02': b\n",  # two keys that read as one
    "? [a, b]\n: c\n",  # a key that is a collection
    "---\na: 1\n---\nb: 2\n",  # two documents
    "",
    "# only a comment\n",
    "null\n",
    "just a string\n",
    "- 1\n- [2, [3, {a: [4]}]]\n- {}\n- []\n",
    "a: .inf\nb: -.Inf\nc: .nan\n",
    "a: " + "9" * 400 + "\n",
    "a: " + "9" * 2000 + "\n",
    "a: 1e400\n",
    "? " + "9" * 400 + "\n: x\n",
    'a: "\\ud800"\n',
    '"\\ud800": x\n',
    "a: !!binary aGVsbG8=\n",
    "s: !!set {a, b}\n",
    "o: !!omap [a: 1, b: 2]\n",
    "a: [1, 2\n",  # invalid
    "a: b: c\n",  # invalid
    "a:\n- x\n - y\n",  # invalid
    "k: &anchor value\nm: plain\n",  # an anchor no alias uses
    "%YAML 1.1\n---\na: 1\n",
    "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n",
    "'x': {'y': [\"z\"]}\n",
    "a: 0o17\nb: 017\nc: 190:20:30\nd: +12\ne: 1.0e+3\nf: Yes\ng: off\nh: NULL\n",
    "[" * 200 + "]" * 200 + "\n",
    "[" * 201 + "]" * 201 + "\n",
    "a:\n" + "".join(" " * i + "- \n" for i in range(1, 60)),
    "=: x\n",
    "\ufeffa: 1\n",  # a byte order mark
    "a: 1\r\nb: [x, y]\r\n",
    "a: 1\n...\n",
    "'" + "k" * 2000 + "': 1\n",  # a key longer than YAML's simple keys
    "? a\n: b\n",
    "a: \"caf\\u00e9 \\x41\"\nb: 'it''s'\n\u00e9t\u00e9: [\u00e0]\n",
    "a:\n\tb: 1\n",  # a tab where indentation is
    "a: 1\nb:\n  - c: 2\n    d: [3, {e: f}]\n  - - g\n    - h\n",
]


def _read(text: str) -> tuple[str, Any]:
    try:
        data, problems = sources.parse_document(text.encode("utf-8", "surrogatepass"), Origin(file="doc.yaml"))
    except sources.SourceError as exc:
        return "refused", (exc.code, exc.message)
    return "read", (data, [(p.severity, p.code, p.origin.pointer, p.message) for p in problems])


def _full(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Any]:
    def not_plain(*_args: object) -> Any:
        raise yaml_events.NotPlainError

    with monkeypatch.context() as patch:
        patch.setattr(sources, "read_plain", not_plain)
        return _read(text)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_events_read_what_the_full_reader_reads(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _read(text) == _full(text, monkeypatch)


def _documents() -> list[Path]:
    roots = [ROOT / "specs", ROOT / "tests", SHARED / "corpus", SHARED / "seeds"]
    return sorted(path for root in roots if root.is_dir() for path in root.rglob("*.y*ml") if path.is_file())


def test_every_yaml_document_at_hand_reads_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = _documents()
    if not any(SHARED.joinpath("corpus").rglob("*.yaml")):
        pytest.skip(f"{SHARED / 'corpus'} is not here: only the project's own documents would be read")
    differ = []
    for path in documents:
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        if _read(text) != _full(text, monkeypatch):
            differ.append(str(path))
    assert differ == []


def test_a_plain_document_is_read_once_from_its_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """The full reader is not started for a document of maps, lists and plain scalars (integer keys too)."""
    started: list[str] = []
    monkeypatch.setattr(sources, "_load_yaml", lambda text, marks: started.append(text))
    kind, (data, problems) = _read(TEXTS[0] + "x:\n  200: {a: [1, 2.5, true, null]}\n")
    assert (kind, started, problems) == ("read", [], [])
    assert data["x"] == {"200": {"a": [1, 2.5, True, None]}}


def test_the_depth_limit_is_counted_while_reading() -> None:
    assert _read("[" * 201 + "]" * 201)[1][0] == "E004"
    assert _read("[" * 200 + "]" * 200)[0] == "read"
