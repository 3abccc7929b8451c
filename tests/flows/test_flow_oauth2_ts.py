"""Getty's TypeScript client gets its own OAuth2 tokens, against a loopback token endpoint; and its hooks run.

The twin of ``test_flow_oauth2.py``: the same cases on the TypeScript client,
generated from specs/getty as ``getty_oauth``, compiled with ``tsc --strict`` and
run by ``drivers/oauth_driver.mjs`` in a child process. The client's own
``fetch`` option sends ``authentication.gettyimages.com`` to the local token
server, so the generated code runs unchanged. The file host refuses any request
carrying credentials, and every answer of the token server is checked for what
the client sent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flow_support import ROOT, FlowServer, Reply, Seen, json_reply
from test_flow_oauth2 import DOWNLOAD, HISTORY, JPEG, SECRET, TOKEN, bearer, form, history, issuing

DRIVER = Path(__file__).resolve().parent / "drivers" / "oauth_driver.mjs"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
GET = {"call": "getDownloads"}
CUSTOM = """import type { GettyOauth } from "./client.js";

export function customize(client: GettyOauth): void {
  client.hooks.beforeRequest.push((request) => request.headers.set("X-Custom", "customized"));
}
"""
"""The user's src/custom.ts: every client gets its interceptor at construction."""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (shutil.which("node") and TSC.exists()):
        pytest.skip("node or TypeScript is not installed")
    root = tmp_path_factory.mktemp("oauth-ts")
    specs = ROOT / "specs" / "getty"
    command = [sys.executable, "-m", "generator", "generate", "-q", "--style", "typescript", "--name", "getty_oauth"]
    command += ["--spec", str(specs / "swagger.yaml"), "--overlay", str(specs / "repairs.yaml")]
    command += ["--overlay-normalised", str(specs / "overlay.yaml"), "--out", str(root / "package")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (root / "package" / "src" / "custom.ts").write_text(CUSTOM, encoding="utf-8")
    out = root / "build"
    tsc = [str(TSC), "-p", str(root / "package"), "--outDir", str(out), "--pretty", "false"]
    tsc += ["--typeRoots", str(ROOT / "node_modules" / "@types")]
    compiled = subprocess.run(tsc, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    return out / "src" / "index.js"


@pytest.fixture(scope="module")
def _token_server() -> Iterator[FlowServer]:
    with FlowServer() as server:
        yield server


@pytest.fixture
def tokens(_token_server: FlowServer) -> FlowServer:
    _token_server.reset()
    return _token_server


def run(
    index: Path,
    api: FlowServer,
    tokens: FlowServer,
    steps: list[dict[str, Any]],
    *,
    hooks: bool = False,
    **options: Any,
) -> dict[str, Any]:
    """The driver's report of ``steps`` on a client with a client id and secret (and ``options``)."""
    command = {"options": {"clientId": "app-id", "clientSecret": SECRET, **options}, "hooks": hooks, "steps": steps}
    done = subprocess.run(
        ["node", str(DRIVER), str(index), api.url, tokens.url, json.dumps(command)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def oks(report: dict[str, Any]) -> list[bool]:
    return [result["ok"] for result in report["results"]]


def test_client_credentials_token_fetched_once_and_reused(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, history)
    assert oks(run(index, api, tokens, [GET, GET])) == [True, True]
    [asked] = tokens.seen(TOKEN)
    assert form(asked) == {"grant_type": "client_credentials", "client_id": "app-id", "client_secret": SECRET}
    assert asked.headers["content-type"] == "application/x-www-form-urlencoded"
    assert "authorization" not in asked.headers and "api-key" not in asked.headers
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t1"]


def test_token_refreshed_before_it_expires_with_the_refresh_token(
    index: Path, api: FlowServer, tokens: FlowServer
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1, "refresh_token": "r1"}, {"expires_in": 1800}))
    api.route("GET", HISTORY, history)
    # past the token's life less its margin (half of a short lifetime)
    assert oks(run(index, api, tokens, [GET, {**GET, "sleepMs": 600}])) == [True, True]
    first, second = tokens.seen(TOKEN)
    assert form(first)["grant_type"] == "client_credentials"
    assert form(second) == {"grant_type": "refresh_token", "refresh_token": "r1", "client_id": "app-id",
                            "client_secret": SECRET}  # fmt: skip
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t2"]


def test_a_refused_refresh_token_falls_back_to_the_grant(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    def route(seen: Seen) -> Reply:
        if form(seen)["grant_type"] == "refresh_token":
            return json_reply({"error": "invalid_grant"}, 400)
        return json_reply({"access_token": f"t{len(tokens.seen(TOKEN))}", "expires_in": 1, "refresh_token": "r"})

    tokens.route("POST", TOKEN, route)
    api.route("GET", HISTORY, history)
    assert oks(run(index, api, tokens, [GET, {**GET, "sleepMs": 600}])) == [True, True]
    grants = [form(s)["grant_type"] for s in tokens.seen(TOKEN)]
    assert grants == ["client_credentials", "refresh_token", "client_credentials"]
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t3"]


def test_password_grant_when_a_user_is_given(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, history)
    assert oks(run(index, api, tokens, [GET], username="ann", password="pw-ann")) == [True]
    [asked] = tokens.seen(TOKEN)
    assert form(asked) == {
        "grant_type": "password",
        "username": "ann",
        "password": "pw-ann",
        "client_id": "app-id",
        "client_secret": SECRET,
    }


def test_a_401_drops_the_token_and_the_call_is_sent_once_more(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route(
        "GET",
        HISTORY,
        lambda seen: history(seen) if bearer(seen) == "Bearer t2" else json_reply({"message": "expired"}, 401),
    )
    assert oks(run(index, api, tokens, [GET])) == [True]
    assert len(tokens.seen(TOKEN)) == 2
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t2"]


def test_a_second_401_is_the_callers_authentication_error(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, json_reply({"message": "no access"}, 401))
    [result] = run(index, api, tokens, [GET])["results"]
    error = result["error"]
    assert (error["name"], error["authentication"], error["token"], error["status"]) == (
        "AuthenticationError",
        True,
        False,
        401,
    )
    assert len(api.seen(HISTORY)) == 2 and len(tokens.seen(TOKEN)) == 2


def test_a_failing_token_endpoint_is_a_token_error_without_the_secret(
    index: Path, api: FlowServer, tokens: FlowServer
) -> None:
    refusal = {"error": "invalid_client", "error_description": "Unknown client"}
    tokens.route("POST", TOKEN, json_reply(refusal, 400))
    report = run(index, api, tokens, [GET], username="ann", password="pw-ann", refreshToken="r-secret")
    [result] = report["results"]
    error = result["error"]
    assert (error["name"], error["authentication"], error["token"]) == ("TokenError", True, True)
    assert (error["error"], error["errorDescription"], error["status"]) == ("invalid_client", "Unknown client", 400)
    assert "invalid_client: Unknown client" in error["message"]
    texts = [error["message"], error["text"], error["inspected"], error["json"], report["inspected"]]
    for secret in (SECRET, "pw-ann", "r-secret", "app-id"):
        assert not any(secret in text for text in texts), (secret, texts)
    assert api.seen(HISTORY) == []
    # the refresh token is tried first, then the password grant
    assert [form(s)["grant_type"] for s in tokens.seen(TOKEN)] == ["refresh_token", "password"]


def test_the_token_never_reaches_the_redirect_host(
    index: Path, api: FlowServer, files: FlowServer, tokens: FlowServer, tmp_path: Path
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    location = f"{files.url}/delivery/12345.jpg?token=signed"
    api.route("POST", DOWNLOAD, Reply(303, {"Location": location}))
    files.route("GET", "/delivery/12345.jpg", Reply(200, {"Content-Type": "image/jpeg"}, JPEG))
    target = tmp_path / "12345.jpg"
    step = {"call": "postDownloadsToFile", "args": ["12345", str(target), {"fileType": "jpg"}]}
    [result] = run(index, api, tokens, [step])["results"]
    assert result == {"ok": True, "value": str(target)}
    assert target.read_bytes() == JPEG
    assert [bearer(s) for s in api.seen(DOWNLOAD)] == ["Bearer t1"]
    [fetch] = files.seen("/delivery/12345.jpg")
    assert not {"api-key", "authorization", "cookie"} & fetch.headers.keys()


def test_concurrent_calls_share_one_token_fetch(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    def slow(seen: Seen) -> Reply:
        import time

        time.sleep(0.3)
        return json_reply({"access_token": "only", "expires_in": 1800})

    tokens.route("POST", TOKEN, slow)
    api.route("GET", HISTORY, history)
    assert oks(run(index, api, tokens, [{**GET, "parallel": 6}])) == [True] * 6
    assert len(tokens.seen(TOKEN)) == 1
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer only"] * 6


def test_a_static_token_is_sent_as_given(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    api.route("GET", HISTORY, history)
    assert oks(run(index, api, tokens, [GET], accessToken="static-token")) == [True]
    assert tokens.seen(TOKEN) == []
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer static-token"]


def test_hooks_log_add_a_header_and_see_errors(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, history)
    api.route("POST", DOWNLOAD, json_reply({"ErrorCode": "ImageNotFound", "ErrorMessage": "no such image"}, 404))
    report = run(index, api, tokens, [GET, {"call": "postDownloads", "args": ["12345"]}], hooks=True)
    assert oks(report) == [True, False] and report["results"][1]["error"]["name"] == "NotFoundError"
    assert report["log"] == ["200 /v3/downloads", "404 /v3/downloads/images/12345", "NotFoundError"]
    assert all(s.headers["x-team"] == "imaging" for s in api.requests)
    assert "x-team" not in tokens.seen(TOKEN)[0].headers


def test_customize_registers_its_interceptors_on_every_client(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    api.route("GET", HISTORY, history)
    assert oks(run(index, api, tokens, [GET], accessToken="static-token")) == [True]
    assert [s.headers.get("x-custom") for s in api.seen(HISTORY)] == ["customized"]


def test_the_readme_names_the_token_options_the_interceptors_and_the_custom_module(index: Path) -> None:
    readme = (index.parents[2] / "package" / "README.md").read_text(encoding="utf-8")
    for option, env in [
        ("clientId", "CLIENT_ID"),
        ("clientSecret", "CLIENT_SECRET"),
        ("refreshToken", "REFRESH_TOKEN"),
    ]:
        assert f"| `{option}` | `GETTY_OAUTH_{env}` |" in readme
    assert "## Interceptors (hooks)" in readme and "## Your own code: `src/custom.ts`" in readme
    assert "TokenError" in readme


def test_a_refused_token_reaches_the_error_hook(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, json_reply({"error": "invalid_client"}, 401))
    report = run(index, api, tokens, [GET], hooks=True)
    assert report["log"] == ["TokenError"] and api.seen(HISTORY) == []


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        (Reply(200, {"Content-Type": "application/json"}, b'{"access_token": "' + b"a" * 2_000_000 + b'"}'), "size"),
        (Reply(200, {"Content-Type": "application/json"}, b"[" * 100_000 + b"]" * 100_000), "depth"),
        (Reply(302, {"Location": "http://127.0.0.1:9/elsewhere"}), "redirect"),
    ],
)
def test_a_hostile_token_answer_is_a_token_error(
    index: Path, api: FlowServer, tokens: FlowServer, answer: Reply, problem: str
) -> None:
    tokens.route("POST", TOKEN, answer)
    [result] = run(index, api, tokens, [GET])["results"]
    assert result["error"]["name"] == "TokenError", (problem, result)
    assert "no access token in the answer" in result["error"]["message"]
    assert api.seen(HISTORY) == [] and len(tokens.seen(TOKEN)) == 1


def test_a_token_with_a_line_break_is_refused_before_sending(index: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, json_reply({"access_token": "t1\r\nX-Injected: yes", "expires_in": 1800}))
    api.route("GET", HISTORY, history)
    [result] = run(index, api, tokens, [GET])["results"]
    assert result["error"]["name"] == "RequestValidationError" and "Authorization" in result["error"]["message"]
    assert "X-Injected" not in result["error"]["message"]
    assert api.seen(HISTORY) == []
