"""Drift between what the generator produces now and what is committed under ``generated/``.

``check`` compares file by file: changed files come with a unified diff, files
no longer produced (stale) or not yet written (missing) are listed, and the lock
files say why: which input changed, or which file was edited by hand. A package formatted
by another formatter version (the lock's ``style.formatter``: black, gofmt) is not compared
file by file: one line says which version made it and which one is here. What the
package's ``.gitignore`` lists (``node_modules/``, ``.venv/``, build outputs) is
the user's and is not compared, as are the files a style creates once for the user
(``_custom.py``, ``src/custom.ts``): only their absence is drift.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .build import Output
from .ignore import IGNORE_NAME, Ignore, list_folder
from .lock import LOCK_NAME, explain, formatter_change
from .sources import display_path

MAX_DIFF_LINES = 400


@dataclass(slots=True)
class Drift:
    changed: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    not_compared: list[Path] = field(default_factory=list)
    """Packages formatted by another formatter version than this machine's (said in ``reasons``)."""
    diff: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    """Why, from the lock files: inputs changed, tools changed, files edited by hand."""

    @property
    def clean(self) -> bool:
        return not (self.changed or self.stale or self.missing or self.not_compared)


def compare(outputs: list[Output]) -> Drift:
    drift = Drift()
    for output in outputs:
        root = output.target.out
        formatters = formatter_change(root, output.files[LOCK_NAME]) if LOCK_NAME in output.files else None
        if formatters is not None:  # another formatter's output: a diff of every file would say nothing
            drift.not_compared.append(root)
            drift.reasons.append(
                f"{output.target.label} ({output.target.style}): files not compared: formatted with {formatters[0]},"
                f" this machine has {formatters[1]} (check with {formatters[0]}, or run `make generate`)"
            )
            continue
        ignore = Ignore.from_bytes(output.files.get(IGNORE_NAME))
        on_disk = set(list_folder(root, ignore, output.files).files) if root.is_dir() else set()
        drift.missing.extend(root / p for p in output.once if p not in on_disk)
        for relative, data in output.files.items():
            path = root / relative
            if relative not in on_disk:
                drift.missing.append(path)
                continue
            current = path.read_bytes()
            if current != data:
                drift.changed.append(path)
                drift.diff.extend(_unified(path, current, data))
        drift.stale.extend(root / p for p in sorted(on_disk - output.files.keys() - output.once.keys()))
        if any(p.is_relative_to(root) for p in [*drift.changed, *drift.stale, *drift.missing]):
            drift.reasons.extend(_reasons(output))
    return drift


def _reasons(output: Output) -> list[str]:
    changes = explain(output.target.out, output.files[LOCK_NAME])
    label = f"{output.target.label} ({output.target.style})"
    return (
        [f"{label}: input {name}" for name in changes.inputs_changed]
        + [f"{label}: {change}" for change in changes.tools_changed]
        + [f"hand-edited: {path}" for path in changes.hand_edited]
    )


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
    lines.extend(drift.reasons)
    return lines
