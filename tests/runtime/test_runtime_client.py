"""The client core: request shape, credentials, redirects, retries, typed errors, streaming; sync and async."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator

import httpx
import imgrt_runtime as rt
import pytest
from runtime_helpers import FakeTime, async_mock_client, closed_port, mock_client

BASE = "https://api.example.com/v1/"
CREDENTIALS: rt.Credentials = {"apiKey": rt.ApiKey("s3cr3t", "X-API-Key"), "q": rt.ApiKey("qs3cr3t", "key", "query")}


class Recorder:
    """A MockTransport handler answering from a list of responses (the last repeats) and recording requests."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers) or [httpx.Response(200, json={"ok": True})]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        request.read()
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer


def _core(
    recorder: Recorder, fake: FakeTime | None = None, retry: rt.RetryPolicy = rt.DEFAULT_RETRY
) -> rt.SyncClientCore:
    fake = fake or FakeTime()
    return rt.SyncClientCore(
        base_url=BASE,
        credentials=CREDENTIALS,
        http_client=mock_client(recorder),
        default_headers={"X-Client": "gen"},
        user_agent="imgclient/1.0",
        retry=retry,
        sleep=fake.sleep,
        clock=fake.clock,
    )


def _async_core(
    recorder: Recorder, fake: FakeTime | None = None, retry: rt.RetryPolicy = rt.DEFAULT_RETRY
) -> rt.AsyncClientCore:
    fake = fake or FakeTime()
    return rt.AsyncClientCore(
        base_url=BASE,
        credentials=CREDENTIALS,
        http_client=async_mock_client(recorder),
        default_headers={"X-Client": "gen"},
        user_agent="imgclient/1.0",
        retry=retry,
        sleep=fake.async_sleep,
        clock=fake.clock,
    )


def test_request_shape() -> None:
    recorder = Recorder()

    response = _core(recorder).request(
        "post",
        "/images/{image_id}/variants/{name}",
        path_params={"image_id": "a/b c?", "name": "x%y"},
        query=[("size", "large"), ("tag", "a"), ("tag", "b")],
        headers={"Accept": "application/json"},
        json={"width": 10},
        security=[["apiKey"]],
    )

    sent = recorder.requests[0]
    assert response.json() == {"ok": True}
    assert sent.method == "POST"
    assert sent.url.raw_path == b"/v1/images/a%2Fb%20c%3F/variants/x%25y?size=large&tag=a&tag=b"
    assert sent.headers["User-Agent"] == "imgclient/1.0"
    assert sent.headers["X-Client"] == "gen"
    assert sent.headers["Accept"] == "application/json"
    assert sent.headers["X-API-Key"] == "s3cr3t"
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.content) == {"width": 10}
    assert sent.extensions["timeout"] == rt.DEFAULT_TIMEOUT.as_dict()


def test_a_header_is_sent_once_whatever_the_case_of_its_name() -> None:
    """An operation's own ``user-agent`` parameter (shutterstock's) replaces the client's User-Agent, and a credential
    replaces a default header of its name: httpx joined two keys of one name with a comma."""
    recorder = Recorder()
    core = _core(recorder)
    core.request("GET", "/validate", headers={"user-agent": "mine/2", "x-client": "op"}, security=[["apiKey"]])
    core._default_headers["x-api-key"] = "default"
    core.request("GET", "/validate", security=[["apiKey"]])

    first, second = recorder.requests
    assert first.headers.get_list("User-Agent") == ["mine/2"] and first.headers.get_list("X-Client") == ["op"]
    assert second.headers.get_list("X-API-Key") == ["s3cr3t"] and second.headers["User-Agent"] == "imgclient/1.0"


def test_only_the_operations_security_is_attached() -> None:
    recorder = Recorder()
    core = _core(recorder)

    core.request("GET", "/public")
    core.request("GET", "/by-query", security=[["q"]])

    assert "X-API-Key" not in recorder.requests[0].headers and not recorder.requests[0].url.query
    assert "X-API-Key" not in recorder.requests[1].headers
    assert recorder.requests[1].url.params["key"] == "qs3cr3t"


def test_missing_credentials_fail_before_sending() -> None:
    recorder = Recorder()

    with pytest.raises(rt.MissingCredentialsError):
        _core(recorder).request("GET", "/x", security=[["bearer"]])
    assert recorder.requests == []


