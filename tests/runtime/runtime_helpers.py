"""Test helpers for the runtime: a real local HTTP server, fake time, and small response builders."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import httpx

Route = Callable[[BaseHTTPRequestHandler], None]
CREDENTIAL_HEADERS = ("x-api-key", "authorization", "cookie")


@dataclass
class Seen:
    """One request a LocalServer received."""

    method: str
    path: str
    headers: dict[str, str]


@dataclass
class LocalServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 (free port) that dispatches on the path and records requests."""

    refuse_credentials: bool = False
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def reset(self) -> None:
        self.routes.clear()
        self.requests.clear()

    def hits(self, path: str) -> int:
        return sum(1 for seen in self.requests if seen.path.split("?")[0] == path)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 5

        def _dispatch(self) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.requests.append(Seen(self.command, self.path, headers))
            length = int(headers.get("content-length", "0"))
            if length:
                self.rfile.read(length)
            if server.refuse_credentials and any(name in headers for name in CREDENTIAL_HEADERS):
                reply(self, 403, json.dumps({"message": "credentials sent to storage"}).encode())
                return
            route = server.routes.get(self.path.split("?")[0])
            if route is None:
                reply(self, 404, b'{"message": "no such route"}')
            else:
                route(self)

        def do_GET(self) -> None:
            self._dispatch()

        def do_HEAD(self) -> None:
            self._dispatch()

        def do_POST(self) -> None:
            self._dispatch()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def reply(
    handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: Mapping[str, str] | None = None
) -> None:
    """Send a complete response with a Content-Length."""
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def reply_json(
    handler: BaseHTTPRequestHandler, status: int, payload: object, headers: Mapping[str, str] | None = None
) -> None:
    reply(handler, status, json.dumps(payload).encode(), {"Content-Type": "application/json", **(headers or {})})


def sequence(*routes: Route) -> Route:
    """A route answering with ``routes[0]`` first, then ``routes[1]``, ...; the last one repeats."""
    calls = iter(range(1_000_000))

    def route(handler: BaseHTTPRequestHandler) -> None:
        routes[min(next(calls), len(routes) - 1)](handler)

    return route


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class FakeTime:
    """A clock that only moves when something sleeps; records the sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


def mock_client(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def async_mock_client(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))
