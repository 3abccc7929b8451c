"""The generator's sections: the providers, the large corpus specs, openapi-python-client side by side, scaling."""

from __future__ import annotations

import functools
import json
import math
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.core.registry import BUILTIN

from . import changes, opc, synthetic
from .context import CORPUS, NOT_MEASURED, Context, cut_paths, load_document, operation_count, shown, spec_format
from .report import Table, mib, ratio, runs, series_memory, series_time
from .runner import ROOT, Job, Series, repeat_together

SPECS = ROOT / "specs"
STRIPE = CORPUS / "oas30" / "stripe-spec3-2022-04-12.json"
KUBERNETES = CORPUS / "swagger2" / "kubernetes.json"
SMALL_OAS3 = CORPUS / "oas30" / "oai-petstore.yaml"
SMALL_SWAGGER2 = CORPUS / "swagger2" / "oai-petstore.yaml"
PACKAGE = "bench_client"


STYLES = tuple(BUILTIN)
"""Every built-in style, in the registry's order: each generation section measures each of them."""
SMOKE_SECTIONS = ("corpus", "compare", "scaling", "synthetic", "wide")
"""The sections that, in a smoke run, measure one style each, in turn (``section_styles``)."""
CHANGED_PROVIDER = ("toolkit", "openapi.yaml")
"""The provider document "one operation changed" edits in the providers section."""


def section_styles(ctx: Context, section: str) -> tuple[str, ...]:
    """The styles ``section`` measures: every built-in one, but one in a smoke run, each section the next.

    A smoke run proves each section runs (the style is only an argument of the commands it times);
    the providers section measures every style even then, and the sections in turn name each one.
    """
    if not ctx.smoke:
        return STYLES
    return (STYLES[SMOKE_SECTIONS.index(section) % len(STYLES)],)


def providers() -> list[str]:
    return sorted(path.parent.name for path in SPECS.glob("*/provider.yaml"))


def large_specs(ctx: Context) -> list[tuple[Path, str]]:
    """The documents of the large section, each with the form its copy is written in (``.json`` or ``.yaml``).

    Stripe is also measured written as YAML: a YAML document is read by another parser than a JSON one.
    """
    if ctx.smoke:
        return [(SMALL_SWAGGER2, ".yaml")]
    return [(STRIPE, ".json"), (STRIPE, ".yaml"), (KUBERNETES, ".json")]


def spec_args(spec: Path, style: str) -> Callable[[Path], list[str]]:
    return lambda out: ["generate", "--spec", str(spec), "--name", PACKAGE, "--out", str(out), "--style", style]


def spec_label(spec: Path, style: str, form: str = "") -> str:
    written = f" written as {form[1:].upper()}" if form and form != spec.suffix else ""
    return f"generate {shown(spec)}{written} --style {style}"


def measure_spec(
    ctx: Context, spec: Path, style: str, count: int, *, force: bool = False, form: str = ""
) -> tuple[Series, Series]:
    """Cold and warm runs of ``generate --spec`` on a copy of ``spec``, then warm with one operation changed.

    The copy (same content, written as ``changes.write_variant`` writes it: JSON or YAML by ``form``,
    else by the suffix of ``spec``) lives in the scratch folder so the changed runs can rewrite it in
    place; a measurement already taken in this run is reused.
    """
    label = spec_label(spec, style, form)
    if label in ctx.memo:
        return ctx.memo[label]
    return _measure_copy(ctx, spec, style, count, spec_copy(ctx, spec, style, form), force=force, form=form)


def spec_copy(ctx: Context, spec: Path, style: str, form: str = "") -> Path:
    """The copy of ``spec`` that ``measure_spec`` runs on."""
    copy = ctx.scratch(f"copy-{spec.stem}-{form[1:]}-{style}") / (spec.stem + (form or spec.suffix))
    changes.write_variant(spec, copy, None)
    return copy


def _measure_copy(
    ctx: Context,
    spec: Path,
    style: str,
    count: int,
    copy: Path,
    *,
    force: bool = False,
    form: str = "",
    cold: tuple[Series, list[Path]] | None = None,
) -> tuple[Series, Series]:
    """``measure_spec`` on its ``copy``, the cold runs given (``cold``) or made here."""
    return ctx.cold_and_warm(
        spec_label(spec, style, form),
        spec_args(copy, style),
        count,
        force=force,
        change=lambda index: changes.write_variant(spec, copy, index),
        cold=cold,
    )


def changed_series(ctx: Context, spec: Path, style: str, form: str = "") -> Series:
    return ctx.changed.get(spec_label(spec, style, form), Series((), note=NOT_MEASURED))


