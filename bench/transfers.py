"""The download section's transfers: resume vs restart after a cut at half, ``*_many`` vs a sequential loop.

Both styles' generated Topaz clients (the Python one as generated, the TypeScript one
compiled by ``tsc``) run in their own process (``bench.transfer_worker``), against the
flow tests' loopback storage host (``tests/flows/resume_support.py``, in this process's
threads), which honours ``Range``/``If-Range``, cuts a connection where asked and counts
the bytes it sends.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .context import Context
from .report import Table
from .runner import ROOT, Stats, progress, run_child

sys.path.insert(0, str(ROOT / "tests" / "flows"))  # the loopback storage host the flow tests use
_support: Any = importlib.import_module("resume_support")
Api, Storage, pattern = _support.Api, _support.Storage, _support.pattern

MIB = 1024 * 1024
FULL = {"resume": 256 * MIB, "files": 64, "file": 4 * MIB}
SMOKE = {"resume": 8 * MIB, "files": 16, "file": 256 * 1024}
CONCURRENCY = 8
STYLES = ("python", "typescript")
TSC = ROOT / "node_modules" / ".bin" / "tsc"


@contextmanager
def _servers() -> Iterator[tuple[Any, Any]]:
    with Storage() as storage, Api(storage) as api:
        yield storage, api


def _generate(ctx: Context) -> Path | None:
    """Topaz's packages of both styles generated from a copy of ``specs/topaz`` into scratch."""
    root = ctx.scratch("transfers-packages")
    shutil.copytree(ROOT / "specs" / "topaz", root / "specs" / "topaz")
    generated = root / "generated"
    command = [sys.executable, "-m", "generator", "--specs-dir", str(root / "specs"), "--generated-dir", str(generated)]
    done = subprocess.run([*command, "generate", "-q", "topaz"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        progress(f"transfers: generation failed:\n{done.stderr[-1500:]}")
        return None
    return generated


def _typescript_index(ctx: Context, generated: Path) -> Path | None:
    """The generated Topaz TypeScript package compiled into scratch; None without node or tsc."""
    if shutil.which("node") is None or not TSC.exists():
        return None
    out = ctx.scratch("transfers-ts")
    source = generated / "typescript" / "topaz_images"
    types = str(ROOT / "node_modules" / "@types")
    command = [str(TSC), "-p", str(source), "--strict", "--outDir", str(out), "--typeRoots", types, "--pretty", "false"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=ctx.timeout)
    if done.returncode != 0:
        progress(f"transfers: tsc failed:\n{done.stdout[-1500:]}")
        return None
    (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    return out / "src" / "index.js"


def _run(ctx: Context, style: str, package: Path, api: Any, command: dict[str, Any]) -> dict[str, Any] | None:
    """``package``: the compiled TypeScript index, or the generated Python package's folder."""
    if style == "typescript":
        argv = ["node", str(ROOT / "bench" / "transfer_worker.mjs"), str(package)]
    else:
        argv = [sys.executable, "-m", "bench.transfer_worker", str(package)]
    sample = run_child([*argv, api.url, json.dumps(command)], timeout=ctx.timeout)
    lines = [line for line in sample.output_tail.splitlines() if line.startswith("{")]
    result: dict[str, Any] | None = json.loads(lines[-1]) if sample.ok and lines else None
    if result is None or not result["ok"]:
        progress(f"transfers {style} {command['run']}: {sample.status}; output ends with:\n{sample.output_tail[-800:]}")
        return None
    return result


def _median(values: list[float], unit: str, digits: int = 1) -> str:
    return f"{Stats.of(values).median:.{digits}f} {unit}" if values else "failed"


def section_transfers(ctx: Context) -> Table:
    sizes = SMOKE if ctx.smoke else FULL
    table = Table(
        "transfers",
        f"Download: resume after a cut at half, many files at once ({ctx.runs} runs, medians)",
        ["style", "case", "bytes sent", "time", "throughput", "peak RSS growth"],
    )
    generated = _generate(ctx)
    if generated is None:
        table.add("both", "not run: the Topaz packages could not be generated", "", "", "", "")
        return table
    packages = {"python": generated / "python" / "topaz_images", "typescript": _typescript_index(ctx, generated)}
    with _servers() as (storage, api):
        for style in STYLES:
            package = packages[style]
            if package is None:
                table.add(style, "not run: node or tsc is missing", "", "", "", "")
                continue
            _resume_rows(ctx, table, style, package, storage, api, sizes["resume"])
            _bulk_rows(ctx, table, style, package, storage, api, sizes["files"], sizes["file"])
    table.notes.append(
        f"Resume: one file of {sizes['resume'] // MIB} MiB whose first answer is cut at half; `resume` continues it "
        "in the same call with `Range`/`If-Range`, without it the call fails and a second call fetches it whole. "
        f"Many: {sizes['files']} files of {sizes['file'] // 1024} KiB, `*_many`/`...Many` at concurrency "
        f"{CONCURRENCY} vs the single-file helper in a loop. Bytes sent are counted by the loopback storage host; "
        "time is the client process's own, from its first call to its last; peak RSS growth is its VmHWM minus "
        "its RSS once the client was built."
    )
    return table


def _resume_rows(ctx: Context, table: Table, style: str, package: Path, storage: Any, api: Any, size: int) -> None:
    content = pattern(size)
    for resume in (True, False):
        sent: list[float] = []
        seconds: list[float] = []
        growth: list[float] = []
        for run in range(ctx.runs):
            name = str(uuid.uuid4())
            storage.add(name, content)
            storage.cuts[name] = [size // 2]
            folder = ctx.scratch(f"resume-{style}-{resume}-{run}")
            command = {"run": "one", "id": name, "target": str(folder / "file.png"), "resume": resume}
            result = _run(ctx, style, package, api, command)
            storage.files.pop(name, None)
            shutil.rmtree(folder, ignore_errors=True)
            if result is None:
                continue
            sent.append(storage.sent[name] / MIB)
            seconds.append(result["seconds"])
            growth.append((result["peak_kib"] - result["baseline_kib"]) / 1024)
        case = "cut at half, resumed in the call" if resume else "cut at half, called again (restart)"
        throughput = [size / MIB / s for s in seconds]
        table.add(
            style,
            case,
            _median(sent, "MiB"),
            _median(seconds, "s", 2),
            _median(throughput, "MiB/s", 0),
            _median(growth, "MiB"),
        )


def _bulk_rows(
    ctx: Context, table: Table, style: str, package: Path, storage: Any, api: Any, count: int, size: int
) -> None:
    for run_kind in ("many", "loop"):
        seconds: list[float] = []
        growth: list[float] = []
        sent: list[float] = []
        for run in range(ctx.runs):
            ids = [str(uuid.uuid4()) for _ in range(count)]
            for number, name in enumerate(ids):
                storage.add(name, pattern(size, seed=number))
            folder = ctx.scratch(f"bulk-{style}-{run_kind}-{run}")
            command = {"run": run_kind, "ids": ids, "folder": str(folder), "concurrency": CONCURRENCY}
            result = _run(ctx, style, package, api, command)
            for name in ids:
                storage.files.pop(name, None)
            shutil.rmtree(folder, ignore_errors=True)
            if result is None:
                continue
            sent.append(sum(storage.sent[name] for name in ids) / MIB)
            seconds.append(result["seconds"])
            growth.append((result["peak_kib"] - result["baseline_kib"]) / 1024)
        case = (
            f"{count} files, many at once (concurrency {CONCURRENCY})"
            if run_kind == "many"
            else f"{count} files, one after the other"
        )
        throughput = [count * size / MIB / s for s in seconds]
        table.add(
            style,
            case,
            _median(sent, "MiB"),
            _median(seconds, "s", 2),
            _median(throughput, "MiB/s", 0),
            _median(growth, "MiB"),
        )
