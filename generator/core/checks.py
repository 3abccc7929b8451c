"""Which runtime checks a value gets before a request is sent, decided once for every style.

A style writes each ``ValueCheck`` as a call of its runtime's check function
(``_rt.check_length(...)``, ``rt.checkLength(...)``) with the same label, so a bad
argument fails the same way in every client; the loops over array items and object
properties stay with the style, which knows its variables.
"""

from __future__ import annotations

from typing import Literal

from ..immutable import immutable
from ..ir import ArraySchema, EnumSchema, PrimitiveSchema, Schema
from ..patterns import client_pattern

CheckKind = Literal["uuid", "pattern", "length", "range", "enum", "items"]


@immutable
class ValueCheck:
    """One runtime check: ``check_<kind>(label, value, ...)`` with its pattern, allowed values or bounds."""

    kind: CheckKind
    bounds: tuple[tuple[str, object], ...] = ()
    """The limits that are set, by their snake_case names, in the runtime's order."""
    pattern: str = ""
    values: tuple[object, ...] = ()


def value_checks(schema: Schema) -> list[ValueCheck]:
    """The checks of a value of ``schema`` itself (an array's items are checked by the style's loop)."""
    checks: list[ValueCheck] = []
    if isinstance(schema, PrimitiveSchema):
        c = schema.constraints
        if schema.kind == "string" and schema.format not in ("date", "date-time"):  # those arrive as dates
            if schema.format == "uuid":
                checks.append(ValueCheck("uuid"))
            pattern = client_pattern(c.pattern)
            if pattern is not None:
                checks.append(ValueCheck("pattern", pattern=pattern))
            _bounded(checks, "length", min_length=c.min_length, max_length=c.max_length)
        elif schema.kind in ("integer", "number"):
            _bounded(
                checks,
                "range",
                minimum=c.minimum,
                maximum=c.maximum,
                exclusive_minimum=c.exclusive_minimum,
                exclusive_maximum=c.exclusive_maximum,
            )
    elif isinstance(schema, EnumSchema):
        checks.append(ValueCheck("enum", values=tuple(schema.values)))
    elif isinstance(schema, ArraySchema):
        unique = schema.unique_items or None
        _bounded(checks, "items", min_items=schema.min_items, max_items=schema.max_items, unique=unique)
    return checks


def _bounded(checks: list[ValueCheck], kind: CheckKind, **limits: object) -> None:
    """A ``kind`` check with the limits that are set, when any is."""
    bounds = tuple((name, value) for name, value in limits.items() if value is not None)
    if bounds:
        checks.append(ValueCheck(kind, bounds=bounds))
