"""The Swagger 2.0 loader: what 2.0 says differently from OpenAPI 3, and where it lands in the IR."""

from __future__ import annotations

from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import (
    AnySchema,
    Api,
    ArraySchema,
    ObjectSchema,
    Operation,
    PrimitiveSchema,
    RefSchema,
    SecurityRequirement,
    StreamedDownload,
)

OK = {"200": {"description": "ok"}}


def swagger(paths: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"swagger": "2.0", "info": {"title": "T", "version": "1"}, **top, "paths": paths}


def loaded(result: tuple[Api | None, Diagnostics]) -> tuple[Api, Diagnostics]:
    api, diagnostics = result
    assert api is not None, [d.format() for d in diagnostics]
    return api, diagnostics


def only_op(api: Api) -> Operation:
    assert len(api.operations) == 1
    return api.operations[0]


def req(*schemes: str) -> SecurityRequirement:
    return SecurityRequirement(schemes=tuple((s, ()) for s in schemes))


# --------------------------------------------------------------------------- servers


def test_host_base_path_and_schemes_become_servers_https_first(load_spec: Any) -> None:
    spec = swagger({}, host="api.example.com", basePath="/v1/", schemes=["http", "https"])
    api, _ = loaded(load_spec(spec))
    assert [s.url for s in api.servers] == ["https://api.example.com/v1", "http://api.example.com/v1"]
    assert api.servers[0].origin.pointer == "/host"


def test_host_without_schemes_is_https(load_spec: Any) -> None:
    api, _ = loaded(load_spec(swagger({}, host="api.example.com", basePath="v2")))
    assert [s.url for s in api.servers] == ["https://api.example.com/v2"]


@pytest.mark.parametrize(("top", "url"), [({"basePath": "/api/"}, "/api"), ({}, "/")])
def test_no_host_gives_a_relative_server(load_spec: Any, top: dict[str, Any], url: str) -> None:
    api, _ = loaded(load_spec(swagger({}, **top)))
    assert [s.url for s in api.servers] == [url]


# --------------------------------------------------------------------------- media types and bodies


def _pets_spec() -> dict[str, Any]:
    pet = {"type": "object", "properties": {"name": {"type": "string"}}}
    body = {
        "in": "body",
        "name": "pet",
        "required": True,
        "description": "the pet",
        "schema": {"$ref": "#/definitions/Pet"},
    }
    response = {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}
    return swagger(
        {
            "/pets": {
                "post": {"operationId": "create", "parameters": [body], "responses": response},
                "put": {
                    "operationId": "replace",
                    "consumes": ["application/merge-patch+json"],
                    "produces": ["text/csv"],
                    "parameters": [body],
                    "responses": response,
                },
            }
        },
        consumes=["application/json", "application/xml"],
        produces=["application/json", "application/xml"],
        definitions={"Pet": pet},
    )


def test_global_consumes_and_produces_become_media_types(load_spec: Any) -> None:
    api, _ = loaded(load_spec(_pets_spec()))
    op = api.operation("create")
    assert op.request_body is not None
    assert [c.media_type for c in op.request_body.contents] == ["application/json", "application/xml"]
    assert [c.media_type for c in op.responses[0].contents] == ["application/json", "application/xml"]
    assert all(c.schema == RefSchema(name="Pet", origin=c.origin) for c in op.responses[0].contents)


def test_operation_consumes_and_produces_override_the_global_ones(load_spec: Any) -> None:
    api, _ = loaded(load_spec(_pets_spec()))
    op = api.operation("replace")
    assert op.request_body is not None
    assert [c.media_type for c in op.request_body.contents] == ["application/merge-patch+json"]
    assert [c.media_type for c in op.responses[0].contents] == ["text/csv"]


