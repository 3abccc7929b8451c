"""Run one hostile case in a child process and measure what it cost.

Each case of the hostile suite (documents, output folders, servers) runs as a
new process: the generator's command line, a generated package's tests, or a
node script. ``run_bounded`` starts it through ``bench/launch.py``, which waits
for it with ``os.wait4`` and reads the peak resident memory of its process tree from the kernel (the largest
single process in it, as ``ru_maxrss`` reports), so the bound is measured, not
imposed by an address-space limit (which would stop node before it started).
A case past its time is killed with its whole process group and fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "bench" / "launch.py"
"""Starts each case from a small fresh process and reports the case's own ``wait4`` figures."""
TIME_LIMIT = 60.0
"""Seconds a hostile case may take."""
MEMORY_LIMIT = 2 * 1024**3
"""Peak resident bytes a hostile case's process tree may reach (its largest process)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int
    """Bytes: ``ru_maxrss`` of the child and the descendants it waited for."""
    timed_out: bool

    def check_bounds(self) -> None:
        """Fail unless the case ended by itself within the time and memory limits."""
        assert not self.timed_out, f"still running after {TIME_LIMIT:.0f} s\n{self.stderr[-2000:]}"
        assert self.seconds < TIME_LIMIT, f"took {self.seconds:.1f} s"
        assert self.peak_rss < MEMORY_LIMIT, f"peak RSS {self.peak_rss / 1024**2:.0f} MiB"


def run_bounded(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = TIME_LIMIT,
    stdin: str | None = None,
) -> Outcome:
    """Run ``argv`` in its own process group; its exit code, output, wall time and peak memory.

    The command is started by ``bench/launch.py`` (a fresh interpreter of a few MiB) and
    measured there: ``ru_maxrss`` survives ``execve``, so a child forked straight from this
    test process would start with the test process's own peak, which grows over a run.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        result = Path(scratch) / "launch.json"
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-I", "-S", str(LAUNCHER), "0", str(result), *argv],
            cwd=cwd or ROOT,
            env={**os.environ, **(env or {})},
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        if stdin is not None and proc.stdin is not None:
            proc.stdin.write(stdin.encode())
            proc.stdin.close()
        timed_out = False
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                timed_out = True
                _kill_group(proc.pid)
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak_kib = usage.ru_maxrss
        _kill_group(proc.pid)  # anything it left behind in its group
        if result.exists():  # absent when the launcher was killed at the deadline
            measured = json.loads(result.read_text(encoding="utf-8"))
            proc.returncode = measured["exitcode"]
            peak_kib = measured["peak_kib"]
        out.seek(0)
        err.seek(0)
        return Outcome(
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_rss=peak_kib * 1024,
            timed_out=timed_out,
        )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def generator(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Outcome:
    """``python -m generator ARGS`` as a bounded child (repository root as cwd unless given)."""
    return run_bounded([sys.executable, "-m", "generator", *args], cwd=cwd, env=env)


STYLES = ("python", "typescript")
"""Every style a hostile document is generated in."""
GENERATION_STYLES = STYLES + (("go",) if shutil.which("gofmt") else ())
"""The styles of the cases that only generate (no client is built or run): go too, where gofmt is installed."""
