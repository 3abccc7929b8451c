"""What of a JSON value a Go model keeps: the properties its structs declare, and those its map takes.

A struct decodes the properties it has a field for; the others go to its
``AdditionalProperties`` map when the schema's ``additionalProperties`` is a schema
(``models.others_type``), and are dropped otherwise, as ``encoding/json`` does.
Python's models keep them all in ``additional_properties`` and TypeScript's objects keep
them all. A spec's example that carries a property its schema does not list (Azure's
container registry shows ``quarantineState`` in the example of an object without it) is
therefore, in Go, the example without that property once decoded and encoded again,
unless a map takes it: that is what the generated tests expect back.
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
    """``value`` as the Go type of ``schema`` holds it: without the properties its structs neither declare nor map."""
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
    extra = schema.additional_properties
    if struct:
        props = types.properties(schema)
        if isinstance(extra, bool):  # no map (``models.others_type``): the struct drops what it does not declare
            return {k: kept(types, props[k], v, depth + 1) for k, v in value.items() if k in props}
        return {k: kept(types, props.get(k, extra), v, depth + 1) for k, v in value.items()}
    if isinstance(extra, bool):
        return value
    return {k: kept(types, extra, v, depth + 1) for k, v in value.items()}