def test_media_types_default_to_json(load_spec: Any) -> None:
    spec = swagger(
        {
            "/a": {
                "post": {
                    "parameters": [{"in": "body", "name": "b", "schema": {"type": "object"}}],
                    "responses": {"200": {"description": "ok", "schema": {"type": "string"}}},
                }
            }
        }
    )
    op = only_op(loaded(load_spec(spec))[0])
    assert op.request_body is not None
    assert [c.media_type for c in op.request_body.contents] == ["application/json"]
    assert [c.media_type for c in op.responses[0].contents] == ["application/json"]


def test_body_parameter_becomes_the_request_body(load_spec: Any) -> None:
    api, _ = loaded(load_spec(_pets_spec()))
    op = api.operation("create")
    assert op.parameters == ()  # the body is not a parameter
    body = op.request_body
    assert body is not None
    assert body.required is True
    assert body.description == "the pet"
    assert {c.schema for c in body.contents} == {RefSchema(name="Pet", origin=body.origin)}
    assert body.origin.pointer == "/paths/~1pets/post/parameters/0"
    assert [n.name for n in api.schemas] == ["Pet"]


def _form(params: list[dict[str, Any]], **op: Any) -> dict[str, Any]:
    return swagger({"/upload": {"post": {"operationId": "upload", "parameters": params, "responses": OK, **op}}})


def test_form_data_becomes_an_urlencoded_body(load_spec: Any) -> None:
    params = [
        {"in": "formData", "name": "name", "type": "string", "required": True},
        {"in": "formData", "name": "age", "type": "integer"},
    ]
    op = only_op(loaded(load_spec(_form(params, consumes=["application/x-www-form-urlencoded"])))[0])
    assert op.parameters == ()
    assert op.request_body is not None
    (content,) = op.request_body.contents
    assert content.media_type == "application/x-www-form-urlencoded"
    assert isinstance(content.schema, ObjectSchema)
    props = {p.name: p for p in content.schema.properties}
    assert list(props) == ["name", "age"]
    assert props["name"].required and not props["age"].required
    assert isinstance(props["age"].schema, PrimitiveSchema) and props["age"].schema.kind == "integer"
    assert op.request_body.required is True


def test_form_data_without_form_consumes_is_urlencoded(load_spec: Any) -> None:
    op = only_op(loaded(load_spec(_form([{"in": "formData", "name": "q", "type": "string"}])))[0])
    assert op.request_body is not None
    assert [c.media_type for c in op.request_body.contents] == ["application/x-www-form-urlencoded"]
    assert op.request_body.required is False


@pytest.mark.parametrize("consumes", [None, ["application/x-www-form-urlencoded"], ["multipart/form-data"]])
def test_a_file_parameter_makes_the_form_multipart(load_spec: Any, consumes: list[str] | None) -> None:
    params = [
        {"in": "formData", "name": "file", "type": "file", "required": True},
        {"in": "formData", "name": "note", "type": "string"},
    ]
    extra = {"consumes": consumes} if consumes else {}
    op = only_op(loaded(load_spec(_form(params, **extra)))[0])
    assert op.request_body is not None
    (content,) = op.request_body.contents
    assert content.media_type == "multipart/form-data"
    assert isinstance(content.schema, ObjectSchema)
    file_schema = content.schema.properties[0].schema
    assert isinstance(file_schema, PrimitiveSchema) and file_schema.is_binary


def test_file_response_is_binary_and_streamed(load_spec: Any) -> None:
    spec = swagger(
        {
            "/image": {
                "get": {
                    "operationId": "image",
                    "produces": ["image/png", "image/jpeg"],
                    "responses": {"200": {"description": "the image", "schema": {"type": "file"}}},
                }
            }
        }
    )
    raw, _ = loaded(load_spec(spec, passes=False))
    contents = only_op(raw).responses[0].contents
    assert [c.media_type for c in contents] == ["image/png", "image/jpeg"]
    for content in contents:
        assert isinstance(content.schema, PrimitiveSchema)
        assert (content.schema.kind, content.schema.format) == ("string", "binary")
    assert only_op(raw).behaviours == ()  # the pass finds the download, not the loader

    api, diagnostics = loaded(load_spec(spec))
    assert list(diagnostics) == []
    streamed = [b for b in only_op(api).behaviours if isinstance(b, StreamedDownload)]
    assert streamed == [
        StreamedDownload(status="200", media_types=("image/png", "image/jpeg"), origin=streamed[0].origin)
    ]


