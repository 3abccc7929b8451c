"""Work of the Python style that must not be redone for what a big document repeats: found by profiling
cold runs on the largest documents (ec2's 1,188 operations, loket's 6 MB, GitHub's API, pay-passes' models).

Each test counts the calls of the step that was repeated, or holds a faster reading to its plain definition.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import black
import pytest
from shared_models import shared_models

from generator.core import naming
from generator.core.style import PackageSpec
from generator.diagnostics import Diagnostics
from generator.loaders import validate
from generator.sources import Document
from generator.styles.python import imports, selfcheck, stub_cases
from generator.styles.python.package import build_package
from generator.styles.python.pyliterals import literal_statement
from generator.styles.python.pysplit import LINE_LENGTH
from generator.styles.python.stubs import build_stubs
from generator.styles.python.types import py_literal


@pytest.fixture
def counted(count_calls: Callable[..., Counter[str]]) -> Counter[str]:
    """Calls of the steps the test cases spell values with, as ``stub_cases`` makes them."""
    return count_calls(stub_cases, "render", "canonical", "violations", "arg_code")


def test_a_model_many_operations_share_is_spelled_once_for_the_suite(load_spec: Any, counted: Counter[str]) -> None:
    """The body, what it decodes to, the argument and the values refused: made for the first operation only."""
    spec = PackageSpec(package="t", title=None, base_url=None, env_prefix="T", header="")
    found = []
    for count in (2, 8):
        api, _ = load_spec(shared_models(count))
        assert api is not None
        pkg = build_package(api, spec, Diagnostics())
        counted.clear()
        suite = build_stubs(api, pkg)
        assert sum(len(module.tests) for module in suite.modules) >= 4 * count  # every operation is still tested
        found.append(dict(counted))
    assert found[0] == found[1], found
    assert found[0]["violations"] >= 2  # the body's and the query parameter's: made, once each


_DEFINITION_PIECES = (
    *("x", "A1", "_y", "async ", "def ", "class ", "f", "1", "é", " ", "\t", "\n", "\n\n", ":", "=", "==", "(", ")"),
    *("if x == y:", "name: int = 1", "  z = 2", "def g(", "class C:", "# c = 3", "\r\n", "async def h", "=="),
)
_REFERENCE_DEFINED = re.compile(
    r"^(?:(?:async )?def |class )([A-Za-z_][A-Za-z0-9_]*)|^([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::|=(?!=))", re.MULTILINE
)


def test_top_level_names_are_those_a_line_start_anchored_pattern_finds() -> None:
    """Found from each line break (fast), they are the names ``^`` at every line start finds: the first line's
    too, an ``==`` defining nothing, an indented line defining nothing."""
    rng = random.Random(20261206)
    for _ in range(3000):
        source = "".join(rng.choice(_DEFINITION_PIECES) for _ in range(rng.randint(1, 25)))
        expected = {d or a for d, a in _REFERENCE_DEFINED.findall(source)}
        assert imports.defined_names(source) == expected, source


def test_the_runs_of_an_ascii_text_are_the_identifiers_a_pattern_finds() -> None:
    """Split at C speed when the text is ASCII: runs that start with a digit name nothing, ``_`` is a word
    character, every other ASCII character (controls included) separates."""
    rng = random.Random(7)
    alphabet = [chr(code) for code in range(128)] + ["ab", "_9", "9a", "é", "x"] * 20
    for _ in range(2000):
        code = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        expected = set(re.findall(r"\b[A-Za-z_][A-Za-z0-9_]*", code))
        assert imports._identifiers(code) == expected, repr(code)


def test_a_module_longer_than_a_part_gives_every_identifier_once_across_the_cuts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A big module is translated and split a part at a time, cut only at line breaks: no run is cut in two."""
    monkeypatch.setattr(imports, "_PART", 7)
    rng = random.Random(11)
    alphabet = ["\n", " ", "(", "ab", "_9", "9a", "x", "long_name", "\n\n"]
    for _ in range(500):
        code = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        expected = set(re.findall(r"\b[A-Za-z_][A-Za-z0-9_]*", code))
        assert imports._identifiers(code) == expected, repr(code)


