"""Generated clients against a hostile server and hostile arguments, in both styles, each case a bounded child.

One small API (a JSON operation with a path, a query and a header parameter, and a
streamed file) is generated once per style into a temporary folder. A loopback
server (127.0.0.1, in a thread of this process) plays the hostile side: JSON nested
100 000 deep, bodies past the size cap, ``Retry-After`` values no one should obey at
once, a file name that is a folder, a download that stalls. Each case runs a driver
script in a child process (``run_bounded``: under 60 s and 2 GiB) that prints the
outcome as one JSON line: the error's class, message and parameter, and what is left in
the download folder. Both styles must answer each case with the same typed error.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from hostile.harness import ROOT, STYLES, Outcome, generator, run_bounded

sys.path.insert(0, str(ROOT / "tests" / "flows"))
sys.path.insert(0, str(ROOT / "tests" / "typescript"))
from flow_support import FlowServer, Reply, in_turn, json_reply
from ts_support import compile_package, node_missing

SPEC = """\
openapi: 3.1.0
info: {title: Hostile, version: 1.0.0}
servers: [{url: "http://127.0.0.1:9"}]
security: [{key: []}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-API-Key}
paths:
  /items/{item_id}:
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
        - {name: q, in: query, schema: {type: string}}
        - {name: X-Trace, in: header, schema: {type: string}}
      responses:
        "200":
          description: an item
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
        "429": {description: slow down}
  /files/{name}:
    get:
      operationId: getFile
      tags: [items]
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: the file
          content:
            image/png:
              schema: {type: string, format: binary}
"""

PY_DRIVER = r"""
import json, os, sys, time
from hostile_api import HostileApi, RetryPolicy

case, url, folder = sys.argv[1], sys.argv[2], sys.argv[3]
arg = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}

def interrupt(done, total):
    os.kill(os.getpid(), 2)

def run(client):
    if case == "item":
        return client.items.get_item(arg.get("id", "1"), q=arg.get("q"), x_trace=arg.get("trace")).name
    if case == "save":
        progress = interrupt if arg.get("interrupt") else None
        return str(client.items.get_file_to_file(arg["name"], path=folder, overwrite=True, progress=progress))
    raise SystemExit("unknown case " + case)

options = {"max_body_size": arg["cap"]} if "cap" in arg else {}
retry = RetryPolicy(max_retries=1, max_delay=arg.get("max_delay", 8.0), max_elapsed=30.0)
started = time.monotonic()
with HostileApi(base_url=url, retry=retry, timeout=10.0, **options) as client:
    try:
        value = {"ok": run(client)}
    except Exception as error:
        value = {"error": type(error).__name__, "message": str(error), "parameter": getattr(error, "parameter", None)}
value["seconds"] = time.monotonic() - started
value["left"] = sorted(os.listdir(folder))
print(json.dumps(value))
"""

TS_DRIVER = r"""
import { readdirSync } from "node:fs";
const [case_, url, folder, raw] = process.argv.slice(2);
const arg = raw ? JSON.parse(raw) : {};
const { HostileApi } = await import(process.env.HOSTILE_TS_INDEX);

const retry = { maxRetries: 1, maxDelayMs: (arg.max_delay ?? 8) * 1000, maxElapsedMs: 30_000 };
const options = { baseUrl: url, timeoutMs: 10_000, retry };
if (arg.cap !== undefined) options.maxBodySize = arg.cap;
const client = new HostileApi(options);

async function run() {
  if (case_ === "item") {
    const signals = { before: () => AbortSignal.abort(), headers: () => AbortSignal.timeout(300) };
    const signal = signals[arg.abort]?.();
    return (await client.items.getItem(arg.id ?? "1", { q: arg.q, xTrace: arg.trace }, { signal })).name;
  }
  if (case_ === "save") {
    const controller = new AbortController();
    const interrupt = () => process.kill(process.pid, "SIGINT");
    const onProgress = arg.interrupt ? interrupt : arg.abort ? () => controller.abort() : undefined;
    const save = { overwrite: true, onProgress };
    return await client.items.getFileToFile(arg.name, folder, save, { signal: controller.signal });
  }
  throw new Error("unknown case " + case_);
}

