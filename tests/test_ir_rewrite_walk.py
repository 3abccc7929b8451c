"""``ir.rewrite`` walks a big API without asking each node for its fields: a class's fields are read once."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from generator import ir
from generator.ir import ObjectSchema, Origin, PrimitiveSchema, Property, RefSchema


def _at(pointer: str) -> Origin:
    return Origin(file="spec.json", pointer=pointer)


def _wide(count: int) -> ObjectSchema:
    properties = tuple(
        Property(
            name=f"p{i}",
            schema=(
                RefSchema(name="Item", origin=_at(f"/p{i}"))
                if i % 2
                else PrimitiveSchema(kind="string", origin=_at(f"/p{i}"))
            ),
            required=bool(i % 3),
            origin=_at(f"/p{i}"),
        )
        for i in range(count)
    )
    return ObjectSchema(properties=properties, origin=_at("/wide"))


def test_fields_are_read_once_per_class_not_once_per_node(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = [0]
    fields = dataclasses.fields

    def counted(kind: Any) -> Any:
        calls[0] += 1
        return fields(kind)

    monkeypatch.setattr(dataclasses, "fields", counted)
    schema = _wide(500)
    assert ir.rewrite(schema, lambda node: node) is schema  # nothing changed: the same object back
    assert calls[0] < 20  # a handful of classes, not 1,500 nodes


def test_rewrite_replaces_what_fn_changes_and_keeps_the_rest() -> None:
    schema = _wide(6)

    def renamed(node: object) -> object:
        return dataclasses.replace(node, name="Other") if isinstance(node, RefSchema) else node

    rewritten = ir.rewrite(schema, renamed)
    assert rewritten is not schema
    names = [p.schema.name for p in rewritten.properties if isinstance(p.schema, RefSchema)]
    assert names == ["Other"] * 3
    assert [p.origin for p in rewritten.properties] == [p.origin for p in schema.properties]
    kept = [
        (a, b)
        for a, b in zip(rewritten.properties, schema.properties, strict=True)
        if not isinstance(b.schema, RefSchema)
    ]
    assert all(a is b for a, b in kept)  # untouched parts stay the same objects
    assert ir.rewrite(ObjectSchema, renamed) is ObjectSchema  # a class is no node
