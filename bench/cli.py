"""``python -m bench``: run the sections, print their markdown tables (and write them to ``--markdown FILE``)."""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import clients, generation
from .context import Context, new_context
from .report import Table
from .runner import DEFAULT_TIMEOUT, ROOT, Stats, progress

SECTIONS: dict[str, Callable[[Context], Table]] = {
    "providers": generation.section_providers,
    "corpus": generation.section_corpus,
    "compare": generation.section_compare,
    "scaling": generation.section_scaling,
    "overhead": clients.section_overhead,
    "download": clients.section_download,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure the generator and the generated clients; print markdown tables.",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default: 5)")
    parser.add_argument(
        "--large-runs", type=int, default=3, help="runs per measurement on the large specs (default: 3)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds a run may take (default: {DEFAULT_TIMEOUT:.0f})",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="every section once on tiny inputs (1 run; toolkit only; small corpus specs; 20 requests; 8 MiB)",
    )
    parser.add_argument(
        "--only", action="append", choices=list(SECTIONS), metavar="SECTION", help=f"one of {', '.join(SECTIONS)}"
    )
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the tables to FILE")
    parser.add_argument(
        "--no-install",
        action="store_true",
        help="do not create bench/.venv-opc; compare with openapi-python-client only if it is installed",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # A terminated benchmark still stops its children and removes its scratch folder.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(128 + signal.SIGTERM))
    arguments = list(sys.argv[1:] if argv is None else argv)
    runs = 1 if args.smoke else max(1, args.runs)
    ctx = new_context(
        runs=runs,
        large_runs=max(1, args.large_runs),
        timeout=args.timeout,
        smoke=args.smoke,
        install_opc=not (args.smoke or args.no_install),
    )
    chosen = args.only or list(SECTIONS)
    load_before = _load()
    started = time.perf_counter()
    tables: list[Table] = []
    try:
        for name in SECTIONS:
            if name in chosen:
                progress(f"section {name}")
                tables.append(SECTIONS[name](ctx))
    finally:
        ctx.cleanup()
    elapsed = time.perf_counter() - started
    text = _document(arguments, tables, ctx, elapsed, load_before)
    sys.stdout.write(text)
    sys.stdout.flush()
    if args.markdown is not None:
        args.markdown.write_text(text, encoding="utf-8")
        progress(f"wrote {args.markdown}")
    return 0


def _load() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine shows here and in the spreads."""
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _document(arguments: list[str], tables: list[Table], ctx: Context, elapsed: float, load_before: str) -> str:
    python = Path(sys.executable)
    try:
        shown_python = str(python.relative_to(ROOT))
    except ValueError:
        shown_python = str(python)
    lines = [
        "## Benchmarks",
        "",
        f"Made by `{shlex.join([shown_python, '-m', 'bench', *arguments])}` in {elapsed:.0f} s "
        f"at {_revision()}, on {time.strftime('%Y-%m-%d')}.",
        "",
        f"Machine: {_machine()}; load average {load_before} at the start, {_load()} at the end.",
        "",
        "Medians over the runs, with min-max in parentheses; every run is a new process. Peak RSS is "
        "`ru_maxrss` of the run's process tree as `wait4` reports it: the largest single process in it "
        "(worker processes are not summed).",
        "",
    ]
    body = [table.markdown() for table in tables]
    targets = _targets(ctx)
    if targets is not None:
        body.append(targets.markdown())
    return "\n".join(lines + body)


def _machine() -> str:
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    model = ""
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    parts = [f"{usable} of {cores} cores usable" if usable != cores else f"{cores} cores"]
    parts += [p for p in (model, memory) if p]
    parts.append(f"{platform.system()} {platform.release()}")
    parts.append(f"Python {platform.python_version()} ({platform.python_implementation()})")
    return ", ".join(parts)


def _revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return "an unknown revision"
    if not head:
        return "an unknown revision"
    return f"commit {head}" + (" with uncommitted changes" if dirty else "")


# --------------------------------------------------------------------------- targets

TARGETS_NOTE = 'The targets of the benchmark\'s issue; "met" compares the measured median with the target.'


def _targets(ctx: Context) -> Table | None:
    """The issue's targets next to the medians this run measured (only those it measured)."""
    table = Table("targets", "Targets", ["target", "measured", "met"], notes=[TARGETS_NOTE])
    found = ctx.found

    def seconds(name: str, limit: float, key: str) -> None:
        stats = found.get(key)
        if isinstance(stats, Stats):
            table.add(f"{name} under {limit:g} s", f"{stats.median:.2f} s", _yes(stats.median < limit))
        elif key in found:
            table.add(f"{name} under {limit:g} s", "not measured (failed or timed out)", "no")

    if not ctx.smoke:
        seconds("Stripe cold", 5, f"corpus {generation.STRIPE.name} cold")
        seconds("Stripe warm", 1, f"corpus {generation.STRIPE.name} warm")
    seconds("providers warm generate", 1, "providers generate warm")
    seconds("providers warm check", 1, "providers check warm")
    exponent = found.get("scaling exponent")
    if isinstance(exponent, float):
        table.add(
            "time no faster than linear in operations", f"time ∝ operations^{exponent:.2f}", _yes(exponent <= 1.0)
        )
    _relative(table, found.get("request overhead"), "generated client within 15% of raw httpx per request", 0.15, 1)
    _relative(table, found.get("download throughput"), "download throughput within 10% of raw httpx", 0.10, -1)
    growth = found.get("download growth")
    size = found.get("download size")
    if isinstance(growth, Stats) and isinstance(size, int):
        limit_mib = 30 * 1_000_000 / 1024 / 1024
        table.add(
            f"peak RSS growth under 30 MB for {size // clients.MIB} MiB",
            f"{growth.median:.1f} MiB",
            _yes(growth.median < limit_mib),
        )
    return table if table.rows else None


def _relative(table: Table, pair: Any, name: str, limit: float, sign: int) -> None:
    """``pair`` is (ours, raw); sign 1: ours may be at most ``limit`` above raw; -1: at most ``limit`` below."""
    if not isinstance(pair, tuple):
        return
    ours, base = pair
    if not isinstance(ours, Stats) or not isinstance(base, Stats) or base.median == 0:
        table.add(name, "not measured", "no")
        return
    change = ours.median / base.median - 1
    table.add(name, f"{change * 100:+.1f}%", _yes(change * sign <= limit))


def _yes(flag: bool) -> str:
    return "yes" if flag else "**no**"
