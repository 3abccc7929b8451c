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

from . import clients, generation, transfers, wide
from .context import Context, new_context
from .report import Table
from .runner import DEFAULT_TIMEOUT, ROOT, Stats, progress

SECTIONS: dict[str, Callable[[Context], Table]] = {
    "providers": generation.section_providers,
    "corpus": generation.section_corpus,
    "compare": generation.section_compare,
    "scaling": generation.section_scaling,
    "synthetic": generation.section_synthetic,
    "wide": wide.section_wide,
    "overhead": clients.section_overhead,
    "download": clients.section_download,
    "transfers": transfers.section_transfers,
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
        "--opc-timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds an openapi-python-client run may take (default: {DEFAULT_TIMEOUT:.0f})",
    )
    parser.add_argument(
        "--wide-runs", type=int, default=3, help="runs per measurement in the wide corpus section (default: 3)"
    )
    parser.add_argument(
        "--wide-max-mb",
        type=float,
        metavar="MB",
        help="leave documents larger than this out of the wide corpus section (named under its table)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=(
            "every section once on tiny inputs (1 run; toolkit only; small corpus specs; 20 requests; 8 MiB; "
            "every style in the providers section, one in each other generation section, in turn)"
        ),
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
        opc_timeout=args.opc_timeout,
        wide_runs=1 if args.smoke else max(1, args.wide_runs),
        wide_max_mb=args.wide_max_mb,
    )
    chosen = args.only or list(SECTIONS)
    if not args.smoke:  # measure the generator as `make` leaves it: templates, bytecode and patterns precompiled
        subprocess.run([sys.executable, "-m", "generator.precompile"], capture_output=True, check=False)
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

TARGETS_NOTE = (
    'The benchmark\'s targets; "met" compares the medians this run measured with the target '
    "(only what it measured is listed)."
)
COLD_SHARE = 0.25
COLD_FLOOR = 0.3
COLD_LIMIT = 10.0
COLD_LIMIT_BYTES = 15_000_000
EXPONENT_LIMIT = 1.1
CHANGED_SHARE = 0.1
LARGE_BYTES = 1_000_000
"""The documents "one operation changed under a tenth of cold" is asked of: the three largest of at least this."""


def _targets(ctx: Context) -> Table | None:
    """The targets next to the medians this run measured (only those it measured)."""
    table = Table("targets", "Targets", ["target", "measured", "met"], notes=[TARGETS_NOTE])
    found = ctx.found
    _compared(table, found.get("compared") or {})
    _documents(table, found.get("documents") or {})
    for style in generation.STYLES:
        exponent = found.get(f"synthetic exponent {style}")
        if f"synthetic exponent {style}" in found:
            table.add(
                f"{style}: scaling exponent under {EXPONENT_LIMIT:g} (synthetic, time minus empty)",
                "n/a" if exponent is None else f"{exponent:.2f}",
                _yes(exponent is not None and exponent < EXPONENT_LIMIT),
            )
    for style in generation.STYLES:
        for key, name in (
            (f"providers generate warm {style}", f"{style}: providers warm generate"),
            (f"providers changed {style}", f"{style}: providers warm, one operation changed"),
            (f"providers check warm {style}", f"{style}: providers warm check"),
        ):
            if key in found:
                stats = found[key]
                measured = f"{stats.median:.2f} s" if isinstance(stats, Stats) else "not measured"
                table.add(f"{name} under 1 s", measured, _yes(isinstance(stats, Stats) and stats.median < 1))
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


def _compared(table: Table, compared: dict[tuple[str, str], tuple[Any, Any, Any, Any]]) -> None:
    """Cold time and peak memory against openapi-python-client, per style, over every document compared."""
    for style in generation.STYLES:
        rows = {doc: v for (doc, s), v in compared.items() if s == style}
        timed = {d: (o, t) for d, (o, t, _, _) in rows.items() if isinstance(o, Stats) and isinstance(t, Stats)}
        if timed:
            missed = [d for d, (o, t) in timed.items() if o.median > max(COLD_SHARE * t.median, COLD_FLOOR)]
            worst = max(timed.items(), key=lambda item: item[1][0].median / item[1][1].median)
            table.add(
                f"{style}: cold at most {COLD_SHARE:g}x openapi-python-client's or under {COLD_FLOOR:g} s",
                f"{len(timed) - len(missed)} of {len(timed)} documents; worst `{worst[0]}` "
                f"{worst[1][0].median:.2f} s vs {worst[1][1].median:.2f} s"
                + (f"; missed on {', '.join(f'`{d}`' for d in missed)}" if missed else ""),
                _yes(not missed),
            )
        sized = {d: (o, t) for d, (_, _, o, t) in rows.items() if isinstance(o, Stats) and isinstance(t, Stats)}
        if sized:
            above = [d for d, (o, t) in sized.items() if o.median >= t.median]
            table.add(
                f"{style}: peak memory below openapi-python-client's",
                f"{len(sized) - len(above)} of {len(sized)} documents"
                + (f"; not on {', '.join(f'`{d}`' for d in above)}" if above else ""),
                _yes(not above),
            )
        unmeasured = [d for d in rows if d not in timed]
        if unmeasured:
            names = ", ".join(f"`{d}`" for d in unmeasured)
            table.notes.append(
                f"{style}: not compared (openapi-python-client not run, or a side failed or timed out): {names}."
            )


def _documents(table: Table, documents: dict[tuple[str, str], tuple[int, Any, Any]]) -> None:
    """Cold under 10 s up to 15 MB, and one operation changed under a tenth of cold on the largest documents."""
    for style in generation.STYLES:
        rows = {doc: v for (doc, s), v in documents.items() if s == style}
        within = {d: v for d, v in rows.items() if v[0] <= COLD_LIMIT_BYTES}
        if within:
            slow = [d for d, (_, cold, _) in within.items() if not isinstance(cold, Stats) or cold.median >= COLD_LIMIT]
            timed = [(cold.median, d) for d, (_, cold, _) in within.items() if isinstance(cold, Stats)]
            worst = f"; slowest `{max(timed)[1]}` {max(timed)[0]:.2f} s" if timed else ""
            table.add(
                f"{style}: cold under {COLD_LIMIT:g} s on every document up to {COLD_LIMIT_BYTES // 1_000_000} MB",
                f"{len(within) - len(slow)} of {len(within)} documents{worst}",
                _yes(not slow),
            )
        largest = sorted((item for item in rows.items() if item[1][0] >= LARGE_BYTES), key=lambda item: -item[1][0])[:3]
        for doc, (_, cold, edit) in largest:
            if isinstance(cold, Stats) and isinstance(edit, Stats):
                table.add(
                    f"{style}: `{doc}` one operation changed under {CHANGED_SHARE:g} of cold",
                    f"{edit.median:.2f} s vs {cold.median:.2f} s ({edit.median / cold.median:.2f})",
                    _yes(edit.median < CHANGED_SHARE * cold.median),
                )


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
