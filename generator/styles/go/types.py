"""IR schemas as Go types.

Models are the wire format: struct fields keep the spec's property names in their
``json`` tags, dates stay RFC 3339 text. Optional fields are pointers (or nil slices
and maps) with ``omitempty``; a field holding a model is always a pointer, so models
may refer to each other in cycles. A union whose variants need different Go types is
``json.RawMessage`` inline, or a named struct with typed accessors when the spec names
it; a free-form value is ``any``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ... import ir
from ...core.schemas import NamedKind, SchemaIndex

ANY = "any"
RAW = "json.RawMessage"
_PRIMITIVES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool", "null": ANY}
_SCALARS = frozenset({"string", "int64", "float64", "bool"})
_MAX_DEPTH = 24


class GoTypes(SchemaIndex):
    """Type expressions for one package (the models' names given: IR name or hoisted object -> Go name)."""

    def __init__(
        self, index: SchemaIndex, names: Mapping[str, str], inline_names: Mapping[int, str], unions: frozenset[str]
    ) -> None:
        super().__init__(index.named, index.kinds, index.hoisted, index.inline, index.examples)
        self.names = names
        self.inline_names = inline_names
        self.unions = unions
        """IR names of the named unions that are structs of their own."""
        self.structs = frozenset(names[n] for n, k in index.kinds.items() if k is NamedKind.MODEL) | frozenset(
            inline_names.values()
        )
        self.string_enums = self._enums(text=True)
        """Go names of the named enums of strings."""
        self.int_enums = self._enums(text=False)
        """Go names of the named enums of numbers."""
        self.enum_names = self.string_enums | self.int_enums
        self._properties: dict[int, dict[str, ir.Schema]] = {}
        self.folded: dict[int, dict[str, str] | None] = {}
        """``kept``'s field names of a plain struct by their lower case, by the object's identity (None: exact only)."""

    def properties(self, schema: ir.ObjectSchema) -> dict[str, ir.Schema]:
        """An object's properties' schemas by name, made once an object (``kept`` reads them for every value)."""
        found = self._properties.get(id(schema))
        if found is None:
            found = self._properties[id(schema)] = {p.name: p.schema for p in schema.properties}
        return found

    def type(self, schema: ir.Schema, depth: int = 0) -> str:
        """The Go type of a value of ``schema`` (no pointer)."""
        if depth > _MAX_DEPTH:
            return ANY
        if isinstance(schema, ir.PrimitiveSchema):
            return _PRIMITIVES[schema.kind]
        if isinstance(schema, ir.EnumSchema):
            return enum_base(schema)
        if isinstance(schema, ir.ArraySchema):
            return "[]" + self.type(schema.items, depth + 1)
        if isinstance(schema, ir.ObjectSchema):
            if id(schema) in self.inline_names:
                return self.inline_names[id(schema)]
            extra = schema.additional_properties
            return "map[string]" + (ANY if isinstance(extra, bool) else self.type(extra, depth + 1))
        if isinstance(schema, ir.UnionSchema):
            return self.union_type(schema, depth)
        if isinstance(schema, ir.RefSchema):
            kind = self.kinds.get(schema.name)
            if kind in (NamedKind.MODEL, NamedKind.ENUM) or schema.name in self.unions:
                return self.names[schema.name]
            return self._alias(schema, depth)
        return ANY

    def _alias(self, schema: ir.RefSchema, depth: int) -> str:
        seen: set[str] = set()
        target: ir.Schema = schema
        while isinstance(target, ir.RefSchema) and target.name not in self.unions:
            if target.name in seen or target.name not in self.named:
                return ANY
            seen.add(target.name)
            if self.kinds.get(target.name) in (NamedKind.MODEL, NamedKind.ENUM):
                return self.names[target.name]
            target = self.named[target.name].schema
        return self.type(target, depth + 1)

    def union_type(self, schema: ir.UnionSchema, depth: int = 0) -> str:
        """One Go type for all the variants when they agree (null aside), else ``json.RawMessage``."""
        types = list(
            dict.fromkeys(
                self.type(v, depth + 1)
                for v in schema.variants
                if not (isinstance(v, ir.PrimitiveSchema) and v.kind == "null")
            )
        )
        if len(types) == 1:
            return types[0]
        if ANY in types or not types:
            return ANY
        return RAW

    def is_struct(self, type_: str) -> bool:
        return type_ in self.structs

    def field(self, schema: ir.Schema, *, required: bool) -> tuple[str, bool]:
        """A struct field's (or a parameter's) type and whether it is left out when unset (``omitempty``)."""
        base = self.type(schema)
        if self.is_struct(base):
            return "*" + base, not required
        if self.holds_nil(base):
            return base, not required
        if not required or self.nullable(schema):
            return "*" + base, not required
        return base, False

    @staticmethod
    def holds_nil(type_: str) -> bool:
        """Whether the zero value of ``type_`` is nil (no pointer needed to tell "unset")."""
        return type_ in (ANY, RAW) or type_.startswith(("[]", "map["))

    def scalar(self, type_: str) -> bool:
        """A type whose literals the tests write directly (a string, number or boolean, or an enum of them)."""
        return type_ in _SCALARS or type_ in self.enum_names

    def _enums(self, *, text: bool) -> frozenset[str]:
        """The Go names of the named enums whose values are strings (``text``) or numbers: found once."""
        found: set[str] = set()
        for name, k in self.kinds.items():
            schema = self.named[name].schema
            if k is NamedKind.ENUM and isinstance(schema, ir.EnumSchema) and isinstance(schema.values[0], str) is text:
                found.add(self.names[name])
        return frozenset(found)


def enum_base(schema: ir.EnumSchema) -> str:
    """The Go type of an inline enum's values: their common kind, else ``any``."""
    values = schema.values
    if all(isinstance(v, str) for v in values):
        return "string"
    if all(type(v) is int for v in values):
        return "int64"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "float64"
    if all(isinstance(v, bool) for v in values):
        return "bool"
    return ANY
