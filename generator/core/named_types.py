"""What every style's view-model of a named type says: models, enums, aliases and unions.

A style's ``ModelVM``, ``AliasVM`` or ``UnionVM`` starts with these fields and adds its
language's own (Python's ``closed``, TypeScript's ``open``, Go's ``others``); an enum is
the same record in every style that declares one, its base type and members written in
the style's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from ..ir import Schema

FieldT = TypeVar("FieldT")


def documentation(schema: Schema) -> str | None:
    """The text documenting a named model, enum or union: its schema's description, else its title."""
    return schema.info.description or schema.info.title


@dataclass(frozen=True, slots=True)
class NamedType:
    """A named type's name in the style's language and the text documenting it."""

    name: str
    description: str | None


@dataclass(frozen=True, slots=True)
class ModelBasics(NamedType, Generic[FieldT]):
    """A model (a class, an interface, a struct) and its fields, in the order the style declares them."""

    fields: tuple[FieldT, ...]


class EnumMember(NamedTuple):
    """A member of an enum: its name and its value, both in the style's language."""

    name: str
    value: str
    """The value as a literal."""


@dataclass(frozen=True, slots=True)
class AliasVM(NamedType):
    """Another name for a type: a union, a list, a string with constraints, ..."""

    type: str
    """The type it names, in the style's language."""


@dataclass(frozen=True, slots=True)
class EnumVM(NamedType):
    """An enum: the type of its values (``str``, ``string``, ...) and its members."""

    base: str
    members: tuple[EnumMember, ...]
