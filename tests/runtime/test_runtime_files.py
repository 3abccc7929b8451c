"""Saving responses: safe names from Content-Disposition, no clobbering, no partial or temporary files left."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import imgrt_runtime as rt
import pytest


def _response(
    body: bytes | Iterator[bytes] = b"payload",
    headers: dict[str, str] | None = None,
    url: str = "https://files.example.net/out/photo.jpg",
) -> httpx.Response:
    return httpx.Response(200, content=body, headers=headers, request=httpx.Request("GET", url))


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('attachment; filename="../../etc/passwd"', "passwd"),
        ("attachment; filename=..\\..\\windows\\win.ini", "win.ini"),
        ("attachment; filename*=UTF-8''%E2%82%AC%20rates.txt", "€ rates.txt"),
        ("attachment; filename=\"plain.txt\"; filename*=UTF-8''%C3%A9t%C3%A9.jpg", "été.jpg"),
        ("attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd", "passwd"),
        ("attachment; filename*=UTF-8''%FF%FE; filename=fallback.png", "fallback.png"),
        ("attachment; filename*=x-unknown''abc; filename=known.png", "known.png"),
        ("attachment; filename*=iso-8859-1'en'%E9t%E9.txt", "été.txt"),
        ('attachment; filename="with \\"quotes\\" and ; semicolon.png"', "with _quotes_ and ; semicolon.png"),
        ("inline; FILENAME=shot.png; size=10", "shot.png"),
        ('attachment; filename=".bashrc"', "bashrc"),
        ('attachment; filename="a\x00b\x1f\u202ec.txt"', "abc.txt"),
        ('attachment; filename="CON.txt"', "_CON.txt"),
        ('attachment; filename=" . name.jpg. "', "name.jpg"),
        ('attachment; filename=".."', "fallback.bin"),
        ("attachment", "fallback.bin"),
        (None, "fallback.bin"),
    ],
)
def test_safe_filename(header: str | None, expected: str) -> None:
    assert rt.safe_filename(header, "fallback.bin") == expected


def test_safe_filename_sanitises_the_fallback_too() -> None:
    assert rt.safe_filename(None, "../secret") == "secret"
    assert rt.safe_filename(None, "..") == "download"


def test_safe_filename_bounds_the_length_and_keeps_the_extension() -> None:
    name = rt.safe_filename(f'attachment; filename="{"é" * 300}.jpeg"', "x")

    assert len(name.encode()) <= rt._files.NAME_LIMIT
    assert name.endswith(".jpeg") and name.startswith("é")


def test_check_target(tmp_path: Path) -> None:
    existing = tmp_path / "a.jpg"
    existing.write_bytes(b"old")

    with pytest.raises(FileExistsError):
        rt.check_target(existing, overwrite=False)
    with pytest.raises(FileNotFoundError):
        rt.check_target(tmp_path / "missing" / "a.jpg", overwrite=False)
    rt.check_target(existing, overwrite=True)
    rt.check_target(tmp_path, overwrite=False)
    rt.check_target(tmp_path / "new.jpg", overwrite=False)


def test_save_response_writes_the_file_and_reports_progress(tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    chunks = iter([b"a" * 10, b"b" * 10, b"c" * 5])

    saved = rt.save_response(
        _response(chunks, {"Content-Length": "25"}),
        tmp_path / "out.bin",
        progress=lambda n, t: seen.append((n, t)),
        chunk_size=10,
    )

    assert saved == tmp_path / "out.bin"
    assert saved.read_bytes() == b"a" * 10 + b"b" * 10 + b"c" * 5
    assert seen == [(10, 25), (20, 25), (25, 25)]
    assert _leftovers(tmp_path) == ["out.bin"]


def test_progress_total_is_unknown_for_a_compressed_transfer(tmp_path: Path) -> None:
    import gzip

    body = gzip.compress(b"x" * 1000)
    seen: list[tuple[int, int | None]] = []
    headers = {"Content-Encoding": "gzip", "Content-Length": str(len(body))}

    saved = rt.save_response(
        _response(iter([body]), headers), tmp_path / "x", progress=lambda n, t: seen.append((n, t))
    )

    assert saved.read_bytes() == b"x" * 1000
    assert seen[-1] == (1000, None)


def test_saved_file_gets_normal_permissions_not_mkstemps_private_ones(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)

    saved = rt.save_response(_response(), tmp_path / "out.bin")

    assert stat.S_IMODE(saved.stat().st_mode) == 0o666 & ~umask


def test_folder_target_takes_the_name_from_content_disposition(tmp_path: Path) -> None:
    saved = rt.save_response(
        _response(headers={"Content-Disposition": 'attachment; filename="../x/evil.jpg"'}), tmp_path
    )

    assert saved == tmp_path / "evil.jpg"


def test_folder_target_takes_the_name_from_the_url_without_content_disposition(tmp_path: Path) -> None:
    saved = rt.save_response(_response(url="https://files.example.net/a/b/my%20photo.jpg?sig=abc"), tmp_path)

    assert saved == tmp_path / "my photo.jpg"


def test_existing_target_is_refused_without_overwrite_and_replaced_with_it(tmp_path: Path) -> None:
    target = tmp_path / "photo.jpg"
    target.write_bytes(b"old")

    with pytest.raises(FileExistsError):
        rt.save_response(_response(b"new"), target)
    with pytest.raises(FileExistsError):
        rt.save_response(_response(b"new"), tmp_path)
    assert target.read_bytes() == b"old"

    rt.save_response(_response(b"new"), target, overwrite=True)
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == ["photo.jpg"]


def test_a_target_appearing_during_the_download_is_not_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "photo.jpg"

    def someone_else_writes(done: int, total: int | None) -> None:
        target.write_bytes(b"theirs")

    with pytest.raises(FileExistsError):
        rt.save_response(_response(b"mine"), target, progress=someone_else_writes)

    assert target.read_bytes() == b"theirs"
    assert _leftovers(tmp_path) == ["photo.jpg"]


def test_without_hard_links_the_file_is_still_saved_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise PermissionError("hard links not supported")

    monkeypatch.setattr(os, "link", no_links)

    saved = rt.save_response(_response(b"mine"), tmp_path / "a.jpg")
    with pytest.raises(FileExistsError):
        rt.save_response(_response(b"again"), tmp_path / "a.jpg", progress=lambda n, t: None)

    assert saved.read_bytes() == b"mine"
    assert _leftovers(tmp_path) == ["a.jpg"]


def test_a_short_body_is_an_error_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(rt.DownloadError, match="incomplete"):
        rt.save_response(_response(iter([b"x" * 10]), {"Content-Length": "100"}), tmp_path / "a.bin")

    assert _leftovers(tmp_path) == []


def test_a_broken_connection_is_a_download_error_and_leaves_nothing(tmp_path: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield b"x" * 100
        raise httpx.RemoteProtocolError("peer closed connection")

    with pytest.raises(rt.DownloadError) as caught:
        rt.save_response(_response(broken()), tmp_path / "a.bin")

    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)
    assert _leftovers(tmp_path) == []


def test_keyboard_interrupt_leaves_nothing_and_propagates(tmp_path: Path) -> None:
    def interrupt(done: int, total: int | None) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        rt.save_response(_response(iter([b"x" * 10, b"y" * 10])), tmp_path / "a.bin", progress=interrupt)

    assert _leftovers(tmp_path) == []


def test_async_save_response(tmp_path: Path) -> None:
    async def body() -> AsyncIterator[bytes]:
        yield b"ab"
        yield b"cd"

    async def broken() -> AsyncIterator[bytes]:
        yield b"ab"
        raise httpx.ReadError("reset")

    async def scenario() -> None:
        seen: list[int] = []
        saved = await rt.async_save_response(
            _response(headers={"Content-Disposition": "attachment; filename=x.png"}),
            tmp_path,
            progress=lambda n, t: seen.append(n),
        )
        assert saved.read_bytes() == b"payload" and saved.name == "x.png"
        assert seen == [7]

        streamed = httpx.Response(200, content=body(), request=httpx.Request("GET", "https://h/y.png"))
        assert (await rt.async_save_response(streamed, tmp_path)).read_bytes() == b"abcd"

        failing = httpx.Response(200, content=broken(), request=httpx.Request("GET", "https://h/z.png"))
        with pytest.raises(rt.DownloadError):
            await rt.async_save_response(failing, tmp_path)
        with pytest.raises(FileExistsError):
            await rt.async_save_response(_response(), tmp_path / "x.png")

    asyncio.run(scenario())

    assert _leftovers(tmp_path) == ["x.png", "y.png"]
