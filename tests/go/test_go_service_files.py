"""Service file names go build reads as they are: never a test file, never built for one system or processor only.

A tag ``test`` once made ``service_test.go``, which go build reads as a test file (its
service type then undefined in the package); ``iOS`` or ``windows`` make a file built for
that system only, ``arm64`` one for that processor; ``a_b`` and ``ab`` made one file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from go_support import generate, go, go_missing

from generator.styles.go.package import _module

TAGS = ["test", "iOS", "windows", "arm64", "a_b", "ab"]
DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Tags", "version": "1"},
    "servers": [{"url": "https://api.example.test"}],
    "paths": {
        f"/{i}": {
            "get": {
                "operationId": f"get{i}",
                "tags": [tag],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}}}}
                        },
                    }
                },
            }
        }
        for i, tag in enumerate(TAGS)
    },
}


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("test", "service_testapi"),
        ("ios", "service_iosapi"),
        ("amd64", "service_amd64api"),
        ("a_b", "service_ab"),
        ("", "service_api"),
        ("photos", "service_photos"),
    ],
)
def test_a_service_file_name_ends_in_no_word_go_build_reads(name: str, module: str) -> None:
    assert _module(name) == module


@pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")
def test_every_service_of_such_tags_builds_and_passes_its_tests(tmp_path: Path) -> None:
    spec = tmp_path / "tags.json"
    spec.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    out = tmp_path / "tags"
    result = generate(["generate", "--style", "go", "--spec", str(spec), "--out", str(out), "--name", "tags", "-q"])
    assert result.returncode == 0, result.stdout + result.stderr
    services = sorted(p.name for p in out.glob("service_*.go") if not p.name.endswith("_test.go"))
    assert services == [
        "service_ab.go",
        "service_ab2.go",
        "service_arm64api.go",
        "service_iosapi.go",
        "service_testapi.go",
        "service_windowsapi.go",
    ]
    vet = go(["go", "vet", "./..."], out)
    assert vet.returncode == 0, vet.stdout + vet.stderr
    tested = go(["go", "test", "-count=1", "./..."], out)
    assert tested.returncode == 0, tested.stdout + tested.stderr
