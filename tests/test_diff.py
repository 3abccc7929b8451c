"""`generator diff`: every change category on small spec pairs, across formats, and the three output formats."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.diff import Change, diff_apis
from generator.pipeline import build_api

ROOT = Path(__file__).resolve().parents[1]

BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Images", "version": "1"},
    "servers": [{"url": "https://api.example.com/v1"}],
    "components": {
        "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        "schemas": {
            "Image": {
                "type": "object",
                "required": ["id", "url"],
                "properties": {
                    "id": {"type": "string"},
                    "url": {"type": "string"},
                    "size": {"type": "integer"},
                    "kind": {"type": "string", "enum": ["photo", "vector"]},
                },
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
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["png", "jpg"]}},
                ],
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
                "responses": {"201": {"description": "created"}},
            }
        },
    },
}


def load(tmp_path: Path, name: str, spec: dict[str, Any]) -> Any:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    diagnostics = Diagnostics()
    api = build_api([path], diagnostics=diagnostics)
    assert api is not None, [d.format() for d in diagnostics]
    return api


def changes(tmp_path: Path, edit: Any) -> list[Change]:
    new = copy.deepcopy(BASE)
    edit(new)
    return diff_apis(load(tmp_path, "old", BASE), load(tmp_path, "new", new))


def kinds(found: list[Change]) -> set[tuple[str, str]]:
    return {(c.kind, c.level) for c in found}


GET = ("paths", "/images/{id}", "get")


def op(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["paths"]["/images/{id}"]["get"]  # type: ignore[no-any-return]


CASES: list[tuple[str, Any, tuple[str, str]]] = [
    ("operation removed", lambda s: s["paths"].pop("/orders"), ("api-removed-without-deprecation", "breaking")),
    (
        "operation added",
        lambda s: s["paths"].__setitem__(
            "/ping", {"get": {"operationId": "ping", "responses": {"204": {"description": "x"}}}}
        ),
        ("endpoint-added", "info"),
    ),
    (
        "required parameter added",
        lambda s: op(s)["parameters"].append(
            {"name": "w", "in": "query", "required": True, "schema": {"type": "integer"}}
        ),
        ("new-required-request-parameter", "breaking"),
    ),
    (
        "optional parameter added",
        lambda s: op(s)["parameters"].append({"name": "w", "in": "query", "schema": {"type": "integer"}}),
        ("new-optional-request-parameter", "info"),
    ),
    ("parameter removed", lambda s: op(s)["parameters"].pop(1), ("request-parameter-removed", "breaking")),
    (
        "parameter moved",
        lambda s: op(s)["parameters"][1].__setitem__("in", "header"),
        ("request-parameter-location-changed", "breaking"),
    ),
    (
        "parameter made required",
        lambda s: op(s)["parameters"][1].__setitem__("required", True),
        ("request-parameter-became-required", "breaking"),
    ),
    (
        "parameter type changed",
        lambda s: op(s)["parameters"][1].__setitem__("schema", {"type": "integer"}),
        ("request-parameter-type-changed", "breaking"),
    ),
    (
        "request enum value removed",
        lambda s: op(s)["parameters"][1]["schema"].__setitem__("enum", ["png"]),
        ("request-parameter-enum-value-removed", "breaking"),
    ),
    (
        "request enum value added",
        lambda s: op(s)["parameters"][1]["schema"].__setitem__("enum", ["png", "jpg", "webp"]),
        ("request-parameter-enum-value-added", "info"),
    ),
    (
        "response enum value added",
        lambda s: s["components"]["schemas"]["Image"]["properties"]["kind"].__setitem__(
            "enum", ["photo", "vector", "gif"]
        ),
        ("response-property-enum-value-added", "breaking"),
    ),
    (
        "response field removed",
        lambda s: s["components"]["schemas"]["Image"]["properties"].pop("size"),
        ("response-optional-property-removed", "breaking"),
    ),
    (
        "response field made optional",
        lambda s: s["components"]["schemas"]["Image"].__setitem__("required", ["id"]),
        ("response-property-became-optional", "breaking"),
    ),
    (
        "response field type changed",
        lambda s: s["components"]["schemas"]["Image"]["properties"].__setitem__("size", {"type": "string"}),
        ("response-property-type-changed", "breaking"),
    ),
    (
        "response field added",
        lambda s: s["components"]["schemas"]["Image"]["properties"].__setitem__("alt", {"type": "string"}),
        ("response-optional-property-added", "info"),
    ),
    (
        "body field added as required",
        lambda s: (
            s["components"]["schemas"]["Order"]["properties"].__setitem__("qty", {"type": "integer"}),
            s["components"]["schemas"]["Order"].__setitem__("required", ["imageId", "qty"]),
        ),
        ("new-required-request-property", "breaking"),
    ),
    (
        "body field type changed",
        lambda s: s["components"]["schemas"]["Order"]["properties"].__setitem__(
            "note", {"type": "array", "items": {"type": "string"}}
        ),
        ("request-property-type-changed", "breaking"),
    ),
    (
        "success status removed",
        lambda s: op(s)["responses"].__setitem__("202", op(s)["responses"].pop("200")),
        ("response-success-status-removed", "breaking"),
    ),
    (
        "media type removed",
        lambda s: op(s)["responses"]["200"].__setitem__(
            "content", {"application/xml": op(s)["responses"]["200"]["content"]["application/json"]}
        ),
        ("response-media-type-removed", "breaking"),
    ),
    (
        "security header renamed",
        lambda s: s["components"]["securitySchemes"]["key"].__setitem__("name", "Api-Key"),
        ("api-security-component-changed", "breaking"),
    ),
    (
        "server changed",
        lambda s: s.__setitem__("servers", [{"url": "https://api.example.com/v2"}]),
        ("api-server-changed", "warning"),
    ),
]


@pytest.mark.parametrize(("title", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_change_is_found_and_classified(tmp_path: Path, title: str, edit: Any, expected: tuple[str, str]) -> None:
    found = changes(tmp_path, edit)
    assert expected in kinds(found), (title, found)
    assert all(c.python for c in found)


def test_identical_specs_have_no_changes(tmp_path: Path) -> None:
    assert changes(tmp_path, lambda s: None) == []


def test_a_renamed_model_of_the_same_shape_is_no_change(tmp_path: Path) -> None:
    def rename(s: dict[str, Any]) -> None:
        s["components"]["schemas"]["Picture"] = s["components"]["schemas"].pop("Image")
        op(s)["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] = "#/components/schemas/Picture"

    assert changes(tmp_path, rename) == []


def test_python_meaning_names_the_generated_method_and_argument(tmp_path: Path) -> None:
    found = changes(tmp_path, lambda s: op(s)["parameters"][1].__setitem__("required", True))
    assert any("`format_`" in c.python or "`format`" in c.python for c in found)
    assert any("`get_image()`" in c.python for c in found)


SWAGGER = {
    "swagger": "2.0",
    "info": {"title": "Images", "version": "1"},
    "host": "api.example.com",
    "basePath": "/v1",
    "schemes": ["https"],
    "produces": ["application/json"],
    "consumes": ["application/json"],
    "securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
    "security": [{"key": []}],
    "definitions": BASE["components"]["schemas"],
    "paths": {
        "/images/{id}": {
            "get": {
                "operationId": "getImage",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "type": "string"},
                    {"name": "format", "in": "query", "type": "string", "enum": ["png", "jpg"]},
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Image"}}},
            }
        },
        "/orders": {
            "post": {
                "operationId": "createOrder",
                "parameters": [
                    {"name": "order", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Order"}}
                ],
                "responses": {"201": {"description": "created"}},
            }
        },
    },
}


def test_swagger2_against_its_openapi31_successor_has_no_false_breaking_changes(tmp_path: Path) -> None:
    found = diff_apis(load(tmp_path, "old", SWAGGER), load(tmp_path, "new", BASE))
    assert [c for c in found if c.breaking] == []


def test_swagger2_against_a_changed_openapi31_finds_the_change(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    new["components"]["schemas"]["Image"]["properties"].pop("url")
    found = diff_apis(load(tmp_path, "old", SWAGGER), load(tmp_path, "new", new))
    assert ("response-required-property-removed", "breaking") in kinds(found)


def run_diff(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "diff", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def spec_pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    changed = copy.deepcopy(BASE)
    changed["paths"].pop("/orders")
    changed["components"]["schemas"]["Image"]["properties"]["alt"] = {"type": "string"}
    new.write_text(yaml.safe_dump(changed), encoding="utf-8")
    return old, new


def test_output_formats_and_fail_on(tmp_path: Path, spec_pair: tuple[Path, Path]) -> None:
    old, new = map(str, spec_pair)
    text = run_diff(tmp_path, old, new)
    assert (
        text.returncode == 0
        and "BREAKING" in text.stdout
        and "[api-removed-without-deprecation]" in text.stdout
        and "create_order" in text.stdout
    )
    markdown = run_diff(tmp_path, old, new, "--format", "markdown")
    assert markdown.stdout.startswith("### API changes") and "| 💥 breaking |" in markdown.stdout
    data = json.loads(run_diff(tmp_path, old, new, "--format", "json").stdout)
    assert data["breaking"] == 1 and {c["id"] for c in data["changes"]} == {
        "api-removed-without-deprecation",
        "response-optional-property-added",
    }
    assert run_diff(tmp_path, old, new, "--fail-on", "breaking").returncode == 1
    assert run_diff(tmp_path, old, old, "--fail-on", "any").returncode == 0
    assert run_diff(tmp_path, new, new, "--fail-on", "breaking").returncode == 0


def test_bad_input_exits_2_with_a_located_message(tmp_path: Path, spec_pair: tuple[Path, Path]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.1.0\npaths: [", encoding="utf-8")
    result = run_diff(tmp_path, str(spec_pair[0]), str(broken))
    assert result.returncode == 2
    assert "broken.yaml" in result.stderr and "error[E002]" in result.stderr and "Traceback" not in result.stderr


def test_a_provider_at_a_git_revision_compares_with_the_working_tree(tmp_path: Path) -> None:
    result = run_diff(tmp_path, "HEAD:specs/getty", "getty", "--fail-on", "any")
    assert result.returncode in (0, 1), result.stderr
    assert "getty" in result.stdout


def test_removing_a_deprecated_parameter_or_property_is_still_breaking_and_says_it_was_deprecated(
    tmp_path: Path,
) -> None:
    old = copy.deepcopy(BASE)
    op(old)["parameters"][1]["deprecated"] = True
    old["components"]["schemas"]["Image"]["properties"]["size"]["deprecated"] = True
    new = copy.deepcopy(BASE)
    op(new)["parameters"].pop(1)
    new["components"]["schemas"]["Image"]["properties"].pop("size")
    found = {c.kind: c for c in diff_apis(load(tmp_path, "old", old), load(tmp_path, "new", new))}
    for rule in ("request-parameter-removed", "response-optional-property-removed"):
        assert found[rule].breaking and found[rule].message.endswith("(it was deprecated)"), found
    assert "request-parameter-deprecated" not in found


def test_deprecating_is_reported_as_info(tmp_path: Path) -> None:
    def deprecate(s: dict[str, Any]) -> None:
        op(s)["deprecated"] = True
        op(s)["parameters"][1]["deprecated"] = True

    assert kinds(changes(tmp_path, deprecate)) == {
        ("endpoint-deprecated", "info"),
        ("request-parameter-deprecated", "info"),
    }


def test_each_change_says_what_it_means_in_every_built_in_style(tmp_path: Path) -> None:
    def change(s: dict[str, Any]) -> None:
        op(s)["parameters"][1]["required"] = True
        s["components"]["schemas"]["Image"]["properties"]["alt_text"] = {"type": "string"}

    found = {c.kind: c.meaning for c in changes(tmp_path, change)}
    required = found["request-parameter-became-required"]
    assert "`get_image()`" in required["python"] and "`getImage()`" in required["typescript"]
    added = found["response-optional-property-added"]
    assert "`alt_text`" in added["python"] and "`getImage()`" in added["typescript"]


def test_a_download_behaviour_change_names_the_helpers_it_adds_or_removes(tmp_path: Path) -> None:
    def presigned(s: dict[str, Any]) -> None:
        op(s)["responses"]["200"]["x-presigned-url"] = {"url": "url"}

    added = {c.kind: c.meaning for c in changes(tmp_path, presigned)}["presigned-download-added"]
    assert "`get_image_to_file()`" in added["python"] and "`getImageToFile()`" in added["typescript"]
    old = copy.deepcopy(BASE)
    presigned(old)
    removed = diff_apis(load(tmp_path, "old", old), load(tmp_path, "new", BASE))
    assert [c.kind for c in removed] == ["presigned-download-removed"]
    assert "removed: `get_image_to_file()`" in removed[0].python


def test_a_behaviour_no_helper_reads_says_so(tmp_path: Path) -> None:
    def redirect(s: dict[str, Any]) -> None:
        location = {"Location": {"schema": {"type": "string"}}}
        op(s)["responses"]["303"] = {"description": "see other", "headers": location}

    found = {c.kind: c for c in changes(tmp_path, redirect)}
    assert found["redirect-download-added"].python == "no download helper of `get_image()` changes with it"
