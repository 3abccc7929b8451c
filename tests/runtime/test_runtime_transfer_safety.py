"""The Python runtime's transfers: one download per part, nothing followed through a planted symlink, codings.

Each case drives ``fetch_to_file`` (or ``download_many``) against responses from
``httpx.MockTransport``, so the headers sent and the bytes answered are exact.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import imgrt_runtime as rt
import pytest
from imgrt_runtime import _transfer

IN_PROGRESS = "another download of this file is in progress"
CONTENT = bytes(range(256)) * 64

Handler = Callable[[httpx.Request], httpx.Response]


def source(handler: Handler, seen: list[httpx.Request] | None = None) -> rt.StreamSource:
    client = httpx.Client(transport=httpx.MockTransport(handler))

    @contextlib.contextmanager
    def open_(headers: object) -> Iterator[httpx.Response]:
        request = client.build_request("GET", "https://files.example/f/file.bin", headers=dict(headers))  # type: ignore[call-overload]
        if seen is not None:
            seen.append(request)
        response = client.send(request, stream=True)
        try:
            yield response
        finally:
            response.close()

    return rt.StreamSource(open_)


def plain(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"ETag": '"v1"', "Content-Length": str(len(CONTENT))}, content=CONTENT)


def test_a_download_whose_part_is_locked_by_a_running_download_fails_and_leaves_the_lock(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    lock = _transfer._resume_part(target).with_name(_transfer._resume_part(target).name + ".lock")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as running:
        try:
            lock.write_text(str(running.pid))
            with pytest.raises(rt.DownloadError, match=f"{IN_PROGRESS}.*held by process {running.pid}"):
                rt.fetch_to_file(source(plain), target, resume=True)
        finally:
            running.kill()
    assert lock.read_text() == str(running.pid) and not target.exists()


def test_a_lock_left_by_a_process_that_ended_is_taken_over_and_removed(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock = _transfer._resume_part(target).with_name(_transfer._resume_part(target).name + ".lock")
    lock.write_text(ended.stdout.strip())
    assert rt.fetch_to_file(source(plain), target, resume=True).read_bytes() == CONTENT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.bin"]


def test_two_items_of_a_batch_resolving_to_one_file_never_mix(tmp_path: Path) -> None:
    def save(key: int, progress: rt.ProgressCallback) -> Path:
        def answer(request: httpx.Request) -> httpx.Response:
            body = bytes([key]) * 4096
            return httpx.Response(200, headers={"ETag": f'"{key}"', "Content-Length": "4096"}, content=body)

        return rt.fetch_to_file(source(answer), tmp_path, resume=True, overwrite=True, progress=progress)

    results = rt.download_many([1, 2], save, concurrency=1)
    assert [r.status for r in results] == ["saved", "failed"]
    assert IN_PROGRESS in str(results[1].error)
    assert (tmp_path / "file.bin").read_bytes() == bytes([1]) * 4096


@pytest.mark.parametrize("kept", [False, True])
def test_a_symlink_planted_at_the_part_is_never_written_through(tmp_path: Path, kept: bool) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    folder = tmp_path / "downloads"
    folder.mkdir()
    target = folder / "file.bin"
    part = _transfer._resume_part(target)
    part.symlink_to(outside)
    if kept:  # a side file that would have the download append to the "part"
        _transfer._Side("https://files.example/f/file.bin", '"v1"', None, len(CONTENT), {}).write(
            _transfer._side_of(part)
        )
    assert rt.fetch_to_file(source(plain), target, resume=True).read_bytes() == CONTENT
    assert outside.read_bytes() == b"precious"


def test_transfers_ask_for_the_file_unencoded_and_an_encoded_answer_is_never_resumed(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def gzipped(request: httpx.Request) -> httpx.Response:
        body = gzip.compress(CONTENT)
        headers = {"ETag": '"v1"', "Content-Encoding": "gzip", "Content-Length": str(len(body))}
        return httpx.Response(200, headers=headers, content=body)

    transfer = _transfer.Transfer(tmp_path / "file.bin", overwrite=False, resume=True, verify=True)
    with source(gzipped, seen).open(_transfer.TRANSFER_HEADERS) as response:
        assert transfer.begin(response, "", None)
    assert seen[0].headers["accept-encoding"] == "identity"
    assert transfer.side is not None and transfer.side.validator is None
    transfer.discard()
    transfer.release()

    rt.fetch_to_file(source(plain, seen), tmp_path / "other.bin", resume=True)
    assert seen[-1].headers["accept-encoding"] == "identity"


def test_the_declared_digest_is_checked_on_the_decoded_bytes_of_an_encoded_answer(tmp_path: Path) -> None:
    def gzipped(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=gzip.compress(b"tampered"))

    wrong = rt.StreamSource(source(gzipped)._open)
    wrong.checksum = rt.Checksum("sha256", hashlib.sha256(CONTENT).hexdigest())
    with pytest.raises(rt.ChecksumMismatchError):
        rt.fetch_to_file(wrong, tmp_path / "file.bin")
    assert list(tmp_path.iterdir()) == []


def test_a_stated_digest_is_checked_when_the_coding_is_not_one_the_client_undoes(tmp_path: Path) -> None:
    def unknown(request: httpx.Request) -> httpx.Response:
        md5 = hashlib.md5(CONTENT).hexdigest()
        return httpx.Response(200, headers={"Content-Encoding": "x-vendor", "ETag": f'"{md5}"'}, content=b"tampered")

    with pytest.raises(rt.ChecksumMismatchError):
        rt.fetch_to_file(source(unknown), tmp_path / "file.bin")


def test_the_side_file_never_records_the_urls_user_information() -> None:
    identity = _transfer.url_identity("https://user:secret@files.example/f/file.bin?X-Signature=1")
    assert identity == "https://files.example/f/file.bin"
