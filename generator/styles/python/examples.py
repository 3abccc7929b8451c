"""README example arguments as Python code, from the language-neutral example values."""

from __future__ import annotations

from ...core.examples import readme_json
from ...core.schemas import NamedKind
from ...ir import ArraySchema, PrimitiveSchema, RefSchema, Schema
from .types import TypeMapper, py_literal


def example_code(mapper: TypeMapper, schema: Schema) -> str:
    """Python code for an example argument of type ``mapper.hint(schema)``."""
    value = readme_json(mapper, schema)
    resolved = mapper.resolve(schema)
    if mapper.is_model(schema):
        return f"{mapper.hint(schema).removesuffix(' | None')}.from_dict({py_literal(value)})"
    if isinstance(schema, RefSchema) and mapper.classes[schema.name].kind is NamedKind.ENUM:
        return f"{mapper.classes[schema.name].name}({py_literal(value)})"
    if isinstance(resolved, PrimitiveSchema) and resolved.format in ("date", "date-time") and isinstance(value, str):
        kind = "date" if resolved.format == "date" else "datetime"
        return f"datetime.{kind}.fromisoformat({py_literal(value.removesuffix('Z'))})"
    if isinstance(resolved, ArraySchema) and isinstance(value, list):
        return "[" + ", ".join(example_code(mapper, resolved.items) for _ in value) + "]"
    return py_literal(value)
