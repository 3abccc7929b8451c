"""What every style's view-model of a named type says (models, enums, aliases, unions), and the names types take.

A style's ``ModelVM`` starts with these fields and adds its language's own (Python's
``closed``, TypeScript's ``open``, Go's ``others``), Go's ``UnionVM`` with the name and
documentation; an enum (Python, Go) and an alias (Python, TypeScript) are the same record
in every style that declares one, their types and values written in the style's language.
``type_names`` names a package's named schemas and hoisted inline objects in one namespace,
each style giving its casing and its way of numbering a taken name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, NamedTuple, TypeVar

from ..immutable import immutable
from ..ir import Api, ObjectSchema, Schema
from .naming import claim_all
from .schemas import SchemaIndex

FieldT = TypeVar("FieldT")
Claim = Callable[[Iterable[str], set[str]], list[str]]
"""A style's ``core.naming.claim_all``: names distinct from each other and from the taken ones, which get them."""


@immutable
class TypeNames:
    """The names a package's types take in a style's language, claimed from one namespace."""

    named: dict[str, str]
    """Each named schema's name in the IR -> its type's name."""
    hoisted: list[tuple[str, ObjectSchema]]
    """(name, schema) of each inline object hoisted into a model of its own (``SchemaIndex.hoisted``), in order."""
    inline: dict[int, str]
    """id() of an inline object schema that is a model -> its model's name."""


def type_names(
    api: Api, index: SchemaIndex, case: Callable[[str], str], taken: set[str], claim: Claim = claim_all
) -> TypeNames:
    """The named schemas' types, then the hoisted objects' models, named by ``case`` (of the schema's name or of
    the hint where the object sits) and claimed in that order from ``taken``, which receives them."""
    names = claim([*(case(named.name) for named in api.schemas), *(case(hint) for hint, _ in index.hoisted)], taken)
    count = len(api.schemas)
    hoisted = [(name, schema) for name, (_, schema) in zip(names[count:], index.hoisted, strict=True)]
    return TypeNames(
        named=dict(zip((named.name for named in api.schemas), names[:count], strict=True)),
        hoisted=hoisted,
        inline={key: hoisted[position][0] for key, position in index.inline.items()},
    )


def documentation(schema: Schema) -> str | None:
    """The text documenting a named model, enum or union: its schema's description, else its title."""
    return schema.info.description or schema.info.title


@immutable
class NamedType:
    """A named type's name in the style's language and the text documenting it."""

    name: str
    description: str | None


@immutable
class ModelBasics(NamedType, Generic[FieldT]):
    """A model (a class, an interface, a struct) and its fields, in the order the style declares them."""

    fields: tuple[FieldT, ...]


class EnumMember(NamedTuple):
    """A member of an enum: its name and its value, both in the style's language."""

    name: str
    value: str
    """The value as a literal."""


@immutable
class AliasVM(NamedType):
    """Another name for a type: a union, a list, a string with constraints, ..."""

    type: str
    """The type it names, in the style's language."""


@immutable
class EnumVM(NamedType):
    """An enum: the type of its values (``str``, ``string``, ...) and its members."""

    base: str
    members: tuple[EnumMember, ...]
