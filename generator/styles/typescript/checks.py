"""Client-side checks of what a spec constrains, as TypeScript lines run before any request is sent.

The same checks as the Python style, with the same labels (the spec's names), so a
bad argument fails the same way in every client. Models get a ``check<Name>`` function
in ``models.ts`` when they, or models inside them, constrain anything.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...core.checks import ValueCheck, value_checks
from ...ir import ArraySchema, ObjectSchema, RefSchema, Schema
from .naming import camel, property_key
from .types import TsTypes, ts_literal

_MAX_DEPTH = 8
INDENT = "  "


class TsChecks:
    """Check lines for values of one package's schemas."""

    def __init__(self, types: TsTypes, checkers: Mapping[str, str], prefix: str = "") -> None:
        self.types = types
        self.checkers = checkers
        """IR model name -> name of its check function, for the models that need one."""
        self.prefix = prefix

    def lines(self, schema: Schema, var: str, label: str, *, optional: bool) -> list[str]:
        """Checks of the value in ``var``; ``label`` is a TypeScript expression naming it in errors."""
        found = self._checks(schema, var, label, 0)
        if not found:
            return []
        if optional or self.types.may_be_null(schema):
            return [f"if ({var} !== undefined && {var} !== null) {{", *(INDENT + line for line in found), "}"]
        return found

    def _checks(self, schema: Schema, var: str, label: str, depth: int) -> list[str]:
        if depth > _MAX_DEPTH:
            return []
        if isinstance(schema, RefSchema) and schema.name in self.checkers:
            return [f"{self.prefix}{self.checkers[schema.name]}({var}, {label});"]
        resolved = self.types.resolve(schema)
        if isinstance(resolved, RefSchema):
            return []
        if isinstance(resolved, ObjectSchema) and isinstance(schema, RefSchema):
            return []  # a named model without constraints
        return self._direct(resolved, var, label, depth)

    def _direct(self, schema: Schema, var: str, label: str, depth: int) -> list[str]:
        lines = [_call(check, var, label) for check in value_checks(schema)]
        if isinstance(schema, ArraySchema):
            item = f"item{depth}"
            inner = self._checks(schema.items, item, label, depth + 1)
            if inner and self.types.may_be_null(schema.items):
                inner = [f"if ({item} !== null) {{", *(INDENT + line for line in inner), "}"]
            if inner:
                lines.append(f"for (const {item} of {var}) {{")
                lines.extend(INDENT + line for line in inner)
                lines.append("}")
        elif isinstance(schema, ObjectSchema):
            for prop in schema.properties:
                inner_var = _member(var, prop.name)
                inner_label = f"{label} + {ts_literal('.' + prop.name)}"
                found = self._checks(prop.schema, inner_var, inner_label, depth + 1)
                if found and (not prop.required or self.types.may_be_null(prop.schema)):
                    found = [
                        f"if ({inner_var} !== undefined && {inner_var} !== null) {{",
                        *(INDENT + f for f in found),
                        "}",
                    ]
                lines.extend(found)
        return lines

    def model_lines(self, schema: ObjectSchema) -> list[str]:
        """The body of a model's check function, over ``value`` and ``label``."""
        return self._direct(schema, "value", "label", 0)

    def model_checks(self, schema: ObjectSchema) -> bool:
        """Whether ``model_lines`` has any line, found without writing them (the first check found ends it)."""
        return self._has_direct(schema, 0)

    def _has_checks(self, schema: Schema, depth: int) -> bool:
        """Whether ``_checks`` has any line: the same walk, without the text."""
        if depth > _MAX_DEPTH:
            return False
        if isinstance(schema, RefSchema) and schema.name in self.checkers:
            return True
        resolved = self.types.resolve(schema)
        if isinstance(resolved, RefSchema) or (isinstance(resolved, ObjectSchema) and isinstance(schema, RefSchema)):
            return False
        return self._has_direct(resolved, depth)

    def _has_direct(self, schema: Schema, depth: int) -> bool:
        if value_checks(schema):
            return True
        if isinstance(schema, ArraySchema):
            return self._has_checks(schema.items, depth + 1)
        if isinstance(schema, ObjectSchema):
            return any(self._has_checks(prop.schema, depth + 1) for prop in schema.properties)
        return False


def needing_checks(types: TsTypes, names: Mapping[str, str]) -> dict[str, str]:
    """The models (IR name -> check function name) whose values have anything to check."""
    checkers: dict[str, str] = {}
    models = {n: s.schema for n, s in types.named.items() if isinstance(s.schema, ObjectSchema) and s.schema.properties}
    changed = True
    while changed:
        changed = False
        probe = TsChecks(types, checkers)
        for name, schema in models.items():
            if name not in checkers and probe.model_checks(schema):
                checkers[name] = "check" + names[name]
                changed = True
    return dict(sorted(checkers.items()))


def _member(var: str, key: str) -> str:
    """The property ``key`` of ``var``; ``__proto__`` is read as an own property, never as the prototype."""
    if key == "__proto__":
        return f'(rt.pick({var}, "__proto__") as any)'
    return f"{var}[{ts_literal(key)}]"


def _call(check: ValueCheck, var: str, label: str) -> str:
    """The runtime's ``check<Kind>`` called on ``var``: pattern and allowed values as arguments, bounds as an object."""
    if check.kind == "pattern":
        extra = f", {ts_literal(check.pattern)}"
    elif check.kind == "enum":
        extra = ", [" + ", ".join(ts_literal(v) for v in check.values) + "]"
    elif check.bounds:
        extra = ", { " + ", ".join(f"{property_key(camel(k))}: {ts_literal(v)}" for k, v in check.bounds) + " }"
    else:
        extra = ""
    return f"rt.check{check.kind.capitalize()}({label}, {var}{extra});"