# --------------------------------------------------------------------------- providers


def section_providers(ctx: Context) -> Table:
    names = ["toolkit"] if ctx.smoke else providers()
    chosen = names if ctx.smoke else []  # all providers: exactly the command `make generate` runs
    table = Table(
        "providers",
        f"Providers: generate and check ({', '.join(names)})",
        [
            "command",
            "runs",
            "cold",
            "cold peak RSS",
            "warm",
            "warm peak RSS",
            "one operation changed",
            "changed peak RSS",
        ],
    )
    for style in STYLES:
        specs = ctx.scratch(f"specs-{style}") / "specs"
        shutil.copytree(SPECS, specs)
        edited = specs / CHANGED_PROVIDER[0] / CHANGED_PROVIDER[1]
        original = SPECS / CHANGED_PROVIDER[0] / CHANGED_PROVIDER[1]
        changes.write_variant(original, edited, None)
        generate_cmd = f"generator generate --style {style}" + "".join(f" {n}" for n in chosen)
        cold, warm = ctx.cold_and_warm(
            generate_cmd,
            functools.partial(_provider_args, specs, style, chosen),
            ctx.runs,
            change=functools.partial(changes.write_variant, original, edited),
        )
        edit = ctx.changed.get(generate_cmd, Series((), note=NOT_MEASURED))
        table.add(
            f"`{generate_cmd}`",
            runs(cold),
            series_time(cold),
            series_memory(cold),
            series_time(warm),
            series_memory(warm),
            series_time(edit),
            series_memory(edit),
        )
        ctx.found[f"providers generate warm {style}"] = warm.seconds()
        ctx.found[f"providers changed {style}"] = edit.seconds()
    for style in STYLES:
        check_cmd = f"generator check --style {style}" + "".join(f" {n}" for n in chosen)
        cold_check, warm_check = ctx.cold_and_warm(
            check_cmd, functools.partial(_check_args, style, chosen), ctx.runs, (0, 1)
        )
        table.add(
            f"`{check_cmd}`",
            runs(cold_check),
            series_time(cold_check),
            series_memory(cold_check),
            series_time(warm_check),
            series_memory(warm_check),
            "",
            "",
        )
        ctx.found[f"providers check warm {style}"] = warm_check.seconds()
        drift = [s for s in (*cold_check.samples, *warm_check.samples) if s.returncode == 1]
        if drift:
            table.notes.append(
                f"`{check_cmd}` exited 1 (generated/ out of date) in {len(drift)} of its runs; "
                "the time is that of a full check."
            )
    table.notes.append(
        "Cold: a new process with an empty `GENERATOR_CACHE_DIR` each run; `generate` reads a copy of `specs/` "
        "(`--specs-dir`) and writes into a new temporary folder (`--generated-dir`). Warm: a new process with the "
        "cache and the folder the last cold run left, as when the same command runs again with nothing changed. "
        f"One operation changed: then the description of the first operation of `{CHANGED_PROVIDER[0]}/"
        f"{CHANGED_PROVIDER[1]}` is changed (differently each run) and the same command runs again on that warm "
        "state: one package is rebuilt, the others are skipped. `check` compares with the committed `generated/`."
    )
    return table


def _provider_args(specs: Path, style: str, chosen: list[str], out: Path) -> list[str]:
    return ["--specs-dir", str(specs), "--generated-dir", str(out), "generate", "-q", "--style", style, *chosen]


def _check_args(style: str, chosen: list[str], _out: Path) -> list[str]:
    return ["check", "-q", "--style", style, *chosen]


# --------------------------------------------------------------------------- large specs


