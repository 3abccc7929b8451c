"""Which discriminator values name which variant of a union: decided once, for every style.

OpenAPI's ``discriminator`` names a property whose value chooses the variant. A value
maps to a variant through the ``mapping`` (several values may name one variant); a
variant no mapping entry names is chosen by its schema name (the implicit mapping), and
by the one value its own discriminator property allows where that differs (``implied``). A
variant written inline has no name, so no value chooses it. The values are a closed set
when the document gave a mapping, or when every variant is named (each is chosen by its
name): a client that meets another value, or an object without the property, then reports a
decoding error naming where in the body it is. A union with an inline variant and no mapping
is open: such a value may be that variant. The union of an inheritance parent and its children
(``inheritance.py``) is open too: such a value is the parent.
"""

from __future__ import annotations

from ..immutable import immutable
from ..ir import RefSchema, UnionSchema


@immutable
class Tagged:
    """The discriminator of one union, resolved against its variants."""

    property_name: str
    tags: tuple[tuple[str, ...], ...]
    """For each variant (in the union's order), the values that choose it; empty when none does."""
    explicit: bool
    """Whether the document gave a mapping: a value that chooses no variant is then an error."""
    open: bool = False
    """An inheritance parent's union (``core/inheritance.py``): a value that chooses no variant is the parent."""

    @property
    def closed(self) -> bool:
        """Whether a value that chooses no variant (or none at all) is an error: a mapping, or every variant named."""
        return not self.open and (self.explicit or all(self.tags))

    @property
    def values(self) -> tuple[str, ...]:
        """Every value that chooses a variant, in the order of the variants."""
        return tuple(value for tags in self.tags for value in tags)


def tagged(schema: UnionSchema) -> Tagged | None:
    """The discriminator of ``schema`` with each variant's values, or None when it has none that names one."""
    disc = schema.discriminator
    if disc is None:
        return None
    mapped: dict[str, list[str]] = {}
    for value, name in disc.mapping:
        mapped.setdefault(name, []).append(value)
    implied: dict[str, list[str]] = {}
    for value, name in disc.implied:
        implied.setdefault(name, []).append(value)
    tags: list[tuple[str, ...]] = []
    taken: set[str] = set()
    for variant in schema.variants:
        if not isinstance(variant, RefSchema):
            tags.append(())
            continue
        values = mapped.get(variant.name) or [*implied.get(variant.name, ()), variant.name]
        fresh = tuple(v for v in dict.fromkeys(values) if v not in taken)  # a value chooses one variant: the first
        taken.update(fresh)
        tags.append(fresh)
    if not any(tags):
        return None
    return Tagged(property_name=disc.property_name, tags=tuple(tags), explicit=bool(disc.mapping), open=disc.open)
