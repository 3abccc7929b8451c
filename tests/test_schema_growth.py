"""Documents whose schemas nest through ``allOf``: read as meant, built once, bounded, and warned about once."""

from __future__ import annotations

from typing import Any

import pytest

from generator.core.examples import example_json
from generator.core.schemas import schema_index
from generator.diagnostics import MAX_PLACES_SHOWN, Diagnostics
from generator.ir import ObjectSchema, Origin, PrimitiveSchema, RefSchema
from generator.loaders import schemas as schema_module
from generator.loaders.schemas import MAX_INLINE_SIZE
from generator.value_limits import ValueTooLargeError

REF = "#/components/schemas/"


def document(schemas: dict[str, Any], root: str) -> dict[str, Any]:
    """A 3.0 document whose one operation sends and returns ``root``."""
    body = {"content": {"application/json": {"schema": {"$ref": REF + root}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {
            "/x": {
                "post": {"operationId": "send", "requestBody": body, "responses": {"200": body | {"description": "ok"}}}
            }
        },
        "components": {"schemas": schemas},
    }


def annotated_chain(depth: int) -> dict[str, Any]:
    """``L0`` requires ``a`` and ``b``, each ``allOf: [{$ref: L1}, {description}]``, down to ``L<depth>``."""
    schemas: dict[str, Any] = {}
    for i in range(depth):
        part = {"allOf": [{"$ref": f"{REF}L{i + 1}"}, {"description": f"level {i + 1}"}]}
        schemas[f"L{i}"] = {"type": "object", "required": ["a", "b"], "properties": {"a": part, "b": part}}
    schemas[f"L{depth}"] = {"type": "object", "properties": {"s": {"type": "string"}}}
    return document(schemas, "L0")


def merged_chain(depth: int) -> dict[str, Any]:
    """``A<i>.p`` and ``B<i>.q`` are each ``allOf: [{$ref: A<i+1>}, {$ref: B<i+1>}]``: each level merges two."""
    schemas: dict[str, Any] = {}
    for i in range(depth):
        both = {"allOf": [{"$ref": f"{REF}A{i + 1}"}, {"$ref": f"{REF}B{i + 1}"}]}
        schemas[f"A{i}"] = {"type": "object", "required": ["p"], "properties": {"p": both}}
        schemas[f"B{i}"] = {"type": "object", "required": ["q"], "properties": {"q": both}}
    schemas[f"A{depth}"] = {"type": "object", "properties": {"s": {"type": "string"}}}
    schemas[f"B{depth}"] = {"type": "object", "properties": {"t": {"type": "string"}}}
    return document(schemas, "A0")


def test_a_reference_annotated_through_all_of_is_that_reference(load_spec: Any) -> None:
    schemas = {
        "Subscribers": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "Holder": {
            "type": "object",
            "properties": {
                "subs": {"allOf": [{"$ref": REF + "Subscribers"}, {"description": "who is told", "nullable": True}]},
                "tag": {"allOf": [{"$ref": REF + "Tag"}, {"xml": {"name": "t"}, "readOnly": True}]},
            },
        },
        "Tag": {"type": "string"},
    }
    api, diagnostics = load_spec(document(schemas, "Holder"), validation="off")
    assert api is not None
    holder = api.schema("Holder")
    assert isinstance(holder, ObjectSchema)
    subs, tag = (p.schema for p in holder.properties)
    assert isinstance(subs, RefSchema) and subs.name == "Subscribers"
    assert subs.info.description == "who is told" and subs.nullable
    assert isinstance(tag, RefSchema) and tag.name == "Tag" and tag.info.read_only
    assert not [d for d in diagnostics if d.code == "W005"], [d.format() for d in diagnostics]


def test_a_primitive_narrowed_through_all_of_keeps_both_constraints(load_spec: Any) -> None:
    schemas = {
        "Str": {"type": "string", "maxLength": 20},
        "Holder": {
            "type": "object",
            "properties": {
                "arn": {"allOf": [{"$ref": REF + "Str"}, {"pattern": "^arn:", "maxLength": 50, "description": "d"}]}
            },
        },
    }
    api, diagnostics = load_spec(document(schemas, "Holder"), validation="off")
    assert api is not None
    holder = api.schema("Holder")
    assert isinstance(holder, ObjectSchema)
    arn = holder.properties[0].schema
    assert isinstance(arn, PrimitiveSchema) and arn.kind == "string"
    assert (arn.constraints.pattern, arn.constraints.max_length, arn.info.description) == ("^arn:", 20, "d")
    assert not [d for d in diagnostics if d.code == "W005"]


def test_an_annotated_chain_builds_each_schema_a_bounded_number_of_times(
    load_spec: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    depth = 14  # copied instead of referenced, the chain is 2**14 schemas
    calls = 0
    build = schema_module.build_schema

    def counted(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        return build(*args)

    monkeypatch.setattr(schema_module, "build_schema", counted)
    api, diagnostics = load_spec(annotated_chain(depth), validation="off", passes=False)
    assert api is not None
    assert calls < 20 * depth, calls
    assert len(diagnostics) == 0, [d.format() for d in diagnostics]


def test_objects_merged_from_merged_parts_become_models_past_the_bound(load_spec: Any) -> None:
    depth = 30  # each level doubles the copied object: 2**30 schemas inline
    api, diagnostics = load_spec(merged_chain(depth), validation="off")
    assert api is not None
    index = schema_index(api, [])
    assert len(api.schemas) < 4 * depth
    named = [d for d in diagnostics if d.code == "W015"]
    assert named and all(d.origin is not None and d.origin.pointer.endswith("/allOf") for d in named)
    assert MAX_INLINE_SIZE > 0 and len(index.hoisted) < 4 * depth


def test_nested_empty_objects_count_against_the_value_bound(load_spec: Any) -> None:
    api, _ = load_spec(merged_chain(22), validation="off")
    assert api is not None
    index = schema_index(api, [])
    with pytest.raises(ValueTooLargeError):
        example_json(index, RefSchema(name="A0", origin=Origin(file="x")), test=True)


def test_a_finding_repeated_is_kept_once_and_a_flood_is_counted() -> None:
    diagnostics = Diagnostics()
    for i in range(MAX_PLACES_SHOWN + 40):
        for _ in range(3):  # the same schema reached along three paths
            diagnostics.warning("W005", "ignored", Origin(file="f.json", pointer=f"/p/{i}"))
    diagnostics.error("E030", "bad", Origin(file="f.json", pointer="/e"))
    diagnostics.error("E030", "bad", Origin(file="f.json", pointer="/e"))
    lines = [d.format() for d in diagnostics]
    assert len(lines) == MAX_PLACES_SHOWN + 1
    assert lines[MAX_PLACES_SHOWN - 1].endswith("warning[W005]: ignored (and at 40 more places)")
    assert lines[-1] == "f.json#/e: error[E030]: bad"
