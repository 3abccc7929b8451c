"""Tests for applying OpenAPI Overlay 1.0 documents (generator/overlay.py)."""

import copy
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.overlay import apply_overlay
from generator.sources import Document, read_document

DISPLAY = "specs/demo/overlay.yaml"
HEADER = {"overlay": "1.0.0", "info": {"title": "Demo overlay", "version": "1.0.0"}}


def overlay_document(data: Any) -> Document:
    return Document(path=Path(DISPLAY), display=DISPLAY, data=data)


def overlay(*actions: dict[str, Any]) -> Document:
    return overlay_document({**HEADER, "actions": list(actions)})


def apply(data: Any, document: Document) -> tuple[Any, Diagnostics]:
    diagnostics = Diagnostics()
    return apply_overlay(data, document, diagnostics), diagnostics


def found(diagnostics: Diagnostics) -> list[tuple[str, str]]:
    """(code, pointer) of every diagnostic, in order."""
    return [(d.code, d.origin.pointer if d.origin else "") for d in diagnostics]


def spec() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1.0.0", "contact": {"name": "Ops", "email": "ops@example.com"}},
        "tags": [{"name": "a"}, {"name": "internal-1"}, {"name": "b"}, {"name": "internal-2"}, {"name": "internal-3"}],
        "paths": {
            "/items/{id}": {
                "get": {
                    "parameters": [
                        {"name": "id", "in": "path", "required": True},
                        {"name": "fields", "in": "query"},
                    ],
                    "responses": {"200": {"description": "OK"}},
                },
                "delete": {
                    "parameters": [{"name": "id", "in": "path", "required": True}],
                    "responses": {"204": {"description": "Gone"}},
                },
            },
            "/items": {"get": {"parameters": [{"name": "page", "in": "query"}], "responses": {}}},
        },
    }


# --------------------------------------------------------------------------- update


def test_update_merges_nested_objects() -> None:
    action = {
        "target": "$.info",
        "update": {"title": "Renamed", "contact": {"email": "api@example.com", "url": "https://example.com"}},
    }
    result, diagnostics = apply(spec(), overlay(action))
    assert not diagnostics.items
    assert result["info"] == {
        "title": "Renamed",
        "version": "1.0.0",
        "contact": {"name": "Ops", "email": "api@example.com", "url": "https://example.com"},
    }


def test_update_on_the_root_adds_new_members() -> None:
    result, diagnostics = apply(spec(), overlay({"target": "$", "update": {"x-vendor": {"id": 1}}}))
    assert not diagnostics.items
    assert result["x-vendor"] == {"id": 1}
    assert list(result)[:-1] == list(spec())


def test_update_appends_an_object_to_an_array() -> None:
    result, diagnostics = apply(spec(), overlay({"target": "$.tags", "update": {"name": "c"}}))
    assert not diagnostics.items
    assert result["tags"][-1] == {"name": "c"}
    assert len(result["tags"]) == 6


def test_update_concatenates_an_array_with_an_array() -> None:
    result, _ = apply(spec(), overlay({"target": "$.tags", "update": [{"name": "c"}, {"name": "d"}]}))
    assert [t["name"] for t in result["tags"]][-3:] == ["internal-3", "c", "d"]


def test_nested_arrays_in_an_update_are_concatenated() -> None:
    action = {"target": "$.paths['/items'].get", "update": {"parameters": [{"name": "page_size", "in": "query"}]}}
    result, _ = apply(spec(), overlay(action))
    assert [p["name"] for p in result["paths"]["/items"]["get"]["parameters"]] == ["page", "page_size"]


def test_update_applies_to_every_selected_node() -> None:
    result, diagnostics = apply(spec(), overlay({"target": "$.paths[*][*]", "update": {"x-safe": True}}))
    assert not diagnostics.items
    operations = [op for item in result["paths"].values() for op in item.values()]
    assert len(operations) == 3
    assert all(op["x-safe"] is True for op in operations)