def section_corpus(ctx: Context) -> Table:
    runs_large = ctx.runs if ctx.smoke else min(ctx.runs, ctx.large_runs)
    table = Table(
        "corpus",
        "Large specs: generate --spec",
        [
            "spec",
            "format",
            "operations",
            "style",
            "runs",
            "cold",
            "cold peak RSS",
            "warm",
            "warm --force",
            "warm --force peak RSS",
            "one operation changed",
            "changed peak RSS",
        ],
    )
    for spec, form in large_specs(ctx):
        written = "" if form == spec.suffix else f" written as {form[1:].upper()}"
        if not spec.exists():
            table.add(f"`{shown(spec)}`{written}", "", "", "", "0", "missing", "", "", "", "", "", "")
            continue
        document = load_document(spec)
        for style in section_styles(ctx, "corpus"):
            cold, warm = measure_spec(ctx, spec, style, runs_large, force=True, form=form)
            forced = ctx.forced.get(spec_label(spec, style, form), Series((), note=NOT_MEASURED))
            edit = changed_series(ctx, spec, style, form)
            table.add(
                f"`{shown(spec)}`{written}",
                spec_format(document),
                str(operation_count(document)),
                style,
                runs(cold),
                series_time(cold),
                series_memory(cold),
                series_time(warm),
                series_time(forced),
                series_memory(forced),
                series_time(edit),
                series_memory(edit),
            )
            if written:  # the document's targets are read from its own form
                continue
            ctx.found[f"corpus {spec.name} {style} cold"] = cold.seconds()
            ctx.found[f"corpus {spec.name} {style} warm"] = warm.seconds()
            record_document(ctx, spec, style, cold, edit)
    table.notes.append(
        f"Command: `python -m generator generate --spec SPEC --name {PACKAGE} --out FOLDER --style STYLE` on a "
        "copy of SPEC; cold: new cache and new FOLDER each run; warm: the cache and FOLDER of the last cold run "
        "(nothing changed: the package is skipped); warm --force: the same, rebuilt anyway (validation findings "
        "from the cache; load and render again); one operation changed: the description of the first operation "
        "in the copy changed (differently each run), then the same command on that warm state (validated, "
        "loaded and rendered again). Written as YAML: the copy is the document as PyYAML's `safe_dump` writes it. "
        f"Timeout {ctx.timeout:.0f} s a run (a run that fails or times out ends its "
        "series)."
    )
    return table


def record_document(ctx: Context, spec: Path, style: str, cold: Series, edit: Series) -> None:
    """What the targets table reads about one document: its size and its cold and changed medians."""
    documents: dict[tuple[str, str], tuple[int, Any, Any]] = ctx.found.setdefault("documents", {})
    documents[(shown(spec), style)] = (spec.stat().st_size, cold.seconds(), edit.seconds())


# --------------------------------------------------------------------------- openapi-python-client


def comparison_inputs(ctx: Context) -> list[tuple[str, Path]]:
    """(label, document) for each provider document, then the large OpenAPI 3.x spec."""
    inputs: list[tuple[str, Path]] = []
    for name in ["toolkit"] if ctx.smoke else providers():
        provider = load_document(SPECS / name / "provider.yaml")
        for document in provider.get("documents", []):
            inputs.append((name, SPECS / name / str(document)))
    large = SMALL_OAS3 if ctx.smoke else STRIPE
    if large.exists():
        inputs.append(("corpus", large))
    return inputs


def section_compare(ctx: Context) -> Table:
    executable, version = opc.ensure(install=ctx.install_opc)
    table = Table(
        "compare",
        "Side by side: openapi-python-client on the same OpenAPI 3.x documents",
        COMPARE_COLUMNS,
    )
    for label, spec in comparison_inputs(ctx):
        large = label == "corpus" and not ctx.smoke
        count = min(ctx.runs, ctx.large_runs) if large else ctx.runs
        name = f"`{shown(spec)}`" if label == "corpus" else f"{label}: `{shown(spec)}`"
        compare_rows(ctx, table, name, spec, count, executable is not None, section_styles(ctx, "compare"))
    table.notes += compare_notes(executable is not None, version)
    table.notes.append(
        "Ours: `generate --spec DOCUMENT --style STYLE` on that one document, cold, warm and one operation "
        "changed as above (the provider clients merge a provider's documents and overlays, which "
        "openapi-python-client cannot; so the same single document goes to both)."
    )
    return table


COMPARE_COLUMNS = [
    "input",
    "format",
    "operations",
    "style",
    "runs",
    "ours cold",
    "ours warm",
    "one operation changed",
    "openapi-python-client",
    "cold ratio",
    "ours peak RSS (cold)",
    "theirs peak RSS",
    "memory ratio",
]


