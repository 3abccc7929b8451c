"""The pattern policy: ECMA-262 to RE2, which patterns the clients check, linear-time evaluation."""

from __future__ import annotations

import time

import pytest

from generator import patterns
from generator.core.examples import example_json
from generator.value_limits import MAX_VALUE_SIZE, ValueTooLargeError


@pytest.mark.parametrize(
    ("pattern", "kind", "why"),
    [
        ("^[0-9a-f]{32}\\.(png|jpe?g|webp)$", "checked", ""),
        ("^[\\w.+-]+@[\\w-]+(\\.[\\w-]+)*$", "checked", ""),
        ("^\\d+(,\\d+)*$", "checked", ""),
        ("([a-z0-9]+\\.)+[a-z]{2,}", "checked", ""),
        ("^(a+)+$", "backtracking", "split the same text"),
        ("(\\s*\\w+\\s*)*", "backtracking", "split the same text"),
        ("(\\d+\\.?)+x", "backtracking", "split the same text"),
        ("(a|ab)*c", "backtracking", "alternatives that can start alike"),
        ("(x(a|a))+", "backtracking", "alternatives that can start alike"),
        ("^(?=.*\\d)[a-z\\d]+$", "unsupported", "lookahead"),
        ("(?<!a)b", "unsupported", "lookbehind"),
        ("(a)\\1", "unsupported", "backreference"),
        ("(?<x>a)\\k<x>", "unsupported", "backreference"),
        ("a{1001}", "unsupported", "RE2 cannot compile"),
        ("\\p{L}+", "unsupported", "Unicode property"),
        ("(", "unsupported", "missing `)`"),
        ("*a", "unsupported", "nothing to repeat"),
        ("a" * (patterns.MAX_PATTERN + 1), "unsupported", "longer than"),
    ],
)
def test_classification(pattern: str, kind: str, why: str) -> None:
    verdict = patterns.classify(pattern)
    assert verdict.kind == kind
    assert why in verdict.reason
    assert patterns.client_pattern(pattern) == (pattern if kind == "checked" else None)


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("^a$", "a\n", False),  # ECMA `$` is the end of the input (Python's `$` also takes a final newline)
        ("^\\d$", "\u0663", False),  # ECMA `\d` is ASCII
        ("\\s", "\u3000", True),  # ECMA `\s` takes Unicode spaces
        ("^.$", "\r", False),  # ECMA `.` takes no line terminator
        ("^\\/x$", "/x", True),
        ("^\\u00e9$", "\u00e9", True),
        ("^\\uD83D\\uDE00$", "\U0001f600", True),
        ("[^]", "\n", True),
        ("[]", "a", False),
        ("x{", "x{", True),
        ("^[\\b]$", "\b", True),
        ("(?=a)", "a", None),
    ],
)
def test_ecma_semantics(pattern: str, text: str, found: bool | None) -> None:
    assert patterns.search(pattern, text) is found


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("a*", (0, None, 2)),
        ("a+?", (1, None, 2)),
        ("a?", (0, 1, 2)),
        ("a{3}", (3, 3, 4)),
        ("a{3,}b", (3, None, 5)),
        ("a{2,5}", (2, 5, 6)),
        ("a{,5}", None),
        ("a{x}", None),
        ("a", None),
    ],
)
def test_a_quantifier_after_the_first_character(text: str, bounds: tuple[int, int | None, int] | None) -> None:
    """One reading of quantifiers serves the checks' parser and the examples' reader: (least, most, end)."""
    assert patterns.quantifier(text, 1) == bounds


def test_catastrophic_patterns_run_in_linear_time() -> None:
    start = time.monotonic()
    assert patterns.search("^(a+)+$", "a" * 100_000 + "!") is False
    assert patterns.iregexp("(a+)+$", whole=False) is not None
    assert patterns.iregexp("(a+)+!", whole=True).search("a" * 100_000 + "!") is not None  # type: ignore[union-attr]
    assert time.monotonic() - start < 2


def test_iregexp_has_no_anchors_and_dot_stops_at_line_ends() -> None:
    whole = patterns.iregexp("a.c", whole=True)
    assert whole is not None and whole.search("abc") and not whole.search("a\nc")  # type: ignore[attr-defined]
    dollar = patterns.iregexp("b$", whole=False)
    assert dollar is not None and dollar.search("ab$") and not dollar.search("ab")  # type: ignore[attr-defined]


def test_the_validator_evaluates_patterns_in_linear_time() -> None:
    from openapi_schema_validator import OAS30Validator

    patterns.use_re2_in_validator()  # as the generator does before it runs the validator

    start = time.monotonic()
    errors = list(OAS30Validator({"type": "string", "pattern": "^(a+)+$"}).iter_errors("a" * 50 + "!"))
    assert len(errors) == 1 and "does not match" in errors[0].message
    assert not list(OAS30Validator({"type": "string", "pattern": "(?=x)"}).iter_errors("a"))  # not evaluated
    assert time.monotonic() - start < 2


def _string(**constraints: object) -> object:
    from generator.ir import Constraints, Origin, PrimitiveSchema

    return PrimitiveSchema(kind="string", constraints=Constraints(**constraints), origin=Origin(file="x"))  # type: ignore[arg-type]


def _mapper() -> object:
    from generator.core.schemas import SchemaIndex

    return SchemaIndex(named={}, kinds={}, hoisted=[], inline={})


def test_values_beyond_the_bound_are_not_built() -> None:
    from generator.ir import ArraySchema, Origin

    mapper = _mapper()
    with pytest.raises(ValueTooLargeError):
        example_json(mapper, _string(min_length=MAX_VALUE_SIZE + 1))  # type: ignore[arg-type]
    with pytest.raises(ValueTooLargeError):
        example_json(mapper, ArraySchema(items=_string(), min_items=3_000_000_000, origin=Origin(file="x")))  # type: ignore[arg-type]
    nested = ArraySchema(items=_string(min_length=60_000), min_items=60_000, origin=Origin(file="x"))  # type: ignore[arg-type]
    with pytest.raises(ValueTooLargeError):
        example_json(mapper, nested)  # type: ignore[arg-type]
    assert len(example_json(mapper, _string(min_length=MAX_VALUE_SIZE))) == MAX_VALUE_SIZE  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fmt", "pattern", "expected"),
    [
        ("email", None, "user@example.com"),  # no pattern: the format's value
        ("email", "^[a-z]+@[a-z.]+$", "user@example.com"),  # a pattern it matches: the format's value still
        ("uri", "^https://", "https://example.com/resource"),
        ("email", r"^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+$", None),  # amadeus: a backslash before the dot
        ("uri", "^urn:[a-z]+$", None),
        ("uuid", "^[{(]?[0-9A-F]{8}[-]?([0-9A-F]{4}[-]?){3}[0-9A-F]{12}[)}]?$", "3FA85F64-5717-4562-B3FC-2C963F66AFA6"),
    ],
)
def test_a_format_s_value_the_pattern_refuses_gives_way_to_a_text_it_takes(
    fmt: str, pattern: str | None, expected: str | None
) -> None:
    from dataclasses import replace

    schema = replace(_string(pattern=pattern, min_length=3, max_length=90), format=fmt)  # type: ignore[type-var]
    value = example_json(_mapper(), schema)  # type: ignore[arg-type]
    if expected is not None:
        assert value == expected
    else:
        assert isinstance(value, str) and 3 <= len(value) <= 90
        assert pattern is not None and patterns.search(pattern, value) is True, value
