"""View-models for ``models.go``: a struct per object schema, a typed constant set per enum, a struct per named union.

Struct fields keep the spec's property names in ``json`` tags. A name a tag cannot hold
(a quote, a comma, a space, a backslash, a non-ASCII letter, ...) is left out of the tags
and the struct gets ``MarshalJSON``/``UnmarshalJSON`` methods that read and write it by
its exact name, so any property name round-trips.

An object whose ``additionalProperties`` is a schema (``{type: string}``, a model, ...)
keeps the properties it does not list in an ``AdditionalProperties`` map of that schema's
type, read and written by the same methods, as Python's models keep them in
``additional_properties``. A schema of any value or of any object (Azure writes
``{type: object}`` for "any value" there) gives ``json.RawMessage``: the JSON as received,
where ``any`` would turn a large integer into a float and a string would fail the answer.
An object that says nothing, ``true`` or ``false`` (the IR holds the first two as one:
JSON Schema means the same by them) has no such field and drops what it does not list, as
``encoding/json`` does: a model with JSON methods costs every level of a nested answer a
scan of all below it (``encoding/json`` checks the bytes each method gets and writes),
which made Dataflow's list of jobs five to ten times slower to decode and encode when
every open model had one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...core.discriminators import tagged
from ...core.named_types import EnumMember, EnumVM, ModelBasics, NamedType, documentation, type_names
from ...core.schemas import NamedKind, schema_index
from ...immutable import immutable
from ...ir import Api, EnumSchema, ObjectSchema, Property, RefSchema, Schema, UnionSchema
from . import naming
from .literals import gonumber, gostr
from .types import ANY, RAW, GoTypes

_TAG_SAFE = re.compile(r"^[A-Za-z0-9!#$%&()*+\-./:;<=>?@\[\]^_{|}~]+$")
_METHODS = ("MarshalJSON", "UnmarshalJSON")
"""Method names of a model: no field may take them (Go refuses a field and a method of one name)."""
_OTHERS = "AdditionalProperties"


@immutable
class FieldVM:
    name: str
    type: str
    tag: str
    """The whole struct tag, backquotes included."""
    key: str
    """The spec's name as a Go string literal."""
    odd: bool
    """Whether the name cannot be a tag: read and written by the model's own JSON methods."""
    omitempty: bool
    description: str | None
    deprecated: bool


@immutable
class OthersVM:
    """The field of a model holding the properties its schema does not list (typed by ``additionalProperties``)."""

    name: str
    """``AdditionalProperties``, numbered when a property takes that name."""
    type: str
    """The map's value type."""
    declared: str
    """The Go case list of the property names the model lists (never taken from or put into the map)."""


@immutable
class ModelVM(ModelBasics[FieldVM]):
    others: OthersVM | None = None

    @property
    def odd_fields(self) -> tuple[FieldVM, ...]:
        return tuple(f for f in self.fields if f.odd)

    @property
    def methods(self) -> bool:
        """Whether the model reads and writes JSON by its own methods (odd names or other properties)."""
        return self.others is not None or any(f.odd for f in self.fields)


@immutable
class VariantVM:
    accessor: str
    type: str


@immutable
class UnionVM(NamedType):
    variants: tuple[VariantVM, ...]
    discriminator: str | None
    """The discriminating property as a Go string literal, if the union has one."""
    cases: tuple[tuple[str, str], ...] = ()
    """For ``Decode``: the Go case list of each variant's discriminator values, and its accessor."""
    fallback: str | None = None
    """The accessor ``Decode`` reads any other value with (an open union), or None: it is an error."""
    unmatched: str = '""'
    """The start of ``Decode``'s error for a value no variant takes (a Go string literal)."""