def test_a_node_selected_twice_is_updated_once() -> None:
    result, _ = apply(spec(), overlay({"target": "$['tags', 'tags']", "update": {"name": "c"}}))
    assert len(result["tags"]) == 6


def test_filter_expression_selects_matching_parameters() -> None:
    action = {
        "target": "$.paths[*][*].parameters[?@.name=='id']",
        "update": {"schema": {"type": "string", "format": "uuid"}},
    }
    result, diagnostics = apply(spec(), overlay(action))
    assert not diagnostics.items
    item = result["paths"]["/items/{id}"]
    assert item["get"]["parameters"][0]["schema"] == {"type": "string", "format": "uuid"}
    assert item["delete"]["parameters"][0]["schema"] == {"type": "string", "format": "uuid"}
    assert "schema" not in item["get"]["parameters"][1]
    assert "schema" not in result["paths"]["/items"]["get"]["parameters"][0]


# --------------------------------------------------------------------------- remove


def test_remove_deletes_members_of_objects() -> None:
    actions = [
        {"target": "$.info.contact", "remove": True},
        {"target": "$.paths['/items/{id}'].delete", "remove": True},
    ]
    result, diagnostics = apply(spec(), overlay(*actions))
    assert not diagnostics.items
    assert "contact" not in result["info"]
    assert list(result["paths"]["/items/{id}"]) == ["get"]


def test_remove_deletes_several_array_items_in_one_action() -> None:
    result, diagnostics = apply(spec(), overlay({"target": "$.tags[?search(@.name, 'internal')]", "remove": True}))
    assert not diagnostics.items
    assert result["tags"] == [{"name": "a"}, {"name": "b"}]


def test_remove_by_index_uses_the_indexes_before_the_action() -> None:
    result, _ = apply(spec(), overlay({"target": "$.tags[0, 2, 4]", "remove": True}))
    assert [t["name"] for t in result["tags"]] == ["internal-1", "internal-2"]


def test_remove_handles_a_node_and_its_descendant_together() -> None:
    result, diagnostics = apply(spec(), overlay({"target": "$.paths['/items/{id}']..parameters", "remove": True}))
    assert not diagnostics.items
    assert all("parameters" not in op for op in result["paths"]["/items/{id}"].values())


# --------------------------------------------------------------------------- order and copies


def test_a_later_action_sees_the_changes_of_earlier_ones() -> None:
    actions = [
        {"target": "$.info.contact", "remove": True},
        {"target": "$.info", "update": {"contact": {"name": "New"}}},
        {"target": "$.info.contact", "update": {"email": "new@example.com"}},
    ]
    result, diagnostics = apply(spec(), overlay(*actions))
    assert not diagnostics.items
    assert result["info"]["contact"] == {"name": "New", "email": "new@example.com"}


def test_neither_the_input_nor_the_overlay_is_modified() -> None:
    data = spec()
    document = overlay(
        {"target": "$.info", "update": {"contact": {"email": "x@example.com"}, "x-list": [1]}},
        {"target": "$.tags", "update": {"name": "c"}},
        {"target": "$.paths['/items']", "remove": True},
    )
    data_before, overlay_before = copy.deepcopy(data), copy.deepcopy(document.data)
    result, _ = apply(data, document)
    assert data == data_before
    assert document.data == overlay_before
    result["info"]["x-list"].append(2)
    result["tags"][-1]["name"] = "changed"
    assert document.data == overlay_before


def test_containers_shared_in_the_input_are_not_shared_in_the_result() -> None:
    schema = {"type": "string"}
    data = {"a": schema, "b": schema}
    result, _ = apply(data, overlay({"target": "$.a", "update": {"format": "uuid"}}))
    assert result == {"a": {"type": "string", "format": "uuid"}, "b": {"type": "string"}}


def test_results_are_deterministic() -> None:
    document = overlay({"target": "$..parameters[?@.in=='path']", "update": {"x-n": 1}})
    first, second = apply(spec(), document), apply(spec(), document)
    assert first[0] == second[0]
    assert found(first[1]) == found(second[1])


