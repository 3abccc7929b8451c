# Copied by generator 0.1.0 from templates/python/runtime/_oauth2.py. Do not edit.
"""OAuth2 access tokens the client gets for itself: fetched on first use, cached, refreshed before they expire.

``OAuth2Tokens`` runs one grant of the security scheme's flows against its token
endpoint (``client_credentials``, the resource-owner ``password`` grant, or only
``refresh_token`` when that is all it was given), keeps the token with its
expiry, and asks again ``margin`` seconds before it ends (half the lifetime
for a short one), with the refresh token when the endpoint gave one, else with
the grant itself. One fetch serves every concurrent caller: a thread lock for
the blocking client, an asyncio lock for the asynchronous one. A 401 from the
API drops the token it was sent with, so the call is sent once more with a new
one (``_client``).

Tokens go only to the API: the token endpoint is asked with a request of its
own (the form and ``Accept``, nothing of the API's headers), and presigned or
redirect targets are fetched by the credential-free download client. No token,
secret or password shows in a ``repr()``, a log line or an error: a failing
token endpoint is a ``TokenError`` carrying its ``error`` and
``error_description``, and the request it keeps holds no form.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import httpx

from ._errors import APIConnectionError, APITimeoutError, AuthenticationError

DEFAULT_MARGIN = 60.0
"""Seconds before its expiry a token is replaced."""
TOKEN_BODY_LIMIT = 64 * 1024
"""Bytes of a token endpoint's answer read at most."""

GrantType = Literal["client_credentials", "password", "refresh_token"]


@dataclass(frozen=True, slots=True)
class OAuth2Grant:
    """A grant a security scheme's flow allows, and where its tokens are asked for and refreshed."""

    grant: GrantType
    token_url: str
    refresh_url: str


class TokenError(AuthenticationError):
    """The token endpoint refused to issue a token (or answered without one).

    ``error`` and ``error_description`` are the endpoint's own (RFC 6749, 5.2);
    the message names the endpoint by host and path, never a secret.
    """

    def __init__(self, response: httpx.Response, *, error: str | None, description: str | None) -> None:
        self.error = error
        self.error_description = description
        words = ": ".join(part for part in (error, description) if part) or "no access token in the answer"
        super().__init__(response, message=f"token endpoint refused: {words}", body=None)


