"""The Python runtime saving the answer of a call whose success is a 206, the part its own Range asks for.

``StreamSource(..., ranged=True)`` is what a generated ``*_to_file`` helper passes when the
operation documents 206 Partial Content as its success (the core's ``HelperPlan.ranged``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import imgrt_runtime as rt
import pytest

WHOLE = bytes(range(256)) * 4
PART = WHOLE[100:200]


def source(response: httpx.Response, seen: list[httpx.Request], *, ranged: bool) -> rt.StreamSource:
    client = httpx.Client(transport=httpx.MockTransport(lambda request: response))

    @contextlib.contextmanager
    def open_(headers: object) -> Iterator[httpx.Response]:
        sent = {**dict(headers), "Range": "bytes=100-199"}  # type: ignore[call-overload]
        request = client.build_request("GET", "https://api.example/blobs/d", headers=sent)
        seen.append(request)
        answer = client.send(request, stream=True)
        try:
            yield answer
        finally:
            answer.close()

    return rt.StreamSource(open_, ranged=ranged)


def part(length: int = len(PART)) -> httpx.Response:
    """A 206 with the part, the whole file's ETag and digest, and ``length`` as its Content-Length."""
    md5 = base64.b64encode(hashlib.md5(WHOLE).digest()).decode()
    headers = {
        "Content-Range": f"bytes 100-199/{len(WHOLE)}",
        "Content-Length": str(length),
        "ETag": '"whole"',
        "Content-MD5": md5,
    }
    return httpx.Response(206, headers=headers, content=PART)


def test_a_ranged_call_saves_its_206_as_it_comes(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    target = rt.fetch_to_file(source(part(), seen, ranged=True), tmp_path / "chunk.bin", resume=True)
    assert target.read_bytes() == PART  # not checked against the whole file's size or digest
    assert [r.headers["Range"] for r in seen] == ["bytes=100-199"] and "If-Range" not in seen[0].headers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chunk.bin"]  # no part or side file kept


def test_a_ranged_call_checks_the_length_of_its_part(tmp_path: Path) -> None:
    with pytest.raises(rt.DownloadError, match="incomplete: 100 of 150 bytes"):
        rt.fetch_to_file(source(part(150), [], ranged=True), tmp_path / "chunk.bin")
    assert list(tmp_path.iterdir()) == []


def test_a_206_to_a_call_that_is_not_ranged_is_still_refused(tmp_path: Path) -> None:
    with pytest.raises(rt.DownloadError, match=r"a partial answer \(206\) to a request for the whole file"):
        rt.fetch_to_file(source(part(), [], ranged=False), tmp_path / "file.bin")
    assert list(tmp_path.iterdir()) == []
