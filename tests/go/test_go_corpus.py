"""``generate --style go --spec FILE`` on large real API descriptions and on hostile names, then ``go vet``.

Real descriptions come from ``../shared/corpus`` (written by others; skipped when absent).
The hostile document holds names that are Go keywords, predeclared identifiers, digits
first, with spaces, quotes, commas and backquotes (which no struct tag can hold), and
descriptions that try to end comments and strings; its package's own tests run too.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from go_support import ROOT, generate, go, go_missing, workspace

pytestmark = pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")

CORPUS = ROOT.parent / "shared" / "corpus"
DOCUMENTS = (
    "swagger2-wide/stripe-spec2.json",
    "swagger2/kubernetes.json",
    "swagger2-wide/github-v3-apisguru.json",
)

_THING = {
    "type": "object",
    "description": "model */ description `raw`",
    "required": ["type", "func"],
    "properties": {
        "type": {"type": "string"},
        "func": {"type": "integer", "minimum": 0},
        "with space": {"type": "string", "description": "prop */"},
        'a"b,c': {"type": "boolean"},
        "`tick`": {"type": "string"},
        "2fast": {"$ref": "#/components/schemas/package"},
        "ID": {"type": "string"},
        "id": {"type": "string"},
        "self": {"$ref": "#/components/schemas/map"},
    },
}
HOSTILE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": 'Hostile */ API "quoted" `raw`', "version": "1.0 */ `x`", "description": "Ends */ and /* opens"},
    "servers": [{"url": "https://api.example.test/v1"}],
    "tags": [{"name": "func", "description": "tag */"}, {"name": "default"}],
    "paths": {
        "/things/{type}/{go}": {
            "get": {
                "operationId": "range",
                "tags": ["func"],
                "summary": "summary */ with an end",
                "parameters": [
                    {"name": "type", "in": "path", "required": True, "schema": {"type": "string", "minLength": 2}},
                    {"name": "go", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[a-z]+$"}},
                    {"name": "ctx", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10}},
                    {"name": "params", "in": "query", "schema": {"type": "string", "enum": ['a"b', "c*/d", "2fast"]}},
                    {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                    {"name": "with space", "in": "query", "schema": {"type": "string", "format": "uuid"}},
                    {
                        "name": "err",
                        "in": "query",
                        "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 2, "uniqueItems": True},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "ok */",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/struct"}}},
                    },
                    "404": {"description": "missing"},
                },
                "security": [{"interface": []}],
            }
        },
        "/things": {
            "post": {
                "operationId": "select",
                "tags": ["func"],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/struct"}}},
                },
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/chan"}}},
                    }
                },
            },
            "delete": {"operationId": "New", "responses": {"204": {"description": "gone"}}},
        },
        "/raw": {
            "put": {
                "operationId": "2fast",
                "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string"}}}},
                "responses": {"200": {"description": "the file", "content": {"image/png": {"schema": {}}}}},
            }
        },
    },
    "components": {
        "securitySchemes": {"interface": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        "schemas": {
            "struct": _THING,
            "package": {"type": "string", "enum": ["x'y", "*/", "`", "type"]},
            "map": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/map"}}},
            "chan": {"oneOf": [{"$ref": "#/components/schemas/struct"}, {"type": "integer"}]},
            "Client": {"type": "object", "additionalProperties": {"type": "integer"}},
        },
    },
}


def _generate(spec: Path, out: Path, name: str) -> str:
    """What went wrong generating ``spec`` into ``out``, or "" when it generated."""
    result = generate(["generate", "--style", "go", "--spec", str(spec), "--out", str(out), "--name", name, "-q"])
    return "" if result.returncode == 0 else result.stdout + result.stderr


@pytest.fixture(scope="module")
def vetted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Document -> (its package, what went wrong): generated two at a time, then one ``go vet`` for them all."""
    root = tmp_path_factory.mktemp("go-corpus")
    hostile = root / "hostile.json"
    hostile.write_text(json.dumps(HOSTILE), encoding="utf-8")
    jobs = {document: (CORPUS / document, root / Path(document).stem.replace("-", "_")) for document in DOCUMENTS}
    jobs = {document: job for document, job in jobs.items() if job[0].is_file()}
    jobs["hostile"] = (hostile, root / "go")
    with ThreadPoolExecutor(max_workers=2) as pool:
        made = dict(zip(jobs, pool.map(lambda job: _generate(job[0], job[1], job[1].name), jobs.values()), strict=True))
    built = [out for document, (_, out) in jobs.items() if not made[document]]
    work = workspace(built, root / "go.work")
    vet = go(["go", "vet", *(f"./{out.name}/..." for out in built)], root, work=work) if built else None
    results = {}
    for document, (_, out) in jobs.items():
        problem = made[document]
        if not problem and vet is not None and vet.returncode != 0:  # said per package only when something is wrong
            alone = go(["go", "vet", "./..."], out)
            problem = alone.stdout + alone.stderr if alone.returncode != 0 else ""
        results[document] = (out, problem)
    return results


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_large_real_description_generates_go_that_vets(document: str, vetted: dict[str, tuple[Path, str]]) -> None:
    if document not in vetted:
        pytest.skip(f"{CORPUS / document} is absent (../shared/corpus is written by others)")
    assert vetted[document][1] == ""


def test_hostile_names_generate_go_that_vets_and_passes_its_tests(vetted: dict[str, tuple[Path, str]]) -> None:
    out, problem = vetted["hostile"]
    assert problem == ""
    tested = go(["go", "test", "-count=1", "./..."], out)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    models = (out / "models.go").read_text(encoding="utf-8")
    assert "func (m Struct) MarshalJSON()" in models  # the names no tag can hold are written by hand
