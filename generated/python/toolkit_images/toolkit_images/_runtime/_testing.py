# Copied by generator 0.1.0 from templates/python/runtime/_testing.py. Do not edit.
"""Test doubles: a fake API that answers every operation from the spec's examples, without a server.

``FakeAPI`` is an httpx transport, sync and async: a client built on it (the package's
``testing.fake_client``) sends nothing over the network. Each operation answers its
success example until a test scripts it otherwise:

- ``script(name, *replies)``: the next calls answer ``replies`` in turn (the last repeats);
  a reply is a ``Reply`` or a function of the request returning one.
- ``job(name, pending, done)``: a polled job, ``pending`` for a few polls, then ``done``.
- ``not_ready(name, times)``: 409 Conflict that many times, then the example.
- ``serve_file(url, content, expires_at=...)``: a storage host (presigned links, redirect
  targets) that refuses an expired link with 403, as object stores do.
- ``Reply(..., cut_after=n)``: a body cut after ``n`` bytes, as a dying connection would.

Every request is recorded in ``requests``; ``calls(name)`` gives one operation's.
"""

from __future__ import annotations

import copy
import json
import re
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx


@dataclass(frozen=True, slots=True)
class FakeOperation:
    """One operation as the fake API answers it by default."""

    name: str
    method: str
    path: str
    status: int
    body: Any = None
    media_type: str | None = None
    binary: bool = False
    paging: Mapping[str, Any] | None = None
    """A paged list: past the first position (``parameter``, ``first``) the example's ``items`` are empty."""


def fake_operations(entries: Sequence[str]) -> tuple[FakeOperation, ...]:
    """The table a package ships: one JSON object per operation; ``body_of`` names an earlier entry whose body
    is this one's too (written once)."""
    operations: list[FakeOperation] = []
    for entry in entries:
        fields = json.loads(entry)
        if "body_of" in fields:
            fields["body"] = operations[fields.pop("body_of")].body
        operations.append(FakeOperation(**fields))
    return tuple(operations)


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer: a status, a JSON body (or raw ``content``), headers; ``cut_after`` cuts the body short."""

    status: int = 200
    json: Any = None
    content: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    cut_after: int | None = None

    def response(self, request: httpx.Request) -> httpx.Response:
        headers = dict(self.headers)
        if self.content is not None:
            body = self.content
        elif self.json is not None:
            body = json.dumps(self.json).encode()
            headers.setdefault("Content-Type", "application/json")
        else:
            body = b""
        if self.cut_after is None:
            return httpx.Response(self.status, headers=headers, content=body, request=request)
        headers.setdefault("Content-Length", str(len(body)))
        return httpx.Response(self.status, headers=headers, stream=_CutStream(body[: self.cut_after]), request=request)


Answer = Reply | Callable[[httpx.Request], Reply]


class _CutStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that breaks off: its bytes, then the error a closed connection gives."""

    def __init__(self, part: bytes) -> None:
        self._part = part

    def __iter__(self) -> Iterator[bytes]:
        if self._part:
            yield self._part
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self._part:
            yield self._part
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


