"""Running one measured child process, and summarising several runs.

A run is a new process, forked by a small launcher (``launch.py``): wall time is
``time.perf_counter`` around its fork and ``os.wait4``, peak memory the child's
``ru_maxrss`` from ``wait4`` (KiB on Linux; it covers the child's own reaped
children too), never the benchmark's own peak. A run that outlives its
timeout is killed with its whole process group and counted as a timeout.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository: children run here, so ``specs/`` and ``generated/`` resolve as for ``make``."""

DEFAULT_TIMEOUT = 300.0
LAUNCHER = Path(__file__).resolve().parent / "launch.py"


@dataclass(frozen=True)
class Sample:
    """One run: seconds, peak RSS in KiB, exit code, and how it ended ("ok", "failed", "timeout")."""

    seconds: float
    peak_kib: int
    returncode: int
    status: str
    output_tail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def progress(message: str) -> None:
    """A progress line on standard error; standard output carries only the tables."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_child(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path = ROOT,
    timeout: float = DEFAULT_TIMEOUT,
    ok_codes: tuple[int, ...] = (0,),
    memory_limit: int | None = None,
) -> Sample:
    """Run ``argv`` to completion as a measured child; its output goes to a temporary file, kept as a tail.

    ``memory_limit`` (bytes) caps the child's address space (``RLIMIT_AS``), so a
    reference tool that would take the shared machine's memory fails instead. The
    child is started by ``launch.py`` (see there: a peak not inherited from this process),
    which reports the child's own time and peak.
    """
    with tempfile.TemporaryFile() as log, tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "result.json"
        launcher = [sys.executable, "-I", "-S", str(LAUNCHER), str(memory_limit or 0), str(report)]
        started = time.perf_counter()
        proc = subprocess.Popen(
            [*launcher, *argv],
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM): the child and its own children go too.
            kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -signal.SIGKILL
            raise
        finally:
            timer.cancel()
        seconds, peak = time.perf_counter() - started, usage.ru_maxrss
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped here, so Popen must not wait for it again
        log.seek(0)
        tail = log.read()[-4000:].decode("utf-8", "replace")
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            measured = json.loads(report.read_text(encoding="utf-8"))
            seconds, peak = float(measured["seconds"]), int(measured["peak_kib"])
    if timed_out.is_set():
        return Sample(seconds, peak, code, "timeout", tail)
    return Sample(seconds, peak, code, "ok" if code in ok_codes else "failed", tail)


@dataclass(frozen=True)
class Series:
    """The runs of one measurement; statistics over the successful ones."""

    samples: tuple[Sample, ...]
    note: str = ""

    @property
    def good(self) -> list[Sample]:
        return [s for s in self.samples if s.ok]

    @property
    def status(self) -> str:
        """ "ok" when every run succeeded, else the first problem ("timeout", "failed") or the note."""
        if not self.samples:
            return self.note or "not run"
        for sample in self.samples:
            if not sample.ok:
                return sample.status
        return "ok"

    def seconds(self) -> Stats | None:
        good = self.good
        return Stats.of([s.seconds for s in good]) if good and len(good) == len(self.samples) else None

    def peak_mib(self) -> Stats | None:
        good = self.good
        return Stats.of([s.peak_kib / 1024 for s in good]) if good and len(good) == len(self.samples) else None


@dataclass(frozen=True)
class Stats:
    median: float
    low: float
    high: float
    count: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        return cls(statistics.median(values), min(values), max(values), len(values))


Prepare = Callable[[int], tuple[list[str], dict[str, str]]]
"""Called (untimed) before run ``index``: that run's argv and environment, e.g. with a fresh output folder."""


@dataclass(frozen=True)
class Job:
    """What ``repeat`` and ``repeat_together`` run: ``prepare(index)`` gives a run's command and environment."""

    label: str
    prepare: Prepare
    timeout: float = DEFAULT_TIMEOUT
    ok_codes: tuple[int, ...] = (0,)
    produced: Callable[[int], bool] | None = None
    memory_limit: int | None = None


def repeat(
    label: str,
    runs: int,
    prepare: Prepare,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ok_codes: tuple[int, ...] = (0,),
    produced: Callable[[int], bool] | None = None,
    memory_limit: int | None = None,
) -> Series:
    """``runs`` measured runs; one that times out or fails ends the series (more would cost as much, say no more).

    ``produced(index)``, when given, is asked after a run that exited well whether it made what it should;
    a run that did not is counted as failed.
    """
    return repeat_together([Job(label, prepare, timeout, ok_codes, produced, memory_limit)], runs)[0]


def repeat_together(jobs: Sequence[Job], runs: int) -> list[Series]:
    """``runs`` runs of each job, in turns (the first run of each, then the second of each, ...), so that what
    is compared is measured minutes apart at most: a machine whose speed drifts over a run of the benchmark
    moves every job alike. A job whose run fails or times out makes no more runs (as ``repeat``)."""
    samples: list[list[Sample]] = [[] for _ in jobs]
    for index in range(runs):
        for job, made in zip(jobs, samples, strict=True):
            if made and not made[-1].ok:
                continue
            argv, env = job.prepare(index)
            sample = run_child(argv, env=env, timeout=job.timeout, ok_codes=job.ok_codes, memory_limit=job.memory_limit)
            if sample.ok and job.produced is not None and not job.produced(index):
                sample = Sample(sample.seconds, sample.peak_kib, sample.returncode, "failed", sample.output_tail)
            progress(
                f"{job.label} [{index + 1}/{runs}]: {sample.status}, {sample.seconds:.2f} s, "
                f"{sample.peak_kib / 1024:.0f} MiB"
            )
            made.append(sample)
            if sample.status == "failed":
                progress(f"{job.label}: exit {sample.returncode}; output ends with:\n{sample.output_tail[-1500:]}")
    return [Series(tuple(made)) for made in samples]
