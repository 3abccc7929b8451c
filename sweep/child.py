"""One bounded child process: its exit code, output, wall time and peak memory.

The approach of ``tests/hostile/harness.py``: the child runs in a process group
of its own, is reaped with ``os.wait4`` (whose ``ru_maxrss`` is the peak resident
memory of the largest process in its tree), and is killed with its whole group
past its time. Unlike the harness, the groups still running are remembered, so
an interrupted sweep can end them all before it exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_LIVE: set[int] = set()
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int
    """Bytes: ``ru_maxrss`` of the child and the descendants it waited for."""
    timed_out: bool


def run(argv: Sequence[str], *, cwd: Path, timeout: float, env: Mapping[str, str] | None = None) -> Finished:
    """Run ``argv`` in its own process group, at most ``timeout`` seconds."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        with _LOCK:
            _LIVE.add(proc.pid)
        timed_out = False
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - start > timeout:
                    timed_out = True
                    _kill_group(proc.pid)
                    _, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.02)
        finally:
            _kill_group(proc.pid)  # anything it left behind in its group
            with _LOCK:
                _LIVE.discard(proc.pid)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Finished(
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=time.monotonic() - start,
            peak_rss=usage.ru_maxrss * 1024,
            timed_out=timed_out,
        )


def kill_all() -> None:
    """End every child group still running (on Ctrl-C); their runs are not recorded."""
    with _LOCK:
        live = list(_LIVE)
    for pid in live:
        _kill_group(pid)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