# --------------------------------------------------------------------------- diagnostics


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"info": HEADER["info"], "actions": [{"target": "$", "update": {}}]}, [("E050", "")]),
        ({**HEADER, "overlay": "1.1.0", "actions": [{"target": "$", "update": {}}]}, [("E050", "/overlay")]),
        ({**HEADER, "overlay": 1.0, "actions": [{"target": "$", "update": {}}]}, [("E050", "/overlay")]),
        ({"overlay": "1.0.0", "actions": [{"target": "$", "update": {}}]}, [("E050", "")]),
        ({**HEADER, "info": {"title": "t"}, "actions": [{"target": "$", "update": {}}]}, [("E050", "/info")]),
        ({**HEADER, "extends": 3, "actions": [{"target": "$", "update": {}}]}, [("E050", "/extends")]),
        ({**HEADER, "actions": {"target": "$"}}, [("E050", "/actions")]),
        ({**HEADER, "actions": []}, [("E050", "/actions")]),
        (HEADER, [("E050", "")]),
        ({**HEADER, "action": [], "actions": [{"target": "$", "update": {}}]}, [("E050", "/action")]),
        (["not", "an", "overlay"], [("E050", "")]),
    ],
)
def test_invalid_overlay_documents_are_reported(data: Any, expected: list[tuple[str, str]]) -> None:
    _, diagnostics = apply(spec(), overlay_document(data))
    assert found(diagnostics) == expected


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ({"target": "$.info"}, ("E050", "/actions/0")),
        ({"target": "$.info", "remove": False}, ("E050", "/actions/0")),
        ({"target": "$.info", "update": {"title": "x"}, "remove": True}, ("E050", "/actions/0")),
        ({"target": "$.info", "update": "text"}, ("E050", "/actions/0/update")),
        ({"target": "$.info", "update": None}, ("E050", "/actions/0/update")),
        ({"target": "$.info", "remove": "yes"}, ("E050", "/actions/0/remove")),
        ({"update": {}}, ("E050", "/actions/0")),
        ({"target": 7, "update": {}}, ("E050", "/actions/0/target")),
        ({"target": "$.info", "update": {}, "description": 1}, ("E050", "/actions/0/description")),
        ({"target": "$.info", "copy": "$.tags"}, ("E050", "/actions/0/copy")),
        ("remove everything", ("E050", "/actions/0")),
        ({"target": "$", "remove": True}, ("E050", "/actions/0/target")),
        ({"target": "$.info.title", "update": {"text": "x"}}, ("E050", "/actions/0/target")),
        ({"target": "$.info", "update": {"contact": "x"}}, ("E050", "/actions/0/update/contact")),
        ({"target": "$.info", "update": ["x"]}, ("E050", "/actions/0/update")),
        ({"target": "$.paths[", "update": {}}, ("E051", "/actions/0/target")),
        ({"target": "paths", "update": {}}, ("E051", "/actions/0/target")),
        ({"target": "$.nowhere", "update": {}}, ("W002", "/actions/0/target")),
        ({"target": "$.tags[?@.name=='z']", "remove": True}, ("W002", "/actions/0/target")),
    ],
)
def test_each_problem_is_reported_at_its_pointer(action: Any, expected: tuple[str, str]) -> None:
    data = spec()
    result, diagnostics = apply(data, overlay(action))
    assert expected in found(diagnostics)
    assert all(code == expected[0] for code, _ in found(diagnostics))
    assert result == data


def test_errors_name_the_action() -> None:
    _, diagnostics = apply(spec(), overlay({"target": "$.info", "update": {}}, {"target": "$", "remove": True}))
    (error,) = diagnostics.errors
    assert "action 1 ($)" in error.message
    assert "root" in error.message


def test_every_problem_is_reported_and_valid_actions_still_apply() -> None:
    document = overlay(
        {"target": "$.paths[", "update": {}},
        {"target": "$.info", "update": {"x-one": 1}},
        {"target": "$.info", "update": 5},
        {"target": "$.missing", "remove": True},
        {"target": "$.info", "update": {"x-two": 2}},
    )
    result, diagnostics = apply(spec(), document)
    assert found(diagnostics) == [
        ("E051", "/actions/0/target"),
        ("E050", "/actions/2/update"),
        ("W002", "/actions/3/target"),
    ]
    assert result["info"]["x-one"] == 1
    assert result["info"]["x-two"] == 2


