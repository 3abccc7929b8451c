"""A storage host that honours Range and If-Range, counts the bytes it sends, cuts, lies and expires links on demand.

``Storage`` serves ``/files/<name>?X-Signature=<sig>`` from memory with an S3-style
ETag (the MD5 in hex): ``Range: bytes=N-`` with a matching ``If-Range`` gets a 206 with
the rest, anything else the whole file. Per file it can cut the connection after some
bytes (``cuts``: one offset per request, in turn), state a wrong ``Content-MD5``
(``corrupt``), or answer 403 with S3's expiry body to a signature in ``expired``.
``Api`` plays Topaz: ``GET /download/<id>`` gives a presigned link to ``/files/<id>``
whose signature is the next of ``signatures[id]`` (the last one repeats).
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

SOCKET_TIMEOUT = 10.0
EXPIRED_BODY = (
    b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code>'
    b"<Message>Request has expired</Message></Error>"
)


def pattern(size: int, seed: int = 0) -> bytes:
    """``size`` bytes that differ from one MiB to the next, so a part stitched at a wrong offset shows."""
    block = bytes((i * 7 + seed) % 251 for i in range(4096))
    whole = (block * (size // len(block) + 1))[:size]
    marks = bytearray(whole)
    for offset in range(0, size, 1 << 20):
        marks[offset : offset + 8] = (offset >> 20).to_bytes(8, "big")
    return bytes(marks)


class _Server:
    def __init__(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> _Server:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=SOCKET_TIMEOUT)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = SOCKET_TIMEOUT

            def do_GET(self) -> None:
                owner.answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


class Storage(_Server):
    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, bytes] = {}
        self.cuts: dict[str, list[int]] = {}
        self.corrupt: set[str] = set()
        self.expired: set[str] = set()
        self.single_use: set[str] = set()
        """Signatures that work for one request, then answer as expired."""
        self._used: set[str] = set()
        self.sent: dict[str, int] = defaultdict(int)
        self.ranges: dict[str, list[str | None]] = defaultdict(list)

    def add(self, name: str, content: bytes) -> None:
        self.files[name] = content

    @staticmethod
    def etag(content: bytes) -> str:
        return f'"{hashlib.md5(content).hexdigest()}"'

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        name = parts.path.removeprefix("/files/")
        signature = parse_qs(parts.query).get("X-Signature", [""])[0]
        content = self.files.get(name)
        with self.lock:
            self.ranges[name].append(handler.headers.get("Range"))
        if content is None:
            return _reply(handler, 404, {}, b"no such file")
        with self.lock:
            spent = signature in self.single_use and signature in self._used
            self._used.add(signature)
        if spent or signature in self.expired or "x-api-key" in {k.lower() for k in handler.headers}:
            return _reply(handler, 403, {"Content-Type": "application/xml"}, EXPIRED_BODY)
        etag = self.etag(content)
        start = 0
        wanted = handler.headers.get("Range", "")
        if wanted.startswith("bytes=") and handler.headers.get("If-Range") == etag:
            start = int(wanted.removeprefix("bytes=").rstrip("-"))
        headers = {"Content-Type": "image/png", "ETag": etag, "Accept-Ranges": "bytes"}
        if name in self.corrupt:
            headers["Content-MD5"] = base64.b64encode(hashlib.md5(b"another file").digest()).decode()
        status = 200
        if start:
            status = 206
            headers["Content-Range"] = f"bytes {start}-{len(content) - 1}/{len(content)}"
        body = memoryview(content)[start:]
        headers["Content-Length"] = str(len(body))
        with self.lock:
            cuts = self.cuts.get(name)
            cut = cuts.pop(0) if cuts else None
        handler.send_response(status)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        limit = len(body) if cut is None else min(cut, len(body))
        step = 256 * 1024
        for offset in range(0, limit, step):
            piece = body[offset : min(offset + step, limit)]
            try:
                handler.wfile.write(piece)
            except OSError:
                return
            with self.lock:
                self.sent[name] += len(piece)
        if cut is not None:
            handler.wfile.flush()
            handler.close_connection = True
            time.sleep(0.05)


class Api(_Server):
    def __init__(self, storage: Storage) -> None:
        super().__init__()
        self.storage = storage
        self.signatures: dict[str, list[str]] = {}
        self.calls: dict[str, int] = defaultdict(int)
        self.digests: dict[str, str] = {}
        """A ``sha256`` body property per file, for a spec that declares it (``x-checksum``)."""

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        ident = urlsplit(handler.path).path.removeprefix("/download/")
        with self.lock:
            turn = self.calls[ident]
            self.calls[ident] += 1
        signatures = self.signatures.get(ident, ["ok"])
        signature = signatures[min(turn, len(signatures) - 1)]
        link = f"{self.storage.url}/files/{ident}?X-Signature={signature}"
        body: dict[str, object] = {"download_url": link, "head_url": link, "expiry": int(time.time() + 3600)}
        if ident in self.digests:
            body["sha256"] = self.digests[ident]
        _reply(handler, 200, {"Content-Type": "application/json"}, json.dumps(body).encode())


def _reply(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
    handler.send_response(status)
    for key, value in headers.items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
