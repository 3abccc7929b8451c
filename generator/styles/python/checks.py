"""Client-side checks of what a spec constrains, as lines of Python run before any request is sent.

Each function returns code lines over a variable; the runtime's ``check_*``
functions raise ``RequestValidationError`` naming the argument.
"""

from __future__ import annotations

from ...core.checks import ValueCheck, value_checks
from ...ir import ArraySchema, Schema
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
    if optional or mapper.nullable(schema):
        return [f"if {var} is not None:", *("    " + line for line in lines)]
    return lines


def _checks(mapper: TypeMapper, schema: Schema, var: str, label: str, depth: int) -> list[str]:
    lines = [_call(check, var, label) for check in value_checks(schema)]
    if isinstance(schema, ArraySchema):
        # one loop variable per checked value: mypy types a name by its first loop, so two lists must not share one
        item = f"_item{depth}_{var.rsplit('.', 1)[-1].lstrip('_')}"
        if mapper.is_model(schema.items):
            inner = [f"{item}.check({label})"]
        else:
            inner = _checks(mapper, mapper.resolve(schema.items), item, label, depth + 1)
        if inner and mapper.nullable(schema.items):
            inner = [f"if {item} is not None:", *("    " + line for line in inner)]
        if inner:
            lines.append(f"for {item} in {var}:")
            lines.extend("    " + line for line in inner)
    return lines


def _call(check: ValueCheck, var: str, label: str) -> str:
    """The runtime's ``check_<kind>`` called on ``var``: pattern and allowed values as arguments, bounds as keywords."""
    if check.kind == "pattern":
        extra = f", {py_literal(check.pattern)}"
    elif check.kind == "enum":
        extra = f", {tuple_literal(py_literal(v) for v in check.values)}"
    else:
        extra = "".join(f", {name}={py_literal(value)}" for name, value in check.bounds)
    return f"_rt.check_{check.kind}({label}, {var}{extra})"
