"""A small document whose schemas refer to each other twice per level: 2^40 places once copied out.

Schemas outside the named ones (``components/schemas``, ``definitions``) are copied where a ``$ref``
uses them; a target used twice by a target used twice... would be copied exponentially often. Past
``MAX_INLINE_SIZE`` nested schemas such a target becomes a model of its own (W015 at it), so the
document generates in seconds, in every style.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from . import harness

DEPTH = 40


def diamond(depth: int) -> dict[str, Any]:
    """One operation returning ``l0``; ``l<i>`` has two properties, both ``$ref: l<i+1>``."""
    defs: dict[str, Any] = {
        f"l{i}": {
            "type": "object",
            "required": ["a", "b"],
            "properties": {"a": {"$ref": f"#/x-defs/l{i + 1}"}, "b": {"$ref": f"#/x-defs/l{i + 1}"}},
        }
        for i in range(depth)
    }
    defs[f"l{depth}"] = {"type": "string", "example": "leaf"}
    schema = {"$ref": "#/x-defs/l0"}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Diamond", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "x-defs": defs,
        "paths": {
            "/x": {
                "post": {
                    "operationId": "sendX",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}},
                }
            }
        },
    }


@pytest.mark.parametrize("style", harness.GENERATION_STYLES)
def test_refs_shared_at_every_level_generate_in_seconds(tmp_path: Path, style: str) -> None:
    spec = tmp_path / "diamond.json"
    spec.write_text(json.dumps(diamond(DEPTH)))
    out = tmp_path / "out"
    outcome = harness.generator(
        "generate", "--spec", str(spec), "--name", "diamond", "--out", str(out), "--style", style
    )
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert "#/x-defs/l" in outcome.stderr and "warning[W015]" in outcome.stderr
    written = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert written < 20 * 1024**2, f"{written} bytes written"
