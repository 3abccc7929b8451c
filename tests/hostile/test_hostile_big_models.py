"""Big descriptions' shapes of test data: many operations returning one model too large to build a value of
(Microsoft Graph's entities), and a value no acceptable text is found for (loket.nl's patterns).

Each generates within the bounds in every style: the model's value is found too large once, not once per
operation, and a leaf left unmade is written as the plain value made up for it.
"""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest

from . import harness

REF = "#/components/schemas/"
OPERATIONS = 400


def _document(paths: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


def wide_model_everywhere() -> dict[str, Any]:
    """``OPERATIONS`` operations returning ``Wide``: 50 x 50 x 50 properties, past the size of any test value."""

    def wide(target: dict[str, Any]) -> dict[str, Any]:
        return {"type": "object", "properties": {letter: target for letter in string.ascii_letters[:50]}}

    schemas = {
        "Wide": wide({"$ref": REF + "Mid"}),
        "Mid": wide({"$ref": REF + "Leaf"}),
        "Leaf": wide({"type": "integer"}),
    }
    found = {"description": "ok", "content": {"application/json": {"schema": {"$ref": REF + "Wide"}}}}
    key = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    paths = {
        f"/things{i}/{{id}}": {"get": {"operationId": f"getThing{i}", "parameters": [key], "responses": {"200": found}}}
        for i in range(OPERATIONS)
    }
    return _document(paths, schemas)


def unmade_leaf() -> dict[str, Any]:
    """A required property whose example breaks its pattern, and no text made up matches it either."""
    code = {"type": "string", "pattern": "^a$", "minLength": 2, "example": "b"}
    item = {"type": "object", "required": ["code"], "properties": {"code": code, "note": {"type": "string"}}}
    body = {"required": True, "content": {"application/json": {"schema": {"type": "array", "items": item}}}}
    operation = {"operationId": "send", "requestBody": body, "responses": {"204": {"description": "sent"}}}
    return _document({"/items": {"post": operation}}, {})


CASES = {"wide_model_everywhere": wide_model_everywhere(), "unmade_leaf": unmade_leaf()}


@pytest.mark.parametrize("style", harness.GENERATION_STYLES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_big_models_generate_within_bounds(tmp_path: Path, case: str, style: str) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(CASES[case]), encoding="utf-8")
    out = tmp_path / "out"
    outcome = harness.generator("generate", "--spec", str(spec), "--name", "big", "--out", str(out), "--style", style)
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    assert "internal error" not in outcome.stderr
    written = [path for path in out.rglob("*") if path.is_file()]
    assert written
    assert not [path for path in written if "_Unmade" in path.read_text(encoding="utf-8", errors="replace")]