def test_a_conflicting_target_is_left_unchanged_while_the_others_are_updated() -> None:
    data = {"a": {"k": 1}, "b": {"k": {"deep": True}}}
    result, diagnostics = apply(data, overlay({"target": "$.*", "update": {"k": {"deep": False}}}))
    assert found(diagnostics) == [("E050", "/actions/0/update/k")]
    assert "/a" in diagnostics.errors[0].message
    assert result == {"a": {"k": 1}, "b": {"k": {"deep": False}}}


def test_formatted_diagnostics_show_the_overlay_display_path(tmp_path: Path) -> None:
    path = tmp_path / "overlay.yaml"
    path.write_text(
        "overlay: 1.0.0\ninfo: {title: Demo, version: 1.0.0}\nactions:\n"
        "  - target: $.nowhere\n    update: {x-a: 1}\n"
        "  - target: $[\n    remove: true\n",
        encoding="utf-8",
    )
    document = read_document(path, "specs/demo/overlay.yaml")
    _, diagnostics = apply(spec(), document)
    lines = [d.format() for d in diagnostics]
    assert lines[0].startswith("specs/demo/overlay.yaml#/actions/0/target: warning[W002]: ")
    assert lines[1].startswith("specs/demo/overlay.yaml#/actions/1/target: error[E051]: ")


# --------------------------------------------------------------------------- what each action did


def test_a_trace_records_what_each_action_matched_and_wrote() -> None:
    from generator.overlay_trace import Trace

    trace = Trace()
    document = overlay(
        {"target": "$.paths['/a'].get", "description": "Give the operation a summary.", "update": {"summary": "A"}},
        {"target": "$.paths['/a'].get.tags", "update": ["new"]},
        {"target": "$.paths['/b']", "remove": True},
    )
    data = {"paths": {"/a": {"get": {"tags": ["x"], "summary": "old"}}, "/b": {"get": {}}}}
    apply_overlay(data, document, Diagnostics(), trace, document="api.yaml")
    assert [(r.index, r.matched, r.written) for r in trace.actions] == [
        (0, ("/paths/~1a/get",), ("/paths/~1a/get/summary",)),
        (1, ("/paths/~1a/get/tags",), ("/paths/~1a/get/tags/1",)),
        (2, ("/paths/~1b",), ("/paths/~1b",)),
    ]
    assert trace.blamed("api.yaml", "/paths/~1a/get/summary") is trace.actions[0]
    assert trace.blamed("api.yaml", "/paths/~1a/get/tags/0") is None  # the vendor's tag
    assert trace.blamed("api.yaml", "/paths/~1a/get") is None  # merged into, not written
    assert trace.blamed("other.yaml", "/paths/~1a/get/summary") is None
    assert trace.actions[0].blame() == f"(set by {DISPLAY}#/actions/0 'Give the operation a ...')"
    assert trace.actions[1].blame() == f"(set by {DISPLAY}#/actions/1)"


def test_the_deepest_and_last_write_is_blamed() -> None:
    from generator.overlay_trace import Trace

    trace = Trace()
    document = overlay(
        {"target": "$", "update": {"components": {"schemas": {"A": {"type": "object"}}}}},
        {"target": "$.components.schemas.A", "update": {"properties": {"b": {"type": "string"}}}},
        {"target": "$", "update": {"components": {"schemas": {"A": {"type": "array"}}}}},
    )
    apply_overlay({}, document, Diagnostics(), trace, document="api.yaml")
    assert trace.blamed("api.yaml", "/components/schemas/A/properties/b/type") is trace.actions[1]
    assert trace.blamed("api.yaml", "/components/schemas/A/type") is trace.actions[2]
    assert trace.blamed("api.yaml", "/components/schemas/A") is trace.actions[0]