const started = Date.now();
let value;
try {
  value = { ok: await run() };
} catch (error) {
  value = { error: error?.name ?? String(error), message: error?.message ?? "", parameter: error?.parameter ?? null };
}
value.seconds = (Date.now() - started) / 1000;
value.left = readdirSync(folder).sort();
console.log(JSON.stringify(value));
"""

NAMES = {"dotdot": "..", "dot": ".", "climb": "a/../../x.png", "absolute": "/etc/passwd", "nul": "nul\x00.png"}
"""File names a server may choose (percent-encoded in ``filename*``), by the route that sends each."""
DEEP = b"[" * 100_000 + b"]" * 100_000
BLOCK = 64 * 1024


@dataclass
class Clients:
    root: Path
    python: Path
    ts_index: Path | None
    server: FlowServer
    stop: threading.Event

    def run(
        self, style: str, case: str, folder: Path, arg: dict[str, Any], env: dict[str, str] | None = None
    ) -> Outcome:
        argv = [self.server.url, str(folder), json.dumps(arg)]
        if style == "python":
            command = [sys.executable, str(self.root / "driver.py"), case, *argv]
            extra = {"PYTHONPATH": str(self.python)}
        else:
            if self.ts_index is None:
                pytest.skip(node_missing() or "the TypeScript package did not compile")
            command = ["node", str(self.root / "driver.mjs"), case, *argv]
            extra = {"HOSTILE_TS_INDEX": self.ts_index.as_uri()}
        return run_bounded(command, env={"HOSTILE_API_API_KEY": "k", **extra, **(env or {})})


def stalled(stop: threading.Event) -> Iterator[bytes]:
    yield b"\x89PNG" + bytes(BLOCK - 4)
    stop.wait(20)


def endless() -> Iterator[bytes]:
    for _ in range(200):  # far more than the cap the clients are given
        yield b" " * BLOCK


def routes(server: FlowServer, stop: threading.Event) -> None:
    server.route("GET", "/items/deep", Reply(200, {"Content-Type": "application/json"}, DEEP))
    server.route(
        "GET",
        "/items/declared",
        Reply(200, {"Content-Type": "application/json"}, chunks=iter(()), content_length=70 * 1024 * 1024),
    )
    server.route(
        "GET", "/items/endless", lambda _seen: Reply(200, {"Content-Type": "application/json"}, chunks=endless())
    )
    server.route(
        "GET", "/items/huge-retry-after", json_reply({"message": "come back later"}, 429, {"Retry-After": "1e9"})
    )
    garbage = json_reply({"message": "slow down"}, 429, {"Retry-After": "soon"})
    for style in STYLES:
        server.route("GET", f"/items/garbage-retry-after-{style}", in_turn(garbage, json_reply({"name": "ok"})))
    server.route("GET", "/items/slow", lambda _seen: (time.sleep(2), json_reply({"name": "late"}))[1])
    folder_name = {"Content-Type": "image/png", "Content-Disposition": 'attachment; filename="photos"'}
    server.route("GET", "/files/folder", Reply(200, folder_name, b"PNG"))
    server.route(
        "GET",
        "/files/stall",
        lambda _seen: Reply(200, {"Content-Type": "image/png"}, chunks=stalled(stop), content_length=4 * BLOCK),
    )
    for key, name in NAMES.items():
        disposition = {
            "Content-Type": "image/png",
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        }
        server.route("GET", f"/files/named-{key}", Reply(200, disposition, b"PNG"))


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clients]:
    root = tmp_path_factory.mktemp("hostile-clients")
    (root / "openapi.yaml").write_text(SPEC, encoding="utf-8")
    (root / "driver.py").write_text(PY_DRIVER, encoding="utf-8")
    (root / "driver.mjs").write_text(TS_DRIVER, encoding="utf-8")
    for style in STYLES:
        made = generator(
            "generate",
            "--spec",
            str(root / "openapi.yaml"),
            "--name",
            "hostile_api",
            "--out",
            str(root / style),
            "--style",
            style,
        )
        assert made.returncode == 0, made.stderr
    ts_index = None
    if node_missing() is None:
        compiled = compile_package(root / "typescript", root / "typescript-build")
        assert compiled.returncode == 0, compiled.output
        ts_index = compiled.index
    stop = threading.Event()
    with FlowServer() as server:
        routes(server, stop)
        yield Clients(root, root / "python", ts_index, server, stop)
        stop.set()


def _result(outcome: Outcome) -> dict[str, Any]:
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    result: dict[str, Any] = json.loads(outcome.stdout.strip().splitlines()[-1])
    return result


def _folder(tmp_path: Path, style: str) -> Path:
    folder = tmp_path / style
    folder.mkdir()
    return folder


@pytest.mark.parametrize("style", STYLES)
def test_json_nested_100000_deep_is_a_decode_error(clients: Clients, tmp_path: Path, style: str) -> None:
    result = _result(clients.run(style, "item", _folder(tmp_path, style), {"id": "deep"}))

    assert result["error"] == "ResponseDecodeError", result
    assert "nested deeper than 256 levels" in result["message"]


@pytest.mark.parametrize("style", STYLES)
def test_a_declared_body_past_64_mib_is_refused_before_reading(clients: Clients, tmp_path: Path, style: str) -> None:
    result = _result(clients.run(style, "item", _folder(tmp_path, style), {"id": "declared"}))

    assert result["error"] == "ResponseTooLargeError", result
    assert f"has {70 * 1024 * 1024} bytes, past the limit of {64 * 1024 * 1024} bytes" in result["message"]


@pytest.mark.parametrize("style", STYLES)
def test_a_body_without_length_stops_at_the_configured_cap(clients: Clients, tmp_path: Path, style: str) -> None:
    outcome = clients.run(style, "item", _folder(tmp_path, style), {"id": "endless", "cap": 100_000})
    result = _result(outcome)

    assert result["error"] == "ResponseTooLargeError", result
    assert "past the limit of 100000 bytes" in result["message"]
    assert outcome.peak_rss < 512 * 1024**2


@pytest.mark.parametrize("style", STYLES)
def test_retry_after_1e9_gives_up_with_the_rate_limit_error_at_once(
    clients: Clients, tmp_path: Path, style: str
) -> None:
    before = len(clients.server.seen("/items/huge-retry-after"))
    result = _result(clients.run(style, "item", _folder(tmp_path, style), {"id": "huge-retry-after"}))

    assert result["error"] == "RateLimitError", result
    assert len(clients.server.seen("/items/huge-retry-after")) - before == 1
    assert result["seconds"] < 5


@pytest.mark.parametrize("style", STYLES)
def test_an_unreadable_retry_after_waits_the_longest_backoff(clients: Clients, tmp_path: Path, style: str) -> None:
    result = _result(
        clients.run(style, "item", _folder(tmp_path, style), {"id": f"garbage-retry-after-{style}", "max_delay": 1.0})
    )

    assert result.get("ok") == "ok", result
    assert result["seconds"] >= 0.9, result


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("arg", "label", "problem"),
    [
        ({"id": "a\ud800b"}, "item_id", "lone surrogate U+D800"),
        ({"q": "\udc00"}, "q", "lone surrogate U+DC00"),
        ({"trace": "\ud800"}, "X-Trace", "lone surrogate U+D800"),
        ({"trace": "a\r\nX-Injected: 1"}, "X-Trace", "control character U+000D"),
    ],
    ids=["path-surrogate", "query-surrogate", "header-surrogate", "header-crlf"],
)
def test_unsendable_arguments_are_refused_before_sending(
    clients: Clients, tmp_path: Path, style: str, arg: dict[str, str], label: str, problem: str
) -> None:
    before = len(clients.server.requests)
    result = _result(clients.run(style, "item", _folder(tmp_path, style), arg))

    assert (result["error"], result["parameter"]) == ("RequestValidationError", label), result
    assert problem in result["message"]
    assert len(clients.server.requests) == before


@pytest.mark.parametrize("style", STYLES)
def test_a_credential_from_the_environment_with_crlf_is_refused(clients: Clients, tmp_path: Path, style: str) -> None:
    before = len(clients.server.requests)
    env = {"HOSTILE_API_API_KEY": "secret\r\nX-Injected: 1"}
    result = _result(clients.run(style, "item", _folder(tmp_path, style), {}, env=env))

    assert (result["error"], result["parameter"]) == ("RequestValidationError", "X-API-Key"), result
    assert "secret" not in result["message"]
    assert len(clients.server.requests) == before


@pytest.mark.parametrize("style", STYLES)
def test_a_server_chosen_name_that_is_a_folder_is_never_replaced(clients: Clients, tmp_path: Path, style: str) -> None:
    folder = _folder(tmp_path, style)
    (folder / "photos").mkdir()
    (folder / "photos" / "keep.txt").write_text("mine")

    result = _result(clients.run(style, "save", folder, {"name": "folder"}))

    assert result["error"] == "DownloadError", result
    assert "is a folder in the target, never replaced" in result["message"]
    assert result["left"] == ["photos"]
    assert (folder / "photos" / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("key", sorted(NAMES))
def test_server_chosen_names_stay_in_the_target_folder(clients: Clients, tmp_path: Path, style: str, key: str) -> None:
    folder = _folder(tmp_path, style)

    result = _result(clients.run(style, "save", folder, {"name": f"named-{key}"}))

    assert "ok" in result, result
    assert Path(result["ok"]).parent == folder
    assert sorted(p.name for p in tmp_path.iterdir()) == [style]


@pytest.mark.parametrize("style", STYLES)
def test_sigint_during_a_save_removes_the_part_file_and_still_stops(
    clients: Clients, tmp_path: Path, style: str
) -> None:
    folder = _folder(tmp_path, style)

    outcome = clients.run(style, "save", folder, {"name": "stall", "interrupt": True})

    outcome.check_bounds()
    assert outcome.returncode == -signal.SIGINT, (outcome.returncode, outcome.stderr[-2000:])
    assert list(folder.iterdir()) == []
    assert outcome.seconds < 15


def test_an_aborted_signal_rejects_without_sending(clients: Clients, tmp_path: Path) -> None:
    before = len(clients.server.requests)
    result = _result(clients.run("typescript", "item", _folder(tmp_path, "ts"), {"abort": "before"}))

    assert result["error"] == "AbortError", result
    assert len(clients.server.requests) == before


def test_an_abort_while_waiting_for_headers_rejects(clients: Clients, tmp_path: Path) -> None:
    result = _result(clients.run("typescript", "item", _folder(tmp_path, "ts"), {"id": "slow", "abort": "headers"}))

    assert result["error"] in ("AbortError", "TimeoutError"), result
    assert result["seconds"] < 1.5, result


def test_an_abort_during_a_streamed_save_removes_the_part_file(clients: Clients, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "ts")
    result = _result(clients.run("typescript", "save", folder, {"name": "stall", "abort": True}))

    assert result["error"] == "AbortError", result
    assert result["left"] == []
    assert result["seconds"] < 5, result
