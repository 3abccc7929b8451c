# Copied by generator 0.1.0 from templates/python/runtime/_downloads.py. Do not edit.
"""Fetching files from presigned URLs and redirect targets, with a client that carries no credentials.

A presigned URL, like the ``Location`` of a 303 to a file, is its own
authorisation. The API's credentials must not travel with it: a storage host
has no business seeing them, and some refuse a signed request that also has an
``Authorization`` header. These requests therefore go through a separate
"bare" httpx client with none of the API client's headers, auth or cookies,
with its own finite timeout, which follows redirects (it has nothing to leak).
A link known to be expired is refused before any request is made.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager, nullcontext
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TypeAlias

import httpx

from ._config import DEFAULT_RETRY, DEFAULT_TIMEOUT, RetryPolicy
from ._errors import DownloadError, LinkExpiredError
from ._files import PathLike, ProgressCallback, async_save_response, check_target, save_response
from ._sending import async_raise_for_status, async_send, raise_for_status, send
from ._serialization import parse_datetime

Expiry: TypeAlias = int | float | str | datetime
"""Unix seconds (or milliseconds), an RFC 3339 date-time, or a datetime (naive means UTC)."""

_MILLISECONDS_THRESHOLD = 100_000_000_000
"""Larger epoch numbers are milliseconds: as seconds they would be after the year 5000."""


def bare_client(
    *, timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT, user_agent: str | None = None
) -> httpx.Client:
    """A new client with no credentials, headers or cookies of the API's, following redirects."""
    return httpx.Client(timeout=timeout, follow_redirects=True, headers=_headers(user_agent))


def async_bare_client(
    *, timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT, user_agent: str | None = None
) -> httpx.AsyncClient:
    """The async twin of ``bare_client``."""
    return httpx.AsyncClient(timeout=timeout, follow_redirects=True, headers=_headers(user_agent))


def ensure_not_expired(expires_at: Expiry | None, *, now: datetime | None = None, leeway: float = 30.0) -> None:
    """Raise LinkExpiredError if the link expires within ``leeway`` seconds from ``now``; None never expires."""
    if expires_at is None:
        return
    expiry = _as_datetime(expires_at)
    current = _aware(now or datetime.now(timezone.utc))
    if expiry - timedelta(seconds=leeway) <= current:
        raise LinkExpiredError(expiry)


@contextmanager
def stream_url(
    url: str,
    *,
    http_client: httpx.Client | None = None,
    expires_at: Expiry | None = None,
    retry: RetryPolicy = DEFAULT_RETRY,
    headers: Mapping[str, str] | None = None,
) -> Iterator[httpx.Response]:
    """GET ``url`` with a bare client (``http_client`` if given, which must carry no credentials) as a stream.

    ``headers`` are sent besides the client's own (a download continued with ``Range`` needs them).
    """
    ensure_not_expired(expires_at)
    with nullcontext(http_client) if http_client is not None else bare_client() as client:
        request = client.build_request("GET", url, headers=headers)
        response = send(client, request, policy=retry, sleep=time.sleep, clock=time.monotonic, follow_redirects=True)
        try:
            raise_for_status(response)
            yield response
        finally:
            response.close()


@asynccontextmanager
async def async_stream_url(
    url: str,
    *,
    http_client: httpx.AsyncClient | None = None,
    expires_at: Expiry | None = None,
    retry: RetryPolicy = DEFAULT_RETRY,
    headers: Mapping[str, str] | None = None,
) -> AsyncIterator[httpx.Response]:
    """The async twin of ``stream_url``."""
    ensure_not_expired(expires_at)
    async with nullcontext(http_client) if http_client is not None else async_bare_client() as client:
        request = client.build_request("GET", url, headers=headers)
        response = await async_send(
            client, request, policy=retry, sleep=asyncio.sleep, clock=time.monotonic, follow_redirects=True
        )
        try:
            await async_raise_for_status(response)
            yield response
        finally:
            await response.aclose()


