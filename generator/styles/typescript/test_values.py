"""Values for the generated tests: arguments as TypeScript, what must arrive on the wire, and forbidden values.

Argument and response values, and the values each check must refuse, come from the
language-neutral planning (``generator.core.test_values``), so every style's clients are
tested on the same data; this module writes them as TypeScript and works out the path
and query the runtime must send for them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ... import ir
from ...core.discriminators import tagged
from ...core.literals import literal
from ...core.query import json_scalar_text as scalar_text
from ...core.schemas import SchemaIndex
from ...core.test_values import marked
from .types import TS_LITERALS, ts_literal


def ts_value(value: Any) -> str:
    """A JSON value with the markers of forbidden values, as a TypeScript expression."""
    return literal(value, _SPELLING)


def arrow_body(expression: str) -> str:
    """An expression as the body of an arrow function: an object literal in parentheses (else a block)."""
    return f"({expression})" if expression.lstrip().startswith("{") else expression


_SPELLING = marked(
    TS_LITERALS,
    bad=ts_literal,
    repeat=lambda item, count: f"Array.from({{ length: {count} }}, () => {arrow_body(item)})",
)


def fits(mapper: SchemaIndex, schema: ir.Schema, value: Any, depth: int = 0) -> bool:
    """Whether the JSON ``value`` has the TypeScript type of ``schema`` (a spec's example sometimes does not)."""
    if depth > 20 or isinstance(schema, ir.AnySchema):
        return True
    if value is None:
        return (
            schema.nullable
            or (isinstance(schema, ir.PrimitiveSchema) and schema.kind == "null")
            or (isinstance(schema, (ir.RefSchema, ir.UnionSchema)) and _union_fits(mapper, schema, value, depth))
        )
    if isinstance(schema, ir.RefSchema):
        return schema.name not in mapper.named or fits(mapper, mapper.named[schema.name].schema, value, depth + 1)
    if isinstance(schema, ir.UnionSchema):
        return _union_fits(mapper, schema, value, depth)
    if isinstance(schema, ir.EnumSchema):
        return value in schema.values and type(value) in {type(v) for v in schema.values}
    if isinstance(schema, ir.PrimitiveSchema):
        kinds = {"string": (str,), "integer": (int, float), "number": (int, float), "boolean": (bool,)}
        expected = kinds.get(schema.kind, ())
        return isinstance(value, expected) and (schema.kind == "boolean" or not isinstance(value, bool))
    if isinstance(schema, ir.ArraySchema):
        return isinstance(value, list) and all(fits(mapper, schema.items, v, depth + 1) for v in value)
    if isinstance(schema, ir.ObjectSchema):
        if not isinstance(value, dict):
            return False
        props = {p.name: p for p in schema.properties}
        if any(p.required and p.name not in value for p in schema.properties):
            return False
        if props and isinstance(schema.additional_properties, bool) and not set(value) <= set(props):
            return False  # the interface has no index signature: an unknown key is an excess property
        return all(fits(mapper, props[k].schema, v, depth + 1) for k, v in value.items() if k in props)
    return True


def _union_fits(mapper: SchemaIndex, schema: ir.RefSchema | ir.UnionSchema, value: Any, depth: int) -> bool:
    if isinstance(schema, ir.RefSchema):
        return schema.name not in mapper.named or fits(mapper, mapper.named[schema.name].schema, value, depth + 1)
    disc = tagged(schema)
    for index, variant in enumerate(schema.variants):
        tags = disc.tags[index] if disc is not None else ()
        chosen = isinstance(value, dict) and disc is not None and value.get(disc.property_name) in tags
        if tags and not chosen:
            continue  # the type narrows this variant to its discriminator values
        if fits(mapper, variant, value, depth + 1):
            return True
    return False


def path_segment(value: Any) -> str:
    return quote(scalar_text(value), safe="")
