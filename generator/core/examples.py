"""Example values for schemas, as JSON: the spec's own example where it gives one, else one made from the schema.

Every style's README examples and test data start from these values.
Made-up values satisfy the schema's format, enum, bounds, item counts and
uniqueness; a pattern that has no example gets the first of a few common shapes
that matches it, or is left to the spec.
"""

from __future__ import annotations

import functools
import json
import math
from typing import Any

from .. import ir
from ..pattern_examples import matching_text
from ..patterns import search
from ..value_limits import MAX_VALUE_SIZE, ValueTooLargeError, portable_json
from .discriminators import tagged
from .schemas import SchemaIndex

_FORMATS: dict[str, Any] = {
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "date": "2024-01-31",
    "date-time": "2024-01-31T12:00:00Z",
    "uri": "https://example.com/resource",
    "url": "https://example.com/resource",
    "email": "user@example.com",
    "binary": "",
    "byte": "",
}
_SHAPES = (
    "string",
    "a",
    "A",
    "0",
    "abc123",
    "Abc123",
    "example",
    "2024-01-31",
    "user@example.com",
    "https://example.com/x",
    "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "Abc123!#",
    "//Abc123!#",
)
"""Tried in turn for a pattern without an example (the last: password rules, some written between slashes)."""
_MAX_DEPTH = 6
_MAX_TEST_DEPTH = 64
"""Test data goes deeper: a model is never entered again inside itself."""
_FULL_DEPTH = 12
"""Below this depth test data holds only required properties, so a deep API (Kubernetes) stays small and whole."""


def example_json(
    index: SchemaIndex,
    schema: ir.Schema,
    depth: int = 0,
    *,
    full: bool = False,
    reading: bool = False,
    test: bool = False,
    seen: frozenset[str] = frozenset(),
) -> Any:
    """A JSON value valid for ``schema`` (as far as one can be made without solving regexes).

    Objects get their required properties, without read-only ones. For test
    data (``test``, implied by ``full``) models nest deeper but never inside
    themselves; with ``full`` objects get every property the ``reading``
    (response) or writing (request) side sees, and required read-only ones.
    ``ValueTooLargeError`` when the value would be larger than ``MAX_VALUE_SIZE``, ``NoFiniteValueError``
    (one of them) when required properties lead back to their own model with nothing to break the cycle.
    """
    try:
        return _example(index, schema, depth, full=full, reading=reading, test=test, seen=seen, spent=[0])
    except _CycleError:
        raise NoFiniteValueError("required properties that lead back to their own model") from None


@functools.lru_cache(maxsize=1 << 14)
def _parsed(text: str) -> tuple[bool, Any]:
    """The value of a spec's example or default, with whether it is a scalar (shared; never changed)."""
    value = json.loads(text)
    return not isinstance(value, (dict, list)), value


def _given(text: str) -> Any:
    """A spec's example or default as a value: a scalar parsed once for all its uses (a big API repeats its
    examples by the thousand), an object or array anew each time (the caller may build on it)."""
    scalar, value = _parsed(text)
    return value if scalar else json.loads(text)


def _chosen(union: ir.UnionSchema, number: int, value: Any) -> Any:
    """A variant's value with the discriminator value that chooses that variant (a copy: examples are shared)."""
    disc = tagged(union)
    if disc is None or not disc.tags[number] or not isinstance(value, dict):
        return value
    return {**value, disc.property_name: disc.tags[number][0]}


def _variant_order(index: SchemaIndex, union: ir.UnionSchema) -> list[int]:
    """The variants to try for an example, in order: last those whose own tag property refuses the tag choosing them.

    An inheritance parent whose tag property is an enum of its children's values only (Azure's
    ``x-ms-discriminator-value`` children) has no value of its own: its example would carry a
    child's tag once repaired, and so be read as that child, without the child's required properties.
    """
    disc = tagged(union)
    numbers = range(len(union.variants))
    if disc is None:
        return list(numbers)
    refused = [
        n for n in numbers if disc.tags[n] and not _takes(index, union.variants[n], disc.property_name, disc.tags[n][0])
    ]
    return [n for n in numbers if n not in refused] + refused


def _takes(index: SchemaIndex, variant: ir.Schema, name: str, tag: str) -> bool:
    """Whether ``variant``'s property ``name`` may hold ``tag`` (as far as its enum says)."""
    resolved = index.resolve(variant)
    if not isinstance(resolved, ir.ObjectSchema):
        return True
    prop = next((p for p in resolved.properties if p.name == name), None)
    kind = None if prop is None else index.resolve(prop.schema)
    return not isinstance(kind, ir.EnumSchema) or tag in kind.values


