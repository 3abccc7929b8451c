"""Documents whose schemas nest through ``allOf`` so that copying them grows without bound: each generates
within the bounds, in both styles, with a handful of warnings instead of one per copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from . import harness

REF = "#/components/schemas/"


def document(schemas: dict[str, Any], root: str) -> dict[str, Any]:
    body = {"content": {"application/json": {"schema": {"$ref": REF + root}}}}
    operation = {"operationId": "send", "requestBody": body, "responses": {"200": body | {"description": "ok"}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/x": {"post": operation}},
        "components": {"schemas": schemas},
    }


def annotated_chain(depth: int) -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for i in range(depth):
        part = {"allOf": [{"$ref": f"{REF}L{i + 1}"}, {"description": f"level {i + 1}"}]}
        schemas[f"L{i}"] = {"type": "object", "required": ["a", "b"], "properties": {"a": part, "b": part}}
    schemas[f"L{depth}"] = {"type": "object", "properties": {"s": {"type": "string"}}}
    return document(schemas, "L0")


def merged_chain(depth: int) -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for i in range(depth):
        both = {"allOf": [{"$ref": f"{REF}A{i + 1}"}, {"$ref": f"{REF}B{i + 1}"}]}
        schemas[f"A{i}"] = {"type": "object", "required": ["p"], "properties": {"p": both}}
        schemas[f"B{i}"] = {"type": "object", "required": ["q"], "properties": {"q": both}}
    schemas[f"A{depth}"] = {"type": "object", "properties": {"s": {"type": "string"}}}
    schemas[f"B{depth}"] = {"type": "object", "properties": {"t": {"type": "string"}}}
    return document(schemas, "A0")


CASES = {
    "annotated": annotated_chain(40),  # allOf: [{$ref}, {description}] at every level (AWS documents)
    "merged": merged_chain(40),  # allOf of two references whose properties are such allOfs again
}


@pytest.mark.parametrize("style", harness.GENERATION_STYLES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_nested_all_of_generates_within_bounds(tmp_path: Path, case: str, style: str) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(CASES[case]), encoding="utf-8")
    outcome = harness.generator(
        "generate", "--spec", str(spec), "--name", "grown", "--out", str(tmp_path / "out"), "--style", style
    )
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    warnings = [line for line in outcome.stderr.splitlines() if "warning[" in line]
    assert not [w for w in warnings if "W005" in w], warnings[:5]
    assert len(warnings) <= 10, warnings[:12]
    if case == "merged":
        assert any("warning[W015]" in w and "#/components/schemas/" in w for w in warnings)
