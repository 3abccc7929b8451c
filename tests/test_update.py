"""`generator update`: new vendor documents in place, version bumped by what changed, changelog kept, all or nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.update import bump_version, manifest_text

ROOT = Path(__file__).resolve().parents[1]


def _spec(*, extra_operation: bool = False, images: bool = True, version: str = "1") -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/downloads": {
            "get": {
                "operationId": "getDownloads",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"type": "array", "items": {"type": "string"}}}},
                    }
                },
            }
        }
    }
    if images:
        paths["/images/{id}"] = {
            "get": {
                "operationId": "getImage",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok"}},
            }
        }
    if extra_operation:
        paths["/videos"] = {"get": {"operationId": "listVideos", "responses": {"200": {"description": "ok"}}}}
    return {"openapi": "3.0.3", "info": {"title": "Acme", "version": version}, "paths": paths}


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "specs" / "acme"
    folder.mkdir(parents=True)
    (folder / "provider.yaml").write_text(
        "provider: acme\npackage: acme_images\ntitle: Acme\nbase_url: https://acme.test\n"
        "documents: [openapi.json]  # the vendor's file\noverlays: []\n",
        "utf-8",
    )
    (folder / "openapi.json").write_text(json.dumps(_spec()), "utf-8")
    assert main(["generate", "-q"]) == 0
    return tmp_path


def _new(ws: Path, name: str, spec: dict[str, Any]) -> Path:
    path = ws / "downloads" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(spec), "utf-8")
    return path


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_compatible_change_bumps_minor_and_adds_a_changelog_entry(ws: Path) -> None:
    new = _new(ws, "acme-v2.json", _spec(extra_operation=True, version="2"))
    assert main(["update", "acme", str(new), "--report", "report.md", "-q"]) == 0
    manifest = yaml.safe_load((ws / "specs/acme/provider.yaml").read_text("utf-8"))
    assert manifest["version"] == "0.2.0" and manifest["documents"] == ["acme-v2.json"]
    assert "# the vendor's file" not in (ws / "specs/acme/provider.yaml").read_text("utf-8")
    assert not (ws / "specs/acme/openapi.json").exists()
    changelog = (ws / "specs/acme/CHANGELOG.md").read_text("utf-8")
    assert changelog.startswith("# Changelog\n\n## 0.2.0\n") and "listVideos" in changelog.replace(
        "list_videos", "listVideos"
    )
    report = (ws / "report.md").read_text("utf-8")
    assert "0.1.0 -> 0.2.0 (minor)" in report
    python = ws / "generated/python/acme_images"
    assert 'version = "0.2.0"' in (python / "pyproject.toml").read_text("utf-8")
    assert (python / "CHANGELOG.md").read_text("utf-8") == changelog
    package_json = json.loads((ws / "generated/typescript/acme_images/package.json").read_text("utf-8"))
    assert package_json["version"] == "0.2.0"
    assert (ws / "generated/typescript/acme_images/CHANGELOG.md").read_text("utf-8") == changelog
    assert "def list_videos(" in (python / "acme_images/resources/default.py").read_text("utf-8")
    assert main(["check", "-q"]) == 0
    # a second update keeps the first entry under the new one
    again = _new(ws, "acme-v2.json", _spec(extra_operation=True, version="2.1"))
    assert main(["update", "acme", str(again), "-q", "--report", "report.md"]) == 0
    changelog = (ws / "specs/acme/CHANGELOG.md").read_text("utf-8")
    assert changelog.index("## 0.2.1") < changelog.index("## 0.2.0")


def test_a_breaking_change_bumps_major(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _new(ws, "openapi.json", _spec(images=False))
    capsys.readouterr()
    assert main(["update", "acme", str(new), "-q"]) == 0
    report = capsys.readouterr().out
    assert "0.1.0 -> 1.0.0 (major)" in report
    manifest = yaml.safe_load((ws / "specs/acme/provider.yaml").read_text("utf-8"))
    assert manifest["version"] == "1.0.0" and manifest["documents"] == ["openapi.json"]
    assert "# the vendor's file" in (ws / "specs/acme/provider.yaml").read_text("utf-8")
    assert "def get_image(" not in (ws / "generated/python/acme_images/acme_images/resources/default.py").read_text()


def test_an_invalid_document_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    monkeypatch.chdir(tmp_path)
    specs, generated = _tree(tmp_path / "specs"), _tree(tmp_path / "generated")
    bad = dict(json.loads((ROOT / "specs/topaz/download-output.json").read_text("utf-8")))
    bad["paths"] = {"/download/{process_id}": {"get": {"responses": {"200": {"$ref": "#/components/nothing"}}}}}
    new = tmp_path / "new-topaz.json"
    new.write_text(json.dumps(bad, indent=2), "utf-8")
    code = main(["update", "topaz", str(new), "--report", "report.md"])
    assert code == 2
    assert _tree(tmp_path / "specs") == specs
    assert _tree(tmp_path / "generated") == generated
    report = (tmp_path / "report.md").read_text("utf-8")
    assert "refused" in report and "new-topaz.json#/paths/" in report
    assert [p.name for p in (tmp_path / "specs").iterdir() if p.name.startswith(".")] == []


def test_bumps() -> None:
    assert bump_version("1.4.2", breaking=True, changed=True) == ("2.0.0", "major")
    assert bump_version("1.4.2", breaking=False, changed=True) == ("1.5.0", "minor")
    assert bump_version("1.4.2", breaking=False, changed=False) == ("1.4.3", "patch")


def test_the_manifest_keeps_every_other_line() -> None:
    text = "provider: a\ndocuments:\n  - one.json\n  - two.json\noverlays: [o.yaml]  # kept\nversion: '1.0.0'\n"
    assert manifest_text(text, ["new.json"], "2.0.0") == (
        'provider: a\ndocuments: ["new.json"]\noverlays: [o.yaml]  # kept\nversion: "2.0.0"\n'
    )


def test_validation_warn_lets_a_vendor_mistake_through(ws: Path) -> None:
    spec = _spec(version="2")
    spec["paths"]["/downloads"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["examples"] = [[]]
    new = _new(ws, "openapi.json", spec)
    specs = _tree(ws / "specs")
    assert main(["update", "acme", str(new), "-q"]) == 2  # `examples` is OpenAPI 3.1, not 3.0
    assert _tree(ws / "specs") == specs
    assert main(["update", "acme", str(new), "-q", "--validation", "warn"]) == 0
    assert yaml.safe_load((ws / "specs/acme/provider.yaml").read_text("utf-8"))["version"] == "0.1.1"


@pytest.fixture
def providers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's specs/ and generated/ to update, with a cache of its own."""
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    return tmp_path


