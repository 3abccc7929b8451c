"""Drift between what the generator produces now and what is committed under ``generated/``.

``check`` compares file by file: changed files come with a unified diff, and
files no longer produced (stale) or not yet written (missing) are listed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .build import Output
from .sources import display_path

MAX_DIFF_LINES = 400


@dataclass(slots=True)
class Drift:
    changed: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.changed or self.stale or self.missing)


def compare(outputs: list[Output]) -> Drift:
    drift = Drift()
    for output in outputs:
        root = output.target.out
        on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} if root.is_dir() else set()
        on_disk = {p for p in on_disk if "__pycache__" not in p and not p.endswith(".pyc")}
        for relative, data in output.files.items():
            path = root / relative
            if relative not in on_disk:
                drift.missing.append(path)
                continue
            current = path.read_bytes()
            if current != data:
                drift.changed.append(path)
                drift.diff.extend(_unified(path, current, data))
        drift.stale.extend(root / p for p in sorted(on_disk - output.files.keys()))
    return drift


def _unified(path: Path, current: bytes, expected: bytes) -> list[str]:
    name = display_path(path)
    old = current.decode("utf-8", "replace").splitlines(keepends=True)
    new = expected.decode("utf-8", "replace").splitlines(keepends=True)
    return list(difflib.unified_diff(old, new, fromfile=f"{name} (committed)", tofile=f"{name} (generated)"))


def report(drift: Drift) -> list[str]:
    """The lines ``check`` prints: the diff (bounded), then the lists of files."""
    lines = [line.rstrip("\n") for line in drift.diff[:MAX_DIFF_LINES]]
    if len(drift.diff) > MAX_DIFF_LINES:
        lines.append(f"... {len(drift.diff) - MAX_DIFF_LINES} more diff lines")
    for label, paths in (("changed", drift.changed), ("stale", drift.stale), ("missing", drift.missing)):
        for path in paths:
            lines.append(f"{label}: {display_path(path)}")
    return lines
