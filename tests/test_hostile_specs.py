"""Specs that try to smuggle code into the generated client: the output stays inert, typed and lint-clean.

One spec packs every hostile part (quotes, backslashes, newlines and a payload
that would create a marker file, in every place a spec string reaches code;
names that are keywords, builtins, runtime members or collide after casing).
It is generated once per module; the package is then compiled, type-checked,
linted, imported and its own generated tests run, and the hostile strings are
checked to come back as the same data.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

PYTHON = sys.executable
BIN = Path(sys.executable).parent


def payload(marker: Path) -> str:
    """Text that runs code if it ever leaves its string or docstring: it creates ``marker``."""
    code = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    return f'\n"""; {code}#\n\'\'\'; {code}#\n"; {code}#\n'


def hostile_text(marker: Path) -> str:
    return "Tri \"\"\" and ''' and a back\\slash \\n \\" + payload(marker) + ' ends with a quote "'


ENUM_VALUES = ['q"uote', "back\\slash", "new\nline", "", "a-b", "a_b", "A B", "'''", '"""; x#', "class", "None", "\\"]
PROPERTY_NAMES = [
    "__init__",
    "2fast",
    "with space",
    "class",
    "from_dict",
    "to_dict",
    "raw_response",
    "self",
    "naïve",
    "日本",
]
PARAMETER_NAMES = ["self", "class", "request_options", "body", "_rt", "httpx", "import", "with space", "2fast", "ünï"]
SERVER_URL = "https://api.example.com/\"quoted'/\\"


def hostile_spec(marker: Path, *, quirks: bool = False) -> dict[str, Any]:
    """With ``quirks``: no security schemes, and examples that break their own schema."""
    text = hostile_text(marker)
    quoted = 'q"u\'o\nte\\ """'

    def param(name: str, where: str = "query") -> dict[str, Any]:
        return {
            "name": name,
            "in": where,
            "description": text,
            "schema": {"type": "string", "default": quoted, "example": quoted},
        }

    def json_of(ref: str) -> dict[str, Any]:
        return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}

    spec: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": text, "version": '1"\n2', "description": text, "summary": text},
        "servers": [{"url": SERVER_URL, "description": text}],
        "tags": [{"name": "class", "description": text}, {"name": "Class", "description": text}, {"name": "import"}],
        "paths": {
            "/items/{class}": {
                "parameters": [{"name": "class", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {
                    "operationId": "getItem",
                    "tags": ["class"],
                    "summary": text,
                    "description": text,
                    "parameters": [param(n) for n in PARAMETER_NAMES if n != "class"] + [param('X-"H', "header")],
                    "responses": {"200": {"description": text, **json_of("Any")}},
                },
                "post": {
                    "operationId": "get_item",
                    "tags": ["class"],
                    "summary": text,
                    "requestBody": {"required": True, "description": text, **json_of("Path")},
                    "responses": {"200": {"description": "ok", **json_of("Enum")}},
                },
                "put": {
                    "operationId": "GetItem",
                    "tags": ["Class"],
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {"type": "object", "example": quoted if quirks else {"k": quoted}}
                            }
                        }
                    },
                    "responses": {"204": {"description": text}},
                },
            },
            "/things": {
                "get": {
                    "operationId": "class",
                    "tags": ["import"],
                    "responses": {"200": {"description": "ok", **json_of("httpx")}},
                },
                "put": {"operationId": "self", "tags": ["import"], "responses": {"204": {"description": text}}},
                "delete": {"operationId": "import", "tags": ["Class"], "responses": {"204": {"description": "ok"}}},
            },
        },
        "components": {
            "schemas": {
                "Any": {
                    "type": "object",
                    "title": text,
                    "description": text,
                    "required": ["__init__"],
                    "properties": {
                        **{n: {"type": "string", "description": text, "default": quoted} for n in PROPERTY_NAMES},
                        "2fast": {"type": "integer", "default": 2},
                        "kind": {"$ref": "#/components/schemas/Enum"},
                    },
                    "example": {"with space": quoted} if quirks else {"__init__": quoted, "with space": quoted},
                },
                "Path": {"type": "object", "properties": {"p": {"type": "string", "enum": ENUM_VALUES}}},
                "Enum": {"type": "string", "description": text, "enum": ENUM_VALUES, "default": "a-b"},
                "httpx": {
                    "type": "object",
                    "properties": {
                        "os": {"type": "string"},
                        "datetime": {"type": "string", "format": "date-time"},
                        "Any": {"$ref": "#/components/schemas/Any"},
                    },
                },
            }
        },
    }
    if not quirks:
        spec["components"]["securitySchemes"] = {
            "class": {"type": "apiKey", "in": "header", "name": "X-Api-Key", "description": text},
            "self": {"type": "http", "scheme": "bearer"},
        }
        spec["security"] = [{"class": []}, {"self": []}]
    return spec