def _method_names(root: Path) -> set[str]:
    found: set[str] = set()
    for module in root.glob("generated/python/*/*/resources/*.py"):
        found |= {line.split("(")[0].split()[-1] for line in module.read_text("utf-8").splitlines() if " def " in line}
    return found


def test_getty_openapi30_without_operation_ids_updates_with_every_method_name_kept(providers: Path) -> None:
    before = _method_names(providers)
    assert {"get_downloads", "download_image"} <= before, before
    new = shutil.copy(ROOT / "tests/data/getty-openapi30.yaml", providers / "getty-openapi30.yaml")
    assert main(["update", "getty", str(new), "--report", "report.md", "-q"]) == 0
    assert _method_names(providers) == before
    report = (providers / "report.md").read_text("utf-8")
    assert "get_v3_downloads" not in report and "(major)" not in report
    assert main(["check", "-q"]) == 0


def test_topaz_openapi303_with_status_endpoints_updates_as_an_addition(providers: Path) -> None:
    before = _method_names(providers)
    new = shutil.copy(ROOT / "tests/data/topaz-openapi303.json", providers / "topaz-openapi303.json")
    assert main(["update", "topaz", str(new), "--report", "report.md", "-q"]) == 0
    assert before < _method_names(providers)
    report = (providers / "report.md").read_text("utf-8")
    assert "0.1.0 -> 0.2.0 (minor)" in report
    manifest = yaml.safe_load((providers / "specs/topaz/provider.yaml").read_text("utf-8"))
    assert manifest["documents"] == ["topaz-openapi303.json"] and manifest["version"] == "0.2.0"
    assert main(["check", "-q"]) == 0
