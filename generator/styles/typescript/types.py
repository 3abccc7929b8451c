"""IR schemas as TypeScript types, and JSON values as TypeScript literals.

Models are the wire format: interfaces keep the spec's property names, dates stay
RFC 3339 text, so a decoded response is the JSON the API sent, typed. Arguments that
take a date also accept a ``Date``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from ... import ir
from ...core.discriminators import tagged
from ...core.literals import Spelling, literal
from ...core.schemas import NamedKind, named_kind
from .escaping import tsstr
from .naming import object_key, property_key

_PRIMITIVES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean", "null": "null"}
_SIMPLE = frozenset({"string", "number", "boolean", "null", "unknown"})
_MAX_INLINE_DEPTH = 12


class TsTypes:
    """Type expressions for one package; ``names`` maps IR schema names to their TypeScript type names."""

    def __init__(self, names: Mapping[str, str], named: Mapping[str, ir.NamedSchema], prefix: str = "") -> None:
        self.names = names
        self.named = named
        self.prefix = prefix
        """How another module reaches the models (``models.``); empty inside models.ts."""
        self._written: dict[tuple[int, bool, int], tuple[ir.Schema, str]] = {}
        """Types already written, by the schema's identity (kept alive with it): a shared schema is written once."""

    def type(self, schema: ir.Schema, *, argument: bool = False, depth: int = 0) -> str:
        """The type of a value of ``schema``; ``argument`` widens dates to ``string | Date``."""
        key = (id(schema), argument, depth)
        known = self._written.get(key)
        if known is not None and known[0] is schema:
            return known[1]
        base = self._type(schema, argument, depth)
        if self.nullable(schema) and base not in ("unknown", "null") and not base.endswith("| null"):
            base = f"{base} | null"
        self._written[key] = (schema, base)
        return base

    def _type(self, schema: ir.Schema, argument: bool, depth: int) -> str:
        if depth > _MAX_INLINE_DEPTH:
            return "unknown"
        if isinstance(schema, ir.PrimitiveSchema):
            if argument and schema.kind == "string" and schema.format in ("date", "date-time"):
                return "string | Date"
            return _PRIMITIVES[schema.kind]
        if isinstance(schema, ir.EnumSchema):
            return " | ".join(dict.fromkeys(_literal_type(v) for v in schema.values))
        if isinstance(schema, ir.ArraySchema):
            return array_of(self.type(schema.items, depth=depth + 1))
        if isinstance(schema, ir.ObjectSchema):
            return self._object(schema, depth)
        if isinstance(schema, ir.UnionSchema):
            return self._union(schema, depth)
        if isinstance(schema, ir.RefSchema):
            return self.prefix + self.names[schema.name]
        if isinstance(schema, ir.AnySchema):
            return "unknown"
        return "unknown"

    def _object(self, schema: ir.ObjectSchema, depth: int) -> str:
        extra = schema.additional_properties
        if not schema.properties:
            if extra is False:
                return "Record<string, never>"
            value = "unknown" if isinstance(extra, bool) else self.type(extra, depth=depth + 1)
            # an index signature, not Record<string, ...>: an alias may refer to itself only inside an object type
            return f"{{ [key: string]: {value} }}"
        members = [
            f"{property_key(p.name)}{'' if p.required else '?'}: {self.type(p.schema, depth=depth + 1)}"
            for p in schema.properties
        ]
        if not isinstance(extra, bool):
            members.append("[key: string]: unknown")
        return "{ " + "; ".join(members) + " }"

    def _union(self, schema: ir.UnionSchema, depth: int) -> str:
        """The variants' types; a discriminated variant narrowed to its values (``(Cat & { petType: "cat" })``).

        The parent of an open union (an inheritance parent, first) is not narrowed: it may hold any value.
        """
        types = [self.type(v, depth=depth + 1) for v in schema.variants]
        if "unknown" in types or not types:
            return "unknown"
        disc = tagged(schema)
        if disc is not None:
            key = property_key(disc.property_name)
            types = [
                (
                    f"({t} & {{ {key}: {' | '.join(ts_literal(v) for v in tags)} }})"
                    if tags and " | " not in t and not (disc.open and index == 0)
                    else t
                )
                for index, (t, tags) in enumerate(zip(types, disc.tags, strict=True))
            ]
        return " | ".join(dict.fromkeys(types))

    def nullable(self, schema: ir.Schema) -> bool:
        """Whether null is a value of ``schema``: it says so, or it references a model that does.

        (The rule of ``SchemaIndex.nullable``; an alias or enum says ``| null`` in its own type.)
        """
        if schema.nullable:
            return True
        named = self.named.get(schema.name) if isinstance(schema, ir.RefSchema) else None
        return named is not None and named.schema.nullable and named_kind(named.schema) is NamedKind.MODEL

    def may_be_null(self, schema: ir.Schema, seen: frozenset[str] = frozenset()) -> bool:
        """Whether a value of ``schema`` may be null: it, or a reference on the way to its definition, says so."""
        if schema.nullable or (isinstance(schema, ir.PrimitiveSchema) and schema.kind == "null"):
            return True
        if isinstance(schema, ir.UnionSchema):
            return any(self.may_be_null(v, seen) for v in schema.variants)
        if isinstance(schema, ir.RefSchema) and schema.name not in seen and schema.name in self.named:
            return self.may_be_null(self.named[schema.name].schema, seen | {schema.name})
        return False

    def resolve(self, schema: ir.Schema) -> ir.Schema:
        """Follow references to the schema that says what a value is."""
        seen: set[str] = set()
        while isinstance(schema, ir.RefSchema) and schema.name not in seen and schema.name in self.named:
            seen.add(schema.name)
            schema = self.named[schema.name].schema
        return schema


def array_of(item: str) -> str:
    return f"{item}[]" if item in _SIMPLE or item.replace(".", "").replace("_", "").isalnum() else f"Array<{item}>"


def ts_literal(value: Any) -> str:
    """A TypeScript literal for a JSON value: always valid, always inert code (a list or an object walked by
    ``core.literals``, which hands each leaf back here)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, str):
        return tsstr(value)
    if isinstance(value, (list, dict)):
        return literal(value, TS_LITERALS)
    return tsstr(str(value))


def _object(pairs: list[tuple[str, str]]) -> str:
    return "{ " + ", ".join(f"{object_key(key)}: {value}" for key, value in pairs) + " }" if pairs else "{}"


TS_LITERALS = Spelling(scalar=ts_literal, array=lambda items: "[" + ", ".join(items) + "]", mapping=_object)
"""JSON values as TypeScript literals (``ts_literal``)."""


def _number(value: float) -> str:
    """A number as JavaScript holds it: beyond 2**53 the double it rounds to, written exactly."""
    if isinstance(value, int) and abs(value) <= 2**53:
        return str(value)
    try:
        as_double = float(value)
    except OverflowError:  # an integer too large for a double: JSON.parse gives Infinity
        as_double = math.inf if value > 0 else -math.inf
    if math.isnan(as_double):
        return "NaN"
    if math.isinf(as_double):
        return "Infinity" if as_double > 0 else "-Infinity"
    return str(int(as_double)) if as_double.is_integer() and abs(as_double) < 1e21 else repr(as_double)


def _literal_type(value: Any) -> str:
    """An enum value as a literal type (a number JSON cannot write has none: ``number``)."""
    text = ts_literal(value)
    return "number" if text in ("NaN", "Infinity", "-Infinity") else text


def literal_from_json(text: str | None) -> str | None:
    return None if text is None else ts_literal(json.loads(text))
