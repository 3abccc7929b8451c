"""The language-neutral skeleton: one decision of which helpers an operation gets, and which names a client takes.

Both styles map the core's plans, so they offer the same helpers for the same document,
and a helper neither could compile (a job polled through another resource) is offered by none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.core.operations import HelperFlags, HelperKind, ResponseKind, helper_plans
from generator.core.style import PackageSpec
from generator.diagnostics import Diagnostics
from generator.ir import Api
from generator.pipeline import build_api
from generator.spec_files import SpecFiles
from generator.styles.python.package import build_package as python_package
from generator.styles.typescript.package import build_package as typescript_package

SPECS = Path(__file__).resolve().parent.parent / "specs"
PROVIDERS = ("getty", "topaz", "toolkit", "scenario")


def _packages(api: Api) -> dict[str, Any]:
    spec = PackageSpec(package="t", title=None, base_url=None, env_prefix="T", header="")
    return {
        "python": python_package(api, spec, Diagnostics()),
        "typescript": typescript_package(api, spec, Diagnostics()),
    }


def _kinds(pkg: Any) -> dict[str, list[HelperKind]]:
    return {vm.operation_id: [h.kind for h in vm.helpers] for r in pkg.resources for vm in r.operations}


def _job_spec(poll_tag: str) -> dict[str, Any]:
    job = {"type": "object", "properties": {"jobId": {"type": "string"}}}
    status = {"type": "object", "properties": {"state": {"type": "string"}, "url": {"type": "string"}}}
    poll_response = {
        "description": "ok",
        "content": {"application/json": {"schema": status}},
        "x-job-status": {"status": "state", "succeeded": ["done"], "failed": ["failed"], "result-url": "url"},
    }
    link = {"operationId": "getJob", "parameters": {"id": "$response.body#/jobId"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.test"}],
        "paths": {
            "/jobs": {
                "post": {
                    "operationId": "startJob",
                    "tags": ["jobs"],
                    "responses": {
                        "202": {
                            "description": "accepted",
                            "content": {"application/json": {"schema": job}},
                            "links": {"Poll": link},
                        }
                    },
                }
            },
            "/jobs/{id}": {
                "get": {
                    "operationId": "getJob",
                    "tags": [poll_tag],
                    "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": poll_response},
                }
            },
        },
    }


def test_helper_kinds_are_a_closed_set_with_one_flag_each() -> None:
    assert {k.value for k in HelperKind} == {
        "save_stream",
        "save_redirect",
        "save_presigned",
        "save_many",
        "presigned_size",
        "wait_ready",
        "paginate",
        "job",
    }
    flags = ("saves_stream", "saves_redirect", "saves_presigned", "saves_many", "presigned_size", "waits_ready")
    for kind in HelperKind:

        class Probe(HelperFlags):
            __slots__ = ("kind",)

        probe = Probe()
        probe.kind = kind
        raised = [flag for flag in (*flags, "paginates", "follows_job") if getattr(probe, flag)]
        assert len(raised) == 1, (kind, raised)
        assert probe.saves_file == (
            kind in (HelperKind.SAVE_STREAM, HelperKind.SAVE_REDIRECT, HelperKind.SAVE_PRESIGNED)
        )


def test_a_job_polled_in_the_same_resource_is_a_helper_of_both_styles(load_spec: Any) -> None:
    api, _ = load_spec(_job_spec("jobs"))
    assert api is not None
    for style, pkg in _packages(api).items():
        assert _kinds(pkg)["startJob"] == [HelperKind.JOB], style


def test_a_job_polled_through_another_resource_is_no_helper_of_either_style(load_spec: Any) -> None:
    """The helper calls the status method on its own resource: under another tag there is none to call."""
    api, _ = load_spec(_job_spec("status"))
    assert api is not None
    start = api.operation("startJob")
    assert helper_plans(lambda s: s, start, {start.operation_id: start}.get) == []
    for style, pkg in _packages(api).items():
        assert _kinds(pkg)["startJob"] == [], style


def test_a_credential_named_like_a_client_parameter_is_renamed(load_spec: Any) -> None:
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.test"}],
        "components": {
            "securitySchemes": {
                "key": {"type": "apiKey", "in": "header", "name": "X-Key", "x-credential-names": ["timeout"]}
            }
        },
        "security": [{"key": []}],
        "paths": {"/f": {"get": {"operationId": "f", "responses": {"204": {"description": "done"}}}}},
    }
    api, _ = load_spec(spec)
    assert api is not None
    pkg = _packages(api)["python"]
    assert [arg.name for arg in pkg.credential_args] == ["timeout_2"]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_both_styles_offer_the_same_helpers_for_each_provider(provider: str) -> None:
    import yaml

    config = yaml.safe_load((SPECS / provider / "provider.yaml").read_text("utf-8"))
    documents = [SPECS / provider / doc for doc in config["documents"]]
    repairs = [SPECS / provider / doc for doc in config.get("repairs", [])]
    overlays = [SPECS / provider / doc for doc in config.get("overlays", [])]
    api = build_api(SpecFiles.of(documents, repairs, overlays), diagnostics=Diagnostics())
    assert api is not None
    packages = _packages(api)
    python, typescript = (_kinds(pkg) for pkg in packages.values())
    assert python == typescript
    assert any(python.values())
    assert {vm.kind for r in packages["typescript"].resources for vm in r.operations} <= set(ResponseKind)
