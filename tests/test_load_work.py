"""Reading a document into the IR does each piece of work once, however often the document repeats it.

A big document refers to one schema or parameter thousands of times: each ``$ref`` is followed
once (by the loader and by ``fastcheck``), a schema that says nothing of itself is not copied to
say it, and a document on one line (minified, as API directories ship them) is not read again
to place a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import sources
from generator.diagnostics import Diagnostics
from generator.ir import Origin
from generator.loaders import fastcheck, schemas
from generator.sources import Document, Workspace

OPERATIONS = 60


def repeating_spec() -> dict[str, Any]:
    """OpenAPI 3.0: every operation refers to the same parameter, response and schemas."""
    paths = {
        f"/items{i}/{{id}}": {
            "get": {
                "operationId": f"get{i}",
                "parameters": [{"$ref": "#/components/parameters/Id"}],
                "responses": {
                    "200": {"$ref": "#/components/responses/Item"},
                    "404": {"$ref": "#/components/responses/Missing"},
                },
            }
        }
        for i in range(OPERATIONS)
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Repeats", "version": "1"},
        "paths": paths,
        "components": {
            "parameters": {"Id": {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}},
            "responses": {
                "Item": {
                    "description": "an item",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
                },
                "Missing": {
                    "description": "no item",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                },
            },
            "schemas": {
                "Item": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "owner": {"$ref": "#/components/schemas/Owner"}},
                },
                "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
                "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
            },
        },
    }


DISTINCT_REFS = 6
"""The ``$ref`` texts ``repeating_spec`` writes."""


@pytest.fixture
def pointer_lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every JSON pointer looked up in a document, by the loader and by ``fastcheck``."""
    looked_up: list[str] = []
    original = sources.resolve_pointer

    def counting(data: Any, pointer: str) -> Any:
        looked_up.append(pointer)
        return original(data, pointer)

    monkeypatch.setattr(sources, "resolve_pointer", counting)
    monkeypatch.setattr(fastcheck, "resolve_pointer", counting)
    yield looked_up


def test_a_ref_written_many_times_is_followed_once(load_spec: Any, pointer_lookups: list[str]) -> None:
    api, diagnostics = load_spec(repeating_spec(), name="spec.json")
    assert api is not None, [str(d) for d in diagnostics]
    assert len(api.operations) == OPERATIONS
    assert all(op.parameters[0].name == "id" for op in api.operations)
    assert len(pointer_lookups) <= DISTINCT_REFS, sorted(set(pointer_lookups))


def test_fastcheck_follows_each_ref_once(pointer_lookups: list[str]) -> None:
    assert fastcheck.clean(repeating_spec(), "3.0") is True
    assert len(pointer_lookups) <= DISTINCT_REFS, sorted(set(pointer_lookups))


def test_a_ref_is_followed_again_into_data_that_replaced_the_old(tmp_path: Path) -> None:
    """An overlay replaces a document's data: a reference resolved before reads the new data, not the old."""
    document = Document(path=tmp_path / "spec.json", display="spec.json", data={"a": {"v": 1}}, raw=b"{}")
    workspace = Workspace(root=tmp_path, diagnostics=Diagnostics())
    workspace.add(document)
    assert workspace.resolve("#/a", document, Origin(file="spec.json"))[2] == {"v": 1}
    document.data = {"a": {"v": 2}}
    assert workspace.resolve("#/a", document, Origin(file="spec.json"))[2] == {"v": 2}
    document.data = {"b": 1}
    with pytest.raises(sources.SourceError, match="not found"):
        workspace.resolve("#/a", document, Origin(file="spec.json"))


