"""Typed errors: status mapping, the API's message, request ids, Retry-After, and the exception tree."""

from __future__ import annotations

import json

import httpx
import imgrt_runtime as rt
import pytest


def _response(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> httpx.Response:
    request = httpx.Request("GET", "https://api.example.com/v1/images/42?api_key=SECRET")
    return httpx.Response(status, content=body, headers=headers, request=request)


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, rt.BadRequestError),
        (401, rt.AuthenticationError),
        (403, rt.PermissionDeniedError),
        (404, rt.NotFoundError),
        (409, rt.ConflictError),
        (422, rt.UnprocessableEntityError),
        (429, rt.RateLimitError),
        (500, rt.InternalServerError),
        (502, rt.InternalServerError),
        (503, rt.InternalServerError),
        (504, rt.InternalServerError),
        (418, rt.APIStatusError),
        (303, rt.APIStatusError),
    ],
)
def test_status_error_picks_the_class_for_the_status(status: int, error_class: type[rt.APIStatusError]) -> None:
    error = rt.status_error(_response(status))

    assert type(error) is error_class
    assert error.status_code == status


@pytest.mark.parametrize(
    "body",
    [
        {"message": "Image not found"},
        {"error": "Image not found"},
        {"detail": "Image not found"},
        {"ErrorMessage": "Image not found"},
        {"title": "Image not found", "status": 404},
        {"error": {"code": "missing", "message": "Image not found"}},
        {"errors": [{"detail": "Image not found"}]},
        {"detail": [{"loc": ["path", "id"], "msg": "Image not found"}]},
    ],
)
def test_message_is_the_apis_own_from_common_json_shapes(body: object) -> None:
    error = rt.status_error(_response(404, json.dumps(body).encode(), {"Content-Type": "application/json"}))

    assert error.message == "Image not found"
    assert error.body == body
    assert "Image not found" in str(error)


def test_message_falls_back_to_the_reason_phrase_for_an_html_body() -> None:
    error = rt.status_error(_response(502, b"<html><body>" + b"x" * 100_000 + b"</body></html>"))

    assert error.message == "Bad Gateway"
    assert error.body is None
    assert len(str(error)) < 200


def test_a_huge_json_message_is_shortened() -> None:
    error = rt.status_error(_response(400, json.dumps({"message": "word " * 10_000}).encode()))

    assert len(error.message) <= rt._errors.MESSAGE_LIMIT


def test_storage_xml_error_message_is_used() -> None:
    body = b"<?xml version='1.0'?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"

    error = rt.status_error(_response(403, body, {"Content-Type": "application/xml"}))

    assert error.message == "Request has expired"


def test_short_plain_text_body_is_the_message() -> None:
    error = rt.status_error(_response(409, b"Download not ready yet\n", {"Content-Type": "text/plain"}))

    assert error.message == "Download not ready yet"


def test_description_names_method_path_and_request_id_but_not_the_query() -> None:
    error = rt.status_error(_response(404, b'{"message": "gone"}', {"X-Request-Id": "req-123"}))

    assert error.request_id == "req-123"
    assert str(error) == "GET /v1/images/42 -> 404 Not Found: gone (request id req-123)"
    assert "SECRET" not in str(error)


def test_status_error_reads_the_body_of_a_read_response_by_default() -> None:
    response = _response(409, b'{"message": "not ready"}')
    response.read()

    assert rt.status_error(response).message == "not ready"


def test_rate_limit_error_carries_retry_after() -> None:
    assert rt.status_error(_response(429, headers={"Retry-After": "7"})).retry_after == 7.0  # type: ignore[attr-defined]
    assert rt.status_error(_response(429)).retry_after is None  # type: ignore[attr-defined]


def test_exception_tree() -> None:
    assert issubclass(rt.APITimeoutError, rt.APIConnectionError)
    assert issubclass(rt.APIConnectionError, rt.APIError)
    assert issubclass(rt.InternalServerError, rt.APIStatusError)
    assert issubclass(rt.RequestValidationError, ValueError)
    assert issubclass(rt.RequestValidationError, rt.APIError)
    assert issubclass(rt.LinkExpiredError, rt.DownloadError)
    assert issubclass(rt.JobTimeoutError, TimeoutError)
    assert issubclass(rt.NotReadyTimeoutError, TimeoutError)
    for error_class in (rt.MissingCredentialsError, rt.JobFailedError, rt.JobTimeoutError, rt.DownloadError):
        assert issubclass(error_class, rt.APIError)


def test_client_side_errors_carry_their_details() -> None:
    validation = rt.RequestValidationError("image_id", "must be a hyphenated UUID")
    failed = rt.JobFailedError("job-1", "failure", {"jobStatus": "failure"})
    timed_out = rt.JobTimeoutError("job-1", "running", 30)

    assert validation.parameter == "image_id"
    assert "'image_id'" in str(validation)
    assert (failed.job_id, failed.status, failed.body) == ("job-1", "failure", {"jobStatus": "failure"})
    assert "job-1" in str(timed_out) and "running" in str(timed_out)


def test_missing_credentials_error_names_the_alternatives_and_hints() -> None:
    error = rt.MissingCredentialsError([["apiKey"], ["oauth", "appId"]], {"apiKey": "set TOPAZ_API_KEY"})

    assert error.alternatives == (("apiKey",), ("oauth", "appId"))
    assert "apiKey (set TOPAZ_API_KEY)" in str(error)
    assert "oauth and appId" in str(error)
