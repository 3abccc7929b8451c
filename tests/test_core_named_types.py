"""What every style's view-model of a named type says (``core.named_types``), each style adding its own fields."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.core.named_types import EnumMember, type_names
from generator.core.schemas import schema_index
from generator.ir import Api
from generator.styles.go import naming as go_naming
from generator.styles.go.models import build_models as go_models
from generator.styles.python import naming as python_naming
from generator.styles.python.models import build_models as python_models
from generator.styles.typescript.models import build_models as typescript_models

if TYPE_CHECKING:  # the name conftest is ambiguous at run time (tests/runtime/conftest.py)
    from conftest import LoadSpec

_DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Named", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Color": {"type": "string", "title": "A colour", "enum": ["red", "dark blue"]},
            "Level": {"type": "integer", "description": "How loud.", "title": "not shown", "enum": [1, 10]},
            "Cat": {"type": "object", "title": "A cat", "properties": {"kind": {"type": "string"}}},
            "Dog": {"type": "object", "description": "A dog.", "properties": {"kind": {"type": "string"}}},
            "Pet": {"title": "Cat or dog", "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"type": "integer"}]},
            "Name": {"type": "string", "title": "an alias shows its description only"},
        }
    },
}


def _api(load_spec: LoadSpec) -> Api:
    api, diagnostics = load_spec(_DOCUMENT)
    assert api is not None, diagnostics
    return api


def test_models_and_enums_are_documented_by_their_description_else_their_title(load_spec: LoadSpec) -> None:
    api = _api(load_spec)
    python, typescript, go = python_models(api, []), typescript_models(api, set()), go_models(api, [], set())
    for models in (python.models, typescript.models, go.models):
        assert [(m.name, m.description) for m in models] == [("Cat", "A cat"), ("Dog", "A dog.")]
    for enums in (python.enums, go.enums):
        assert [(e.name, e.description) for e in enums] == [("Color", "A colour"), ("Level", "How loud.")]
    assert [(u.name, u.description) for u in go.unions] == [("Pet", "Cat or dog")]
    aliases = [(a.type, a.description) for a in (*python.aliases, *typescript.aliases) if a.name == "Name"]
    assert aliases == [("str", None), ("string", None)]


def test_an_enums_members_are_its_names_and_value_literals_in_the_styles_language(load_spec: LoadSpec) -> None:
    api = _api(load_spec)
    python, go = python_models(api, []).enums[0], go_models(api, [], set()).enums[0]
    assert (python.base, python.members) == (
        "str",
        (EnumMember("RED", '"red"'), EnumMember("DARK_BLUE", '"dark blue"')),
    )
    assert (go.base, [(m.name, m.value) for m in go.members]) == (
        "string",
        [("ColorRed", '"red"'), ("ColorDarkBlue", '"dark blue"')],
    )


def test_named_schemas_then_hoisted_objects_are_named_apart_in_each_styles_casing(load_spec: LoadSpec) -> None:
    inner = {"type": "object", "properties": {"a": {"type": "string"}}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Names", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Thing": {"type": "object", "properties": {"inner": inner}},
                "thing": {"type": "string"},
                "ThingInner": {"type": "integer"},
            }
        },
    }
    api, diagnostics = load_spec(document)
    assert api is not None, diagnostics
    index = schema_index(api, [])
    python = type_names(api, index, python_naming.pascal, {"Taken"})
    assert python.named == {"Thing": "Thing", "thing": "Thing_2", "ThingInner": "ThingInner"}
    assert [name for name, _ in python.hoisted] == ["ThingInner_2"]
    assert list(python.inline.values()) == ["ThingInner_2"]
    go = type_names(api, index, lambda name: go_naming.exported(name, fallback="Model"), set(), go_naming.claim_all)
    assert go.named == {"Thing": "Thing", "thing": "Thing2", "ThingInner": "ThingInner"}
    assert go.hoisted[0][0] == "ThingInner2"
