"""Getty's Go client gets its own OAuth2 tokens, against a loopback token endpoint; and its hooks run.

The twin of ``test_flow_oauth2_ts.py``: the same cases on the Go package,
generated from specs/getty into a temporary folder, with a ``custom.go`` of the
user's (its ``customize`` adds a header to every client), and driven by
``drivers/go_oauth/main.go`` built once against it. The driver's own
``WithHTTPClient`` sends ``authentication.gettyimages.com`` to the local token
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

sys.path.insert(0, str(ROOT / "tests" / "go"))

from go_support import go, go_missing, workspace

DRIVER = Path(__file__).resolve().parent / "drivers" / "go_oauth" / "main.go"
GET = {"call": "GetDownloads"}
CUSTOM = """package gettyimages

func customize(options []Option) []Option {
\treturn append([]Option{WithHeader("X-Custom", "customized")}, options...)
}
"""
"""The user's custom.go: every client gets its header at construction."""


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = go_missing()
    if reason is not None:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("oauth-go")
    specs = ROOT / "specs" / "getty"
    package = root / "getty_images"
    command = [sys.executable, "-m", "generator", "generate", "-q", "--style", "go", "--name", "getty_images"]
    command += ["--spec", str(specs / "swagger.yaml"), "--overlay", str(specs / "repairs.yaml")]
    command += ["--overlay-normalised", str(specs / "overlay.yaml"), "--out", str(package)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (package / "custom.go").write_text(CUSTOM, encoding="utf-8")
    module = root / "oauthdriver"
    module.mkdir()
    (module / "go.mod").write_text("module oauthdriver\n\ngo 1.19\n", encoding="utf-8")
    shutil.copyfile(DRIVER, module / "main.go")
    work = workspace([package, module], root / "go.work")
    binary = root / "oauthdriver.bin"
    built = go(["go", "build", "-o", str(binary), "."], module, work=work)
    assert built.returncode == 0, built.stdout + built.stderr
    return binary


@pytest.fixture(scope="module")
def _token_server() -> Iterator[FlowServer]:
    with FlowServer() as server:
        yield server


@pytest.fixture
def tokens(_token_server: FlowServer) -> FlowServer:
    _token_server.reset()
    return _token_server


def run(
    driver: Path,
    api: FlowServer,
    tokens: FlowServer,
    steps: list[dict[str, Any]],
    *,
    hooks: bool = False,
    **options: str,
) -> dict[str, Any]:
    """The driver's report of ``steps`` on a client with a client id and secret (and ``options``)."""
    command = {"options": {"client_id": "app-id", "client_secret": SECRET, **options}, "hooks": hooks, "steps": steps}
    done = subprocess.run(
        [str(driver), api.url, tokens.url, json.dumps(command)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def oks(report: dict[str, Any]) -> list[bool]:
    return [result["ok"] for result in report["results"]]


def test_client_credentials_token_fetched_once_and_reused(driver: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, history)
    assert oks(run(driver, api, tokens, [GET, GET])) == [True, True]
    [asked] = tokens.seen(TOKEN)
    assert form(asked) == {"grant_type": "client_credentials", "client_id": "app-id", "client_secret": SECRET}
    assert asked.headers["content-type"] == "application/x-www-form-urlencoded"
    assert not {"authorization", "api-key", "x-custom"} & asked.headers.keys()
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t1"]
    # the user's custom.go runs at construction
    assert [s.headers.get("x-custom") for s in api.seen(HISTORY)] == ["customized"] * 2


def test_token_refreshed_before_it_expires_with_the_refresh_token(
    driver: Path, api: FlowServer, tokens: FlowServer
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1, "refresh_token": "r1"}, {"expires_in": 1800}))
    api.route("GET", HISTORY, history)
    # past the token's life less its margin (half of a short lifetime)
    assert oks(run(driver, api, tokens, [GET, {**GET, "sleep_ms": 600}])) == [True, True]
    first, second = tokens.seen(TOKEN)
    assert form(first)["grant_type"] == "client_credentials"
    assert form(second) == {"grant_type": "refresh_token", "refresh_token": "r1", "client_id": "app-id",
                            "client_secret": SECRET}  # fmt: skip
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t2"]


def test_password_grant_when_a_user_is_given(driver: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, history)
    assert oks(run(driver, api, tokens, [GET], username="ann", password="pw-ann")) == [True]
    [asked] = tokens.seen(TOKEN)
    assert form(asked) == {
        "grant_type": "password",
        "username": "ann",
        "password": "pw-ann",
        "client_id": "app-id",
        "client_secret": SECRET,
    }


def test_a_401_drops_the_token_and_the_call_is_sent_once_more(
    driver: Path, api: FlowServer, tokens: FlowServer
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route(
        "GET",
        HISTORY,
        lambda seen: history(seen) if bearer(seen) == "Bearer t2" else json_reply({"message": "expired"}, 401),
    )
    assert oks(run(driver, api, tokens, [GET])) == [True]
    assert len(tokens.seen(TOKEN)) == 2
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer t1", "Bearer t2"]


def test_a_second_401_is_the_callers_authentication_error(driver: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, json_reply({"message": "no access"}, 401))
    [result] = run(driver, api, tokens, [GET])["results"]
    error = result["error"]
    assert (error["name"], error["authentication"], error["token"], error["status"]) == (
        "AuthenticationError",
        True,
        False,
        401,
    )
    assert len(api.seen(HISTORY)) == 2 and len(tokens.seen(TOKEN)) == 2


def test_a_failing_token_endpoint_is_a_token_error_without_the_secret(
    driver: Path, api: FlowServer, tokens: FlowServer
) -> None:
    refusal = {"error": "invalid_client", "error_description": "Unknown client"}
    tokens.route("POST", TOKEN, json_reply(refusal, 400))
    report = run(driver, api, tokens, [GET], username="ann", password="pw-ann", refresh_token="r-secret")
    [result] = report["results"]
    error = result["error"]
    assert (error["name"], error["authentication"], error["token"]) == ("TokenError", True, True)
    assert (error["code"], error["description"], error["status"]) == ("invalid_client", "Unknown client", 400)
    assert "invalid_client: Unknown client" in error["message"]
    for secret in (SECRET, "pw-ann", "r-secret"):
        assert secret not in error["printed"] + report["printed"], secret
    assert api.seen(HISTORY) == []
    # the refresh token is tried first, then the password grant
    assert [form(s)["grant_type"] for s in tokens.seen(TOKEN)] == ["refresh_token", "password"]


def test_the_token_never_reaches_the_redirect_host(
    driver: Path, api: FlowServer, files: FlowServer, tokens: FlowServer, tmp_path: Path
) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    location = f"{files.url}/delivery/12345.jpg?token=signed"
    api.route("POST", DOWNLOAD, Reply(303, {"Location": location}))
    files.route("GET", "/delivery/12345.jpg", Reply(200, {"Content-Type": "image/jpeg"}, JPEG))
    target = tmp_path / "12345.jpg"
    step = {"call": "PostDownloadsToFile", "args": ["12345", str(target)]}
    [result] = run(driver, api, tokens, [step])["results"]
    assert result == {"ok": True, "value": str(target)}
    assert target.read_bytes() == JPEG
    assert [bearer(s) for s in api.seen(DOWNLOAD)] == ["Bearer t1"]
    [fetch] = files.seen("/delivery/12345.jpg")
    assert not {"api-key", "authorization", "cookie", "x-custom"} & fetch.headers.keys()


def test_concurrent_calls_share_one_token_fetch(driver: Path, api: FlowServer, tokens: FlowServer) -> None:
    def slow(seen: Seen) -> Reply:
        import time

        time.sleep(0.3)
        return json_reply({"access_token": "only", "expires_in": 1800})

    tokens.route("POST", TOKEN, slow)
    api.route("GET", HISTORY, history)
    assert oks(run(driver, api, tokens, [{**GET, "parallel": 6}])) == [True] * 6
    assert len(tokens.seen(TOKEN)) == 1
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer only"] * 6


def test_a_static_token_is_sent_as_given(driver: Path, api: FlowServer, tokens: FlowServer) -> None:
    api.route("GET", HISTORY, history)
    assert oks(run(driver, api, tokens, [GET], access_token="static-token")) == [True]
    assert tokens.seen(TOKEN) == []
    assert [bearer(s) for s in api.seen(HISTORY)] == ["Bearer static-token"]


def test_hooks_log_add_a_header_and_see_errors(driver: Path, api: FlowServer, tokens: FlowServer) -> None:
    tokens.route("POST", TOKEN, issuing({"expires_in": 1800}))
    api.route("GET", HISTORY, history)
    api.route("POST", DOWNLOAD, json_reply({"ErrorCode": "ImageNotFound", "ErrorMessage": "no such image"}, 404))
    report = run(driver, api, tokens, [GET, {"call": "PostDownloads", "args": ["12345"]}], hooks=True)
    assert oks(report) == [True, False] and report["results"][1]["error"]["name"] == "NotFoundError"
    assert report["log"] == ["200 /v3/downloads", "404 /v3/downloads/images/12345", "NotFoundError"]
    assert [s.headers.get("x-team") for s in api.seen(HISTORY)] == ["imaging"]
