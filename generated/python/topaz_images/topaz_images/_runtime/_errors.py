# Copied by generator 0.1.0 from templates/python/runtime/_errors.py. Do not edit.
"""Every exception the client raises, and the mapping from an HTTP error response to one of them.

The hierarchy::

    APIError
    ├── APIConnectionError              no response: DNS, refused, reset, TLS, ...
    │   └── APITimeoutError             connect, read, write or pool timeout
    ├── APIStatusError                  the API answered with an error status
    │   ├── BadRequestError             400
    │   ├── AuthenticationError         401
    │   ├── PermissionDeniedError       403
    │   ├── NotFoundError               404
    │   ├── ConflictError               409  (also "not ready yet")
    │   ├── UnprocessableEntityError    422
    │   ├── RateLimitError              429  (.retry_after)
    │   └── InternalServerError         5xx
    ├── ResponseDecodeError             a success response whose body does not match the spec (in _decoding)
    │   └── ResponseTooLargeError       a success body read into memory passed max_body_size (in _decoding)
    ├── RequestValidationError          a parameter was refused before sending (also a ValueError)
    ├── MissingCredentialsError         no credentials for any security alternative of the operation
    ├── DownloadError                   a download could not be completed
    │   └── LinkExpiredError            a presigned link expired before it was used
    ├── JobFailedError                  an asynchronous job ended in a failure state
    ├── JobTimeoutError                 an asynchronous job did not finish in time (also a TimeoutError)
    └── NotReadyTimeoutError            a resource stayed "not ready" too long (also a TimeoutError)

An existing download target is refused with the builtin ``FileExistsError``.
Messages never contain credentials: a request is named by method and path only,
never by its query string or headers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

import httpx

from ._bodies import json_too_deep
from ._config import parse_retry_after

MESSAGE_LIMIT = 500
"""Longest message taken from a response body, in characters."""

_MESSAGE_KEYS = ("message", "error", "detail", "ErrorMessage", "title", "error_description", "errors", "msg")
_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id", "x-correlation-id")
_XML_MESSAGE = re.compile(rb"<Message>([^<]{1,2000})</Message>")


class APIError(Exception):
    """Base class of every error raised by the client."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIConnectionError(APIError):
    """The request got no response: the server could not be reached or the connection broke."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class APIStatusError(APIError):
    """The API answered with an error status; ``message`` is the API's own explanation."""

    def __init__(self, response: httpx.Response, *, message: str, body: object) -> None:
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.request_id = _request_id(response.headers)
        super().__init__(_describe(response, message, self.request_id))
        self.message = message


class BadRequestError(APIStatusError):
    """400 Bad Request."""


class AuthenticationError(APIStatusError):
    """401 Unauthorized: the credentials are missing, wrong or expired."""


class PermissionDeniedError(APIStatusError):
    """403 Forbidden."""


class NotFoundError(APIStatusError):
    """404 Not Found."""


class ConflictError(APIStatusError):
    """409 Conflict; some APIs answer it while a resource is not ready yet."""


class UnprocessableEntityError(APIStatusError):
    """422 Unprocessable Entity."""


class RateLimitError(APIStatusError):
    """429 Too Many Requests; ``retry_after`` is the wait the server asked for, in seconds, if it said."""

    def __init__(self, response: httpx.Response, *, message: str, body: object) -> None:
        super().__init__(response, message=message, body=body)
        self.retry_after = parse_retry_after(response.headers)


class InternalServerError(APIStatusError):
    """Any 5xx status."""


class RequestValidationError(APIError, ValueError):
    """A parameter value was refused before any request was sent."""

    def __init__(self, parameter: str, problem: str) -> None:
        super().__init__(f"invalid value for {parameter!r}: {problem}")
        self.parameter = parameter
        self.problem = problem


class MissingCredentialsError(APIError):
    """The operation needs credentials the client was not given.

    ``alternatives`` lists the security scheme names that would do: any one
    group, with every scheme in that group. ``hints`` maps a scheme name to how
    to provide it (for instance the environment variable to set).
    """

    def __init__(self, alternatives: Sequence[Sequence[str]], hints: Mapping[str, str] | None = None) -> None:
        self.alternatives = tuple(tuple(group) for group in alternatives)
        hints = hints or {}
        options = [" and ".join(_with_hint(name, hints) for name in group) for group in self.alternatives]
        wanted = options[0] if len(options) == 1 else "one of: " + " | ".join(options)
        super().__init__(f"this operation needs credentials, provide {wanted}")


