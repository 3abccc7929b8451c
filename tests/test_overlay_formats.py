"""Overlays that survive a vendor's change of format, findings blamed on overlay actions, overlay drift.

A provider's ``overlays:`` target the API normalised to OpenAPI 3.1, its ``repairs:`` the documents
as written (docs/overlays.md). The vendor documents of ``tests/data/`` are new versions of Getty's and
Topaz's, written by hand in another format than ``specs/`` holds, with none of our repairs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.export import schema_to_json
from generator.ir import Api, Operation, Pagination, PresignedDownload, RedirectDownload
from generator.pipeline import provider_api
from generator.providers import load_provider

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "--specs-dir",
            str(project / "specs"),
            "--generated-dir",
            str(project / "generated"),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def provider_copy(tmp_path: Path, name: str, documents: dict[str, Path] | None = None) -> Path:
    """``specs/<name>`` copied under ``tmp_path/specs``, its documents replaced by ``documents`` when given."""
    folder = tmp_path / "specs" / name
    shutil.copytree(ROOT / "specs" / name, folder, ignore=shutil.ignore_patterns("names.yaml"))
    if documents is not None:
        manifest = yaml.safe_load((folder / "provider.yaml").read_text())
        for old in manifest["documents"]:
            (folder / old).unlink()
        for new, source in documents.items():
            shutil.copy(source, folder / new)
        manifest["documents"] = list(documents)
        (folder / "provider.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    return folder


def api_of(tmp_path: Path, name: str) -> tuple[Api | None, Diagnostics]:
    diagnostics = Diagnostics()
    provider = load_provider(tmp_path / "specs", name, diagnostics)
    assert provider is not None, [d.format() for d in diagnostics]
    return provider_api(provider, diagnostics), diagnostics


def parameters(op: Operation) -> list[tuple[str, str, bool, object]]:
    """Each parameter's name, place, whether required, and its schema (a 2.0 schema repeats the description)."""
    return [
        (p.name, p.location, p.required, {k: v for k, v in schema_to_json(p.schema).items() if k != "description"})
        for p in op.parameters
    ]


def operation(api: Api, method: str, path: str) -> Operation:
    return next(op for op in api.operations if op.method.lower() == method and op.path == path)


# --------------------------------------------------------------------------- a new format, the same overlay


def test_getty_openapi30_drop_in_keeps_every_behaviour_with_the_overlay_unchanged(tmp_path: Path) -> None:
    overlay = (ROOT / "specs/getty/overlay.yaml").read_bytes()
    provider_copy(tmp_path, "getty", {"openapi.yaml": DATA / "getty-openapi30.yaml"})
    assert (tmp_path / "specs/getty/overlay.yaml").read_bytes() == overlay
    api, diagnostics = api_of(tmp_path, "getty")
    assert api is not None, [d.format() for d in diagnostics]
    # the Swagger 2.0 repairs are not applied to a 3.0 document, and say so at the overlay
    skipped = [d for d in diagnostics.warnings if d.origin and d.origin.pointer == "/x-for-format"]
    assert len(skipped) == 1 and "Swagger 2.0" in skipped[0].message and "OpenAPI 3.0" in skipped[0].message
    assert not diagnostics.errors
    history = operation(api, "get", "/v3/downloads")
    download = operation(api, "post", "/v3/downloads/images/{id}")
    assert [type(b) for b in history.behaviours] == [Pagination]
    kinds = {type(b): b for b in download.behaviours}
    assert set(kinds) == {PresignedDownload, RedirectDownload}
    redirect = kinds[RedirectDownload]
    assert isinstance(redirect, RedirectDownload) and redirect.trigger_parameter == "auto_download"
    assert [s.name for s in api.security_schemes] == ["Api-Key", "OAuth2Bearer"]
    page = next(p for p in history.parameters if p.name == "page")
    assert "integer" in repr(page.schema) and "Authorization" not in {p.name for p in download.parameters}
    assert [s.url for s in api.servers] == ["https://api.gettyimages.com"]

    result = run(tmp_path, "generate", "-q", "--style", "python", "getty")
    assert result.returncode == 0, result.stderr
    package = tmp_path / "generated/python/getty_images"
    code = (package / "getty_images/resources/images.py").read_text()
    assert "_to_file(" in code and "def iter_" in code
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "getty_images"], cwd=package, capture_output=True, text=True
    )
    assert mypy.returncode == 0, mypy.stdout