@immutable
class ModelSet:
    types: GoTypes
    models: tuple[ModelVM, ...]
    enums: tuple[EnumVM, ...]
    unions: tuple[UnionVM, ...]

    @property
    def odd(self) -> bool:
        """Whether any model reads a property a struct tag cannot name by its JSON methods."""
        return any(m.odd_fields for m in self.models)

    @property
    def methods(self) -> bool:
        """Whether any model has JSON methods (which write the properties they add in key order)."""
        return any(m.methods for m in self.models)

    @property
    def open(self) -> bool:
        """Whether any model keeps the properties its schema does not list (in ``AdditionalProperties``)."""
        return any(m.others is not None for m in self.models)

    @property
    def imports(self) -> tuple[str, ...]:
        """The standard packages ``models.go`` uses, in gofmt's order."""
        found = ["bytes"] if self.open else []  # reading the names of the properties a model does not list
        raw = any(RAW in f.type for m in self.models for f in m.fields)
        if self.unions or self.methods or raw:
            found.append("encoding/json")
        if self.open or any(u.cases and u.fallback is None for u in self.unions):
            found.append("fmt")  # a value an additional property or no variant takes
        if self.methods:
            found.append("sort")
        return tuple(found)


def build_models(api: Api, extra_roots: list[tuple[str, Schema]], taken: set[str]) -> ModelSet:
    """Types for the API's named schemas and hoisted inline objects; ``taken`` holds names they must not take."""
    index = schema_index(api, extra_roots)
    typed = type_names(api, index, lambda name: naming.exported(name, fallback="Model"), taken, naming.claim_all)
    names, inline = typed.named, typed.inline
    probe = GoTypes(index, names, inline, frozenset())
    unions = frozenset(
        n.name
        for n in api.schemas
        if index.kinds[n.name] is NamedKind.ALIAS
        and isinstance(n.schema, UnionSchema)
        and probe.union_type(n.schema) == RAW
    )
    types = GoTypes(index, names, inline, unions)
    models: list[ModelVM] = []
    enums: list[EnumVM] = []
    union_vms: list[UnionVM] = []
    const_taken = set(taken)
    for named in api.schemas:
        kind = index.kinds[named.name]
        if kind is NamedKind.MODEL:
            assert isinstance(named.schema, ObjectSchema)
            models.append(_model(types, names[named.name], named.schema))
        elif kind is NamedKind.ENUM:
            assert isinstance(named.schema, EnumSchema)
            enums.append(_enum(names[named.name], named.schema, const_taken))
        elif named.name in unions:
            assert isinstance(named.schema, UnionSchema)
            union_vms.append(_union(types, names[named.name], named.schema))
    models.extend(_model(types, name, schema) for name, schema in typed.hoisted)
    return ModelSet(
        types=types,
        models=tuple(sorted(models, key=lambda m: m.name)),
        enums=tuple(sorted(enums, key=lambda e: e.name)),
        unions=tuple(sorted(union_vms, key=lambda u: u.name)),
    )


def tag_safe(name: str) -> bool:
    """Whether ``name`` can be written in a ``json`` struct tag (and read back by encoding/json and go vet)."""
    return bool(_TAG_SAFE.match(name))


def others_type(types: GoTypes, schema: ObjectSchema) -> str | None:
    """The value type of the map keeping the other properties an object's schema describes; None: no map."""
    extra = schema.additional_properties
    if isinstance(extra, bool):
        return None
    base = types.type(extra)
    if base == ANY or _free_form(types.resolve(extra)):
        return RAW  # any value, as received (Azure writes ``{type: object}`` for "any value" there)
    if types.nullable(extra) and not types.holds_nil(base):
        return "*" + base  # a null stays null
    return base


def others_field(schema: ObjectSchema) -> str:
    """The Go name of the field keeping the properties ``schema`` does not list (``others_type`` says if it has one)."""
    return naming.claim(_OTHERS, {*field_names(schema), *_METHODS})


def _free_form(schema: Schema) -> bool:
    """An object of any properties: ``{type: object}``."""
    return isinstance(schema, ObjectSchema) and not schema.properties and schema.additional_properties is True


def field_names(schema: ObjectSchema) -> list[str]:
    """The Go field names of an object's properties, in order."""
    return list(_named_fields(schema.properties)[1])


def field_name(schema: ObjectSchema, key: str) -> str:
    """The Go field name of the property ``key`` of ``schema``."""
    return _named_fields(schema.properties)[2][key]