# --------------------------------------------------------------------------- security


def test_security_definitions_map_to_schemes(load_spec: Any) -> None:
    spec = swagger(
        {},
        securityDefinitions={
            "basic": {"type": "basic", "description": "user and password"},
            "headerKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            "queryKey": {"type": "apiKey", "in": "query", "name": "api_key"},
            "oauth": {
                "type": "oauth2",
                "flow": "implicit",
                "authorizationUrl": "https://example.com/auth",
                "scopes": {"read": "read things"},
            },
        },
    )
    api, _ = loaded(load_spec(spec, validation="error"))
    schemes = {s.name: s for s in api.security_schemes}
    assert (schemes["basic"].kind, schemes["basic"].http_scheme) == ("http", "basic")
    assert schemes["basic"].description == "user and password"
    header = schemes["headerKey"]
    assert (header.kind, header.location, header.parameter_name) == ("apiKey", "header", "X-API-Key")
    query = schemes["queryKey"]
    assert (query.kind, query.location, query.parameter_name) == ("apiKey", "query", "api_key")
    assert schemes["oauth"].kind == "oauth2"
    assert schemes["oauth"].origin.pointer == "/securityDefinitions/oauth"


@pytest.mark.parametrize(
    ("name", "description", "bearer"),
    [
        ("Bearer", None, True),
        ("token", "Send `Bearer {token}`", True),
        ("token", "A secret token", False),
    ],
)
def test_api_key_in_authorization_header_described_as_bearer_is_http_bearer(
    load_spec: Any, name: str, description: str | None, bearer: bool
) -> None:
    definition: dict[str, Any] = {"type": "apiKey", "in": "header", "name": "Authorization"}
    if description:
        definition["description"] = description
    api, _ = loaded(load_spec(swagger({}, securityDefinitions={name: definition})))
    (scheme,) = api.security_schemes
    if bearer:
        assert (scheme.kind, scheme.http_scheme, scheme.location) == ("http", "bearer", None)
    else:
        assert (scheme.kind, scheme.location, scheme.parameter_name) == ("apiKey", "header", "Authorization")


def _auth_header_spec(required: bool, security: list[dict[str, list[str]]] | None) -> dict[str, Any]:
    auth = {"in": "header", "name": "Authorization", "type": "string", "required": required, "description": "JWT"}
    params = [auth, {"in": "query", "name": "q", "type": "string"}]
    top: dict[str, Any] = {
        "securityDefinitions": {
            "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
            "basic": {"type": "basic"},
        }
    }
    if security is not None:
        top["security"] = security
    return swagger({"/a": {"get": {"operationId": "a", "parameters": params, "responses": OK}}}, **top)


def test_required_authorization_header_is_anded_into_every_alternative(load_spec: Any) -> None:
    api, _ = loaded(load_spec(_auth_header_spec(True, [{"key": []}, {"basic": []}])))
    op = only_op(api)
    assert op.security == (req("key", "BearerAuth"), req("basic", "BearerAuth"))
    assert [p.name for p in op.parameters] == ["q"]
    bearer = next(s for s in api.security_schemes if s.name == "BearerAuth")
    assert (bearer.kind, bearer.http_scheme, bearer.description) == ("http", "bearer", "JWT")
    assert bearer.origin.pointer == "/paths/~1a/get/parameters/0"


def test_optional_authorization_header_gives_alternatives_with_and_without(load_spec: Any) -> None:
    api, _ = loaded(load_spec(_auth_header_spec(False, [{"key": []}, {"basic": []}])))
    op = only_op(api)
    assert op.security == (req("key", "BearerAuth"), req("basic", "BearerAuth"), req("key"), req("basic"))
    assert all(p.name.lower() != "authorization" for p in op.parameters)