class Generated:
    def __init__(self, root: Path, marker: Path) -> None:
        self.root = root
        self.marker = marker
        self.packages = {"hostile": root / "hostile", "quirks": root / "quirks"}
        self.mypy: subprocess.CompletedProcess[str] | None = None

    def python_files(self, name: str) -> list[Path]:
        return sorted(self.packages[name].rglob("*.py"))

    def run(self, name: str, code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PYTHON, "-c", code], cwd=self.packages[name], capture_output=True, text=True, timeout=60, check=False
        )

    def mypy_errors(self, name: str) -> list[str]:
        if self.mypy is None:  # one run for all packages: mypy's start-up dominates
            self.mypy = subprocess.run(
                [str(BIN / "mypy"), "--strict", "--cache-dir", str(self.root / ".mypy_cache"), *self.mypy_targets()],
                cwd=self.root,
                env={**os.environ, "MYPYPATH": os.pathsep.join(str(p) for p in self.packages.values())},
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        assert "Traceback" not in self.mypy.stderr, self.mypy.stderr
        return [line for line in self.mypy.stdout.splitlines() if line.startswith(f"{name}/") and "error:" in line]

    def mypy_targets(self) -> list[str]:
        return [arg for name in self.packages for arg in ("-p", name)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("hostile")
    marker = root / "SMUGGLED"
    result = Generated(root, marker)
    for name in result.packages:
        spec = root / f"{name}.json"
        spec.write_text(json.dumps(hostile_spec(marker, quirks=name == "quirks"), ensure_ascii=False), encoding="utf-8")
        code = main(["generate", "--spec", str(spec), "--name", name, "--out", str(root / name), "-q"])
        assert code == 0, name
    assert not marker.exists(), "generating ran smuggled code"
    return result


def test_every_generated_file_compiles(generated: Generated) -> None:
    for name in generated.packages:
        files = generated.python_files(name)
        assert len(files) > 10
        for path in files:
            compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_mypy_strict_passes_on_the_hostile_package(generated: Generated) -> None:
    assert generated.mypy_errors("hostile") == [], generated.mypy.stdout if generated.mypy else ""


def test_mypy_strict_passes_on_a_package_without_security_schemes(generated: Generated) -> None:
    errors = generated.mypy_errors("quirks")
    assert errors == [], errors


def test_ruff_passes(generated: Generated) -> None:
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "--isolated", "--select", "E9,F", str(generated.root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["hostile", "quirks"])
def test_black_leaves_the_packages_as_they_are(generated: Generated, name: str) -> None:
    """Hostile names and strings reach every layout rule: the code is still as black writes it."""
    result = subprocess.run(
        [str(BIN / "black"), "--check", "--diff", "--quiet", "."],
        cwd=generated.root / name,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_importing_every_module_runs_no_smuggled_code(generated: Generated) -> None:
    for name in generated.packages:
        modules = sorted(
            ".".join(p.relative_to(generated.packages[name]).with_suffix("").parts).removesuffix(".__init__")
            for p in (generated.packages[name] / name).rglob("*.py")
        )
        code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
        result = generated.run(name, code)
        assert result.returncode == 0, result.stderr
    assert not generated.marker.exists(), "importing the generated package ran smuggled code"


def run_generated_tests(generated: Generated, name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=generated.packages[name],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_generated_tests_pass_and_run_no_smuggled_code(generated: Generated) -> None:
    result = run_generated_tests(generated, "hostile")
    assert result.returncode == 0, result.stdout[-3000:]
    assert not generated.marker.exists()


def test_the_generated_tests_pass_when_spec_examples_break_their_schema(generated: Generated) -> None:
    result = run_generated_tests(generated, "quirks")
    assert result.returncode == 0, result.stdout[-3000:]


def test_hostile_strings_survive_as_data(generated: Generated) -> None:
    text = hostile_text(generated.marker)
    probe = """
import inspect, json
import hostile, hostile.models as m, hostile._client as c
from hostile.resources import class_
enum = next(v for v in vars(m).values() if isinstance(v, type) and v.__module__ == m.__name__ and issubclass(v, m.Enum)
            and len(v.__members__) > 3)
model = next(v for k, v in vars(m).items() if k.startswith("Any") and getattr(v, "__module__", "") == m.__name__)
print(json.dumps({
    "enum_values": [e.value for e in enum],
    "enum_names": list(enum.__members__),
    "enum_doc": inspect.getdoc(enum),
    "model_doc": inspect.getdoc(model),
    "model_fields": list(inspect.signature(model).parameters),
    "roundtrip": model.from_dict({"__init__": "x\\"\\"\\"", "with space": "y\\n", "kind": "new\\nline"}).to_dict(),
    "base_url": c.DEFAULT_BASE_URL,
    "methods": sorted(n for n in vars(class_.ClassResource) if not n.startswith("_")),
    "params": list(inspect.signature(class_.ClassResource.get_item).parameters),
}))
"""
    result = generated.run("hostile", probe)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["enum_values"] == ENUM_VALUES
    assert len(set(found["enum_names"])) == len(ENUM_VALUES)
    assert all(n.isidentifier() for n in found["enum_names"])
    # The docstrings hold the text itself (control characters and surrounding space aside).
    assert text.strip() in found["enum_doc"]
    assert text.strip() in found["model_doc"]
    assert found["base_url"] == SERVER_URL
    assert found["roundtrip"] == {"__init__": 'x"""', "with space": "y\n", "kind": "new\nline"}
    fields = found["model_fields"]
    assert len(fields) == len(set(fields)) and all(f.isidentifier() for f in fields)
    assert {"raw_response", "additional_properties"} <= set(fields)  # the runtime's own members survive
    assert not {"class", "self", "from_dict", "to_dict", "__init__"} & set(fields)
    # getItem and get_item collide after snake_case: both exist, under different names.
    assert len([m for m in found["methods"] if m.startswith("get_item")]) == 2
    params = found["params"]
    assert params[0] == "self" and params.count("self") == 1 and params.count("request_options") == 1
    assert not {"class", "import", "_rt", "httpx", "body"} & set(params)
    assert all(p.isidentifier() for p in params)


def test_the_payload_text_is_never_outside_a_string(generated: Generated) -> None:
    """Every line carrying the payload is inside a string or comment: tokenize proves where it is."""
    import io
    import tokenize

    needle = "Path(" + repr(str(generated.marker))
    for path in generated.python_files("hostile"):
        source = path.read_text(encoding="utf-8")
        if needle not in source:
            continue
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in (tokenize.STRING, tokenize.COMMENT):
                assert "touch" not in token.string, f"{path}:{token.start}: {token.string!r}"
    readme = (generated.packages["hostile"] / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"<\s*script", readme)
