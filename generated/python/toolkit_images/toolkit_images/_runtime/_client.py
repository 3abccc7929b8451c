# Copied by generator 0.1.0 from templates/python/runtime/_client.py. Do not edit.
"""The client core generated operations call: builds the request, attaches credentials, retries, raises typed errors.

``SyncClientCore`` and ``AsyncClientCore`` share everything but I/O through
``_ClientBase``. Redirects of requests that carry credentials are never
followed: httpx would forward custom headers such as ``X-API-Key`` (and query
parameters) to whatever host the ``Location`` names. A redirect to a file is
returned instead (``expected_redirect=True``) and its target fetched with the
credential-free ``download_client``.

Every call runs the client's ``hooks`` (``_hooks``). An OAuth2 token source is
asked for a fresh token before the request is built; a 401 answered to it drops
that token, and the request is sent once more with a new one.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from types import TracebackType
from typing import IO, TypeAlias, TypeVar

import httpx

from ._auth import Credentials, apply_security, oauth2_in_use
from ._bodies import DEFAULT_MAX_BODY_SIZE
from ._config import DEFAULT_RETRY, DEFAULT_TIMEOUT, RequestOptions, RetryPolicy
from ._decoding import encode_json
from ._downloads import async_bare_client, bare_client
from ._errors import APIError
from ._hooks import Hooks
from ._oauth2 import OAuth2Tokens
from ._pagination import same_origin
from ._sending import async_raise_for_status, async_send, raise_for_status, send
from ._serialization import check_header_value, check_text, expand_path, format_query_value, set_header

FileContent: TypeAlias = bytes | IO[bytes]
FileField: TypeAlias = FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str | None]
RequestFiles: TypeAlias = Mapping[str, FileField] | Sequence[tuple[str, FileField]]


def text_part(value: object) -> FileField:
    """A multipart field written as text, without a file name (booleans in lower case, enums by value)."""
    return (None, format_query_value(value).encode())


def json_part(value: object) -> FileField:
    """A multipart field holding ``value`` as JSON (models, enums and dates converted), typed application/json."""
    return (None, json.dumps(encode_json(value), ensure_ascii=False).encode(), "application/json")


_SyncCore = TypeVar("_SyncCore", bound="SyncClientCore")
_AsyncCore = TypeVar("_AsyncCore", bound="AsyncClientCore")


class _ClientBase:
    """Configuration and request building, without I/O."""

    def __init__(
        self,
        *,
        base_url: str,
        credentials: Credentials,
        timeout: httpx.Timeout | float | None,
        retry: RetryPolicy,
        default_headers: Mapping[str, str] | None,
        user_agent: str,
        credential_hints: Mapping[str, str] | None,
        clock: Callable[[], float],
        max_body_size: int,
        hooks: Hooks | None = None,
    ) -> None:
        url = httpx.URL(base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"base_url must be an absolute http(s) URL, got {base_url!r}")
        self.base_url = str(url).rstrip("/")
        self.timeout = httpx.Timeout(timeout)
        self.retry = retry
        self.user_agent = user_agent
        self._credentials = dict(credentials)
        self._default_headers = dict(default_headers or {})
        self._credential_hints = dict(credential_hints or {})
        self._clock = clock
        if max_body_size < 0:
            raise ValueError(f"max_body_size must be a number of bytes, got {max_body_size!r}")
        self.max_body_size = max_body_size
        """Bytes a success body read into memory may have (streamed downloads are not capped)."""
        self.hooks = hooks if hooks is not None else Hooks()
        """The callbacks run around every call (``_hooks``)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, credentials={sorted(self._credentials)!r})"

    def _build(
        self,
        http_client: httpx.Client | httpx.AsyncClient,
        method: str,
        path_template: str,
        *,
        path_params: Mapping[str, str] | None,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str] | None,
        json: object,
        content: bytes | None,
        data: Mapping[str, str] | None,
        files: RequestFiles | None,
        security: Sequence[Sequence[str]],
        options: RequestOptions | None,
        tokens: Sequence[tuple[OAuth2Tokens, str]],
    ) -> tuple[httpx.Request, RetryPolicy]:
        """The request and the retry policy for one call; precedence: defaults < operation < credentials < options."""
        options = options or RequestOptions()
        url = self.base_url + expand_path(path_template, path_params or {})
        all_headers = {"User-Agent": self.user_agent}
        for name, value in (*self._default_headers.items(), *(headers or {}).items()):
            set_header(all_headers, name, value)  # one header a name, whatever its case: the later source's
        params = list(query)
        if options.next_url is not None:  # a next page's link replaces the path and query, on the API's host only
            url, params = same_origin(self.base_url, options.next_url), []
        apply_security(all_headers, params, security, self._credentials, self._credential_hints, dict(tokens))
        for name, value in options.extra_headers.items():
            set_header(all_headers, name, value)
        params.extend(options.extra_query)
        for name, value in all_headers.items():
            check_header_value(name, value)
        for name, value in params:
            check_text(name, value)
        request = http_client.build_request(
            method.upper(),
            url,
            params=tuple(params) or None,  # an empty tuple still costs httpx a second URL parse
            headers=all_headers,
            json=json,
            content=content,
            data=data,
            files=files,
            timeout=self.timeout if options.timeout is None else httpx.Timeout(options.timeout),
        )
        return request, options.retry or self.retry