@pytest.mark.parametrize(("required", "expected"), [(True, (req("BearerAuth"),)), (False, (req("BearerAuth"), req()))])
def test_authorization_header_without_other_security(
    load_spec: Any, required: bool, expected: tuple[SecurityRequirement, ...]
) -> None:
    op = only_op(loaded(load_spec(_auth_header_spec(required, None)))[0])
    assert op.security == expected


def test_authorization_header_reuses_a_declared_bearer_scheme(load_spec: Any) -> None:
    spec = _auth_header_spec(True, [{"key": []}])
    spec["securityDefinitions"]["jwt"] = {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "Bearer token",
    }
    api, _ = loaded(load_spec(spec))
    assert only_op(api).security == (req("key", "jwt"),)
    assert sorted(s.name for s in api.security_schemes) == ["basic", "jwt", "key"]


def test_authorization_header_at_path_level_counts_too(load_spec: Any) -> None:
    auth = {"in": "header", "name": "authorization", "type": "string", "required": True}
    spec = swagger({"/a": {"parameters": [auth], "get": {"operationId": "a", "responses": OK}}})
    op = only_op(loaded(load_spec(spec))[0])
    assert op.security == (req("BearerAuth"),)
    assert op.parameters == ()


# --------------------------------------------------------------------------- parameters


@pytest.mark.parametrize(
    ("fmt", "style", "explode"),
    [
        ("csv", "form", False),
        ("multi", "form", True),
        ("ssv", "spaceDelimited", False),
        ("pipes", "pipeDelimited", False),
        (None, "form", False),  # csv is the default
    ],
)
def test_collection_format_becomes_style_and_explode(
    load_spec: Any, fmt: str | None, style: str, explode: bool
) -> None:
    param: dict[str, Any] = {"in": "query", "name": "ids", "type": "array", "items": {"type": "integer"}}
    if fmt:
        param["collectionFormat"] = fmt
    api, diagnostics = loaded(load_spec(swagger({"/a": {"get": {"parameters": [param], "responses": OK}}})))
    (p,) = only_op(api).parameters
    assert (p.style, p.explode) == (style, explode)
    assert isinstance(p.schema, ArraySchema)
    assert isinstance(p.schema.items, PrimitiveSchema) and p.schema.items.kind == "integer"
    assert list(diagnostics) == []


def test_collection_format_tsv_is_a_warning_and_read_as_csv(load_spec: Any) -> None:
    param = {"in": "query", "name": "ids", "type": "array", "items": {"type": "string"}, "collectionFormat": "tsv"}
    api, diagnostics = loaded(load_spec(swagger({"/a": {"get": {"parameters": [param], "responses": OK}}})))
    (p,) = only_op(api).parameters
    assert (p.style, p.explode) == ("form", False)
    (warning,) = diagnostics
    assert (warning.severity, warning.code) == ("warning", "W005")
    assert "tsv" in warning.message
    assert warning.origin is not None and warning.origin.pointer == "/paths/~1a/get/parameters/0"


def test_path_and_header_arrays_stay_simple(load_spec: Any) -> None:
    params = [
        {"in": "path", "name": "ids", "required": True, "type": "array", "items": {"type": "string"}},
        {"in": "header", "name": "X-Tags", "type": "array", "items": {"type": "string"}},
    ]
    op = only_op(loaded(load_spec(swagger({"/a/{ids}": {"get": {"parameters": params, "responses": OK}}})))[0])
    assert [(p.name, p.style, p.explode) for p in op.parameters] == [
        ("ids", "simple", False),
        ("X-Tags", "simple", False),
    ]


