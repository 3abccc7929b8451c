"""Test data for every style: valid values, what the client refuses, and markers for how a style writes them.

Values are JSON first (from ``examples.example_json``), repaired where a spec's own
example breaks its schema. ``violations`` makes, for one argument, a value per
constraint the clients check before sending, each one breaking that constraint
only, so a test fails if that check is lost. A style only spells these values:
``Bad`` (a forbidden leaf passed as it is), ``Repeat`` (a long list written short)
and ``Code`` (code written as it is).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from .. import ir
from ..immutable import immutable
from ..patterns import client_pattern
from ..value_limits import MAX_VALUE_SIZE, ValueTooLargeError
from .discriminators import tagged
from .examples import distinct_item, ecma_search, example_json, readme_json, size, within
from .literals import Spelling, literal
from .schemas import SchemaIndex

_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?"
)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DATE_FORMATS = ("date", "date-time")
_MODEL_DEPTH = 4
_REPAIR_DEPTH = 4
"""How many models deep forbidden values are looked for."""
_WALK_DEPTH = 100
"""A guard only: example values are finite, and Kubernetes nests references past twenty levels."""


@immutable
class Bad:
    """A forbidden leaf value: passed as it is, never converted (no Enum(...), no date parsing)."""

    value: Any


@immutable
class Repeat:
    """``count`` copies of ``item`` in a list, written ``[item] * count`` so a long list stays short."""

    item: Any
    count: int


@immutable
class _Unmade:
    """A leaf no acceptable value was found for (a pattern nothing matches, or none this reading finds), or an object
    or list holding one where it cannot be left out (a required property, an item).

    An optional property holding one is left out of the example; anywhere else the made-up ``value`` stays, and
    ``unmakeable`` says so of the whole example.
    """

    value: Any


@immutable
class Code:
    """Code written as it is, such as the name of a test's local variable."""

    text: str


def marked(literals: Spelling, *, bad: Callable[[Any], str], repeat: Callable[[str, int], str]) -> Spelling:
    """A style's ``literals`` that also write the markers: a ``Bad`` leaf by ``bad`` (its value passed as it is),
    a ``Repeat`` by ``repeat`` (its item already written, and the count), ``Code`` as it is."""

    def leaf(value: Any) -> str:
        if isinstance(value, Bad):
            return bad(value.value)
        if isinstance(value, Code):
            return value.text
        if isinstance(value, Repeat):
            return repeat(literal(value.item, spelling), value.count)
        return literals.scalar(value)

    spelling = replace(literals, scalar=leaf)
    return spelling


KINDS = frozenset(
    (
        "not_uuid",
        "pattern_mismatch",
        "not_in_enum",
        "too_short",
        "too_long",
        "below_minimum",
        "above_maximum",
        "at_exclusive_minimum",
        "at_exclusive_maximum",
        "too_few_items",
        "too_many_items",
        "repeated_items",
    )
)
"""Every kind of violation ``violations`` makes: a style maps each to the check of its client that refuses it."""


def kind_of(slug: str) -> str:
    """The kind of a violation: an item's (``item_too_long``, ``item_item_...``) is its item's own."""
    while slug.startswith("item_"):
        slug = slug[len("item_") :]
    return slug


@immutable
class Violation:
    slug: str
    """What is broken, for the test name (``not_uuid``, ``too_many_items``...): one of ``KINDS``, under ``item_``
    prefixes for an item's."""
    label: str
    """The parameter ``RequestValidationError`` must name."""
    value: Any
    """JSON, with Bad and Repeat markers, of the whole argument."""

    def __post_init__(self) -> None:
        if kind_of(self.slug) not in KINDS:  # a new kind is added to KINDS, so every style is asked to map it
            raise ValueError(f"violation {self.slug!r} is of no kind in KINDS")


def plain(value: Any) -> Any:
    """``value`` without markers, as the JSON a client sends for it."""
    if isinstance(value, Bad):
        return value.value
    if isinstance(value, Repeat):
        return [plain(value.item)] * value.count
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def example(index: SchemaIndex, schema: ir.Schema, *, reading: bool, full: bool = True) -> Any:
    """An example the client takes: with every property (``full``) or the required ones only.

    Made once per schema and package (big APIs return the same models from many
    operations); the value is shared, so no caller may change it. ``ValueTooLargeError``
    when the schema needs a value larger than ``MAX_VALUE_SIZE``.
    """
    made = _example(index, schema, reading, full)[0]
    if isinstance(made, _TooLarge):
        raise made.kind(made.message)
    return made


