"""Hostile inputs to `generator diff`: schemas that fan out or loop, and ignore files that are not text."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import yaml

from . import harness

FAN_OUT = 12
"""Properties of one schema that each hold the schema itself: 12^8 paths to the walk's depth limit."""


def _node_api(leaf_type: str) -> dict[str, Any]:
    properties: dict[str, Any] = {f"p{i}": {"$ref": "#/components/schemas/Node"} for i in range(FAN_OUT)}
    properties["items"] = {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
    properties["leaf"] = {"type": leaf_type}
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Tree", "version": "1"},
        "paths": {
            "/nodes": {
                "post": {
                    "operationId": "putNode",
                    "requestBody": {"required": True, "content": body},
                    "responses": {"200": {"description": "ok", "content": copy.deepcopy(body)}},
                }
            }
        },
        "components": {"schemas": {"Node": {"type": "object", "properties": properties}}},
    }


def _write(path: Path, spec: dict[str, Any]) -> str:
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return str(path)


def test_a_schema_holding_itself_many_times_is_compared_once_per_direction(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.yaml", _node_api("string"))
    new = _write(tmp_path / "new.yaml", _node_api("integer"))
    outcome = harness.generator("diff", old, new, "--format", "json", "--fail-on", "breaking")
    outcome.check_bounds()
    assert outcome.returncode == 1, outcome.stderr
    assert outcome.seconds < 20
    found = [change["id"] for change in json.loads(outcome.stdout)["changes"]]
    assert found == ["request-property-type-changed", "response-property-type-changed"]


def test_an_ignore_file_that_is_huge_or_binary_is_one_located_error(tmp_path: Path) -> None:
    spec = _write(tmp_path / "api.yaml", _node_api("string"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.write(b"api-server-changed\n" * (1 << 17))  # 2.4 MiB
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"api-server-changed\n\xff\xfe\x00junk\n")
    for path, reason in ((huge, "larger than"), (binary, "not UTF-8")):
        outcome = harness.generator("diff", spec, spec, "--ignore", str(path))
        outcome.check_bounds()
        assert outcome.returncode == 2, outcome.stderr
        assert outcome.stdout == "" and "Traceback" not in outcome.stderr
        errors = [line for line in outcome.stderr.splitlines() if "error[" in line]
        assert len(errors) == 1 and errors[0].startswith(f"{path}#: error[E068]: ") and reason in errors[0]


def test_an_ignore_file_that_is_a_folder_or_a_fifo_does_not_hang(tmp_path: Path) -> None:
    spec = _write(tmp_path / "api.yaml", _node_api("string"))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (tmp_path, fifo):
        outcome = harness.generator("diff", spec, spec, "--ignore", str(path))
        outcome.check_bounds()
        assert outcome.returncode == 2, outcome.stderr
        assert "Traceback" not in outcome.stderr and "error[E" in outcome.stderr


def _enum_api(values: list[str]) -> dict[str, Any]:
    spec = _node_api("string")
    spec["components"]["schemas"]["Node"]["properties"]["kind"] = {"type": "string", "enum": values}
    return spec


def test_enums_of_many_values_compare_in_linear_time_and_short_messages(tmp_path: Path) -> None:
    values = [f"v{i}" for i in range(12_000)]  # the loader's own cost grows faster past this
    old = _write(tmp_path / "old.yaml", _enum_api(values))
    new = _write(tmp_path / "new.yaml", _enum_api(values[::2] + [f"w{i}" for i in range(6_000)]))
    outcome = harness.generator("diff", old, new, "--format", "json")
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr
    changes = json.loads(outcome.stdout)["changes"]
    assert {c["id"] for c in changes} == {
        "request-property-enum-value-removed",
        "request-property-enum-value-added",
        "response-property-enum-value-removed",
        "response-property-enum-value-added",
    }
    assert all(len(c["message"]) < 400 and "and 5990 more" in c["message"] for c in changes)
