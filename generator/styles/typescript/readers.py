"""Readers of discriminated unions in decoded bodies, as TypeScript expressions over the runtime's combinators.

A response body is JSON typed by the spec; where a discriminated union sits in it (a property,
a list's item, a map's value, nested or recursive), the discriminator's value must choose a
variant, as the union's TypeScript type says. ``models.ts`` gets a ``read<Name>`` function for
each named schema that holds such a union (``templates/typescript/runtime/discriminators.ts``
composes them), and an operation checks its decoded body with the reader of its schema. A union
without a discriminator is not looked into: any of its variants may hold the value, as Python's
decoding takes the first variant that fits.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...core.discriminators import tagged
from ...immutable import immutable
from ...ir import ArraySchema, ObjectSchema, RefSchema, Schema, UnionSchema
from .types import TsTypes, ts_literal


@immutable
class ReaderVM:
    """A named schema's reader function in ``models.ts``."""

    name: str
    model: str
    """The schema's TypeScript name (for the documentation)."""
    body: str
    """The expression the function returns, over ``data`` and ``at``."""


class TsReaders:
    """Reader expressions for values of one package's schemas."""

    def __init__(self, readers: Mapping[str, str], prefix: str = "") -> None:
        self.readers = readers
        """IR schema name -> name of its reader function, for the named schemas that hold a discriminated union."""
        self.prefix = prefix

    def expr(self, schema: Schema | bool) -> str | None:
        """A ``rt.Reader`` for values of ``schema``; None when nothing in it is discriminated."""
        if isinstance(schema, bool):
            return None
        if isinstance(schema, RefSchema):
            name = self.readers.get(schema.name)
            return None if name is None else self.prefix + name
        if isinstance(schema, ArraySchema):
            item = self.expr(schema.items)
            return None if item is None else f"rt.listOf({item})"
        if isinstance(schema, ObjectSchema):
            return self._object(schema)
        if isinstance(schema, UnionSchema):
            return self._union(schema)
        return None

    def _object(self, schema: ObjectSchema) -> str | None:
        fields = [(p.name, self.expr(p.schema)) for p in schema.properties]
        pairs = [f"[{ts_literal(key)}, {read}]" for key, read in fields if read is not None]
        others = self.expr(schema.additional_properties)
        if not pairs:
            return None if others is None else f"rt.mapOf({others})"
        listed = "[" + ", ".join(pairs) + "]"
        return f"rt.fieldsOf({listed})" if others is None else f"rt.fieldsOf({listed}, {others})"

    def _union(self, schema: UnionSchema) -> str | None:
        disc = tagged(schema)
        if disc is None:
            return None
        reads = [self.expr(variant) for variant in schema.variants]
        if not disc.closed and all(read is None for read in reads):
            return None
        variants = []
        for values, read in zip(disc.tags, reads, strict=True):
            if not values:
                continue  # a variant no value chooses
            listed = "[" + ", ".join(ts_literal(v) for v in values) + "]"
            variants.append(f"[{listed}]" if read is None else f"[{listed}, {read}]")
        closed = "true" if disc.closed else "false"
        return f"rt.taggedOf({ts_literal(disc.property_name)}, [{', '.join(variants)}], {closed})"


def needing_readers(types: TsTypes, names: Mapping[str, str]) -> dict[str, str]:
    """The named schemas (IR name -> reader function name) whose values hold a discriminated union."""
    readers: dict[str, str] = {}
    changed = True
    while changed:  # a schema needs one when something it refers to does: grow to the fixed point
        changed = False
        probe = TsReaders(readers)
        for name, named in types.named.items():
            if name not in readers and probe.expr(named.schema) is not None:
                readers[name] = "read" + names[name]
                changed = True
    return dict(sorted(readers.items()))


def reader_functions(types: TsTypes, names: Mapping[str, str], readers: Mapping[str, str]) -> tuple[ReaderVM, ...]:
    """The ``read<Name>`` functions of ``models.ts``, by name."""
    local = TsReaders(readers)
    found = []
    for name, function in readers.items():
        body = local.expr(types.named[name].schema)
        assert body is not None  # needing_readers chose it for its expression
        found.append(ReaderVM(name=function, model=names[name], body=body))
    return tuple(sorted(found, key=lambda r: r.name))