def unmakeable(index: SchemaIndex, schema: ir.Schema, *, full: bool = True) -> bool:
    """Whether the request example of ``schema`` (``example``) holds a part the client refuses that no value it
    takes was found for and that could not be left out (dataexchange's required ``CatalogId`` whose pattern
    ``.*/^[\\d]{12}$/.*`` nothing matches, in a required body); False for a value too large to build."""
    return _example(index, schema, False, full)[1]


def _example(index: SchemaIndex, schema: ir.Schema, reading: bool, full: bool) -> tuple[Any, bool]:
    """``example``'s value (or what it raises) and whether it is unmade, each made once per schema."""
    # A schema is keyed by its value (its place takes no part in equality or in the value): each operation
    # returning the same model, or a list of it written inline (Microsoft Graph's collections), shares one value.
    key = (schema, reading, full)
    if key not in index.examples:
        try:
            value = example_json(index, schema, full=full, reading=reading, test=True)
        except ValueTooLargeError as exc:  # remembered too: finding it out again costs the whole budget each time
            index.examples[key] = (schema, _TooLarge(type(exc), str(exc)), False)
        else:
            repaired = repair(index, schema, value)
            index.examples[key] = (schema, _made(repaired), isinstance(repaired, _Unmade))
    return index.examples[key][1], index.examples[key][2]


@immutable
class _TooLarge:
    """What ``example`` found for a schema whose value is too large (or has no finite value): raised again."""

    kind: type[ValueTooLargeError]
    message: str


def runnable_scalar(index: SchemaIndex, schema: ir.Schema) -> Any:
    """For a scalar argument (no date) whose README example the client refuses (loket.nl pairs the pattern ``date``
    with a date-time example): the value the request tests give it, for the fake-API tests that run the call;
    None when the README's example serves."""
    resolved = index.resolve(schema)
    if not isinstance(resolved, ir.PrimitiveSchema) or resolved.format in _DATE_FORMATS:
        return None
    if acceptable(resolved, readme_json(index, schema)):
        return None
    return plain(argument_example(index, schema, optional=False))


def argument_example(index: SchemaIndex, schema: ir.Schema, *, optional: bool) -> Any:
    """``example`` of a request argument; None (left out of the call) for an optional one the client would refuse.

    A pattern no text is found for (a document's ``"\\(\\?ms\\)..."`` that nothing
    matches) leaves no valid value; an optional argument is then simply not passed, nor an
    object that holds such a value where it cannot be left out (``unmakeable``).
    """
    value = example(index, schema, reading=False)
    if not optional:
        return value
    resolved = index.resolve(schema)
    if isinstance(resolved, (ir.PrimitiveSchema, ir.EnumSchema)):
        return value if acceptable(resolved, value) else None
    return None if unmakeable(index, schema) else value


def _made(value: Any) -> Any:
    return value.value if isinstance(value, _Unmade) else value


def repair(index: SchemaIndex, schema: ir.Schema, value: Any, *, depth: int = 0) -> Any:
    """``value`` with every part the client would refuse or cannot decode replaced by a made-up one.

    Spec examples sometimes break their own schema: a UUID one digit short, a
    date the runtime cannot parse, a value outside the enum or the bounds, a
    string where an object goes, an object without a required property.
    """

    def made_up(part: ir.Schema) -> Any:
        """An example of ``part`` that ignores the spec's own example at this level."""
        resolved = index.resolve(part)
        value = example_json(index, replace(resolved, info=ir.SchemaInfo()), test=True)
        # a required property that recurses has no finite value: stop repairing after a few levels
        return value if depth >= _REPAIR_DEPTH else repair(index, resolved, value, depth=depth + 1)

    def leaf(leaf_schema: ir.PrimitiveSchema | ir.EnumSchema, leaf_value: Any) -> Any:
        if acceptable(leaf_schema, leaf_value):
            return leaf_value
        made = _made(made_up(leaf_schema))  # what was made up may be unmade in turn: marked once
        return made if acceptable(leaf_schema, made) else _Unmade(made)

    return walk(index, schema, value, leaf, drop_none=False, fill=made_up)


