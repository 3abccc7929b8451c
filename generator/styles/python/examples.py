"""Example values for schemas: the spec's own example where it gives one, else one made from the schema.

Used for README usage examples (as Python code) and for test data (as JSON).
Made-up values satisfy the schema's format, enum and bounds; a pattern that
has no example gets a value from a few common shapes, or is left to the spec.
"""

from __future__ import annotations

import json
from typing import Any

from ...ir import (
    AnySchema,
    ArraySchema,
    EnumSchema,
    ObjectSchema,
    PrimitiveSchema,
    RefSchema,
    Schema,
    UnionSchema,
)
from .types import TypeMapper, py_literal

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
_MAX_DEPTH = 6


def example_json(mapper: TypeMapper, schema: Schema, depth: int = 0) -> Any:
    """A JSON value valid for ``schema`` (as far as one can be made without solving regexes)."""
    if schema.info.example_json is not None:
        return json.loads(schema.info.example_json)
    if schema.info.default_json is not None:
        return json.loads(schema.info.default_json)
    if depth > _MAX_DEPTH:
        return None
    if isinstance(schema, RefSchema):
        return example_json(mapper, mapper.named[schema.name].schema, depth + 1)
    if isinstance(schema, EnumSchema):
        return schema.values[0]
    if isinstance(schema, PrimitiveSchema):
        return _primitive(schema)
    if isinstance(schema, ArraySchema):
        count = max(1, schema.min_items or 0)
        return [example_json(mapper, schema.items, depth + 1) for _ in range(count)]
    if isinstance(schema, ObjectSchema):
        return {
            p.name: example_json(mapper, p.schema, depth + 1)
            for p in schema.properties
            if p.required and not p.schema.info.read_only
        }
    if isinstance(schema, UnionSchema):
        return example_json(mapper, schema.variants[0], depth + 1)
    if isinstance(schema, AnySchema):
        return {}
    return None


def _primitive(schema: PrimitiveSchema) -> Any:
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
        if c.multiple_of:
            value = (value // c.multiple_of + (1 if value % c.multiple_of else 0)) * c.multiple_of
        return int(value) if schema.kind == "integer" else float(value)
    if schema.kind == "null":
        return None
    if schema.format in _FORMATS:
        return _FORMATS[schema.format]
    text = "string"
    if c.min_length is not None and len(text) < c.min_length:
        text = text + "x" * (c.min_length - len(text))
    if c.max_length is not None:
        text = text[: c.max_length]
    return text


def example_code(mapper: TypeMapper, schema: Schema) -> str:
    """Python code for an example argument of type ``mapper.hint(schema)``."""
    value = example_json(mapper, schema)
    resolved = mapper.resolve(schema)
    if mapper.is_model(schema):
        return f"{mapper.hint(schema).removesuffix(' | None')}.from_dict({py_literal(value)})"
    if isinstance(schema, RefSchema) and mapper.classes[schema.name].kind == "enum":
        return f"{mapper.classes[schema.name].name}({py_literal(value)})"
    if isinstance(resolved, PrimitiveSchema) and resolved.format in ("date", "date-time") and isinstance(value, str):
        kind = "date" if resolved.format == "date" else "datetime"
        return f"datetime.{kind}.fromisoformat({py_literal(value.removesuffix('Z'))})"
    if isinstance(resolved, ArraySchema) and isinstance(value, list):
        return "[" + ", ".join(example_code(mapper, resolved.items) for _ in value) + "]"
    return py_literal(value)
