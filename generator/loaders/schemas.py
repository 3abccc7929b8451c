"""Schema Objects of every dialect (Swagger 2.0, OpenAPI 3.0, OpenAPI 3.1) to IR schemas.

The dialects differ only in a few places, handled here and nowhere else:
nullability (``x-nullable`` in 2.0, ``nullable`` in 3.0, a type list or a
``null`` variant in 3.1), ``exclusiveMinimum`` (a flag before 3.1, a bound
after), ``type: file`` (2.0), and ``examples`` (a list in 3.1).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..core.coverage import READ_AS_ANY
from ..ir import (
    AnySchema,
    ArraySchema,
    Constraints,
    EnumSchema,
    JsonScalar,
    ObjectSchema,
    PrimitiveKind,
    PrimitiveSchema,
    Property,
    RefSchema,
    Schema,
    SchemaInfo,
    UnionSchema,
)
from ..patterns import classify
from ..value_limits import MAX_VALUE_SIZE, portable_json, unportable_numbers
from .context import LoadContext, Node, canonical_json, flag, text
from .discriminators import parent_discriminator, union_discriminator
from .implied import implied_types
from .lenient import type_name, unknown_type

PRIMITIVES: tuple[PrimitiveKind, ...] = ("string", "integer", "number", "boolean", "null")
_SCALARS = (str, int, float, bool, type(None))


_JS_REGEX_LITERAL = re.compile(r"/(\^.*|.*\$)/[gimsuy]*", re.DOTALL)
"""``/^...$/``: a pattern with its JavaScript delimiters, anchored inside them, so no string matches it as written."""


def build_schema(ctx: LoadContext, node: Node) -> Schema:
    """Build the IR schema for ``node`` (any value a spec may put where a schema goes)."""
    value = node.value
    if value is True or value == {}:
        return AnySchema(origin=node.origin)
    if value is False:
        ctx.warning("W005", "a schema of `false` (no value allowed) is treated as any value", node)
        return AnySchema(origin=node.origin)
    if not isinstance(value, dict):
        ctx.error("E030", f"a schema must be an object, not {type(value).__name__}", node)
        return AnySchema(origin=node.origin)
    if "$ref" in value:
        return _reference(ctx, node)
    schema = _shape(ctx, node)
    nullable = _nullable(ctx, node) and not schema.nullable and not _is_null(schema)
    info = _info(ctx, node)
    if "allOf" in value:  # what the parts say about the value holds unless the schema itself says otherwise
        info = _merge_info(schema.info, info)
    if nullable:
        return replace(schema, nullable=True, info=info)
    return schema if info == schema.info else replace(schema, info=info)  # most schemas: no copy


def _reference(ctx: LoadContext, node: Node) -> Schema:
    target = ctx.follow(node)
    info = _info(ctx, node)
    if not isinstance(target, Node):  # resolves nowhere: any value (a finding at the reference that failed)
        return AnySchema(info=info, origin=target)  # what is written beside the reference still holds
    name = ctx.schema_name_for(target)
    if name is not None:
        return RefSchema(name=name, info=info, nullable=_nullable(ctx, node), origin=node.origin)
    key = ctx.key(target)
    if key in ctx.inlining:
        # A cycle through a non-component location: give the target a name so it can refer to itself.
        base = target.pointer.rsplit("/", 1)[-1] or target.document.path.stem
        name = ctx.register(_title(base), target)
        return RefSchema(name=name, info=info, origin=node.origin)
    schema = _inlined(ctx, target)
    if _expanded_size(ctx, schema) > MAX_INLINE_SIZE:
        # Copied into every place that uses it, this schema would be too large (a target that refers to
        # another one twice, which refers to a third twice...): it becomes a model, referenced by name.
        base = target.pointer.rsplit("/", 1)[-1] or target.document.path.stem
        name = ctx.register(_title(base), target)
        ctx.warning(
            "W015",
            f"this schema holds more than {MAX_INLINE_SIZE} schemas once the ones it refers to are copied in:"
            f" it becomes the model {name!r}, referenced where it is used",
            target,
        )
        return RefSchema(name=name, info=info, nullable=_nullable(ctx, node), origin=node.origin)
    if info != SchemaInfo():
        schema = replace(schema, info=_merge_info(schema.info, info))
    return schema


def _title(base: str) -> str:
    return base[:1].upper() + base[1:] if base else "Schema"


def _shape(ctx: LoadContext, node: Node) -> Schema:
    value: dict[str, Any] = node.value
    if "allOf" in value:
        return _all_of(ctx, node)
    for keyword, exclusive in (("oneOf", True), ("anyOf", False)):
        if keyword in value:
            return _union(ctx, node, keyword, exclusive)
    if "enum" in value or "const" in value:
        enum = _enum(ctx, node)
        if enum is not None:
            return enum
    types = _types(ctx, node)
    if len(types) > 1:
        variants = tuple(_typed(ctx, node, t) for t in types)
        if any(isinstance(v, AnySchema) for v in variants):  # a type read as any value: so is the union
            return AnySchema(origin=node.origin)
        return UnionSchema(variants=variants, exclusive=False, origin=node.origin)
    return _typed(ctx, node, types[0] if types else None)


def _types(ctx: LoadContext, node: Node) -> list[str]:
    """The non-null types a schema allows, inferred from its keywords when ``type`` is missing."""
    raw = node.value.get("type")
    if isinstance(raw, str):
        types = [type_name(ctx, node, raw)]
    elif isinstance(raw, list) and all(isinstance(t, str) for t in raw):
        types = list(dict.fromkeys(type_name(ctx, node, t) for t in raw))
    elif raw is None:
        types = []
    else:  # warn mode reads past it (codat.io wrote a property's schema at `type`) as any value, counted unreadable
        ctx.read_past("E030", "`type` must be a string or a list of strings", node.child("type"), read_as=READ_AS_ANY)
        return []
    if "null" in types and len(types) > 1:
        types.remove("null")
    if types:
        return types
    return implied_types(ctx, node)


def _typed(ctx: LoadContext, node: Node, kind: str | None) -> Schema:
    value: dict[str, Any] = node.value
    if kind is None:
        return AnySchema(origin=node.origin)
    if kind == "object":
        return _object(ctx, node)
    if kind == "array":
        return _array(ctx, node)
    if kind == "file":
        if ctx.dialect != "2.0":
            ctx.warning("W005", "`type: file` belongs to Swagger 2.0; read as binary", node.child("type"))
        return PrimitiveSchema(kind="string", format="binary", origin=node.origin)
    if kind not in PRIMITIVES:
        return unknown_type(ctx, node, kind, lambda written: build_schema(ctx, written))
    fmt, media_type = value.get("format"), value.get("contentMediaType")  # read as ``text`` reads them
    return PrimitiveSchema(
        kind=kind,
        format=fmt if isinstance(fmt, str) else None,
        content_media_type=media_type if isinstance(media_type, str) else None,
        constraints=_constraints(ctx, node) if value.keys() & _CONSTRAINT_KEYS else Constraints(),
        origin=node.origin,
    )


_CONSTRAINT_KEYS = frozenset(
    {"minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
)


def _number(ctx: LoadContext, node: Node, key: str) -> float | None:
    raw = node.value.get(key)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
        ctx.warning("W005", f"`{key}` must be a finite number; ignored", node.child(key))
        return None
    return raw


def _count(ctx: LoadContext, node: Node, key: str) -> int | None:
    raw = node.value.get(key)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        ctx.warning("W005", f"`{key}` must be a non-negative integer; ignored", node.child(key))
        return None
    if raw >= MAX_VALUE_SIZE and key.startswith("min"):  # a large maximum only drops a "too long" case
        ctx.warning(
            "W010",
            f"`{key}` {raw} is not below {MAX_VALUE_SIZE}: examples and generated tests leave out values that need it",
            node.child(key),
        )
    return raw


def _constraints(ctx: LoadContext, node: Node) -> Constraints:
    minimum = _number(ctx, node, "minimum")
    maximum = _number(ctx, node, "maximum")
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    for key, bound in (("exclusiveMinimum", minimum), ("exclusiveMaximum", maximum)):
        raw = node.value.get(key)
        if isinstance(raw, bool):  # the 2.0 / 3.0 flag form modifies minimum / maximum
            if raw and bound is not None:
                if key == "exclusiveMinimum":
                    exclusive_minimum, minimum = minimum, None
                else:
                    exclusive_maximum, maximum = maximum, None
        elif raw is not None:
            number = _number(ctx, node, key)
            if key == "exclusiveMinimum":
                exclusive_minimum = number
            else:
                exclusive_maximum = number
    pattern = text(node.get("pattern"))
    if pattern is None and "pattern" in node.value:
        ctx.warning("W005", "`pattern` must be a string; ignored", node.child("pattern"))
    literal = _JS_REGEX_LITERAL.fullmatch(pattern or "")
    if literal is not None:
        pattern = literal.group(1)
        ctx.warning(
            "W005",
            "`pattern` is written as a JavaScript /.../ literal, which can never match; read without the slashes",
            node.child("pattern"),
        )
    if pattern is not None:
        verdict = classify(pattern)
        if not verdict.client_checks:
            shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
            ctx.warning(
                "W009", f"pattern {shown!r} is not checked by the clients: {verdict.reason}", node.child("pattern")
            )
    multiple_of = _number(ctx, node, "multipleOf")
    if multiple_of is not None and multiple_of <= 0:
        ctx.warning("W005", "`multipleOf` must be positive; ignored", node.child("multipleOf"))
        multiple_of = None
    return Constraints(
        min_length=_count(ctx, node, "minLength"),
        max_length=_count(ctx, node, "maxLength"),
        pattern=pattern,
        minimum=minimum,
        maximum=maximum,
        exclusive_minimum=exclusive_minimum,
        exclusive_maximum=exclusive_maximum,
        multiple_of=multiple_of,
    )


def _array(ctx: LoadContext, node: Node) -> ArraySchema:
    items_node = node.get("items")
    if items_node is None:
        items: Schema = AnySchema(origin=node.origin)
    elif isinstance(items_node.value, list):  # tuple form (draft 4 / 2.0 misuse): take the first
        ctx.warning("W005", "tuple-form `items` is read as a list of its first schema", items_node)
        first = items_node.elements()
        items = build_schema(ctx, first[0]) if first else AnySchema(origin=items_node.origin)
    else:
        items = build_schema(ctx, items_node)
    if "prefixItems" in node.value:
        ctx.warning("W005", "`prefixItems` is not supported; items are read from `items`", node.child("prefixItems"))
    return ArraySchema(
        items=items,
        min_items=_count(ctx, node, "minItems"),
        max_items=_count(ctx, node, "maxItems"),
        unique_items=flag(node.get("uniqueItems")),
        origin=node.origin,
    )


def _object(ctx: LoadContext, node: Node) -> ObjectSchema:
    required_node = node.get("required")
    required: set[str] = set()
    if required_node is not None:
        if isinstance(required_node.value, list):
            required = {r for r in required_node.value if isinstance(r, str)}
        elif required_node.value is not True:  # `required: true` on a property is a 2.0-era mistake
            ctx.warning("W005", "`required` must be a list of property names; ignored", required_node)
    properties: list[Property] = []
    props_node = node.get("properties")
    if props_node is not None and not isinstance(props_node.value, dict):
        ctx.error("E030", "`properties` must be an object", props_node)
        props_node = None
    for name, prop in props_node.items() if props_node is not None else []:
        properties.append(
            Property(name=name, schema=build_schema(ctx, prop), required=name in required, origin=prop.origin)
        )
    additional: Schema | bool = True
    extra = node.get("additionalProperties")
    if extra is not None:
        if isinstance(extra.value, bool):
            additional = extra.value
        elif extra.value == {}:
            additional = True
        else:
            additional = build_schema(ctx, extra)
    return ObjectSchema(
        properties=tuple(properties),
        additional_properties=additional,
        min_properties=_count(ctx, node, "minProperties"),
        max_properties=_count(ctx, node, "maxProperties"),
        discriminator=parent_discriminator(ctx, node) if "discriminator" in node.value else None,
        origin=node.origin,
    )


_ANNOTATIONS = frozenset(
    {"description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly"}
    | {"xml", "externalDocs", "nullable", "$comment", "discriminator"}
)
"""Keywords that say something about a value without narrowing what it may be."""
_SHAPE_KEYS = frozenset({"properties", "required", "additionalProperties", "type"})


def _says_only(value: Any, keywords: frozenset[str]) -> bool:
    """Whether ``value`` is an inline schema of only ``keywords`` and extensions (``x-...``)."""
    if not isinstance(value, dict):
        return False
    others = value.keys() - keywords
    return not others or all(k.startswith("x-") for k in others)


def _all_of(ctx: LoadContext, node: Node) -> Schema:
    """``allOf``: the one part that shapes the value, annotated by the others; object parts merge into one object.

    ``allOf: [{$ref: X}, {description: ...}]`` (how OpenAPI 3.0 documents annotate a reference) is ``X``,
    referenced, not copied; a primitive narrowed by constraint-only parts (``[{$ref: Name}, {pattern: ...}]``)
    is that primitive with the tighter constraints.
    """
    parts_node = node.child("allOf")
    parts = parts_node.elements()
    if not parts:
        ctx.warning("W005", "empty `allOf` ignored", parts_node)
        return AnySchema(origin=node.origin)
    own = {k: v for k, v in node.value.items() if k != "allOf"}
    notes: list[Node] = []
    shaping: list[Node] = []
    for each in parts:
        (notes if _says_only(each.value, _ANNOTATIONS) else shaping).append(each)
    if not own.keys() & _SHAPE_KEYS:
        if len(shaping) <= 1:
            schema = build_schema(ctx, shaping[0]) if shaping else AnySchema(origin=node.origin)
            return _annotated(ctx, schema, notes)
        narrowed = _narrowed(ctx, shaping)
        if narrowed is not None:
            return _annotated(ctx, narrowed, notes)
    merged_props: dict[str, Property] = {}
    additional: Schema | bool = True
    nullable_parts: list[bool] = []
    bases: list[RefSchema] = []
    for original in shaping:
        part = ctx.deref(original)
        if part is None:
            continue
        is_ref = isinstance(original.value, dict) and "$ref" in original.value
        if is_ref and isinstance(part.value, dict) and "discriminator" in part.value:
            base = ctx.schema_name_for(part)  # a child of a discriminated parent: decoded where the parent is expected
            if base is not None and all(b.name != base for b in bases):
                bases.append(RefSchema(name=base, origin=original.origin))
        schema = _object_of(ctx, part) if is_ref else build_schema(ctx, original)
        if not isinstance(schema, ObjectSchema):
            if len(parts) == 1:
                return schema
            ctx.warning("W005", "a part of `allOf` that is no object, beside object parts, is ignored", original)
            continue
        nullable_parts.append(schema.nullable)
        for prop in schema.properties:
            merged_props[prop.name] = prop
        if schema.additional_properties is False:
            additional = False
    # null is a value of every part: it is one of the merged object too (unless the node's own type says not)
    nullable = bool(nullable_parts) and all(nullable_parts) and "type" not in own
    if own.keys() & {"properties", "required", "additionalProperties"}:
        own_shape = {k: v for k, v in own.items() if k != "discriminator"}  # read once, below
        self_schema = _object(ctx, Node(own_shape, node.document, node.pointer))
        for prop in self_schema.properties:
            merged_props[prop.name] = prop
    required = set(node.value.get("required") or ()) if isinstance(node.value.get("required"), list) else set()
    properties = tuple(replace(p, required=p.required or p.name in required) for p in merged_props.values())
    shape = ObjectSchema(
        properties=properties,
        additional_properties=additional,
        discriminator=parent_discriminator(ctx, node) if "discriminator" in own else None,
        bases=tuple(bases),
        nullable=nullable,
        origin=node.origin,
    )
    merged = _annotated(ctx, shape, notes)
    if ctx.key(node) == ctx.body or _expanded_size(ctx, merged) <= MAX_INLINE_SIZE:
        return merged
    # Copied into every place that uses it, this object would be too large (parts that merge parts nest):
    # it becomes a model of its own, referenced by name like a component.
    name = ctx.named.get(ctx.key(node))
    if name is None:
        name = ctx.register(_hint(node), node)
        ctx.warning(
            "W015",
            f"this `allOf` merges into an object of more than {MAX_INLINE_SIZE} schemas once its parts are copied in:"
            f" it becomes the model {name!r}, referenced where it is used",
            node.child("allOf"),
        )
    return RefSchema(name=name, info=merged.info, nullable=merged.nullable, origin=node.origin)


MAX_INLINE_SIZE = 2000
"""Schemas (counted through nesting, references as one) an object merged from `allOf`, or a schema outside the
named ones that a ``$ref`` copies, may hold and stay inline."""


def _expanded_size(ctx: LoadContext, schema: Schema | bool) -> int:
    """How many schemas ``schema`` holds, nested ones counted wherever they appear (references count as one)."""
    if isinstance(schema, bool):
        return 0
    known = ctx.sizes.get(id(schema))
    if known is not None and known[1] is schema:
        return known[0]
    count = 1
    if isinstance(schema, ObjectSchema):
        count += sum(_expanded_size(ctx, p.schema) for p in schema.properties)
        count += _expanded_size(ctx, schema.additional_properties)
    elif isinstance(schema, ArraySchema):
        count += _expanded_size(ctx, schema.items)
    elif isinstance(schema, UnionSchema):
        count += sum(_expanded_size(ctx, v) for v in schema.variants)
    ctx.sizes[id(schema)] = (count, schema)  # the schema is kept, so its id() names no other
    return count


def _hint(node: Node) -> str:
    """A model name for an inline schema: the names along its pointer (``Pet/properties/owner`` -> ``PetOwner``)."""
    keywords = {"components", "schemas", "definitions", "properties", "allOf", "items", "paths", "content"}
    parts = [p.replace("~1", "/").replace("~0", "~") for p in node.pointer.split("/") if p]
    words = [p for p in parts if p not in keywords and not p.isdigit()]
    return "".join(_title(w) for w in words[-3:]) or "Merged"


def _annotated(ctx: LoadContext, schema: Schema, notes: list[Node]) -> Schema:
    """``schema`` with what annotation-only ``allOf`` parts say about it (description, nullable, read-only...)."""
    for note in notes:
        nullable = schema.nullable or (_nullable(ctx, note) and not _is_null(schema))
        schema = replace(schema, info=_merge_info(schema.info, _info(ctx, note)), nullable=nullable)
    return schema


_NARROWING = _ANNOTATIONS | _CONSTRAINT_KEYS | {"format"}


def _narrowed(ctx: LoadContext, shaping: list[Node]) -> Schema | None:
    """One primitive part narrowed by parts of constraints only; None when the parts are not of that form."""
    typed = [p for p in shaping if not _says_only(p.value, _NARROWING)]
    if len(typed) != 1:
        return None
    target = ctx.deref(typed[0])
    if target is None:
        return None
    base = _inlined(ctx, target) if target is not typed[0] else build_schema(ctx, typed[0])
    if not isinstance(base, PrimitiveSchema):
        return None
    constraints = base.constraints
    fmt = base.format
    for part in shaping:
        if part is typed[0]:
            continue
        constraints = _tighter(ctx, constraints, _constraints(ctx, part), part)
        fmt = fmt or text(part.get("format"))
        base = replace(base, info=_merge_info(base.info, _info(ctx, part)))
    return replace(base, constraints=constraints, format=fmt, origin=typed[0].origin)


def _tighter(ctx: LoadContext, a: Constraints, b: Constraints, where: Node) -> Constraints:
    """Both sets of constraints at once (the larger lower bound, the smaller upper bound)."""

    def low(x: float | None, y: float | None) -> float | None:
        return y if x is None else x if y is None else max(x, y)

    def high(x: float | None, y: float | None) -> float | None:
        return y if x is None else x if y is None else min(x, y)

    pattern, multiple_of = a.pattern or b.pattern, a.multiple_of or b.multiple_of
    for key, mine, theirs in (("pattern", a.pattern, b.pattern), ("multipleOf", a.multiple_of, b.multiple_of)):
        if mine is not None and theirs is not None and mine != theirs:
            ctx.warning("W005", f"a second `{key}` in one `allOf` is ignored", where.child(key))
    return Constraints(
        min_length=int(v) if (v := low(a.min_length, b.min_length)) is not None else None,
        max_length=int(v) if (v := high(a.max_length, b.max_length)) is not None else None,
        pattern=pattern,
        minimum=low(a.minimum, b.minimum),
        maximum=high(a.maximum, b.maximum),
        exclusive_minimum=low(a.exclusive_minimum, b.exclusive_minimum),
        exclusive_maximum=high(a.exclusive_maximum, b.exclusive_maximum),
        multiple_of=multiple_of,
    )


def _object_of(ctx: LoadContext, target: Node) -> Schema:
    """The object a referenced allOf part describes (its properties are copied, not referenced)."""
    if ctx.key(target) in ctx.inlining:
        ctx.warning("W005", "`allOf` that includes itself; the repeated part is ignored", target)
        ctx.cycles_cut += 1
        return AnySchema(origin=target.origin)
    return _inlined(ctx, target)


def _inlined(ctx: LoadContext, target: Node) -> Schema:
    """The schema at ``target``, built once however many places copy it (then shared, never rebuilt)."""
    key = ctx.key(target)
    if key in ctx.inlined:
        return ctx.inlined[key]
    cuts = ctx.cycles_cut
    ctx.inlining.append(key)
    try:
        schema = build_schema(ctx, target)
    finally:
        ctx.inlining.pop()
    if ctx.cycles_cut == cuts:  # a body with a cycle cut short depends on where it was reached from
        ctx.inlined[key] = schema
    return schema


def _union(ctx: LoadContext, node: Node, keyword: str, exclusive: bool) -> Schema:
    variants_node = node.child(keyword)
    if not isinstance(variants_node.value, list) or not variants_node.value:
        ctx.error("E030", f"`{keyword}` must be a non-empty list", variants_node)
        return AnySchema(origin=node.origin)
    variants: list[Schema] = []
    nullable = False
    for element in variants_node.elements():
        schema = build_schema(ctx, element)
        if _is_null(schema):
            nullable = True
        elif schema not in variants:
            variants.append(schema)
    if not variants:
        return PrimitiveSchema(kind="null", origin=node.origin)
    if len(variants) == 1:
        return replace(variants[0], nullable=variants[0].nullable or nullable)
    return UnionSchema(
        variants=tuple(variants),
        exclusive=exclusive,
        discriminator=union_discriminator(ctx, node),
        nullable=nullable,
        origin=node.origin,
    )


def _enum(ctx: LoadContext, node: Node) -> Schema | None:
    """The enum or const of a schema; None when it lists only objects and arrays, maybe with null (read by its type)."""
    if "enum" in node.value:
        raw = node.value["enum"]
        if not isinstance(raw, list) or not raw:
            ctx.error("E030", "`enum` must be a non-empty list", node.child("enum"))
            return AnySchema(origin=node.origin)
    else:
        raw = [node.value["const"]]
    shaped = [item for item in raw if item is not None]
    if shaped and not any(isinstance(item, _SCALARS) for item in shaped):
        where = node.child("enum") if "enum" in node.value else node.child("const")
        ctx.warning("W005", "an enum of objects or arrays only is read as its type; its values are not checked", where)
        return None
    values: list[JsonScalar] = []
    for i, item in enumerate(raw):
        if not isinstance(item, _SCALARS):
            ctx.warning("W005", "non-scalar enum value skipped", node.child("enum", i))
        elif item not in values or any(type(item) is not type(v) for v in values if v == item):
            values.append(item)
    non_null = [v for v in values if v is not None]
    if not non_null:
        return PrimitiveSchema(kind="null", origin=node.origin)
    types = _types(ctx, node) if "type" in node.value else []  # without one, the values say it
    kind = types[0] if len(types) == 1 and types[0] in PRIMITIVES else _kind_of(non_null)
    return EnumSchema(
        kind=kind,  # type: ignore[arg-type]  # a primitive kind, checked above
        values=tuple(non_null),
        nullable=len(non_null) != len(values),
        origin=node.origin,
    )


def _kind_of(values: Sequence[JsonScalar]) -> str:
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "number"
    return "string"


def _nullable(ctx: LoadContext, node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    if ctx.dialect == "2.0":
        return value.get("x-nullable") is True
    if value.get("nullable") is True:
        return True
    types = value.get("type")
    if isinstance(types, list) and any(isinstance(t, str) and t.lower() == "null" for t in types):
        return True  # `NULL` too: warn mode reads a known type name written in another case as that type
    enum = value.get("enum")
    return isinstance(enum, list) and None in enum


def _is_null(schema: Schema) -> bool:
    return isinstance(schema, PrimitiveSchema) and schema.kind == "null"


_INFO_KEYS = frozenset(
    {"example", "examples", "title", "description", "default", "deprecated", "readOnly", "writeOnly"}
)
"""The keywords ``_info`` reads."""
_NO_INFO = SchemaInfo()


def _info(ctx: LoadContext, node: Node) -> SchemaInfo:
    value: dict[str, Any] = node.value
    if value.keys().isdisjoint(_INFO_KEYS):
        return _NO_INFO  # the one value of every schema that says nothing of itself (frozen, so shared)
    example: Any = None
    has_example = False
    if "example" in value:
        example, has_example = value["example"], True
    elif isinstance(value.get("examples"), list) and value["examples"]:
        example, has_example = value["examples"][0], True
    title, description = value.get("title"), value.get("description")
    default_json = canonical_json(value["default"]) if "default" in value else None
    example_json = canonical_json(example) if has_example else None
    for word, given in (("default", default_json), ("example", example_json)):
        if given is not None and not portable_json(given):
            ctx.warning(
                "W005",
                f"{word} {unportable_numbers(json.loads(given))[0]!r} is out of range for a JSON number (not finite,"
                " or beyond 2**53); the generated examples and tests use another value",
                node,
            )
    return SchemaInfo(  # read from the value directly: this runs for every schema of a document
        title=title if isinstance(title, str) else None,
        description=description if isinstance(description, str) else None,
        default_json=default_json,
        example_json=example_json,
        deprecated=value.get("deprecated") is True,
        read_only=value.get("readOnly") is True,
        write_only=value.get("writeOnly") is True,
    )


def _merge_info(base: SchemaInfo, override: SchemaInfo) -> SchemaInfo:
    """Siblings of a ``$ref`` (3.1) override what the target says about itself."""
    return SchemaInfo(
        title=override.title or base.title,
        description=override.description or base.description,
        default_json=override.default_json if override.default_json is not None else base.default_json,
        example_json=override.example_json if override.example_json is not None else base.example_json,
        deprecated=override.deprecated or base.deprecated,
        read_only=override.read_only or base.read_only,
        write_only=override.write_only or base.write_only,
    )
