"""Every rule of `diff`: a pair of small documents that differ in one way, the rule id and level expected.

Schema rules are checked at each place a schema can sit (a query parameter, a request body, a
request property, a response body, a response property) with the levels written out below:
a tighter request rejects calls that worked, a looser response returns what clients never saw.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.diff import RULES, RULES_BY_ID, diff_apis
from generator.ir import Api
from generator.pipeline import build_api

Spec = dict[str, Any]
Edit = Callable[[Spec], object]

BASE: Spec = {
    "openapi": "3.1.0",
    "info": {"title": "Images", "version": "1"},
    "servers": [{"url": "https://api.example.com/v1"}],
    "components": {
        "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        "schemas": {
            "Image": {
                "type": "object",
                "required": ["id", "url"],
                "properties": {"id": {"type": "string"}, "url": {"type": "string"}, "size": {"type": "integer"}},
            },
            "Order": {
                "type": "object",
                "required": ["imageId"],
                "properties": {"imageId": {"type": "string"}, "note": {"type": "string"}},
            },
        },
    },
    "security": [{"key": []}],
    "paths": {
        "/images/{id}": {
            "get": {
                "operationId": "getImage",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Image"}}},
                    }
                },
            }
        },
        "/orders": {
            "post": {
                "operationId": "createOrder",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}},
                },
                "responses": {"204": {"description": "created"}},
            }
        },
    },
}


def get(s: Spec) -> Spec:
    return s["paths"]["/images/{id}"]["get"]  # type: ignore[no-any-return]


def post(s: Spec) -> Spec:
    return s["paths"]["/orders"]["post"]  # type: ignore[no-any-return]


def ok(s: Spec) -> Spec:
    return get(s)["responses"]["200"]  # type: ignore[no-any-return]


def schemas(s: Spec) -> Spec:
    return s["components"]["schemas"]  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------- schema rules, at each place


def _place_parameter(s: Spec, fragment: Spec) -> None:
    get(s)["parameters"].append({"name": "q", "in": "query", "schema": fragment})


def _place_request_body(s: Spec, fragment: Spec) -> None:
    s["paths"]["/things"] = {
        "post": {
            "operationId": "putThing",
            "requestBody": {"required": True, "content": {"application/json": {"schema": fragment}}},
            "responses": {"204": {"description": "done"}},
        }
    }


def _place_request_property(s: Spec, fragment: Spec) -> None:
    schemas(s)["Order"]["properties"]["p"] = fragment


def _place_response_body(s: Spec, fragment: Spec) -> None:
    s["paths"]["/things"] = {
        "get": {
            "operationId": "getThing",
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": fragment}}}},
        }
    }


def _place_response_property(s: Spec, fragment: Spec) -> None:
    schemas(s)["Image"]["properties"]["p"] = fragment


PLACES: dict[str, Callable[[Spec, Spec], None]] = {
    "request-parameter": _place_parameter,
    "request-body": _place_request_body,
    "request-property": _place_request_property,
    "response-body": _place_response_body,
    "response-property": _place_response_property,
}

STRING: Spec = {"type": "string"}
INTEGER: Spec = {"type": "integer"}
ARRAY: Spec = {"type": "array", "items": {"type": "string"}}


def _with(base: Spec, **keywords: Any) -> Spec:
    return {**base, **keywords}


BOUND_KEYWORDS = {
    "max-length": (STRING, "maxLength"),
    "min-length": (STRING, "minLength"),
    "max": (INTEGER, "maximum"),
    "min": (INTEGER, "minimum"),
    "max-items": (ARRAY, "maxItems"),
    "min-items": (ARRAY, "minItems"),
}

NARROWS, WIDENS, UNKNOWN = "narrows", "widens", "unknown"

SCHEMA_CHANGES: dict[str, tuple[Spec, Spec, str]] = {
    "enum-value-removed": (_with(STRING, enum=["a", "b"]), _with(STRING, enum=["a"]), NARROWS),
    "enum-value-added": (_with(STRING, enum=["a", "b"]), _with(STRING, enum=["a", "b", "c"]), WIDENS),
    "became-enum": (STRING, _with(STRING, enum=["a", "b"]), NARROWS),
    "became-not-enum": (_with(STRING, enum=["a", "b"]), STRING, WIDENS),
    "became-nullable": (STRING, {"type": ["string", "null"]}, WIDENS),
    "became-not-nullable": ({"type": ["string", "null"]}, STRING, NARROWS),
    "pattern-added": (STRING, _with(STRING, pattern="^a"), NARROWS),
    "pattern-removed": (_with(STRING, pattern="^a"), STRING, WIDENS),
    "pattern-changed": (_with(STRING, pattern="^a"), _with(STRING, pattern="^b"), UNKNOWN),
    "multiple-of-set": (INTEGER, _with(INTEGER, multipleOf=2), NARROWS),
    "multiple-of-unset": (_with(INTEGER, multipleOf=2), INTEGER, WIDENS),
    "multiple-of-changed": (_with(INTEGER, multipleOf=2), _with(INTEGER, multipleOf=3), UNKNOWN),
    "unique-items-set": (ARRAY, _with(ARRAY, uniqueItems=True), NARROWS),
    "unique-items-unset": (_with(ARRAY, uniqueItems=True), ARRAY, WIDENS),
}
for _bound, (_base, _keyword) in BOUND_KEYWORDS.items():
    _upper = _bound.startswith("max")
    SCHEMA_CHANGES[f"{_bound}-increased"] = (
        _with(_base, **{_keyword: 5}),
        _with(_base, **{_keyword: 10}),
        WIDENS if _upper else NARROWS,
    )
    SCHEMA_CHANGES[f"{_bound}-decreased"] = (
        _with(_base, **{_keyword: 10}),
        _with(_base, **{_keyword: 5}),
        NARROWS if _upper else WIDENS,
    )
    SCHEMA_CHANGES[f"{_bound}-set"] = (_base, _with(_base, **{_keyword: 5}), NARROWS)
    SCHEMA_CHANGES[f"{_bound}-unset"] = (_with(_base, **{_keyword: 5}), _base, WIDENS)

LEVEL = {
    ("request", NARROWS): "breaking",
    ("request", WIDENS): "info",
    ("response", NARROWS): "info",
    ("response", WIDENS): "breaking",
    ("request", UNKNOWN): "warning",
    ("response", UNKNOWN): "warning",
}

Case = tuple[str, str, Edit, Edit]
"""(rule id, level, edit making the old document, edit making the new one)."""


def _placed(place: Callable[[Spec, Spec], None], fragment: Spec) -> Edit:
    return lambda s: place(s, copy.deepcopy(fragment))


def _schema_cases() -> list[Case]:
    cases: list[Case] = []
    for prefix, place in PLACES.items():
        direction = prefix.split("-")[0]
        cases.append((f"{prefix}-type-changed", "breaking", _placed(place, STRING), _placed(place, INTEGER)))
        for suffix, (old, new, effect) in SCHEMA_CHANGES.items():
            cases.append((f"{prefix}-{suffix}", LEVEL[direction, effect], _placed(place, old), _placed(place, new)))
        if prefix in ("request-parameter", "request-property", "response-property"):
            cases.append(
                (f"{prefix}-deprecated", "info", _placed(place, STRING), _placed(place, _with(STRING, deprecated=True)))
            )
    return cases


# ---------------------------------------------------------------------------- the other rules


def nothing(s: Spec) -> None:
    return None


def _add_op(s: Spec) -> None:
    s["paths"]["/ping"] = {"get": {"operationId": "ping", "responses": {"204": {"description": "x"}}}}


def _remove_order(s: Spec) -> None:
    s["paths"].pop("/orders")


def _query(required: bool = False, **more: Any) -> Edit:
    return lambda s: get(s)["parameters"].append(
        {"name": "w", "in": "query", "required": required, "schema": {"type": "integer"}, **more}
    )


def _list_query(**given: Any) -> Edit:
    """A query parameter holding a list: by its schema (``form``, exploded), or as ``given`` instead."""
    written = given or {"schema": {"type": "array", "items": {"type": "integer"}}}
    return lambda s: get(s)["parameters"].append({"name": "ids", "in": "query", **written})


def _set(target: Callable[[Spec], Spec], key: str, value: Any) -> Edit:
    return lambda s: target(s).__setitem__(key, copy.deepcopy(value))


def _both(*edits: Edit) -> Edit:
    return lambda s: [edit(s) for edit in edits]


def _order_property(required: bool) -> Edit:
    def edit(s: Spec) -> None:
        schemas(s)["Order"]["properties"]["qty"] = {"type": "integer"}
        if required:
            schemas(s)["Order"]["required"].append("qty")

    return edit


def _image_property(required: bool) -> Edit:
    def edit(s: Spec) -> None:
        schemas(s)["Image"]["properties"]["alt"] = {"type": "string"}
        if required:
            schemas(s)["Image"]["required"].append("alt")

    return edit


def _drop_body(s: Spec) -> None:
    post(s).pop("requestBody")


JSON_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}
PNG = {"image/png": {"schema": {"type": "string", "format": "binary"}}}
LOCATION = {"Location": {"schema": {"type": "string", "format": "uri"}}}


def _file_op(responses: Spec) -> Edit:
    return lambda s: s["paths"].__setitem__(
        "/files/{name}",
        {
            "get": {
                "operationId": "getFile",
                "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": copy.deepcopy(responses),
            }
        },
    )


NO_FILE = {"204": {"description": "nothing yet"}}
STREAMED = {"200": {"description": "the file", "content": PNG}}
STREAMED_TWO = {"200": {"description": "the file", "content": {**PNG, "image/jpeg": PNG["image/png"]}}}
REDIRECT = {"204": {"description": "x"}, "303": {"description": "see other", "headers": LOCATION}}
REDIRECT_TRIGGERED = {
    "204": {"description": "x"},
    "303": {"description": "see other", "headers": LOCATION, "x-redirect-trigger": {"parameter": "go", "value": True}},
}


def _redirect_trigger_parameter(s: Spec) -> None:
    s["paths"]["/files/{name}"]["get"]["parameters"].append(
        {"name": "go", "in": "query", "schema": {"type": "boolean"}}
    )


def _pages(extension: Spec | None) -> Edit:
    def edit(s: Spec) -> None:
        op: Spec = {
            "operationId": "listImages",
            "parameters": [
                {"name": "page", "in": "query", "schema": {"type": "integer"}},
                {"name": "size", "in": "query", "schema": {"type": "integer"}},
            ],
            "responses": {
                "200": {
                    "description": "a page",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Image"}},
                                    "total": {"type": "integer"},
                                },
                            }
                        }
                    },
                }
            },
        }
        if extension is not None:
            op["x-pagination"] = copy.deepcopy(extension)
        s["paths"]["/images"] = {"get": op}

    return edit


PAGES = {"style": "page", "page-parameter": "page", "size-parameter": "size", "items": "items"}


def _jobs(status: Spec | None, link: bool) -> Edit:
    """A job started by POST /jobs and polled at GET /jobs/{jobId}."""

    def edit(s: Spec) -> None:
        job = {
            "type": "object",
            "required": ["jobId", "state"],
            "properties": {"jobId": {"type": "string"}, "state": {"type": "string"}, "url": {"type": "string"}},
        }
        created: Spec = {"description": "started", "content": {"application/json": {"schema": job}}}
        if link:
            created["links"] = {"status": {"operationId": "getJob", "parameters": {"jobId": "$response.body#/jobId"}}}
        polled: Spec = {"description": "the job", "content": {"application/json": {"schema": job}}}
        if status is not None:
            polled["x-job-status"] = copy.deepcopy(status)
        s["paths"]["/jobs"] = {"post": {"operationId": "startJob", "responses": {"202": created}}}
        s["paths"]["/jobs/{jobId}"] = {
            "get": {
                "operationId": "getJob",
                "parameters": [{"name": "jobId", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": polled},
            }
        }

    return edit


STATUS = {"status": "state", "succeeded": ["done"], "failed": ["failed"]}
STATUS_URL = {**STATUS, "result-url": "url"}


def _other_cases() -> list[Case]:
    image_png = _set(ok, "content", {"image/png": {"schema": {"type": "string", "format": "binary"}}})
    return [
        ("endpoint-added", "info", nothing, _add_op),
        ("api-removed-without-deprecation", "breaking", nothing, _remove_order),
        ("api-removed-with-deprecation", "breaking", _set(post, "deprecated", True), _remove_order),
        ("endpoint-deprecated", "info", nothing, _set(get, "deprecated", True)),
        ("endpoint-reactivated", "info", _set(get, "deprecated", True), nothing),
        ("api-method-renamed", "breaking", nothing, _set(get, "operationId", "fetchImage")),
        ("api-operation-id-changed", "info", nothing, _set(get, "operationId", "get_image")),
        ("request-parameter-removed", "breaking", _query(), nothing),
        ("new-required-request-parameter", "breaking", nothing, _query(required=True)),
        ("new-optional-request-parameter", "info", nothing, _query()),
        ("request-parameter-became-required", "breaking", _query(), _query(required=True)),
        ("request-parameter-became-optional", "info", _query(required=True), _query()),
        (
            "request-parameter-location-changed",
            "breaking",
            _query(),
            lambda s: get(s)["parameters"].append({"name": "w", "in": "header", "schema": {"type": "integer"}}),
        ),
        (
            "request-parameter-serialization-changed",
            "breaking",
            _list_query(),
            _list_query(content={"application/json": {"schema": {"type": "array", "items": {"type": "integer"}}}}),
        ),
        ("added-required-request-body", "breaking", _drop_body, nothing),
        (
            "added-optional-request-body",
            "info",
            _drop_body,
            _set(post, "requestBody", {"content": JSON_BODY}),
        ),
        ("request-body-removed", "breaking", nothing, _drop_body),
        ("request-body-became-optional", "info", nothing, _set(post, "requestBody", {"content": JSON_BODY})),
        (
            "request-body-became-required",
            "breaking",
            _set(post, "requestBody", {"content": JSON_BODY}),
            nothing,
        ),
        (
            "request-body-media-type-removed",
            "breaking",
            _set(post, "requestBody", {"required": True, "content": {**JSON_BODY, "application/xml": {}}}),
            nothing,
        ),
        (
            "request-body-media-type-added",
            "info",
            nothing,
            _set(post, "requestBody", {"required": True, "content": {**JSON_BODY, "application/xml": {}}}),
        ),
        (
            "request-property-removed",
            "breaking",
            nothing,
            lambda s: schemas(s)["Order"]["properties"].pop("note"),
        ),
        ("new-required-request-property", "breaking", nothing, _order_property(required=True)),
        ("new-optional-request-property", "info", nothing, _order_property(required=False)),
        ("request-property-became-required", "breaking", _order_property(False), _order_property(True)),
        ("request-property-became-optional", "info", _order_property(True), _order_property(False)),
        (
            "response-success-status-removed",
            "breaking",
            nothing,
            lambda s: get(s)["responses"].__setitem__("202", get(s)["responses"].pop("200")),
        ),
        (
            "response-success-status-added",
            "info",
            nothing,
            lambda s: get(s)["responses"].__setitem__("202", {"description": "accepted"}),
        ),
        (
            "response-media-type-removed",
            "breaking",
            nothing,
            _set(ok, "content", {"application/xml": {"schema": {"$ref": "#/components/schemas/Image"}}}),
        ),
        (
            "response-media-type-added",
            "info",
            nothing,
            lambda s: ok(s)["content"].__setitem__("application/xml", {"schema": {"type": "string"}}),
        ),
        (
            "response-required-property-removed",
            "breaking",
            nothing,
            lambda s: schemas(s)["Image"]["properties"].pop("url"),
        ),
        (
            "response-optional-property-removed",
            "breaking",
            nothing,
            lambda s: schemas(s)["Image"]["properties"].pop("size"),
        ),
        ("response-property-became-optional", "breaking", _image_property(True), _image_property(False)),
        ("response-property-became-required", "info", _image_property(False), _image_property(True)),
        ("response-required-property-added", "info", nothing, _image_property(True)),
        ("response-optional-property-added", "info", nothing, _image_property(False)),
        (
            "api-security-component-removed",
            "breaking",
            nothing,
            lambda s: (s["components"].pop("securitySchemes"), s.pop("security")),
        ),
        (
            "api-security-component-added",
            "info",
            nothing,
            lambda s: s["components"]["securitySchemes"].__setitem__("bearer", {"type": "http", "scheme": "bearer"}),
        ),
        (
            "api-security-component-changed",
            "breaking",
            nothing,
            lambda s: s["components"]["securitySchemes"]["key"].__setitem__("in", "query"),
        ),
        (
            "api-security-removed",
            "breaking",
            _set(get, "security", [{"key": []}, {}]),
            nothing,
        ),
        ("api-security-added", "info", nothing, _set(get, "security", [{"key": []}, {}])),
        (
            "api-server-changed",
            "warning",
            nothing,
            lambda s: s.__setitem__("servers", [{"url": "https://api.example.com/v2"}]),
        ),
        ("streamed-download-added", "info", _file_op(NO_FILE), _file_op(STREAMED)),
        ("streamed-download-removed", "breaking", _file_op(STREAMED), _file_op(NO_FILE)),
        ("streamed-download-changed", "warning", _file_op(STREAMED), _file_op(STREAMED_TWO)),
        ("redirect-download-added", "info", _file_op(NO_FILE), _file_op(REDIRECT)),
        ("redirect-download-removed", "breaking", _file_op(REDIRECT), _file_op(NO_FILE)),
        (
            "redirect-download-changed",
            "warning",
            _both(_file_op(REDIRECT), _redirect_trigger_parameter),
            _both(_file_op(REDIRECT_TRIGGERED), _redirect_trigger_parameter),
        ),
        ("presigned-download-added", "info", nothing, _set(ok, "x-presigned-url", {"url": "url"})),
        ("presigned-download-removed", "breaking", _set(ok, "x-presigned-url", {"url": "url"}), nothing),
        (
            "presigned-download-changed",
            "warning",
            _set(ok, "x-presigned-url", {"url": "url"}),
            _set(ok, "x-presigned-url", {"url": "id"}),
        ),
        ("pagination-added", "info", _pages(None), _pages(PAGES)),
        ("pagination-removed", "breaking", _pages(PAGES), _pages(None)),
        ("pagination-changed", "warning", _pages(PAGES), _pages({**PAGES, "total": "total"})),
        ("job-status-added", "info", _jobs(None, link=False), _jobs(STATUS, link=False)),
        ("job-status-removed", "breaking", _jobs(STATUS, link=False), _jobs(None, link=False)),
        ("job-status-changed", "warning", _jobs(STATUS, link=False), _jobs(STATUS_URL, link=False)),
        ("async-job-added", "info", _jobs(STATUS, link=False), _jobs(STATUS, link=True)),
        ("async-job-removed", "breaking", _jobs(STATUS, link=True), _jobs(STATUS, link=False)),
        ("async-job-changed", "warning", _jobs(STATUS, link=True), _jobs(STATUS_URL, link=True)),
        # not a rule of its own: a binary success body is a streamed download
        ("streamed-download-added", "info", nothing, image_png),
    ]


CASES: list[Case] = _schema_cases() + _other_cases()


def load(tmp_path: Path, name: str, edit: Edit) -> Api:
    spec = copy.deepcopy(BASE)
    edit(spec)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    diagnostics = Diagnostics()
    api = build_api([path], diagnostics=diagnostics)
    assert api is not None, [d.format() for d in diagnostics]
    return api


@pytest.mark.parametrize(("rule", "level", "old", "new"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_finds_its_change_at_its_level(tmp_path: Path, rule: str, level: str, old: Edit, new: Edit) -> None:
    found = diff_apis(load(tmp_path, "old", old), load(tmp_path, "new", new))
    hits = [c for c in found if c.kind == rule]
    assert hits, (rule, [(c.kind, c.message) for c in found])
    assert {c.level for c in hits} == {level}
    assert all(c.meaning.get("python") and c.meaning.get("typescript") for c in found)
    assert diff_apis(load(tmp_path, "same", old), load(tmp_path, "again", old)) == []


def test_every_rule_has_a_case() -> None:
    assert {rule.id for rule in RULES} == {case[0] for case in CASES}
    assert len(RULES_BY_ID) == len(RULES)


def test_the_rules_document_matches_the_table() -> None:
    from generator.diff.rules import rules_markdown

    written = (Path(__file__).resolve().parents[1] / "docs" / "diff-rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), "docs/diff-rules.md is stale: python -m generator.diff > docs/diff-rules.md"


def test_a_scalar_written_the_same_whatever_its_style_says_is_no_change(tmp_path: Path) -> None:
    """A scalar in a query is its text under any style or explode, and under a JSON ``content`` too."""
    old = _query()
    for new in (
        _query(explode=False),
        _query(style="pipeDelimited"),
        lambda s: get(s)["parameters"].append(
            {"name": "w", "in": "query", "content": {"application/json": {"schema": {"type": "integer"}}}}
        ),
    ):
        found = diff_apis(load(tmp_path, "old", old), load(tmp_path, "new", new))
        assert not [c for c in found if c.kind == "request-parameter-serialization-changed"]
