"""IR schemas as Python: type hints, and the expressions that decode JSON into them and encode them back.

All decisions about how a schema looks in Python live here, so templates only
print the strings this module returns. ``names`` maps IR schema names (and
hoisted inline objects) to the Python class that stands for them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from ... import ir
from ...core.discriminators import Tagged, tagged
from ...core.literals import Spelling, literal
from ...core.schemas import NamedKind, SchemaIndex
from ...immutable import immutable
from ...patterns import client_pattern
from .pycode import number, quote

_PRIMITIVE_HINTS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


class _Dated(NamedTuple):
    """A string of a date format in Python: its type, the runtime's codec of it, the runtime function parsing it."""

    hint: str
    codec: str
    parse: str


_DATED = {
    "date-time": _Dated("datetime.datetime", "_rt.DATETIME", "_rt.parse_datetime"),
    "date": _Dated("datetime.date", "_rt.DATE", "_rt.parse_date"),
}


def _dated(schema: ir.PrimitiveSchema) -> _Dated | None:
    """How Python holds a string of ``date-time`` or ``date`` format; None for any other primitive."""
    return _DATED.get(schema.format or "") if schema.kind == "string" else None


@immutable
class ClassRef:
    """What a named schema became in Python."""

    name: str
    kind: NamedKind
    """A model (a dataclass with from_dict/to_dict), an enum (a str/int Enum) or an alias (a type alias)."""