def test_getty_swagger2_and_openapi30_give_the_same_operations_parameters_and_schemas(tmp_path: Path) -> None:
    provider_copy(tmp_path, "getty")
    swagger, _ = api_of(tmp_path, "getty")
    shutil.rmtree(tmp_path / "specs")
    provider_copy(tmp_path, "getty", {"openapi.yaml": DATA / "getty-openapi30.yaml"})
    openapi, _ = api_of(tmp_path, "getty")
    assert swagger is not None and openapi is not None
    assert swagger.schemas == openapi.schemas
    assert swagger.security_schemes == openapi.security_schemes
    for old in swagger.operations:
        new = operation(openapi, old.method.lower(), old.path)
        assert parameters(new) == parameters(old)
        assert [r.status for r in new.responses] == [r.status for r in old.responses]
        assert new.security == old.security
        assert new.behaviours == old.behaviours


def test_topaz_openapi303_with_status_endpoints_gets_presigned_urls_only_on_downloads(tmp_path: Path) -> None:
    provider_copy(tmp_path, "topaz", {"openapi.json": DATA / "topaz-openapi303.json"})
    api, diagnostics = api_of(tmp_path, "topaz")
    assert api is not None and not diagnostics.errors, [d.format() for d in diagnostics]
    assert not diagnostics.warnings, [d.format() for d in diagnostics]
    presigned = {
        (op.method.lower(), op.path)
        for op in api.operations
        if any(isinstance(b, PresignedDownload) for b in op.behaviours)
    }
    assert presigned == {("get", "/download/{process_id}"), ("get", "/download/input/{process_id}")}
    assert {(op.method.lower(), op.path) for op in api.operations} - presigned == {
        ("get", "/status/{process_id}"),
        ("get", "/status"),
    }
    result = run(tmp_path, "generate", "-q", "--style", "python", "topaz")
    assert result.returncode == 0, result.stderr
    status = (tmp_path / "generated/python/topaz_images/topaz_images/resources/status.py").read_text()
    assert "_to_file" not in status and "_size" not in status


def test_the_providers_overlays_apply_to_their_documents_normalised(tmp_path: Path) -> None:
    """Today's vendor documents: every action matches, nothing is warned about."""
    for name in ("getty", "topaz"):
        provider_copy(tmp_path, name)
        api, diagnostics = api_of(tmp_path, name)
        assert api is not None and not list(diagnostics), [d.format() for d in diagnostics]


# --------------------------------------------------------------------------- blame


def test_a_finding_in_the_normalised_document_names_the_action_that_wrote_its_node(tmp_path: Path) -> None:
    folder = provider_copy(tmp_path, "topaz")
    text = (folder / "overlay.yaml").read_text()
    (folder / "overlay.yaml").write_text(text.replace("expires-format: unix", "expires-format: sometimes"))
    result = run(tmp_path, "generate", "-q", "--style", "python", "topaz")
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if "error[" in line]
    assert lines and all("(set by " in line for line in lines), result.stderr
    line = lines[0]
    assert "specs/topaz/download-output.json (normalised to OpenAPI 3.1)#/paths/" in line
    assert "(set by " in line and "overlay.yaml#/actions/0:" in line and "'Both download endpoints answer ...')" in line
    action_line = next(i for i, text in enumerate(text.splitlines(), 1) if text.startswith("  - target:"))
    assert f"overlay.yaml#/actions/0:{action_line} " in line
    assert "Traceback" not in result.stderr


def test_a_validation_finding_in_a_document_as_written_names_the_repair_that_caused_it(tmp_path: Path) -> None:
    folder = provider_copy(tmp_path, "getty")
    repairs = yaml.safe_load((folder / "repairs.yaml").read_text())
    repairs["actions"][0]["update"] = {"type": "text"}
    (folder / "repairs.yaml").write_text(yaml.safe_dump(repairs, sort_keys=False))
    result = run(tmp_path, "generate", "-q", "--style", "python", "getty")
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error[E020]" in line]
    assert errors, result.stderr
    for line in errors:
        assert line.startswith("specs/getty/swagger.yaml#/paths/") or "/swagger.yaml#/paths/" in line
        assert "/parameters/" in line and "repairs.yaml#/actions/0:" in line and "'Swagger 2.0 requires a ...')" in line


