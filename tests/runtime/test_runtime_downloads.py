"""Downloads against real local servers: credentials never reach the storage host, bounded memory, no partial files."""

from __future__ import annotations

import asyncio
import functools
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import imgrt_runtime as rt
import pytest
from runtime_helpers import FakeTime, LocalServer, reply, reply_json, sequence

CREDENTIALS: rt.Credentials = {"apiKey": rt.ApiKey("s3cr3t", "X-API-Key")}
SECURED = [["apiKey"]]
IMAGE = b"\x89PNG" + bytes(range(256)) * 64
API_COOKIE = {"Set-Cookie": "session=api-session; Path=/"}
"""Kept by the API client's cookie jar, which (ports aside) would send it to the storage host too."""


def _core(server: LocalServer, fake: FakeTime | None = None) -> rt.SyncClientCore:
    fake = fake or FakeTime()
    return rt.SyncClientCore(
        base_url=server.url,
        credentials=CREDENTIALS,
        user_agent="imgclient-test",
        default_headers={"Cookie": "session=api-only"},
        timeout=5.0,
        sleep=fake.sleep,
        clock=fake.clock,
    )


def _async_core(server: LocalServer) -> rt.AsyncClientCore:
    return rt.AsyncClientCore(
        base_url=server.url,
        credentials=CREDENTIALS,
        user_agent="imgclient-test",
        default_headers={"Cookie": "session=api-only"},
        timeout=5.0,
    )


def _serve_image(handler: BaseHTTPRequestHandler) -> None:
    reply(handler, 200, IMAGE, {"Content-Type": "image/png", "Content-Disposition": 'attachment; filename="cat.png"'})


def _storage_refuses_credentials(storage: LocalServer) -> None:
    """The guard itself works: the same file fetched with the API's key is refused."""
    refused = httpx.get(storage.url + "/bucket/cat.png", headers={"X-API-Key": "s3cr3t"}, timeout=5)
    assert refused.status_code == 403


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_presigned_url_is_fetched_without_the_apis_credentials(
    api_server: LocalServer, storage_server: LocalServer, tmp_path: Path
) -> None:
    storage_server.routes["/bucket/cat.png"] = _serve_image
    expires = int(time.time()) + 3600
    api_server.routes["/downloads/7"] = lambda h: reply_json(
        h, 200, {"url": storage_server.url + "/bucket/cat.png?X-Amz-Signature=abc", "expiry": expires}, API_COOKIE
    )

    with _core(api_server) as core:
        link = core.request("GET", "/downloads/{id}", path_params={"id": "7"}, security=SECURED).json()
        saved = rt.download_url(link["url"], tmp_path, http_client=core.download_client, expires_at=link["expiry"])

    assert saved == tmp_path / "cat.png"
    assert saved.read_bytes() == IMAGE
    assert api_server.requests[0].headers["x-api-key"] == "s3cr3t"
    assert storage_server.requests[0].headers["user-agent"] == "imgclient-test"
    _storage_refuses_credentials(storage_server)


def test_303_redirect_target_is_fetched_without_credentials(
    api_server: LocalServer, storage_server: LocalServer, tmp_path: Path
) -> None:
    storage_server.routes["/bucket/cat.png"] = _serve_image
    location = storage_server.url + "/bucket/cat.png?sig=1"
    api_server.routes["/images/9/download"] = lambda h: reply(h, 303, b"", {"Location": location})

    with _core(api_server) as core:
        query = [("auto_download", "true")]
        redirect = core.request("GET", "/images/9/download", query=query, security=SECURED, expected_redirect=True)
        saved = rt.follow_redirect_download(redirect, tmp_path / "mine.png", http_client=core.download_client)

    assert redirect.status_code == 303
    assert saved.read_bytes() == IMAGE
    assert storage_server.hits("/bucket/cat.png") == 1
    _storage_refuses_credentials(storage_server)


def test_bare_client_follows_further_redirects_on_its_own(storage_server: LocalServer, tmp_path: Path) -> None:
    storage_server.routes["/short/1"] = lambda h: reply(h, 302, b"", {"Location": "/bucket/cat.png"})
    storage_server.routes["/bucket/cat.png"] = _serve_image

    saved = rt.download_url(storage_server.url + "/short/1", tmp_path / "a.png")

    assert saved.read_bytes() == IMAGE