_NAMED: dict[int, tuple[tuple[Property, ...], tuple[str, ...], dict[str, str]]] = {}
_NAMED_MAX = 4096


def _named_fields(properties: tuple[Property, ...]) -> tuple[tuple[Property, ...], tuple[str, ...], dict[str, str]]:
    """(properties, their field names, name by property key), made once per properties' tuple.

    Checks and calls ask for one field of a model per property and operation; naming all of
    its fields each time made that quadratic in its properties. The tuple is kept with its
    names, so its identity is not reused while it is cached.
    """
    found = _NAMED.get(id(properties))
    if found is None or found[0] is not properties:
        names = tuple(naming.unique((naming.exported(p.name, fallback="Field") for p in properties), _METHODS))
        found = (properties, names, dict(zip((p.name for p in properties), names, strict=True)))
        if len(_NAMED) >= _NAMED_MAX:
            _NAMED.clear()
        _NAMED[id(properties)] = found
    return found


def _model(types: GoTypes, name: str, schema: ObjectSchema) -> ModelVM:
    field_names_ = field_names(schema)
    value_type = others_type(types, schema)
    others = None
    if value_type is not None:
        others = OthersVM(
            name=others_field(schema),
            type=value_type,
            declared=", ".join(gostr(p.name) for p in schema.properties),
        )
    return ModelVM(
        name=name,
        description=documentation(schema),
        fields=tuple(_field(types, n, p) for n, p in zip(field_names_, schema.properties, strict=True)),
        others=others,
    )


def _field(types: GoTypes, name: str, prop: Property) -> FieldVM:
    type_, omitempty = types.field(prop.schema, required=prop.required)
    odd = not _TAG_SAFE.match(prop.name)
    tag = '`json:"-"`' if odd else f'`json:"{prop.name}{",omitempty" if omitempty else ""}"`'
    return FieldVM(
        name=name,
        type=type_,
        tag=tag,
        key=gostr(prop.name),
        odd=odd,
        omitempty=omitempty,
        description=prop.schema.info.description,
        deprecated=prop.schema.info.deprecated,
    )


def _enum(name: str, schema: EnumSchema, taken: set[str]) -> EnumVM:
    base = "string" if all(isinstance(v, str) for v in schema.values) else "int64"
    values = list(dict.fromkeys(schema.values))
    const_names = naming.claim_all((name + naming.exported(str(v), fallback="Value") for v in values), taken)
    members = tuple(
        EnumMember(c, gostr(v) if isinstance(v, str) else gonumber(v))  # type: ignore[arg-type]
        for c, v in zip(const_names, values, strict=True)
    )
    return EnumVM(name=name, description=documentation(schema), base=base, members=members)


def _union(types: GoTypes, name: str, schema: UnionSchema) -> UnionVM:
    variants: list[tuple[str, str]] = []
    for position, variant in enumerate(schema.variants, start=1):
        type_ = types.type(variant)
        if isinstance(variant, RefSchema):
            accessor = naming.exported(variant.name, fallback="Variant")
        else:
            accessor = f"Variant{position}"
        variants.append(("As" + accessor, type_))
    accessors = naming.unique(a for a, _ in variants)
    union = UnionVM(
        name=name,
        description=documentation(schema),
        variants=tuple(VariantVM(a, t) for a, (_, t) in zip(accessors, variants, strict=True)),
        discriminator=None,
    )
    disc = tagged(schema)
    if disc is None:
        return union
    cases = tuple(
        (", ".join(gostr(value) for value in values), accessor)
        for values, accessor in zip(disc.tags, accessors, strict=True)
        if values
    )
    untagged = [accessor for values, accessor in zip(disc.tags, accessors, strict=True) if not values]
    return replace(
        union,
        discriminator=gostr(disc.property_name),
        cases=cases,
        fallback=None if disc.closed or not untagged else untagged[0],
        unmatched=gostr(f"{name}: the property {disc.property_name!r} names no variant: "),
    )