def test_request_options_override_per_call() -> None:
    recorder = Recorder(httpx.Response(503), httpx.Response(200))
    options = rt.RequestOptions(
        timeout=2.5, retry=rt.RetryPolicy(max_retries=0), extra_headers={"X-Trace": "1"}, extra_query=[("debug", "1")]
    )

    with pytest.raises(rt.InternalServerError):
        _core(recorder).request("GET", "/x", query=[("a", "1")], options=options)

    sent = recorder.requests[0]
    assert len(recorder.requests) == 1
    assert sent.headers["X-Trace"] == "1"
    assert sent.url.query == b"a=1&debug=1"
    assert sent.extensions["timeout"] == httpx.Timeout(2.5).as_dict()


@pytest.mark.parametrize("value", ["", ".", ".."])
def test_unusable_path_values_are_refused_before_sending(value: str) -> None:
    recorder = Recorder()

    with pytest.raises(rt.RequestValidationError, match="'image_id'"):
        _core(recorder).request("GET", "/images/{image_id}", path_params={"image_id": value})
    assert recorder.requests == []


def test_base_url_must_be_absolute_http() -> None:
    with pytest.raises(ValueError, match="base_url"):
        rt.SyncClientCore(base_url="api.example.com", credentials={}, user_agent="t")


def test_request_reads_the_body_and_stream_leaves_it_for_iteration() -> None:
    recorder = Recorder(*(httpx.Response(200, content=iter([b"abc", b"def"])) for _ in range(2)))
    core = _core(recorder)

    assert core.request("GET", "/x").content == b"abcdef"
    with core.stream("GET", "/x") as response:
        assert not response.is_stream_consumed
        assert b"".join(response.iter_bytes()) == b"abcdef"
    assert response.is_closed


def test_unexpected_redirect_is_an_error_and_expected_redirect_is_returned() -> None:
    redirect = httpx.Response(303, headers={"Location": "https://files.example.net/x.jpg"})
    recorder = Recorder(redirect)
    core = _core(recorder)

    with pytest.raises(rt.APIStatusError) as caught:
        core.request("GET", "/images/1/download", security=[["apiKey"]])
    response = core.request("GET", "/images/1/download", security=[["apiKey"]], expected_redirect=True)

    assert caught.value.status_code == 303
    assert response.status_code == 303
    assert rt.redirect_location(response) == "https://files.example.net/x.jpg"
    assert [str(r.url.host) for r in recorder.requests] == ["api.example.com", "api.example.com"]


def test_follow_redirects_is_refused_for_requests_with_credentials() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.example.com":
            return httpx.Response(302, headers={"Location": "https://elsewhere.example.net/file"})
        return httpx.Response(200, text=f"got key {request.headers.get('X-API-Key')}")

    core = rt.SyncClientCore(base_url=BASE, credentials=CREDENTIALS, http_client=mock_client(handler), user_agent="t")

    assert core.request("GET", "/open", follow_redirects=True).text == "got key None"
    with pytest.raises(rt.APIStatusError) as caught:
        core.request("GET", "/secret", follow_redirects=True, security=[["apiKey"]])
    with pytest.raises(rt.APIStatusError), core.stream("GET", "/secret", follow_redirects=True, security=[["apiKey"]]):
        pass
    assert caught.value.status_code == 302


def test_retries_retry_statuses_with_backoff_then_succeeds() -> None:
    fake = FakeTime()
    recorder = Recorder(httpx.Response(503), httpx.Response(502), httpx.Response(200, json={"ok": True}))

    response = _core(recorder, fake).request("GET", "/x")

    assert response.json() == {"ok": True}
    assert len(recorder.requests) == 3
    assert len(fake.sleeps) == 2
    assert 0 <= fake.sleeps[0] <= 0.5 and 0 <= fake.sleeps[1] <= 1.0


def test_retry_after_is_honoured() -> None:
    fake = FakeTime()
    recorder = Recorder(httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(200))

    _core(recorder, fake).request("GET", "/x")

    assert fake.sleeps == [3.0]