def download_url(
    url: str,
    path: PathLike,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    http_client: httpx.Client | None = None,
    expires_at: Expiry | None = None,
    retry: RetryPolicy = DEFAULT_RETRY,
    chunk_size: int | None = None,
) -> Path:
    """Save the file at ``url`` to ``path`` (a file, or a folder to put it in); see ``save_response``."""
    ensure_not_expired(expires_at)
    check_target(path, overwrite)
    with stream_url(url, http_client=http_client, retry=retry) as response:
        return save_response(response, path, overwrite=overwrite, progress=progress, chunk_size=chunk_size)


async def async_download_url(
    url: str,
    path: PathLike,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    http_client: httpx.AsyncClient | None = None,
    expires_at: Expiry | None = None,
    retry: RetryPolicy = DEFAULT_RETRY,
    chunk_size: int | None = None,
) -> Path:
    """The async twin of ``download_url``."""
    ensure_not_expired(expires_at)
    check_target(path, overwrite)
    async with async_stream_url(url, http_client=http_client, retry=retry) as response:
        return await async_save_response(response, path, overwrite=overwrite, progress=progress, chunk_size=chunk_size)


def head_size(
    head_url: str, *, http_client: httpx.Client | None = None, retry: RetryPolicy = DEFAULT_RETRY
) -> int | None:
    """The size a HEAD request on ``head_url`` announces (Content-Length), or None if it announces none."""
    with nullcontext(http_client) if http_client is not None else bare_client() as client:
        request = client.build_request("HEAD", head_url)
        response = send(
            client, request, policy=retry, sleep=time.sleep, clock=time.monotonic, follow_redirects=True, read_body=True
        )
        raise_for_status(response)
    return _content_length(response)


async def async_head_size(
    head_url: str, *, http_client: httpx.AsyncClient | None = None, retry: RetryPolicy = DEFAULT_RETRY
) -> int | None:
    """The async twin of ``head_size``."""
    async with nullcontext(http_client) if http_client is not None else async_bare_client() as client:
        request = client.build_request("HEAD", head_url)
        response = await async_send(
            client,
            request,
            policy=retry,
            sleep=asyncio.sleep,
            clock=time.monotonic,
            follow_redirects=True,
            read_body=True,
        )
        await async_raise_for_status(response)
    return _content_length(response)


def redirect_location(response: httpx.Response) -> str:
    """The absolute URL a redirect response points to (a relative Location is resolved against the request)."""
    location = response.headers.get("location")
    if not location:
        raise DownloadError(f"the {response.status_code} response names no Location to download from")
    return str(response.url.join(location))


def follow_redirect_download(
    response: httpx.Response,
    path: PathLike,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    http_client: httpx.Client | None = None,
    retry: RetryPolicy = DEFAULT_RETRY,
) -> Path:
    """Download the target of a redirect ``response`` with a bare client; see ``download_url``."""
    location = redirect_location(response)
    return download_url(location, path, overwrite=overwrite, progress=progress, http_client=http_client, retry=retry)


async def async_follow_redirect_download(
    response: httpx.Response,
    path: PathLike,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    http_client: httpx.AsyncClient | None = None,
    retry: RetryPolicy = DEFAULT_RETRY,
) -> Path:
    """The async twin of ``follow_redirect_download``."""
    location = redirect_location(response)
    return await async_download_url(
        location, path, overwrite=overwrite, progress=progress, http_client=http_client, retry=retry
    )


def _headers(user_agent: str | None) -> dict[str, str]:
    return {"User-Agent": user_agent} if user_agent else {}


def _content_length(response: httpx.Response) -> int | None:
    length = response.headers.get("content-length", "")
    return int(length) if length.isdigit() else None


def _as_datetime(value: Expiry) -> datetime:
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, str):
        text = value.strip()
        if not text.replace(".", "", 1).isdigit():
            return _aware(parse_datetime(text))
        value = float(text)
    seconds = value / 1000 if value > _MILLISECONDS_THRESHOLD else value
    return datetime.fromtimestamp(seconds, timezone.utc)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