class TypeMapper(SchemaIndex):
    """Type hints and (de)serialisation expressions for one package."""

    def __init__(self, index: SchemaIndex, classes: Mapping[str, ClassRef], inline_names: Mapping[int, str]):
        super().__init__(index.named, index.kinds, index.hoisted, index.inline, index.examples)
        self.classes = classes
        self.inline_names = inline_names
        """id() of an inline ObjectSchema hoisted into a model -> its model name."""

    # ------------------------------------------------------------------ hints

    def hint(self, schema: ir.Schema) -> str:
        base = self._hint(schema)
        if self.nullable(schema) and base not in ("Any", "None") and not base.endswith("| None"):
            return f"{base} | None"
        return base

    def _hint(self, schema: ir.Schema) -> str:
        if isinstance(schema, ir.PrimitiveSchema):
            return self._primitive_hint(schema)
        if isinstance(schema, ir.EnumSchema):
            return enum_hint(schema.values)
        if isinstance(schema, ir.ArraySchema):
            return f"list[{self.hint(schema.items)}]"
        if isinstance(schema, ir.ObjectSchema):
            if id(schema) in self.inline_names:
                return self.inline_names[id(schema)]
            extra = schema.additional_properties
            return f"dict[str, {self.hint(extra) if not isinstance(extra, bool) else 'Any'}]"
        if isinstance(schema, ir.UnionSchema):
            hints = list(dict.fromkeys(self.hint(v) for v in schema.variants))
            return "Any" if "Any" in hints else " | ".join(hints)
        if isinstance(schema, ir.RefSchema):
            return self.classes[schema.name].name
        return "Any"

    @staticmethod
    def _primitive_hint(schema: ir.PrimitiveSchema) -> str:
        dated = _dated(schema)
        return _PRIMITIVE_HINTS[schema.kind] if dated is None else dated.hint

    # ------------------------------------------------------------------ decoding and encoding

    def decode(self, schema: ir.Schema, var: str, depth: int = 0) -> str:
        """An expression turning the JSON value in ``var`` into the Python value ``hint(schema)`` names."""
        return self._convert(schema, var, depth, frozenset(), decoding=True)

    def encode(self, schema: ir.Schema, var: str, depth: int = 0, *, sole_argument: bool = False) -> str:
        """An expression turning the Python value in ``var`` (of ``hint(schema)``) into its JSON value.

        ``sole_argument``: the expression is a call's only argument, whose parentheses a conditional needs no
        second pair within (ruff's UP034).
        """
        return self._convert(schema, var, depth, frozenset(), decoding=False, bare=sole_argument)

    def _convert(
        self, schema: ir.Schema, var: str, depth: int, seen: frozenset[str], *, decoding: bool, bare: bool = False
    ) -> str:
        """One walker for both directions; ``seen``: the aliases being expanded (an alias may contain itself)."""
        inner = self._convert_inner(schema, var, depth, seen, decoding=decoding)
        if inner == var or not self.nullable(schema):
            return inner
        conditional = f"None if {var} is None else {inner}"
        return conditional if bare else f"({conditional})"

    def _convert_inner(self, schema: ir.Schema, var: str, depth: int, seen: frozenset[str], *, decoding: bool) -> str:
        if isinstance(schema, ir.PrimitiveSchema):
            return _decode_primitive(schema, var) if decoding else _encode_primitive(schema, var)
        if isinstance(schema, ir.ArraySchema):
            item = f"v{depth}"
            element = self._convert(schema.items, item, depth + 1, seen, decoding=decoding)
            if element == item:
                return var
            if decoding:  # a problem inside names the item's index
                return f"_rt.decode_list({var}, lambda {item}: {element})"
            return f"[{element} for {item} in {var}]"
        if isinstance(schema, ir.ObjectSchema):
            if id(schema) in self.inline_names:
                return _convert_model(self.inline_names[id(schema)], var, decoding)
            extra = schema.additional_properties
            if isinstance(extra, bool):
                return f"dict({var})"
            item = f"v{depth}"
            element = self._convert(extra, item, depth + 1, seen, decoding=decoding)
            if decoding:  # a problem inside names the value's key
                return f"_rt.decode_map({var}, lambda {item}: {element})"
            return f"{{k{depth}: {element} for k{depth}, {item} in {var}.items()}}"
        if isinstance(schema, ir.RefSchema):
            ref = self.classes[schema.name]
            if ref.kind is NamedKind.MODEL:
                return _convert_model(ref.name, var, decoding)
            if ref.kind is NamedKind.ENUM:
                return f"{ref.name}({var})" if decoding else f"{var}.value"
            if schema.name in seen:  # an alias that contains itself: its JSON as it arrives, any value encoded
                return var if decoding else f"_rt.encode_json({var})"
            return self._convert(self.named[schema.name].schema, var, depth, seen | {schema.name}, decoding=decoding)
        if isinstance(schema, ir.UnionSchema):
            return self._decode_union(schema, var, depth, seen) if decoding else f"_rt.encode_json({var})"
        return var

    def _decode_union(self, schema: ir.UnionSchema, var: str, depth: int, seen: frozenset[str]) -> str:
        decoders = [self._convert(v, "x", depth + 1, seen, decoding=True) for v in schema.variants]
        if all(d == "x" for d in decoders):
            return var
        lambdas = tuple_literal(f"lambda x: {d}" for d in decoders)
        tag = tagged(schema)
        decoded = (
            f"_rt.decode_union({var}, {lambdas})"
            if tag is None
            else f"_rt.decode_tagged({var}, {py_literal(tag.property_name)}, {choices_literal(tag)}, {lambdas}, "
            f"closed={tag.closed})"
        )
        # decoding returns Any: the cast gives the value its union type back (mypy --strict)
        return f"cast({py_literal(self._hint(schema))}, {decoded})"

    # ------------------------------------------------------------------ codecs (a model's field table)

    def codec(self, schema: ir.Schema, seen: frozenset[str] = frozenset()) -> str:
        """The runtime codec (``templates/python/runtime/_models.py``) that decodes, encodes and checks ``schema``."""
        inner = self._codec(schema, seen)
        return f"_rt.Nullable({inner})" if self.nullable(schema) and inner != ANY_CODEC else inner

    def _codec(self, schema: ir.Schema, seen: frozenset[str]) -> str:
        if isinstance(schema, ir.PrimitiveSchema):
            dated = _dated(schema)
            if dated is not None:
                return dated.codec
            args = constraint_args(schema)
            if schema.kind == "number":
                return f"_rt.Number({args})"
            return f"_rt.Value({args})" if args else ANY_CODEC
        if isinstance(schema, ir.EnumSchema):
            return f"_rt.Value(choices={tuple_literal(py_literal(v) for v in schema.values)})"
        if isinstance(schema, ir.ArraySchema):
            counts = keyword_args(
                min_items=schema.min_items, max_items=schema.max_items, unique=schema.unique_items or None
            )
            return f"_rt.ListOf({', '.join([self.codec(schema.items, seen), *filter(None, [counts])])})"
        if isinstance(schema, ir.ObjectSchema):
            if id(schema) in self.inline_names:
                return f"_rt.ModelOf({self.inline_names[id(schema)]})"
            extra = schema.additional_properties
            return "_rt.DICT" if isinstance(extra, bool) else f"_rt.MapOf({self.codec(extra, seen)})"
        if isinstance(schema, ir.RefSchema):
            ref = self.classes[schema.name]
            if ref.kind is NamedKind.MODEL:
                return f"_rt.ModelOf({ref.name})"
            if ref.kind is NamedKind.ENUM:
                return f"_rt.EnumOf({ref.name})"
            if schema.name in seen:  # an alias that contains itself
                return ANY_CODEC
            return self.codec(self.named[schema.name].schema, seen | {schema.name})
        if isinstance(schema, ir.UnionSchema):
            variants = [self.codec(v, seen) for v in schema.variants]
            if all(v == ANY_CODEC or v.startswith("_rt.Value(") for v in variants):
                return ANY_CODEC  # every variant arrives as it is
            tag = tagged(schema)
            if tag is not None:
                head = f"{py_literal(tag.property_name)}, {choices_literal(tag)}"
                return f"_rt.TaggedUnionOf({', '.join([head, *variants])}, closed={tag.closed})"
            return f"_rt.UnionOf({', '.join(variants)})"
        return ANY_CODEC