def acceptable(schema: ir.PrimitiveSchema | ir.EnumSchema, value: Any) -> bool:
    """Whether the client takes ``value`` for ``schema``: its type, format, enum, pattern, length and bounds."""
    if isinstance(schema, ir.EnumSchema):
        return value in schema.values
    if schema.kind == "string":
        if not isinstance(value, str):
            return False
        if schema.format in _DATE_FORMATS:
            return parse_date(schema.format, value) is not None
        return _string_ok(schema, value)
    if schema.kind in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if schema.kind == "integer" and isinstance(value, float) and not value.is_integer():
            return False  # corrently.io's example gives 22.12 for an integer: Go's int64 cannot hold it
        return within(schema.constraints, value)
    if schema.kind == "boolean":
        return isinstance(value, bool)
    if schema.kind == "null":
        return value is None  # a spec's `{}` for a type no value but null has (docker-engine's `enum: [{}]`)
    return True


def parse_date(kind: str | None, value: Any) -> date | datetime | None:
    """The date as the runtime's ``parse_date``/``parse_datetime`` read it; None if they would refuse it."""
    if not isinstance(value, str):
        return None
    if kind == "date":
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    match = _DATETIME.fullmatch(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second = (int(p) for p in match.group(1, 2, 3, 4, 5, 6))
    micro = int((match.group(7) or "0")[:6].ljust(6, "0"))
    zone = None
    if match.group(8):
        zone = UTC
    elif match.group(9):
        offset = timedelta(hours=int(match.group(10)), minutes=int(match.group(11)))
        zone = timezone(-offset if match.group(9) == "-" else offset)
    try:
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError:
        return None


Leaf = Callable[[ir.PrimitiveSchema | ir.EnumSchema, Any], Any]


def walk(
    index: SchemaIndex,
    schema: ir.Schema,
    value: Any,
    leaf: Leaf,
    *,
    drop_none: bool,
    fill: Callable[[ir.Schema], Any] | None = None,
    depth: int = 0,
) -> Any:
    """``value`` with ``leaf`` applied to its scalars; ``fill`` makes up arrays, objects and required properties
    that are missing or of the wrong type."""
    return _walk(index, schema, value, leaf, drop_none, fill, depth)


def _walk(
    index: SchemaIndex,
    schema: ir.Schema,
    value: Any,
    leaf: Leaf,
    drop_none: bool,
    fill: Callable[[ir.Schema], Any] | None,
    depth: int,
) -> Any:
    """``walk``, its arguments in order (each node's call is most of the walk's time)."""
    if value is None or depth > _WALK_DEPTH:
        return value
    deeper = depth + 1
    if isinstance(schema, ir.RefSchema):
        return _walk(index, index.named[schema.name].schema, value, leaf, drop_none, fill, deeper)
    if isinstance(schema, ir.UnionSchema):
        variant = union_variant(index, schema, value)
        return value if variant is None else _walk(index, variant, value, leaf, drop_none, fill, deeper)
    if isinstance(schema, (ir.PrimitiveSchema, ir.EnumSchema)):
        return leaf(schema, value)
    if isinstance(schema, ir.ArraySchema):
        if isinstance(value, list):
            items = schema.items
            if fill is not None and None in value and not _takes_null(index, items):
                value = [fill(items) if v is None else v for v in value]  # velopayments' `categories: [null, null]`
            walked = [_walk(index, items, v, leaf, drop_none, fill, deeper) for v in value]
            made = [_made(v) for v in walked]
            return _Unmade(made) if any(isinstance(v, _Unmade) for v in walked) else made
        return value if fill is None else fill(schema)
    if isinstance(schema, ir.ObjectSchema):
        if not isinstance(value, dict):
            return value if fill is None else fill(schema)
        props = {p.name: p for p in schema.properties}
        extra = schema.additional_properties
        result: dict[str, Any] = {}
        unmade = False
        for key, item in value.items():
            prop = props.get(key)
            if prop is not None:
                if item is None and drop_none and not prop.required:
                    continue
                stepped = _walk(index, prop.schema, item, leaf, drop_none, fill, deeper)
                if isinstance(stepped, _Unmade):
                    if not prop.required:
                        continue
                    unmade = True
                result[key] = _made(stepped)
            elif not isinstance(extra, bool):
                if item is None and fill is not None and not _takes_null(index, extra):
                    item = fill(extra)  # alibaba-pouch's PortMap example: `"2377/tcp": null` for a list of bindings
                result[key] = _made(_walk(index, extra, item, leaf, drop_none, fill, deeper))
            else:
                result[key] = item
        for prop in schema.properties:
            missing = result.get(prop.name) is None and not (prop.name in result and prop.schema.nullable)
            if fill is not None and prop.required and missing:
                filled = fill(prop.schema)
                unmade = unmade or isinstance(filled, _Unmade)
                result[prop.name] = _made(filled)
        return _Unmade(result) if unmade else result
    return value


def _takes_null(index: SchemaIndex, schema: ir.Schema) -> bool:
    """Whether a value of ``schema`` may be null (nullable, any value, or the null type)."""
    resolved = index.resolve(schema)
    null_type = isinstance(resolved, ir.PrimitiveSchema) and resolved.kind == "null"
    return schema.nullable or resolved.nullable or isinstance(resolved, ir.AnySchema) or null_type


def union_variant(index: SchemaIndex, schema: ir.UnionSchema, value: Any) -> ir.Schema | None:
    """The variant of ``schema`` a client decodes ``value`` as; None when no variant takes it.

    The one the discriminator names when the value carries a tag that chooses one,
    else the first whose JSON type is the value's (the clients try the variants in order).
    """
    disc = tagged(schema)
    if disc is not None and isinstance(value, dict):
        tag = value.get(disc.property_name)
        for variant, tags in zip(schema.variants, disc.tags, strict=True):
            if isinstance(tag, str) and tag in tags:
                return variant
    return next((v for v in schema.variants if _same_type(index, v, value)), None)


def _same_type(index: SchemaIndex, schema: ir.Schema, value: Any, depth: int = 0) -> bool:
    """Whether ``value`` is of the JSON type of ``schema`` (a union: of one of its variants)."""
    resolved = index.resolve(schema)
    if isinstance(resolved, ir.UnionSchema):
        return depth < _MODEL_DEPTH and any(_same_type(index, v, value, depth + 1) for v in resolved.variants)
    if isinstance(resolved, ir.ObjectSchema):
        return isinstance(value, dict)
    if isinstance(resolved, ir.ArraySchema):
        return isinstance(value, list)
    if isinstance(resolved, (ir.PrimitiveSchema, ir.EnumSchema)):
        return acceptable(resolved, value)
    return False


TRANSPORT_HEADERS = frozenset({"content-length", "transfer-encoding", "host", "connection"})
"""Headers the HTTP layer writes from the request itself (Go's ``net/http`` drops a value given for them): a
generated test does not expect a parameter of that name to arrive as passed."""


def transported(header: str) -> bool:
    """Whether a header parameter arrives as the client passes it (not one of ``TRANSPORT_HEADERS``)."""
    return header.lower() not in TRANSPORT_HEADERS


def header_text(value: Any, text: Callable[[Any], str]) -> str:
    """A header argument as the clients send it (OpenAPI's simple style): a list's items, each as ``text``
    writes a scalar, joined by commas."""
    if isinstance(value, (list, Repeat)):
        return ",".join(text(item) for item in plain(value))
    return text(plain(value))


def path_value(index: SchemaIndex, schema: ir.Schema, value: Any) -> Any:
    """For a free-form string path parameter, a value that needs percent-encoding; else ``value``.

    A path parameter typed as any value (a Swagger 2.0 one without ``type``) gets that text too: its
    example is ``{}``, whose path text is empty, which no client sends as a segment.
    """
    resolved = index.resolve(schema)
    special = "a b/c?d%e"
    if isinstance(resolved, ir.AnySchema):
        return special
    free = isinstance(resolved, ir.PrimitiveSchema) and resolved.kind == "string" and resolved.format is None
    if free and isinstance(resolved, ir.PrimitiveSchema) and resolved.constraints.pattern is None:
        return special if _string_ok(resolved, special) else value
    return value


# ---------------------------------------------------------------------------- forbidden values


def violations(
    index: SchemaIndex, schema: ir.Schema, label: str, *, in_model: bool = False, seen: frozenset[str] = frozenset()
) -> list[Violation]:
    """One value per constraint the client checks on ``schema``, each breaking only that one.

    Models are entered once per path (``seen``), so a recursive model is not
    followed into itself. A value larger than ``MAX_VALUE_SIZE`` is not built:
    the cases that need one are left out.
    """
    try:
        return _violations(index, schema, label, in_model=in_model, seen=seen)
    except ValueTooLargeError:
        return []


def _violations(
    index: SchemaIndex, schema: ir.Schema, label: str, *, in_model: bool, seen: frozenset[str]
) -> list[Violation]:
    if index.is_model(schema):
        obj = index.resolve(schema)
        name = index.model_key(schema)
        if not isinstance(obj, ir.ObjectSchema) or name in seen or len(seen) >= _MODEL_DEPTH:
            return []
        if unmakeable(index, schema, full=False):  # the client refuses its least value already: no case of one break
            return []
        base = example(index, schema, reading=False, full=False)
        if not isinstance(base, dict):  # a nullable model's least value is null: the object's own holds its members
            base = example(index, replace(obj, nullable=False), reading=False, full=False)
        base = base if isinstance(base, dict) else {}
        result = []
        for prop in obj.properties:
            for v in violations(index, prop.schema, f"{label}.{prop.name}", in_model=True, seen=seen | {name}):
                result.append(Violation(v.slug, v.label, {**base, prop.name: v.value}))
        return result
    resolved = index.resolve(schema)
    if isinstance(resolved, ir.EnumSchema):
        named_enum = index.is_named_enum(schema)
        return [] if in_model and named_enum else _enum(resolved, label)
    if isinstance(resolved, ir.PrimitiveSchema):
        return [Violation(slug, label, Bad(value)) for slug, value in _primitive(index, resolved)]
    if isinstance(resolved, ir.ArraySchema):
        return _array(index, resolved, label, in_model, seen)
    return []


def _numbers(values: list[Any]) -> list[float]:
    """The numbers among an enum's values (an int stays an int: ``list[float]`` holds both)."""
    return [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]


def _enum(schema: ir.EnumSchema, label: str) -> list[Violation]:
    values = [v for v in schema.values if v is not None]
    numbers = _numbers(values)
    if values and all(isinstance(v, bool) for v in values):
        return []  # a value a client holding booleans takes (stackexchange's `type: string` of true and false)
    if schema.kind == "string" and len(numbers) < len(values):
        bad: Any = "not-a-listed-value"
        while bad in values:
            bad += "-really"
    elif numbers and (schema.kind in ("integer", "number") or len(numbers) == len(values)):
        bad = max(numbers) + 1  # numbers only are held as numbers, whatever the type says (probely's severity)
    else:  # no listed number to step past (an integer enum of strings, as azure.com's keyType): no refusal test
        return []
    return [Violation("not_in_enum", label, Bad(bad))]


def _primitive(index: SchemaIndex, schema: ir.PrimitiveSchema) -> list[tuple[str, Any]]:
    c = schema.constraints
    found: list[tuple[str, Any]] = []
    if schema.kind == "string" and schema.format in _DATE_FORMATS:
        return found  # the method takes a date object: text constraints do not apply to it
    if schema.kind == "string":
        valid = str(_made(repair(index, schema, example_json(index, schema))))
        if schema.format == "uuid":
            found.append(("not_uuid", "not-a-uuid"))
        checked = client_pattern(c.pattern)
        length = max(c.min_length or 0, min(3, c.max_length if c.max_length is not None else 3))
        if checked is not None and schema.format != "uuid" and length <= MAX_VALUE_SIZE:
            candidates = [ch * length for ch in "!~ -_xZ0"]
            bad = next((t for t in candidates if _string_ok(schema, t, skip_pattern=True) and not _matches(c, t)), None)
            if bad is not None:
                found.append(("pattern_mismatch", bad))
        if c.min_length and c.min_length <= MAX_VALUE_SIZE:
            short = [valid[: c.min_length - 1], "x" * (c.min_length - 1)]
            bad = next((t for t in short if _string_ok(schema, t, skip_length=True)), None)
            if bad is not None:
                found.append(("too_short", bad))
        if c.max_length is not None and c.max_length < MAX_VALUE_SIZE:
            extra = c.max_length + 1 - len(valid)
            long = [valid + (valid[-1:] or "x") * max(extra, 1), "x" * (c.max_length + 1)]
            bad = next((t for t in long if len(t) > c.max_length and _string_ok(schema, t, skip_length=True)), None)
            if bad is not None:
                found.append(("too_long", bad))
    elif schema.kind in ("integer", "number"):
        number = int if schema.kind == "integer" else float
        for slug, bound, up in (("below_minimum", c.minimum, False), ("above_maximum", c.maximum, True)):
            past = None if bound is None else _past(bound, integer=schema.kind == "integer", up=up)
            if past is not None:
                found.append((slug, past))
        if c.exclusive_minimum is not None:
            found.append(("at_exclusive_minimum", number(c.exclusive_minimum)))
        if c.exclusive_maximum is not None:
            found.append(("at_exclusive_maximum", number(c.exclusive_maximum)))
    return found


_INT64 = 2**63 - 1


def _past(bound: float, *, integer: bool, up: bool) -> float | None:
    """A number past ``bound`` (above it when ``up``) that every runtime reads as past it: a step of 1 (0.5 for a
    number), or a double's next value where rounding loses that step (jirafe's ``maximum: 9007199254740992``);
    an integer within int64. None when there is none (a bound at a double's or an int64's end)."""
    direction = 1 if up else -1
    value: float = bound + direction * (1 if integer else 0.5)
    if float(value) == float(bound):
        value = math.nextafter(float(bound), math.inf * direction)
    if not math.isfinite(value):
        return None
    if integer:
        value = int(value)
        if abs(value) > _INT64:
            return None
    return value if (float(value) > float(bound)) == up and float(value) != float(bound) else None


def _array(
    index: SchemaIndex, schema: ir.ArraySchema, label: str, in_model: bool, seen: frozenset[str]
) -> list[Violation]:
    item = example(index, schema.items, reading=False, full=False)
    count = max(1, schema.min_items or 0)
    if count * size(item) > MAX_VALUE_SIZE:
        return []  # not even a valid value fits
    found: list[Violation] = []
    if schema.min_items:
        found.append(Violation("too_few_items", label, _items(item, schema.min_items - 1, schema.unique_items)))
    if schema.max_items is not None and (schema.max_items + 1) * size(item) <= MAX_VALUE_SIZE:
        found.append(Violation("too_many_items", label, Repeat(item, schema.max_items + 1)))
    if schema.unique_items and (schema.max_items is None or schema.max_items >= max(2, count)):
        found.append(Violation("repeated_items", label, [item, *_items(item, max(2, count) - 1, False)]))
    if not (schema.unique_items and count > 1):
        for v in violations(index, schema.items, label, in_model=in_model, seen=seen):
            found.append(Violation(f"item_{v.slug}", v.label, [v.value, *_items(item, count - 1, False)]))
    return found


def _items(item: Any, count: int, unique: bool) -> list[Any]:
    return [distinct_item(item, i) if unique else item for i in range(count)]


def _matches(c: Any, text: str) -> bool:
    return c.pattern is None or ecma_search(c.pattern, text) is not False


def _string_ok(schema: ir.PrimitiveSchema, text: str, *, skip_pattern: bool = False, skip_length: bool = False) -> bool:
    """Whether the runtime's other checks accept ``text`` (uuid, pattern, length), so only one check is broken."""
    c = schema.constraints
    if schema.format == "uuid" and not _UUID.fullmatch(text):
        return False
    if not skip_pattern and not _matches(c, text):
        return False
    if not skip_length:
        if c.min_length is not None and len(text) < c.min_length:
            return False
        if c.max_length is not None and len(text) > c.max_length:
            return False
    return True
