"""Getty's Python clients get their own OAuth2 tokens, against a loopback token endpoint; and their hooks run.

The Getty package is generated from specs/getty into a temporary folder (as
``getty_oauth``, so the committed ``getty_images`` other flows import is not
shadowed). Its token URL is Getty's; the clients are given an ``http_client``
whose transport sends ``authentication.gettyimages.com`` to the local token
server, so the generated code runs unchanged. The file host refuses any request
carrying credentials, and every answer of the token server is checked for what
the client sent.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from flow_support import CLIENT_TIMEOUT, MODES, ROOT, FlowServer, Reply, Seen, drive, json_reply

HISTORY = "/v3/downloads"
DOWNLOAD = "/v3/downloads/images/12345"
TOKEN = "/oauth2/token"
SECRET = "s3cret-value"
JPEG = b"\xff\xd8\xff\xe0" + b"getty" * 100 + b"\xff\xd9"


@pytest.fixture(scope="module")
def getty(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    out = tmp_path_factory.mktemp("oauth") / "getty_oauth"
    specs = ROOT / "specs" / "getty"
    command = [sys.executable, "-m", "generator", "generate", "-q", "--style", "python", "--name", "getty_oauth"]
    command += ["--spec", str(specs / "swagger.yaml"), "--overlay", str(specs / "repairs.yaml")]
    command += ["--overlay-normalised", str(specs / "overlay.yaml"), "--out", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    sys.path.insert(0, str(out))
    import getty_oauth  # type: ignore[import-not-found]

    return getty_oauth  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def _token_server() -> Iterator[FlowServer]:
    with FlowServer() as server:
        yield server


@pytest.fixture
def tokens(_token_server: FlowServer) -> FlowServer:
    _token_server.reset()
    return _token_server


def form(seen: Seen) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(seen.body.decode()).items()}


def issuing(*answers: dict[str, Any]) -> Any:
    """A token route answering each form in turn with ``answers`` (the last repeats), each token numbered."""
    count = iter(range(1_000_000))

    def route(seen: Seen) -> Reply:
        n = next(count)
        return json_reply({"token_type": "Bearer", **answers[min(n, len(answers) - 1)], "access_token": f"t{n + 1}"})

    return route


class _ToLoopback:
    def __init__(self, token_server: FlowServer) -> None:
        self.port = int(token_server.url.rsplit(":", 1)[1])

    def rewrite(self, request: httpx.Request) -> None:
        if request.url.host == "authentication.gettyimages.com":
            request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=self.port)


class Transport(httpx.HTTPTransport, _ToLoopback):
    def __init__(self, token_server: FlowServer) -> None:
        httpx.HTTPTransport.__init__(self)
        _ToLoopback.__init__(self, token_server)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.rewrite(request)
        return super().handle_request(request)


class AsyncTransport(httpx.AsyncHTTPTransport, _ToLoopback):
    def __init__(self, token_server: FlowServer) -> None:
        httpx.AsyncHTTPTransport.__init__(self)
        _ToLoopback.__init__(self, token_server)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.rewrite(request)
        return await super().handle_async_request(request)


def client(getty: ModuleType, mode: str, api: FlowServer, tokens: FlowServer, **options: Any) -> Any:
    credentials = {"client_id": "app-id", "client_secret": SECRET, **options}
    if mode == "sync":
        http: Any = httpx.Client(transport=Transport(tokens), timeout=CLIENT_TIMEOUT)
        return getty.GettyOauth(api_key="getty-key", base_url=api.url, http_client=http, **credentials)
    http = httpx.AsyncClient(transport=AsyncTransport(tokens), timeout=CLIENT_TIMEOUT)
    return getty.AsyncGettyOauth(api_key="getty-key", base_url=api.url, http_client=http, **credentials)


def history(seen: Seen) -> Reply:
    return json_reply({"result_count": 0, "downloads": []})


def bearer(seen: Seen) -> str:
    return seen.headers.get("authorization", "")


@pytest.mark.parametrize("mode", MODES)
def test_client_credentials_token_fetched_once_and_reused(
    getty: ModuleType, mode: str, api: FlowServer, tokens: FlowServer
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, history)

    def action(c: Any) -> Any:
        yield c.images.get_downloads()
        yield c.images.get_downloads()

    drive(mode, client(getty, mode, api, tokens), action)
    [asked] = tokens.seen(TOKEN)
    assert form(asked) == {"grant_type": "client_credentials", "client_id": "app-id", "client_secret": SECRET}
    assert "authorization" not in asked.headers and "api-key" not in asked.headers
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t1"]


@pytest.mark.parametrize("mode", MODES)
def test_token_refreshed_before_it_expires_with_the_refresh_token(
    getty: ModuleType, mode: str, api: FlowServer, tokens: FlowServer
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1, "refresh_token": "r1"}, {"expires_in": 1800}))
    api.route("GET", HISTORY, history)

    def action(c: Any) -> Any:
        yield c.images.get_downloads()
        time.sleep(0.6)  # past the token's life less its margin (half of a short lifetime)
        yield c.images.get_downloads()

    drive(mode, client(getty, mode, api, tokens), action)
    first, second = tokens.seen(TOKEN)
    assert form(first)["grant_type"] == "client_credentials"
    assert form(second) == {"grant_type": "refresh_token", "refresh_token": "r1", "client_id": "app-id",
                            "client_secret": SECRET}  # fmt: skip
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t2"]


@pytest.mark.parametrize("mode", MODES)
def test_password_grant_when_a_user_is_given(getty: ModuleType, mode: str, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, history)

    def action(c: Any) -> Any:
        yield c.images.get_downloads()

    drive(mode, client(getty, mode, api, tokens, username="ann", password="pw-ann"), action)
    [asked] = tokens.seen(TOKEN)
    assert form(asked) == {
        "grant_type": "password",
        "username": "ann",
        "password": "pw-ann",
        "client_id": "app-id",
        "client_secret": SECRET,
    }


@pytest.mark.parametrize("mode", MODES)
def test_a_401_drops_the_token_and_the_call_is_sent_once_more(
    getty: ModuleType, mode: str, api: FlowServer, tokens: FlowServer
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route(
        "GET",
        HISTORY,
        lambda seen: history(seen) if bearer(seen) == "Bearer t2" else json_reply({"message": "expired"}, 401),
    )

    def action(c: Any) -> Any:
        return (yield c.images.get_downloads())

    drive(mode, client(getty, mode, api, tokens), action)
    assert len(tokens.seen(TOKEN)) == 2
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t2"]


@pytest.mark.parametrize("mode", MODES)
def test_a_second_401_is_the_callers_authentication_error(
    getty: ModuleType, mode: str, api: FlowServer, tokens: FlowServer
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, json_reply({"message": "no access"}, 401))

    def action(c: Any) -> Any:
        with pytest.raises(getty.AuthenticationError) as raised:
            yield c.images.get_downloads()
        return raised.value

    error = drive(mode, client(getty, mode, api, tokens), action)
    assert not isinstance(error, getty.TokenError)
    assert len(api.seen(HISTORY)) == 2 and len(tokens.seen(TOKEN)) == 2


@pytest.mark.parametrize("mode", MODES)
def test_a_failing_token_endpoint_is_a_token_error_without_the_secret(
    getty: ModuleType, mode: str, api: FlowServer, tokens: FlowServer
) -> None:
    refusal = {"error": "invalid_client", "error_description": "Unknown client"}
    tokens.route("POST", TOKEN, json_reply(refusal, 400))

    def action(c: Any) -> Any:
        with pytest.raises(getty.TokenError) as raised:
            yield c.images.get_downloads()
        return raised.value, repr(c._core._credentials)

    error, credentials = drive(mode, client(getty, mode, api, tokens), action)
    assert isinstance(error, getty.AuthenticationError)
    assert (error.error, error.error_description, error.status_code) == ("invalid_client", "Unknown client", 400)
    assert "invalid_client: Unknown client" in str(error)
    for text in (str(error), repr(error), credentials, repr(error.response.request), error.response.request.content):
        assert SECRET not in str(text) and "app-id" not in str(error)
    assert api.seen(HISTORY) == []


@pytest.mark.parametrize("mode", MODES)
def test_the_token_never_reaches_the_redirect_host(
    getty: ModuleType, mode: str, api: FlowServer, files: FlowServer, tokens: FlowServer, tmp_path: Path
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    location = f"{files.url}/delivery/12345.jpg?token=signed"
    api.route("POST", DOWNLOAD, Reply(303, {"Location": location}))
    files.route("GET", "/delivery/12345.jpg", Reply(200, {"Content-Type": "image/jpeg"}, JPEG))
    target = tmp_path / "12345.jpg"

    def action(c: Any) -> Any:
        return (yield c.images.post_downloads_to_file("12345", file_type="jpg", path=target))

    assert drive(mode, client(getty, mode, api, tokens), action) == target
    assert target.read_bytes() == JPEG
    assert [bearer(s) for s in api.seen(DOWNLOAD)] == ["Bearer t1"]
    [fetch] = files.seen("/delivery/12345.jpg")
    assert not {"api-key", "authorization", "cookie"} & fetch.headers.keys()


def test_concurrent_threads_share_one_token_fetch(getty: ModuleType, api: FlowServer, tokens: FlowServer) -> None:
    def slow(seen: Seen) -> Reply:
        time.sleep(0.3)
        return json_reply({"access_token": "only", "expires_in": 1800})

    tokens.route("POST", TOKEN, slow)
    api.route("GET", HISTORY, history)
    with client(getty, "sync", api, tokens) as c:
        threads = [threading.Thread(target=c.images.get_downloads) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    assert len(tokens.seen(TOKEN)) == 1
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer only"] * 6


def test_concurrent_tasks_share_one_token_fetch(getty: ModuleType, api: FlowServer, tokens: FlowServer) -> None:
    def slow(seen: Seen) -> Reply:
        time.sleep(0.3)
        return json_reply({"access_token": "only", "expires_in": 1800})

    tokens.route("POST", TOKEN, slow)
    api.route("GET", HISTORY, history)

    async def main() -> None:
        async with client(getty, "async", api, tokens) as c:
            await asyncio.gather(*(c.images.get_downloads() for _ in range(6)))

    asyncio.run(main())
    assert len(tokens.seen(TOKEN)) == 1
    assert len(api.seen(HISTORY)) == 6


@pytest.mark.parametrize("mode", MODES)
def test_a_static_token_is_sent_as_given(getty: ModuleType, mode: str, api: FlowServer, tokens: FlowServer) -> None:
    api.route("GET", HISTORY, history)

    def action(c: Any) -> Any:
        yield c.images.get_downloads()

    drive(mode, client(getty, mode, api, tokens, access_token="static-token"), action)
    assert tokens.seen(TOKEN) == []
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer static-token"]


@pytest.mark.parametrize("mode", MODES)
def test_hooks_log_add_a_header_and_see_errors(
    getty: ModuleType, mode: str, api: FlowServer, tokens: FlowServer
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, history)
    api.route("POST", DOWNLOAD, json_reply({"ErrorCode": "ImageNotFound", "ErrorMessage": "no such image"}, 404))
    log: list[str] = []

    def tag(request: httpx.Request) -> None:
        request.headers["X-Team"] = "imaging"

    def sync_log(response: httpx.Response) -> None:
        log.append(f"{response.status_code} {response.request.url.path}")

    async def async_log(response: httpx.Response) -> None:  # the async client awaits a coroutine hook
        sync_log(response)

    c = client(getty, mode, api, tokens)
    c.hooks.before_request.append(tag)
    c.hooks.after_response.append(async_log if mode == "async" else sync_log)
    c.hooks.on_error.append(lambda error: log.append(type(error).__name__))

    def action(c: Any) -> Any:
        yield c.images.get_downloads()
        with pytest.raises(getty.NotFoundError):
            yield c.images.post_downloads("12345")

    drive(mode, c, action)
    assert log == ["200 /v3/downloads", "404 /v3/downloads/images/12345", "NotFoundError"]
    assert all(s.headers["x-team"] == "imaging" for s in api.requests)
    assert "x-team" not in tokens.seen(TOKEN)[0].headers


def test_the_blocking_client_refuses_a_coroutine_hook(getty: ModuleType, api: FlowServer, tokens: FlowServer) -> None:
    api.route("GET", HISTORY, history)

    async def hook(request: httpx.Request) -> None:
        pass

    with client(getty, "sync", api, tokens, access_token="static") as c:
        c.hooks.before_request.append(hook)
        with pytest.raises(TypeError, match="awaitable"):
            c.images.get_downloads()


def test_nothing_secret_in_a_repr(getty: ModuleType, api: FlowServer, tokens: FlowServer) -> None:
    with client(getty, "sync", api, tokens, username="ann", password="pw-ann", refresh_token="r-secret") as c:
        texts = [repr(c), repr(c._core), repr(c._core._credentials)]
    assert not any(word in text for text in texts for word in (SECRET, "pw-ann", "r-secret")), texts
    assert json.dumps(texts)
