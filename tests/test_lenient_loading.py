"""What ``--validation warn`` reads past while loading: references that resolve nowhere, unknown types.

The default mode refuses such a document (exit 2, each finding located, the last saying that
``--validation warn`` generates anyway); warn mode reports the same finding at the same place as
a warning and generates: a ``$ref`` that resolves nowhere is any value, a type written in another
case is that type, a local reference written as a type is that reference, any other type is any
value. Every schema so read as any value is counted as unreadable, none as free-form. Minimal
documents of each format are loaded in this process; two documents with every case are generated
and type-checked in every style as bounded children; the real documents that showed the cases
generate in the Python style.
"""

from __future__ import annotations

import re
import shutil
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile import harness

from generator.core.coverage import (
    READ_AS_ANY,
    SKIPPED_BODY,
    SKIPPED_PARAMETER,
    SKIPPED_RESPONSE,
    Coverage,
    coverage,
)
from generator.diagnostics import MAX_PLACES_SHOWN, Diagnostic, Diagnostics
from generator.ir import AnySchema, Api, ArraySchema, ObjectSchema, PrimitiveSchema, RefSchema, Schema
from generator.loaders import validate
from generator.loaders.validate import HINT

OK = {"200": {"description": "ok"}}
DEFINITIONS = {"2.0": "#/definitions/", "3.0": "#/components/schemas/", "3.1": "#/components/schemas/"}