def _example(
    index: SchemaIndex,
    schema: ir.Schema,
    depth: int,
    *,
    full: bool,
    reading: bool,
    test: bool,
    seen: frozenset[str],
    spent: list[int],
) -> Any:
    test = test or full
    for given in (schema.info.example_json, schema.info.default_json):
        if given is not None and portable_json(given):
            _spend(spent, len(given))
            return _given(given)
    if depth > (_MAX_TEST_DEPTH if test else _MAX_DEPTH):
        return None
    full = full and depth <= _FULL_DEPTH

    def sub(inner: ir.Schema, names: frozenset[str] = seen) -> Any:
        return _example(index, inner, depth + 1, full=full, reading=reading, test=test, seen=names, spent=spent)

    if isinstance(schema, ir.RefSchema):
        if test and schema.name in seen:
            raise _CycleError  # broken above by an empty array, a null or a left-out property, else no value exists
        return _model(index, schema, depth, full, reading, test, seen, spent)
    if isinstance(schema, ir.EnumSchema):
        _spend(spent, size(schema.values[0]))
        return schema.values[0]
    if isinstance(schema, ir.PrimitiveSchema):
        value = _primitive(schema)
        _spend(spent, size(value))
        return value
    if isinstance(schema, ir.ArraySchema):
        count = max(1, schema.min_items or 0)
        if schema.max_items is not None:
            count = min(count, schema.max_items)
        if count > MAX_VALUE_SIZE:
            raise ValueTooLargeError(f"{count} items")
        try:
            item = sub(schema.items)
        except _CycleError:
            if schema.min_items:
                raise
            return []
        _spend(spent, (count - 1) * size(item))
        items = [item] * count
        return [distinct_item(item, i) for i, item in enumerate(items)] if schema.unique_items else items
    if isinstance(schema, ir.ObjectSchema):
        _spend(spent, 1)  # an object counts even when empty: nested objects alone can grow a value past any bound
        result: dict[str, Any] = {}
        for prop in schema.properties:
            if not _wanted(index, prop, full, reading, seen):
                continue
            _spend(spent, len(prop.name))
            try:
                result[prop.name] = sub(prop.schema)
            except _CycleError:
                if prop.required and not (prop.schema.nullable or index.resolve(prop.schema).nullable):
                    raise
                if prop.required:
                    result[prop.name] = None
        return result
    if isinstance(schema, ir.UnionSchema):
        order = _variant_order(index, schema)
        for position, number in enumerate(order):
            try:
                return _chosen(schema, number, sub(schema.variants[number]))
            except _CycleError:
                if position == len(order) - 1:
                    raise
        return None
    if isinstance(schema, ir.AnySchema):
        _spend(spent, 1)
        return {}
    return None


def _model(
    index: SchemaIndex,
    schema: ir.RefSchema,
    depth: int,
    full: bool,
    reading: bool,
    test: bool,
    seen: frozenset[str],
    spent: list[int],
) -> Any:
    """The part a model referenced by ``schema`` takes in an example, made once for where it stands (the same model
    at the same depth, with the same models around it, is the same value: Microsoft Graph's entities nest each other
    in thousands of examples). What it spent is spent again, and a cycle found in it is found again after what was
    spent before it, so a memory changes nothing: neither the value nor which error a budget or a cycle raises."""
    key = (schema, depth, full, reading, test, seen)
    made = index.parts.get(key)
    if made is None:
        before = spent[0]
        try:
            value = _example(
                index,
                index.named[schema.name].schema,
                depth + 1,
                full=full,
                reading=reading,
                test=test,
                seen=seen | {schema.name},
                spent=spent,
            )
        except _CycleError:
            index.parts[key] = (_CycleError, spent[0] - before)
            raise
        index.parts[key] = (value, spent[0] - before)
        return value
    value, cost = made
    _spend(spent, cost)
    if value is _CycleError:
        raise _CycleError
    return value


class _CycleError(Exception):
    """A required part of a test value leads back to a model being built."""


class NoFiniteValueError(ValueTooLargeError):
    """No finite value exists: required properties lead back to their own model (A requires B requires A).

    A ``ValueTooLargeError``, so the examples and tests that need one are left out as for a value too large."""


def _wanted(index: SchemaIndex, prop: ir.Property, full: bool, reading: bool, seen: frozenset[str]) -> bool:
    info = prop.schema.info
    if not full:
        return prop.required and not info.read_only
    if prop.required:
        return True
    if (info.read_only and not reading) or (info.write_only and reading):
        return False
    return not (_refs(prop.schema) & seen)


def _refs(schema: ir.Schema) -> set[str]:
    """Names of the models a value of ``schema`` is made of at its top level."""
    if isinstance(schema, ir.RefSchema):
        return {schema.name}
    if isinstance(schema, ir.ArraySchema):
        return _refs(schema.items)
    if isinstance(schema, ir.UnionSchema):
        return {name for v in schema.variants for name in _refs(v)}
    return set()