class OAuth2Tokens:
    """Access tokens of one security scheme, got by one grant and cached; see the module's description."""

    __slots__ = (
        "_async_lock",
        "_client_id",
        "_client_secret",
        "_clock",
        "_expires_at",
        "_grant",
        "_lock",
        "_margin",
        "_password",
        "_refresh_token",
        "_scopes",
        "_token",
        "_username",
        "fetches",
    )

    def __init__(
        self,
        grant: OAuth2Grant,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        username: str | None = None,
        password: str | None = None,
        refresh_token: str | None = None,
        scopes: Sequence[str] = (),
        margin: float = DEFAULT_MARGIN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._grant = grant
        self._client_id = client_id
        self._client_secret = client_secret
        self._username = username
        self._password = password
        self._refresh_token = refresh_token
        self._scopes = tuple(scopes)
        self._margin = margin
        self._clock = clock
        self._token: str | None = None
        self._expires_at: float | None = None
        self._lock = threading.Lock()
        self._async_lock: asyncio.Lock | None = None
        self.fetches = 0
        """How many times the token endpoint was asked (for tests and metrics)."""

    def __repr__(self) -> str:
        return f"OAuth2Tokens(grant={self._grant.grant!r}, token_url={self._grant.token_url!r}, token=***)"

    @property
    def current(self) -> str | None:
        """The cached token while it is fresh, else None."""
        token, expires_at = self._token, self._expires_at
        if token is None or (expires_at is not None and self._clock() >= expires_at):
            return None
        return token

    def invalidate(self, token: str) -> None:
        """Forget ``token`` (the API refused it) unless another caller has already replaced it."""
        if self._token == token:
            self._token = None

    def token(self, http: httpx.Client) -> str:
        """A fresh token, asking the endpoint (once for every waiting thread) when there is none."""
        with self._lock:
            token = self.current
            if token is None:
                token = self._store(self._ask(lambda request: _send(http, request)))
            return token

    async def async_token(self, http: httpx.AsyncClient) -> str:
        """The async twin of ``token``: one fetch for every waiting task."""
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        async with self._async_lock:
            token = self.current
            if token is None:
                error: TokenError | None = None
                for url, form in self._attempts():
                    try:
                        return self._store(_answer(await _async_send(http, _request(url, form))))
                    except TokenError as exc:
                        error = self._refused(form, exc)
                raise error or self._nothing_to_ask()
            return token

    def _ask(self, send: Callable[[httpx.Request], tuple[httpx.Response, bytes]]) -> dict[str, object]:
        """The endpoint's answer: with the refresh token first, then with the grant itself if that fails."""
        error: TokenError | None = None
        for url, form in self._attempts():
            try:
                return _answer(send(_request(url, form)))
            except TokenError as exc:
                error = self._refused(form, exc)
        raise error or self._nothing_to_ask()

    def _refused(self, form: dict[str, str], error: TokenError) -> TokenError:
        """Forget the refresh token only when the endpoint says it is no good (``invalid_grant``)."""
        if form.get("grant_type") == "refresh_token" and error.error == "invalid_grant":
            self._refresh_token = None
        return error

    def _nothing_to_ask(self) -> TokenError:
        """The error when no grant is left to try: the refresh token the client had was refused."""
        request = httpx.Request("POST", httpx.URL(self._grant.refresh_url).copy_with(query=None))
        return TokenError(
            httpx.Response(400, request=request),
            error="invalid_grant",
            description="the refresh token was refused and there is no other grant to try",
        )

    def _attempts(self) -> list[tuple[str, dict[str, str]]]:
        attempts: list[tuple[str, dict[str, str]]] = []
        client = {k: v for k, v in (("client_id", self._client_id), ("client_secret", self._client_secret)) if v}
        scope = {"scope": " ".join(self._scopes)} if self._scopes else {}
        if self._refresh_token:
            refresh = {"grant_type": "refresh_token", "refresh_token": self._refresh_token}
            attempts.append((self._grant.refresh_url, {**refresh, **client}))
        if self._grant.grant == "client_credentials":
            attempts.append((self._grant.token_url, {"grant_type": "client_credentials", **client, **scope}))
        elif self._grant.grant == "password":
            user = {"username": self._username or "", "password": self._password or ""}
            attempts.append((self._grant.token_url, {"grant_type": "password", **user, **client, **scope}))
        return attempts

    def _store(self, answer: dict[str, object]) -> str:
        token = answer["access_token"]
        assert isinstance(token, str)
        lifetime = answer.get("expires_in")
        if isinstance(lifetime, str) and lifetime.strip().isdigit():
            lifetime = int(lifetime)
        if isinstance(lifetime, (int, float)) and not isinstance(lifetime, bool) and lifetime >= 0:
            self._expires_at = self._clock() + lifetime - min(self._margin, lifetime / 2)
        else:
            self._expires_at = None
        refresh = answer.get("refresh_token")
        if isinstance(refresh, str) and refresh:
            self._refresh_token = refresh
        self._token = token
        self.fetches += 1
        return token


def oauth2_tokens(
    grants: Sequence[OAuth2Grant],
    *,
    client_id: str | None,
    client_secret: str | None,
    username: str | None = None,
    password: str | None = None,
    refresh_token: str | None = None,
    scopes: Sequence[str] = (),
) -> OAuth2Tokens | None:
    """Tokens by the first grant the arguments allow: password (user name and password), client credentials
    (client id and secret), else a refresh token alone; None when they allow none."""
    by_kind = {grant.grant: grant for grant in reversed(grants)}
    chosen: OAuth2Grant | None = None
    if username and password and "password" in by_kind:
        chosen = by_kind["password"]
    elif client_id and client_secret and "client_credentials" in by_kind:
        chosen = by_kind["client_credentials"]
    elif refresh_token and grants:
        first = grants[0]
        chosen = OAuth2Grant("refresh_token", first.refresh_url, first.refresh_url)
    if chosen is None:
        return None
    return OAuth2Tokens(
        chosen,
        client_id=client_id,
        client_secret=client_secret,
        username=username,
        password=password,
        refresh_token=refresh_token,
        scopes=scopes,
    )


def _request(url: str, form: dict[str, str]) -> httpx.Request:
    return httpx.Request("POST", url, data=form, headers={"Accept": "application/json"})


def _send(http: httpx.Client, request: httpx.Request) -> tuple[httpx.Response, bytes]:
    try:
        response = http.send(request, stream=True, follow_redirects=False)
    except httpx.RequestError as error:
        raise _unreachable(request, error) from None
    try:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > TOKEN_BODY_LIMIT:
                break
    except httpx.RequestError as error:
        raise _unreachable(request, error) from None
    finally:
        response.close()
    return response, b"".join(chunks)


async def _async_send(http: httpx.AsyncClient, request: httpx.Request) -> tuple[httpx.Response, bytes]:
    try:
        response = await http.send(request, stream=True, follow_redirects=False)
    except httpx.RequestError as error:
        raise _unreachable(request, error) from None
    try:
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > TOKEN_BODY_LIMIT:
                break
    except httpx.RequestError as error:
        raise _unreachable(request, error) from None
    finally:
        await response.aclose()
    return response, b"".join(chunks)


def _unreachable(request: httpx.Request, error: httpx.RequestError) -> APIConnectionError:
    error_class = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    url = request.url
    port = f":{url.port}" if url.port else ""
    return error_class(f"token endpoint {url.scheme}://{url.host}{port}{url.path}: {type(error).__name__}")


def _answer(sent: tuple[httpx.Response, bytes]) -> dict[str, object]:
    """The endpoint's JSON answer holding an ``access_token``; TokenError otherwise."""
    response, content = sent
    try:
        body = json.loads(content) if len(content) <= TOKEN_BODY_LIMIT else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        body = None
    answer = body if isinstance(body, dict) else {}
    token = answer.get("access_token")
    if 200 <= response.status_code < 300 and isinstance(token, str) and token:
        return answer
    error, description = answer.get("error"), answer.get("error_description")
    # the response kept by the error carries a request without the form (which holds the secrets)
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in ("content-encoding", "content-length")]
    bare = httpx.Response(
        response.status_code,
        headers=headers,
        content=b"",  # the body may hold a token or secrets: its error and error_description are kept
        request=httpx.Request(response.request.method, response.request.url.copy_with(query=None)),
    )
    words = (
        _short(error) if isinstance(error, str) else None,
        _short(description) if isinstance(description, str) else None,
    )
    raise TokenError(bare, error=words[0], description=words[1])


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:299] + "…"
