"""The generator's sections: the providers, the large corpus specs, openapi-python-client side by side, scaling."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

from . import opc
from .context import CORPUS, NOT_MEASURED, Context, cut_paths, load_document, operation_count, shown, spec_format
from .report import Table, mib, ratio, runs, series_memory, series_time
from .runner import ROOT, Series, repeat

SPECS = ROOT / "specs"
STRIPE = CORPUS / "oas30" / "stripe-spec3-2022-04-12.json"
KUBERNETES = CORPUS / "swagger2" / "kubernetes.json"
SMALL_OAS3 = CORPUS / "oas30" / "oai-petstore.yaml"
SMALL_SWAGGER2 = CORPUS / "swagger2" / "oai-petstore.yaml"
PACKAGE = "bench_client"


def providers() -> list[str]:
    return sorted(path.parent.name for path in SPECS.glob("*/provider.yaml"))


def large_specs(ctx: Context) -> list[Path]:
    return [SMALL_OAS3, SMALL_SWAGGER2] if ctx.smoke else [STRIPE, KUBERNETES]


def spec_args(spec: Path) -> Callable[[Path], list[str]]:
    return lambda out: ["generate", "--spec", str(spec), "--name", PACKAGE, "--out", str(out)]


def spec_label(spec: Path) -> str:
    return f"generate {shown(spec)}"


# --------------------------------------------------------------------------- providers


def section_providers(ctx: Context) -> Table:
    names = ["toolkit"] if ctx.smoke else providers()
    chosen = names if ctx.smoke else []  # all providers: exactly the command `make generate` runs
    table = Table(
        "providers",
        f"Providers: generate and check ({', '.join(names)})",
        ["command", "runs", "cold", "cold peak RSS", "warm", "warm peak RSS"],
    )
    generate_cmd = "generator generate" + "".join(f" {n}" for n in chosen)
    check_cmd = "generator check" + "".join(f" {n}" for n in chosen)
    cold, warm = ctx.cold_and_warm(
        generate_cmd, lambda out: ["--generated-dir", str(out), "generate", "-q", *chosen], ctx.runs
    )
    table.add(
        f"`{generate_cmd}`", runs(cold), series_time(cold), series_memory(cold), series_time(warm), series_memory(warm)
    )
    ctx.found["providers generate warm"] = warm.seconds()
    cold_check, warm_check = ctx.cold_and_warm(check_cmd, lambda _out: ["check", "-q", *chosen], ctx.runs, (0, 1))
    table.add(
        f"`{check_cmd}`",
        runs(cold_check),
        series_time(cold_check),
        series_memory(cold_check),
        series_time(warm_check),
        series_memory(warm_check),
    )
    ctx.found["providers check warm"] = warm_check.seconds()
    table.notes.append(
        "Cold: a new process with an empty `GENERATOR_CACHE_DIR` each run; `generate` writes into a new "
        "temporary folder (`--generated-dir`). Warm: a new process with the cache and the folder the last cold "
        "run left, as when the same command runs again with nothing changed. `check` compares with the "
        "committed `generated/`."
    )
    drift = [s for s in (*cold_check.samples, *warm_check.samples) if s.returncode == 1]
    if drift:
        table.notes.append(
            f"`check` exited 1 (generated/ out of date) in {len(drift)} of its runs; the time is that of a full check."
        )
    return table


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
            "runs",
            "cold",
            "cold peak RSS",
            "warm",
            "warm peak RSS",
            "warm --force",
            "warm --force peak RSS",
        ],
    )
    for spec in large_specs(ctx):
        if not spec.exists():
            table.add(f"`{shown(spec)}`", "", "", "0", "missing", "", "", "", "", "")
            continue
        document = load_document(spec)
        cold, warm = ctx.cold_and_warm(spec_label(spec), spec_args(spec), runs_large, force=True)
        forced = ctx.forced.get(spec_label(spec), Series((), note=NOT_MEASURED))
        table.add(
            f"`{shown(spec)}`",
            spec_format(document),
            str(operation_count(document)),
            runs(cold),
            series_time(cold),
            series_memory(cold),
            series_time(warm),
            series_memory(warm),
            series_time(forced),
            series_memory(forced),
        )
        ctx.found[f"corpus {spec.name} cold"] = cold.seconds()
        ctx.found[f"corpus {spec.name} warm"] = warm.seconds()
    table.notes.append(
        f"Command: `python -m generator generate --spec SPEC --name {PACKAGE} --out FOLDER`; cold: new cache and "
        "new FOLDER each run; warm: the cache and FOLDER of the last cold run (nothing changed: the package is "
        "skipped); warm --force: the same, rebuilt anyway (validation findings from the cache; load and render again). "
        f"Timeout {ctx.timeout:.0f} s a run (a run that fails or times out ends its series)."
    )
    return table


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
        [
            "input",
            "format",
            "operations",
            "runs",
            "ours cold",
            "ours warm",
            "openapi-python-client",
            "cold ratio",
            "warm ratio",
            "ours peak RSS (cold)",
            "theirs peak RSS",
            "memory ratio",
        ],
    )
    for label, spec in comparison_inputs(ctx):
        document = load_document(spec)
        fmt = spec_format(document)
        name = f"`{shown(spec)}`" if label == "corpus" else f"{label}: `{shown(spec)}`"
        ops = str(operation_count(document))
        large = label == "corpus" and not ctx.smoke
        count = min(ctx.runs, ctx.large_runs) if large else ctx.runs
        if not fmt.startswith("OpenAPI 3"):
            table.add(name, fmt, ops, "0", "n/a", "n/a", f"n/a ({fmt} is not read)", "n/a", "n/a", "", "", "")
            continue
        ours_cold, ours_warm = ctx.cold_and_warm(spec_label(spec), spec_args(spec), count)
        theirs = _theirs(ctx, spec, count) if executable is not None else Series((), note=version)
        cold_ratio = ratio(ours_cold.seconds(), theirs.seconds())
        warm_ratio = ratio(ours_warm.seconds(), theirs.seconds())
        memory_ratio = ratio(ours_cold.peak_mib(), theirs.peak_mib())
        table.add(
            name,
            fmt,
            ops,
            runs(ours_cold),
            series_time(ours_cold),
            series_time(ours_warm),
            series_time(theirs),
            cold_ratio,
            warm_ratio,
            series_memory(ours_cold),
            mib(theirs.peak_mib(), theirs.status),
            memory_ratio,
        )
    if executable is not None:
        table.notes.append(
            f"{version} ({opc.python_version()}), in `bench/.venv-opc` from `bench/requirements-opc.txt`, run as "
            "`openapi-python-client generate --path SPEC --output-path NEW_TEMP_FOLDER --overwrite "
            "--config bench/opc-config.yaml` (`literal_enums: true`; its default enum classes fail on Stripe). "
            "It runs ruff on its output; ours is written in black's form and runs no formatter. A run that exits "
            "non-zero or writes no package "
            "counts as failed. Ratios are ours / theirs on the medians: below 1 means ours is faster or smaller."
        )
    else:
        table.notes.append(f"openapi-python-client: {version}.")
    table.notes.append(
        "Ours: `generate --spec DOCUMENT` on that one document, cold and warm as above (the provider clients "
        "merge a provider's documents and overlays, which openapi-python-client cannot; so the same single "
        "document goes to both)."
    )
    return table


def _theirs(ctx: Context, spec: Path, count: int) -> Series:
    outs: list[Path] = []

    def prepare(index: int) -> tuple[list[str], dict[str, str]]:
        out = ctx.scratch(f"opc-{spec.stem}-{index}") / "client"
        outs.append(out)
        return opc.command(spec, out), ctx.env(ctx.work / "unused-cache")

    return repeat(
        f"openapi-python-client {shown(spec)}",
        count,
        prepare,
        timeout=ctx.timeout,
        produced=lambda index: opc.produced_package(outs[index]),
    )


# --------------------------------------------------------------------------- scaling


def section_scaling(ctx: Context) -> Table:
    source = SMALL_OAS3 if ctx.smoke else STRIPE
    count = ctx.runs if ctx.smoke else min(ctx.runs, ctx.large_runs)
    table = Table(
        "scaling",
        f"Scaling: `{shown(source)}` cut to 1/4, 1/2 and all of its operations (cold)",
        ["cut", "operations", "paths", "runs", "time", "peak RSS", "time per operation"],
    )
    if not source.exists():
        table.add("all", "", "", "0", "missing", "", "")
        return table
    document = load_document(source)
    points: list[tuple[int, float, float]] = []
    for label, fraction in (("1/4", 0.25), ("1/2", 0.5), ("all", 1.0)):
        if fraction < 1:
            cut, ops = cut_paths(document, fraction)
            spec = ctx.scratch(f"cut-{fraction}") / f"{source.stem}-{label.replace('/', 'of')}.json"
            spec.write_text(json.dumps(cut), encoding="utf-8")
        else:
            cut, ops, spec = document, operation_count(document), source
        cold, _warm = ctx.cold_and_warm(spec_label(spec), spec_args(spec), count, warm=False)
        time = cold.seconds()
        memory = cold.peak_mib()
        per_op = f"{time.median / ops * 1000:.1f} ms" if time is not None and ops else "n/a"
        table.add(
            label,
            str(ops),
            str(len(cut.get("paths") or {})),
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
        ctx.found["scaling exponent"] = exponent
        table.notes.append(
            f"Growth from {ops0} to {ops1} operations: time x {t1 / t0:.2f} for x {ops1 / ops0:.2f} operations, "
            f"i.e. time ∝ operations^{exponent:.2f} (1 is linear); peak RSS {m0:.0f} → {m1:.0f} MiB."
        )
    table.notes.append(
        "Each cut keeps every component and the first paths in document order until it holds the share of "
        "operations; written as JSON to a temporary folder and generated cold, as above."
    )
    return table
