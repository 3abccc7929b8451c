"""A document whose operations share their models and parameters, as a big API's do: what the tests of work
done once per schema (not once per operation) generate from, in every style."""

from __future__ import annotations

from typing import Any


def shared_models(count: int) -> dict[str, Any]:
    """``count`` operations in two tags, each sending a ``Pass`` (as body members, or a list of them as the whole
    body) with bounded fields, a bounded query parameter and a bounded path parameter, and answering with a
    ``Pass``: what a big API does for many of its operations."""
    model = {"$ref": "#/components/schemas/Pass"}
    answer = {"200": {"description": "ok", "content": {"application/json": {"schema": model}}}}
    parameters = [{"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Id"}]
    whole = {"$ref": "#/components/schemas/Passes"}
    paths = {
        f"/passes{i}/{{id}}": {
            "put": {
                "operationId": f"update{i}",
                "tags": [f"tag{i % 2}"],
                "parameters": parameters,
                "requestBody": {"required": True, "content": {"application/json": {"schema": model}}},
                "responses": answer,
            },
            "post": {
                "operationId": f"addAll{i}",
                "tags": [f"tag{i % 2}"],
                "parameters": parameters,
                "requestBody": {"required": True, "content": {"application/json": {"schema": whole}}},
                "responses": {"204": {"description": "none"}},
            },
        }
        for i in range(count)
    }
    pass_model = {
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string", "maxLength": 8},
            "issued": {"type": "string", "format": "date-time"},
            "lines": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
            "kind": {"type": "string", "enum": ["gift", "ticket"]},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": paths,
        "components": {
            "schemas": {"Pass": pass_model, "Passes": {"type": "array", "items": model, "maxItems": 2}},
            "parameters": {
                "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 9}},
                "Id": {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}},
            },
        },
    }
