"""Comparing two schemas of one place in the API (a parameter, a body, a property) by what a client sees.

The rule a change falls under depends on where the schema sits (``rules.SCHEMA_PREFIXES``): a
tighter bound on a request rejects calls that worked, a looser bound on a response returns what
clients never had to handle.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import field

from .. import ir
from ..immutable import immutable
from .model import Found, Meaning, Names
from .rules import BOUNDS

MAX_DEPTH = 8

_PROPERTY_PREFIX = {
    "request-parameter": "request-property",
    "request-body": "request-property",
    "request-property": "request-property",
    "response-body": "response-property",
    "response-property": "response-property",
}

_KEYWORDS = {
    "max-length": "maxLength",
    "min-length": "minLength",
    "max": "maximum",
    "min": "minimum",
    "max-items": "maxItems",
    "min-items": "minItems",
}

Bound = tuple[float, bool]
"""A bound's value and whether it is exclusive."""


@immutable
class Place:
    """Where a schema sits: the rule prefix, the operation, the label in messages, its name in each style."""

    prefix: str
    where: str
    label: str
    subject: Meaning
    seen: set[tuple[str, str, str]] = field(default_factory=set)
    """Pairs of named schemas compared already below the same parameter, body or response (shared)."""

    def found(self, suffix: str, message: str, meaning: Meaning) -> Found:
        return Found(f"{self.prefix}-{suffix}", self.where, f"{self.label}: {message}", meaning)

    def became(self, required: bool, label: str | None = None) -> Found:
        """``<prefix>-became-required`` or ``-optional``, said of ``label`` or of the place's own label.

        A part of a response that became optional may now be absent.
        """
        state = "required" if required else "optional"
        said = "may now be absent" if self.prefix.startswith("response") and not required else f"became {state}"
        return Found(
            f"{self.prefix}-became-{state}",
            self.where,
            f"{label or self.label} became {state}",
            lambda n: f"{self.subject(n)} {said}",
        )


def resolve(api: ir.Api, schema: ir.Schema, depth: int = 0) -> ir.Schema:
    while isinstance(schema, ir.RefSchema) and depth < MAX_DEPTH:
        try:
            schema = api.schema(schema.name)
        except KeyError:
            return ir.AnySchema(origin=schema.origin)
        depth += 1
    return schema


def signature(api: ir.Api, schema: ir.Schema, depth: int = 0) -> str:
    """The type a schema stands for, without names or constraints: what a client's types depend on."""
    resolved = resolve(api, schema)
    nullable = "?" if schema.nullable or resolved.nullable else ""
    if depth > MAX_DEPTH:
        return "…"
    if isinstance(resolved, ir.PrimitiveSchema):
        fmt = resolved.format if resolved.format in ("date", "date-time", "binary") else None
        return resolved.kind + (f"({fmt})" if fmt else "") + nullable
    if isinstance(resolved, ir.EnumSchema):
        return f"enum<{resolved.kind}>" + nullable
    if isinstance(resolved, ir.ArraySchema):
        return f"array<{signature(api, resolved.items, depth + 1)}>" + nullable
    if isinstance(resolved, ir.ObjectSchema):
        return ("object" if resolved.properties else "map") + nullable
    if isinstance(resolved, ir.UnionSchema):
        return "union<" + "|".join(sorted(signature(api, v, depth + 1) for v in resolved.variants)) + ">" + nullable
    return "any"


def deprecated(api: ir.Api, schema: ir.Schema) -> bool:
    return schema.info.deprecated or resolve(api, schema).info.deprecated


def compare(
    old_api: ir.Api, new_api: ir.Api, old: ir.Schema, new: ir.Schema, place: Place, depth: int = 0
) -> Iterator[Found]:
    if depth > MAX_DEPTH:
        return
    if isinstance(old, ir.RefSchema) and isinstance(new, ir.RefSchema):
        # a named schema reached again (a cycle, or many properties of one type) was compared once
        # already: its changes are reported at the first place, so the walk stays linear in the schemas
        pair = (old.name, new.name, place.prefix.split("-")[0])
        if pair in place.seen:
            return
        place.seen.add(pair)
    subject = place.subject
    old_sig, new_sig = signature(old_api, old), signature(new_api, new)
    a, b = resolve(old_api, old), resolve(new_api, new)
    enum = _enum_set_or_unset(a, b)
    if enum is not None:
        yield from _nullable(old_sig, new_sig, place)
        yield place.found(enum, f"type {old_sig} -> {new_sig}", lambda n: f"{subject(n)}: {old_sig} -> {new_sig}")
        return
    if old_sig.rstrip("?") != new_sig.rstrip("?"):
        yield place.found(
            "type-changed",
            f"type {old_sig} -> {new_sig}",
            lambda n: f"{subject(n)}: type changed from {old_sig} to {new_sig}",
        )
        return
    yield from _nullable(old_sig, new_sig, place)
    if isinstance(a, ir.EnumSchema) and isinstance(b, ir.EnumSchema):
        yield from _enum(a.values, b.values, place)
    yield from _constraints(a, b, place)
    if isinstance(a, ir.ArraySchema) and isinstance(b, ir.ArraySchema):
        label = f"{place.label}[]"
        items = Place(place.prefix, place.where, label, lambda n: f"the items of {subject(n)}", place.seen)
        yield from compare(old_api, new_api, a.items, b.items, items, depth + 1)
    elif isinstance(a, ir.ObjectSchema) and isinstance(b, ir.ObjectSchema):
        yield from _properties(old_api, new_api, a, b, place, depth)