def compare_rows(
    ctx: Context, table: Table, name: str, spec: Path, count: int, installed: bool, styles: tuple[str, ...]
) -> None:
    """One row per style: ours on ``spec`` beside openapi-python-client's runs on it (the same for every row)."""
    document = load_document(spec)
    fmt = spec_format(document)
    ops = str(operation_count(document))
    if not fmt.startswith("OpenAPI 3"):
        table.add(name, fmt, ops, "", "0", "n/a", "n/a", "n/a", f"n/a ({fmt} is not read)", "n/a", "", "", "")
        return
    # the cold runs in turns: openapi-python-client's first, then each style's first, then the second of each, ...
    jobs: list[Job] = []
    key = _opc_key(spec)
    fresh = installed and key not in ctx.memo
    theirs_outs: list[Path] = []
    if fresh:
        job, theirs_outs = opc_job(ctx, spec)
        jobs.append(job)
    copies = {s: spec_copy(ctx, spec, s) for s in styles if spec_label(spec, s) not in ctx.memo}
    folders: dict[str, list[Path]] = {}
    for style, copy in copies.items():
        job, folders[style] = ctx.cold_job(spec_label(spec, style), spec_args(copy, style))
        jobs.append(job)
    made = iter(repeat_together(jobs, count))
    if fresh:
        _opc_made(ctx, key, next(made), theirs_outs)
    colds = {style: (next(made), folders[style]) for style in copies}
    theirs = theirs_series(ctx, spec, count) if installed else Series((), note="not installed")
    for style in styles:
        if style in copies:
            ours_cold, ours_warm = _measure_copy(ctx, spec, style, count, copies[style], cold=colds[style])
        else:
            ours_cold, ours_warm = measure_spec(ctx, spec, style, count)
        edit = changed_series(ctx, spec, style)
        table.add(
            name,
            fmt,
            ops,
            style,
            runs(ours_cold),
            series_time(ours_cold),
            series_time(ours_warm),
            series_time(edit),
            series_time(theirs),
            ratio(ours_cold.seconds(), theirs.seconds()),
            series_memory(ours_cold),
            mib(theirs.peak_mib(), theirs.status),
            ratio(ours_cold.peak_mib(), theirs.peak_mib()),
        )
        record_document(ctx, spec, style, ours_cold, edit)
        compared: dict[tuple[str, str], tuple[Any, Any, Any, Any]] = ctx.found.setdefault("compared", {})
        compared[(shown(spec), style)] = (
            ours_cold.seconds(),
            theirs.seconds(),
            ours_cold.peak_mib(),
            theirs.peak_mib(),
        )


def compare_notes(installed: bool, version: str) -> list[str]:
    if not installed:
        return [f"openapi-python-client: {version}."]
    return [
        f"{version} ({opc.python_version()}), in `bench/.venv-opc` from `bench/requirements-opc.txt`, run as "
        "`openapi-python-client generate --path SPEC --output-path NEW_TEMP_FOLDER --overwrite "
        "--config bench/opc-config.yaml` (`literal_enums: true`; its default enum classes fail on Stripe), "
        f"its address space held under {opc.MEMORY_LIMIT_GIB} GiB. "
        "It runs ruff on its output; ours writes Python in black's form and TypeScript in its final form without "
        "a formatter, and runs gofmt on Go. A run that exits "
        "non-zero or writes no package counts as failed. The cold runs of a document take turns (theirs, then "
        "each style's, then the second of each, ...), so a drift of the machine's speed moves both sides alike. "
        "Ratios are ours / theirs on the medians: below 1 means "
        "ours is faster or smaller; openapi-python-client writes Python, so the rows of the other styles "
        "compare a different output with the same reference."
    ]


def theirs_series(ctx: Context, spec: Path, count: int) -> Series:
    """openapi-python-client's runs on ``spec`` (measured once per run of the benchmark)."""
    key = _opc_key(spec)
    if key not in ctx.memo:
        job, outs = opc_job(ctx, spec)
        _opc_made(ctx, key, repeat_together([job], count)[0], outs)
    return ctx.memo[key][0]


def _opc_key(spec: Path) -> str:
    """What openapi-python-client's runs on ``spec`` are labelled and kept under."""
    return f"openapi-python-client {shown(spec)}"


def opc_job(ctx: Context, spec: Path) -> tuple[Job, list[Path]]:
    """openapi-python-client's runs on ``spec`` as a job, and the folders they write (filled as they run)."""
    outs: list[Path] = []

    def prepare(index: int) -> tuple[list[str], dict[str, str]]:
        out = ctx.scratch(f"opc-{spec.stem}-{index}") / "client"
        outs.append(out)
        return opc.command(spec, out), ctx.env(ctx.work / "unused-cache")

    job = Job(
        _opc_key(spec),
        prepare,
        timeout=ctx.opc_timeout,
        produced=lambda index: opc.produced_package(outs[index]),
        memory_limit=opc.MEMORY_LIMIT_GIB * 1024**3,
    )
    return job, outs


def _opc_made(ctx: Context, key: str, series: Series, outs: list[Path]) -> None:
    """openapi-python-client's runs kept for the rest of the benchmark, their folders removed."""
    for out in outs:
        shutil.rmtree(out.parent, ignore_errors=True)
    ctx.memo[key] = (series, Series((), note=NOT_MEASURED))


# --------------------------------------------------------------------------- scaling