def test_exhausted_retries_raise_rate_limit_error_with_retry_after() -> None:
    fake = FakeTime()
    recorder = Recorder(httpx.Response(429, json={"message": "slow down"}, headers={"Retry-After": "1"}))

    with pytest.raises(rt.RateLimitError) as caught:
        _core(recorder, fake).request("GET", "/x")

    assert caught.value.retry_after == 1.0
    assert caught.value.message == "slow down"
    assert len(recorder.requests) == 3
    assert fake.sleeps == [1.0, 1.0]


def test_retry_after_beyond_the_elapsed_budget_gives_up_at_once() -> None:
    fake = FakeTime()
    recorder = Recorder(httpx.Response(429, headers={"Retry-After": "3600"}), httpx.Response(200))

    with pytest.raises(rt.RateLimitError):
        _core(recorder, fake).request("GET", "/x")
    assert fake.sleeps == []


def test_non_retry_statuses_are_not_retried() -> None:
    recorder = Recorder(httpx.Response(404), httpx.Response(200))

    with pytest.raises(rt.NotFoundError):
        _core(recorder).request("GET", "/x")
    assert len(recorder.requests) == 1


def test_post_is_retried_only_when_the_server_cannot_have_acted() -> None:
    for answer, attempts in [(httpx.Response(500), 1), (httpx.Response(429), 3)]:
        recorder = Recorder(answer)
        with pytest.raises(rt.APIStatusError):
            _core(recorder).request("POST", "/jobs", json={})
        assert len(recorder.requests) == attempts

    unsafe_ok = Recorder(httpx.Response(500))
    with pytest.raises(rt.InternalServerError):
        _core(unsafe_ok, retry=rt.RetryPolicy(retry_unsafe_methods=True)).request("POST", "/jobs", json={})
    assert len(unsafe_ok.requests) == 3


def test_post_is_retried_after_a_connect_error_but_not_after_a_read_error() -> None:
    connect = Recorder(httpx.ConnectError("refused"), httpx.Response(201))
    read = Recorder(httpx.ReadError("reset"), httpx.Response(201))

    assert _core(connect).request("POST", "/jobs").status_code == 201
    with pytest.raises(rt.APIConnectionError):
        _core(read).request("POST", "/jobs")
    assert len(read.requests) == 1


def test_timeouts_are_retried_then_raise_api_timeout_error() -> None:
    fake = FakeTime()
    recorder = Recorder(httpx.ReadTimeout("slow"))

    with pytest.raises(rt.APITimeoutError) as caught:
        _core(recorder, fake).request("GET", "/x")

    assert len(recorder.requests) == 3
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


def test_connection_refused_raises_api_connection_error_after_retries() -> None:
    fake = FakeTime()
    core = rt.SyncClientCore(
        base_url=f"http://127.0.0.1:{closed_port()}",
        credentials=CREDENTIALS,
        user_agent="t",
        timeout=2.0,
        sleep=fake.sleep,
        clock=fake.clock,
    )

    with core, pytest.raises(rt.APIConnectionError) as caught:
        core.request("GET", "/x", security=[["q"]])

    assert type(caught.value) is rt.APIConnectionError
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert len(fake.sleeps) == 2
    assert "qs3cr3t" not in str(caught.value)


def test_retry_log_names_method_and_path_but_never_the_query(caplog: pytest.LogCaptureFixture) -> None:
    recorder = Recorder(httpx.Response(503), httpx.Response(200))

    with caplog.at_level(logging.INFO, logger="imgrt_runtime"):
        _core(recorder).request("GET", "/x", security=[["q"]])

    messages = [record.getMessage() for record in caplog.records if record.name.startswith("imgrt_runtime")]
    assert len(messages) == 1 and "GET /v1/x" in messages[0]
    assert "qs3cr3t" not in messages[0]


def test_error_body_of_a_stream_is_read_only_up_to_the_limit() -> None:
    produced: list[int] = []

    def huge_body() -> Iterator[bytes]:
        yield b'{"message": "boom", "pad": "'
        for _ in range(100):
            produced.append(1)
            yield b"x" * 16_384

    recorder = Recorder(httpx.Response(500, content=huge_body()))

    with (
        pytest.raises(rt.InternalServerError) as caught,
        _core(recorder, retry=rt.RetryPolicy(max_retries=0)).stream("GET", "/file"),
    ):
        pass

    assert len(produced) <= rt._sending.ERROR_BODY_LIMIT // 16_384 + 1
    assert caught.value.message == "Internal Server Error"