MAX_VALUES_SHOWN = 10


def _few(values: list[ir.JsonScalar]) -> str:
    """Values for a message: the first few, then how many more."""
    shown = ", ".join(json.dumps(v, ensure_ascii=False) for v in values[:MAX_VALUES_SHOWN])
    more = len(values) - MAX_VALUES_SHOWN
    return f"[{shown}{f', and {more} more' if more > 0 else ''}]" if values else ""


def _nullable(old_sig: str, new_sig: str, place: Place) -> Iterator[Found]:
    subject = place.subject
    if old_sig.endswith("?") == new_sig.endswith("?"):
        return
    if new_sig.endswith("?"):
        yield place.found("became-nullable", "may now be null", lambda n: f"{subject(n)} may now be None/null")
    else:
        yield place.found("became-not-nullable", "may no longer be null", lambda n: f"{subject(n)}: null refused")


def _enum_set_or_unset(a: ir.Schema, b: ir.Schema) -> str | None:
    """``became-enum`` or ``became-not-enum`` when one side lists the values of the other's primitive type."""
    if isinstance(a, ir.PrimitiveSchema) and isinstance(b, ir.EnumSchema) and a.kind == b.kind:
        return "became-enum"
    if isinstance(a, ir.EnumSchema) and isinstance(b, ir.PrimitiveSchema) and a.kind == b.kind:
        return "became-not-enum"
    return None


def _enum(old: tuple[ir.JsonScalar, ...], new: tuple[ir.JsonScalar, ...], place: Place) -> Iterator[Found]:
    subject = place.subject
    old_set, new_set = set(old), set(new)
    removed = _few([v for v in old if v not in new_set])
    added = _few([v for v in new if v not in old_set])
    if removed:
        yield place.found(
            "enum-value-removed", f"enum values removed {removed}", lambda n: f"{subject(n)}: values {removed} gone"
        )
    if added:
        response = place.prefix.startswith("response")
        yield place.found(
            "enum-value-added",
            f"enum values added {added}",
            lambda n: f"{subject(n)} may now hold {added}" if response else f"{subject(n)} accepts {added}",
        )


def _bounds(schema: ir.Schema) -> dict[str, Bound | None]:
    found: dict[str, Bound | None] = dict.fromkeys(BOUNDS)
    if isinstance(schema, ir.PrimitiveSchema):
        c = schema.constraints
        found["max-length"] = (c.max_length, False) if c.max_length is not None else None
        found["min-length"] = (c.min_length, False) if c.min_length else None
        found["max"] = _tightest([(c.maximum, False), (c.exclusive_maximum, True)], upper=True)
        found["min"] = _tightest([(c.minimum, False), (c.exclusive_minimum, True)], upper=False)
    elif isinstance(schema, ir.ArraySchema):
        found["max-items"] = (schema.max_items, False) if schema.max_items is not None else None
        found["min-items"] = (schema.min_items, False) if schema.min_items else None
    return found


def _tightest(candidates: list[tuple[float | None, bool]], *, upper: bool) -> Bound | None:
    bounds = [(v, exclusive) for v, exclusive in candidates if v is not None]
    if not bounds:
        return None
    # the lowest upper bound (the highest lower one); at the same value, the exclusive one
    return min(bounds, key=lambda b: (b[0] if upper else -b[0], not b[1]))


def _tighter(old: Bound, new: Bound, *, upper: bool) -> bool:
    if new[0] != old[0]:
        return new[0] < old[0] if upper else new[0] > old[0]
    return new[1] and not old[1]


def _text(bound: Bound) -> str:
    value = int(bound[0]) if float(bound[0]).is_integer() else bound[0]
    return f"{value} (exclusive)" if bound[1] else str(value)


def _said(place: Place, suffix: str, text: str) -> Found:
    """A change whose meaning is its text, said of the place's subject."""
    subject = place.subject
    return place.found(suffix, text, lambda n: f"{subject(n)}: {text}")


