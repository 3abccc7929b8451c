"""Work of the TypeScript and Go styles that must not grow with a document's size: found by profiling big documents.

Each test counts the calls of a step that used to be repeated, so it fails where the cost
comes back, however fast the machine is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.core import test_values
from generator.core.registry import find_style
from generator.core.style import PackageSpec, RenderedFile, StyleContext
from generator.core.templating import Templates
from generator.diagnostics import Diagnostics
from generator.ir import Api
from generator.pipeline import build_api
from generator.styles.typescript import stub_cases

PARAMETERS = 12
"""Query parameters of the operation below, each with two bounds a test refuses."""


def _document(tmp_path: Path) -> Path:
    parameters = [
        {"name": f"p{i}", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 9}}
        for i in range(PARAMETERS)
    ]
    answer = {
        "type": "object",
        "properties": {f"f{i}": {"type": "string", "example": f"v{i}"} for i in range(20)},
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Wide", "version": "1"},
        "paths": {
            "/items": {
                "get": {
                    "operationId": "listItems",
                    "parameters": parameters,
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": answer}}},
                        "404": {"description": "missing"},
                        "500": {"description": "broken"},
                    },
                }
            }
        },
    }
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(document))
    return path


def _api(path: Path) -> Api:
    diagnostics = Diagnostics()
    api = build_api([path], diagnostics=diagnostics, validation="off")
    assert api is not None, diagnostics.items
    return api


def _render(api: Api, style_name: str) -> list[RenderedFile]:
    style = find_style(style_name)
    spec = PackageSpec(package="wide", title=None, base_url=None, env_prefix="WIDE", header="header")
    return style.render_package(api, spec, StyleContext(Diagnostics(), Templates(style.templates)))


def test_typescript_tests_write_each_example_once_per_operation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = _api(_document(tmp_path))
    written: list[Any] = []
    original = stub_cases.ts_value

    def counted(value: Any) -> str:
        written.append(value)
        return original(value)

    monkeypatch.setattr(stub_cases, "ts_value", counted)
    files = {f.path: f.text for f in _render(api, "typescript")}
    suite = next(text for path, text in files.items() if path.startswith("test/") and path.endswith(".test.ts"))
    refusals = suite.count("before sending")
    assert refusals >= 2 * PARAMETERS
    # each argument's example and the answer once; a refused value once per refusal
    assert len(written) <= PARAMETERS + 1 + refusals
    answers = [value for value in written if isinstance(value, dict)]
    assert len(answers) == 1  # the answer is the reply of the request row and the body of the decoding row
    assert suite.count(original(answers[0])) >= 2


def test_go_doubles_and_tests_make_each_answer_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_JOBS", "1")  # counted in this process
    api = _api(_document(tmp_path))
    answer = api.operations[0].responses[0].contents[0].schema
    made: list[bool] = []
    original = test_values.example_json

    def counted(index: Any, schema: Any, **options: Any) -> Any:
        if schema is answer:
            made.append(options.get("reading", False))
        return original(index, schema, **options)

    monkeypatch.setattr(test_values, "example_json", counted)
    files = {f.path: f.text for f in _render(api, "go")}
    assert any(path.endswith("fake.go") for path in files)
    assert made == [True]  # the example table's answer, then the tests' from the same index
