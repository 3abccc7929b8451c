"""Schema Objects of OpenAPI 3.0 and 3.1 to IR schemas: nullability, bounds, unions, allOf, enums, recursion."""

from __future__ import annotations

from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import (
    AnySchema,
    Api,
    ArraySchema,
    EnumSchema,
    ObjectSchema,
    PrimitiveSchema,
    RefSchema,
    Schema,
    UnionSchema,
)


def components(version: str, schemas: dict[str, Any]) -> dict[str, Any]:
    """A document whose only operation returns a ``Root`` object naming every schema as a property."""
    root = {"type": "object", "properties": {name: {"$ref": f"#/components/schemas/{name}"} for name in schemas}}
    return {
        "openapi": version,
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/root": {
                "get": {
                    "operationId": "root",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Root"}}},
                        }
                    },
                }
            }
        },
        "components": {"schemas": {**schemas, "Root": root}},
    }


def load_schemas(
    load_spec: Any, version: str, schemas: dict[str, Any], validation: str = "error"
) -> tuple[Api, Diagnostics]:
    api, diagnostics = load_spec(components(version, schemas), validation=validation)
    assert api is not None, [d.format() for d in diagnostics]
    return api, diagnostics


def prop(schema: Schema, name: str) -> Schema:
    assert isinstance(schema, ObjectSchema)
    return next(p.schema for p in schema.properties if p.name == name)


# --------------------------------------------------------------------------- nullability


def test_nullable_true_in_3_0(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.0.3",
        {
            "Name": {"type": "string", "nullable": True},
            "Plain": {"type": "string"},
            "Obj": {"type": "object", "nullable": True, "properties": {"n": {"type": "integer", "nullable": True}}},
        },
    )
    name = api.schema("Name")
    assert isinstance(name, PrimitiveSchema) and (name.kind, name.nullable) == ("string", True)
    assert api.schema("Plain").nullable is False
    obj = api.schema("Obj")
    assert obj.nullable and prop(obj, "n").nullable


def test_type_list_with_null_in_3_1(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.1.0",
        {
            "Name": {"type": ["string", "null"]},
            "Either": {"type": ["string", "integer", "null"]},
            "Both": {"type": ["string", "integer"]},
        },
    )
    name = api.schema("Name")
    assert isinstance(name, PrimitiveSchema) and (name.kind, name.nullable) == ("string", True)
    either = api.schema("Either")
    assert isinstance(either, UnionSchema) and either.nullable
    assert [v.kind for v in either.variants if isinstance(v, PrimitiveSchema)] == ["string", "integer"]
    both = api.schema("Both")
    assert isinstance(both, UnionSchema) and not both.nullable and not both.exclusive


def test_null_alone_is_the_null_type(load_spec: Any) -> None:
    api, _ = load_schemas(load_spec, "3.1.0", {"Nothing": {"type": "null"}})
    nothing = api.schema("Nothing")
    assert isinstance(nothing, PrimitiveSchema) and nothing.kind == "null"


@pytest.mark.parametrize(("keyword", "exclusive"), [("oneOf", True), ("anyOf", False)])
def test_union_with_a_null_variant_is_nullable(load_spec: Any, keyword: str, exclusive: bool) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.1.0",
        {
            "One": {keyword: [{"type": "string"}, {"type": "null"}]},
            "Two": {keyword: [{"type": "string"}, {"$ref": "#/components/schemas/Obj"}, {"type": "null"}]},
            "Obj": {"type": "object"},
        },
    )
    one = api.schema("One")
    assert isinstance(one, PrimitiveSchema) and (one.kind, one.nullable) == ("string", True)  # collapsed
    two = api.schema("Two")
    assert isinstance(two, UnionSchema)
    assert (two.nullable, two.exclusive, len(two.variants)) == (True, exclusive, 2)
    assert two.variants[1] == RefSchema(name="Obj", origin=two.variants[1].origin)


def test_3_0_nullable_on_a_ref_sibling_and_in_all_of(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.0.3",
        {
            "Obj": {"type": "object", "properties": {"a": {"type": "string"}}},
            "Holder": {
                "type": "object",
                "properties": {"maybe": {"nullable": True, "allOf": [{"$ref": "#/components/schemas/Obj"}]}},
            },
        },
    )
    maybe = prop(api.schema("Holder"), "maybe")
    assert isinstance(maybe, RefSchema) and maybe.name == "Obj"
    assert maybe.nullable


