"""Quirks of real specs that other generators choke on: each one generates a typed, working client.

Two documents, one per format, each with every quirk: ``type: file`` responses
(Swagger 2.0), ``additionalProperties: false``, nullable path parameters, names
that collide after case conversion (operations, properties, models), an empty
``responses`` object (a warning, not an error), a ``required`` list naming a
property twice, and a ``$ref`` to a file beside the spec. They are generated
with the default validation, then type-checked with ``mypy --strict`` and their
own generated tests run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PYTHON = sys.executable

COMMON = {
    "Thing": {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "integer"}, "label": {"type": "string"}},
    }
}


def item_schema(ref_prefix: str) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["fooBar", "fooBar", "foo_bar"],
        "properties": {
            "fooBar": {"type": "string"},
            "foo_bar": {"type": "integer"},
            "FooBar": {"type": "boolean"},
            "thing": {"$ref": "common.json#/Thing"},
            "pet": {"$ref": f"{ref_prefix}pet"},
        },
    }


def swagger2() -> dict[str, Any]:
    nullable_id = {"name": "id", "in": "path", "required": True, "type": "string", "x-nullable": True}
    return {
        "swagger": "2.0",
        "info": {"title": "Quirks 2", "version": "1"},
        "host": "api.example.com",
        "basePath": "/v1",
        "schemes": ["https"],
        "paths": {
            "/items/{id}": {
                "get": {
                    "operationId": "getItem",
                    "parameters": [nullable_id],
                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Item"}}},
                },
                "put": {"operationId": "get_item", "parameters": [nullable_id], "responses": {}},
            },
            "/items/{id}/image": {
                "get": {
                    "operationId": "GetItemImage",
                    "produces": ["image/png"],
                    "parameters": [nullable_id],
                    "responses": {"200": {"description": "the image", "schema": {"type": "file"}}},
                }
            },
        },
        "definitions": {
            "Item": item_schema("#/definitions/"),
            "pet": {"type": "object", "properties": {"name": {"type": "string"}}},
            "Pet": {"type": "object", "properties": {"age": {"type": "integer"}}},
        },
    }


def openapi31() -> dict[str, Any]:
    nullable_id = {"name": "id", "in": "path", "required": True, "schema": {"type": ["string", "null"]}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Quirks 3", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "paths": {
            "/items/{id}": {
                "get": {
                    "operationId": "getItem",
                    "parameters": [nullable_id],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
                        }
                    },
                },
                "put": {"operationId": "get_item", "parameters": [nullable_id], "responses": {}},
            },
            "/items/{id}/image": {
                "get": {
                    "operationId": "GetItemImage",
                    "parameters": [nullable_id],
                    "responses": {
                        "200": {
                            "description": "the image",
                            "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Item": item_schema("#/components/schemas/"),
                "pet": {"type": "object", "properties": {"name": {"type": "string"}}},
                "Pet": {"type": "object", "properties": {"age": {"type": "integer"}}},
            }
        },
    }


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    root = tmp_path_factory.mktemp("quirks")
    (root / "common.json").write_text(json.dumps(COMMON), encoding="utf-8")
    made: dict[str, tuple[Path, str]] = {}
    for name, document in (("quirks_swagger", swagger2()), ("quirks_openapi", openapi31())):
        spec = root / f"{name}.json"
        spec.write_text(json.dumps(document, indent=2), encoding="utf-8")
        result = subprocess.run(
            [PYTHON, "-m", "generator", "generate", "--spec", str(spec), "--name", name, "--out", str(root / name)],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        made[name] = (root / name, result.stderr)
    return made


@pytest.mark.parametrize("name", ["quirks_swagger", "quirks_openapi"])
def test_an_empty_responses_object_is_a_located_warning(packages: dict[str, tuple[Path, str]], name: str) -> None:
    warnings = [line for line in packages[name][1].splitlines() if "warning[W004]" in line]
    assert len(warnings) == 1 and "#/paths/~1items~1{id}/put/responses:" in warnings[0], packages[name][1]
    assert "error[" not in packages[name][1]


@pytest.mark.parametrize("name", ["quirks_swagger", "quirks_openapi"])
def test_colliding_names_all_survive(packages: dict[str, tuple[Path, str]], name: str) -> None:
    out = packages[name][0]
    code = (
        f"import {name} as p, inspect\n"
        "c = p.QuirksSwagger if hasattr(p, 'QuirksSwagger') else p.QuirksOpenapi\n"
        "m = p.models\n"
        "ops = [n for n in dir(c(api_key=None) if False else c) if 'item' in n.lower()]\n"
        "fields = sorted(m.Item.__dataclass_fields__)\n"
        "models = sorted(n for n in m.__all__ if n.lower() == 'pet' or n.lower().startswith('pet'))\n"
        "print(len(fields), len(models))\n"
    )
    result = subprocess.run([PYTHON, "-c", code], cwd=out, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    field_count, model_count = map(int, result.stdout.split())
    assert field_count >= 5 + 2  # fooBar, foo_bar, FooBar, thing, pet + additional_properties, raw_response
    assert model_count == 2
    resources = "\n".join(p.read_text("utf-8") for p in (out / name / "resources").glob("*.py"))
    assert resources.count("def get_item") >= 2 * 2  # getItem and get_item, sync and async, under two names


def test_mypy_strict_and_the_generated_tests_pass(packages: dict[str, tuple[Path, str]]) -> None:
    roots = [out for out, _ in packages.values()]
    mypy = subprocess.run(
        [PYTHON, "-m", "mypy", "--strict", *(arg for name in packages for arg in ("-p", name))],
        env={**os.environ, "MYPYPATH": os.pathsep.join(map(str, roots))},
        cwd=roots[0].parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout
    for out in roots:
        tests = subprocess.run(
            [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
            cwd=out,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert tests.returncode == 0, tests.stdout[-3000:]


def test_a_schema_error_deep_in_the_document_is_located_from_its_root(tmp_path: Path) -> None:
    document = openapi31()
    document["components"]["schemas"]["pet"]["properties"]["name"]["type"] = "strin"
    (tmp_path / "common.json").write_text(json.dumps(COMMON), encoding="utf-8")
    spec = tmp_path / "typo.json"
    spec.write_text(json.dumps(document, indent=2), encoding="utf-8")
    result = subprocess.run(
        [PYTHON, "-m", "generator", "generate", "--spec", str(spec), "--name", "typo", "--out", str(tmp_path / "out")],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 2
    assert "typo.json#/components/schemas/pet/properties/name/type:" in result.stderr, result.stderr
