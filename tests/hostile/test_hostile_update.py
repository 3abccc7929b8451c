"""Hostile remembered names and vendor updates: each case a bounded child process, in every style."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hostile.harness import STYLES, generator, run_bounded

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Acme", "version": "1"},
    "paths": {
        "/images/{id}": {
            "get": {
                "operationId": "getImage",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Image"}}},
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Image": {"type": "object", "properties": {"id": {"type": "string"}}}}},
}


def _provider(root: Path) -> Path:
    folder = root / "specs" / "acme"
    folder.mkdir(parents=True)
    (folder / "provider.yaml").write_text(
        "provider: acme\npackage: acme_images\ntitle: Acme\nbase_url: https://acme.test\n"
        "documents: [openapi.json]\noverlays: []\n",
        "utf-8",
    )
    (folder / "openapi.json").write_text(json.dumps(SPEC), "utf-8")
    return folder


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("style", STYLES)
def test_names_yaml_smuggling_code_becomes_plain_identifiers(tmp_path: Path, style: str) -> None:
    folder = _provider(tmp_path)
    (folder / "names.yaml").write_text(
        "operations:\n"
        '  "GET /images/{id}": "x\\"); import os; os.system(\'echo pwned\') #"\n'
        "groups:\n"
        '  "GET /images/{id}": "constructor`${process.exit(1)}`"\n'
        "schemas:\n"
        '  "Image": {name: "class */ require(\'child_process\') /* \\n", shape: ""}\n',
        "utf-8",
    )
    outcome = generator("generate", "--style", style, "-q", cwd=tmp_path)
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr
    code = "".join(
        data.decode() for name, data in _tree(tmp_path / "generated").items() if name.endswith((".py", ".ts"))
    )
    assert "def x_import_os_os_system_echo_pwned(" in code or "xImportOsOsSystemEchoPwned(" in code
    for line in code.splitlines():  # the remembered text stays in comments and docstrings, as an operationId's would
        if "os.system(" in line or "process.exit(" in line or "child_process" in line:
            assert line.strip().startswith(('"""', "*", "//", "#")), line
    if style == "python":
        package = tmp_path / "generated" / "python" / "acme_images"
        imported = run_bounded([sys.executable, "-c", "import acme_images"], cwd=package)
        assert imported.returncode == 0 and "pwned" not in imported.stdout + imported.stderr, imported.stderr


def test_names_yaml_alias_bomb_is_one_located_error(tmp_path: Path) -> None:
    folder = _provider(tmp_path)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    (folder / "names.yaml").write_text(bomb, "utf-8")
    before = (folder / "names.yaml").read_bytes()
    outcome = generator("generate", "-q", cwd=tmp_path)
    outcome.check_bounds()
    assert outcome.returncode == 2, outcome.stderr
    assert "specs/acme/names.yaml" in outcome.stderr and "error[E" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert (folder / "names.yaml").read_bytes() == before and not (tmp_path / "generated").exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("provider.yaml", json.dumps(SPEC)),
        ("nothing.json", None),
    ],
)
def test_an_update_that_cannot_apply_changes_nothing(tmp_path: Path, name: str, content: str | None) -> None:
    _provider(tmp_path)
    assert generator("generate", "-q", cwd=tmp_path).returncode == 0
    specs, generated = _tree(tmp_path / "specs"), _tree(tmp_path / "generated")
    new = tmp_path / "vendor" / name
    new.parent.mkdir()
    if content is not None:
        new.write_text(content, "utf-8")
    outcome = generator("update", "acme", str(new), cwd=tmp_path)
    outcome.check_bounds()
    assert outcome.returncode == 2, outcome.stderr
    assert f"vendor/{name}" in outcome.stderr and "Traceback" not in outcome.stderr
    assert "refused" in outcome.stdout
    assert _tree(tmp_path / "specs") == specs and _tree(tmp_path / "generated") == generated


def test_an_update_whose_packages_cannot_be_written_puts_the_specs_back(tmp_path: Path) -> None:
    _provider(tmp_path)
    assert generator("generate", "-q", "--style", "python", cwd=tmp_path).returncode == 0
    user = tmp_path / "generated" / "typescript" / "acme_images"  # a folder the generator did not write
    user.mkdir(parents=True)
    (user / "notes.txt").write_text("mine\n", "utf-8")
    specs, generated = _tree(tmp_path / "specs"), _tree(tmp_path / "generated")
    new = tmp_path / "v2.json"
    new.write_text(json.dumps({**SPEC, "info": {"title": "Acme", "version": "2"}}), "utf-8")
    outcome = generator("update", "acme", str(new), cwd=tmp_path)
    outcome.check_bounds()
    assert outcome.returncode == 2, outcome.stderr
    assert "generated/typescript/acme_images" in outcome.stderr and "Traceback" not in outcome.stderr
    assert _tree(tmp_path / "specs") == specs and _tree(tmp_path / "generated") == generated
    assert [p.name for p in (tmp_path / "specs").iterdir()] == ["acme"]
