# Copied by generator 0.1.0 from templates/python/runtime/_sending.py. Do not edit.
"""Sending one request with retries, and turning what went wrong into the runtime's errors.

Shared by the API client and the credential-free download client, in a sync
and an async twin around the same decisions. Every response is opened as a
stream, so a caller can save a body of any size; ``read_body`` reads successful
ones at once, inside the retried attempt, up to ``max_body_size`` bytes
(``ResponseTooLargeError`` past it). An error body is read only up to
``ERROR_BODY_LIMIT`` bytes. Retries are logged (method and path, never the query
or headers) on the ``logging`` logger of this module.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import httpx

from ._bodies import DEFAULT_MAX_BODY_SIZE, BodyTooLargeError, async_read_capped, read_capped
from ._config import RetryPolicy, requested_wait
from ._decoding import ResponseTooLargeError
from ._errors import APIConnectionError, APITimeoutError, status_error

ERROR_BODY_LIMIT = 64 * 1024
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})

_UNSENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
"""Failures before the request left: retrying cannot make the server act twice."""
_TRANSIENT_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
_UNSENT_STATUSES = frozenset({408, 429})
"""Statuses meaning the server did not act on the request."""

_log = logging.getLogger(__name__)


def send(
    client: httpx.Client,
    request: httpx.Request,
    *,
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    follow_redirects: bool = False,
    read_body: bool = False,
    max_body_size: int = DEFAULT_MAX_BODY_SIZE,
) -> httpx.Response:
    """The response to ``request`` after any retries the policy allows; raises APIConnectionError if none came."""
    started = clock()
    attempt = 0
    while True:
        try:
            response = client.send(request, stream=True, follow_redirects=follow_redirects)
            if read_body and response.status_code < 400:
                read_capped(response, max_body_size)
        except BodyTooLargeError as error:
            raise ResponseTooLargeError(response, error.limit, error.declared) from None
        except httpx.RequestError as error:
            wait = _wait_after_error(policy, request, error, attempt, clock() - started)
            if wait is None:
                raise _connection_error(request, error) from error
        else:
            wait = _wait_after_status(policy, response, attempt, clock() - started)
            if wait is None:
                return response
            response.close()
        sleep(wait)
        attempt += 1


async def async_send(
    client: httpx.AsyncClient,
    request: httpx.Request,
    *,
    policy: RetryPolicy,
    sleep: Callable[[float], Awaitable[None]],
    clock: Callable[[], float],
    follow_redirects: bool = False,
    read_body: bool = False,
    max_body_size: int = DEFAULT_MAX_BODY_SIZE,
) -> httpx.Response:
    """The async twin of ``send``."""
    started = clock()
    attempt = 0
    while True:
        try:
            response = await client.send(request, stream=True, follow_redirects=follow_redirects)
            if read_body and response.status_code < 400:
                await async_read_capped(response, max_body_size)
        except BodyTooLargeError as error:
            raise ResponseTooLargeError(response, error.limit, error.declared) from None
        except httpx.RequestError as error:
            wait = _wait_after_error(policy, request, error, attempt, clock() - started)
            if wait is None:
                raise _connection_error(request, error) from error
        else:
            wait = _wait_after_status(policy, response, attempt, clock() - started)
            if wait is None:
                return response
            await response.aclose()
        await sleep(wait)
        attempt += 1


def raise_for_status(response: httpx.Response, *, allow_redirect: bool = False) -> None:
    """Raise the typed error for a status >= 400, or for a 3xx unless ``allow_redirect``; closes the response then."""
    if _is_failure(response, allow_redirect):
        raise status_error(response, _read_error_body(response))


async def async_raise_for_status(response: httpx.Response, *, allow_redirect: bool = False) -> None:
    """The async twin of ``raise_for_status``."""
    if _is_failure(response, allow_redirect):
        raise status_error(response, await _async_read_error_body(response))


def _connection_error(request: httpx.Request, error: httpx.RequestError) -> APIConnectionError:
    """The runtime's error for a request that got no response; names the request by method, host and path."""
    error_class = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    detail = str(error) or type(error).__name__
    url = request.url
    port = f":{url.port}" if url.port else ""
    return error_class(f"{request.method} {url.scheme}://{url.host}{port}{url.path}: {detail}")


def _wait_after_status(policy: RetryPolicy, response: httpx.Response, attempt: int, elapsed: float) -> float | None:
    status = response.status_code
    if status not in policy.retry_statuses:
        return None
    if not (_is_retry_safe(policy, response.request) or status in _UNSENT_STATUSES):
        return None
    wait = policy.delay(attempt, requested_wait(response.headers, policy), elapsed=elapsed)
    if wait is not None:
        _log_retry(response.request, wait, f"status {status}")
    return wait


def _wait_after_error(
    policy: RetryPolicy, request: httpx.Request, error: httpx.RequestError, attempt: int, elapsed: float
) -> float | None:
    if not isinstance(error, _TRANSIENT_ERRORS):
        return None
    if not (_is_retry_safe(policy, request) or isinstance(error, _UNSENT_ERRORS)):
        return None
    wait = policy.delay(attempt, elapsed=elapsed)
    if wait is not None:
        _log_retry(request, wait, type(error).__name__)
    return wait


def _is_retry_safe(policy: RetryPolicy, request: httpx.Request) -> bool:
    return policy.retry_unsafe_methods or request.method in IDEMPOTENT_METHODS


def _log_retry(request: httpx.Request, wait: float, reason: str) -> None:
    _log.info("retrying %s %s in %.2f s after %s", request.method, request.url.path, wait, reason)


def _is_failure(response: httpx.Response, allow_redirect: bool) -> bool:
    return response.status_code >= 400 or (300 <= response.status_code < 400 and not allow_redirect)


def _read_error_body(response: httpx.Response) -> bytes:
    """At most ERROR_BODY_LIMIT bytes of the body; whatever could be read if the connection fails."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= ERROR_BODY_LIMIT:
                break
    except (httpx.RequestError, httpx.StreamError):
        pass
    finally:
        response.close()
    return b"".join(chunks)[:ERROR_BODY_LIMIT]


async def _async_read_error_body(response: httpx.Response) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= ERROR_BODY_LIMIT:
                break
    except (httpx.RequestError, httpx.StreamError):
        pass
    finally:
        await response.aclose()
    return b"".join(chunks)[:ERROR_BODY_LIMIT]
