"""A loopback HTTP/1.1 server for the client sections, run as its own process: ``python -m bench.server BYTES``.

It prints its port on standard output, then serves until standard input closes
(the benchmark holds the other end). Being a separate process, its CPU time does
not compete with the measured client for one interpreter lock. Connections are
kept alive. Routes:

- ``GET /download/{id}``: a small JSON body, what Topaz's ``get_download_output`` returns;
- ``GET /v1/image/download/{name}``: ``BYTES`` bytes of ``image/png`` with a
  Content-Length, written from one reused 1 MiB buffer of random bytes (the name
  ``000…0.png``, the clients' warm-up, gets 1 MiB);
- anything else: 404.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time

BUFFER = os.urandom(1024 * 1024)
JSON_PREFIX = b"/download/"
FILE_PREFIX = b"/v1/image/download/"
WARM_NAME = b"00000000000000000000000000000000.png"
"""Answered with one buffer (1 MiB) whatever the size asked for: the clients' warm-up download."""


def _head(status: str, content_type: str, length: int) -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n"
        "Connection: keep-alive\r\n\r\n"
    ).encode("ascii")


class Server:
    def __init__(self, download_bytes: int) -> None:
        self.download_bytes = download_bytes
        self.json_reply = b""

    def set_port(self, port: int) -> None:
        body = json.dumps(
            {
                "download_url": f"http://127.0.0.1:{port}/files/image.png",
                "head_url": f"http://127.0.0.1:{port}/files/image.png",
                "expiry": int(time.time()) + 86400,
            }
        ).encode()
        self.json_reply = _head("200 OK", "application/json", len(body)) + body

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                request_line, _, header_block = head.partition(b"\r\n")
                parts = request_line.split(b" ")
                target = parts[1] if len(parts) > 1 else b""
                length = 0
                for line in header_block.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip() or b"0")
                if length:
                    await reader.readexactly(length)
                if target.startswith(JSON_PREFIX):
                    writer.write(self.json_reply)
                elif target.startswith(FILE_PREFIX):
                    await self._stream(writer, len(BUFFER) if target.endswith(WARM_NAME) else self.download_bytes)
                else:
                    writer.write(_head("404 Not Found", "text/plain", 0))
                await writer.drain()
        except ConnectionError:
            return
        finally:
            writer.close()

    async def _stream(self, writer: asyncio.StreamWriter, size: int) -> None:
        writer.write(_head("200 OK", "image/png", size))
        view = memoryview(BUFFER)
        left = size
        while left > 0:
            step = min(left, len(view))
            writer.write(view[:step])
            left -= step
            await writer.drain()


async def serve(download_bytes: int) -> None:
    state = Server(download_bytes)
    server = await asyncio.start_server(state.handle, "127.0.0.1", 0, limit=1 << 16)
    port = server.sockets[0].getsockname()[1]
    state.set_port(port)
    print(port, flush=True)
    loop = asyncio.get_running_loop()
    # Runs until the parent closes our standard input.
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()


def main() -> None:
    asyncio.run(serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0))


if __name__ == "__main__":
    main()
