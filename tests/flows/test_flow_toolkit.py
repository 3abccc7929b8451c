"""Toolkit: a multi-megabyte image streamed to disk in bounded memory, an interrupted body, a hostile file name."""

from __future__ import annotations

import hashlib
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flow_support import CLIENT_TIMEOUT, MODES, FlowServer, Reply, drive, generated
from go_flow_support import run_case

toolkit = generated("toolkit_images")

OBJECT = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.png"
IMAGE = f"/v1/image/download/{OBJECT}"
BLOCK = 64 * 1024
SIZE = 32 * 1024 * 1024
"""Large enough that a client holding the body (or even a quarter of it) in memory fails the memory check."""


def blocks(size: int = SIZE) -> Iterator[bytes]:
    """``size`` bytes of a deterministic, incompressible pattern, made one 64 KiB block at a time."""
    for index in range(size // BLOCK):
        yield hashlib.sha256(index.to_bytes(8, "big")).digest() * (BLOCK // 32)


def digest_of_blocks() -> str:
    digest = hashlib.sha256()
    for block in blocks():
        digest.update(block)
    return digest.hexdigest()


def streamed(**headers: str) -> Reply:
    return Reply(200, {"Content-Type": "image/png", **headers}, chunks=blocks(), content_length=SIZE)


def client(mode: str, api: FlowServer) -> Any:
    cls = toolkit.ToolkitImages if mode == "sync" else toolkit.AsyncToolkitImages
    return cls(api_key="toolkit-key", base_url=api.url, timeout=CLIENT_TIMEOUT)


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(BLOCK):
            digest.update(chunk)
    return digest.hexdigest()


@pytest.mark.parametrize("mode", MODES)
def test_large_image_streams_to_disk_in_bounded_memory(mode: str, api: FlowServer, tmp_path: Path) -> None:
    api.route("GET", IMAGE, lambda _seen: streamed())
    target = tmp_path / "big.png"
    progress: list[tuple[int, int | None]] = []

    def action(c: Any) -> Any:
        return (
            yield c.download.download_image_to_file(
                OBJECT, path=target, progress=lambda done, total: progress.append((done, total))
            )
        )

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        assert drive(mode, client(mode, api), action) == target
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert target.stat().st_size == SIZE
    assert file_digest(target) == digest_of_blocks()
    assert peak < SIZE // 4, f"peak traced memory {peak} bytes for a {SIZE}-byte body"
    assert len(progress) >= 4
    done = [d for d, _ in progress]
    assert done == sorted(set(done)) and done[-1] == SIZE
    assert {total for _, total in progress} == {SIZE}
    assert api.seen(IMAGE)[0].headers["x-api-key"] == "toolkit-key"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.png"]


@pytest.mark.parametrize("mode", MODES)
def test_interrupted_body_leaves_no_file(mode: str, api: FlowServer, tmp_path: Path) -> None:
    api.route(
        "GET",
        IMAGE,
        lambda _seen: Reply(
            200, {"Content-Type": "image/png"}, chunks=blocks(), content_length=SIZE, cut_after=SIZE // 8
        ),
    )
    folder = tmp_path / "downloads"
    folder.mkdir()

    def action(c: Any) -> Any:
        return (yield c.download.download_image_to_file(OBJECT, path=folder / "big.png"))

    with pytest.raises(toolkit.DownloadError):
        drive(mode, client(mode, api), action)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("mode", MODES)
def test_content_disposition_is_reduced_to_a_safe_base_name(mode: str, api: FlowServer, tmp_path: Path) -> None:
    api.route(
        "GET",
        IMAGE,
        Reply(
            200,
            {"Content-Type": "image/png", "Content-Disposition": 'attachment; filename="../../evil.png"'},
            b"\x89PNG tiny",
        ),
    )
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)

    def action(c: Any) -> Any:
        return (yield c.download.download_image_to_file(OBJECT, path=folder))

    saved = drive(mode, client(mode, api), action)
    assert saved == folder / "evil.png"
    assert saved.read_bytes() == b"\x89PNG tiny"
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [folder / "evil.png"]


# --------------------------------------------------------------------------- the Go client

HUGE = 256 * 1024 * 1024
HUGE_GROWTH = 32 * 1024 * 1024
"""The most the Go process's peak resident memory (VmHWM, read by the driver itself) may grow saving HUGE bytes."""


def numbered_blocks(size: int) -> Iterator[bytes]:
    """``size`` bytes in 64 KiB blocks, each starting with its number: cheap to make, no two alike."""
    base = hashlib.sha256(b"toolkit").digest() * (BLOCK // 32)
    for index in range(size // BLOCK):
        yield index.to_bytes(8, "big") + base[8:]


def test_go_large_image_streams_to_disk_in_bounded_memory(go_driver: Path, api: FlowServer, tmp_path: Path) -> None:
    api.route("GET", IMAGE, lambda _seen: streamed())
    target = tmp_path / "big.png"
    run = run_case(go_driver, "toolkit-to-file", api.url, target)
    assert run.errors == [], run.message
    assert run.result["path"] == str(target)
    assert file_digest(target) == digest_of_blocks()
    assert run.result["progress_calls"] >= 4 and run.result["ordered"]
    assert (run.result["last"], run.result["total"]) == (SIZE, SIZE)
    assert 0 <= run.peak_growth < SIZE // 4, f"peak resident memory grew {run.peak_growth} bytes for {SIZE}"
    assert api.seen(IMAGE)[0].headers["x-api-key"] == "toolkit-key"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.png"]


def test_go_256_mib_stream_saved_with_peak_memory_growth_under_32_mib(
    go_driver: Path, api: FlowServer, tmp_path: Path
) -> None:
    api.route(
        "GET",
        IMAGE,
        lambda _seen: Reply(200, {"Content-Type": "image/png"}, chunks=numbered_blocks(HUGE), content_length=HUGE),
    )
    target = tmp_path / "huge.png"
    run = run_case(go_driver, "toolkit-to-file", api.url, target)
    assert run.errors == [], run.message
    assert 0 <= run.peak_growth < HUGE_GROWTH, f"peak resident memory grew {run.peak_growth} bytes for {HUGE}"
    expected = hashlib.sha256()
    for block in numbered_blocks(HUGE):
        expected.update(block)
    assert target.stat().st_size == HUGE
    assert file_digest(target) == expected.hexdigest()


def test_go_cut_body_leaves_no_file(go_driver: Path, api: FlowServer, tmp_path: Path) -> None:
    api.route(
        "GET",
        IMAGE,
        lambda _seen: Reply(
            200, {"Content-Type": "image/png"}, chunks=blocks(), content_length=SIZE, cut_after=SIZE // 8
        ),
    )
    folder = tmp_path / "downloads"
    folder.mkdir()
    run = run_case(go_driver, "toolkit-to-file", api.url, folder / "big.png")
    assert "toolkit.DownloadError" in run.errors, run.message
    assert list(folder.iterdir()) == []


def stalled_blocks(stall: float) -> Iterator[bytes]:
    """Four blocks, then silence for ``stall`` seconds, then the rest: a server that hangs mid-body."""
    for index, block in enumerate(blocks(SIZE // 8)):
        if index == 4:
            time.sleep(stall)
        yield block


def test_go_stalled_body_is_cut_at_the_stall_timeout_leaving_no_file(
    go_driver: Path, api: FlowServer, tmp_path: Path
) -> None:
    api.route(
        "GET",
        IMAGE,
        lambda _seen: Reply(200, {"Content-Type": "image/png"}, chunks=stalled_blocks(3.0), content_length=SIZE // 8),
    )
    folder = tmp_path / "downloads"
    folder.mkdir()
    run = run_case(go_driver, "toolkit-to-file", api.url, folder / "big.png", stall=0.5)
    assert "toolkit.ConnectionError" in run.errors or "toolkit.DownloadError" in run.errors, run.message
    assert run.seconds < 2.5, f"took {run.seconds:.2f} s with a 0.5 s stall timeout"
    assert list(folder.iterdir()) == []


def test_go_content_disposition_is_reduced_to_a_safe_base_name(
    go_driver: Path, api: FlowServer, tmp_path: Path
) -> None:
    api.route(
        "GET",
        IMAGE,
        Reply(
            200,
            {"Content-Type": "image/png", "Content-Disposition": 'attachment; filename="../../evil.png"'},
            b"\x89PNG tiny",
        ),
    )
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    run = run_case(go_driver, "toolkit-to-file", api.url, folder)
    assert run.errors == [], run.message
    assert run.result["path"] == str(folder / "evil.png")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [folder / "evil.png"]
