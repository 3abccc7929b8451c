"""Topaz: a presigned link on a second host, its expiry, 409 until ready, and 429 with Retry-After."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from flow_support import CLIENT_TIMEOUT, MODES, FlowServer, Reply, drive, generated, in_turn, json_reply
from go_flow_support import run_case

topaz = generated("topaz_images")

PROCESS_ID = str(uuid.UUID(int=42))
OUTPUT = f"/download/{PROCESS_ID}"
IMAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64


def client(mode: str, api: FlowServer) -> Any:
    cls = topaz.TopazImages if mode == "sync" else topaz.AsyncTopazImages
    return cls(api_key="topaz-secret", base_url=api.url, timeout=CLIENT_TIMEOUT)


def presigned(files: FlowServer, *, expires_in: float = 3600) -> dict[str, Any]:
    files.route("GET", "/files/output.png", Reply(200, {"Content-Type": "image/png"}, IMAGE))
    files.route("HEAD", "/files/output.png", Reply(200, {"Content-Type": "image/png"}, IMAGE))
    return {
        "download_url": f"{files.url}/files/output.png?X-Signature=abc",
        "head_url": f"{files.url}/files/output.png?X-Signature=head",
        "expiry": int(time.time() + expires_in),
    }


@pytest.mark.parametrize("mode", MODES)
def test_presigned_links_point_at_the_second_host(mode: str, api: FlowServer, files: FlowServer) -> None:
    body = presigned(files)
    api.route("GET", OUTPUT, json_reply(body))

    def action(c: Any) -> Any:
        link = yield c.download.get_download_output(PROCESS_ID)
        return link, (yield c.download.get_download_output_size(PROCESS_ID))

    result, size = drive(mode, client(mode, api), action)
    assert isinstance(result, topaz.models.DownloadResponse)
    assert (result.download_url, result.head_url, result.expiry) == (
        body["download_url"],
        body["head_url"],
        body["expiry"],
    )
    assert result.download_url.startswith(files.url + "/") and result.head_url.startswith(files.url + "/")
    assert api.seen(OUTPUT)[0].headers["x-api-key"] == "topaz-secret"
    # get_download_output_size sends a HEAD to head_url through the credential-free download client.
    assert size == len(IMAGE)
    [head] = files.seen("/files/output.png")
    assert head.method == "HEAD" and not {"x-api-key", "authorization", "cookie"} & head.headers.keys()


@pytest.mark.parametrize("mode", MODES)
def test_to_file_saves_the_file_without_sending_the_api_key(
    mode: str, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    api.route("GET", OUTPUT, json_reply(presigned(files)))
    target = tmp_path / "output.png"

    def action(c: Any) -> Any:
        return (yield c.download.get_download_output_to_file(PROCESS_ID, path=target))

    assert drive(mode, client(mode, api), action) == target
    assert target.read_bytes() == IMAGE
    [download] = files.seen("/files/output.png")
    assert download.method == "GET" and download.query == {"X-Signature": ["abc"]}
    assert not {"x-api-key", "authorization", "cookie"} & download.headers.keys()
    assert api.seen(OUTPUT)[0].headers["x-api-key"] == "topaz-secret"


@pytest.mark.parametrize("mode", MODES)
def test_an_expired_link_raises_before_any_download(
    mode: str, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    api.route("GET", OUTPUT, json_reply(presigned(files, expires_in=-60)))
    target = tmp_path / "output.png"

    def action(c: Any) -> Any:
        return (yield c.download.get_download_output_to_file(PROCESS_ID, path=target))

    with pytest.raises(topaz.LinkExpiredError):
        drive(mode, client(mode, api), action)
    assert files.requests == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("mode", MODES)
def test_wait_polls_through_409_until_ready(mode: str, api: FlowServer, files: FlowServer) -> None:
    conflict = json_reply({"message": "The image is still processing."}, 409)
    api.route("GET", OUTPUT, in_turn(conflict, conflict, json_reply(presigned(files))))

    def action(c: Any) -> Any:
        return (yield c.download.wait_for_download_output(PROCESS_ID, timeout=5, poll_interval=0.05))

    result = drive(mode, client(mode, api), action)
    assert isinstance(result, topaz.models.DownloadResponse)
    assert result.download_url.startswith(files.url)
    assert len(api.seen(OUTPUT)) == 3


@pytest.mark.parametrize("mode", MODES)
def test_wait_gives_up_at_its_deadline(mode: str, api: FlowServer) -> None:
    api.route("GET", OUTPUT, json_reply({"message": "The image is still processing."}, 409))

    def action(c: Any) -> Any:
        return (yield c.download.wait_for_download_output(PROCESS_ID, timeout=0.3, poll_interval=0.05))

    started = time.monotonic()
    with pytest.raises(topaz.NotReadyTimeoutError):
        drive(mode, client(mode, api), action)
    assert time.monotonic() - started < 3
    assert len(api.seen(OUTPUT)) >= 2


@pytest.mark.parametrize("mode", MODES)
def test_429_with_retry_after_is_waited_out_and_retried(mode: str, api: FlowServer, files: FlowServer) -> None:
    limited = json_reply({"message": "Too many requests."}, 429, {"Retry-After": "1"})
    api.route("GET", OUTPUT, in_turn(limited, json_reply(presigned(files))))

    def action(c: Any) -> Any:
        return (yield c.download.get_download_output(PROCESS_ID))

    started = time.monotonic()
    result = drive(mode, client(mode, api), action)
    elapsed = time.monotonic() - started
    assert isinstance(result, topaz.models.DownloadResponse)
    assert len(api.seen(OUTPUT)) == 2
    assert 0.95 <= elapsed < 4, f"waited {elapsed:.2f} s for Retry-After: 1"


# --------------------------------------------------------------------------- the Go client


def test_go_presigned_links_and_size_skip_the_api_key(go_driver: Path, api: FlowServer, files: FlowServer) -> None:
    body = presigned(files)
    api.route("GET", OUTPUT, json_reply(body))
    run = run_case(go_driver, "topaz-presigned", api.url)
    assert run.errors == [], run.message
    assert run.result == {**{k: body[k] for k in ("download_url", "head_url", "expiry")}, "size": len(IMAGE)}
    assert all(seen.headers["x-api-key"] == "topaz-secret" for seen in api.seen(OUTPUT))
    [head] = files.seen("/files/output.png")
    assert head.method == "HEAD" and not {"x-api-key", "authorization", "cookie"} & head.headers.keys()


def test_go_to_file_saves_from_the_second_host_without_credentials(
    go_driver: Path, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    api.route("GET", OUTPUT, json_reply(presigned(files)))
    target = tmp_path / "output.png"
    run = run_case(go_driver, "topaz-to-file", api.url, target)
    assert (run.result, run.errors) == (str(target), []), run.message
    assert target.read_bytes() == IMAGE
    [download] = files.seen("/files/output.png")
    assert download.method == "GET" and download.query == {"X-Signature": ["abc"]}
    assert not {"x-api-key", "authorization", "cookie"} & download.headers.keys()


def test_go_an_expired_link_fails_before_any_download(
    go_driver: Path, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    api.route("GET", OUTPUT, json_reply(presigned(files, expires_in=-60)))
    run = run_case(go_driver, "topaz-to-file", api.url, tmp_path / "output.png")
    assert "topaz.LinkExpiredError" in run.errors, run.message
    assert files.requests == []
    assert list(tmp_path.iterdir()) == []


def test_go_wait_polls_through_409_until_ready(go_driver: Path, api: FlowServer, files: FlowServer) -> None:
    conflict = json_reply({"message": "The image is still processing."}, 409)
    api.route("GET", OUTPUT, in_turn(conflict, conflict, json_reply(presigned(files))))
    run = run_case(go_driver, "topaz-wait", api.url)
    assert run.errors == [], run.message
    assert run.result.startswith(files.url)
    assert len(api.seen(OUTPUT)) == 3


def test_go_wait_gives_up_at_its_deadline(go_driver: Path, api: FlowServer) -> None:
    api.route("GET", OUTPUT, json_reply({"message": "The image is still processing."}, 409))
    run = run_case(go_driver, "topaz-wait-timeout", api.url)
    assert "topaz.NotReadyTimeoutError" in run.errors, run.message
    assert run.seconds < 3
    assert len(api.seen(OUTPUT)) >= 2


def test_go_429_with_retry_after_is_waited_out_and_retried(go_driver: Path, api: FlowServer, files: FlowServer) -> None:
    limited = json_reply({"message": "Too many requests."}, 429, {"Retry-After": "1"})
    api.route("GET", OUTPUT, in_turn(limited, json_reply(presigned(files))))
    run = run_case(go_driver, "topaz-429", api.url)
    assert run.errors == [], run.message
    assert run.result.startswith(files.url)
    assert len(api.seen(OUTPUT)) == 2
    assert 0.95 <= run.seconds < 4, f"waited {run.seconds:.2f} s for Retry-After: 1"
