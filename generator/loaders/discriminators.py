"""A ``discriminator`` as the IR keeps it: the property, the document's mapping, and the values its variants imply.

A union's variant that the mapping does not name is chosen by its schema name (OpenAPI's
implicit mapping). Descriptions often give that variant's discriminator property one value
of its own instead (exavault's ``Account`` has ``type: {enum: [account]}``; a ``const`` in
3.1): servers send that value, and a client that knew only ``Account`` refused every answer.
Such a value is kept as ``Discriminator.implied``: it chooses the variant too, before its name,
and the union stays as open or closed as the document's mapping made it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..ir import Discriminator
from ..sources import SourceError
from .context import LoadContext, Node, text

_DEPTH = 10
"""How many ``$ref`` hops, or ``allOf`` levels, a variant's properties are looked for through."""


def union_discriminator(ctx: LoadContext, node: Node) -> Discriminator | None:
    """The discriminator of a ``oneOf`` or ``anyOf`` at ``node``, its variants already built (and named)."""
    disc = node.get("discriminator")
    if disc is None:
        return None
    name = _discriminator_property(ctx, disc)
    if name is None or isinstance(disc.value, str):
        return None if name is None else Discriminator(property_name=name)
    mapping: list[tuple[str, str]] = []
    for key, target in _mapping_entries(disc):
        if not _mapping_target_exists(ctx, target):
            ctx.warning(
                "W008",
                f"discriminator mapping {key!r} points at no schema ({target.value!r}); the entry is ignored",
                target,
            )
            continue
        mapping.append((key, target.value.rsplit("/", 1)[-1]))
    elements = node.child("oneOf" if "oneOf" in node.value else "anyOf").elements()
    if all(names is not None and name not in names for names in (_property_names(ctx, v, 0) for v in elements)):
        ctx.warning("W008", f"discriminator property {name!r} is a property of none of the variants", disc)
    mapped = {target for _, target in mapping}
    implied = [pair for pair in (_implied(ctx, v, name) for v in elements) if pair and pair[1] not in mapped]
    return Discriminator(property_name=name, mapping=tuple(mapping), implied=tuple(implied))


def parent_discriminator(ctx: LoadContext, node: Node) -> Discriminator | None:
    """The discriminator of an object its children extend (``allOf: [{$ref: Parent}, ...]``).

    Swagger 2.0 writes only the property's name; OpenAPI 3 may map values to children. A mapping
    target is named as its ``$ref`` would name it (and built, even if nothing else refers to it).
    """
    disc = node.child("discriminator")
    name = _discriminator_property(ctx, disc)
    if name is None:
        return None
    mapping: list[tuple[str, str]] = []
    for key, target in _mapping_entries(disc):
        named = _mapping_target_name(ctx, target) if _mapping_target_exists(ctx, target) else None
        if named is None:
            ctx.warning(
                "W008",
                f"discriminator mapping {key!r} points at no named schema ({target.value!r}); the entry is ignored",
                target,
            )
            continue
        mapping.append((key, named))
    properties = node.value.get("properties")
    if isinstance(properties, dict) and name not in properties:
        ctx.warning("W008", f"discriminator property {name!r} is not a property of this schema", disc)
    return Discriminator(property_name=name, mapping=tuple(mapping))


def _discriminator_property(ctx: LoadContext, disc: Node) -> str | None:
    """The property a discriminator names (Swagger 2.0 writes just its name); None, with W005, for none."""
    name = disc.value if isinstance(disc.value, str) else text(disc.get("propertyName"))
    if name is None:
        ctx.warning("W005", "discriminator without `propertyName` ignored", disc)
    return name


def _mapping_entries(disc: Node) -> Iterator[tuple[str, Node]]:
    """A discriminator's mapping: each value -> the node of its target, where the target is a string."""
    mapping = disc.get("mapping")
    for key, target in mapping.items() if mapping is not None else ():
        if isinstance(target.value, str):
            yield key, target


def _mapping_target_name(ctx: LoadContext, target: Node) -> str | None:
    """The name of the named schema a mapping value (a reference, or a bare schema name) points at."""
    value: str = target.value
    is_ref = "/" in value or "#" in value or value.endswith((".json", ".yaml", ".yml"))
    ref = value if is_ref else "#/components/schemas/" + value.replace("~", "~0").replace("/", "~1")
    found = ctx.deref(Node({"$ref": ref}, target.document, target.pointer))
    return None if found is None else ctx.schema_name_for(found)


def _mapping_target_exists(ctx: LoadContext, target: Node) -> bool:
    """Whether a mapping value names a schema: a reference that resolves, or a name under components/schemas."""
    value: str = target.value
    if "/" in value or "#" in value or value.endswith((".json", ".yaml", ".yml")):
        try:
            ctx.workspace.resolve(value, target.document, target.origin)
        except SourceError:
            return False
        return True
    root = target.document.data
    components = root.get("components") if isinstance(root, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return isinstance(schemas, dict) and value in schemas


def _followed(ctx: LoadContext, node: Node) -> Node | None:
    """``node`` with its ``$ref``s followed, without a word where one resolves nowhere (building it said so)."""
    value = node.value
    for _ in range(_DEPTH):
        if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)):
            return node
        try:
            document, pointer, value = ctx.workspace.resolve(value["$ref"], node.document, node.origin)
        except SourceError:
            return None
        node = Node(value, document, pointer)
    return None


def _property_names(ctx: LoadContext, variant: Node, depth: int) -> set[str] | None:
    """The properties a variant declares (through ``$ref`` and ``allOf``); None when it may have any."""
    found = _followed(ctx, variant)
    if found is None or not isinstance(found.value, dict) or depth > _DEPTH:
        return None
    value = found.value
    names: set[str] = set(value["properties"]) if isinstance(value.get("properties"), dict) else set()
    if isinstance(value.get("allOf"), list):
        for part in found.child("allOf").elements():
            more = _property_names(ctx, part, depth + 1)
            if more is None:
                return None
            names |= more
    elif "properties" not in value:
        return None
    return names


def _implied(ctx: LoadContext, variant: Node, name: str) -> tuple[str, str] | None:
    """(value, model name) when ``variant`` is a named schema whose property ``name`` allows one string other than
    the model's name (a one-value ``enum``, a ``const``)."""
    found = _followed(ctx, variant)
    model = None if found is None else ctx.named.get(ctx.key(found))
    if found is None or model is None:
        return None
    value = _only_value(ctx, found, name, 0)
    return (value, model) if value is not None and value != model else None


def _only_value(ctx: LoadContext, schema: Node, name: str, depth: int) -> str | None:
    """The one string the property ``name`` of ``schema`` allows (through ``$ref`` and ``allOf``), if just one."""
    value = schema.value
    if not isinstance(value, dict) or depth > _DEPTH:
        return None
    properties = value.get("properties")
    if isinstance(properties, dict) and name in properties:
        prop = _followed(ctx, schema.child("properties", name))
        if prop is None or not isinstance(prop.value, dict):
            return None
        listed = [prop.value["const"]] if "const" in prop.value else prop.value.get("enum")
        only = listed[0] if isinstance(listed, list) and len(listed) == 1 else None
        return only if isinstance(only, str) else None
    if not isinstance(value.get("allOf"), list):
        return None
    for part in schema.child("allOf").elements():
        found = _followed(ctx, part)
        only = None if found is None else _only_value(ctx, found, name, depth + 1)
        if only is not None:
            return only
    return None