def section_scaling(ctx: Context) -> Table:
    source = SMALL_OAS3 if ctx.smoke else STRIPE
    count = ctx.runs if ctx.smoke else min(ctx.runs, ctx.large_runs)
    table = Table(
        "scaling",
        f"Scaling: `{shown(source)}` cut to 1/4, 1/2 and all of its operations (cold)",
        ["cut", "operations", "paths", "style", "runs", "time", "peak RSS", "time per operation"],
    )
    if not source.exists():
        table.add("all", "", "", "", "0", "missing", "", "")
        return table
    document = load_document(source)
    for style in section_styles(ctx, "scaling"):
        points: list[tuple[int, float, float]] = []
        for label, fraction in (("1/4", 0.25), ("1/2", 0.5), ("all", 1.0)):
            if fraction < 1:
                cut, ops = cut_paths(document, fraction)
                spec = ctx.scratch(f"cut-{fraction}") / f"{source.stem}-{label.replace('/', 'of')}.json"
                spec.write_text(json.dumps(cut), encoding="utf-8")
                cold, _warm = ctx.cold_and_warm(spec_label(spec, style), spec_args(spec, style), count, warm=False)
            else:
                cut, ops = document, operation_count(document)
                cold, _warm = measure_spec(ctx, source, style, count)
            time = cold.seconds()
            memory = cold.peak_mib()
            per_op = f"{time.median / ops * 1000:.1f} ms" if time is not None and ops else "n/a"
            table.add(
                label,
                str(ops),
                str(len(cut.get("paths") or {})),
                style,
                runs(cold),
                series_time(cold),
                series_memory(cold),
                per_op,
            )
            if time is not None and memory is not None:
                points.append((ops, time.median, memory.median))
        if len(points) >= 2 and points[0][0] != points[-1][0] and points[0][1] > 0:
            (ops0, t0, m0), (ops1, t1, m1) = points[0], points[-1]
            exponent = math.log(t1 / t0) / math.log(ops1 / ops0)
            table.notes.append(
                f"{style}: from {ops0} to {ops1} operations, time x {t1 / t0:.2f} for x {ops1 / ops0:.2f} "
                f"operations, i.e. time ∝ operations^{exponent:.2f} (1 is linear); peak RSS {m0:.0f} → {m1:.0f} MiB."
            )
    table.notes.append(
        "Each cut keeps every component and the first paths in document order until it holds the share of "
        "operations; written as JSON to a temporary folder and generated cold, as above."
    )
    return table


def section_synthetic(ctx: Context) -> Table:
    sizes = synthetic.SMOKE_SIZES if ctx.smoke else synthetic.SIZES
    count = ctx.runs if ctx.smoke else min(ctx.runs, ctx.large_runs)
    table = Table(
        "synthetic",
        f"Synthetic documents of {', '.join(str(n) for n in sizes)} operations (cold)",
        ["operations", "style", "runs", "time", "time minus empty", "peak RSS", "time per operation"],
    )
    folder = ctx.scratch("synthetic")
    specs = {n: synthetic.write(folder, n) for n in sizes}
    for style in section_styles(ctx, "synthetic"):
        medians: dict[int, float] = {}
        for n, spec in specs.items():
            cold, _warm = ctx.cold_and_warm(spec_label(spec, style), spec_args(spec, style), count, warm=False)
            time = cold.seconds()
            if time is not None:
                medians[n] = time.median
            empty = medians.get(0)
            net = time.median - empty if time is not None and empty is not None and n else None
            table.add(
                str(n),
                style,
                runs(cold),
                series_time(cold),
                "" if net is None else seconds_text(net),
                series_memory(cold),
                f"{net / n * 1000:.2f} ms" if net is not None else "",
            )
        if 0 in medians:
            fit = synthetic.exponent([(n, t) for n, t in medians.items() if n], medians[0])
            ctx.found[f"synthetic exponent {style}"] = fit
            shown_fit = "n/a" if fit is None else f"{fit:.2f}"
            table.notes.append(
                f"{style}: least-squares slope of log(time - empty) on log(operations) over "
                f"{', '.join(str(n) for n in sizes if n)}: {shown_fit} (1 is linear)."
            )
    table.notes.append(
        "Each document (`bench/synthetic.py`): 20 tags, 50 shared models, N operations on N/2 paths (a get with "
        "a path and two query parameters, a post with a JSON body); 0 is the empty document, whose time is what "
        "every run pays before the first operation. Command: `generate --spec DOC --style STYLE`, cold as above."
    )
    return table


def seconds_text(value: float) -> str:
    return f"{value * 1000:.0f} ms" if abs(value) < 1 else f"{value:.2f} s"