def size(value: Any) -> int:
    """What ``value`` counts against ``MAX_VALUE_SIZE``: its characters and items, one per other scalar."""
    if isinstance(value, str):
        return max(1, len(value))
    if isinstance(value, list):
        return 1 + sum(size(v) for v in value)
    if isinstance(value, dict):
        return 1 + sum(len(str(k)) + size(v) for k, v in value.items())
    return 1


def _spend(spent: list[int], amount: int) -> None:
    spent[0] += amount
    if spent[0] > MAX_VALUE_SIZE:
        raise ValueTooLargeError(f"a value of more than {MAX_VALUE_SIZE} characters and items")


def distinct_item(value: Any, index: int) -> Any:
    """The ``index``-th of distinct items made from ``value``, for a unique-items array."""
    if index == 0 or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return f"{value}{index}"
    if isinstance(value, (int, float)):
        return value + index
    return value


def ecma_search(pattern: str, text: str) -> bool | None:
    """Whether ``text`` contains a match of ECMA-262 ``pattern`` (RE2, linear time); None if RE2 cannot take it."""
    return search(pattern, text)


def _primitive(schema: ir.PrimitiveSchema) -> Any:
    c = schema.constraints
    if schema.kind == "boolean":
        return True
    if schema.kind in ("integer", "number"):
        low = (
            c.minimum if c.minimum is not None else (c.exclusive_minimum + 1 if c.exclusive_minimum is not None else 1)
        )
        high = (
            c.maximum
            if c.maximum is not None
            else (c.exclusive_maximum - 1 if c.exclusive_maximum is not None else None)
        )
        value = low if high is None or low <= high else high
        if not within(c, value):  # an interval narrower than the steps above (portfoliooptimizer's (0, 1))
            value = _between(c, schema.kind == "integer", value)
        if c.multiple_of:
            value = _next_multiple(value, c.multiple_of)
        return math.ceil(value) if schema.kind == "integer" else float(value)
    if schema.kind == "null":
        return None
    if schema.format in _FORMATS:
        known = _FORMATS[schema.format]
        if c.pattern is None or ecma_search(c.pattern, known) is not False:
            return known
        if ecma_search(c.pattern, known.upper()):
            return known.upper()  # loket.nl's UUIDs: upper-case hex, still a UUID to every client's check
        # the document's pattern refuses the format's value (amadeus' email pattern asks for a backslash before
        # its dot): a text the pattern takes instead, as for a string without a format
    if c.pattern is None:
        return _fit(_SHAPES[0], c.min_length, c.max_length)
    shapes = [_fit(shape, c.min_length, c.max_length) for shape in _SHAPES]
    fitting = next((s for s in shapes if ecma_search(c.pattern, s)), None)
    made = fitting if fitting is not None else matching_text(c.pattern, c.min_length, c.max_length)
    return made if made is not None else shapes[0]


def within(c: ir.Constraints, value: float) -> bool:
    """Whether ``value`` keeps the bounds of ``c`` (minimum, maximum, and their exclusive forms)."""
    return not (
        (c.minimum is not None and value < c.minimum)
        or (c.maximum is not None and value > c.maximum)
        or (c.exclusive_minimum is not None and value <= c.exclusive_minimum)
        or (c.exclusive_maximum is not None and value >= c.exclusive_maximum)
    )


def _between(c: ir.Constraints, integer: bool, fallback: float) -> float:
    """A value inside both bounds of ``c``: for an integer the least one above the lower bound, for a number the
    middle; ``fallback`` where there is none (the bounds leave no room, or only one bound is given)."""
    lows = [bound for bound in (c.minimum, c.exclusive_minimum) if bound is not None]
    highs = [bound for bound in (c.maximum, c.exclusive_maximum) if bound is not None]
    if not lows or not highs:
        return fallback
    low, high = max(lows), min(highs)
    made = (math.ceil(low), math.floor(low) + 1) if integer else (low / 2 + high / 2,)
    return next((value for value in made if within(c, value)), fallback)


def _next_multiple(value: float, step: float) -> float:
    """The least multiple of ``step`` from ``value`` on, in exact arithmetic (``value / 5e-324`` overflows)."""
    from fractions import Fraction  # with decimal under it: only a document with ``multipleOf`` needs them

    exact = math.ceil(Fraction(value) / Fraction(step)) * Fraction(step)
    try:
        return float(exact)
    except OverflowError:
        return value


def _fit(text: str, min_length: int | None, max_length: int | None) -> str:
    if min_length is not None and min_length > MAX_VALUE_SIZE:
        raise ValueTooLargeError(f"a string of {min_length} characters")
    if min_length is not None and len(text) < min_length:
        text = text + "x" * (min_length - len(text))
    if max_length is not None:
        text = text[:max_length]
    return text


def readme_json(index: SchemaIndex, schema: ir.Schema) -> Any:
    """``example_json`` for a README, None where the value would be too large to show."""
    try:
        return example_json(index, schema)
    except ValueTooLargeError:
        return None
