"""Several documents merged into one API, and the behaviours the passes find without extensions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.ir import Api, AsyncJob, Operation, RedirectDownload, StreamedDownload
from generator.pipeline import build_api

OK = {"200": {"description": "ok"}}
PET = {"type": "object", "properties": {"id": {"type": "string"}}}


def document(path: str, op_id: str, pet: dict[str, Any], **op: Any) -> dict[str, Any]:
    response = {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {path: {"get": {"operationId": op_id, "responses": {"200": response}, **op}}},
        "components": {
            "schemas": {"Pet": pet, "Id": {"type": "string", "format": "uuid"}},
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        },
    }


def merge(tmp_path: Path, *docs: tuple[str, dict[str, Any]]) -> tuple[Api | None, Diagnostics]:
    paths = []
    for name, data in docs:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        paths.append(path)
    diagnostics = Diagnostics()
    return build_api(paths, diagnostics=diagnostics, validation="error"), diagnostics


# --------------------------------------------------------------------------- merge


def test_identical_components_collapse(tmp_path: Path) -> None:
    api, diagnostics = merge(
        tmp_path, ("a.yaml", document("/a", "getA", PET)), ("b.yaml", document("/b", "getB", dict(PET)))
    )
    assert api is not None, [d.format() for d in diagnostics]
    assert list(diagnostics) == []
    assert [op.operation_id for op in api.operations] == ["getA", "getB"]
    assert [s.name for s in api.schemas] == ["Id", "Pet"]
    assert [s.name for s in api.security_schemes] == ["key"]
    assert [s.url for s in api.servers] == ["https://api.example.com"]
    # where the kept one was written is the first document
    assert api.schemas[1].origin.file.endswith("a.yaml")


def test_the_same_operation_in_two_documents_collapses(tmp_path: Path) -> None:
    api, diagnostics = merge(
        tmp_path, ("a.yaml", document("/a", "getA", PET)), ("copy.yaml", document("/a", "getA", PET))
    )
    assert api is not None and list(diagnostics) == []
    assert [op.operation_id for op in api.operations] == ["getA"]


def test_conflicting_schema_with_the_same_name_is_e040_naming_both_files(tmp_path: Path) -> None:
    other = {"type": "object", "properties": {"id": {"type": "integer"}}}
    api, diagnostics = merge(
        tmp_path, ("first.yaml", document("/a", "getA", PET)), ("second.yaml", document("/b", "getB", other))
    )
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E040"
    assert "'Pet'" in error.message
    assert error.origin is not None and error.origin.file.endswith("second.yaml")
    assert error.origin.pointer == "/components/schemas/Pet"
    assert "first.yaml#/components/schemas/Pet" in error.message
    assert error.line is not None
    assert "second.yaml#/components/schemas/Pet:" in error.format()


def test_same_operation_id_defined_differently_is_e040(tmp_path: Path) -> None:
    api, diagnostics = merge(
        tmp_path,
        ("first.yaml", document("/a", "fetch", PET)),
        ("second.yaml", document("/a", "fetch", PET, summary="different")),
    )
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E040" and "'fetch'" in error.message
    assert error.origin is not None and error.origin.file.endswith("second.yaml")
    assert error.origin.pointer == "/paths/~1a/get"
    assert "first.yaml#/paths/~1a/get" in error.message


def test_same_method_and_path_under_two_operation_ids_is_e040(tmp_path: Path) -> None:
    api, diagnostics = merge(
        tmp_path, ("first.yaml", document("/a", "fetch", PET)), ("second.yaml", document("/a", "get_a", PET))
    )
    assert api is None
    assert [d.code for d in diagnostics.errors] == ["E040"]
    assert "GET /a" in diagnostics.errors[0].message


def test_conflicting_security_scheme_is_e040(tmp_path: Path) -> None:
    second = document("/b", "getB", PET)
    second["components"]["securitySchemes"]["key"]["name"] = "X-Other"
    api, diagnostics = merge(tmp_path, ("first.yaml", document("/a", "getA", PET)), ("second.yaml", second))
    assert api is None
    (error,) = diagnostics.errors
    assert error.code == "E040" and "security scheme 'key'" in error.message


def test_an_error_in_one_document_stops_the_merge_and_names_that_document(tmp_path: Path) -> None:
    broken = document("/b", "getB", {"$ref": "#/components/schemas/Nope"})
    api, diagnostics = merge(tmp_path, ("good.yaml", document("/a", "getA", PET)), ("broken.yaml", broken))
    assert api is None
    assert diagnostics.errors
    assert all(d.origin is not None and d.origin.file.endswith("broken.yaml") for d in diagnostics.errors)


# --------------------------------------------------------------------------- behaviours found by the passes


def spec_with(paths: dict[str, Any], version: str = "3.1.0") -> dict[str, Any]:
    return {"openapi": version, "info": {"title": "T", "version": "1"}, "paths": paths}


def behaviours(api: Api, op_id: str) -> list[str]:
    return [type(b).__name__ for b in api.operation(op_id).behaviours]


@pytest.mark.parametrize(
    ("version", "content", "streamed"),
    [
        ("3.0.3", {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}, True),
        ("3.1.0", {"image/png": {"schema": {"type": "string", "contentMediaType": "image/png"}}}, True),
        ("3.1.0", {"image/png": {}}, True),  # no schema on a non-JSON media type
        ("3.1.0", {"application/json": {}}, False),
        ("3.1.0", {"text/plain": {}}, False),
        ("3.1.0", {"application/json": {"schema": {"type": "object"}}}, False),
    ],
)
def test_binary_success_response_is_a_streamed_download(
    load_spec: Any, version: str, content: dict[str, Any], streamed: bool
) -> None:
    paths = {"/file": {"get": {"operationId": "file", "responses": {"200": {"description": "ok", "content": content}}}}}
    api, diagnostics = load_spec(spec_with(paths, version), validation="error")
    assert api is not None, [d.format() for d in diagnostics]
    found = [b for b in api.operation("file").behaviours if isinstance(b, StreamedDownload)]
    if streamed:
        assert found == [StreamedDownload(status="200", media_types=tuple(content), origin=found[0].origin)]
        assert found[0].origin.pointer == "/paths/~1file/get/responses/200"
    else:
        assert found == []


def test_an_answer_to_head_is_no_download(load_spec: Any) -> None:
    """jellyfin documents HEAD image endpoints with an image body: a HEAD answer has none (RFC 9110), so no save
    helper (Go's tests of one saved nothing, as a real server sends)."""
    binary = {"image/png": {"schema": {"type": "string", "format": "binary"}}}
    response = {"200": {"description": "ok", "content": binary}}
    paths = {"/img": {"head": {"operationId": "headImage", "responses": response}}}
    paths["/img"]["get"] = {"operationId": "getImage", "responses": response}
    api, _ = load_spec(spec_with(paths))
    assert (
        api is not None and behaviours(api, "headImage") == [] and behaviours(api, "getImage") == ["StreamedDownload"]
    )


def test_binary_error_response_is_not_a_download(load_spec: Any) -> None:
    binary = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
    paths = {"/f": {"get": {"operationId": "f", "responses": {"404": {"description": "no", "content": binary}}}}}
    api, _ = load_spec(spec_with(paths))
    assert api is not None and behaviours(api, "f") == []


def test_303_with_a_location_header_is_a_redirect_download(load_spec: Any) -> None:
    response = {"description": "see other", "headers": {"location": {"schema": {"type": "string", "format": "uri"}}}}
    paths = {"/f": {"get": {"operationId": "f", "responses": {"303": response, "404": {"description": "no"}}}}}
    api, _ = load_spec(spec_with(paths))
    assert api is not None
    (redirect,) = api.operation("f").behaviours
    assert redirect == RedirectDownload(status="303", location_header="location", origin=redirect.origin)


def test_3xx_without_location_is_not_a_redirect(load_spec: Any) -> None:
    paths = {"/f": {"get": {"operationId": "f", "responses": {"304": {"description": "not modified"}}}}}
    api, _ = load_spec(spec_with(paths))
    assert api is not None and behaviours(api, "f") == []


def _job_spec(link_parameters: dict[str, str], poll_extension: bool = True) -> dict[str, Any]:
    job = {"type": "object", "properties": {"jobId": {"type": "string"}}}
    status = {
        "type": "object",
        "properties": {"state": {"type": "string"}, "url": {"type": "string"}},
    }
    poll_response: dict[str, Any] = {"description": "ok", "content": {"application/json": {"schema": status}}}
    if poll_extension:
        poll_response["x-job-status"] = {
            "status": "state",
            "succeeded": ["done"],
            "failed": ["failed"],
            "result-url": "url",
        }
    return spec_with(
        {
            "/jobs": {
                "post": {
                    "operationId": "startJob",
                    "responses": {
                        "202": {
                            "description": "accepted",
                            "content": {"application/json": {"schema": job}},
                            "links": {"Poll": {"operationId": "getJob", "parameters": link_parameters}},
                        }
                    },
                }
            },
            "/jobs/{id}": {
                "get": {
                    "operationId": "getJob",
                    "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": poll_response},
                }
            },
        }
    )


