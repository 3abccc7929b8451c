"""What a cold run pays for: only the work its input needs.

Each case runs in a new interpreter, so what it imports is what a run of the
generator imports. openapi-spec-validator (with openapi-schema-validator and
pydantic under it: about 20 MiB and a third of a second) is imported only when
``fastcheck`` cannot prove a document clean; when it runs, it evaluates patterns
with RE2.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PROBE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from generator.diagnostics import Diagnostics
    from generator.pipeline import build_api

    diagnostics = Diagnostics()
    api = build_api([Path(sys.argv[1])], diagnostics=diagnostics)
    engine = None
    if "openapi_schema_validator" in sys.modules:
        from openapi_schema_validator import _regex
        engine = getattr(_regex._REGEX_CLASS, "__name__", None)
    print(json.dumps({
        "loaded": api is not None,
        "errors": [d.code for d in diagnostics.errors],
        "validator": "openapi_schema_validator" in sys.modules,
        "pydantic": "pydantic" in sys.modules,
        "engine": engine,
    }))
    """)


def _document(code: dict[str, object]) -> dict[str, object]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Images", "version": "1"},
        "paths": {
            "/images/{code}": {
                "get": {
                    "operationId": "getImage",
                    "parameters": [{"name": "code", "in": "path", "required": True, "schema": code}],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    }


def _probe(tmp_path: Path, code: dict[str, object]) -> dict[str, object]:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(_document(code)), encoding="utf-8")
    env = {"GENERATOR_NO_CACHE": "1", "GENERATOR_JOBS": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(spec)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_document_fastcheck_proves_clean_never_imports_the_validator(tmp_path: Path) -> None:
    result = _probe(tmp_path, {"type": "string", "pattern": "^[a-z]{2}[0-9]$", "default": "ab1"})
    assert result["loaded"] is True and result["errors"] == []
    assert result["validator"] is False
    assert result["pydantic"] is False


def test_the_validator_runs_with_the_linear_engine_when_it_runs(tmp_path: Path) -> None:
    dated = {"type": "string", "format": "date", "pattern": "^[0-9-]+$", "default": "2024-01-31"}
    result = _probe(tmp_path, dated)  # fastcheck leaves a default with a format to the validator
    assert result["loaded"] is True and result["errors"] == []
    assert result["validator"] is True
    assert result["engine"] == "LinearRegex"