def test_a_finding_not_caused_by_an_overlay_is_not_blamed(tmp_path: Path) -> None:
    folder = provider_copy(tmp_path, "getty")
    repairs = yaml.safe_load((folder / "repairs.yaml").read_text())
    del repairs["actions"][2]  # the missing definition stays missing: the vendor's fault
    (folder / "repairs.yaml").write_text(yaml.safe_dump(repairs, sort_keys=False))
    result = run(tmp_path, "generate", "-q", "--style", "python", "getty")
    assert result.returncode == 2
    refs = [line for line in result.stderr.splitlines() if "holder" in line and "error[" in line]
    assert refs and not any("(set by" in line for line in refs), result.stderr


# --------------------------------------------------------------------------- drift


def test_an_action_matching_other_nodes_than_the_lock_recorded_is_a_located_warning(tmp_path: Path) -> None:
    folder = provider_copy(tmp_path, "topaz")
    assert run(tmp_path, "generate", "-q", "topaz").returncode == 0  # both styles
    lock = json.loads((tmp_path / "generated/python/topaz_images/generator.lock.json").read_text())
    recorded = {key.rpartition("specs/")[2]: value for key, value in lock["overlays"].items()}
    assert recorded["topaz/overlay.yaml#/actions/0"]["matched"] == 2
    # the vendor adds an operation answering a DownloadResponse: the presigned-URL action now covers it too
    document = json.loads((folder / "download-input.json").read_text())
    added = json.loads(json.dumps(document["paths"]["/download/input/{process_id}"]))
    added["get"]["operationId"] = "getDownloadPreview"
    document["paths"]["/download/preview/{process_id}"] = added
    (folder / "download-input.json").write_text(json.dumps(document, indent=2))

    check = run(tmp_path, "check", "topaz")
    drift = [line for line in check.stderr.splitlines() if "warning[W020]" in line]
    assert len(drift) == 1, check.stderr  # one warning for both styles' packages
    overlay_lines = (folder / "overlay.yaml").read_text().splitlines()
    action_line = next(i for i, text in enumerate(overlay_lines, 1) if text.startswith("  - target:"))
    assert f"specs/topaz/overlay.yaml#/actions/0:{action_line}: warning[W020]: " in drift[0]
    assert "now matches 3 nodes, other than the 2 nodes recorded in the package's generator.lock.json" in drift[0]

    generate = run(tmp_path, "generate", "--style", "python", "topaz")
    assert generate.returncode == 0 and "warning[W020]" in generate.stderr
    again = run(tmp_path, "generate", "--style", "python", "topaz")  # nothing changed: skipped, not replayed
    assert "W020" not in again.stderr
    forced = run(tmp_path, "generate", "--force", "--style", "python", "topaz")
    assert "W020" not in forced.stderr  # the lock now records the new match


def test_an_action_that_now_matches_nothing_is_a_located_warning(tmp_path: Path) -> None:
    folder = provider_copy(tmp_path, "topaz")
    for name in ("download-output.json", "download-input.json"):
        text = (folder / name).read_text()
        (folder / name).write_text(text.replace("DownloadResponse", "PresignedLink"))
    result = run(tmp_path, "generate", "--style", "python", "topaz")
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "warning[W002]" in line]
    assert warned and all("specs/topaz/overlay.yaml#/actions/" in line for line in warned)


def test_repairs_for_an_unknown_format_are_refused_at_the_field(tmp_path: Path) -> None:
    folder = provider_copy(tmp_path, "getty")
    text = (folder / "repairs.yaml").read_text()
    (folder / "repairs.yaml").write_text(text.replace('x-for-format: "2.0"', 'x-for-format: "2"'))
    result = run(tmp_path, "generate", "-q", "--style", "python", "getty")
    assert result.returncode == 2
    assert "specs/getty/repairs.yaml#/x-for-format:" in result.stderr and "error[E050]" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("key", ["repairs", "overlays"])