# --------------------------------------------------------------------------- bounds


def test_exclusive_minimum_is_a_flag_in_3_0(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.0.3",
        {
            "Open": {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": 10, "exclusiveMaximum": True},
            "Closed": {"type": "number", "minimum": 0, "exclusiveMinimum": False, "maximum": 10},
        },
    )
    open_ = api.schema("Open")
    assert isinstance(open_, PrimitiveSchema)
    c = open_.constraints
    assert (c.minimum, c.exclusive_minimum, c.maximum, c.exclusive_maximum) == (None, 0, None, 10)
    closed = api.schema("Closed")
    assert isinstance(closed, PrimitiveSchema)
    c = closed.constraints
    assert (c.minimum, c.exclusive_minimum, c.maximum, c.exclusive_maximum) == (0, None, 10, None)


def test_exclusive_minimum_is_a_number_in_3_1(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.1.0",
        {"Bounded": {"type": "integer", "exclusiveMinimum": 1, "exclusiveMaximum": 100, "minimum": 5, "multipleOf": 5}},
    )
    bounded = api.schema("Bounded")
    assert isinstance(bounded, PrimitiveSchema)
    c = bounded.constraints
    assert (c.exclusive_minimum, c.exclusive_maximum, c.minimum, c.multiple_of) == (1, 100, 5, 5)


def test_string_and_array_constraints(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.0.3",
        {
            "Code": {"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[A-Z]+$", "format": "iso"},
            "Tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5, "uniqueItems": True},
        },
    )
    code = api.schema("Code")
    assert isinstance(code, PrimitiveSchema) and code.format == "iso"
    assert (code.constraints.min_length, code.constraints.max_length, code.constraints.pattern) == (2, 3, "^[A-Z]+$")
    tags = api.schema("Tags")
    assert isinstance(tags, ArraySchema) and (tags.min_items, tags.max_items, tags.unique_items) == (1, 5, True)


# --------------------------------------------------------------------------- allOf


def test_all_of_merges_object_parts(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.0.3",
        {
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Pet": {
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
                ],
                "required": ["tag"],
                "properties": {"tag": {"type": "string"}},
            },
        },
    )
    pet = api.schema("Pet")
    assert isinstance(pet, ObjectSchema)
    assert [(p.name, p.required) for p in pet.properties] == [("id", True), ("name", True), ("tag", True)]
    # the referenced part is copied, and Base stays a model of its own
    assert isinstance(api.schema("Base"), ObjectSchema)
    assert pet.properties[0].origin.pointer == "/components/schemas/Base/properties/id"


def test_all_of_with_one_reference_is_that_reference(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.0.3",
        {"Base": {"type": "object"}, "Alias": {"allOf": [{"$ref": "#/components/schemas/Base"}], "description": "d"}},
    )
    alias = api.schema("Alias")
    assert isinstance(alias, RefSchema) and alias.name == "Base"
    assert alias.info.description == "d"


def test_all_of_closed_part_closes_the_merged_object(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.1.0",
        {
            "Closed": {
                "allOf": [
                    {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False},
                    {"type": "object", "properties": {"b": {"type": "string"}}},
                ]
            }
        },
    )
    closed = api.schema("Closed")
    assert isinstance(closed, ObjectSchema)
    assert [p.name for p in closed.properties] == ["a", "b"]
    assert closed.additional_properties is False


@pytest.mark.parametrize("part", [1, None, True, "x"])
def test_all_of_with_a_non_schema_part_is_a_located_error_not_a_crash(load_spec: Any, part: Any) -> None:
    spec = components("3.0.3", {"Odd": {"allOf": [{"type": "object"}, part]}})
    api, diagnostics = load_spec(spec, validation="off")
    assert not (api is None and not diagnostics.errors)
    for diag in diagnostics:
        assert diag.origin is not None
        assert diag.origin.pointer.startswith("/components/schemas/Odd")


# --------------------------------------------------------------------------- enum and const


