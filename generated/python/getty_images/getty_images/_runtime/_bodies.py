# Copied by generator 0.1.0 from templates/python/runtime/_bodies.py. Do not edit.
"""Bounds on the response bodies the client reads into memory: their size and their JSON nesting.

A success body read whole (a JSON answer, not a streamed download) may be at
most ``max_body_size`` bytes, ``DEFAULT_MAX_BODY_SIZE`` unless the client is
told otherwise: a Content-Length past it is refused before reading, and a body
without one is refused as soon as it grows past it. JSON is decoded only when it
nests at most ``MAX_JSON_DEPTH`` arrays and objects deep, so a hostile answer
such as 100 000 ``[`` cannot exhaust the interpreter's stack.
"""

from __future__ import annotations

import itertools
import re
from array import array

import httpx

DEFAULT_MAX_BODY_SIZE = 64 * 1024 * 1024
"""Bytes a success body read into memory may have (64 MiB); streamed downloads to files have no such cap."""
MAX_JSON_DEPTH = 256
"""Arrays and objects a JSON body may nest; real APIs stay far below."""

_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


class BodyTooLargeError(Exception):
    """Raised by ``read_capped`` when a body passes ``limit`` bytes (the caller turns it into its typed error)."""

    def __init__(self, limit: int, declared: int | None) -> None:
        super().__init__(limit, declared)
        self.limit = limit
        self.declared = declared


def json_too_deep(content: bytes | str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``content`` nests more than ``limit`` arrays and objects (brackets inside strings do not count).

    Linear in the size and done by the regular expression engine and
    ``bytes.translate``; a body with at most ``limit`` brackets is not scanned.
    """
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    brackets = _STRING.sub(b"", _ESCAPE.sub(b"", data)).translate(None, _NOT_BRACKETS)
    steps = array("b", brackets.translate(_STEPS))
    return max(itertools.accumulate(steps), default=0) > limit


def declared_size(response: httpx.Response) -> int | None:
    """Content-Length, when it counts the bytes read (not a compressed transfer)."""
    declared = response.headers.get("content-length", "")
    if response.headers.get("content-encoding", "identity") != "identity":
        return None
    if not (declared.isascii() and declared.isdigit()):  # "²" is a digit to str.isdigit, not to int()
        return None
    return int(declared)


def read_capped(response: httpx.Response, limit: int) -> None:
    """Read the body into ``response.content``, refusing one over ``limit`` bytes; the response is closed then."""
    chunks: list[bytes] = []
    try:
        _refuse_declared(response, limit)
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise BodyTooLargeError(limit, None)
            chunks.append(chunk)
    except BaseException:
        response.close()
        raise
    _keep(response, chunks)


async def async_read_capped(response: httpx.Response, limit: int) -> None:
    """The async twin of ``read_capped``."""
    chunks: list[bytes] = []
    try:
        _refuse_declared(response, limit)
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise BodyTooLargeError(limit, None)
            chunks.append(chunk)
    except BaseException:
        await response.aclose()
        raise
    _keep(response, chunks)


def _refuse_declared(response: httpx.Response, limit: int) -> None:
    declared = declared_size(response)
    if declared is not None and declared > limit:
        raise BodyTooLargeError(limit, declared)


def _keep(response: httpx.Response, chunks: list[bytes]) -> None:
    """Make the body read so far the response's content, as ``response.read()`` would have."""
    response._content = b"".join(chunks)  # what httpx's own read() sets; the stream is consumed and closed