def test_a_manifest_naming_a_missing_overlay_file_is_refused(tmp_path: Path, key: str) -> None:
    folder = provider_copy(tmp_path, "getty")
    manifest = yaml.safe_load((folder / "provider.yaml").read_text())
    manifest[key] = ["missing.yaml"]
    (folder / "provider.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    result = run(tmp_path, "generate", "-q", "getty")
    assert result.returncode == 2
    assert f"provider.yaml#/{key}/0" in result.stderr and "E060" in result.stderr


@pytest.mark.parametrize(
    ("update", "code"),
    [
        ({"openapi": "2.0"}, "E020"),
        ({"components": {"schemas": {"DownloadResponse": {"properties": {"x": {"$ref": "#/nowhere"}}}}}}, "E020"),
        (
            {"components": {"schemas": {"DownloadResponse": {"properties": {"x": {"$ref": "https://a.test/x"}}}}}},
            "E011",
        ),
        ({"components": {"schemas": {"DownloadResponse": {"properties": {"x": {"$ref": "../../../x.json"}}}}}}, "E011"),
    ],
)
def test_what_a_normalised_overlay_breaks_is_refused_and_blamed(tmp_path: Path, update: object, code: str) -> None:
    folder = provider_copy(tmp_path, "topaz")
    overlay = {
        "overlay": "1.0.0",
        "info": {"title": "t", "version": "1"},
        "actions": [{"target": "$", "description": "Break the document on purpose.", "update": update}],
    }
    (folder / "overlay.yaml").write_text(yaml.safe_dump(overlay, sort_keys=False))
    result = run(tmp_path, "generate", "-q", "--style", "python", "topaz")
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error[" in line]
    assert errors and f"error[{code}]" in errors[0], result.stderr
    assert all("(set by " in line and "overlay.yaml#/actions/0:" in line for line in errors), result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_line_applies_overlay_normalised_after_normalising_and_overlay_as_written(tmp_path: Path) -> None:
    spec, overlay = str(DATA / "getty-openapi30.yaml"), str(ROOT / "specs/getty/overlay.yaml")
    out = tmp_path / "out"
    normalised = run(
        tmp_path, "generate", "-q", "--spec", spec, "--overlay-normalised", overlay, "--name", "g", "--out", str(out)
    )
    assert normalised.returncode == 0, normalised.stderr
    assert "_to_file(" in (out / "g/resources/images.py").read_text()
    # --overlay keeps Overlay 1.0's meaning: on Getty's Swagger 2.0 document as written, the 3.1 targets miss
    as_written = run(tmp_path, "ir", "--spec", str(ROOT / "specs/getty/swagger.yaml"), "--overlay", overlay)
    assert "overlay.yaml#/actions/0/target:" in as_written.stderr and "warning[W002]" in as_written.stderr
    assert "Traceback" not in as_written.stderr


def test_an_overlay_extending_one_of_the_documents_is_applied_to_it_as_written(tmp_path: Path) -> None:
    """Overlay 1.0's ``extends``: how a provider folder from before ``repairs:`` (an older revision) still reads."""
    folder = provider_copy(tmp_path, "getty")
    api, _ = api_of(tmp_path, "getty")
    manifest = yaml.safe_load((folder / "provider.yaml").read_text())
    manifest["overlays"] = [*manifest.pop("repairs"), *manifest["overlays"]]
    (folder / "provider.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    repairs = yaml.safe_load((folder / "repairs.yaml").read_text())
    assert repairs["extends"] == "swagger.yaml"
    again, diagnostics = api_of(tmp_path, "getty")
    assert again is not None and not diagnostics.errors, [d.format() for d in diagnostics]
    assert again == api


def test_the_ir_read_back_is_placed_in_the_vendor_documents_and_the_overlay_actions(tmp_path: Path) -> None:
    from generator.dump import api_to_json

    provider_copy(tmp_path, "getty")
    api, _ = api_of(tmp_path, "getty")
    assert api is not None
    assert "normalised to OpenAPI 3.1" not in api_to_json(api)
    download = operation(api, "post", "/v3/downloads/images/{id}")
    assert download.origin.file.endswith("specs/getty/swagger.yaml")
    assert download.origin.pointer == "/paths/~1v3~1downloads~1images~1{id}/post"
    assert all(p.origin.pointer.rpartition("/")[0].endswith("/post/parameters") for p in download.parameters)
    (presigned,) = [b for b in download.behaviours if isinstance(b, PresignedDownload)]
    assert presigned.origin.file.endswith("specs/getty/overlay.yaml")
    assert presigned.origin.pointer.startswith("/actions/")
