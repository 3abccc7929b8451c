"""Valid documents whose generated code must type-check: enums of every JSON type, names that
collide only after a prefix, server variables, a package named after a standard module, and no
absolute server URL. One combined document, generated and type-checked once per style."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from . import harness

EDGE = """
openapi: 3.1.0
info: {title: Edge, version: "1"}
servers:
  - url: "https://{region}.example.com:{port}/v1"
    variables:
      region: {default: us, enum: [us, eu], description: Region}
      port: {default: "443"}
tags: [{name: X}, {name: AsyncX}]
paths:
  /x:
    get:
      tags: [X]
      operationId: getX
      parameters:
        - {name: f, in: query, schema: {$ref: '#/components/schemas/FloatEnum'}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Holder'}}}
  /y:
    get:
      tags: [AsyncX]
      operationId: getY
      responses: {"204": {description: none}}
components:
  schemas:
    FloatEnum: {type: number, enum: [0.5, 1.5]}
    IntEnum: {type: integer, enum: [1, 2]}
    BoolEnum: {type: boolean, enum: [true]}
    NullEnum: {enum: [null]}
    StrEnum: {type: string, enum: [a, b]}
    Mixed: {enum: [1, "a", true, null, 2.5]}
    MixedNum: {type: [number, string], enum: [1.5, "x"]}
    Holder:
      type: object
      required: [f, i, b, n, s, m, mn, big]
      properties:
        f: {$ref: '#/components/schemas/FloatEnum'}
        i: {$ref: '#/components/schemas/IntEnum'}
        b: {$ref: '#/components/schemas/BoolEnum'}
        n: {$ref: '#/components/schemas/NullEnum'}
        s: {$ref: '#/components/schemas/StrEnum'}
        m: {$ref: '#/components/schemas/Mixed'}
        mn: {$ref: '#/components/schemas/MixedNum'}
        inline: {type: number, enum: [0.25, 2]}
        big: {type: integer, default: 9007199254740993}
"""

RELATIVE = """
swagger: "2.0"
info: {title: Rel, version: "1"}
basePath: /v1
paths:
  /x:
    get:
      operationId: getX
      responses: {"204": {description: none}}
"""


def _generate(tmp_path: Path, text: str, name: str, style: str) -> tuple[harness.Outcome, Path]:
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / f"out-{style}"
    outcome = harness.generator("generate", "--spec", str(spec), "--name", name, "--out", str(out), "--style", style)
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr
    return outcome, out


def _typecheck(out: Path, package: str, style: str) -> None:
    if style == "python":
        outcome = harness.run_bounded([sys.executable, "-m", "mypy", "--strict", str(out / package)])
    else:
        if shutil.which("node") is None or not (harness.ROOT / "node_modules/.bin/tsc").exists():
            pytest.skip("TypeScript is not installed")
        tsc = str(harness.ROOT / "node_modules/.bin/tsc")
        types = str(harness.ROOT / "node_modules/@types")
        outcome = harness.run_bounded([tsc, "--strict", "--noEmit", "-p", str(out), "--typeRoots", types])
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr


@pytest.mark.parametrize("style", harness.STYLES)
def test_edge_document_type_checks(tmp_path: Path, style: str) -> None:
    # each style avoids its own language's names: Python's module typing, TypeScript's reserved word delete
    name = "typing" if style == "python" else "delete"
    outcome, out = _generate(tmp_path, EDGE, name, style)
    assert f"package name {name!r} is used as '{name}_client'" in outcome.stderr
    assert "9007199254740993 is out of range" in outcome.stderr
    _typecheck(out, f"{name}_client", style)
    client = (out / "typing_client" / "_client.py") if style == "python" else (out / "src" / "client.ts")
    text = client.read_text(encoding="utf-8")
    if style == "python":
        assert 'region: Literal["us", "eu"] = "us"' in text
        assert "class AsyncX2Resource" in (out / "typing_client/resources/async_x.py").read_text(encoding="utf-8")
    else:
        assert 'region?: "us" | "eu" | undefined;' in text


@pytest.mark.parametrize("style", harness.STYLES)
def test_no_absolute_server_requires_base_url(tmp_path: Path, style: str) -> None:
    outcome, out = _generate(tmp_path, RELATIVE, "rel", style)
    assert "warning[W005]: no absolute server URL: the client needs base_url" in outcome.stderr
    _typecheck(out, "rel", style)
    if style == "python":
        assert "        base_url: str,\n" in (out / "rel/_client.py").read_text(encoding="utf-8")
    else:
        assert "  baseUrl: string;\n" in (out / "src/client.ts").read_text(encoding="utf-8")
