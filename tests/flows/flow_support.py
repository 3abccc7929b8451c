"""Helpers for driving the committed generated clients: importing them, running them sync or async, serving HTTP.

- ``generated(package)`` imports ``generated/python/<package>/<package>`` (the
  packages are not installed): their folder goes on ``sys.path``.
- ``drive(mode, client, action)`` runs one test body against the sync or the
  async client. ``action`` is a generator that yields each client call and gets
  its result back: ``result = yield client.download.get_download_output(...)``.
  In async mode the yielded awaitable is awaited (and an async iterator
  collected into a list); in sync mode an iterator is collected. So one body
  serves both clients, and an exception is thrown back into the body where the
  call was made.
- ``FlowServer`` is a small HTTP/1.1 server (stdlib ``ThreadingHTTPServer`` on
  127.0.0.1, a free port, its own thread) that plays a provider's side of a
  download flow: routes by method and path, every request recorded, bodies
  streamed in chunks (and, on request, cut off mid-way), and, as a storage host,
  a 403 to any request carrying credentials. Sockets time out after
  ``SOCKET_TIMEOUT`` seconds, so no test can hang on a silent peer.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import sys
import threading
from collections.abc import AsyncIterator, Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "python"
MODES = ("sync", "async")
SOCKET_TIMEOUT = 10.0
CLIENT_TIMEOUT = 5.0
"""Seconds a generated client waits for any one read, write or connect in these tests."""
CREDENTIAL_HEADERS = ("x-api-key", "api-key", "authorization", "cookie")
"""What a storage host must never see: the providers' API key headers, Authorization, cookies."""

Action = Callable[[Any], Generator[Any, Any, Any]]


def generated(package: str) -> ModuleType:
    """The committed generated package ``package``, imported from ``generated/python/<package>``."""
    folder = str(GENERATED / package)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(package)


def drive(mode: str, client: Any, action: Action) -> Any:
    """Run ``action(client)`` with the client open; ``mode`` says whether ``client`` is the sync or async one."""
    if mode == "sync":
        with client:
            return _run_sync(action(client))

    async def main() -> Any:
        async with client:
            return await _run_async(action(client))

    return asyncio.run(main())


def _run_sync(body: Generator[Any, Any, Any]) -> Any:
    value: Any = None
    while True:
        try:
            step = body.send(value)
        except StopIteration as stop:
            return stop.value
        value = list(step) if isinstance(step, Iterator) else step


async def _run_async(body: Generator[Any, Any, Any]) -> Any:
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = body.send(value) if error is None else body.throw(error)
        except StopIteration as stop:
            return stop.value
        value, error = None, None
        try:
            if inspect.isawaitable(step):
                value = await step
            elif isinstance(step, AsyncIterator):
                value = [item async for item in step]
            else:
                value = step
        except Exception as exc:
            error = exc


# --------------------------------------------------------------------------- the server


@dataclass
class Seen:
    """One request a FlowServer received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Reply:
    """What to answer: a status, headers, and a body given whole or as chunks.

    With ``chunks`` the body is streamed as it is produced, announced by
    ``content_length`` when given; ``cut_after`` closes the connection once that
    many bytes were sent, as a server that dies mid-download would.
    """

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    chunks: Iterable[bytes] | None = None
    content_length: int | None = None
    cut_after: int | None = None


Route = Callable[[Seen], Reply]


def json_reply(payload: object, status: int = 200, headers: Mapping[str, str] | None = None) -> Reply:
    return Reply(status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(payload).encode())


def in_turn(*replies: Reply) -> Route:
    """A route answering ``replies[0]``, then ``replies[1]``, ...; the last one repeats."""
    count = iter(range(1_000_000))
    return lambda _seen: replies[min(next(count), len(replies) - 1)]


class FlowServer:
    """A local HTTP/1.1 server with per-test routes; ``refuse_credentials`` makes it a storage host."""

    def __init__(self, *, refuse_credentials: bool = False) -> None:
        self.refuse_credentials = refuse_credentials
        self.routes: dict[tuple[str, str], Route] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def route(self, method: str, path: str, answer: Route | Reply) -> None:
        self.routes[(method.upper(), path)] = answer if callable(answer) else (lambda _seen: answer)

    def reset(self) -> None:
        with self._lock:
            self.routes.clear()
            self.requests.clear()

    def seen(self, path: str) -> list[Seen]:
        with self._lock:
            return [s for s in self.requests if s.path == path]

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)

    def __enter__(self) -> FlowServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=SOCKET_TIMEOUT)


def _handler(server: FlowServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = SOCKET_TIMEOUT

        def _dispatch(self) -> None:
            parts = urlsplit(self.path)
            headers = {name.lower(): value for name, value in self.headers.items()}
            length = int(headers.get("content-length") or 0)
            seen = Seen(self.command, parts.path, parse_qs(parts.query), headers, self.rfile.read(length))
            server._record(seen)
            if server.refuse_credentials and any(name in headers for name in CREDENTIAL_HEADERS):
                answer = json_reply({"message": "credentials must not reach the storage host"}, 403)
            else:
                route = server.routes.get((self.command, parts.path))
                answer = route(seen) if route else json_reply({"message": f"no route {self.command} {parts.path}"}, 404)
            self._send(answer)

        def _send(self, answer: Reply) -> None:
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if answer.chunks is None:
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer.body)
                return
            if answer.content_length is not None:
                self.send_header("Content-Length", str(answer.content_length))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            sent = 0
            for chunk in answer.chunks if self.command != "HEAD" else ():
                if answer.cut_after is not None and sent + len(chunk) > answer.cut_after:
                    self.wfile.write(chunk[: answer.cut_after - sent])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(chunk)
                sent += len(chunk)

        def do_GET(self) -> None:
            self._dispatch()

        def do_HEAD(self) -> None:
            self._dispatch()

        def do_POST(self) -> None:
            self._dispatch()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