def test_enums_and_const(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.1.0",
        {
            "Color": {"type": "string", "enum": ["red", "green"]},
            "Level": {"enum": [1, 2, 3]},
            "MaybeColor": {"type": ["string", "null"], "enum": ["red", None]},
            "Fixed": {"const": "v1"},
            "Flag": {"enum": [True, False]},
        },
    )
    color = api.schema("Color")
    assert isinstance(color, EnumSchema) and (color.kind, color.values, color.nullable) == (
        "string",
        ("red", "green"),
        False,
    )
    level = api.schema("Level")
    assert isinstance(level, EnumSchema) and (level.kind, level.values) == ("integer", (1, 2, 3))
    maybe = api.schema("MaybeColor")
    assert isinstance(maybe, EnumSchema) and (maybe.values, maybe.nullable) == (("red",), True)
    fixed = api.schema("Fixed")
    assert isinstance(fixed, EnumSchema) and (fixed.kind, fixed.values) == ("string", ("v1",))
    flag = api.schema("Flag")
    assert isinstance(flag, EnumSchema) and flag.kind == "boolean"
    assert {n.name for n in api.enums} == {"Color", "Level", "MaybeColor", "Fixed", "Flag"}


def test_an_enum_of_objects_only_is_read_by_its_type(load_spec: Any) -> None:
    """docker-engine.yaml: ``type: object, enum: [{}]`` (a map of ports to ``{}``) was read as "only null"."""
    api, diagnostics = load_schemas(
        load_spec,
        "3.0.3",
        {
            "Ports": {"type": "object", "additionalProperties": {"type": "object", "enum": [{}], "default": {}}},
            "Pair": {"type": "array", "items": {"type": "integer"}, "enum": [[1, 2]]},
            "Mixed": {"type": "string", "enum": ["a", {"b": 1}]},
            "MaybePorts": {"type": "object", "nullable": True, "enum": [{}, None]},
            "Nothing": {"enum": [None]},
        },
        validation="warn",
    )
    ports = api.schema("Ports")
    assert isinstance(ports, ObjectSchema) and isinstance(ports.additional_properties, ObjectSchema)
    pair = api.schema("Pair")
    assert isinstance(pair, ArraySchema)
    maybe = api.schema("MaybePorts")  # null beside the object: still read by its type, nullable
    assert isinstance(maybe, ObjectSchema) and maybe.nullable, maybe
    nothing = api.schema("Nothing")
    assert isinstance(nothing, PrimitiveSchema) and nothing.kind == "null"
    mixed = api.schema("Mixed")  # a scalar beside the object: still an enum of the scalars
    assert isinstance(mixed, EnumSchema) and mixed.values == ("a",)
    said = [d.format() for d in diagnostics]
    assert sum("an enum of objects or arrays only is read as its type" in line for line in said) == 3, said
    assert any("Mixed/enum/1" in line and "non-scalar enum value skipped" in line for line in said), said


def test_a_null_type_written_in_capitals_keeps_the_value_nullable_in_warn_mode(load_spec: Any) -> None:
    """``type: [Integer, "NULL"]``: warn mode reads both names case-folded, so the integer is nullable."""
    api, diagnostics = load_schemas(load_spec, "3.1.0", {"Count": {"type": ["Integer", "NULL"]}}, validation="warn")
    count = api.schema("Count")
    assert isinstance(count, PrimitiveSchema) and (count.kind, count.nullable) == ("integer", True), count
    assert any("unknown type 'NULL'" in d.format() for d in diagnostics), [d.format() for d in diagnostics]


def test_3_0_nullable_enum(load_spec: Any) -> None:
    api, _ = load_schemas(load_spec, "3.0.3", {"Size": {"type": "string", "nullable": True, "enum": ["s", "m", None]}})
    size = api.schema("Size")
    assert isinstance(size, EnumSchema) and (size.values, size.nullable) == (("s", "m"), True)


def test_empty_enum_is_an_error_not_a_crash(load_spec: Any) -> None:
    api, diagnostics = load_spec(components("3.0.3", {"None": {"type": "string", "enum": []}}), validation="off")
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E030"
    assert error.origin is not None and error.origin.pointer == "/components/schemas/None/enum"


# --------------------------------------------------------------------------- recursion and names


def test_a_tree_node_referring_to_itself_is_a_ref_by_name(load_spec: Any) -> None:
    api, diagnostics = load_schemas(
        load_spec,
        "3.0.3",
        {
            "Node": {
                "type": "object",
                "properties": {
                    "value": {"type": "string"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "parent": {"$ref": "#/components/schemas/Node"},
                },
            }
        },
    )
    assert list(diagnostics) == []
    node = api.schema("Node")
    children = prop(node, "children")
    assert isinstance(children, ArraySchema)
    assert children.items == RefSchema(name="Node", origin=children.items.origin)
    assert prop(node, "parent") == RefSchema(name="Node", origin=children.items.origin)


def test_mutual_recursion_through_two_models(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.1.0",
        {
            "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
            "B": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}},
        },
    )
    assert prop(api.schema("A"), "b") == RefSchema(name="B", origin=api.schema("A").origin)
    assert prop(api.schema("B"), "a") == RefSchema(name="A", origin=api.schema("B").origin)