def test_a_ref_into_another_file_is_followed_again_when_that_file_changed(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text('{"a": 1}', encoding="utf-8")
    base = Document(path=tmp_path / "spec.json", display="spec.json", data={}, raw=b"{}")
    workspace = Workspace(root=tmp_path, diagnostics=Diagnostics())
    workspace.add(base)
    target, _, value = workspace.resolve("other.json#/a", base, Origin(file="spec.json"))
    assert value == 1
    target.data = {"a": 2}
    assert workspace.resolve("other.json#/a", base, Origin(file="spec.json"))[2] == 2


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The schemas the schema builder copies to change a field (``dataclasses.replace``)."""
    made: list[str] = []
    original: Callable[..., Any] = schemas.replace

    def counting(obj: Any, /, **changes: Any) -> Any:
        made.append(f"{type(obj).__name__} {sorted(changes)}")
        return original(obj, **changes)

    monkeypatch.setattr(schemas, "replace", counting)
    return made


def test_a_schema_that_says_nothing_of_itself_is_not_copied(load_spec: Any, copies: list[str]) -> None:
    properties = {f"p{i}": {"type": "string"} for i in range(40)}
    properties["list"] = {"type": "array", "items": {"type": "integer", "format": "int64"}}
    properties["described"] = {"type": "string", "description": "said of itself", "nullable": True}
    spec = repeating_spec()
    spec["components"]["schemas"]["Item"]["properties"].update(properties)
    api, diagnostics = load_spec(spec, name="spec.json")
    assert api is not None, [str(d) for d in diagnostics]
    item = next(s.schema for s in api.schemas if s.name == "Item")
    described = next(p.schema for p in item.properties if p.name == "described")  # type: ignore[union-attr]
    assert described.info.description == "said of itself" and described.nullable
    assert copies == ["PrimitiveSchema ['info', 'nullable']"]


def one_line_document(raw: bytes) -> Document:
    return Document(path=Path("d.json"), display="d.json", data={}, raw=raw)


ONE_LINE_TEXTS = [b'{"a": {"b": [1, {"c": 2}]}}', b'{"a": {"b": [1, {"c": 2}]}}\n', b"{a: {b: [1]}} \r\n"]


@pytest.mark.parametrize("raw", ONE_LINE_TEXTS)
def test_a_document_on_one_line_is_not_read_again_to_place_a_finding(
    monkeypatch: pytest.MonkeyPatch, raw: bytes
) -> None:
    def no_reading(raw: bytes) -> dict[str, int]:
        raise AssertionError("read again")

    monkeypatch.setattr(sources, "_line_index", no_reading)
    document = one_line_document(raw)
    assert [document.line_of(p) for p in ("", "/a", "/a/b/1/c", "/a/nothing/here")] == [1, 1, 1, 1]


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b'{"a":\n {"b": 1}}', 2),
        (b'\n{"a": {"b": 1}}', 2),
        ('{"x": "\u2028", "a": {"b": 1}}'.encode(), 2),  # a raw U+2028 in a string ends a line for YAML
        (b'{"x": 1,\r"a": {"b": 1}}', 2),
    ],
)
def test_a_document_on_several_lines_is_placed_line_by_line(raw: bytes, line: int) -> None:
    assert one_line_document(raw).line_of("/a/b") == line


def test_a_shared_parameter_or_response_is_read_once(load_spec: Any) -> None:
    api, diagnostics = load_spec(repeating_spec(), name="spec.json")
    assert api is not None, [str(d) for d in diagnostics]
    first, *others = api.operations
    assert all(op.parameters[0] is first.parameters[0] for op in others)
    assert all(op.responses[0] is first.responses[0] for op in others)
    assert [r.status for r in first.responses] == ["200", "404"]


def test_a_response_shared_under_other_statuses_keeps_each_status(load_spec: Any) -> None:
    spec = repeating_spec()
    spec["paths"]["/items0/{id}"]["get"]["responses"] = {"201": {"$ref": "#/components/responses/Item"}}
    api, diagnostics = load_spec(spec, name="spec.json")
    assert api is not None, [str(d) for d in diagnostics]
    assert [r.status for r in api.operations[0].responses] == ["201"]
    assert [r.status for r in api.operations[1].responses] == ["200", "404"]
    assert api.operations[0].responses[0].contents == api.operations[1].responses[0].contents


def swagger2_spec() -> dict[str, Any]:
    """Swagger 2.0: operations that produce other media types refer to the same parameter and response."""
    paths = {
        f"/items{i}/{{id}}": {
            "get": {
                "operationId": f"get{i}",
                "produces": ["application/xml" if i % 2 else "application/json"],
                "parameters": [{"$ref": "#/parameters/Id"}, {"$ref": "#/parameters/Loose"}],
                "responses": {"200": {"$ref": "#/responses/Item"}},
            }
        }
        for i in range(4)
    }
    return {
        "swagger": "2.0",
        "info": {"title": "Repeats", "version": "1"},
        "paths": paths,
        "parameters": {
            "Id": {"name": "id", "in": "path", "required": True, "type": "string"},
            "Loose": {"name": "loose", "in": "query"},  # no type: a warning each time it is read
        },
        "responses": {"Item": {"description": "an item", "schema": {"$ref": "#/definitions/Item"}}},
        "definitions": {"Item": {"type": "object", "properties": {"id": {"type": "string"}}}},
    }


def test_swagger2_shares_what_reads_alike_and_reads_each_media_type(load_spec: Any) -> None:
    api, diagnostics = load_spec(swagger2_spec(), name="spec.json")
    assert api is not None, [str(d) for d in diagnostics]
    ops = api.operations
    assert all(op.parameters[0] is ops[0].parameters[0] for op in ops)
    assert [[c.media_type for c in op.responses[0].contents] for op in ops] == [
        ["application/json"],
        ["application/xml"],
        ["application/json"],
        ["application/xml"],
    ]
    assert ops[2].responses[0] is ops[0].responses[0] and ops[3].responses[0] is ops[1].responses[0]
    assert all(op.parameters[1] == ops[0].parameters[1] for op in ops)
    assert [d.code for d in diagnostics if "loose" in d.message] == ["W005"]
