"""The OpenAPI 3.0 / 3.1 loader: references, parameters, operation ids, skipped parts, links and extensions."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import (
    Api,
    JobStatus,
    Link,
    ObjectSchema,
    Operation,
    Pagination,
    PresignedDownload,
    PrimitiveSchema,
    RedirectDownload,
    RefSchema,
)

OK = {"200": {"description": "ok"}}


def openapi(paths: dict[str, Any], version: str = "3.0.3", **top: Any) -> dict[str, Any]:
    return {"openapi": version, "info": {"title": "T", "version": "1"}, **top, "paths": paths}


def returning(schema: dict[str, Any], **op: Any) -> dict[str, Any]:
    """Paths with one GET /thing whose 200 response is JSON of ``schema``."""
    response = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return {"/thing": {"get": {"operationId": "getThing", "responses": {"200": response}, **op}}}


def loaded(result: tuple[Api | None, Diagnostics]) -> tuple[Api, Diagnostics]:
    api, diagnostics = result
    assert api is not None, [d.format() for d in diagnostics]
    return api, diagnostics


def response_schema(op: Operation) -> Any:
    return op.responses[0].contents[0].schema


# --------------------------------------------------------------------------- $ref


def test_local_ref_to_a_component_is_a_named_model(load_spec: Any) -> None:
    spec = openapi(
        returning({"$ref": "#/components/schemas/Pet"}),
        components={"schemas": {"Pet": {"type": "object", "properties": {"id": {"type": "integer"}}}}},
    )
    api, diagnostics = loaded(load_spec(spec, validation="error"))
    assert list(diagnostics) == []
    assert response_schema(api.operations[0]) == RefSchema(name="Pet", origin=api.origin)
    assert [n.name for n in api.models] == ["Pet"]


def test_ref_to_a_file_beside_the_spec_and_in_a_sub_folder(load_spec: Any) -> None:
    spec = openapi(
        {
            **returning({"$ref": "pet.yaml"}),
            "/owner": {
                "get": {
                    "operationId": "getOwner",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "models/owner.yaml#/Owner"}}},
                        }
                    },
                }
            },
        }
    )
    extra = {
        "pet.yaml": {"type": "object", "properties": {"owner": {"$ref": "models/owner.yaml#/Owner"}}},
        "models/owner.yaml": {
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}, "pet": {"$ref": "../pet.yaml"}}}
        },
    }
    api, diagnostics = loaded(load_spec(spec, extra=extra, validation="error"))
    assert diagnostics.errors == []
    thing = response_schema(api.operation("getThing"))
    assert isinstance(thing, RefSchema) and thing.name == "pet"  # a whole file is named after it
    pet = api.schema("pet")
    assert isinstance(pet, ObjectSchema) and pet.origin.file.endswith("pet.yaml") and pet.origin.pointer == ""
    owner = pet.properties[0].schema  # an object inside another file is inlined
    assert isinstance(owner, ObjectSchema)
    assert owner.origin.file.endswith("models/owner.yaml") and owner.origin.pointer == "/Owner"
    assert [p.name for p in owner.properties] == ["name", "pet"]
    assert owner.properties[1].schema == RefSchema(name="pet", origin=owner.origin)
    assert response_schema(api.operation("getOwner")) == owner


def test_ref_leaving_the_spec_folder_is_e011_at_the_ref(load_spec: Any, tmp_path: Path) -> None:
    # an invalid schema: had the validator followed the $ref, it would report E020 instead
    (tmp_path / "outside.yaml").write_text("Thing: {type: 5}\n")
    spec = openapi(returning({"$ref": "../outside.yaml#/Thing"}))
    api, diagnostics = load_spec(spec, name="api/spec.yaml", validation="error")
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E011"
    assert "leaves the spec's folder" in error.message
    assert error.origin is not None
    assert error.origin.file.endswith("api/spec.yaml")
    assert error.origin.pointer == "/paths/~1thing/get/responses/200/content/application~1json/schema/$ref"
    assert error.line is not None
    assert "#/paths/~1thing/get/responses/200/content/application~1json/schema/$ref:" in error.format()


def test_ref_leaving_the_folder_from_a_referenced_file_is_e011(load_spec: Any, tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("Thing: {type: string}\n")
    spec = openapi(returning({"$ref": "models/pet.yaml"}))
    extra = {"api/models/pet.yaml": {"type": "object", "properties": {"x": {"$ref": "../../secret.yaml#/Thing"}}}}
    api, diagnostics = load_spec(spec, name="api/spec.yaml", extra=extra, validation="error")
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E011"
    assert error.origin is not None
    assert error.origin.file.endswith("api/models/pet.yaml")
    assert error.origin.pointer == "/properties/x/$ref"
    assert error.line == 4  # type / properties / x / $ref
    assert error.format().endswith(
        "pet.yaml#/properties/x/$ref:4: error[E011]: $ref leaves the spec's folder: '../../secret.yaml#/Thing'"
        " (--validation warn generates anyway)"
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_leaving_the_folder_is_e011(load_spec: Any, tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("type: string\n")
    (tmp_path / "api").mkdir()
    try:
        (tmp_path / "api" / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    except OSError:
        pytest.skip("cannot create symlinks here")
    api, diagnostics = load_spec(openapi(returning({"$ref": "link.yaml"})), name="api/spec.yaml", validation="error")
    assert api is None
    assert [d.code for d in diagnostics.errors] == ["E011"]


@pytest.mark.parametrize("ref", ["https://example.invalid/schemas.yaml#/Pet", "//example.invalid/pet.yaml"])
@pytest.mark.parametrize("validation", ["error", "off"])
def test_remote_ref_is_e011_and_never_fetched(
    load_spec: Any, monkeypatch: pytest.MonkeyPatch, ref: str, validation: str
) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    api, diagnostics = load_spec(openapi(returning({"$ref": ref})), validation=validation)
    assert (api is None) is (validation == "error")  # `off` reads past it, as warn mode does
    (error,) = [d for d in diagnostics if d.code == "E011"]
    assert error.severity == ("error" if validation == "error" else "warning")
    assert "remote $ref" in error.message
    assert error.origin is not None and error.origin.pointer.endswith("/schema/$ref")
    assert attempts == []


@pytest.mark.parametrize(
    ("ref", "extra", "words"),
    [
        ("#/components/schemas/Missing", {}, "not found"),
        ("models.yaml#/Missing", {"models.yaml": {"Present": {"type": "string"}}}, "not found"),
        ("nowhere.yaml#/Pet", {}, "nowhere.yaml"),
    ],
)
def test_missing_ref_target_is_e010_at_the_ref(load_spec: Any, ref: str, extra: dict[str, Any], words: str) -> None:
    api, diagnostics = load_spec(openapi(returning({"$ref": ref})), extra=extra)
    assert api is not None  # validation off reads past it, as warn mode does
    (error,) = [d for d in diagnostics if d.code == "E010"]
    assert error.severity == "warning"
    assert words in error.message
    assert error.origin is not None and error.origin.file.endswith("spec.yaml")
    assert error.origin.pointer == "/paths/~1thing/get/responses/200/content/application~1json/schema/$ref"
    assert error.line is not None


def test_broken_referenced_file_is_reported_at_the_ref_naming_the_file(load_spec: Any) -> None:
    api, diagnostics = load_spec(openapi(returning({"$ref": "bad.yaml"})), extra={"bad.yaml": "a: [\n"})
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E002"
    assert "bad.yaml" in error.message
    assert error.origin is not None and error.origin.pointer.endswith("/schema/$ref")


def test_ref_cycle_without_a_schema_is_e012(load_spec: Any) -> None:
    spec = openapi(
        {"/a": {"get": {"parameters": [{"$ref": "#/components/parameters/A"}], "responses": OK}}},
        components={
            "parameters": {"A": {"$ref": "#/components/parameters/B"}, "B": {"$ref": "#/components/parameters/A"}}
        },
    )
    api, diagnostics = load_spec(spec)
    assert api is not None and api.operations[0].parameters == ()  # validation off reads past it, as warn mode does
    assert [(d.severity, d.code) for d in diagnostics] == [("warning", "E012")]
    assert all(d.origin is not None for d in diagnostics)


# --------------------------------------------------------------------------- parameters and operation ids


def test_path_level_parameters_are_merged_and_overridden_by_the_operation(load_spec: Any) -> None:
    spec = openapi(
        {
            "/pets/{petId}": {
                "parameters": [
                    {"in": "path", "name": "petId", "required": True, "schema": {"type": "string"}},
                    {"in": "query", "name": "fields", "schema": {"type": "string"}, "description": "path level"},
                    {"in": "header", "name": "X-Trace", "schema": {"type": "string"}},
                ],
                "get": {
                    "operationId": "getPet",
                    "parameters": [
                        {"in": "query", "name": "fields", "required": True, "schema": {"type": "integer"}},
                        {"in": "header", "name": "x-trace", "schema": {"type": "boolean"}},
                    ],
                    "responses": OK,
                },
                "delete": {"operationId": "deletePet", "responses": OK},
            }
        }
    )
    api, diagnostics = loaded(load_spec(spec, validation="error"))
    assert list(diagnostics) == []
    get = {(p.location, p.name.lower()): p for p in api.operation("getPet").parameters}
    assert set(get) == {("path", "petid"), ("query", "fields"), ("header", "x-trace")}
    fields = get[("query", "fields")]
    assert fields.required and isinstance(fields.schema, PrimitiveSchema) and fields.schema.kind == "integer"
    assert fields.origin.pointer == "/paths/~1pets~1{petId}/get/parameters/0"
    trace = get[("header", "x-trace")]
    assert isinstance(trace.schema, PrimitiveSchema) and trace.schema.kind == "boolean"  # header names ignore case
    delete = {p.name: p for p in api.operation("deletePet").parameters}
    assert delete["fields"].description == "path level" and not delete["fields"].required
    assert delete["petId"].origin.pointer == "/paths/~1pets~1{petId}/parameters/0"
    assert (delete["petId"].style, delete["petId"].explode) == ("simple", False)


def test_missing_operation_id_is_synthesized(load_spec: Any) -> None:
    spec = openapi(
        {
            "/pets/{petId}/photos": {
                "parameters": [{"in": "path", "name": "petId", "required": True, "schema": {"type": "string"}}],
                "get": {"responses": OK},
                "post": {"operationId": "  ", "responses": OK},
            },
            "/": {"get": {"responses": OK}},
        }
    )
    api, _ = loaded(load_spec(spec))
    assert [op.operation_id for op in api.operations] == ["get_pets_petId_photos", "post_pets_petId_photos", "get"]


def test_duplicate_operation_ids_are_renamed_with_w003(load_spec: Any) -> None:
    spec = openapi(
        {
            "/a": {"get": {"operationId": "fetch", "responses": OK}},
            "/b": {"get": {"operationId": "fetch", "responses": OK}},
            "/c": {"get": {"operationId": "fetch", "responses": OK}},
        }
    )
    api, diagnostics = loaded(load_spec(spec))
    assert [op.operation_id for op in api.operations] == ["fetch", "fetch_2", "fetch_3"]
    warnings = [d for d in diagnostics if d.code == "W003"]
    assert len(warnings) == 2 and all(d.severity == "warning" for d in warnings)
    assert warnings[0].origin is not None and warnings[0].origin.pointer == "/paths/~1b/get"
    assert "#/paths/~1a/get" in warnings[0].message and "'fetch_2'" in warnings[0].message


def test_callbacks_and_webhooks_are_skipped_with_w001(load_spec: Any) -> None:
    callback = {"{$request.body#/url}": {"post": {"responses": OK}}}
    spec = openapi(
        {"/subscribe": {"post": {"operationId": "subscribe", "callbacks": {"done": callback}, "responses": OK}}},
        version="3.1.0",
        webhooks={"newPet": {"post": {"responses": OK}}},
    )
    api, diagnostics = loaded(load_spec(spec, validation="error"))
    assert [op.operation_id for op in api.operations] == ["subscribe"]
    skipped = sorted((d.code, d.severity, d.origin.pointer if d.origin else None) for d in diagnostics)
    assert skipped == [
        ("W001", "warning", "/paths/~1subscribe/post/callbacks"),
        ("W001", "warning", "/webhooks"),
    ]


def test_links_are_read(load_spec: Any) -> None:
    spec = openapi(
        {
            "/users": {
                "post": {
                    "operationId": "createUser",
                    "responses": {
                        "201": {
                            "description": "created",
                            "links": {
                                "GetUser": {
                                    "operationId": "getUser",
                                    "parameters": {"userId": "$response.body#/id", "verbose": True},
                                    "description": "the new user",
                                },
                                "ByRef": {"operationRef": "#/paths/~1users~1{userId}/get"},
                            },
                        }
                    },
                }
            },
            "/users/{userId}": {
                "get": {
                    "operationId": "getUser",
                    "parameters": [{"in": "path", "name": "userId", "required": True, "schema": {"type": "string"}}],
                    "responses": OK,
                }
            },
        }
    )
    api, diagnostics = loaded(load_spec(spec, validation="error"))
    (link,) = api.operation("createUser").responses[0].links
    assert link == Link(
        name="GetUser",
        operation_id="getUser",
        parameters=(("userId", "$response.body#/id"), ("verbose", "true")),
        description="the new user",
        origin=link.origin,
    )
    assert link.origin.pointer == "/paths/~1users/post/responses/201/links/GetUser"
    (skipped,) = diagnostics
    assert skipped.code == "W001" and "operationRef" in skipped.message
    assert api.operation("createUser").behaviours == ()  # an ordinary link is not a job


# --------------------------------------------------------------------------- extensions


def _download_spec() -> dict[str, Any]:
    body = {
        "type": "object",
        "properties": {
            "url": {"type": "string"},
            "head": {"type": "string"},
            "expires": {"type": "string", "format": "date-time"},
            "items": {"type": "array", "items": {"type": "string"}},
            "total": {"type": "integer"},
            "state": {"type": "string"},
        },
    }
    json_body = {"application/json": {"schema": body}}
    query = [
        {"in": "query", "name": name, "schema": {"type": t}}
        for name, t in (("page", "integer"), ("size", "integer"), ("redirect", "boolean"))
    ]
    return openapi(
        {
            "/files": {
                "get": {
                    "operationId": "listFiles",
                    "parameters": query,
                    "x-pagination": {
                        "style": "page",
                        "page-parameter": "page",
                        "size-parameter": "size",
                        "items": "items",
                        "total": "total",
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": json_body,
                            "x-presigned-url": {
                                "url": "url",
                                "head-url": "head",
                                "expires": "expires",
                                "expires-format": "date-time",
                            },
                            "x-job-status": {
                                "status": "state",
                                "succeeded": ["done"],
                                "failed": ["error", None],
                                "result-url": "url",
                            },
                        },
                        "303": {
                            "description": "see other",
                            "headers": {"Location": {"schema": {"type": "string"}}},
                            "x-redirect-trigger": {"parameter": "redirect", "value": True},
                        },
                    },
                }
            }
        }
    )


def test_download_extensions_are_parsed(load_spec: Any) -> None:
    api, diagnostics = loaded(load_spec(_download_spec(), passes=False, validation="error"))
    assert list(diagnostics) == []
    by_kind = {type(b).__name__: b for b in api.operations[0].behaviours}
    assert set(by_kind) == {"Pagination", "PresignedDownload", "JobStatus", "RedirectDownload"}
    page = by_kind["Pagination"]
    assert page == Pagination(
        style="page",
        page_parameter="page",
        size_parameter="size",
        items_field="items",
        total_field="total",
        first_page=1,
        origin=page.origin,
    )
    assert page.origin.pointer == "/paths/~1files/get/x-pagination"
    presigned = by_kind["PresignedDownload"]
    assert presigned == PresignedDownload(
        status="200",
        url_field="url",
        head_url_field="head",
        expires_field="expires",
        expires_format="date-time",
        origin=presigned.origin,
    )
    job = by_kind["JobStatus"]
    assert job == JobStatus(
        status="200",
        status_field="state",
        succeeded=("done",),
        failed=("error", None),
        result_url_field="url",
        origin=job.origin,
    )
    redirect = by_kind["RedirectDownload"]
    assert redirect == RedirectDownload(
        status="303", trigger_parameter="redirect", trigger_value_json="true", origin=redirect.origin
    )
    assert redirect.origin.pointer == "/paths/~1files/get/responses/303/x-redirect-trigger"


def test_offset_pagination_starts_at_zero(load_spec: Any) -> None:
    spec = _download_spec()
    spec["paths"]["/files"]["get"]["x-pagination"] = {"style": "offset", "page-parameter": "page", "items": "items"}
    api, _ = loaded(load_spec(spec))
    (page,) = [b for b in api.operations[0].behaviours if isinstance(b, Pagination)]
    assert (page.style, page.first_page, page.size_parameter, page.total_field) == ("offset", 0, None, None)


def _set(spec: dict[str, Any], where: str, value: Any) -> None:
    op = spec["paths"]["/files"]["get"]
    if where == "x-pagination":
        op[where] = value
    elif where == "x-redirect-trigger":
        op["responses"]["303"][where] = value
    else:
        op["responses"]["200"][where] = value


@pytest.mark.parametrize(
    ("where", "value", "pointer"),
    [
        ("x-presigned-url", {"url": "url", "expire": "expires"}, "/expire"),
        ("x-presigned-url", {"head-url": "head"}, ""),
        ("x-presigned-url", {"url": "url", "expires-format": "iso"}, "/expires-format"),
        ("x-presigned-url", {"url": 5}, "/url"),
        ("x-presigned-url", "url", ""),
        ("x-pagination", {"style": "scroll", "page-parameter": "page", "items": "items"}, "/style"),
        (
            "x-pagination",
            {"style": "page", "page-parameter": "page", "items": "items", "first-page": -1},
            "/first-page",
        ),
        ("x-pagination", {"style": "page", "items": "items"}, ""),
        ("x-job-status", {"status": "state", "succeeded": []}, "/succeeded"),
        ("x-job-status", {"status": "state", "succeeded": [{"a": 1}]}, "/succeeded"),
        ("x-redirect-trigger", {"parameter": "redirect"}, ""),
        ("x-redirect-trigger", {"parameter": "redirect", "value": [True]}, "/value"),
    ],
)
def test_malformed_extensions_are_located_e070(load_spec: Any, where: str, value: Any, pointer: str) -> None:
    spec = _download_spec()
    _set(spec, where, value)
    api, diagnostics = load_spec(spec)
    assert api is None
    errors = diagnostics.errors
    assert errors and {d.code for d in errors} == {"E070"}
    base = {
        "x-pagination": "/paths/~1files/get/x-pagination",
        "x-redirect-trigger": "/paths/~1files/get/responses/303/x-redirect-trigger",
    }.get(where, f"/paths/~1files/get/responses/200/{where}")
    assert errors[0].origin is not None and errors[0].origin.pointer == base + pointer
    assert errors[0].line is not None


def test_redirect_trigger_on_a_success_response_is_e070(load_spec: Any) -> None:
    spec = _download_spec()
    spec["paths"]["/files"]["get"]["responses"]["200"]["x-redirect-trigger"] = {"parameter": "redirect", "value": 1}
    api, diagnostics = load_spec(spec)
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E070" and "3xx" in error.message


@pytest.mark.parametrize(
    ("where", "value", "words"),
    [
        ("x-presigned-url", {"url": "link"}, "'link'"),
        ("x-presigned-url", {"url": "url", "expires": "valid_until"}, "'valid_until'"),
        ("x-job-status", {"status": "phase", "succeeded": ["done"]}, "'phase'"),
        ("x-job-status", {"status": "state", "succeeded": ["done"], "result-url": "result"}, "'result'"),
        ("x-pagination", {"style": "page", "page-parameter": "page", "items": "results"}, "'results'"),
        ("x-pagination", {"style": "page", "page-parameter": "page", "items": "items", "total": "count"}, "'count'"),
        ("x-pagination", {"style": "page", "page-parameter": "p", "items": "items"}, "'p'"),
        (
            "x-pagination",
            {"style": "page", "page-parameter": "page", "size-parameter": "limit", "items": "items"},
            "'limit'",
        ),
        ("x-redirect-trigger", {"parameter": "download", "value": True}, "'download'"),
    ],
)
def test_behaviour_naming_a_field_or_parameter_that_does_not_exist_is_e070(
    load_spec: Any, where: str, value: Any, words: str
) -> None:
    spec = _download_spec()
    _set(spec, where, value)
    raw, _ = load_spec(spec, passes=False)
    assert raw is not None  # well-formed: the loader accepts it, the pass checks it against the operation
    api, diagnostics = load_spec(spec)
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E070" and words in error.message
    assert error.origin is not None and where in error.origin.pointer


def test_behaviour_needing_a_json_body_without_one_is_e070(load_spec: Any) -> None:
    spec = openapi(
        {
            "/file": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
                            "x-presigned-url": {"url": "url"},
                        }
                    }
                }
            }
        }
    )
    api, diagnostics = load_spec(spec)
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E070" and "JSON object" in error.message


def test_extension_on_a_referenced_response_and_beside_the_ref(load_spec: Any) -> None:
    body = {"application/json": {"schema": {"type": "object", "properties": {"url": {"type": "string"}}}}}
    spec = openapi(
        {
            "/a": {"get": {"operationId": "a", "responses": {"200": {"$ref": "#/components/responses/Link"}}}},
            "/b": {
                "get": {
                    "operationId": "b",
                    "responses": {"200": {"$ref": "#/components/responses/Plain", "x-presigned-url": {"url": "url"}}},
                }
            },
        },
        version="3.1.0",
        components={
            "responses": {
                "Link": {"description": "ok", "content": body, "x-presigned-url": {"url": "url"}},
                "Plain": {"description": "ok", "content": body},
            }
        },
    )
    api, _ = loaded(load_spec(spec))
    for op_id in ("a", "b"):
        assert [type(b).__name__ for b in api.operation(op_id).behaviours] == ["PresignedDownload"]


def _basic_spec(names: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "components": {"securitySchemes": {"basic": {"type": "http", "scheme": "basic", "x-credential-names": names}}},
        "paths": {},
    }


def test_credential_names_come_from_the_extension(load_spec: Any) -> None:
    api, diagnostics = load_spec(_basic_spec(["api_key", "api_secret"]))
    assert api is not None, [d.format() for d in diagnostics]
    assert api.security_schemes[0].credential_names == ("api_key", "api_secret")


def test_credential_names_of_the_wrong_count_are_a_located_error(load_spec: Any) -> None:
    api, diagnostics = load_spec(_basic_spec(["only_one"]))
    assert api is None
    [error] = diagnostics.errors
    assert error.code == "E070" and error.origin is not None
    assert error.origin.pointer == "/components/securitySchemes/basic/x-credential-names"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("/^\\+(?:[0-9]-?){6,14}[0-9]$/", "^\\+(?:[0-9]-?){6,14}[0-9]$"),
        ("/^[a-z]+/i", "^[a-z]+"),
        ("/(?=.*[a-z])/", "/(?=.*[a-z])/"),  # no anchor inside: it can match as written, so it stays
        ("^/files/.*$", "^/files/.*$"),
    ],
)
def test_a_pattern_written_as_a_javascript_literal_is_read_without_slashes(
    load_spec: Any, written: str, read: str
) -> None:
    body = {"type": "object", "properties": {"phone": {"type": "string", "pattern": written}}}
    spec = openapi({"/a": {"get": {"operationId": "fetch", "responses": OK}}})
    spec["components"] = {"schemas": {"Person": body}}
    api, diagnostics = loaded(load_spec(spec))
    person = next(s for s in api.schemas if s.name == "Person").schema
    assert isinstance(person, ObjectSchema)
    phone = person.properties[0].schema
    assert isinstance(phone, PrimitiveSchema) and phone.constraints.pattern == read
    warned = [d for d in diagnostics if d.code == "W005" and "JavaScript" in d.message]
    assert len(warned) == (written != read)
    if warned:
        assert warned[0].origin is not None
        assert warned[0].origin.pointer == "/components/schemas/Person/properties/phone/pattern"
