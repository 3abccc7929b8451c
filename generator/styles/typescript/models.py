"""View-models for ``models.ts``: an interface per object schema, a type per other named schema.

Interfaces describe the JSON the API exchanges, with the spec's property names; a model
that constrains anything also gets a ``check<Name>`` function run before sending, and one
that holds a discriminated union a ``read<Name>`` function its decoded bodies are checked with.
"""

from __future__ import annotations

from dataclasses import field

from ...core.named_types import AliasVM, ModelBasics, documentation
from ...core.naming import claim
from ...immutable import immutable
from ...ir import Api, NamedSchema, ObjectSchema, RefSchema, Schema
from . import naming
from .checks import TsChecks, needing_checks
from .readers import ReaderVM, TsReaders, needing_readers, reader_functions
from .types import TsTypes


@immutable
class FieldVM:
    key: str
    """The member as written in the interface (quoted when needed)."""
    optional: bool
    type: str
    description: str | None
    deprecated: bool


@immutable
class ModelVM(ModelBasics[FieldVM]):
    open: bool
    """Whether the interface takes properties the spec does not list (a typed ``additionalProperties``)."""


@immutable
class CheckerVM:
    name: str
    model: str
    lines: tuple[str, ...]


@immutable
class ModelSet:
    types: TsTypes
    """Type expressions as other modules write them (``models.X``)."""
    checks: TsChecks
    """Check lines as other modules write them (``models.checkX``)."""
    models: tuple[ModelVM, ...]
    aliases: tuple[AliasVM, ...]
    checkers: tuple[CheckerVM, ...]
    readers: TsReaders
    """Readers of discriminated unions as other modules write them (``models.readX``)."""
    reader_functions: tuple[ReaderVM, ...]
    checked: dict[tuple[object, ...], tuple[Schema, tuple[str, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """``check_lines`` made so far: by the schema (a reference by its name, any other by its identity, kept alive
    here), the variable, the label and whether it is optional."""

    @property
    def exported_types(self) -> list[str]:
        return sorted([m.name for m in self.models] + [a.name for a in self.aliases])

    def check_lines(self, schema: Schema, var: str, label: str, *, optional: bool) -> tuple[str, ...]:
        """``checks.lines``, made once per schema and argument: a big API takes the same parameters (a shared
        ``$ref``, a model's property) in many operations."""
        key = (schema if isinstance(schema, RefSchema) else id(schema), var, label, optional)
        made = self.checked.get(key)
        if made is None:
            made = self.checked[key] = (schema, tuple(self.checks.lines(schema, var, label, optional=optional)))
        return made[1]


def build_models(api: Api, taken: set[str]) -> ModelSet:
    """Types for the API's named schemas; ``taken`` holds names they must not take (and gets theirs)."""
    names: dict[str, str] = {}
    for named in api.schemas:
        names[named.name] = claim(naming.pascal(named.name), taken)
    by_name = {n.name: n for n in api.schemas}
    local = TsTypes(names, by_name)
    checker_names = needing_checks(local, names)
    reader_names = needing_readers(local, names)
    local_checks = TsChecks(local, checker_names)
    models: list[ModelVM] = []
    aliases: list[AliasVM] = []
    checkers: list[CheckerVM] = []
    for named in api.schemas:
        schema = named.schema
        if isinstance(schema, ObjectSchema) and schema.properties:
            models.append(_model(local, names[named.name], schema))
            if named.name in checker_names:
                lines = tuple(local_checks.model_lines(schema))
                checkers.append(CheckerVM(name=checker_names[named.name], model=names[named.name], lines=lines))
        else:
            aliases.append(_alias(local, names[named.name], named, by_name))
    return ModelSet(
        types=TsTypes(names, by_name, prefix="models."),
        checks=TsChecks(TsTypes(names, by_name, prefix="models."), checker_names, prefix="models."),
        models=tuple(sorted(models, key=lambda m: m.name)),
        aliases=tuple(sorted(aliases, key=lambda a: a.name)),
        checkers=tuple(sorted(checkers, key=lambda c: c.name)),
        readers=TsReaders(reader_names, prefix="models."),
        reader_functions=reader_functions(local, names, reader_names),
    )


def _model(types: TsTypes, name: str, schema: ObjectSchema) -> ModelVM:
    fields = tuple(
        FieldVM(
            key=naming.property_key(p.name),
            optional=not p.required,
            type=types.type(p.schema),
            description=p.schema.info.description,
            deprecated=p.schema.info.deprecated,
        )
        for p in schema.properties
    )
    return ModelVM(
        name=name,
        description=documentation(schema),
        fields=fields,
        open=not isinstance(schema.additional_properties, bool),
    )


def _alias(types: TsTypes, name: str, named: NamedSchema, by_name: dict[str, NamedSchema]) -> AliasVM:
    """A type alias; one that only leads back to itself through other aliases is ``unknown``."""
    seen = {named.name}
    target = named.schema
    while isinstance(target, RefSchema) and target.name in by_name:
        if target.name in seen:
            return AliasVM(name=name, type="unknown", description=named.schema.info.description)
        seen.add(target.name)
        target = by_name[target.name].schema
    return AliasVM(name=name, type=types.type(named.schema), description=named.schema.info.description)