def test_owned_http_client_is_closed_and_a_given_one_is_not() -> None:
    given = mock_client(Recorder())
    with rt.SyncClientCore(base_url=BASE, credentials={}, user_agent="t", http_client=given) as core:
        download_client = core.download_client
    owned = rt.SyncClientCore(base_url=BASE, credentials={}, user_agent="t")
    owned.close()

    assert not given.is_closed
    assert download_client.is_closed
    assert owned._http.is_closed


def test_async_request_shape_retry_and_errors() -> None:
    async def scenario() -> None:
        fake = FakeTime()
        recorder = Recorder(httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(200, json=[1, 2]))
        async with _async_core(recorder, fake) as core:
            response = await core.request(
                "GET", "/images/{id}", path_params={"id": "1 2"}, query=[("a", "b")], security=[["apiKey"]]
            )
            with pytest.raises(rt.NotFoundError):
                await _async_core(Recorder(httpx.Response(404))).request("GET", "/missing")

        assert response.json() == [1, 2]
        assert fake.sleeps == [2.0]
        assert recorder.requests[1].url.raw_path == b"/v1/images/1%202?a=b"
        assert recorder.requests[1].headers["X-API-Key"] == "s3cr3t"

    asyncio.run(scenario())


def test_async_stream_and_redirect_handling() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"image-"
        yield b"bytes"

    async def scenario() -> None:
        body = Recorder(httpx.Response(200, content=chunks()))
        async with _async_core(body).stream("GET", "/file") as response:
            assert not response.is_stream_consumed
            assert b"".join([chunk async for chunk in response.aiter_bytes()]) == b"image-bytes"

        redirect = Recorder(httpx.Response(303, headers={"Location": "/files/1"}))
        core = _async_core(redirect)
        returned = await core.request("GET", "/download", expected_redirect=True)
        with pytest.raises(rt.APIStatusError):
            await core.request("GET", "/download")
        assert rt.redirect_location(returned) == "https://api.example.com/files/1"

    asyncio.run(scenario())


def test_async_connection_refused_raises_after_retries() -> None:
    async def scenario() -> None:
        fake = FakeTime()
        core = rt.AsyncClientCore(
            base_url=f"http://127.0.0.1:{closed_port()}",
            credentials={},
            user_agent="t",
            sleep=fake.async_sleep,
            clock=fake.clock,
        )
        async with core:
            with pytest.raises(rt.APIConnectionError):
                await core.request("GET", "/x")
        assert len(fake.sleeps) == 2

    asyncio.run(scenario())


def test_async_follow_redirects_is_refused_for_requests_with_credentials() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.example.com":
            return httpx.Response(302, headers={"Location": "https://elsewhere.example.net/file"})
        return httpx.Response(200, text="followed")

    async def scenario() -> None:
        core = rt.AsyncClientCore(
            base_url=BASE, credentials=CREDENTIALS, http_client=async_mock_client(handler), user_agent="t"
        )
        assert (await core.request("GET", "/open", follow_redirects=True)).text == "followed"
        with pytest.raises(rt.APIStatusError):
            await core.request("GET", "/secret", follow_redirects=True, security=[["apiKey"]])
        with pytest.raises(rt.APIStatusError):
            async with core.stream("GET", "/secret", follow_redirects=True, security=[["apiKey"]]):
                pass

    asyncio.run(scenario())


def test_async_error_body_of_a_stream_is_read_only_up_to_the_limit() -> None:
    produced: list[int] = []

    async def huge_body() -> AsyncIterator[bytes]:
        yield b'{"message": "boom"}'
        for _ in range(100):
            produced.append(1)
            yield b" " * 16_384

    async def scenario() -> None:
        core = _async_core(Recorder(httpx.Response(503, content=huge_body())), retry=rt.RetryPolicy(max_retries=0))
        with pytest.raises(rt.InternalServerError) as caught:
            async with core.stream("GET", "/file"):
                pass
        assert caught.value.message == "boom"

    asyncio.run(scenario())
    assert len(produced) <= rt._sending.ERROR_BODY_LIMIT // 16_384 + 1
