"""Synthetic OpenAPI 3.0 documents of N operations, the same shape at every N, for the scaling section.

A document of N operations has 20 tags and 50 shared models (each with a
string, an integer, an enum, an array and a reference to the next model), and
N operations on N/2 paths ``/r{i}/{id}``: a ``get`` with a path parameter and
two query parameters answering a model, and a ``post`` taking a model and
answering another. N = 0 is the empty document: what a run costs before the
first operation, subtracted when the scaling exponent is computed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TAGS = 20
MODELS = 50
SIZES = (0, 500, 1000, 5000)
SMOKE_SIZES = (0, 10, 20)


def document(operations: int) -> dict[str, Any]:
    """An OpenAPI 3.0.3 document of exactly ``operations`` operations (see the module's docstring)."""
    paths: dict[str, Any] = {}
    for index in range(operations):
        path = f"/r{index // 2}/{{id}}"
        item = paths.setdefault(path, {})
        model = _ref(index % MODELS)
        tag = f"group{index % TAGS}"
        common = {"tags": [tag], "summary": f"Operation {index} of the synthetic API."}
        if index % 2 == 0:
            item["get"] = {
                **common,
                "operationId": f"getR{index // 2}",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {"200": _answer(model), "404": {"description": "Not found."}},
            }
        else:
            item["post"] = {
                **common,
                "operationId": f"postR{index // 2}",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
                ],
                "requestBody": {"required": True, "content": {"application/json": {"schema": model}}},
                "responses": {"201": _answer(_ref((index + 1) % MODELS))},
            }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Synthetic", "version": "1.0.0", "description": f"{operations} operations."},
        "servers": [{"url": "https://api.example.com/v1"}],
        "tags": [{"name": f"group{t}", "description": f"Group {t}."} for t in range(TAGS)] if operations else [],
        "paths": paths,
        "components": {"schemas": _models()} if operations else {},
    }


def write(folder: Path, operations: int) -> Path:
    path = folder / f"synthetic-{operations}.json"
    path.write_text(json.dumps(document(operations), indent=1), encoding="utf-8")
    return path


def exponent(points: Sequence[tuple[int, float]], empty: float) -> float | None:
    """The least-squares slope of log(time - empty) on log(operations); None when it cannot be taken."""
    pairs = [(math.log(n), math.log(t - empty)) for n, t in points if n > 0 and t > empty]
    if len(pairs) < 2 or len(pairs) != len([n for n, _ in points if n > 0]):
        return None
    mean_x = sum(x for x, _ in pairs) / len(pairs)
    mean_y = sum(y for _, y in pairs) / len(pairs)
    spread = sum((x - mean_x) ** 2 for x, _ in pairs)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in pairs) / spread


def _ref(index: int) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/Model{index}"}


def _answer(schema: dict[str, str]) -> dict[str, Any]:
    return {"description": "The resource.", "content": {"application/json": {"schema": schema}}}


def _models() -> dict[str, Any]:
    return {
        f"Model{m}": {
            "type": "object",
            "description": f"Model {m}.",
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string", "maxLength": 200},
                "count": {"type": "integer", "format": "int32"},
                "state": {"type": "string", "enum": ["new", "active", "gone"]},
                "labels": {"type": "array", "items": {"type": "string"}},
                "next": {"$ref": f"#/components/schemas/Model{(m + 1) % MODELS}"},
            },
        }
        for m in range(MODELS)
    }
