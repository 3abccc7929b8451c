"""Markdown tables of measurements: a median with its spread (min-max over the runs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .runner import Series, Stats


@dataclass
class Table:
    """One section's table: a heading, column names, rows of cells, and notes printed under it."""

    section: str
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def markdown(self) -> str:
        lines = [f"### {self.title}", "", "| " + " | ".join(self.columns) + " |"]
        lines.append("|" + "|".join("---" for _ in self.columns) + "|")
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in self.rows]
        if self.notes:
            lines.append("")
            lines += self.notes
        return "\n".join(lines) + "\n"


def seconds(stats: Stats | None, status: str = "") -> str:
    if stats is None:
        return status or "n/a"
    return _spread(stats, _secs)


def mib(stats: Stats | None, status: str = "") -> str:
    if stats is None:
        return status or "n/a"
    return _spread(stats, lambda v: f"{v:.0f} MiB")


def series_time(series: Series) -> str:
    return seconds(series.seconds(), series.status)


def series_memory(series: Series) -> str:
    return mib(series.peak_mib(), series.status)


def runs(series: Series) -> str:
    return str(len(series.samples))


def ratio(ours: Stats | None, theirs: Stats | None) -> str:
    if ours is None or theirs is None or theirs.median == 0:
        return "n/a"
    return f"{ours.median / theirs.median:.2f}x"


def _secs(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _spread(stats: Stats, fmt: Callable[[float], str]) -> str:
    if stats.count == 1:
        return fmt(stats.median)
    return f"{fmt(stats.median)} ({fmt(stats.low)}-{fmt(stats.high)})"
