"""Client-side checks of what a spec constrains, as lines of Python run before any request is sent.

Each function returns code lines over a variable; the runtime's ``check_*``
functions raise ``RequestValidationError`` naming the argument.
"""

from __future__ import annotations

from ...ir import ArraySchema, EnumSchema, PrimitiveSchema, Schema
from ...patterns import client_pattern
from .types import TypeMapper, py_literal, tuple_literal


def check_lines(
    mapper: TypeMapper, schema: Schema, var: str, label: str, *, optional: bool, label_code: str | None = None
) -> list[str]:
    """Checks for the value in ``var``; ``label`` names it in error messages (``label_code``: as an expression)."""
    if mapper.is_model(schema):
        lines = [f"{var}.check({label_code or py_literal(label)})"]
    else:
        lines = _checks(mapper, mapper.resolve(schema), var, label_code or py_literal(label), depth=0)
    if not lines:
        return []
    if optional or schema.nullable:
        return [f"if {var} is not None:", *("    " + line for line in lines)]
    return lines


def _checks(mapper: TypeMapper, schema: Schema, var: str, label: str, depth: int) -> list[str]:
    lines: list[str] = []
    if isinstance(schema, PrimitiveSchema):
        c = schema.constraints
        if schema.kind == "string" and schema.format not in ("date", "date-time"):  # those arrive as date objects
            if schema.format == "uuid":
                lines.append(f"_rt.check_uuid({label}, {var})")
            pattern = client_pattern(c.pattern)
            if pattern is not None:
                lines.append(f"_rt.check_pattern({label}, {var}, {py_literal(pattern)})")
            if c.min_length is not None or c.max_length is not None:
                lines.append(
                    f"_rt.check_length({label}, {var}{_kwargs(min_length=c.min_length, max_length=c.max_length)})"
                )
        elif schema.kind in ("integer", "number"):
            bounds = _kwargs(
                minimum=c.minimum,
                maximum=c.maximum,
                exclusive_minimum=c.exclusive_minimum,
                exclusive_maximum=c.exclusive_maximum,
            )
            if bounds:
                lines.append(f"_rt.check_range({label}, {var}{bounds})")
    elif isinstance(schema, EnumSchema):
        lines.append(f"_rt.check_enum({label}, {var}, {tuple_literal(py_literal(v) for v in schema.values)})")
    elif isinstance(schema, ArraySchema):
        counts = _kwargs(min_items=schema.min_items, max_items=schema.max_items, unique=schema.unique_items or None)
        if counts:
            lines.append(f"_rt.check_items({label}, {var}{counts})")
        # one loop variable per checked value: mypy types a name by its first loop, so two lists must not share one
        item = f"_item{depth}_{var.rsplit('.', 1)[-1].lstrip('_')}"
        if mapper.is_model(schema.items):
            inner = [f"{item}.check({label})"]
        else:
            inner = _checks(mapper, mapper.resolve(schema.items), item, label, depth + 1)
        if inner:
            lines.append(f"for {item} in {var}:")
            lines.extend("    " + line for line in inner)
    return lines


def _kwargs(**values: object) -> str:
    """``, name=value`` for each value that is set, as keyword arguments of a runtime check."""
    return "".join(f", {name}={py_literal(value)}" for name, value in values.items() if value is not None)
