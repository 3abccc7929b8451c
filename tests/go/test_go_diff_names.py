"""``diff`` speaks of Go names: each change says what it means as ``Service.Method()`` and exported fields."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostics
from generator.diff import diff_apis
from generator.pipeline import build_api

IMAGE = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Images", "version": "1"},
    "servers": [{"url": "https://api.example.com/v1"}],
    "components": {"schemas": {"Image": IMAGE}},
    "paths": {
        "/images/{id}": {
            "get": {
                "operationId": "get_image",
                "tags": ["image library"],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "size", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Image"}}},
                    }
                },
            }
        }
    },
}


def _meanings(tmp_path: Path, edit: Any) -> dict[str, dict[str, str]]:
    apis = []
    for name, spec in (("old", BASE), ("new", edit(copy.deepcopy(BASE)))):
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(spec), encoding="utf-8")
        diagnostics = Diagnostics()
        api = build_api([path], diagnostics=diagnostics)
        assert api is not None, [d.format() for d in diagnostics]
        apis.append(api)
    return {c.kind: c.meaning for c in diff_apis(apis[0], apis[1])}


def _get(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/images/{id}"]["get"]
    return operation


def test_a_change_names_the_go_service_method_and_field(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> dict[str, Any]:
        _get(spec)["parameters"][1]["required"] = True
        spec["components"]["schemas"]["Image"]["properties"]["alt_text"] = {"type": "string"}
        return spec

    found = _meanings(tmp_path, change)
    required = found["request-parameter-became-required"]["go"]
    assert "`ImageLibrary.GetImage()`" in required and "`Size`" in required, required
    added = found["response-optional-property-added"]["go"]
    assert "`AltText`" in added and "`ImageLibrary.GetImage()`" in added, added


def test_a_download_helper_change_names_the_go_helper(tmp_path: Path) -> None:
    def presigned(spec: dict[str, Any]) -> dict[str, Any]:
        spec["components"]["schemas"]["Image"]["properties"]["url"] = {"type": "string", "format": "uri"}
        _get(spec)["responses"]["200"]["x-presigned-url"] = {"url": "url"}
        return spec

    added = _meanings(tmp_path, presigned)["presigned-download-added"]["go"]
    assert "`ImageLibrary.GetImageToFile()`" in added, added
