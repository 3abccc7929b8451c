"""The generated clients' sections: per-request overhead and a large download, against raw httpx.

The server (``bench.server``) and each measured client (``bench.worker``) are
separate processes; the variants alternate run by run, so a slow spell of the
machine falls on both.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .context import Context
from .report import Table
from .runner import ROOT, Sample, Stats, progress, run_child

MIB = 1024 * 1024
FULL_DOWNLOAD = 1024 * MIB
SMOKE_DOWNLOAD = 8 * MIB
FULL_REQUESTS = 2000
SMOKE_REQUESTS = 20


@contextmanager
def loopback_server(download_bytes: int) -> Iterator[str]:
    """``bench.server`` in its own process; yields its base URL and stops it on exit."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.server", str(download_bytes)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline().strip() or b"0")
        if not port:
            raise RuntimeError("the loopback server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _worker(ctx: Context, label: str, *args: str) -> tuple[Sample, dict[str, Any] | None]:
    sample = run_child([sys.executable, "-m", "bench.worker", *args], timeout=ctx.timeout)
    result: dict[str, Any] | None = None
    if sample.ok:
        lines = [line for line in sample.output_tail.splitlines() if line.startswith("{")]
        result = json.loads(lines[-1]) if lines else None
    if result is None:
        progress(
            f"{label}: {sample.status} (exit {sample.returncode}); output ends with:\n{sample.output_tail[-1500:]}"
        )
    return sample, result


def _stats(values: list[float]) -> Stats | None:
    return Stats.of(values) if values else None


def _fmt(stats: Stats | None, unit: str, digits: int = 0) -> str:
    if stats is None:
        return "failed"
    if stats.count == 1:
        return f"{stats.median:.{digits}f} {unit}"
    return f"{stats.median:.{digits}f} {unit} ({stats.low:.{digits}f}-{stats.high:.{digits}f})"


def _overhead(ours: Stats | None, base: Stats | None) -> str:
    if ours is None or base is None or base.median == 0:
        return "n/a"
    return f"{(ours.median / base.median - 1) * 100:+.1f}%"


# --------------------------------------------------------------------------- per-request overhead


def section_overhead(ctx: Context) -> Table:
    count = SMOKE_REQUESTS if ctx.smoke else FULL_REQUESTS
    variants = ("raw", "raw-json", "generated")
    wall: dict[str, list[float]] = {v: [] for v in variants}
    cpu: dict[str, list[float]] = {v: [] for v in variants}
    with loopback_server(0) as url:
        for index in range(ctx.runs):
            for variant in variants:
                label = f"requests {variant} [{index + 1}/{ctx.runs}]"
                _sample, result = _worker(ctx, label, "requests", variant, url, str(count))
                if result is None:
                    continue
                wall[variant].append(result["seconds"] / result["count"] * 1e6)
                cpu[variant].append(result["cpu_seconds"] / result["count"] * 1e6)
                progress(f"{label}: {wall[variant][-1]:.0f} µs/request")
    table = Table(
        "overhead",
        f"Generated client per request vs raw httpx ({count} requests a run, {ctx.runs} runs)",
        ["client", "wall µs/request", "overhead vs raw get", "client CPU µs/request", "CPU overhead vs raw get"],
    )
    names = {
        "raw": "raw `httpx.Client.get`",
        "raw-json": "raw `httpx.Client.get` + `.json()`",
        "generated": "generated `TopazImages().download.get_download_output`",
    }
    base_wall, base_cpu = _stats(wall["raw"]), _stats(cpu["raw"])
    for variant in variants:
        w, c = _stats(wall[variant]), _stats(cpu[variant])
        table.add(
            names[variant],
            _fmt(w, "µs"),
            "-" if variant == "raw" else _overhead(w, base_wall),
            _fmt(c, "µs"),
            "-" if variant == "raw" else _overhead(c, base_cpu),
        )
    ctx.found["request overhead"] = (_stats(wall["generated"]), base_wall)
    table.notes.append(
        "`GET /download/{id}` answering a small JSON body, from a loopback server in its own process, on one "
        "kept-alive connection, after 50 warm-up requests; each run is a new client process, the variants alternate. "
        "The generated call also validates the id, applies its retry policy and decodes the body into a model."
    )
    return table


# --------------------------------------------------------------------------- download


def section_download(ctx: Context) -> Table:
    size = SMOKE_DOWNLOAD if ctx.smoke else FULL_DOWNLOAD
    free = shutil.disk_usage(ctx.work).free
    table = Table(
        "download",
        f"Download of {size // MIB} MiB through the save helper vs raw httpx streaming ({ctx.runs} runs)",
        ["client", "throughput", "time", "peak RSS growth", "peak RSS"],
    )
    if free < 2 * size:
        table.add("both", f"not run: {free // MIB} MiB free in {ctx.work.parent}", "", "", "")
        return table
    variants = ("raw", "generated")
    speed: dict[str, list[float]] = {v: [] for v in variants}
    seconds: dict[str, list[float]] = {v: [] for v in variants}
    growth: dict[str, list[float]] = {v: [] for v in variants}
    peak: dict[str, list[float]] = {v: [] for v in variants}
    with loopback_server(size) as url:
        for index in range(ctx.runs):
            for variant in variants:
                folder = ctx.scratch(f"download-{variant}-{index}")
                label = f"download {variant} [{index + 1}/{ctx.runs}]"
                _sample, result = _worker(ctx, label, "download", variant, url, str(size), str(folder))
                shutil.rmtree(folder, ignore_errors=True)
                if result is None:
                    continue
                seconds[variant].append(result["seconds"])
                speed[variant].append(result["bytes"] / MIB / result["seconds"])
                growth[variant].append((result["peak_kib"] - result["baseline_kib"]) / 1024)
                peak[variant].append(result["peak_kib"] / 1024)
                progress(f"{label}: {speed[variant][-1]:.0f} MiB/s, RSS growth {growth[variant][-1]:.1f} MiB")
    names = {
        "raw": "raw `httpx.Client.stream` + `iter_bytes` → file + fsync",
        "generated": "generated `ToolkitImages().download.download_image_to_file`",
    }
    for variant in variants:
        table.add(
            names[variant],
            _fmt(_stats(speed[variant]), "MiB/s"),
            _fmt(_stats(seconds[variant]), "s", 2),
            _fmt(_stats(growth[variant]), "MiB", 1),
            _fmt(_stats(peak[variant]), "MiB"),
        )
    ours, base = _stats(speed["generated"]), _stats(speed["raw"])
    if ours is not None and base is not None:
        table.notes.append(f"Generated throughput vs raw: {_overhead(ours, base)} (medians).")
    ctx.found["download throughput"] = (ours, base)
    ctx.found["download growth"] = _stats(growth["generated"])
    ctx.found["download size"] = size
    table.notes.append(
        "`GET /v1/image/download/{name}` streamed by a loopback server in its own process from one reused buffer, "
        f"written to a temporary folder on disk ({ctx.work.parent}) and deleted after each run. Peak RSS growth: "
        "the client process's `ru_maxrss` after the download minus its RSS just before it (after a 1 MiB warm-up "
        "download)."
    )
    return table