def test_429_with_retry_after_then_200(api_server: LocalServer) -> None:
    fake = FakeTime()
    api_server.routes["/images"] = sequence(
        lambda h: reply_json(h, 429, {"message": "slow down"}, {"Retry-After": "2"}),
        lambda h: reply_json(h, 200, {"images": []}),
    )

    with _core(api_server, fake) as core:
        response = core.request("GET", "/images", security=SECURED)

    assert response.json() == {"images": []}
    assert fake.sleeps == [2.0]
    assert api_server.hits("/images") == 2


def test_409_not_ready_twice_then_200(api_server: LocalServer) -> None:
    fake = FakeTime()
    not_ready = functools.partial(reply_json, status=409, payload={"message": "Download is not ready yet"})
    api_server.routes["/downloads/5"] = sequence(
        not_ready, not_ready, lambda h: reply_json(h, 200, {"url": "https://storage/x"})
    )

    with _core(api_server) as core:
        result = rt.wait_until_ready(
            lambda: core.request("GET", "/downloads/5", security=SECURED).json(),
            timeout=30,
            poll_interval=1.5,
            sleep=fake.sleep,
            clock=fake.clock,
        )

    assert result == {"url": "https://storage/x"}
    assert fake.sleeps == [1.5, 1.5]
    assert api_server.hits("/downloads/5") == 3


