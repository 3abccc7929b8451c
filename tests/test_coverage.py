"""What a document leaves untyped or skipped is counted on the ``generate`` line of its package.

Counted on the IR (``generator/core/coverage.py``), so both styles say the same: schemas
typed as any (free-form, or unreadable: the loader fell back to any value with a
warning), parameters and bodies without a schema, operations skipped (callbacks, webhooks).
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from generator.core.coverage import coverage
from generator.core.registry import BUILTIN

if TYPE_CHECKING:  # the name conftest is ambiguous at run time (tests/runtime/conftest.py)
    from conftest import LoadSpec

Cli = Callable[..., subprocess.CompletedProcess[str]]
STYLES = sorted(BUILTIN)
OK = {"200": {"description": "ok"}}

UNTYPED: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Untyped", "version": "1"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {
        "/things": {
            "post": {
                "operationId": "makeThing",
                "parameters": [{"name": "q", "in": "query", "content": {"text/plain": {}}}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "callbacks": {"done": {"{$request.body#/url}": {"post": {"responses": OK}}}},
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "object", "properties": {"extra": {}, "never": False}}
                            }
                        },
                    }
                },
            }
        },
        "/notes": {
            "put": {"operationId": "putNote", "requestBody": {"content": {"application/json": {}}}, "responses": OK}
        },
    },
    "webhooks": {"created": {"post": {"responses": OK}, "delete": {"responses": OK}}},
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "blob": {"description": "anything"}},
            }
        }
    },
}
"""Schemas: Thing, name, blob (free-form), the response object, extra (free-form), never (`false`: unreadable)."""

LINE = re.compile(r"^untyped: (?P<counts>.*) -> .* \(\d+ files\)$", re.MULTILINE)


def generate_line(cli: Cli, tmp_path: Path, spec: dict[str, Any], style: str) -> str:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    done = cli("generate", "--spec", str(path), "--name", "untyped", "--out", str(tmp_path / style), "--style", style)
    assert done.returncode == 0, done.stderr
    match = LINE.search(done.stdout)
    assert match is not None, done.stdout
    return match["counts"]


@pytest.mark.parametrize("style", STYLES)
def test_the_generate_line_counts_what_was_typed_as_any_or_skipped(cli: Cli, tmp_path: Path, style: str) -> None:
    assert generate_line(cli, tmp_path, UNTYPED, style) == (
        "2 operations, 1 schemas (6 counting inline ones), 2 of 6 schemas free-form (typed as any), "
        "1 of 6 schemas unreadable (typed as any), "
        "1 parameters without a schema, 1 bodies without a schema, 3 operations skipped"
    )


def test_a_fully_typed_document_says_nothing_more(cli: Cli, tmp_path: Path) -> None:
    typed = copy.deepcopy({**UNTYPED, "paths": {"/notes": UNTYPED["paths"]["/notes"]}, "webhooks": {}})
    del typed["components"]["schemas"]["Thing"]["properties"]["blob"]
    typed["paths"]["/notes"]["put"]["requestBody"] = {"content": {"application/json": {"schema": {"type": "string"}}}}
    assert generate_line(cli, tmp_path, typed, "python") == "1 operations, 1 schemas (3 counting inline ones)"


def test_counts_are_those_of_the_ir(load_spec: LoadSpec) -> None:
    api, diagnostics = load_spec(UNTYPED)
    assert api is not None
    found = coverage(api, diagnostics.warnings)
    assert (found.operations, found.operations_skipped, found.schema_nodes) == (2, 3, 6)
    assert (found.free_form, found.unread) == (2, 1)
    assert (found.parameters_without_schema, found.bodies_without_schema) == (1, 1)
    # without the loader's warnings nothing can be told unreadable, and nothing skipped is known
    alone = coverage(api, [])
    assert (alone.free_form, alone.unread, alone.operations_skipped) == (3, 0, 0)
