"""Load every document of the real-world corpus and print a Markdown table of what became of it.

    python tests/corpus_report.py            # file, format, operations in the IR, result
    python tests/corpus_report.py --time     # ... and the seconds each document took

The corpus is ``../shared/corpus`` beside this repository; ``MANIFEST.tsv`` lists
its documents. ``tests/test_corpus_ir.py`` uses the same functions.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
MANIFEST = CORPUS / "MANIFEST.tsv"
LARGE_BYTES = 1_000_000
"""Documents above this size (Stripe, Kubernetes) take seconds each and are marked ``large_corpus``."""

if str(ROOT) not in sys.path:  # run as a script: make the generator importable
    sys.path.insert(0, str(ROOT))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.pipeline import build_api  # noqa: E402


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of MANIFEST.tsv."""

    file: str
    version: str
    operations: int
    webhooks: int
    bytes: int
    validation: str

    @property
    def path(self) -> Path:
        return CORPUS / self.file

    @property
    def format(self) -> str:
        return f"Swagger {self.version}" if self.version.startswith("2") else f"OpenAPI {self.version}"

    @property
    def large(self) -> bool:
        return self.bytes > LARGE_BYTES


@dataclass(frozen=True, slots=True)
class Outcome:
    entry: Entry
    operations: int | None
    """Operations in the IR, or None when the document did not load."""
    diagnostics: Diagnostics
    seconds: float

    @property
    def loaded(self) -> bool:
        return self.operations is not None

    @property
    def result(self) -> str:
        errors, warnings = len(self.diagnostics.errors), len(self.diagnostics.warnings)
        if self.loaded:
            return f"loaded ({warnings} warnings)" if warnings else "loaded"
        if not errors:
            return f"failed: no errors, {warnings} warnings"
        first = self.diagnostics.errors[0]
        where = ""
        if first.origin is not None:
            where = f" at `#{first.origin.pointer}" + (f":{first.line}`" if first.line is not None else "`")
        return f"failed: {errors} errors, {warnings} warnings; first {first.code}{where}"


def entries() -> list[Entry]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Entry(
            file=row["file"],
            version=row["openapi-version"],
            operations=int(row["operations"]),
            webhooks=int(row["webhooks"]),
            bytes=int(row["bytes"]),
            validation=row["validation"],
        )
        for row in rows
    ]


def load(entry: Entry) -> Outcome:
    """Run the front half of the pipeline on one document (default validation); exceptions propagate."""
    diagnostics = Diagnostics()
    start = time.perf_counter()
    api = build_api([entry.path], diagnostics=diagnostics)
    seconds = time.perf_counter() - start
    return Outcome(entry, len(api.operations) if api is not None else None, diagnostics, seconds)


def table(outcomes: list[Outcome], *, timings: bool = False) -> str:
    header = ["file", "format", "operations in the IR", "result"] + (["seconds"] if timings else [])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for o in outcomes:
        cells = [
            f"`{o.entry.file}`",
            o.entry.format,
            str(o.operations) if o.operations is not None else "-",
            o.result,
        ] + ([f"{o.seconds:.2f}"] if timings else [])
        lines.append("| " + " | ".join(cells) + " |")
    loaded = sum(o.loaded for o in outcomes)
    lines.append("")
    lines.append(f"{loaded} of {len(outcomes)} documents loaded; {len(outcomes) - loaded} failed with diagnostics.")
    if timings:
        lines.append(f"Total {sum(o.seconds for o in outcomes):.1f} s.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", action="store_true", help="add a column with the seconds each document took")
    args = parser.parse_args(argv)
    if not MANIFEST.is_file():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    print(table([load(entry) for entry in entries()], timings=args.time))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
