"""View-models for ``models.py``: dataclasses for object schemas, Enums for enum schemas, aliases for the rest.

Inline object schemas with properties (a request body's ``options``, say) are
hoisted into models of their own, named after where they sit, so every object
a user touches has a class with typed attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core.named_types import AliasVM, EnumMember, EnumVM, ModelBasics, documentation, type_names
from ...core.schemas import NamedKind, schema_index
from ...immutable import immutable
from ...ir import Api, EnumSchema, NamedSchema, ObjectSchema, Property, Schema
from . import naming
from .imports import STANDARD, export_order
from .types import ClassRef, TypeMapper, py_literal


@immutable
class FieldVM:
    name: str
    key: str
    hint: str
    required: bool
    codec: str
    """The runtime codec that decodes, encodes and checks this field's value."""
    description: str | None
    default: str | None = None

    @property
    def declaration(self) -> str:
        """The dataclass field: ``name: hint`` with its default."""
        return f"{self.name}: {self.hint}" + (f" = {self.default}" if self.default is not None else "")

    @property
    def entry(self) -> str:
        """The field's row in the model's ``_table()``."""
        return f"_rt.Field({py_literal(self.name)}, {py_literal(self.key)}, {self.codec}, {self.required})"


@immutable
class ModelVM(ModelBasics[FieldVM]):
    closed: bool
    """True when the schema forbids unknown properties (they are still kept, never sent back)."""


@dataclass(slots=True)
class ModelSet:
    """Every class ``models.py`` defines, and the mapper that turns schemas into their code."""

    mapper: TypeMapper
    models: list[ModelVM] = field(default_factory=list)
    enums: list[EnumVM] = field(default_factory=list)
    aliases: list[AliasVM] = field(default_factory=list)

    @property
    def exported(self) -> list[str]:
        return export_order(
            [m.name for m in self.models] + [e.name for e in self.enums] + [a.name for a in self.aliases]
        )


def build_models(api: Api, extra_roots: list[tuple[str, Schema]]) -> ModelSet:
    """Classes for the API's named schemas plus inline objects found under ``extra_roots``.

    ``extra_roots`` are (name hint, schema) pairs for bodies and responses, so an
    inline object there gets a model named after its operation.
    """
    index = schema_index(api, extra_roots)
    names = type_names(api, index, naming.pascal, {name for name in STANDARD if name[0].isupper()})
    classes = {key: ClassRef(name=name, kind=index.kinds[key]) for key, name in names.named.items()}
    mapper = TypeMapper(index, classes, names.inline)
    result = ModelSet(mapper=mapper)
    for named in api.schemas:
        ref = classes[named.name]
        if ref.kind is NamedKind.MODEL:
            assert isinstance(named.schema, ObjectSchema)
            result.models.append(_model(mapper, ref.name, named.schema))
        elif ref.kind is NamedKind.ENUM:
            assert isinstance(named.schema, EnumSchema)
            result.enums.append(_enum(ref.name, named.schema))
        else:
            result.aliases.append(_alias(mapper, ref.name, named))
    for name, schema in names.hoisted:
        result.models.append(_model(mapper, name, schema))
    result.models.sort(key=lambda m: m.name)
    result.aliases = _alias_order(result.aliases)
    return result


def _alias_order(aliases: list[AliasVM]) -> list[AliasVM]:
    """Aliases after the aliases they use (they are evaluated at import); a cycle becomes ``Any``."""
    pending = {a.name: a for a in aliases}
    ordered: list[AliasVM] = []
    while pending:
        ready = [a for a in pending.values() if not (set(re.findall(r"\w+", a.type)) & (pending.keys() - {a.name}))]
        ready = [a for a in ready if a.name not in re.findall(r"\w+", a.type)] or [
            AliasVM(name=a.name, type="Any", description=a.description) for a in list(pending.values())[:1]
        ]
        for alias in ready:
            ordered.append(alias)
            del pending[alias.name]
    return ordered


def _model(mapper: TypeMapper, name: str, schema: ObjectSchema) -> ModelVM:
    py_names = naming.unique(naming.snake(p.name, fallback="field") for p in schema.properties)
    fields = [_field(mapper, py, prop) for py, prop in zip(py_names, schema.properties, strict=True)]
    fields.sort(key=lambda f: not f.required)  # a dataclass lists fields without defaults first
    return ModelVM(
        name=name,
        description=documentation(schema),
        fields=tuple(fields),
        closed=schema.additional_properties is False,
    )


def _field(mapper: TypeMapper, py_name: str, prop: Property) -> FieldVM:
    hint = mapper.hint(prop.schema)
    if not prop.required and not hint.endswith("| None") and hint not in ("Any", "None"):
        hint += " | None"
    return FieldVM(
        name=py_name,
        key=prop.name,
        hint=hint,
        required=prop.required,
        codec=mapper.codec(prop.schema),
        description=prop.schema.info.description,
        default=None if prop.required else "None",
    )


def _enum(name: str, schema: EnumSchema) -> EnumVM:
    members = naming.unique(naming.member(str(v)) for v in schema.values)
    return EnumVM(
        name=name,
        base="str" if isinstance(schema.values[0], str) else "int",
        members=tuple(EnumMember(m, py_literal(v)) for m, v in zip(members, schema.values, strict=True)),
        description=documentation(schema),
    )


def _alias(mapper: TypeMapper, name: str, named: NamedSchema) -> AliasVM:
    hint = mapper.hint(named.schema)
    if hint == name:  # a schema that is only a reference to itself
        hint = "Any"
    return AliasVM(name=name, type=hint, description=named.schema.info.description)
