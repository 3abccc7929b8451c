"""Remembered names: a vendor renaming operationIds, titles or schemas changes no generated name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.names import Names, apply_names, names_of, read_names, remembered
from generator.pipeline import build_api

STYLES = ("python", "typescript")


def _spec(*, ids: bool, image: str = "Image", title: str = "An image") -> dict[str, Any]:
    def op(op_id: str, **rest: Any) -> dict[str, Any]:
        return ({"operationId": op_id} if ids else {}) | rest

    image_schema = {
        "type": "object",
        "title": title,
        "description": "One image.",
        "required": ["id"],
        "properties": {"id": {"type": "string"}, "width": {"type": "integer"}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Acme", "version": "1"},
        "paths": {
            "/downloads": {
                "get": op(
                    "Downloads_GetDownloads",
                    tags=["Downloads"] if ids else ["Images", "Downloads"],
                    responses={
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "items": {"$ref": f"#/components/schemas/{image}"}}
                                }
                            },
                        }
                    },
                )
            },
            "/images/{id}": {
                "get": op(
                    "getImage",
                    parameters=[{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    responses={
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{image}"}}},
                        }
                    },
                )
            },
        },
        "components": {"schemas": {image: image_schema}},
    }


def _provider(root: Path, spec: dict[str, Any]) -> Path:
    folder = root / "specs" / "acme"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "provider.yaml").write_text(
        "provider: acme\npackage: acme_images\ntitle: Acme\nbase_url: https://acme.test\n"
        "documents: [openapi.json]\noverlays: []\n",
        "utf-8",
    )
    (folder / "openapi.json").write_text(json.dumps(spec), "utf-8")
    return folder


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "generator.lock.json"
    }


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("style", STYLES)
def test_renamed_operation_ids_titles_and_schemas_keep_every_generated_name(ws: Path, style: str) -> None:
    folder = _provider(ws, _spec(ids=True))
    assert main(["--generated-dir", "one", "generate", "-q", "--style", style]) == 0
    assert (folder / "names.yaml").is_file()
    # the vendor drops every operationId, tags the list "Images" first, renames the schema and changes its title
    _provider(ws, _spec(ids=False, image="ImageResource", title="Image resource"))
    assert main(["--generated-dir", "two", "generate", "-q", "--style", style]) == 0
    assert _tree(ws / "two") == _tree(ws / "one")
    names = yaml.safe_load((folder / "names.yaml").read_text("utf-8"))
    assert names["operations"] == {"GET /downloads": "Downloads_GetDownloads", "GET /images/{id}": "getImage"}
    assert names["schemas"]["ImageResource"]["name"] == "Image"
    assert names["groups"] == {"GET /downloads": "Downloads", "GET /images/{id}": ""}
    # renaming is a choice: --rename derives the names from the documents again
    assert main(["--generated-dir", "three", "generate", "-q", "--style", style, "--rename"]) == 0
    assert _tree(ws / "three") != _tree(ws / "one")
    names = yaml.safe_load((folder / "names.yaml").read_text("utf-8"))
    assert names["operations"]["GET /images/{id}"] == "get_images_id"
    assert names["schemas"]["ImageResource"]["name"] == "ImageResource"


def test_an_edited_name_renames_the_method(ws: Path) -> None:
    folder = _provider(ws, _spec(ids=True))
    assert main(["--generated-dir", "one", "generate", "-q", "--style", "python"]) == 0
    path = folder / "names.yaml"
    path.write_text(path.read_text("utf-8").replace('"getImage"', '"fetchImage"'), "utf-8")
    assert main(["--generated-dir", "one", "generate", "-q", "--style", "python"]) == 0
    code = "".join(p.read_text("utf-8") for p in (ws / "one").rglob("*.py"))
    assert "def fetch_image(" in code and "def get_image(" not in code


def test_a_broken_names_file_is_one_located_error(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _provider(ws, _spec(ids=True))
    (folder / "names.yaml").write_text("operations:\n  GET /downloads: [not, a, name]\n", "utf-8")
    before = (folder / "names.yaml").read_bytes()
    assert main(["--generated-dir", "one", "generate", "-q", "--style", "python"]) == 2
    err = capsys.readouterr().err
    assert "specs/acme/names.yaml#/operations/GET%20~1downloads" in err or "names.yaml#/operations/" in err
    assert "error[E063]" in err and "Traceback" not in err
    assert (folder / "names.yaml").read_bytes() == before
    assert not (ws / "one").exists()


def _job_spec(poll_id: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Jobs", "version": "1"},
        "paths": {
            "/jobs": {
                "post": {
                    "operationId": "startJob",
                    "responses": {
                        "202": {
                            "description": "started",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "object", "properties": {"id": {"type": "string"}}}
                                }
                            },
                            "links": {"status": {"operationId": poll_id, "parameters": {"id": "$response.body#/id"}}},
                        }
                    },
                }
            },
            "/jobs/{id}": {
                "get": {
                    "operationId": poll_id,
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok"}},
                }
            },
        },
    }


def test_links_follow_a_remembered_operation_id(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(_job_spec("jobStatusV2")), "utf-8")
    api = build_api([path], diagnostics=diagnostics)
    assert api is not None
    renamed = apply_names(api, Names({"GET /jobs/{id}": "getJob"}, {}))
    assert [op.operation_id for op in renamed.operations] == ["startJob", "getJob"]
    links = [link.operation_id for r in renamed.operation("startJob").responses for link in r.links]
    assert links == ["getJob"]


def test_a_remembered_name_wins_over_a_new_operation_that_takes_it(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(_job_spec("startJob_status")), "utf-8")
    api = build_api([path], diagnostics=diagnostics)
    assert api is not None
    # a names file remembering the poll operation as ``startJob``: the new start operation gets ``startJob_2``
    renamed, now = remembered(api, Names({"GET /jobs/{id}": "startJob"}, {}))
    assert {op.path: op.operation_id for op in renamed.operations} == {"/jobs": "startJob_2", "/jobs/{id}": "startJob"}
    assert now.operations == {"POST /jobs": "startJob_2", "GET /jobs/{id}": "startJob"}
    assert names_of(renamed).operations == now.operations


def test_reading_names_that_two_operations_share_is_refused(tmp_path: Path) -> None:
    (tmp_path / "names.yaml").write_text("operations:\n  GET /a: same\n  GET /b: same\n", "utf-8")
    diagnostics = Diagnostics()
    assert read_names(tmp_path, diagnostics) is None
    assert [d.code for d in diagnostics.errors] == ["E063"]


def test_diff_sees_no_rename_once_both_sides_have_the_remembered_names(tmp_path: Path) -> None:
    from generator.diff import diff_apis

    diagnostics = Diagnostics()
    old_path, new_path = tmp_path / "old.json", tmp_path / "new.json"
    old_path.write_text(json.dumps(_spec(ids=True)), "utf-8")
    new_path.write_text(json.dumps(_spec(ids=False, image="ImageResource", title="Image resource")), "utf-8")
    old, new = build_api([old_path], diagnostics=diagnostics), build_api([new_path], diagnostics=diagnostics)
    assert old is not None and new is not None
    assert diff_apis(old, new)  # without the names: operations removed and added
    names = names_of(old)
    assert diff_apis(apply_names(old, names), apply_names(new, names)) == []


def test_diff_of_two_provider_folders_applies_their_remembered_names(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _provider(ws, _spec(ids=True))
    assert main(["--generated-dir", "one", "generate", "-q", "--style", "python"]) == 0
    new = ws / "new" / "acme"
    new.mkdir(parents=True)
    for name in ("provider.yaml", "names.yaml"):
        (new / name).write_bytes((folder / name).read_bytes())
    (new / "openapi.json").write_text(json.dumps(_spec(ids=False, image="ImageResource")), "utf-8")
    capsys.readouterr()
    assert main(["diff", "specs/acme", "new/acme", "--fail-on", "any"]) == 0, capsys.readouterr().out
    (new / "names.yaml").unlink()  # without them, the vendor's renames are removals and additions
    assert main(["diff", "specs/acme", "new/acme", "--fail-on", "any"]) == 1
