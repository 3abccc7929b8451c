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
from .models import tag_safe
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
        if not isinstance(value, list):
            return value
        return [
            kept(types, schema.items, v, depth + 1) if v is not None else _zero(types, types.type(schema.items))
            for v in value
        ]
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
            folded = _folded(types, schema, props)
            if folded is None:  # its own JSON methods read the names exactly
                return {k: kept(types, props[k], v, depth + 1) for k, v in value.items() if k in props}
            found: dict[str, Any] = {}
            for k, v in value.items():
                field = k if k in props else folded.get(k.lower())
                if field is not None:
                    found[field] = kept(types, props[field], v, depth + 1)
            return found
        return {k: kept(types, props.get(k, extra), v, depth + 1) for k, v in value.items()}
    if isinstance(extra, bool):
        return value
    return {k: kept(types, extra, v, depth + 1) for k, v in value.items()}


def _zero(types: GoTypes, type_: str, depth: int = 0) -> Any:
    """What a JSON null becomes in a slice of ``type_`` once decoded and encoded again: its zero value (files.com's
    examples write ``"reactions": [null]``, a struct's zero is its required fields' zeros); null for a pointer,
    a slice, a map or any value."""
    if type_ == "string" or type_ in types.string_enums:
        return ""
    if type_ in ("int64", "float64") or type_ in types.int_enums:
        return 0
    if type_ == "bool":
        return False
    if not types.is_struct(type_) or depth > _MAX_DEPTH:
        return None
    schema = next((types.named[name].schema for name, go in types.names.items() if go == type_), None)
    if schema is None:
        schema = next((s for _, s in types.hoisted if types.inline_names.get(id(s)) == type_), None)
    if not isinstance(schema, ir.ObjectSchema) or not isinstance(schema.additional_properties, bool):
        return None  # no such struct, or one with its own JSON methods: left as the example wrote it
    required = [p for p in schema.properties if p.required]
    return {p.name: _zero(types, types.field(p.schema, required=True)[0], depth + 1) for p in required}


def _folded(types: GoTypes, schema: ir.ObjectSchema, props: dict[str, ir.Schema]) -> dict[str, str] | None:
    """A plain struct's field names by their lower case: encoding/json gives a key no field names exactly to one
    naming it in other case (codat's example writes ``datatype`` for ``dataType``). None for a struct with JSON
    methods of its own (a name no tag holds), which read names exactly. Made once an object (``GoTypes.folded``)."""
    if id(schema) not in types.folded:
        folded: dict[str, str] | None = None
        if all(tag_safe(name) for name in props):
            folded = {}
            for name in props:
                folded.setdefault(name.lower(), name)
        types.folded[id(schema)] = folded
    return types.folded[id(schema)]