ANY_CODEC = "_rt.ANY"


def choices_literal(tag: Tagged) -> str:
    """``{value: index of its variant, ...}``: the discriminator values and the variants they choose."""
    pairs = (f"{py_literal(value)}: {index}" for index, values in enumerate(tag.tags) for value in values)
    return "{" + ", ".join(pairs) + "}"


def _decode_primitive(schema: ir.PrimitiveSchema, var: str) -> str:
    dated = _dated(schema)
    if dated is not None:
        return f"{dated.parse}({var})"
    if schema.kind == "number":
        return f"_rt.decode_number({var})"
    return var


def _encode_primitive(schema: ir.PrimitiveSchema, var: str) -> str:
    if _dated(schema) is not None:
        return f"{var}.isoformat()"
    return var


def _convert_model(name: str, var: str, decoding: bool) -> str:
    return f"{name}.from_dict({var})" if decoding else f"{var}.to_dict()"


def constraint_args(schema: ir.PrimitiveSchema) -> str:
    """Keyword arguments for the runtime's checks of a primitive: uuid, pattern, length, bounds."""
    c = schema.constraints
    if schema.kind == "string":
        return keyword_args(
            uuid=True if schema.format == "uuid" else None,
            pattern=client_pattern(c.pattern),
            min_length=c.min_length,
            max_length=c.max_length,
        )
    if schema.kind in ("integer", "number"):
        return keyword_args(
            minimum=c.minimum,
            maximum=c.maximum,
            exclusive_minimum=c.exclusive_minimum,
            exclusive_maximum=c.exclusive_maximum,
        )
    return ""


def keyword_args(**values: object) -> str:
    """``name=value, ...`` for each value that is set, as Python literals."""
    return ", ".join(f"{name}={py_literal(value)}" for name, value in values.items() if value is not None)


def enum_hint(values: Iterable[object]) -> str:
    """The type of an enum's values: ``Literal[...]`` of those ``Literal`` takes, ``float`` for the rest.

    ``Literal`` holds ints, strings, booleans and None, not floats: an enum with a float
    is typed ``float`` (its values are checked at run time, as every other constraint).
    """
    values = list(values)
    literal = [py_literal(v) for v in values if not isinstance(v, float)]
    parts = [f"Literal[{', '.join(literal)}]"] if literal else []
    if any(isinstance(v, float) for v in values):
        parts.append("float")
    return " | ".join(parts) or "Any"


def py_literal(value: object) -> str:
    """A Python literal for a JSON value (or bytes), as black writes it: always valid, always inert code.

    A number JSON cannot write (YAML's ``.inf``, ``.nan``, ``1.0e+400``) is the expression that makes it. A list
    or an object is walked by ``core.literals``, which hands each leaf back here.
    """
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, (str, bytes)):
        return quote(value)
    if isinstance(value, (list, dict)):
        return literal(value, PYTHON_LITERALS)
    return quote(str(value))


PYTHON_LITERALS = Spelling(
    scalar=py_literal,
    array=lambda items: "[" + ", ".join(items) + "]",
    mapping=lambda pairs: "{" + ", ".join(f"{quote(key)}: {value}" for key, value in pairs) + "}",
)
"""JSON values as Python literals (``py_literal``)."""


def literal_from_json(text: str | None) -> str | None:
    return None if text is None else py_literal(json.loads(text))


def tuple_literal(items: Iterable[str]) -> str:
    """A tuple display of already-rendered literals: ``()``, ``(a,)``, ``(a, b)``."""
    parts = list(items)
    if not parts:
        return "()"
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def frozenset_literal(values: Iterable[object]) -> str:
    return f"frozenset({tuple_literal(py_literal(v) for v in values)})"