def black_layout(code: str, indent: int) -> str:
    """Black's lines for the one-line statement ``code`` at ``indent`` (inside ``if x:`` blocks, taken out)."""
    prefix = "".join("    " * level + "if x:\n" for level in range(indent // 4))
    mode = black.Mode(line_length=LINE_LENGTH, target_versions={black.mode.TargetVersion.PY310})
    formatted = black.format_str(f"{prefix}{' ' * indent}{code}\n", mode=mode)
    return "\n".join(formatted.rstrip("\n").split("\n")[indent // 4 :])


_LONG_TARGET = (
    "PUT_A_LONG_OPERATION_NAME_BY_ITS_IDENTIFIER_BODY = "
    "models.GetALongOperationNameByItsIdentifierResponseContentBody.from_dict({})"
)
_VALUES: list[object] = [
    {"city": "Rome", "name": "Ben Hur"},
    {"emailAddress": "info@example.com", "faxNumber": "(088) 31 11149", "phoneNumber": "(088) 31 11150", "x": 1},
    {"address": {"city": "Leiden", "country": {"key": 1}, "street": "Voordijk" * 3, "houseNumber": 12}, "n": None},
    [{"a": ["b" * 30, "c" * 30, "d" * 30]}, 1.5, True],
    {"body": "x" * 200},
    {"text": "é" * 70, "wide": "漢字" * 30},
    {"k": "漢"},
]


@pytest.mark.parametrize("indent", [0, 4, 8])
@pytest.mark.parametrize("value", _VALUES)
def test_a_model_constant_whose_call_does_not_fit_its_line_is_black_s_own_layout(value: object, indent: int) -> None:
    """``NAME = (``, the call on its line or split at its parentheses, ``)``: what black writes when the line
    opening the call would be too long, laid out without black whenever every line of it surely fits."""
    code = _LONG_TARGET.format(py_literal(value))
    expected = black_layout(code, indent)
    lines = literal_statement(code, indent)
    laid = None if lines is None else "\n".join(lines)
    wide = re.compile("[\u1100-\U0010ffff]")  # black may count these twice
    surely_fits = all(len(line) + len(wide.findall(line)) <= LINE_LENGTH for line in expected.split("\n"))
    if expected.startswith(" " * indent + _LONG_TARGET.partition("models")[0] + "(\n") and surely_fits:
        assert laid == expected
    else:  # black kept its first split (a line too long), or a width depends on which characters are wide
        assert laid is None


_CLASS_PIECES = ("class C:", "\n", "    x = 1", "\n\n", "    def f(self):", "        pass", "\r", "\f", "\t", "y", " ")
_REFERENCE_FIRST_COLUMN = re.compile(r"[\r\f]|\n[^ \t\n]")


def test_a_class_is_cut_into_members_exactly_when_no_later_line_starts_at_the_first_column() -> None:
    """Found by ``str.find`` and a line-break search, as one pattern of three alternatives found it."""
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(_CLASS_PIECES) for _ in range(rng.randint(1, 20)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = _REFERENCE_FIRST_COLUMN.search(text, start, end) is not None
        assert selfcheck._leaves_first_column(text, start, end) == expected, (text, start, end)


def test_the_words_of_a_name_are_split_once_and_handed_out_as_a_new_list() -> None:
    """Remembered for the names a big API repeats; a caller changing its list changes no later answer."""
    first = naming.words("getHTTPResponse_v2Élan")
    assert first == ["get", "HTTP", "Response", "v2", "Elan"]
    first.append("changed")
    assert naming.words("getHTTPResponse_v2Élan") == ["get", "HTTP", "Response", "v2", "Elan"]
    for reserved in (["class", "get_http"], frozenset({"class", "get_http"}), ("class", "get_http")):
        assert naming.snake("getHTTP", reserved=reserved) == "get_http_"
        assert naming.snake("class", reserved=reserved) == "class_"
        assert naming.snake("other", reserved=reserved) == "other"


def _document(data: object) -> Document:
    return Document(path=Path("d.json"), display="d.json", data=data)


def test_a_document_validated_once_is_found_in_the_cache_however_its_values_are_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its key is the data's ``marshal`` form, without back-references: the same data, read again with its
    strings shared or not, is the same entry; other data is another."""
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path))
    validated: list[object] = []

    def findings(document: Document, dialect: Any) -> list[tuple[str, str, str]]:
        validated.append(document.data)
        return [("/info", "a finding", "kind")]

    monkeypatch.setattr(validate, "_findings", findings)
    text = "x" * 40
    shared = {"openapi": "3.0.3", "info": {"title": text, "version": text}, "paths": {}}
    fresh = json.loads(json.dumps(shared))
    assert fresh["info"]["title"] is not fresh["info"]["version"]
    first = validate._cached_findings(_document(shared), "3.0", True)
    assert validate._cached_findings(_document(fresh), "3.0", True) == first == [("/info", "a finding", "kind")]
    assert len(validated) == 1
    validate._cached_findings(_document({**shared, "paths": {"/a": {}}}), "3.0", True)
    validate._cached_findings(_document({**shared, "paths": {"/a": []}}), "3.0", True)
    assert len(validated) == 3


def test_a_piece_two_modules_share_is_compiled_once_and_an_error_beside_it_is_still_found(
    monkeypatch: pytest.MonkeyPatch, selfcheck_compiles: list[str]
) -> None:
    """The functions a template writes in every module are proven once per process; each module's own code is
    still compiled, and its errors still reported."""
    monkeypatch.setenv("GENERATOR_NO_CACHE", "1")
    monkeypatch.setattr(selfcheck, "_PROVEN", set())
    monkeypatch.setattr(selfcheck, "_PROVEN_PIECES", set())
    compiled = selfcheck_compiles
    shared = "def sync_call(api: object) -> object:\n    return api\n"
    first = f"X = 1\n\n\n{shared}\n\ndef first() -> int:\n    return 1\n"
    second = f"Y = 2\n\n\n{shared}\n\ndef second() -> int:\n    return 2\n"
    broken = f"Z = 3\n\n\n{shared}\n\ndef third() -> int:\n    return (\n"
    assert selfcheck.syntax_error(first, "a.py") is None
    assert selfcheck.syntax_error(second, "b.py") is None
    assert compiled.count(shared) == 1
    assert len(compiled) == 5  # each module's own two pieces, the shared one once
    error = selfcheck.syntax_error(broken, "c.py")
    assert error is not None and error[0] == 9