class SyncClientCore(_ClientBase):
    """Blocking client core. Use it as a context manager, or call ``close()``."""

    def __init__(
        self,
        *,
        base_url: str,
        credentials: Credentials,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
        user_agent: str,
        credential_hints: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        hooks: Hooks | None = None,
    ) -> None:
        """``http_client``, if given, stays the caller's to close; ``sleep`` and ``clock`` are for tests."""
        super().__init__(
            base_url=base_url,
            credentials=credentials,
            timeout=timeout,
            retry=retry,
            default_headers=default_headers,
            user_agent=user_agent,
            credential_hints=credential_hints,
            clock=clock,
            max_body_size=max_body_size,
            hooks=hooks,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client(timeout=self.timeout)
        self._sleep = sleep
        self._download_client: httpx.Client | None = None

    @property
    def download_client(self) -> httpx.Client:
        """A credential-free client for presigned URLs and redirect targets, created on first use."""
        if self._download_client is None:
            self._download_client = bare_client(timeout=self.timeout, user_agent=self.user_agent)
        return self._download_client

    def close(self) -> None:
        if self._download_client is not None:
            self._download_client.close()
        if self._owns_http:
            self._http.close()

    def __enter__(self: _SyncCore) -> _SyncCore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def request(
        self,
        method: str,
        path_template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
        json: object = None,
        content: bytes | None = None,
        data: Mapping[str, str] | None = None,
        files: RequestFiles | None = None,
        security: Sequence[Sequence[str]] = (),
        options: RequestOptions | None = None,
        follow_redirects: bool = False,
        expected_redirect: bool = False,
    ) -> httpx.Response:
        """Send the call and return the response with its body read; raises a typed error for an error status.

        ``follow_redirects`` is honoured only for operations without security
        requirements; ``expected_redirect`` returns a 3xx instead of raising.
        """
        tokens = self._fresh_tokens(security)
        request, policy = self._build(
            self._http,
            method,
            path_template,
            path_params=path_params,
            query=query,
            headers=headers,
            json=json,
            content=content,
            data=data,
            files=files,
            security=security,
            options=options,
            tokens=tokens,
        )
        response = self._exchange(
            request,
            policy,
            tokens,
            follow_redirects=follow_redirects and not security,
            read_body=True,
            expected_redirect=expected_redirect,
        )
        if options is not None and options.on_response is not None:
            options.on_response(response)
        return response

    @contextmanager
    def stream(
        self,
        method: str,
        path_template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
        json: object = None,
        content: bytes | None = None,
        data: Mapping[str, str] | None = None,
        files: RequestFiles | None = None,
        security: Sequence[Sequence[str]] = (),
        options: RequestOptions | None = None,
        follow_redirects: bool = False,
        expected_redirect: bool = False,
    ) -> Iterator[httpx.Response]:
        """Like ``request``, but the body is left unread for ``iter_bytes()``; closed when the block ends."""
        tokens = self._fresh_tokens(security)
        request, policy = self._build(
            self._http,
            method,
            path_template,
            path_params=path_params,
            query=query,
            headers=headers,
            json=json,
            content=content,
            data=data,
            files=files,
            security=security,
            options=options,
            tokens=tokens,
        )
        response = self._exchange(
            request,
            policy,
            tokens,
            follow_redirects=follow_redirects and not security,
            read_body=False,
            expected_redirect=expected_redirect,
        )
        try:
            yield response
        finally:
            response.close()

    def _fresh_tokens(self, security: Sequence[Sequence[str]]) -> list[tuple[OAuth2Tokens, str]]:
        """Each OAuth2 token source the call will use, with the fresh token it gave (asked for now if needed)."""
        return [(source, source.token(self._http)) for source in oauth2_in_use(security, self._credentials)]

    def _exchange(
        self,
        request: httpx.Request,
        policy: RetryPolicy,
        tokens: list[tuple[OAuth2Tokens, str]],
        *,
        follow_redirects: bool,
        read_body: bool,
        expected_redirect: bool,
    ) -> httpx.Response:
        """Send with the hooks and retries; a 401 to an OAuth2 token is sent once more with a new token."""
        try:
            self.hooks.run_before(request)
            response = send(
                self._http,
                request,
                policy=policy,
                sleep=self._sleep,
                clock=self._clock,
                follow_redirects=follow_redirects,
                read_body=read_body,
                max_body_size=self.max_body_size,
            )
            if response.status_code == 401 and tokens:
                response.close()
                for source, token in tokens:
                    source.invalidate(token)
                    request.headers["Authorization"] = f"Bearer {source.token(self._http)}"
                response = send(
                    self._http,
                    request,
                    policy=policy,
                    sleep=self._sleep,
                    clock=self._clock,
                    follow_redirects=follow_redirects,
                    read_body=read_body,
                    max_body_size=self.max_body_size,
                )
            self.hooks.run_after(response)
            raise_for_status(response, allow_redirect=expected_redirect)
        except APIError as error:
            self.hooks.run_error(error)
            raise
        return response


class AsyncClientCore(_ClientBase):
    """Asynchronous client core. Use it with ``async with``, or await ``close()``."""

    def __init__(
        self,
        *,
        base_url: str,
        credentials: Credentials,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        user_agent: str,
        credential_hints: Mapping[str, str] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        hooks: Hooks | None = None,
    ) -> None:
        """``http_client``, if given, stays the caller's to close; ``sleep`` and ``clock`` are for tests."""
        super().__init__(
            base_url=base_url,
            credentials=credentials,
            timeout=timeout,
            retry=retry,
            default_headers=default_headers,
            user_agent=user_agent,
            credential_hints=credential_hints,
            clock=clock,
            max_body_size=max_body_size,
            hooks=hooks,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient(timeout=self.timeout)
        self._sleep = sleep
        self._download_client: httpx.AsyncClient | None = None

    @property
    def download_client(self) -> httpx.AsyncClient:
        """A credential-free client for presigned URLs and redirect targets, created on first use."""
        if self._download_client is None:
            self._download_client = async_bare_client(timeout=self.timeout, user_agent=self.user_agent)
        return self._download_client

    async def close(self) -> None:
        if self._download_client is not None:
            await self._download_client.aclose()
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self: _AsyncCore) -> _AsyncCore:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()

    async def request(
        self,
        method: str,
        path_template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
        json: object = None,
        content: bytes | None = None,
        data: Mapping[str, str] | None = None,
        files: RequestFiles | None = None,
        security: Sequence[Sequence[str]] = (),
        options: RequestOptions | None = None,
        follow_redirects: bool = False,
        expected_redirect: bool = False,
    ) -> httpx.Response:
        """The async twin of ``SyncClientCore.request``."""
        tokens = await self._fresh_tokens(security)
        request, policy = self._build(
            self._http,
            method,
            path_template,
            path_params=path_params,
            query=query,
            headers=headers,
            json=json,
            content=content,
            data=data,
            files=files,
            security=security,
            options=options,
            tokens=tokens,
        )
        response = await self._exchange(
            request,
            policy,
            tokens,
            follow_redirects=follow_redirects and not security,
            read_body=True,
            expected_redirect=expected_redirect,
        )
        if options is not None and options.on_response is not None:
            options.on_response(response)
        return response

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        path_template: str,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
        json: object = None,
        content: bytes | None = None,
        data: Mapping[str, str] | None = None,
        files: RequestFiles | None = None,
        security: Sequence[Sequence[str]] = (),
        options: RequestOptions | None = None,
        follow_redirects: bool = False,
        expected_redirect: bool = False,
    ) -> AsyncIterator[httpx.Response]:
        """The async twin of ``SyncClientCore.stream``: iterate with ``aiter_bytes()``."""
        tokens = await self._fresh_tokens(security)
        request, policy = self._build(
            self._http,
            method,
            path_template,
            path_params=path_params,
            query=query,
            headers=headers,
            json=json,
            content=content,
            data=data,
            files=files,
            security=security,
            options=options,
            tokens=tokens,
        )
        response = await self._exchange(
            request,
            policy,
            tokens,
            follow_redirects=follow_redirects and not security,
            read_body=False,
            expected_redirect=expected_redirect,
        )
        try:
            yield response
        finally:
            await response.aclose()

    async def _fresh_tokens(self, security: Sequence[Sequence[str]]) -> list[tuple[OAuth2Tokens, str]]:
        """The async twin of ``SyncClientCore._fresh_tokens``."""
        return [(source, await source.async_token(self._http)) for source in oauth2_in_use(security, self._credentials)]

    async def _exchange(
        self,
        request: httpx.Request,
        policy: RetryPolicy,
        tokens: list[tuple[OAuth2Tokens, str]],
        *,
        follow_redirects: bool,
        read_body: bool,
        expected_redirect: bool,
    ) -> httpx.Response:
        """The async twin of ``SyncClientCore._exchange``."""
        try:
            await self.hooks.async_run_before(request)
            response = await async_send(
                self._http,
                request,
                policy=policy,
                sleep=self._sleep,
                clock=self._clock,
                follow_redirects=follow_redirects,
                read_body=read_body,
                max_body_size=self.max_body_size,
            )
            if response.status_code == 401 and tokens:
                await response.aclose()
                for source, token in tokens:
                    source.invalidate(token)
                    request.headers["Authorization"] = f"Bearer {await source.async_token(self._http)}"
                response = await async_send(
                    self._http,
                    request,
                    policy=policy,
                    sleep=self._sleep,
                    clock=self._clock,
                    follow_redirects=follow_redirects,
                    read_body=read_body,
                    max_body_size=self.max_body_size,
                )
            await self.hooks.async_run_after(response)
            await async_raise_for_status(response, allow_redirect=expected_redirect)
        except APIError as error:
            await self.hooks.async_run_error(error)
            raise
        return response
