"""Stoplight Prism mock servers for the contract tests, one per provider, started from ``node_modules``.

Each provider's spec is exported (``generator export``, OpenAPI 3.1 built from
the IR) to a file and served by ``prism mock --errors -h 127.0.0.1 -p PORT FILE``:

- Prism validates every request against the spec (parameters, bodies,
  security) and answers an invalid one with the spec's own 422, else its 400,
  else a 422 it makes up, always with an ``sl-violations`` header naming what
  was wrong; a valid request gets the lowest 2xx response, without that header.
- ``--errors`` also turns violations of Prism's *own* mocked response into an
  error response, so an exported spec whose examples or defaults break its own
  schemas fails here instead of passing unnoticed.
- No ``-d``: static responses (from examples, defaults, formats) are the same
  on every run, so a failure reproduces.

The Prism processes start together (start-up is CPU-bound, several seconds
each) and are each awaited with a deadline; every one is stopped and waited for
at the end, whatever happened. Each runs in a session of its own, so stopping
its process group leaves nothing behind, and (on Linux) is told to stop if the
test process dies without a teardown.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
PRISM_FLAGS = ("mock", "--errors", "-h", "127.0.0.1")
STARTUP_TIMEOUT = 90.0
STOP_TIMEOUT = 10.0
PR_SET_PDEATHSIG = 1

sys.path.insert(0, str(ROOT / "tests" / "flows"))
from flow_support import MODES, drive, generated  # noqa: E402  (shared with tests/flows, found through the line above)

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.export import export_json  # noqa: E402
from generator.ir import Api  # noqa: E402
from generator.passes.behaviours import is_binary  # noqa: E402
from generator.pipeline import provider_api  # noqa: E402
from generator.providers import load_provider  # noqa: E402

__all__ = [
    "MODES",
    "PrismServer",
    "api_of",
    "drive",
    "exported_prisms",
    "generated",
    "json_operations",
    "prism_missing",
    "prism_servers",
]


def api_of(provider: str) -> Api:
    """The IR of one provider under ``specs/``."""
    diagnostics = Diagnostics()
    loaded = load_provider(ROOT / "specs", provider, diagnostics)
    api = provider_api(loaded, diagnostics) if loaded else None
    assert api is not None, [d.format() for d in diagnostics]
    return api


def json_operations(api: Api) -> set[str]:
    """Operations with a JSON success response and no binary one: what contract tests must cover."""
    found = set()
    for op in api.operations:
        contents = [c for r in op.responses if r.is_success for c in r.contents]
        if any(c.is_json for c in contents) and not any(is_binary(c) for c in contents):
            found.add(op.operation_id)
    return found


@contextmanager
def exported_prisms(apis: Mapping[str, Api], folder: Path) -> Iterator[dict[str, PrismServer]]:
    """One Prism per provider, serving the provider's API exported as OpenAPI 3.1 into ``folder``."""
    specs = {}
    for provider, api in apis.items():
        specs[provider] = folder / f"{provider}.openapi.json"
        specs[provider].write_text(export_json(api), encoding="utf-8")
    with prism_servers(specs, folder) as servers:
        yield servers


def prism_missing() -> str | None:
    """Why Prism cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not PRISM.exists():
        return "Prism is not installed: run `make node_modules` (npm ci from package-lock.json)"
    return None


@dataclass
class PrismServer:
    provider: str
    spec: Path
    port: int
    log: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, size: int = 3000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-size:]
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def prism_servers(specs: Mapping[str, Path], log_dir: Path) -> Iterator[dict[str, PrismServer]]:
    """Prism mock servers for ``specs`` (provider -> exported spec file), ready to answer, stopped on exit."""
    servers: dict[str, PrismServer] = {}
    try:
        for provider, spec in specs.items():
            servers[provider] = _start(provider, spec, log_dir)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        for server in servers.values():
            _wait_until_answering(server, deadline)
        yield servers
    finally:
        for server in servers.values():
            _stop(server.process)


def _start(provider: str, spec: Path, log_dir: Path) -> PrismServer:
    port = free_port()
    log = log_dir / f"prism-{provider}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(PRISM), *PRISM_FLAGS, "-p", str(port), str(spec)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
            env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
        )
    return PrismServer(provider, spec, port, log, process)


def _wait_until_answering(server: PrismServer, deadline: float) -> None:
    """Until Prism answers an HTTP request (any status: ``/`` is no route, a 404), within ``deadline``."""
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"Prism for {server.provider} exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            httpx.get(server.url + "/", timeout=2, trust_env=False)
            return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"Prism for {server.provider} did not answer within {STARTUP_TIMEOUT:g} s:\n{server.log_tail()}"
            )
        time.sleep(0.1)


def _die_with_parent() -> None:
    """In the child before Prism starts: on Linux, be sent SIGTERM if the test process dies without teardown."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group Prism leads, then SIGKILL to whatever is left of it; always reaped."""
    _signal_group(process, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_TIMEOUT)
    _signal_group(process, signal.SIGKILL)
    process.wait(timeout=STOP_TIMEOUT)


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