def test_link_to_an_operation_with_job_status_is_an_async_job(load_spec: Any) -> None:
    api, diagnostics = load_spec(_job_spec({"id": "$response.body#/jobId"}), validation="error")
    assert api is not None, [d.format() for d in diagnostics]
    assert list(diagnostics) == []
    (job,) = api.operation("startJob").behaviours
    assert job == AsyncJob(
        poll_operation_id="getJob",
        parameters=(("id", "jobId"),),
        status_field="state",
        succeeded=("done",),
        failed=("failed",),
        result_url_field="url",
        origin=job.origin,
    )
    assert job.origin.pointer == "/paths/~1jobs/post/responses/202/links/Poll"
    assert behaviours(api, "getJob") == ["JobStatus"]


def test_link_without_job_status_is_just_a_link(load_spec: Any) -> None:
    api, diagnostics = load_spec(_job_spec({"id": "$response.body#/jobId"}, poll_extension=False))
    assert api is not None and list(diagnostics) == []
    assert behaviours(api, "startJob") == []
    assert api.operation("startJob").responses[0].links[0].operation_id == "getJob"


def test_link_with_an_expression_the_job_helper_cannot_follow_is_w001(load_spec: Any) -> None:
    api, diagnostics = load_spec(_job_spec({"id": "$response.header.Location"}))
    assert api is not None
    assert behaviours(api, "startJob") == []
    (warning,) = diagnostics
    assert (warning.code, warning.severity) == ("W001", "warning")
    assert warning.origin is not None and warning.origin.pointer.endswith("/links/Poll")


