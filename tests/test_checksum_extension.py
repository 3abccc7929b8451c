"""``x-checksum``: read into the IR, kept through the export, planned for the save helpers, refused when malformed.

A malformed or misplaced extension is one located E070 line and exit 2 (the CLI run as a
user runs it); a good one reaches the presigned and redirect helpers' plans.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.core.operations import HelperKind, helper_plans
from generator.diagnostics import Diagnostics
from generator.export import export_api
from generator.ir import DeclaredChecksum
from generator.pipeline import build_api

ROOT = Path(__file__).resolve().parents[1]


def spec(presigned_checksum: Any = None, redirect_checksum: Any = None) -> dict[str, Any]:
    link = {"type": "object", "properties": {"url": {"type": "string"}, "md5": {"type": "string"}}}
    presigned: dict[str, Any] = {
        "description": "a link",
        "content": {"application/json": {"schema": link}},
        "x-presigned-url": {"url": "url"},
    }
    if presigned_checksum is not None:
        presigned["x-checksum"] = presigned_checksum
    redirect: dict[str, Any] = {
        "description": "to the file",
        "headers": {"Location": {"schema": {"type": "string"}}},
        "x-redirect-trigger": {"parameter": "redirect", "value": True},
    }
    if redirect_checksum is not None:
        redirect["x-checksum"] = redirect_checksum
    ident = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    trigger = {"name": "redirect", "in": "query", "schema": {"type": "boolean"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Files", "version": "1"},
        "paths": {
            "/links/{id}": {"get": {"operationId": "getLink", "parameters": ident, "responses": {"200": presigned}}},
            "/files/{id}": {
                "get": {
                    "operationId": "getFile",
                    "parameters": [*ident, trigger],
                    "responses": {"200": {"description": "ok"}, "303": redirect},
                }
            },
        },
    }


def ir(tmp_path: Path, document: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "files.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    command = [sys.executable, "-m", "generator", "ir", "--spec", str(path), "-q"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


BAD = [
    ("not-an-object", "sha256", None, "/~1links~1{id}/get/responses/200/x-checksum", "must be an object"),
    ("unknown-key", {"field": "md5", "algorithm": "md5", "hash": 1}, None, "/x-checksum/hash", "unknown key"),
    ("both", {"field": "md5", "header": "X-MD5", "algorithm": "md5"}, None, "/x-checksum", "exactly one"),
    ("neither", {"algorithm": "md5"}, None, "/x-checksum", "exactly one"),
    ("no-algorithm", {"field": "md5"}, None, "/x-checksum", "needs 'algorithm'"),
    ("bad-algorithm", {"field": "md5", "algorithm": "sha1"}, None, "/x-checksum/algorithm", "one of"),
    ("bad-encoding", {"field": "md5", "algorithm": "md5", "encoding": "b64"}, None, "/x-checksum/encoding", "one of"),
    ("empty-field", {"field": "", "algorithm": "md5"}, None, "/x-checksum/field", "non-empty"),
    ("field-not-in-body", {"field": "sha", "algorithm": "md5"}, None, "/x-checksum", "no property 'sha'"),
    ("header-on-presigned", {"header": "X-MD5", "algorithm": "md5"}, None, "/x-checksum", "redirect"),
    ("field-on-redirect", None, {"field": "md5", "algorithm": "md5"}, "/303/x-checksum", "presigned link"),
]


@pytest.mark.parametrize(("presigned", "redirect", "pointer", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_malformed_or_misplaced_x_checksum_is_one_located_error(
    tmp_path: Path, presigned: Any, redirect: Any, pointer: str, words: str
) -> None:
    result = ir(tmp_path, spec(presigned, redirect))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if "error[" in line]
    assert len(errors) == 1, result.stderr
    location, _, message = errors[0].partition(": error[E070]: ")
    assert re.fullmatch(rf".*files\.yaml#/paths.*{re.escape(pointer)}(:\d+)?", location), errors
    assert words in message, errors


def test_a_declared_checksum_reaches_the_ir_and_the_helpers_plans(tmp_path: Path) -> None:
    document = spec({"field": "md5", "algorithm": "md5"}, {"header": "X-Checksum-Sha256", "algorithm": "sha256"})
    document["paths"]["/files/{id}"]["get"]["responses"]["303"]["x-checksum"]["encoding"] = "base64"
    path = tmp_path / "files.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    api = build_api([path], diagnostics=Diagnostics())
    assert api is not None
    by_id = {op.operation_id: op for op in api.operations}
    declared = [b for op in api.operations for b in op.behaviours if isinstance(b, DeclaredChecksum)]
    assert [(d.status, d.algorithm, d.encoding, d.body_field, d.header) for d in declared] == [
        ("200", "md5", "hex", "md5", None),
        ("303", "sha256", "base64", None, "X-Checksum-Sha256"),
    ]
    plans = {oid: [(p.kind, p.checksum) for p in helper_plans(lambda s: s, op, by_id.get)] for oid, op in by_id.items()}
    assert (HelperKind.SAVE_PRESIGNED, declared[0]) in plans["getLink"]
    assert (HelperKind.SAVE_REDIRECT, declared[1]) in plans["getFile"]
    exported = export_api(api)["paths"]
    assert exported["/links/{id}"]["get"]["responses"]["200"]["x-checksum"] == {
        "field": "md5",
        "algorithm": "md5",
        "encoding": "hex",
    }
    assert exported["/files/{id}"]["get"]["responses"]["303"]["x-checksum"]["header"] == "X-Checksum-Sha256"
