"""What of a JSON value a Go model keeps: all of it, but what a closed object may not hold.

A struct keeps the properties its schema does not list in its ``AdditionalProperties``
(``models.py``), so a spec's example that carries one (Azure's container registry shows
``quarantineState`` in the example of an object without it) comes back whole once decoded
and encoded again. Only an object whose schema says ``additionalProperties: false`` has
no such field: its struct drops the others, and that is what the generated tests expect back.
"""

from __future__ import annotations

from typing import Any

from ... import ir
from ...core.schemas import NamedKind
from ...core.test_values import union_variant
from .types import ANY, RAW, GoTypes

_MAX_DEPTH = 64
"""A guard only: examples are finite, and a recursive schema is followed no deeper than its value."""


def kept(types: GoTypes, schema: ir.Schema, value: Any, depth: int = 0) -> Any:
    """``value`` as the Go type of ``schema`` holds it: without the properties a closed struct does not declare."""
    if value is None or depth > _MAX_DEPTH:
        return value
    if isinstance(schema, ir.RefSchema):
        named = types.named.get(schema.name)
        if named is None or schema.name in types.unions:
            return value  # a union of its own keeps the raw JSON it was given
        if types.kinds.get(schema.name) is NamedKind.MODEL and isinstance(named.schema, ir.ObjectSchema):
            return _object(types, named.schema, value, depth, struct=True)
        return kept(types, named.schema, value, depth + 1)
    if isinstance(schema, ir.UnionSchema):
        if types.union_type(schema) in (ANY, RAW):
            return value
        variant = union_variant(types, schema, value)
        return value if variant is None else kept(types, variant, value, depth + 1)
    if isinstance(schema, ir.ArraySchema):
        return [kept(types, schema.items, v, depth + 1) for v in value] if isinstance(value, list) else value
    if isinstance(schema, ir.ObjectSchema):
        return _object(types, schema, value, depth, struct=id(schema) in types.inline_names)
    return value


def _object(types: GoTypes, schema: ir.ObjectSchema, value: Any, depth: int, *, struct: bool) -> Any:
    if not isinstance(value, dict):
        return value
    props = {p.name: p.schema for p in schema.properties} if struct else {}
    extra = schema.additional_properties
    if extra is False and struct:
        return {k: kept(types, props[k], v, depth + 1) for k, v in value.items() if k in props}
    if isinstance(extra, bool):
        return {k: kept(types, props[k], v, depth + 1) if k in props else v for k, v in value.items()}
    return {k: kept(types, props.get(k, extra), v, depth + 1) for k, v in value.items()}