def test_link_to_an_unknown_operation_is_w001(load_spec: Any) -> None:
    spec = _job_spec({"id": "$response.body#/jobId"})
    spec["paths"]["/jobs"]["post"]["responses"]["202"]["links"]["Poll"]["operationId"] = "nope"
    api, diagnostics = load_spec(spec)
    assert api is not None
    assert [d.code for d in diagnostics] == ["W001"]
    assert "'nope'" in diagnostics.items[0].message


def test_passes_keep_loader_behaviours_first(load_spec: Any) -> None:
    """A 303 declared with x-redirect-trigger is not found a second time by the pass."""
    paths = {
        "/f": {
            "get": {
                "operationId": "f",
                "parameters": [{"in": "query", "name": "go", "schema": {"type": "boolean"}}],
                "responses": {
                    "303": {
                        "description": "see other",
                        "headers": {"Location": {"schema": {"type": "string"}}},
                        "x-redirect-trigger": {"parameter": "go", "value": True},
                    }
                },
            }
        }
    }
    api, diagnostics = load_spec(spec_with(paths))
    assert api is not None, [d.format() for d in diagnostics]
    op: Operation = api.operation("f")
    assert len(op.behaviours) == 1
    assert isinstance(op.behaviours[0], RedirectDownload) and op.behaviours[0].trigger_parameter == "go"