class DownloadError(APIError):
    """A download could not be completed; no partial file is left behind."""


class LinkExpiredError(DownloadError):
    """A presigned link expired (or is about to) before it could be fetched."""

    def __init__(self, expired_at: datetime) -> None:
        super().__init__(f"the download link expired at {expired_at.isoformat()}; request a new one")
        self.expired_at = expired_at


class JobFailedError(APIError):
    """An asynchronous job ended in a failure state; ``body`` is the last status the API returned."""

    def __init__(self, job_id: str, status: str, body: object) -> None:
        super().__init__(f"job {job_id} failed with status {status!r}")
        self.job_id = job_id
        self.status = status
        self.body = body


class JobTimeoutError(APIError, TimeoutError):
    """An asynchronous job was still running when the wait timed out; it may still finish later."""

    def __init__(self, job_id: str, status: str, timeout: float) -> None:
        super().__init__(f"job {job_id} still {status!r} after {timeout:g} s")
        self.job_id = job_id
        self.status = status
        self.timeout = timeout


class NotReadyTimeoutError(APIError, TimeoutError):
    """A resource still answered "not ready" when the wait timed out; the last answer is the ``__cause__``."""

    def __init__(self, timeout: float) -> None:
        super().__init__(f"still not ready after {timeout:g} s")
        self.timeout = timeout


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(response: httpx.Response, content: bytes | None = None) -> APIStatusError:
    """The error for an unsuccessful ``response``, built from ``content`` (default: the read body)."""
    if content is None:
        try:
            content = response.content
        except httpx.ResponseNotRead:
            content = b""
    code = response.status_code
    error_class = _STATUS_CLASSES.get(code) or (InternalServerError if code >= 500 else APIStatusError)
    body = _parse_json(content)
    message = _message_from_json(body) or _message_from_text(response, content) or _reason(response)
    return error_class(response, message=_shorten(message), body=body)


def _parse_json(content: bytes) -> object:
    if json_too_deep(content):
        return None
    try:
        return json.loads(content) if content.strip() else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def _message_from_json(body: object) -> str | None:
    """The first readable message in a JSON error body, looking into nested objects and lists."""
    if isinstance(body, str):
        return body.strip() or None
    if isinstance(body, list):
        return _first(_message_from_json(item) for item in body[:5])
    if isinstance(body, dict):
        return _first(_message_from_json(body[key]) for key in _MESSAGE_KEYS if key in body)
    return None


def _message_from_text(response: httpx.Response, content: bytes) -> str | None:
    """An S3/GCS-style XML ``<Message>``, or a short plain-text body."""
    xml = _XML_MESSAGE.search(content)
    if xml:
        return xml.group(1).decode("utf-8", "replace").strip() or None
    if response.headers.get("content-type", "").startswith("text/plain") and len(content) <= MESSAGE_LIMIT:
        return content.decode("utf-8", "replace").strip() or None
    return None


def _first(candidates: Iterable[str | None]) -> str | None:
    return next((candidate for candidate in candidates if candidate), None)


def _shorten(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= MESSAGE_LIMIT else message[: MESSAGE_LIMIT - 1] + "…"


def _reason(response: httpx.Response) -> str:
    return response.reason_phrase or f"HTTP {response.status_code}"


def _request_id(headers: httpx.Headers) -> str | None:
    return _first(headers.get(name) for name in _REQUEST_ID_HEADERS)


def _describe(response: httpx.Response, message: str, request_id: str | None) -> str:
    text = f"{response.status_code} {_reason(response)}"
    if message != _reason(response):
        text += f": {message}"
    try:
        request = response.request
    except RuntimeError:  # a response built by hand, without its request
        pass
    else:
        text = f"{request.method} {request.url.path} -> {text}"
    if request_id:
        text += f" (request id {request_id})"
    return text


def _with_hint(name: str, hints: Mapping[str, str]) -> str:
    return f"{name} ({hints[name]})" if name in hints else name