def document(dialect: str, returned: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    """One operation (``GET /thing``) answering ``returned``, with ``schemas`` as definitions or components."""
    if dialect == "2.0":
        response = {"description": "ok", "schema": returned}
        top: dict[str, Any] = {"swagger": "2.0", "produces": ["application/json"], "definitions": schemas or {}}
    else:
        response = {"description": "ok", "content": {"application/json": {"schema": returned}}}
        top = {"openapi": "3.0.3" if dialect == "3.0" else "3.1.0", "components": {"schemas": schemas or {}}}
    get = {"operationId": "getThing", "responses": {"200": response}}
    return {**top, "info": {"title": "T", "version": "1"}, "paths": {"/thing": {"get": get}}}


def returned_at(dialect: str) -> str:
    return "/paths/~1thing/get/responses/200" + ("/schema" if dialect == "2.0" else "/content/application~1json/schema")


def returned(api: Api) -> Schema:
    (operation,) = api.operations
    response = next(r for r in operation.responses if r.status == "200")
    (content,) = response.contents
    assert content.schema is not None
    return content.schema


def warned(diagnostics: Diagnostics, code: str) -> list[Diagnostic]:
    return [d for d in diagnostics.warnings if d.code == code]


def counted(api: Api, diagnostics: Diagnostics) -> Coverage:
    return coverage(api, diagnostics.warnings)


def loader_findings(diagnostics: Diagnostics) -> list[tuple[str, str, str, str | None]]:
    """(severity, code, message, pointer) of each finding but the validator's (``E020``)."""
    return [(d.severity, d.code, d.message, d.origin and d.origin.pointer) for d in diagnostics if d.code != "E020"]


@pytest.fixture
def validator_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    """openapi-spec-validator finds nothing: what the default mode says is the loader's own verdict."""
    monkeypatch.setattr(validate, "_cached_findings", lambda *args: [])


# --------------------------------------------------------------------------- references that resolve nowhere


@pytest.mark.parametrize("dialect", ["2.0", "3.0", "3.1"])
def test_missing_ref_target_is_an_error_then_any_value_in_warn_mode(load_spec: Any, dialect: str) -> None:
    spec = document(dialect, {"$ref": DEFINITIONS[dialect] + "Missing"}, {"Present": {"type": "string"}})
    where = returned_at(dialect) + "/$ref"

    api, diagnostics = load_spec(spec, validation="error")  # the validator's verdict first
    assert api is None
    assert {d.code for d in diagnostics.errors} == {"E020"} and diagnostics.errors[-1].message.endswith(HINT)

    api, diagnostics = load_spec(spec, validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    assert not diagnostics.errors
    (warning,) = warned(diagnostics, "E010")
    assert warning.origin is not None and warning.origin.pointer == where and warning.line is not None
    assert warning.message == f"$ref '{DEFINITIONS[dialect]}Missing' not found: no 'Missing'"
    assert isinstance(returned(api), AnySchema)
    assert (counted(api, diagnostics).unread, counted(api, diagnostics).free_form) == (1, 0)

    skipped, found = load_spec(spec, validation="off")  # no validation: read past as warn mode reads past
    assert skipped == api and loader_findings(found) == loader_findings(diagnostics)


@pytest.mark.parametrize("dialect", ["2.0", "3.0", "3.1"])
def test_the_loaders_own_refusal_of_a_missing_target_says_warn_mode_generates(
    load_spec: Any, validator_misses: None, dialect: str
) -> None:
    api, diagnostics = load_spec(document(dialect, {"$ref": DEFINITIONS[dialect] + "Missing"}), validation="error")
    assert api is None
    (error,) = diagnostics.errors
    assert (error.code, error.origin and error.origin.pointer) == ("E010", returned_at(dialect) + "/$ref")
    assert error.message == f"$ref '{DEFINITIONS[dialect]}Missing' not found: no 'Missing' {HINT}"


def test_default_mode_refuses_a_missing_target_as_before(load_spec: Any) -> None:
    api, diagnostics = load_spec(document("3.0", {"$ref": "#/components/schemas/Missing"}), validation="error")
    assert api is None
    assert diagnostics.errors and all(d.origin is not None and d.line is not None for d in diagnostics.errors)
    assert diagnostics.errors[-1].message.endswith(HINT)


def test_fragment_file_referring_to_the_roots_definitions_is_read_as_any_value(load_spec: Any) -> None:
    # flagr's multi-file document: a path item in a file of its own names `#/definitions/flag`, which only the
    # root document has
    spec = {
        "swagger": "2.0",
        "info": {"title": "T", "version": "1"},
        "produces": ["application/json"],
        "paths": {"/flags": {"$ref": "flags.yaml"}},
        "definitions": {"flag": {"type": "object", "properties": {"id": {"type": "integer"}}}},
    }
    fragment = {"get": {"operationId": "getFlags", "responses": {"200": {"description": "ok", "schema": {}}}}}
    fragment["get"]["responses"]["200"]["schema"] = {"type": "array", "items": {"$ref": "#/definitions/flag"}}
    api, diagnostics = load_spec(spec, name="index.yaml", extra={"flags.yaml": fragment}, validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    (warning,) = warned(diagnostics, "E010")
    assert warning.message == "$ref '#/definitions/flag' not found: no 'definitions'"
    assert warning.origin is not None and warning.origin.file.endswith("flags.yaml")
    assert warning.origin.pointer == "/get/responses/200/schema/items/$ref"
    schema = returned(api)
    assert isinstance(schema, ArraySchema) and isinstance(schema.items, AnySchema)
    assert counted(api, diagnostics).unread == 1


def test_ref_leaving_the_folder_is_read_as_any_value_and_never_followed(load_spec: Any, tmp_path: Path) -> None:
    # had the validator or the loader followed the reference, this file's broken schema would be a finding
    (tmp_path / "secret.yaml").write_text("Thing: {type: 5}\n")
    ref = "../secret.yaml#/Thing"
    spec = document("3.1", {"$ref": ref})
    where = returned_at("3.1") + "/$ref"

    api, diagnostics = load_spec(spec, name="api/spec.yaml", validation="error")
    assert api is None
    (error,) = diagnostics.errors
    assert (error.code, error.origin and error.origin.pointer) == ("E011", where)
    assert error.message == f"$ref leaves the spec's folder: {ref!r} {HINT}"

    api, diagnostics = load_spec(spec, name="api/spec.yaml", validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    assert [(d.severity, d.code, d.origin and d.origin.pointer) for d in diagnostics] == [("warning", "E011", where)]
    assert diagnostics.warnings[0].message == f"$ref leaves the spec's folder: {ref!r}"
    assert isinstance(returned(api), AnySchema)
    assert counted(api, diagnostics).unread == 1


def test_remote_ref_in_warn_mode_is_any_value_and_never_fetched(
    load_spec: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    api, diagnostics = load_spec(document("3.0", {"$ref": "https://example.invalid/s.yaml#/Pet"}), validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    (warning,) = warned(diagnostics, "E011")
    assert warning.message == "remote $ref is not fetched: 'https://example.invalid/s.yaml#/Pet'"
    assert isinstance(returned(api), AnySchema)
    assert attempts == []


@pytest.mark.parametrize("dialect", ["2.0", "3.1"])
def test_a_missing_target_at_many_places_is_unread_at_every_one(load_spec: Any, dialect: str) -> None:
    places = MAX_PLACES_SHOWN + 3  # more than a repeated warning is shown at
    properties = {f"p{i}": {"$ref": DEFINITIONS[dialect] + "Gone"} for i in range(places)}
    spec = document(dialect, {"$ref": DEFINITIONS[dialect] + "Holder"}, {"Holder": {"properties": properties}})
    api, diagnostics = load_spec(spec, validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    shown = warned(diagnostics, "E010")
    assert len(shown) == MAX_PLACES_SHOWN and shown[-1].message.endswith("(and at 3 more places)")
    assert (counted(api, diagnostics).unread, counted(api, diagnostics).free_form) == (places, 0)


def test_a_parameter_behind_a_missing_ref_is_skipped_with_the_warning(load_spec: Any) -> None:
    spec = document("3.0", {"type": "string"})
    spec["paths"]["/thing"]["get"]["parameters"] = [{"$ref": "#/components/parameters/Gone"}]
    api, diagnostics = load_spec(spec, validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    (warning,) = warned(diagnostics, "E010")
    assert warning.origin is not None and warning.origin.pointer == "/paths/~1thing/get/parameters/0/$ref"
    assert api.operations[0].parameters == ()


COMPONENTS = {"2.0": "#/", "3.0": "#/components/", "3.1": "#/components/"}


@pytest.mark.parametrize("dialect", ["2.0", "3.0", "3.1"])
def test_what_a_missing_ref_leaves_out_is_counted_at_every_place(load_spec: Any, dialect: str) -> None:
    places = MAX_PLACES_SHOWN + 2  # more than a repeated warning is shown at: the rest are counted too
    spec = document(dialect, {"type": "string"})
    gone = COMPONENTS[dialect]
    for i in range(places):
        get = {"operationId": f"get{i}", "parameters": [{"$ref": gone + "parameters/Gone"}]}
        spec["paths"][f"/t{i}"] = {"get": {**get, "responses": {**OK, "500": {"$ref": gone + "responses/Gone"}}}}
    if dialect != "2.0":
        post = {"operationId": "post", "requestBody": {"$ref": gone + "requestBodies/Gone"}, "responses": OK}
        spec["paths"]["/thing"]["post"] = post
    api, diagnostics = load_spec(spec, validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    assert {m.rpartition("; ")[2].partition(" (")[0] for m in (w.message for w in warned(diagnostics, "E010"))} == {
        SKIPPED_PARAMETER,
        SKIPPED_RESPONSE,
        *([SKIPPED_BODY] if dialect != "2.0" else []),
    }
    assert all(op.parameters == () and op.request_body is None for op in api.operations)
    assert all(r.status != "500" for op in api.operations for r in op.responses)
    found = counted(api, diagnostics)
    bodies = 0 if dialect == "2.0" else 1
    assert (found.parameters_without_schema, found.bodies_without_schema, found.unread) == (places, bodies, places)
    assert found.schema_nodes == 1 + places  # the one answer read, and each answer left out
    assert f"{places} of {places + 1} schemas unreadable (typed as any)" in found.notes()
    assert f"{places} parameters without a schema" in found.notes()


def test_a_description_beside_a_ref_that_resolves_nowhere_is_kept(load_spec: Any) -> None:
    owner = {"$ref": "#/components/schemas/Gone", "description": "Who keeps the pet.", "title": "Owner"}
    spec = document("3.1", {"type": "object", "properties": {"owner": owner}})
    api, diagnostics = load_spec(spec, validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    read = _object_property(api, "owner")
    assert isinstance(read, AnySchema), read
    assert (read.info.description, read.info.title) == ("Who keeps the pet.", "Owner")
    assert counted(api, diagnostics).unread == 1


def _refused_then_unreadable(spec: dict[str, Any]) -> None:
    """A reference leaving the folder (refused before validation), then an operation that is no object (never read)."""
    spec["paths"]["/other"] = {"get": "nope"}


def _invalid_then_unreadable(spec: dict[str, Any]) -> None:
    """A validator finding warn mode reads past, then an operation that is no object (never read)."""
    spec["paths"]["/thing"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {"type": "Edge"}
    spec["paths"]["/other"] = {"get": "nope"}


def _refused_then_readable(spec: dict[str, Any]) -> None:
    """A reference leaving the folder, then a reference to nothing (both read past)."""
    spec["components"]["schemas"]["Pet"] = {"properties": {"x": {"$ref": "#/components/schemas/Gone"}}}


@pytest.mark.parametrize(
    ("change", "generates"),
    [(_refused_then_unreadable, False), (_invalid_then_unreadable, False), (_refused_then_readable, True)],
    ids=["refused-then-unreadable", "invalid-then-unreadable", "refused-then-readable"],
)
def test_the_hint_is_given_exactly_when_warn_mode_generates(load_spec: Any, change: Any, generates: bool) -> None:
    spec = document("3.0", {"$ref": "../outside.yaml#/Thing"})  # the first error the default mode stops at
    change(spec)
    refused, diagnostics = load_spec(spec, name="api/spec.yaml", validation="error")
    assert refused is None and diagnostics.errors
    assert all(d.origin is not None and d.line is not None for d in diagnostics.errors)
    assert diagnostics.errors[-1].message.endswith(HINT) is generates, [d.format() for d in diagnostics]
    assert sum(HINT in d.message for d in diagnostics) == generates

    api, lenient = load_spec(spec, name="api/spec.yaml", validation="warn")
    assert (api is not None) is generates, [d.format() for d in lenient]
    assert not any(HINT in d.message for d in lenient)


@pytest.mark.parametrize(
    "returned_schema",
    [
        {"$ref": "../outside.yaml#/Thing"},
        {"$ref": "https://example.invalid/s.yaml#/Pet"},
        {"$ref": "#/components/schemas/Loop"},
        {"type": "Edge"},
        {"type": "#/components/schemas/Info"},
    ],
    ids=["out-of-folder", "remote", "cycle", "unknown-type", "type-as-ref"],
)
def test_validation_off_reads_past_what_warn_mode_does_with_the_same_warnings(
    load_spec: Any, returned_schema: dict[str, Any]
) -> None:
    schemas = {
        "Loop": {"$ref": "#/components/schemas/Loop2"},
        "Loop2": {"$ref": "#/components/schemas/Loop"},
        "Info": {"type": "object", "properties": {"note": {"type": "string"}}},
    }
    spec = document("3.1", returned_schema, schemas)
    warn, warned_ = load_spec(spec, name="api/spec.yaml", validation="warn")
    assert warn is not None, [d.format() for d in warned_]
    off, found = load_spec(spec, name="api/spec.yaml", validation="off")
    assert off == warn, [d.format() for d in found]
    assert loader_findings(found) == loader_findings(warned_) != []
    assert not found.errors and not any(d.code == "E020" for d in found)


# --------------------------------------------------------------------------- unknown types


def _object_property(api: Api, name: str) -> Schema:
    schema = returned(api)
    assert isinstance(schema, ObjectSchema), schema
    return next(p.schema for p in schema.properties if p.name == name)


@pytest.mark.parametrize("dialect", ["2.0", "3.0", "3.1"])
@pytest.mark.parametrize(
    ("written", "read_as", "kind"),
    [
        ("Array", "read as 'array'", ArraySchema),
        ("String", "read as 'string'", PrimitiveSchema),
        ("Integer", "read as 'integer'", PrimitiveSchema),
        ("@Info", "read as a $ref to it", RefSchema),
        ("Edge", READ_AS_ANY, AnySchema),
        ("@Missing", READ_AS_ANY, AnySchema),  # a reference written as a type that resolves nowhere
    ],
)
def test_unknown_type_is_an_error_then_read_as_what_it_means(
    load_spec: Any, dialect: str, written: str, read_as: str, kind: type
) -> None:
    type_ = DEFINITIONS[dialect] + written[1:] if written.startswith("@") else written
    info = {"type": "object", "properties": {"note": {"type": "string"}}}
    spec = document(dialect, {"type": "object", "properties": {"x": {"type": type_}}}, {"Info": info})
    where = returned_at(dialect) + "/properties/x/type"

    api, diagnostics = load_spec(spec, validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    (warning,) = warned(diagnostics, "E030")
    assert warning.origin is not None and warning.origin.pointer == where and warning.line is not None
    assert warning.message == f"unknown type {type_!r}; {read_as}"
    read = _object_property(api, "x")
    assert isinstance(read, kind), read
    if isinstance(read, RefSchema):
        assert read.name == "Info"
    assert counted(api, diagnostics).unread == (1 if kind is AnySchema else 0)

    skipped, found = load_spec(spec, validation="off")  # no validation: read past as warn mode reads past
    assert skipped == api and loader_findings(found) == loader_findings(diagnostics)

    with pytest.MonkeyPatch.context() as patch:  # the loader's own verdict in the default mode
        patch.setattr(validate, "_cached_findings", lambda *args: [])
        api, diagnostics = load_spec(spec, validation="error")
    assert api is None
    (error,) = diagnostics.errors
    assert (error.code, error.origin and error.origin.pointer) == ("E030", where)
    assert error.message == f"unknown type {type_!r} {HINT}"


def test_no_hint_when_an_error_warn_mode_cannot_read_past_is_among_them(load_spec: Any, validator_misses: None) -> None:
    spec = document("3.0", {"type": "Edge"})
    spec["paths"]["/other"] = {"get": "nope"}  # an operation that is no object: nothing to read it as
    api, diagnostics = load_spec(spec, validation="error")
    assert api is None
    assert sorted(d.code for d in diagnostics.errors) == ["E030", "E030"]
    assert not any(HINT in d.message for d in diagnostics.errors)


def test_type_list_with_an_unknown_name_is_any_value(load_spec: Any) -> None:
    spec = document("3.1", {"type": ["string", "Foo", "null"]})
    api, diagnostics = load_spec(spec, validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    assert [d.message for d in warned(diagnostics, "E030")] == [f"unknown type 'Foo'; {READ_AS_ANY}"]
    assert isinstance(returned(api), AnySchema)
    assert counted(api, diagnostics).unread == 1


@pytest.mark.parametrize("dialect", ["2.0", "3.1"])
def test_cycles_and_nested_unknown_types_end(load_spec: Any, dialect: str) -> None:
    ref = DEFINITIONS[dialect]
    schemas = {
        "Holder": {
            "type": "object",
            "properties": {
                "loop": {"$ref": ref + "Loop"},  # references only, in a cycle
                "lost": {"$ref": ref + "Lost"},  # a chain of references to a missing target
                "knot": {"$ref": ref + "Knot"},  # types written as references, in a cycle
                "self": {"$ref": ref + "Self"},
                "items": {"type": "array", "items": {"type": "Tag"}},
                "extra": {"type": "object", "additionalProperties": {"type": "Whatever"}},
                "merged": {"allOf": [{"$ref": ref + "Lost"}, {"properties": {"n": {"type": "Int"}}}]},
            },
        },
        "Loop": {"$ref": ref + "Loop2"},
        "Loop2": {"$ref": ref + "Loop"},
        "Lost": {"$ref": ref + "Lost2"},
        "Lost2": {"$ref": ref + "Gone"},
        "Knot": {"type": ref + "Knot2"},
        "Knot2": {"type": ref + "Knot"},
        "Self": {"type": ref + "Self"},
    }
    spec = document(dialect, {"$ref": ref + "Holder"}, schemas)
    api, diagnostics = load_spec(spec, validation="warn")
    assert api is not None, [d.format() for d in diagnostics]
    assert not diagnostics.errors
    assert {w.code for w in diagnostics.warnings} >= {"E010", "E012", "E030"}
    found = counted(api, diagnostics)
    assert found.free_form == 0 and found.unread > 0
    holder = api.schema("Holder")
    assert isinstance(holder, ObjectSchema)
    for name in ("loop", "lost", "knot", "self"):
        read = next(p.schema for p in holder.properties if p.name == name)
        assert isinstance(read, (AnySchema, RefSchema)), (name, read)
        if isinstance(read, RefSchema):  # a model of its own, which is any value (never a reference to itself)
            assert isinstance(api.schema(read.name), AnySchema), (name, api.schema(read.name))


# --------------------------------------------------------------------------- generated, type-checked, counted

SWAGGER2 = """\
swagger: "2.0"
info: {title: Lenient, version: "1"}
host: api.example.test
schemes: [https]
produces: [application/json]
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200": {description: ok, schema: {type: Array, items: {$ref: '#/definitions/Pet'}}}
        "503": {description: down, schema: {type: Edge}}
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, type: string}
        - {name: limit, in: query, type: Integer}
        - {$ref: '#/parameters/Gone'}
      responses:
        "200": {description: ok, schema: {$ref: '#/definitions/Missing'}}
        "404": {description: gone, schema: {$ref: '#/definitions/Alias'}}
        "500": {$ref: '#/responses/Gone'}
definitions:
  Pet:
    type: object
    properties:
      name: {type: String}
      owner: {$ref: '#/definitions/Owner'}
      info: {type: '#/definitions/Info'}
      tags: {type: array, items: {type: Tag}}
      extra: {type: object, additionalProperties: {type: Whatever}}
      combo: {$ref: '#/definitions/Combo'}
      loop: {$ref: '#/definitions/Loop'}
      knot: {$ref: '#/definitions/Knot'}
  Info: {type: object, properties: {note: {type: string}}}
  Alias: {$ref: '#/definitions/Gone'}
  Loop: {$ref: '#/definitions/Loop2'}
  Loop2: {$ref: '#/definitions/Loop'}
  Knot: {type: '#/definitions/Knot2'}
  Knot2: {type: '#/definitions/Knot'}
  Combo:
    allOf:
      - {$ref: '#/definitions/Info'}
      - {type: object, properties: {count: {type: Int}}}
      - {$ref: '#/definitions/Nope'}
"""
SWAGGER2_UNREAD = 14
"""Any value because of a finding: the 503 and missing 200 answers, Alias, Pet.owner, Pet.tags' items, Pet.extra's
values, Combo's count, Loop and Loop2 (and Pet.loop, which leads into them), Knot, Knot2, the 404 answer (Alias);
the 500 answer, left out. The parameter left out is one without a schema."""

OPENAPI31 = """\
openapi: 3.1.0
info: {title: Lenient, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: Array, items: {$ref: '#/components/schemas/Pet'}}}}
        "503":
          description: down
          content: {application/json: {schema: {type: [string, Edge]}}}
    post:
      operationId: addPet
      requestBody: {$ref: '#/components/requestBodies/Gone'}
      responses:
        "201": {description: made}
        "500": {$ref: '#/components/responses/Gone'}
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: String}}
        - {$ref: '#/components/parameters/Gone'}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Missing'}}}
        "404":
          description: gone
          content: {application/json: {schema: {$ref: '../outside.yaml#/Thing'}}}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: String}
        owner: {$ref: '#/components/schemas/Owner', description: Who keeps the pet}
        info: {type: '#/components/schemas/Info'}
        remote: {$ref: 'https://example.invalid/schemas.yaml#/Pet'}
        anchored: {$ref: '/components/schemas/petdetails#pet_details_id'}
        tags: {type: array, items: {type: [Tag, "null"]}}
        extra: {type: object, additionalProperties: {type: Whatever}}
        combo: {allOf: [{$ref: '#/components/schemas/Info'}, {type: object, properties: {count: {type: Int}}}]}
    Info: {type: object, properties: {note: {type: string}}}
"""
OPENAPI31_UNREAD = 10
"""The 503 answer, the missing 200 answer, the 404 answer out of the folder, Pet.owner, Pet.remote, Pet.anchored,
Pet.tags' items, Pet.extra's values, combo's count; the 500 answer, left out. The parameter and the request body
left out are one without a schema each."""

LOCATED = re.compile(r"^\S+#/\S*:\d+: (error|warning)\[[EW]\d{3}\]: \S")
GENERATE_LINE = re.compile(r"^\w+: \d+ operations, \d+ schemas \(\d+ counting inline ones\), (?P<notes>.*) -> ")


def _has_typescript() -> bool:
    return shutil.which("node") is not None and (harness.ROOT / "node_modules/.bin/tsc").exists()


def _type_check(style: str, out: Path, name: str) -> harness.Outcome:
    if style == "python":
        cache = ["--cache-dir", str(out.parent / ".mypy")]
        return harness.run_bounded([sys.executable, "-m", "mypy", "--strict", *cache, name], cwd=out, timeout=300)
    (out / "node_modules").symlink_to(harness.ROOT / "node_modules", target_is_directory=True)
    tsc = str(harness.ROOT / "node_modules/.bin/tsc")
    return harness.run_bounded([tsc, "--strict", "--noEmit", "-p", str(out)], cwd=out, timeout=300)


@pytest.mark.parametrize("style", harness.STYLES)
@pytest.mark.parametrize(
    ("text", "unread"), [(SWAGGER2, SWAGGER2_UNREAD), (OPENAPI31, OPENAPI31_UNREAD)], ids=["swagger2", "openapi31"]
)
def test_document_with_every_case_generates_in_warn_mode_only(
    tmp_path: Path, style: str, text: str, unread: int
) -> None:
    if style == "typescript" and not _has_typescript():
        pytest.skip("TypeScript is not installed")
    (tmp_path / "outside.yaml").write_text("Thing: {type: 5}\n")
    spec = tmp_path / "api" / "lenient.yaml"
    spec.parent.mkdir()
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = ["generate", "--spec", str(spec), "--name", "lenient", "--out", str(out), "--style", style]

    refused = harness.generator(*args)
    refused.check_bounds()
    assert refused.returncode == 2, refused.stderr[-3000:]
    errors = [line for line in refused.stderr.splitlines() if "error[" in line]
    assert errors and all(LOCATED.match(line) for line in errors), refused.stderr[-3000:]
    assert errors[-1].endswith(HINT), errors[-1]
    assert "Traceback" not in refused.stderr and not out.exists()

    generated = harness.generator(*args, "--validation", "warn")
    generated.check_bounds()
    assert generated.returncode == 0, generated.stderr[-3000:]
    assert "Traceback" not in generated.stderr and "error[" not in generated.stderr
    warnings = [line for line in generated.stderr.splitlines() if "warning[" in line]
    assert warnings and all(LOCATED.match(line) for line in warnings), generated.stderr[-3000:]
    assert not any(line.split("#", 1)[0].endswith("outside.yaml") for line in warnings)  # the file was never read
    line = next(m for m in map(GENERATE_LINE.match, generated.stdout.splitlines()) if m)
    assert f"{unread} of " in line["notes"] and "schemas unreadable (typed as any)" in line["notes"], line[0]
    assert "free-form" not in line["notes"], line[0]
    assert "1 parameters without a schema" in line["notes"], line[0]
    assert ("1 bodies without a schema" in line["notes"]) is (text is OPENAPI31), line[0]
    if text is OPENAPI31:  # what is written beside a reference to nothing reaches the client
        assert any("Who keeps the pet" in f.read_text() for f in out.rglob("*") if f.suffix in (".py", ".ts")), out

    checked = _type_check(style, out, "lenient")
    assert checked.returncode == 0, (checked.stdout + checked.stderr)[-5000:]


SELF_REFERENCE = """\
openapi: 3.1.0
info: {title: Loop, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      parameters: [{$ref: '#/components/parameters/P'}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}
components:
  schemas:
    A: {$ref: '#/components/schemas/A'}
  parameters:
    P: {$ref: '#/components/parameters/P'}
"""

REFUSED_THEN_UNREADABLE = """\
openapi: 3.0.3
info: {title: Late, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '../outside.yaml#/Thing'}}}}
  /b:
    get: nope
"""


@pytest.mark.parametrize("mode", ["warn", "off"])
def test_references_to_themselves_are_read_past_alike_without_validation(tmp_path: Path, mode: str) -> None:
    spec = tmp_path / "loop.yaml"
    spec.write_text(SELF_REFERENCE, encoding="utf-8")
    read = harness.generator("ir", "--spec", str(spec), "--validation", mode)
    read.check_bounds()
    assert read.returncode == 0 and "Traceback" not in read.stderr, read.stderr[-3000:]
    loader = [line for line in read.stderr.splitlines() if "warning[E012]" in line]
    assert len(loader) == 2 and all(LOCATED.match(line) for line in loader), read.stderr[-3000:]
    assert loader[0].endswith(f"leads back to itself; {SKIPPED_PARAMETER}"), loader


def test_a_refusal_before_an_unreadable_node_does_not_promise_warn_mode(tmp_path: Path) -> None:
    spec = tmp_path / "api" / "late.yaml"
    spec.parent.mkdir()
    spec.write_text(REFUSED_THEN_UNREADABLE, encoding="utf-8")
    (tmp_path / "outside.yaml").write_text("Thing: {type: string}\n", encoding="utf-8")
    refused = harness.generator("ir", "--spec", str(spec))
    refused.check_bounds()
    assert refused.returncode == 2 and "Traceback" not in refused.stderr, refused.stderr[-3000:]
    errors = [line for line in refused.stderr.splitlines() if "error[" in line]
    assert len(errors) == 1 and "error[E011]" in errors[0] and LOCATED.match(errors[0]), refused.stderr[-3000:]
    assert HINT not in refused.stderr
    lenient = harness.generator("ir", "--spec", str(spec), "--validation", "warn")
    lenient.check_bounds()
    assert lenient.returncode == 2 and "error[E030]" in lenient.stderr, lenient.stderr[-3000:]


# --------------------------------------------------------------------------- the real documents

CORPUS = harness.ROOT.parent / "shared" / "corpus"
REAL_DOCUMENTS = [
    "swagger2-wide/azure-compute-rm-fixture.json",  # $refs to definitions the document does not have
    "swagger2-wide/square-connect.json",
    "swagger2-wide/temporal-openapiv2.json",
    "swagger2-wide/flagr-multifile/index.yaml",  # fragments referring to the root's definitions as their own
    "swagger2/getty-images-apievangelist.yaml",  # #/definitions/... in a document without definitions
    "oas31/swagger-petstore-v31-design-first.yaml",  # a $ref by $id, which leaves the folder as a path
    "swagger2-wide/1panel.yaml",  # type: Array
    "swagger2-wide/portainer.yaml",  # type: Edge
    "swagger2-wide/azure-iotedge-management-2022-08-03.yaml",  # type: '#/definitions/Provisioning'
]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
@pytest.mark.parametrize("name", REAL_DOCUMENTS)
def test_real_document_generates_in_warn_mode(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    args = ["--name", "real", "--out", str(out), "--style", "python", "--validation", "warn"]
    generated = harness.generator("generate", "--spec", str(CORPUS / name), *args)
    generated.check_bounds()
    assert "Traceback" not in generated.stderr and "internal error" not in generated.stderr
    assert generated.returncode == 0, generated.stderr[-3000:]
    assert (out / "real" / "__init__.py").is_file()


# --------------------------------------------------------------------------- the sweep's verdict of the default mode


@pytest.mark.parametrize(("code", "refused"), [("E010", True), ("E030", True), ("E020", True), ("W005", False)])
def test_sweep_reads_a_finding_read_past_as_the_default_modes_refusal(code: str, refused: bool) -> None:
    if str(harness.ROOT) not in sys.path:
        sys.path.insert(0, str(harness.ROOT))
    from sweep.child import Finished
    from sweep.generate import read_outcome

    stderr = f"spec.yaml#/definitions/A/properties/b/$ref:7: warning[{code}]: $ref '#/definitions/C' not found\n"
    done = Finished(returncode=0, stdout="", stderr=stderr, seconds=1.0, peak_rss=0, timed_out=False)
    assert read_outcome(done)["default_valid"] is (not refused)
