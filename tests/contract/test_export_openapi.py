"""``generator export``: the IR written back as OpenAPI 3.1, valid, deterministic, and a faithful round trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator

from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.export import export_api, export_json
from generator.ir import Api, Origin
from generator.pipeline import build_api, provider_api
from generator.providers import load_provider

ROOT = Path(__file__).resolve().parents[2]
PROVIDERS = ("topaz", "getty", "toolkit", "scenario")


def run_cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``generator ARGS`` in this process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = main(["--specs-dir", str(ROOT / "specs"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def provider_ir(provider: str) -> Api:
    diagnostics = Diagnostics()
    loaded = load_provider(ROOT / "specs", provider, diagnostics)
    api = provider_api(loaded, diagnostics) if loaded else None
    assert api is not None, [d.format() for d in diagnostics]
    return api


def reload(document: dict[str, Any], folder: Path) -> Api:
    """Load an exported document as the generator loads any spec (validation on, passes run)."""
    path = folder / "exported.openapi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    diagnostics = Diagnostics()
    api = build_api([path], diagnostics=diagnostics, validation="error")
    assert api is not None, [d.format() for d in diagnostics]
    assert not diagnostics.items, [d.format() for d in diagnostics]
    return api


def without_origins(value: Any) -> Any:
    """The IR as plain data without origins, for a readable diff when two IRs differ."""
    if isinstance(value, Origin):
        return None
    if is_dataclass(value) and not isinstance(value, type):
        data = {f.name: without_origins(getattr(value, f.name)) for f in fields(value) if f.name != "origin"}
        return {"$kind": type(value).__name__, **data}
    if isinstance(value, tuple):
        return [without_origins(v) for v in value]
    return value


def assert_same_ir(reloaded: Api, original: Api) -> None:
    assert without_origins(reloaded) == without_origins(original)
    assert reloaded.operations == original.operations
    assert reloaded.schemas == original.schemas
    assert reloaded.security_schemes == original.security_schemes
    assert reloaded == original


def assert_valid_31(document: dict[str, Any]) -> None:
    errors = [e.message for e in OpenAPIV31SpecValidator(document).iter_errors()]
    assert errors == []
    assert document["openapi"] == "3.1.0"


# --------------------------------------------------------------------------- the four providers


@pytest.fixture(scope="module")
def cli_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """``python -m generator export PROVIDER --out FILE`` for every provider, each under its own hash seed."""
    folder = tmp_path_factory.mktemp("exports")
    runs = {
        provider: subprocess.Popen(
            [sys.executable, "-m", "generator", "export", provider, "--out", str(folder / f"{provider}.json"), "-q"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        )
        for seed, provider in enumerate(PROVIDERS, start=1)
    }
    for provider, run in runs.items():
        out, err = run.communicate(timeout=120)
        assert (run.returncode, out) == (0, ""), f"{provider}: {err}"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{p}.json" for p in PROVIDERS)
    return {provider: (folder / f"{provider}.json").read_text(encoding="utf-8") for provider in PROVIDERS}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_cli_export_is_valid_31_and_deterministic(
    provider: str, cli_exports: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli("export", provider, capsys=capsys)
    assert code == 0, err
    assert out == cli_exports[provider] == export_json(provider_ir(provider))
    assert_valid_31(json.loads(out))


@pytest.mark.parametrize("provider", PROVIDERS)
def test_export_reloads_into_an_equal_ir(provider: str, tmp_path: Path) -> None:
    original = provider_ir(provider)
    document = export_api(original)
    reloaded = reload(document, tmp_path)
    assert_same_ir(reloaded, original)
    assert export_api(reloaded) == document


def test_swagger_2_provider_comes_out_as_openapi_31() -> None:
    document = export_api(provider_ir("getty"))
    assert {"swagger", "definitions", "securityDefinitions", "host", "basePath"}.isdisjoint(document)
    assert document["servers"] == [{"url": "https://api.gettyimages.com"}]
    assert document["security"] == [{"Api-Key": [], "OAuth2Bearer": []}]
    oauth2 = document["components"]["securitySchemes"]["OAuth2Bearer"]
    assert oauth2["type"] == "oauth2" and set(oauth2["flows"]) == {"clientCredentials", "password"}
    assert oauth2["flows"]["password"]["tokenUrl"] == "https://authentication.gettyimages.com/oauth2/token"
    assert document["components"]["securitySchemes"]["Api-Key"] | {"description": ""} == {
        "type": "apiKey",
        "in": "header",
        "name": "Api-Key",
        "description": "",
    }
    history = document["paths"]["/v3/downloads"]["get"]
    assert history["x-pagination"] == {
        "style": "page",
        "page-parameter": "page",
        "size-parameter": "page_size",
        "items": "downloads",
        "total": "result_count",
        "first-page": 1,
    }
    ok = history["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/DownloadsResponse"}
    download = document["paths"]["/v3/downloads/images/{id}"]["post"]
    assert download["requestBody"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/holder"
    assert download["responses"]["200"]["x-presigned-url"] == {"url": "uri", "expires-format": "unix"}
    see_other = download["responses"]["303"]
    assert see_other["x-redirect-trigger"] == {"parameter": "auto_download", "value": True}
    assert see_other["headers"]["Location"]["schema"]["format"] == "uri"
    assert [p["name"] for p in download["parameters"] if p["in"] == "header"] == ["Accept-Language"]
    path_id = next(p for p in download["parameters"] if p["in"] == "path")
    assert path_id | {"description": ""} == {
        "name": "id",
        "in": "path",
        "description": "",
        "required": True,
        "style": "simple",
        "explode": False,
        "schema": {"type": "string", "description": "Id of image to download"},
    }


def test_extensions_come_back_from_the_behaviours() -> None:
    topaz = export_api(provider_ir("topaz"))
    for path in ("/download/{process_id}", "/download/input/{process_id}"):
        assert topaz["paths"][path]["get"]["responses"]["200"]["x-presigned-url"] == {
            "url": "download_url",
            "head-url": "head_url",
            "expires": "expiry",
            "expires-format": "unix",
        }
    scenario = export_api(provider_ir("scenario"))
    start = scenario["paths"]["/assets/download"]["post"]["responses"]["200"]
    assert start["links"]["GetStatus"]["operationId"] == "getBatchDownloadStatus"
    assert start["links"]["GetStatus"]["parameters"] == {"jobId": "$response.body#/jobId"}
    status = scenario["paths"]["/assets/download/{jobId}"]["get"]["responses"]["200"]
    assert status["x-job-status"] == {
        "status": "jobStatus",
        "succeeded": ["success"],
        "failed": ["failure", "canceled"],
        "result-url": "downloadUrl",
    }
    toolkit = export_api(provider_ir("toolkit"))
    image = toolkit["paths"]["/v1/image/download/{object_name}"]["get"]["responses"]["200"]
    assert not [key for key in image if key.startswith("x-")]  # the binary body says it all
    assert image["content"]["image/png"]["schema"] == {
        "type": "string",
        "format": "binary",
        "contentMediaType": "image/png",
    }


# --------------------------------------------------------------------------- what the providers do not use

RICH_30: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Rich", "version": "2.1", "description": "Everything the IR keeps."},
    "servers": [
        {
            "url": "https://{region}.example.com/{base}",
            "description": "regional",
            "variables": {
                "region": {"default": "eu", "enum": ["eu", "us"], "description": "where"},
                "base": {"default": "v2"},
            },
        }
    ],
    "tags": [{"name": "pets", "description": "Pets."}, {"name": "admin"}],
    "security": [{"key": []}, {}],
    "paths": {
        "/pets/{petId}": {
            "parameters": [{"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "get": {
                "operationId": "getPet",
                "tags": ["pets"],
                "summary": "One pet",
                "deprecated": True,
                "parameters": [
                    {
                        "name": "filter",
                        "in": "query",
                        "style": "deepObject",
                        "explode": True,
                        "schema": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                    {
                        "name": "ids",
                        "in": "query",
                        "style": "pipeDelimited",
                        "explode": False,
                        "schema": {
                            "type": "array",
                            "items": {"type": "integer", "format": "int64"},
                            "minItems": 1,
                            "uniqueItems": True,
                        },
                    },
                    {"name": "session", "in": "cookie", "schema": {"type": "string"}, "deprecated": True},
                    {
                        "name": "X-Trace",
                        "in": "header",
                        "required": True,
                        "description": "trace id",
                        "schema": {"type": "string", "format": "uuid"},
                    },
                    {
                        "name": "since",
                        "in": "query",
                        "content": {"application/json": {"schema": {"type": "string", "format": "date-time"}}},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "the pet",
                        "headers": {
                            "X-Rate": {
                                "required": True,
                                "description": "left",
                                "schema": {"type": "integer", "minimum": 0},
                            }
                        },
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
                            "application/xml": {"schema": {"$ref": "#/components/schemas/Pet"}},
                        },
                        "links": {
                            "owner": {"operationId": "listPets", "parameters": {"limit": 5}, "description": "more"}
                        },
                    },
                    "4XX": {"description": "client error", "content": {"application/problem+json": {}}},
                    "default": {"description": "other"},
                },
            },
        },
        "/pets": {
            "get": {
                "operationId": "listPets",
                "security": [],
                "parameters": [
                    {
                        "name": "offset",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 0, "exclusiveMaximum": True, "maximum": 1000},
                    },
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 20, "multipleOf": 5}},
                ],
                "x-pagination": {
                    "style": "offset",
                    "page-parameter": "offset",
                    "size-parameter": "limit",
                    "items": "items",
                },
                "responses": {
                    "200": {
                        "description": "a page",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["items"],
                                    "properties": {
                                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}
                                    },
                                }
                            }
                        },
                    }
                },
            },
            "post": {
                "operationId": "addPet",
                "security": [{"oauth": ["write", "read"], "key": []}],
                "requestBody": {
                    "required": True,
                    "description": "a new pet",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}},
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {"photo": {"type": "string", "format": "binary"}},
                            }
                        },
                        "application/octet-stream": {},
                    },
                },
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
                    }
                },
            },
        },
    },
    "components": {
        "securitySchemes": {
            "key": {"type": "apiKey", "in": "query", "name": "api_key", "description": "a key"},
            "basic": {"type": "http", "scheme": "basic"},
            "jwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            "oauth": {
                "type": "oauth2",
                "flows": {
                    "implicit": {"authorizationUrl": "https://example.com/a", "scopes": {"read": "r", "write": "w"}}
                },
            },
        },
        "schemas": {
            "Pet": {
                "type": "object",
                "title": "A pet",
                "required": ["id", "kind"],
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {
                    "id": {"type": "integer", "format": "int64", "readOnly": True, "example": 7},
                    "name": {
                        "type": "string",
                        "nullable": True,
                        "minLength": 1,
                        "maxLength": 50,
                        "pattern": "^[A-Z]",
                        "default": "Rex",
                    },
                    "kind": {"$ref": "#/components/schemas/Kind"},
                    "tags": {"type": "array", "nullable": True, "maxItems": 10, "items": {"type": "string"}},
                    "owner": {
                        "allOf": [{"$ref": "#/components/schemas/Owner"}],
                        "nullable": True,
                        "description": "who",
                    },
                    "body": {
                        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                        "discriminator": {
                            "propertyName": "type",
                            "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"},
                        },
                    },
                    "score": {
                        "anyOf": [{"type": "number", "exclusiveMinimum": True, "minimum": 0}, {"type": "string"}],
                        "nullable": True,
                    },
                    "extra": {"type": "object", "additionalProperties": {"type": "integer"}, "maxProperties": 3},
                    "anything": {"nullable": True, "description": "any value or null"},
                    "secret": {"type": "string", "writeOnly": True, "deprecated": True},
                    "size": {"type": "string", "enum": ["S", "M", None], "nullable": True},
                },
            },
            "NewPet": {
                "allOf": [
                    {"$ref": "#/components/schemas/Pet"},
                    {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
                ]
            },
            "Kind": {"type": "integer", "enum": [1, 2, 3], "description": "kind code"},
            "Owner": {
                "type": "object",
                "properties": {"pets": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}},
            },
            "Cat": {"type": "object", "properties": {"type": {"type": "string"}, "lives": {"type": "integer"}}},
            "Dog": {"type": "object", "properties": {"type": {"type": "string"}, "bark": {"type": "boolean"}}},
            "Alias": {"$ref": "#/components/schemas/Cat"},
            "Free": {},
        },
    },
}

RICH_20: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Rich 2", "version": "1"},
    "host": "api.example.com",
    "basePath": "/v1/",
    "schemes": ["http", "https"],
    "consumes": ["application/json", "application/xml"],
    "produces": ["application/json"],
    "securityDefinitions": {
        "basic": {"type": "basic"},
        "key": {"type": "apiKey", "in": "query", "name": "key"},
        "oauth": {
            "type": "oauth2",
            "flow": "implicit",
            "authorizationUrl": "https://example.com/a",
            "scopes": {"x": "y"},
        },
    },
    "security": [{"basic": []}],
    "paths": {
        "/files/{name}": {
            "parameters": [{"name": "name", "in": "path", "required": True, "type": "string"}],
            "get": {
                "operationId": "getFile",
                "produces": ["application/octet-stream"],
                "parameters": [
                    {
                        "name": "tags",
                        "in": "query",
                        "type": "array",
                        "items": {"type": "string"},
                        "collectionFormat": "multi",
                    },
                    {
                        "name": "sizes",
                        "in": "query",
                        "type": "array",
                        "items": {"type": "integer"},
                        "collectionFormat": "ssv",
                    },
                    {"name": "Authorization", "in": "header", "type": "string", "required": False},
                    {
                        "name": "level",
                        "in": "query",
                        "type": "number",
                        "minimum": 1,
                        "exclusiveMinimum": True,
                        "x-nullable": True,
                    },
                ],
                "responses": {
                    "200": {
                        "description": "the file",
                        "schema": {"type": "string", "format": "binary"},  # `type: file` upsets the validator
                        "headers": {"X-Size": {"type": "integer"}},
                    },
                    "302": {"description": "elsewhere", "headers": {"Location": {"type": "string"}}},
                },
            },
            "post": {
                "operationId": "upload",
                "consumes": ["multipart/form-data"],
                "security": [{"key": []}, {"oauth": ["x"]}],
                "parameters": [
                    {"name": "file", "in": "formData", "type": "file", "required": True},
                    {"name": "note", "in": "formData", "type": "string"},
                ],
                "responses": {"201": {"description": "stored", "schema": {"$ref": "#/definitions/Stored"}}},
            },
            "put": {
                "operationId": "replace",
                "parameters": [
                    {"name": "body", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Stored"}}
                ],
                "responses": {"204": {"description": "replaced"}},
            },
        }
    },
    "definitions": {
        "Stored": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "parent": {"$ref": "#/definitions/Stored"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "state": {"type": "string", "enum": ["new", "old"], "x-nullable": True},
            },
        }
    },
}


@pytest.mark.parametrize(
    ("name", "spec"), [("rich-30.yaml", RICH_30), ("rich-20.yaml", RICH_20)], ids=["openapi-3.0", "swagger-2.0"]
)
def test_round_trip_of_what_the_providers_do_not_use(name: str, spec: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    diagnostics = Diagnostics()
    original = build_api([path], diagnostics=diagnostics, validation="error")
    assert original is not None, [d.format() for d in diagnostics]
    document = export_api(original)
    assert_valid_31(document)
    reloaded = reload(document, tmp_path)
    assert_same_ir(reloaded, original)
    assert export_api(reloaded) == document


def test_cli_export_of_spec_files_with_an_overlay(capsys: pytest.CaptureFixture[str]) -> None:
    getty = ROOT / "specs" / "getty"
    code, out, err = run_cli(
        "export",
        "--spec",
        str(getty / "swagger.yaml"),
        "--overlay",
        str(getty / "repairs.yaml"),
        "--overlay-normalised",
        str(getty / "overlay.yaml"),
        capsys=capsys,
    )
    assert code == 0, err
    assert out == export_json(provider_ir("getty"))


@pytest.mark.parametrize(
    "args",
    [
        ("export",),
        ("export", "getty", "--spec", "specs/getty/swagger.yaml"),
        ("export", "getty", "--overlay", "x.yaml"),
    ],
    ids=["nothing", "provider-and-spec", "overlay-without-spec"],
)
def test_cli_export_usage_errors(args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(*args, capsys=capsys)
    assert (code, out) == (2, "")
    assert "error[E061]" in err and "Traceback" not in err


def test_cli_export_of_an_invalid_spec_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\ninfo: {title: x}\npaths: {}\n", encoding="utf-8")
    out_file = tmp_path / "out.json"
    code, out, err = run_cli("export", "--spec", str(bad), "--out", str(out_file), capsys=capsys)
    assert (code, out) == (2, "")
    assert "error[E020]" in err
    assert list(tmp_path.iterdir()) == [bad]