def test_recursion_outside_components_gets_a_name(load_spec: Any) -> None:
    tree = {"Tree": {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#/Tree"}}}}}
    spec = components("3.0.3", {"Forest": {"$ref": "models.yaml#/Tree"}})
    api, diagnostics = load_spec(spec, extra={"models.yaml": tree}, validation="off")
    assert api is not None, [d.format() for d in diagnostics]
    forest = api.schema("Forest")
    kids = prop(forest, "kids")
    assert isinstance(kids, ArraySchema) and isinstance(kids.items, RefSchema)
    named = api.schema(kids.items.name)
    assert isinstance(named, ObjectSchema)
    assert prop(named, "kids") == kids


def test_examples_defaults_and_flags_are_kept(load_spec: Any) -> None:
    api, _ = load_schemas(
        load_spec,
        "3.1.0",
        {
            "Size": {
                "type": "integer",
                "default": 30,
                "examples": [10, 20],
                "readOnly": True,
                "deprecated": True,
                "title": "Page size",
            }
        },
    )
    info = api.schema("Size").info
    assert (info.default_json, info.example_json, info.read_only, info.deprecated, info.title) == (
        "30",
        "10",
        True,
        True,
        "Page size",
    )


def test_schema_without_type_accepts_anything(load_spec: Any) -> None:
    api, _ = load_schemas(load_spec, "3.0.3", {"Free": {"description": "anything"}, "Obj": {"properties": {}}})
    assert isinstance(api.schema("Free"), AnySchema)
    assert isinstance(api.schema("Obj"), ObjectSchema)  # inferred from `properties`


# --------------------------------------------------------------------------- discriminators that point nowhere


def pets(discriminator: dict[str, Any]) -> dict[str, Any]:
    return {
        "Pet": {
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": discriminator,
        },
        "Cat": {"type": "object", "properties": {"kind": {"type": "string"}}},
        "Dog": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"bark": {"type": "boolean"}}}]},
        "Base": {"type": "object", "properties": {"kind": {"type": "string"}}},
    }


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_discriminator_mapping_entry_that_points_nowhere_is_a_located_warning(load_spec: Any, version: str) -> None:
    mapping = {"cat": "#/components/schemas/Cat", "dog": "Dog", "bird": "#/components/schemas/Bird", "fish": "Fish"}
    api, diagnostics = load_schemas(load_spec, version, pets({"propertyName": "kind", "mapping": mapping}))
    found = [(d.code, d.origin.pointer if d.origin else "") for d in diagnostics.warnings]
    base = "/components/schemas/Pet/discriminator/mapping"
    assert found == [("W008", f"{base}/bird"), ("W008", f"{base}/fish")]
    assert all("points at no schema" in d.message for d in diagnostics.warnings)
    pet = api.schema("Pet")
    assert isinstance(pet, UnionSchema) and pet.discriminator is not None
    assert pet.discriminator.mapping == (("cat", "Cat"), ("dog", "Dog"))


def test_a_discriminator_property_that_no_variant_has_is_a_located_warning(load_spec: Any) -> None:
    _, diagnostics = load_schemas(load_spec, "3.0.3", pets({"propertyName": "species"}))
    found = [(d.code, d.origin.pointer if d.origin else "", d.message) for d in diagnostics.warnings]
    assert found == [
        (
            "W008",
            "/components/schemas/Pet/discriminator",
            "discriminator property 'species' is a property of none of the variants",
        )
    ]


def test_a_discriminator_property_through_all_of_or_an_open_variant_is_not_reported(load_spec: Any) -> None:
    schemas = pets({"propertyName": "kind"})
    _, diagnostics = load_schemas(load_spec, "3.0.3", schemas)
    assert diagnostics.warnings == []
    schemas["Cat"] = {"type": "object"}  # may carry any property
    schemas["Dog"] = {"type": "object", "properties": {"bark": {"type": "boolean"}}}
    _, diagnostics = load_schemas(
        load_spec, "3.0.3", {**schemas, "Pet": {**schemas["Pet"], "discriminator": {"propertyName": "x"}}}
    )
    assert diagnostics.warnings == []