def _bound(bound: str, old: Bound | None, new: Bound | None, place: Place) -> Iterator[Found]:
    if old == new:
        return
    kind = BOUNDS[bound][0]
    keyword = _KEYWORDS[bound]
    if old is None and new is not None:
        yield _said(place, f"{bound}-set", f"{keyword} set to {_text(new)}")
    elif new is None and old is not None:
        yield _said(place, f"{bound}-unset", f"{keyword} {_text(old)} removed")
    elif old is not None and new is not None:
        upper = kind == "max"
        tighter = _tighter(old, new, upper=upper)
        action = ("decreased" if tighter else "increased") if upper else ("increased" if tighter else "decreased")
        yield _said(place, f"{bound}-{action}", f"{keyword} {_text(old)} -> {_text(new)}")


def _constraints(a: ir.Schema, b: ir.Schema, place: Place) -> Iterator[Found]:
    subject = place.subject
    old_bounds, new_bounds = _bounds(a), _bounds(b)
    for bound in BOUNDS:
        yield from _bound(bound, old_bounds[bound], new_bounds[bound], place)
    old_pattern = a.constraints.pattern if isinstance(a, ir.PrimitiveSchema) else None
    new_pattern = b.constraints.pattern if isinstance(b, ir.PrimitiveSchema) else None
    if old_pattern != new_pattern:
        suffix = "pattern-added" if old_pattern is None else "pattern-removed" if new_pattern is None else "changed"
        suffix = "pattern-changed" if suffix == "changed" else suffix
        yield _said(place, suffix, f"pattern {old_pattern!r} -> {new_pattern!r}")
    old_multiple = a.constraints.multiple_of if isinstance(a, ir.PrimitiveSchema) else None
    new_multiple = b.constraints.multiple_of if isinstance(b, ir.PrimitiveSchema) else None
    if old_multiple != new_multiple:
        suffix = (
            "multiple-of-set"
            if old_multiple is None
            else "multiple-of-unset" if new_multiple is None else "multiple-of-changed"
        )
        yield _said(place, suffix, f"multipleOf {old_multiple} -> {new_multiple}")
    old_unique = isinstance(a, ir.ArraySchema) and a.unique_items
    new_unique = isinstance(b, ir.ArraySchema) and b.unique_items
    if old_unique != new_unique:
        if new_unique:
            yield place.found("unique-items-set", "items must be unique", lambda n: f"{subject(n)}: items unique")
        else:
            yield place.found("unique-items-unset", "items may repeat", lambda n: f"{subject(n)}: items may repeat")


def _properties(
    old_api: ir.Api, new_api: ir.Api, a: ir.ObjectSchema, b: ir.ObjectSchema, place: Place, depth: int
) -> Iterator[Found]:
    old_props = {p.name: p for p in a.properties}
    new_props = {p.name: p for p in b.properties}
    for name, prop in old_props.items():
        yield from _property(old_api, new_api, name, prop, new_props.get(name), place, depth)
    for name, prop in new_props.items():
        if name not in old_props:
            yield _property_added(name, prop, place)


def _property(
    old_api: ir.Api, new_api: ir.Api, name: str, prop: ir.Property, other: ir.Property | None, place: Place, depth: int
) -> Iterator[Found]:
    prefix = _PROPERTY_PREFIX[place.prefix]
    response = prefix.startswith("response")
    owner = place.subject
    label = f"{place.label}.{name}"

    def subject(n: Names) -> str:
        return f"{'attribute' if response else 'argument'} `{n.member(name)}` of {owner(n)}"

    was = " (it was deprecated)" if deprecated(old_api, prop.schema) else ""
    if other is None:
        rule = (
            ("response-required-property-removed" if prop.required else "response-optional-property-removed")
            if response
            else "request-property-removed"
        )
        yield Found(rule, place.where, f"{label} removed{was}", lambda n: f"{subject(n)} removed")
        return
    here = Place(prefix, place.where, label, subject, place.seen)
    if prop.required != other.required:
        yield here.became(other.required)
    if not was and deprecated(new_api, other.schema):
        yield here.found("deprecated", "became deprecated", lambda n: f"{subject(n)} is deprecated")
    yield from compare(old_api, new_api, prop.schema, other.schema, here, depth + 1)


def _property_added(name: str, prop: ir.Property, place: Place) -> Found:
    owner = place.subject
    label = f"{place.label}.{name}"
    if _PROPERTY_PREFIX[place.prefix].startswith("response"):
        rule = "response-required-property-added" if prop.required else "response-optional-property-added"
        return Found(rule, place.where, f"{label} added", lambda n: f"new attribute `{n.member(name)}` of {owner(n)}")
    state = "required" if prop.required else "optional"
    return Found(
        f"new-{state}-request-property",
        place.where,
        f"{label} added as {state}",
        lambda n: f"new {state} argument `{n.member(name)}` of {owner(n)}",
    )