class FakeAPI(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A transport answering the API's operations and any file it serves; see the module's text."""

    def __init__(
        self, operations: Sequence[FakeOperation], *, base_url: str, clock: Callable[[], float] = time.time
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.requests: list[httpx.Request] = []
        """Every request received, in order."""
        self.clock = clock
        """Seconds since the epoch, for the expiry of served files."""
        self._operations = {op.name: op for op in operations}
        self._routes = sorted(
            ((op, _template(op.path)) for op in operations), key=lambda route: route[0].path.count("{")
        )
        self._scripts: dict[str, list[Answer]] = {}
        self._files: dict[str, tuple[bytes, float | None, str]] = {}
        self._seen: list[tuple[str, httpx.Request]] = []

    @property
    def operations(self) -> list[str]:
        """The names operations are scripted by."""
        return list(self._operations)

    def script(self, name: str, *answers: Answer) -> None:
        """Answer the next calls of operation ``name`` with ``answers`` in turn; the last one repeats."""
        if name not in self._operations:
            raise KeyError(f"no operation {name!r}; the operations are {sorted(self._operations)}")
        if not answers:
            raise ValueError("script at least one answer")
        self._scripts[name] = list(answers)

    def job(self, name: str, pending: Any, done: Any, *, polls: int = 2, status: int = 200) -> None:
        """A polled job: ``name`` answers ``pending`` (JSON) ``polls`` times, then ``done`` (a success or a failure)."""
        self.script(name, *([Reply(status, json=pending)] * polls), Reply(status, json=done))

    def not_ready(self, name: str, *, times: int = 1, retry_after: float | None = None) -> None:
        """``name`` answers 409 Conflict ``times`` times (not ready yet), then its example."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        conflict = Reply(409, json={"message": "not ready yet"}, headers=headers)
        self.script(name, *([conflict] * times), self.example(name))

    def body(self, name: str) -> Any:
        """A copy of operation ``name``'s example JSON body, to change and script (``{**fake.body(name), ...}``)."""
        return copy.deepcopy(self._operations[name].body)

    def example(self, name: str) -> Reply:
        """The answer ``name`` gives unless scripted: its success example."""
        op = self._operations[name]
        if op.binary:
            return Reply(op.status, content=b"example file content", headers={"Content-Type": op.media_type or ""})
        headers = {"Content-Type": op.media_type} if op.media_type else {}
        content = json.dumps(op.body).encode() if op.media_type else None
        return Reply(op.status, content=content, headers=headers)

    def serve_file(
        self, url: str, content: bytes, *, expires_at: float | None = None, media_type: str = "application/octet-stream"
    ) -> str:
        """Serve ``content`` at ``url`` (any query); past ``expires_at`` (epoch seconds) it answers 403."""
        self._files[_file_key(url)] = (content, expires_at, media_type)
        return url

    def calls(self, name: str) -> list[httpx.Request]:
        """The requests operation ``name`` received."""
        return [request for called, request in self._seen if called == name]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._answer(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self._answer(request)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        served = self._files.get(_file_key(str(request.url)))
        if served is not None:
            content, expires_at, media_type = served
            if expires_at is not None and self.clock() >= expires_at:
                return Reply(
                    403,
                    content=b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                    headers={"Content-Type": "application/xml"},
                ).response(request)
            body = b"" if request.method == "HEAD" else content
            return Reply(
                200, content=body, headers={"Content-Type": media_type, "Content-Length": str(len(content))}
            ).response(request)
        op = self._route(request)
        if op is None:
            return Reply(404, json={"message": f"no operation answers {request.method} {request.url.path}"}).response(
                request
            )
        self._seen.append((op.name, request))
        script = self._scripts.get(op.name)
        if not script:
            return self._default(op, request).response(request)
        answer = script.pop(0) if len(script) > 1 else script[0]
        return (answer(request) if callable(answer) else answer).response(request)

    def _default(self, op: FakeOperation, request: httpx.Request) -> Reply:
        paging = op.paging
        if paging is None or not isinstance(op.body, dict):
            return self.example(op.name)
        position = request.url.params.get(str(paging["parameter"]))
        if position is None or position == str(paging["first"]):
            return self.example(op.name)
        return Reply(op.status, json={**op.body, str(paging["items"]): []})

    def _route(self, request: httpx.Request) -> FakeOperation | None:
        base = urlsplit(self.base_url)
        if (request.url.scheme, request.url.netloc.decode()) != (base.scheme, base.netloc):
            return None
        path = request.url.path
        prefix = base.path.rstrip("/")
        if prefix and not path.startswith(prefix):
            return None
        path = path[len(prefix) :]
        for op, pattern in self._routes:
            if op.method == request.method and pattern.fullmatch(path):
                return op
        return None


def _template(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]*\})", path)
    return re.compile("".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts))


def _file_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
