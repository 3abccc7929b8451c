"""The generated test suites are tables: more operations add rows, never test functions."""

from __future__ import annotations

import re
from typing import Any

from generator.core.style import PackageSpec
from generator.core.templating import Templates
from generator.diagnostics import Diagnostics
from generator.styles.python import STYLE as PYTHON
from generator.styles.python import stubs as python_stubs
from generator.styles.python.package import build_package as python_package
from generator.styles.typescript import STYLE as TYPESCRIPT
from generator.styles.typescript import stubs as typescript_stubs
from generator.styles.typescript.package import build_package as typescript_package


def _spec(count: int) -> dict[str, Any]:
    """``count`` operations, each with a bounded path parameter, a JSON success and two error statuses."""
    json = {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}
    responses = {
        "200": {"description": "ok", "content": json},
        "404": {"description": "missing"},
        "429": {"description": "slow down"},
    }
    parameter = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
    paths = {
        f"/items{i}/{{id}}": {"get": {"operationId": f"get{i}", "parameters": [parameter], "responses": responses}}
        for i in range(count)
    }
    item = {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}
    return {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": paths,
        "components": {"schemas": {"Item": item}},
    }


def _suites(load_spec: Any, count: int) -> tuple[str, str]:
    api, diagnostics = load_spec(_spec(count))
    assert api is not None, diagnostics.errors
    spec = PackageSpec(package="t", title=None, base_url=None, env_prefix="T", header="")
    python = python_stubs.suite_files(api, python_package(api, spec, Diagnostics()), Templates(PYTHON.templates))
    typescript = typescript_stubs.test_files(
        api, typescript_package(api, spec, Diagnostics()), Templates(TYPESCRIPT.templates)
    )
    return "\n".join(f.text for f in python), "\n".join(f.text for f in typescript if f.path.endswith(".test.ts"))


def test_more_operations_add_rows_not_test_functions(load_spec: Any) -> None:
    few_python, few_typescript = _suites(load_spec, 2)
    python, typescript = _suites(load_spec, 30)
    # one parametrized test per table (requests, decodings, errors, refusals), run on both clients
    tests = re.findall(r"^def (test_\w+)\(", python, re.MULTILINE)
    assert tests == re.findall(r"^def (test_\w+)\(", few_python, re.MULTILINE)
    assert tests == ["test_sends_request", "test_decodes_response", "test_raises_error", "test_refuses_argument"]
    assert python.count('@pytest.mark.parametrize("mode", MODES)') == 4
    for i in range(30):
        for case in ("sends_request", "decodes_200", "404_raises_not_found_error", "429_raises_rate_limit_error"):
            assert f'"get{i}_{case}"' in python
        assert re.search(rf'"get{i}_refuses_id_\w+"', python)
    # TypeScript: no test of its own, each table tested row by row by support.ts
    assert "\ntest(" not in typescript and "\ntest(" not in few_typescript
    for table in ("testRequests(REQUESTS);", "testDecodings(DECODINGS);", "testErrors(ERRORS);"):
        assert table in typescript
    assert typescript.count('name: "get29: throws ') == 2
