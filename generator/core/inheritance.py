"""Inheritance-style discriminators: a parent object holds ``discriminator``, its children ``allOf`` it.

Swagger 2.0 knows only this form of polymorphism, and OpenAPI 3 documents use it beside
``oneOf``: the parent names a property whose value says which child a value is. The children
of a parent are the named schemas that extend it (``allOf: [{$ref: Parent}, ...]``, the IR's
``ObjectSchema.bases``) and the targets of its mapping. A value chooses a child through the
mapping, else by the child's schema name (the implicit mapping); the parent is chosen the
same way by its own name.

Where the styles meet a value typed as the parent, they render the discriminated union of the
parent and its children instead (``with_derived_unions``), so each style decodes it by the
discriminator as it decodes any ``oneOf`` with one, and types it as the union (Python
``Pet | Cat | Dog``, TypeScript the same). A union rather than subclasses: a child may redefine a
parent's property with another type (Redoc's demo: ``huntingSkill``), which neither mypy nor tsc
accepts in a subclass or an extending interface, while each model of the union stays exactly
its schema; encoding a child where the parent is expected then keeps the child's fields.

The union is open (``Discriminator.open``): a parent is a concrete schema, so a value whose
property names no child, or that lacks the property, is decoded as the parent itself, with or
without a mapping. The document's mapping lists the children; it does not forbid other values.
"""

from __future__ import annotations

from ..immutable import immutable
from ..ir import Api, Discriminator, ObjectSchema, RefSchema, UnionSchema, rewrite

_KEEP = frozenset({"origin", "bases"})


@immutable
class Hierarchy:
    """A discriminated parent and the children a value typed as it may be."""

    parent: str
    property_name: str
    members: tuple[tuple[str, tuple[str, ...]], ...]
    """The parent first, then its children by name: each schema with the values that choose it."""


def hierarchies(api: Api) -> dict[str, Hierarchy]:
    """Every parent with a discriminator and at least one child, by the parent's name."""
    objects = {n.name: n.schema for n in api.schemas if isinstance(n.schema, ObjectSchema)}
    children: dict[str, set[str]] = {}
    for name, schema in objects.items():
        for base in schema.bases:
            children.setdefault(base.name, set()).add(name)
    found: dict[str, Hierarchy] = {}
    for parent, schema in objects.items():
        disc = schema.discriminator
        if disc is None:
            continue
        mapped: dict[str, list[str]] = {}
        for value, target in disc.mapping:
            mapped.setdefault(target, []).append(value)
        kids = (children.get(parent, set()) | set(mapped)) & objects.keys()
        kids.discard(parent)
        if not kids:
            continue
        taken: set[str] = set()
        members: list[tuple[str, tuple[str, ...]]] = []
        for member in (parent, *sorted(kids)):
            values = tuple(v for v in dict.fromkeys(mapped.get(member) or [member]) if v not in taken)
            taken.update(values)  # a value chooses one schema: the parent's, then the first child's by name
            members.append((member, values))
        found[parent] = Hierarchy(parent=parent, property_name=disc.property_name, members=tuple(members))
    return found


def derived_union(hierarchy: Hierarchy, ref: RefSchema) -> UnionSchema:
    """What a reference to the parent stands for: the open discriminated union of the parent and its children."""
    mapping = tuple((value, member) for member, values in hierarchy.members for value in values)
    return UnionSchema(
        variants=tuple(RefSchema(name=member, origin=ref.origin) for member, _ in hierarchy.members),
        exclusive=True,
        discriminator=Discriminator(property_name=hierarchy.property_name, mapping=mapping, open=True),
        nullable=ref.nullable,
        info=ref.info,
        origin=ref.origin,
    )


def with_derived_unions(api: Api) -> Api:
    """``api`` with every reference to a discriminated parent (outside ``bases``) read as its ``derived_union``.

    The same ``api`` when no parent has children, so APIs without this form render as before.
    """
    found = hierarchies(api)
    if not found:
        return api

    def derive(node: object) -> object:
        if isinstance(node, RefSchema) and node.name in found:
            return derived_union(found[node.name], node)
        return node

    result = rewrite(api, derive, keep=_KEEP)  # a child's parents stay names of the parent model itself
    assert isinstance(result, Api)
    return result
