"""Client-side checks of what a spec constrains, as Go statements run before any request is sent.

The same checks as the other styles, with the same labels (the spec's names), so a bad
argument fails the same way in every client: each ``core.checks.ValueCheck`` becomes calls
of the package's ``check*`` functions (``checks.go``), which return ``*ArgumentError`` (``apicore``'s, re-exported).
Loops over array items and model properties stay here, where the variables are known.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from ...core.checks import ValueCheck, value_checks
from ...ir import ArraySchema, ObjectSchema, RefSchema, Schema
from ...patterns import UnsupportedPatternError, translate
from .literals import gonumber, gostr
from .types import GoTypes

_MAX_DEPTH = 6
_MAX_EXACT = 2**53
INDENT = "\t"
_BOUNDS = {
    "min_length": "checkMinLength",
    "max_length": "checkMaxLength",
    "minimum": "checkMinimum",
    "maximum": "checkMaximum",
    "exclusive_minimum": "checkExclusiveMinimum",
    "exclusive_maximum": "checkExclusiveMaximum",
    "min_items": "checkMinItems",
    "max_items": "checkMaxItems",
}

FieldName = Callable[[ObjectSchema, str], str]
"""The Go field name of a model's property: (its object schema, spec name) -> field."""


class GoChecks:
    """Check statements for values of one package's schemas; a failing check returns ``fail`` and the error."""

    def __init__(self, types: GoTypes, field_name: FieldName) -> None:
        self.types = types
        self.field_name = field_name
        self._made: dict[tuple[int, str, str, str, int, str, bool], tuple[Schema, list[str]]] = {}
        """Checks already written, by (schema's identity, variable, label, held, depth, fail, optional): every operation
        taking a model's properties checks the same nested members, so each is written once per package."""

    def lines(self, schema: Schema, var: str, label: str, *, held: str, fail: str, optional: bool = False) -> list[str]:
        """Checks of ``var``, held as the Go type ``held`` (a pointer: nil when unset); ``label`` is Go text.

        ``optional``: ``var`` may be left unset; a nil slice is unset, so its checks (``minItems``) are not made on it.
        An empty slice given is checked, as the other styles check an empty list or array given.
        """
        return list(self._held(schema, var, label, held, 0, fail, optional))

    def _held(
        self, schema: Schema, var: str, label: str, held: str, depth: int, fail: str, optional: bool
    ) -> list[str]:
        key = (id(schema), var, label, held, depth, fail, optional)
        made = self._made.get(key)
        if made is None:  # the schema is kept with its lines, so its identity is not reused meanwhile
            made = self._made[key] = (schema, self._held_lines(schema, var, label, held, depth, fail, optional))
        return made[1]

    def _held_lines(
        self, schema: Schema, var: str, label: str, held: str, depth: int, fail: str, optional: bool
    ) -> list[str]:
        if held.startswith("*") and not self.types.is_struct(held[1:]):
            inner = self._checks(schema, f"*{var}", label, depth, fail)
        else:
            inner = self._checks(schema, var, label, depth, fail)
        if inner and (held.startswith("*") or (optional and held.startswith("[]"))):
            return [f"if {var} != nil {{", *(INDENT + line for line in inner), "}"]
        return inner

    def _checks(self, schema: Schema, var: str, label: str, depth: int, fail: str) -> list[str]:
        if depth > _MAX_DEPTH:
            return []
        resolved = self.types.resolve(schema)
        if isinstance(resolved, RefSchema):
            return []
        type_ = self.types.type(schema)
        found = [line for check in value_checks(resolved) for line in self._calls(check, var, label, type_, fail)]
        if isinstance(resolved, ArraySchema) and type_.startswith("[]"):
            item = f"item{depth}"
            held = type_[2:]
            inner = self._held(resolved.items, item, label, held, depth + 1, fail, False)
            if inner:
                found.append(f"for _, {item} := range {var} {{")
                found.extend(INDENT + line for line in inner)
                found.append("}")
        elif isinstance(resolved, ObjectSchema) and self.types.is_struct(type_):
            for prop in resolved.properties:
                member = f"{var}.{self.field_name(resolved, prop.name)}"
                held, omitted = self.types.field(prop.schema, required=prop.required)
                inner_label = f"{label}+{gostr('.' + prop.name)}"
                found.extend(self._held(prop.schema, member, inner_label, held, depth + 1, fail, omitted))
        return found

    def _calls(self, check: ValueCheck, var: str, label: str, type_: str, fail: str) -> list[str]:
        """The calls making ``check`` on ``var``; none when its Go type cannot hold what it checks."""
        text = var if type_ == "string" else f"string({var})"
        is_text = type_ == "string" or type_ in self.types.string_enums
        calls: list[str] = []
        if check.kind == "uuid" and is_text:
            calls.append(f"checkUUID({label}, {text})")
        elif check.kind == "pattern" and is_text:
            with contextlib.suppress(UnsupportedPatternError):
                calls.append(f"checkPattern({label}, {text}, {gostr(translate(check.pattern))})")
        elif check.kind == "enum":
            calls.extend(self._enum(check, var, label, type_))
        elif check.kind == "length" and is_text:
            calls.extend(_bounded(check, label, text, integral=True))
        elif check.kind == "range" and type_ in ("int64", "float64", *self.types.int_enums):
            calls.extend(_bounded(check, label, f"float64({var})", integral=False))
        elif check.kind == "items" and type_.startswith("[]"):
            calls.extend(_bounded(check, label, f"len({var})", integral=True))
            if dict(check.bounds).get("unique"):
                calls.append(f"checkUnique({label}, {var})")
        return [f"if err := {call}; err != nil {{ return {fail}err }}" for call in calls]

    def _enum(self, check: ValueCheck, var: str, label: str, type_: str) -> list[str]:
        values = check.values
        if type_ == "string" or type_ in self.types.string_enums:
            if all(isinstance(v, str) for v in values):
                text = var if type_ == "string" else f"string({var})"
                return [f"checkEnum({label}, {text}, {', '.join(gostr(v) for v in values)})"]
        elif type_ == "int64" or type_ in self.types.int_enums:
            if all(type(v) is int and abs(v) < 2**63 for v in values):
                number = var if type_ == "int64" else f"int64({var})"
                return [f"checkEnum({label}, {number}, {', '.join(str(v) for v in values)})"]
        elif type_ == "float64":
            numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
            if len(numbers) == len(values) and all(abs(v) < _MAX_EXACT for v in numbers):
                return [f"checkEnum({label}, {var}, {', '.join(_float(v) for v in numbers)})"]
        elif type_ == "bool" and all(isinstance(v, bool) for v in values):
            return [f"checkEnum({label}, {var}, {', '.join('true' if v else 'false' for v in values)})"]
        return []


def _bounded(check: ValueCheck, label: str, value: str, *, integral: bool) -> list[str]:
    calls: list[str] = []
    for name, bound in check.bounds:
        if name not in _BOUNDS or isinstance(bound, bool) or not isinstance(bound, (int, float)):
            continue
        if abs(bound) >= (2**62 if integral else 1e300):
            continue  # no Go value gets there
        literal = str(int(bound)) if integral else _float(bound)
        calls.append(f"{_BOUNDS[name]}({label}, {value}, {literal})")
    return calls


def _float(value: float) -> str:
    text = gonumber(value)
    return text if isinstance(value, float) else f"{text}.0" if abs(value) < _MAX_EXACT else f"{float(value)!r}"