def test_large_streamed_body_is_saved_with_bounded_memory(api_server: LocalServer, tmp_path: Path) -> None:
    size = 24 * 1024 * 1024
    block = memoryview(bytes(range(256)) * 1024)

    def big(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        for _ in range(size // len(block)):
            handler.wfile.write(block)

    api_server.routes["/files/big"] = big
    seen: list[int] = []

    with _core(api_server) as core, core.stream("GET", "/files/big", security=SECURED) as response:
        tracemalloc.start()
        try:
            saved = rt.save_response(response, tmp_path / "big.bin", progress=lambda n, t: seen.append(n))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert saved.stat().st_size == size
    assert peak < size // 4
    assert len(seen) >= 20
    assert seen == sorted(set(seen)) and seen[-1] == size


def test_interrupted_download_leaves_no_partial_or_temporary_file(api_server: LocalServer, tmp_path: Path) -> None:
    def cut_off(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(10 * 1024 * 1024))
        handler.end_headers()
        handler.wfile.write(b"x" * 1024 * 1024)
        handler.close_connection = True

    api_server.routes["/files/cut"] = cut_off

    with (
        _core(api_server) as core,
        pytest.raises(rt.DownloadError, match=r"cut\.bin"),
        core.stream("GET", "/files/cut", security=SECURED) as response,
    ):
        rt.save_response(response, tmp_path / "cut.bin")

    assert _leftovers(tmp_path) == []


def test_existing_target_is_refused_before_any_request(storage_server: LocalServer, tmp_path: Path) -> None:
    storage_server.routes["/bucket/cat.png"] = _serve_image
    (tmp_path / "cat.png").write_bytes(b"old")

    with pytest.raises(FileExistsError):
        rt.download_url(storage_server.url + "/bucket/cat.png", tmp_path / "cat.png")

    assert storage_server.requests == []
    assert (tmp_path / "cat.png").read_bytes() == b"old"


def test_expired_link_is_refused_before_any_request(storage_server: LocalServer, tmp_path: Path) -> None:
    expired = int(time.time()) - 10

    with pytest.raises(rt.LinkExpiredError) as caught:
        rt.download_url(storage_server.url + "/bucket/cat.png", tmp_path, expires_at=expired)

    assert caught.value.expired_at == datetime.fromtimestamp(expired, UTC)
    assert storage_server.requests == []


def test_storage_errors_are_typed(storage_server: LocalServer, tmp_path: Path) -> None:
    storage_server.routes["/bucket/old.png"] = lambda h: reply(
        h, 403, b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
    )

    with pytest.raises(rt.PermissionDeniedError, match="Request has expired"):
        rt.download_url(storage_server.url + "/bucket/old.png", tmp_path)
    assert _leftovers(tmp_path) == []


def test_head_size(storage_server: LocalServer) -> None:
    storage_server.routes["/bucket/cat.png"] = _serve_image

    assert rt.head_size(storage_server.url + "/bucket/cat.png") == len(IMAGE)
    assert storage_server.requests[0].method == "HEAD"
    with pytest.raises(rt.NotFoundError):
        rt.head_size(storage_server.url + "/bucket/missing.png")


def test_stream_url_yields_the_body_unread(storage_server: LocalServer) -> None:
    storage_server.routes["/bucket/cat.png"] = _serve_image

    with rt.stream_url(storage_server.url + "/bucket/cat.png") as response:
        assert not response.is_stream_consumed
        assert b"".join(response.iter_bytes()) == IMAGE


@pytest.mark.parametrize(
    ("expires_at", "expired"),
    [
        (datetime(2030, 1, 1, tzinfo=UTC), False),
        (datetime(2029, 12, 31, 23, 59, 20, tzinfo=UTC), True),
        ("2030-01-01T00:01:00Z", False),
        ("2029-12-31T23:00:00+00:00", True),
        (1893456060, False),
        (1893456060_000, False),
        ("1893455000", True),
        (datetime(2029, 12, 31, 23, 0), True),
        (None, False),
    ],
)
def test_ensure_not_expired(expires_at: rt.Expiry | None, expired: bool) -> None:
    now = datetime(2029, 12, 31, 23, 59, tzinfo=UTC)

    if expired:
        with pytest.raises(rt.LinkExpiredError):
            rt.ensure_not_expired(expires_at, now=now, leeway=30)
    else:
        rt.ensure_not_expired(expires_at, now=now, leeway=30)


def test_ensure_not_expired_applies_the_leeway() -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)

    rt.ensure_not_expired(now + timedelta(seconds=31), now=now, leeway=30)
    with pytest.raises(rt.LinkExpiredError):
        rt.ensure_not_expired(now + timedelta(seconds=29), now=now, leeway=30)


def test_job_saved_end_to_end(api_server: LocalServer, storage_server: LocalServer, tmp_path: Path) -> None:
    fake = FakeTime()
    storage_server.routes["/bucket/batch.zip"] = _serve_image
    url = storage_server.url + "/bucket/batch.zip"
    api_server.routes["/jobs/j1"] = sequence(
        lambda h: reply_json(h, 200, {"jobStatus": "pending"}),
        lambda h: reply_json(h, 200, {"jobStatus": "success", "downloadUrl": url}),
    )

    with _core(api_server) as core:
        job: rt.JobHandle[dict[str, str]] = rt.JobHandle(
            "j1",
            poll=lambda: core.request("GET", "/jobs/j1", security=SECURED).json(),
            status_of=lambda status: status["jobStatus"],
            url_of=lambda status: status.get("downloadUrl"),
            succeeded={"success"},
            failed={"failure"},
            download=functools.partial(rt.download_url, http_client=core.download_client),
            sleep=fake.sleep,
            clock=fake.clock,
        )
        saved = job.save(tmp_path / "batch.zip", poll_interval=3)

    assert saved.read_bytes() == IMAGE
    assert fake.sleeps == [3]


def test_async_downloads(api_server: LocalServer, storage_server: LocalServer, tmp_path: Path) -> None:
    storage_server.routes["/bucket/cat.png"] = _serve_image
    location = storage_server.url + "/bucket/cat.png"
    api_server.routes["/images/1/download"] = lambda h: reply(h, 303, b"", {"Location": location})
    api_server.routes["/downloads/1"] = lambda h: reply_json(h, 200, {"url": location}, API_COOKIE)

    async def scenario() -> None:
        async with _async_core(api_server) as core:
            link = (await core.request("GET", "/downloads/1", security=SECURED)).json()
            second = await rt.async_download_url(link["url"], tmp_path / "b.png", http_client=core.download_client)
            redirect = await core.request("GET", "/images/1/download", security=SECURED, expected_redirect=True)
            first = await rt.async_follow_redirect_download(
                redirect, tmp_path / "a.png", http_client=core.download_client
            )
            size = await rt.async_head_size(location)
            async with rt.async_stream_url(location, http_client=core.download_client) as response:
                streamed = b"".join([chunk async for chunk in response.aiter_bytes()])
        assert first.read_bytes() == second.read_bytes() == streamed == IMAGE
        assert size == len(IMAGE)

    asyncio.run(scenario())

    assert storage_server.hits("/bucket/cat.png") == 4
    _storage_refuses_credentials(storage_server)


def test_async_interrupted_download_leaves_nothing(api_server: LocalServer, tmp_path: Path) -> None:
    def cut_off(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "1000000")
        handler.end_headers()
        handler.wfile.write(b"x" * 1000)
        handler.close_connection = True

    api_server.routes["/files/cut"] = cut_off

    async def scenario() -> None:
        async with _async_core(api_server) as core, core.stream("GET", "/files/cut", security=SECURED) as response:
            await rt.async_save_response(response, tmp_path / "cut.bin")

    with pytest.raises(rt.DownloadError):
        asyncio.run(scenario())
    assert _leftovers(tmp_path) == []
