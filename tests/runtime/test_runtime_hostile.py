"""What the runtime does with hostile answers and arguments: typed errors before sending or reading too much."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import imgrt_runtime as rt
import pytest
from imgrt_runtime._bodies import json_too_deep
from runtime_helpers import FakeTime, async_mock_client, mock_client

BASE = "https://api.example.com"
DEEP = b"[" * 100_000 + b"]" * 100_000


class Recorder:
    def __init__(self, answer: httpx.Response) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer


def _core(recorder: Recorder, **kwargs: object) -> rt.SyncClientCore:
    fake = FakeTime()
    return rt.SyncClientCore(
        base_url=BASE,
        credentials=kwargs.pop("credentials", {}),  # type: ignore[arg-type]
        http_client=mock_client(recorder),
        user_agent="hostile/1.0",
        sleep=fake.sleep,
        clock=fake.clock,
        **kwargs,  # type: ignore[arg-type]
    )


def _json(content: bytes, **headers: str) -> httpx.Response:
    return httpx.Response(200, content=content, headers={"Content-Type": "application/json", **headers})


# --- JSON nesting ---------------------------------------------------------------------------------------------


def test_deeply_nested_json_is_a_decode_error_naming_the_depth() -> None:
    response = _core(Recorder(_json(DEEP))).request("GET", "/x")

    with pytest.raises(rt.ResponseDecodeError, match=f"nested deeper than {rt.MAX_JSON_DEPTH} levels"):
        rt.decode_response(response, lambda data: data)


def test_deeply_nested_error_body_still_gives_a_status_error() -> None:
    error = rt.status_error(httpx.Response(500, content=DEEP, headers={"Content-Type": "application/json"}))

    assert isinstance(error, rt.InternalServerError)
    assert error.body is None


@pytest.mark.parametrize(
    ("content", "deep"),
    [
        (b"[" * 256 + b"]" * 256, False),
        (b"[" * 257 + b"]" * 257, True),
        (b'{"a": "' + b"[" * 5000 + b'"}', False),
        (b'["\\"' + b"[" * 5000 + b'"]', False),
        (b'["\\\\"' + b"," + b"[" * 300 + b"]" * 300 + b"]", True),
        (b"[]" * 10_000, False),
    ],
)
def test_nesting_counts_brackets_outside_strings_only(content: bytes, deep: bool) -> None:
    assert json_too_deep(content) is deep


# --- body cap -------------------------------------------------------------------------------------------------


def test_a_declared_content_length_past_the_cap_is_refused_before_reading() -> None:
    recorder = Recorder(_json(b'{"a": "' + b"x" * 2000 + b'"}'))

    with pytest.raises(rt.ResponseTooLargeError, match=r"has 2009 bytes, past the limit of 1000 bytes"):
        _core(recorder, max_body_size=1000).request("GET", "/x")


def test_a_body_without_length_is_refused_while_reading() -> None:
    def chunks() -> Iterator[bytes]:
        while True:  # endless: the cap must stop the reading
            yield b"x" * 4096

    answer = httpx.Response(200, content=chunks(), headers={"Content-Type": "application/json"})

    with pytest.raises(rt.ResponseTooLargeError, match="past the limit of 100000 bytes") as caught:
        _core(Recorder(answer), max_body_size=100_000).request("GET", "/x")
    assert isinstance(caught.value, rt.ResponseDecodeError)
    assert caught.value.limit == 100_000


def test_a_body_within_the_cap_is_read_and_the_default_is_64_mib() -> None:
    response = _core(Recorder(_json(b'{"ok": true}')), max_body_size=12).request("GET", "/x")

    assert response.json() == {"ok": True}
    assert rt.DEFAULT_MAX_BODY_SIZE == 64 * 1024 * 1024
    assert _core(Recorder(_json(b"{}"))).max_body_size == rt.DEFAULT_MAX_BODY_SIZE


def test_the_async_core_caps_too() -> None:
    async def main() -> None:
        async with rt.AsyncClientCore(
            base_url=BASE,
            credentials={},
            http_client=async_mock_client(Recorder(_json(b"[" + b"1," * 100 + b"1]"))),
            user_agent="hostile/1.0",
            max_body_size=50,
        ) as core:
            await core.request("GET", "/x")

    with pytest.raises(rt.ResponseTooLargeError):
        asyncio.run(main())


def test_a_streamed_download_is_not_capped(tmp_path: Path) -> None:
    body = b"x" * 5000
    recorder = Recorder(httpx.Response(200, content=body, headers={"Content-Type": "image/png"}))

    with _core(recorder, max_body_size=10).stream("GET", "/x") as response:
        saved = rt.save_response(response, tmp_path / "a.png")
    assert saved.read_bytes() == body


# --- arguments that cannot be sent ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "label", "problem"),
    [
        ({"path_params": {"item_id": "a\ud800b"}}, "item_id", "lone surrogate U+D800"),
        ({"query": [("q", "\udfff")]}, "q", "lone surrogate U+DFFF"),
        ({"headers": {"X-Trace": "\ud83d"}}, "X-Trace", "lone surrogate U+D83D"),
        ({"headers": {"X-Trace": "a\r\nInjected: 1"}}, "X-Trace", "control character U+000D"),
        ({"headers": {"X-Trace": "a\nb"}}, "X-Trace", "control character U+000A"),
        ({"headers": {"X-Trace": "nul\x00"}}, "X-Trace", "control character U+0000"),
        ({"headers": {"X-Trace": "caf\u00e9"}}, "X-Trace", "U+00E9; a header value must be ASCII"),
        ({"options": rt.RequestOptions(extra_headers={"X-Extra": "x\ry"})}, "X-Extra", "U+000D"),
    ],
)
def test_unsendable_arguments_are_refused_before_sending(kwargs: dict[str, object], label: str, problem: str) -> None:
    recorder = Recorder(_json(b"{}"))

    with pytest.raises(rt.RequestValidationError, match=re.escape(problem)) as caught:
        _core(recorder).request("GET", "/items/{item_id}", **{"path_params": {"item_id": "1"}, **kwargs})  # type: ignore[arg-type]
    assert caught.value.parameter == label
    assert recorder.requests == []


def test_a_tab_and_plain_ascii_are_fine_in_headers() -> None:
    recorder = Recorder(_json(b"{}"))

    _core(recorder).request("GET", "/x", headers={"X-Trace": "a\tb ~!"})
    assert recorder.requests[0].headers["x-trace"] == "a\tb ~!"


def test_a_credential_from_the_environment_with_a_line_break_is_refused_without_showing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOSTILE_KEY", "secret\r\nX-Evil: 1")
    key = rt.credential_from_env("HOSTILE_KEY")
    assert key is not None
    recorder = Recorder(_json(b"{}"))
    credentials = {"key": rt.ApiKey(key, "X-API-Key")}

    with pytest.raises(rt.RequestValidationError, match="control character U\\+000D") as caught:
        _core(recorder, credentials=credentials).request("GET", "/x", security=[["key"]])
    assert caught.value.parameter == "X-API-Key"
    assert "secret" not in str(caught.value)
    assert recorder.requests == []


# --- server-chosen file names ---------------------------------------------------------------------------------


def _named(name: str) -> httpx.Response:
    headers = {"Content-Type": "image/png", "Content-Disposition": f'attachment; filename="{name}"'}
    return httpx.Response(200, content=b"PNG", headers=headers, request=httpx.Request("GET", f"{BASE}/f"))


def test_a_server_chosen_name_that_is_a_folder_is_refused_with_overwrite(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "keep.txt").write_text("mine")

    with pytest.raises(rt.DownloadError, match="is a folder in the target, never replaced"):
        rt.save_response(_named("photos"), tmp_path, overwrite=True)
    assert (tmp_path / "photos" / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos"]


@pytest.mark.parametrize("name", ["..", ".", "a/../../x.png", "/etc/passwd", "nul\x00.png", "..\\..\\y.png"])
def test_server_chosen_names_never_leave_the_target_folder(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()

    saved = rt.save_response(_named(name), folder, overwrite=True)
    assert saved.parent == folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_server_chosen_name_that_is_a_symlink_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "in", tmp_path / "elsewhere.png"
    folder.mkdir()
    elsewhere.write_bytes(b"precious")
    os.symlink(elsewhere, folder / "x.png")

    with pytest.raises(FileExistsError):
        rt.save_response(_named("x.png"), folder)
    saved = rt.save_response(_named("x.png"), folder, overwrite=True)
    assert elsewhere.read_bytes() == b"precious"
    assert not saved.is_symlink() and saved.read_bytes() == b"PNG"


def test_a_basic_credential_with_a_lone_surrogate_is_refused_before_sending() -> None:
    recorder = Recorder(_json(b"{}"))
    credentials = {"basic": rt.BasicAuth("user", "pa\udc80ss")}

    with pytest.raises(rt.RequestValidationError, match="lone surrogate U\\+DC80") as caught:
        _core(recorder, credentials=credentials).request("GET", "/x", security=[["basic"]])
    assert caught.value.parameter == "Authorization"
    assert recorder.requests == []