def test_x_nullable(load_spec: Any) -> None:
    spec = swagger(
        {
            "/a": {
                "get": {
                    "responses": {
                        "200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet", "x-nullable": True}}
                    }
                }
            }
        },
        definitions={
            "Pet": {
                "type": "object",
                "x-nullable": True,
                "properties": {
                    "nick": {"type": "string", "x-nullable": True},
                    "name": {"type": "string"},
                    "owner": {"$ref": "#/definitions/Owner", "x-nullable": True},
                },
            },
            "Owner": {"type": "object"},
        },
    )
    api, _ = loaded(load_spec(spec))
    pet = api.schema("Pet")
    assert isinstance(pet, ObjectSchema) and pet.nullable
    props = {p.name: p.schema for p in pet.properties}
    assert props["nick"].nullable and not props["name"].nullable
    assert isinstance(props["owner"], RefSchema) and props["owner"].nullable
    response_schema = only_op(api).responses[0].contents[0].schema
    assert isinstance(response_schema, RefSchema) and response_schema.nullable


def test_x_nullable_on_a_parameter(load_spec: Any) -> None:
    param = {"in": "query", "name": "q", "type": "string", "x-nullable": True}
    (p,) = only_op(loaded(load_spec(swagger({"/a": {"get": {"parameters": [param], "responses": OK}}})))[0]).parameters
    assert p.schema.nullable


def test_path_parameter_not_marked_required_is_a_warning_and_required(load_spec: Any) -> None:
    param = {"in": "path", "name": "id", "type": "string"}
    api, diagnostics = loaded(load_spec(swagger({"/pets/{id}": {"get": {"parameters": [param], "responses": OK}}})))
    (p,) = only_op(api).parameters
    assert p.required is True
    (warning,) = diagnostics
    assert (warning.severity, warning.code) == ("warning", "W005")
    assert "'id'" in warning.message
    assert str(warning.origin).endswith("spec.yaml#/paths/~1pets~1{id}/get/parameters/0")
    assert warning.line is not None


def test_parameter_without_type_is_a_warning_and_any_value(load_spec: Any) -> None:
    param = {"in": "query", "name": "anything"}
    api, diagnostics = loaded(load_spec(swagger({"/a": {"get": {"parameters": [param], "responses": OK}}})))
    (p,) = only_op(api).parameters
    assert isinstance(p.schema, AnySchema)
    (warning,) = diagnostics
    assert (warning.code, warning.severity) == ("W005", "warning")
    assert "no type" in warning.message


# --------------------------------------------------------------------------- origins


def test_origins_point_into_the_swagger_document_as_written(load_spec: Any) -> None:
    spec = swagger(
        {
            "/pets": {
                "parameters": [{"$ref": "#/parameters/Limit"}],
                "get": {
                    "operationId": "list",
                    "parameters": [{"in": "query", "name": "tag", "type": "string"}],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "schema": {"type": "array", "items": {"$ref": "#/definitions/Pet"}},
                        },
                        "404": {"$ref": "#/responses/NotFound"},
                    },
                },
            }
        },
        parameters={"Limit": {"in": "query", "name": "limit", "type": "integer"}},
        responses={"NotFound": {"description": "missing"}},
        definitions={"Pet": {"type": "object", "properties": {"id": {"type": "integer"}}}},
    )
    api, diagnostics = loaded(load_spec(spec, validation="error"))
    assert list(diagnostics) == []
    op = only_op(api)
    assert str(op.origin).endswith("/spec.yaml#/paths/~1pets/get")
    pointers = {p.name: p.origin.pointer for p in op.parameters}
    assert pointers == {"limit": "/parameters/Limit", "tag": "/paths/~1pets/get/parameters/0"}
    ok, missing = op.responses
    assert ok.origin.pointer == "/paths/~1pets/get/responses/200"
    assert ok.contents[0].origin.pointer == "/paths/~1pets/get/responses/200/schema"
    assert missing.origin.pointer == "/responses/NotFound"
    pet = api.schemas[0]
    assert pet.origin.pointer == "/definitions/Pet"
    assert isinstance(pet.schema, ObjectSchema)
    assert pet.schema.properties[0].origin.pointer == "/definitions/Pet/properties/id"
    assert api.origin.file == op.origin.file and api.origin.file.endswith("spec.yaml")
