"""A long JSON body is written once in a Go test file, as a constant the tests name.

The answer the request test serves, the one the decoding test serves and what it decodes to, the body
the request test expects sent and the argument it is sent from (in every call, refusals' too) were each
written in full (pay-passes: a 26 kB body fifteen times in one
file, the package's tests 8.6 MB). The test files share the package's scope, so two files never give two
constants one name, even for two services' methods of the same name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from go_support import generate, go, go_missing

PASS = {
    "type": "object",
    "properties": {
        "holderName": {"type": "string", "example": "a holder whose name is long enough to make the body a long one"},
        "barcode": {"type": "object", "properties": {"kind": {"type": "string"}, "value": {"type": "string"}}},
    },
}
ANSWER = {
    "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pass"}}}}
}


def _operations(tag: str) -> dict[str, Any]:
    return {
        "get": {"operationId": f"{tag}_list", "tags": [tag], "responses": ANSWER},
        "put": {
            "operationId": f"{tag}_put",
            "tags": [tag],
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pass"}}}},
            "responses": ANSWER,
        },
    }


DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Passes", "version": "1"},
    "servers": [{"url": "https://api.example.test"}],
    "paths": {"/passes": _operations("passes"), "/cards": _operations("cards")},
    "components": {"schemas": {"Pass": PASS}},
}


@pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")
def test_a_long_body_is_one_constant_of_its_test_file_and_the_package_builds_and_passes(tmp_path: Path) -> None:
    spec = tmp_path / "passes.json"
    spec.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    out = tmp_path / "passes"
    result = generate(["generate", "--style", "go", "--spec", str(spec), "--out", str(out), "--name", "passes", "-q"])
    assert result.returncode == 0, result.stdout + result.stderr
    names: list[str] = []
    for path in sorted(out.glob("service_*_test.go")):
        text = path.read_text(encoding="utf-8")
        assert text.count("a holder whose name is long enough") == 1, path.name
        constant = text.split("const (\n\t", 1)[1].split(" ", 1)[0]
        names.append(constant)
        assert text.count(f"body: {constant}}})") == 4, path.name  # both operations' request and decoding tests
        assert f"expectJSON(t, encode(t, out), {constant})" in text  # what the answer decodes to
        assert f"expectJSON(t, got.body, {constant})" in text  # the body sent: the same JSON
        assert f"Body: ptr(decode[Pass](t, {constant}))" in text  # the argument it is sent from
    assert sorted(names) == ["jsonOfList200Answer", "jsonOfList200Answer2"], names
    vet = go(["go", "vet", "./..."], out)
    assert vet.returncode == 0, vet.stdout + vet.stderr
    tested = go(["go", "test", "-count=1", "./..."], out)
    assert tested.returncode == 0, tested.stdout + tested.stderr
