"""``generate --style typescript --spec FILE`` on real API descriptions and on hostile names, then tsc --strict.

Real descriptions come from ``../shared/corpus`` (written by others). The hostile spec is
written here: names that are reserved words, prototype keys, digits first or with
spaces, and descriptions that try to close comments and strings. Every package is
type-checked under --strict; the hostile one is compiled and its generated tests run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml
from ts_support import ROOT, TYPE_ROOTS, node_missing, node_test, tap_counts, tsc

pytestmark = pytest.mark.skipif(node_missing() is not None, reason=node_missing() or "")

CORPUS = ROOT.parent / "shared" / "corpus"
DOCUMENTS = (
    "oas30/xkcd.json",
    "swagger2/oai-petstore.yaml",
    "oas31/train-travel.yaml",
    "oas30/giphy.json",
    "oas31/webscraping-ai.json",
)

HOSTILE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": 'Hostile */ API </script> "quoted"',
        "version": "1.0 */ `${x}`",
        "description": "Ends a comment */ and opens one /* with @param noise\n\nand `${injection}`",
    },
    "servers": [{"url": "https://api.example.test/v1"}],
    "tags": [{"name": "class", "description": "tag */ description"}, {"name": "default"}],
    "paths": {
        "/things/{class}/{__proto__}": {
            "get": {
                "operationId": "constructor",
                "tags": ["class"],
                "summary": "summary */ with an end",
                "parameters": [
                    {"name": "class", "in": "path", "required": True, "schema": {"type": "string", "minLength": 2}},
                    {
                        "name": "__proto__",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[a-z]+$"},
                    },
                    {"name": "options", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10}},
                    {"name": "params", "in": "query", "schema": {"type": "string", "enum": ['a"b', "c*/d", "2fast"]}},
                    {"name": "X-Trace", "in": "header", "description": "header */", "schema": {"type": "string"}},
                    {"name": "with space", "in": "query", "schema": {"type": "string", "format": "uuid"}},
                    {
                        "name": "path",
                        "in": "query",
                        "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 2, "uniqueItems": True},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "ok */",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/class"}}},
                    },
                    "404": {"description": "missing"},
                },
                "security": [{"__proto__": []}],
            }
        },
        "/things": {
            "post": {
                "operationId": "__proto__",
                "tags": ["class"],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/constructor"}}},
                },
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/2fast"}}},
                    }
                },
            },
            "delete": {"operationId": "delete", "responses": {"204": {"description": "gone"}}},
        },
        "/raw": {
            "put": {
                "operationId": "2fast",
                "tags": ["default"],
                "requestBody": {
                    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
                },
                "responses": {
                    "200": {
                        "description": "the file",
                        "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
                    }
                },
            }
        },
    },
    "components": {
        "securitySchemes": {"__proto__": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        "schemas": {
            "class": {
                "type": "object",
                "description": "model */ description",
                "required": ["constructor", "__proto__"],
                "properties": {
                    "constructor": {"type": "string"},
                    "__proto__": {"type": "integer", "minimum": 0},
                    "with space": {"type": "string", "description": "prop */"},
                    "*/": {"type": "boolean"},
                    "2fast": {"$ref": "#/components/schemas/with_space"},
                    "toString": {"type": "string"},
                },
            },
            "constructor": {
                "type": "object",
                "required": ["class", "__proto__"],
                "properties": {
                    "class": {"type": "string", "maxLength": 5},
                    "__proto__": {"type": "integer", "maximum": 9},
                    "options": {"type": "array", "items": {"$ref": "#/components/schemas/Promise"}},
                },
            },
            "with_space": {"type": "string", "enum": ["x'y", "*/", "</script>"]},
            "Promise": {
                "type": "object",
                "properties": {
                    "then": {"type": "string", "format": "date-time"},
                    "Error": {"$ref": "#/components/schemas/Error"},
                },
            },
            "Error": {"type": "object", "additionalProperties": {"type": "integer"}},
            "2fast": {"oneOf": [{"$ref": "#/components/schemas/class"}, {"type": "null"}]},
            "Recursive": {
                "type": "object",
                "properties": {
                    "self": {"$ref": "#/components/schemas/Recursive"},
                    "list": {"type": "array", "items": {"$ref": "#/components/schemas/Recursive"}},
                },
            },
        },
    },
}


GENERATE = (sys.executable, "-m", "generator", "generate", "--style", "typescript")


def generate(spec: Path, out: Path, name: str, validation: str = "warn") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GENERATE, "--spec", str(spec), "--out", str(out), "--name", name, "--validation", validation, "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=300,
        check=False,
    )


def write_tsconfig(folder: Path, packages: list[str]) -> Path:
    config = {
        "compilerOptions": {
            "target": "ES2022",
            "module": "NodeNext",
            "moduleResolution": "NodeNext",
            "lib": ["ES2022", "DOM", "DOM.Iterable"],
            "types": ["node"],
            "typeRoots": [str(TYPE_ROOTS)],
            "strict": True,
            "noUncheckedIndexedAccess": True,
            "isolatedModules": True,
            "verbatimModuleSyntax": True,
            "skipLibCheck": True,
            "noEmit": True,
        },
        "include": [f"{p}/{part}" for p in packages for part in ("src", "test")],
    }
    path = folder / "tsconfig.json"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus_packages(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, subprocess.CompletedProcess[str]]]:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not at {CORPUS}")
    folder = tmp_path_factory.mktemp("ts-corpus")
    names = {doc: doc.replace("/", "_").replace(".", "_").replace("-", "_") for doc in DOCUMENTS}
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {doc: pool.submit(generate, CORPUS / doc, folder / names[doc], names[doc]) for doc in DOCUMENTS}
        return folder, {doc: run.result() for doc, run in runs.items()}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_corpus_document_generates(document: str, corpus_packages: tuple[Path, dict[str, Any]]) -> None:
    result = corpus_packages[1][document]
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_corpus_packages_type_check_under_strict(corpus_packages: tuple[Path, dict[str, Any]]) -> None:
    folder, runs = corpus_packages
    generated = [p.name for p in sorted(folder.iterdir()) if (p / "src" / "index.ts").exists()]
    assert len(generated) == sum(1 for r in runs.values() if r.returncode == 0) > 0
    result = tsc(write_tsconfig(folder, generated), "--strict")
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr


def test_hostile_names_compile_and_pass_their_tests(tmp_path: Path) -> None:
    spec = tmp_path / "hostile.yaml"
    spec.write_text(yaml.safe_dump(HOSTILE, sort_keys=False), encoding="utf-8")
    result = generate(spec, tmp_path / "hostile", "hostile")
    assert result.returncode == 0, result.stderr
    package = tmp_path / "hostile"
    sources = "\n".join(
        p.read_text("utf-8") for p in sorted((package / "src").rglob("*.ts")) if "runtime" not in p.parts
    )
    assert "constructor_(" in sources and '["__proto__"]' in sources
    out = tmp_path / "dist"
    compiled = tsc(package, "--strict", "--outDir", str(out))
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (out / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    run = node_test(sorted((out / "test").glob("*.test.js")))
    counts = tap_counts(run.stdout)
    assert run.returncode == 0 and counts.get("fail") == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert counts.get("pass", 0) >= 10


def test_invalid_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: x}\npaths: {/a: {get: {responses: 7}}}\n", encoding="utf-8")
    result = generate(spec, tmp_path / "out", "broken", validation="error")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
