"""Which schemas become types of their own, and how references resolve: one index per package, for every style.

A named schema is a model (an object with properties), an enum (string or integer
values only) or an alias (anything else). An inline object with properties (a
request body's ``options``, say) is hoisted into a model of its own, named by each
style after where it sits (``hint``); two equal inline objects are one model. The
example and test-value planning reads schemas through this index, so it needs no
style's types to know what a reference stands for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..diagnostics import Diagnostics
from ..ir import Api, ArraySchema, EnumSchema, NamedSchema, ObjectSchema, RefSchema, Schema, UnionSchema


class NamedKind(Enum):
    """What a named schema becomes in a package."""

    MODEL = "model"
    ENUM = "enum"
    ALIAS = "alias"


def named_kind(schema: Schema) -> NamedKind:
    if isinstance(schema, ObjectSchema) and schema.properties:
        return NamedKind.MODEL
    if isinstance(schema, EnumSchema) and (
        all(isinstance(v, str) for v in schema.values) or all(type(v) is int for v in schema.values)
    ):
        return NamedKind.ENUM  # an enum type has one base: str or int
    return NamedKind.ALIAS


@dataclass
class SchemaIndex:
    """The API's named schemas and its hoisted inline objects."""

    named: Mapping[str, NamedSchema]
    kinds: Mapping[str, NamedKind]
    hoisted: list[tuple[str, ObjectSchema]]
    """(name hint, schema) of each inline object that becomes a model, in the order met, one per value."""
    inline: Mapping[int, int]
    """id() of an inline ObjectSchema that is a model -> its index in ``hoisted``."""
    examples: dict[tuple[object, bool, bool], Any] = field(default_factory=dict)
    """(the schema, test data already made for it), by the schema's value; shared and never changed."""
    parts: dict[tuple[object, ...], Any] = field(default_factory=dict)
    """Each model's part of an example (``examples.example_json``) by where it stands, made once: shared and never
    changed."""

    def resolve(self, schema: Schema) -> Schema:
        """Follow aliases and references to the schema that says what a value is."""
        seen: set[str] = set()
        while isinstance(schema, RefSchema) and schema.name not in seen:
            seen.add(schema.name)
            schema = self.named[schema.name].schema
        return schema

    def nullable(self, schema: Schema) -> bool:
        """Whether null is a value of ``schema``: it says so, or it references a model or enum that does.

        (An alias is expanded where it is used, so its own nullability travels with it.)
        """
        if schema.nullable:
            return True
        if isinstance(schema, RefSchema) and self.kinds.get(schema.name) in (NamedKind.MODEL, NamedKind.ENUM):
            return self.named[schema.name].schema.nullable
        return False

    def is_model(self, schema: Schema) -> bool:
        if isinstance(schema, ObjectSchema):
            return id(schema) in self.inline
        return isinstance(schema, RefSchema) and self.kinds[schema.name] is NamedKind.MODEL

    def is_named_enum(self, schema: Schema) -> bool:
        return isinstance(schema, RefSchema) and self.kinds[schema.name] is NamedKind.ENUM

    def model_key(self, schema: Schema) -> str:
        """Which model a value of ``schema`` is (``is_model``), told apart from its nullable form."""
        key = schema.name if isinstance(schema, RefSchema) else f"#{self.inline[id(schema)]}"
        return key + "?" if schema.nullable else key


def body_roots(api: Api) -> list[tuple[str, Schema]]:
    """Inline body and response schemas, named after their operation, for model hoisting."""
    roots: list[tuple[str, Schema]] = []
    for op in api.operations:
        if op.request_body is not None:
            for content in op.request_body.contents:
                if content.schema is not None:
                    roots.append((op.operation_id + "_body", content.schema))
        for response in op.responses:
            if not response.is_success:
                continue  # error bodies are raised as status errors, not returned
            for content in response.contents:
                if content.schema is not None:
                    roots.append((op.operation_id + "_response", content.schema))
    return roots


def schema_index(api: Api, extra_roots: list[tuple[str, Schema]]) -> SchemaIndex:
    """The index of the API's named schemas plus the inline objects under them and under ``extra_roots``."""
    inline: dict[int, int] = {}
    hoisted: list[tuple[str, ObjectSchema]] = []
    by_value: dict[ObjectSchema, int] = {}
    visited: set[int] = set()
    """id() of every node walked: a node the IR shares is walked once (the IR lives as long as the index)."""

    def visit(schema: Schema, hint: str) -> None:
        if id(schema) in visited:
            return
        visited.add(id(schema))
        if isinstance(schema, ObjectSchema):
            if schema.properties:  # the same object written twice is one model (hashed once: it is deep)
                model = by_value.setdefault(schema, len(hoisted))
                inline[id(schema)] = model
                if model == len(hoisted):
                    hoisted.append((hint, schema))
            # an equal copy is walked too: its nested objects are other nodes, each needing its model
            for prop in schema.properties:
                visit(prop.schema, hint + "_" + prop.name)
            if not isinstance(schema.additional_properties, bool):
                visit(schema.additional_properties, hint + "_value")
        elif isinstance(schema, ArraySchema):
            visit(schema.items, hint + "_item")
        elif isinstance(schema, UnionSchema):
            for i, variant in enumerate(schema.variants):
                visit(variant, f"{hint}_variant{i + 1}")

    for named in api.schemas:
        if isinstance(named.schema, ObjectSchema):
            for prop in named.schema.properties:
                visit(prop.schema, named.name + "_" + prop.name)
            if not isinstance(named.schema.additional_properties, bool):
                visit(named.schema.additional_properties, named.name + "_value")
        else:
            visit(named.schema, named.name)
    for hint, schema in extra_roots:
        visit(schema, hint)
    return SchemaIndex(
        named={n.name: n for n in api.schemas},
        kinds={n.name: named_kind(n.schema) for n in api.schemas},
        hoisted=hoisted,
        inline=inline,
    )


def unbuildable_models(api: Api) -> list[str]:
    """Named schemas no finite value has: each needs itself through required, non-nullable properties.

    An array that may be empty, a nullable property, or a union with one buildable variant
    breaks a cycle (the test values do the same: ``examples.example_json``).
    """
    named = {n.name: n.schema for n in api.schemas}
    finite: set[str] = set()

    def buildable(schema: Schema, depth: int = 0) -> bool:
        if schema.nullable or depth > 64:
            return True
        if isinstance(schema, RefSchema):
            return schema.name in finite or schema.name not in named
        if isinstance(schema, ArraySchema):
            return not schema.min_items or buildable(schema.items, depth + 1)
        if isinstance(schema, ObjectSchema):
            return all(buildable(p.schema, depth + 1) for p in schema.properties if p.required)
        if isinstance(schema, UnionSchema):
            return any(buildable(v, depth + 1) for v in schema.variants)
        return True

    changed = True
    while changed:
        changed = False
        for name, schema in named.items():
            if name not in finite and buildable(schema):
                finite.add(name)
                changed = True
    return [name for name in named if name not in finite]


def warn_unbuildable_models(api: Api, diagnostics: Diagnostics) -> None:
    """One located warning, at the first of them, for the models no finite test value exists for."""
    names = unbuildable_models(api)
    if names:
        first = next(n for n in api.schemas if n.name == names[0])
        listed = ", ".join(repr(n) for n in names)
        diagnostics.warning(
            "W013",
            f"required properties of {listed} lead back to their own schema with no empty array, null or optional "
            "property between: no finite value exists; the generated tests that need one are left out",
            first.origin,
        )
