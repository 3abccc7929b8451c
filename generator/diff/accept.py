"""Accepted changes (``--ignore FILE``) and the exit decision (``--fail-on``).

An ignore file holds one accepted change a line: ``rule-id`` (every change of that rule) or
``rule-id  location`` (only there: ``GET /images/{id}``, ``servers``, ``security scheme key``),
then an optional ``# comment``; blank lines and comment lines are skipped. A rule id that is not
in the table is an error at its line, so a typo never silently accepts nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..diagnostics import Diagnostic, Diagnostics
from ..immutable import immutable
from ..ir import Origin
from .model import Change
from .rules import RULES_BY_ID

MAX_IGNORE_BYTES = 1 << 20


@immutable
class Accepted:
    rule: str
    location: str | None
    line: int

    def matches(self, change: Change) -> bool:
        if change.kind != self.rule:
            return False
        return self.location is None or _location(self.location) == _location(change.where)


def _location(text: str) -> str:
    method, _, rest = text.strip().partition(" ")
    return f"{method.upper()} {' '.join(rest.split())}" if rest else method


def read_ignore_file(path: Path, diagnostics: Diagnostics) -> list[Accepted] | None:
    """The accepted changes of ``path``; None (with located errors) when it cannot be used."""
    origin = Origin(file=str(path))
    try:
        # opened without waiting (a FIFO with no writer), then refused unless a regular file
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                diagnostics.error("E068", "the ignore file is not a regular file", origin)
                return None
            data = stream.read(MAX_IGNORE_BYTES + 1)
    except OSError as exc:
        diagnostics.error("E001", f"cannot read the ignore file: {exc.strerror or exc}", origin)
        return None
    if len(data) > MAX_IGNORE_BYTES:
        diagnostics.error("E068", f"the ignore file is larger than {MAX_IGNORE_BYTES} bytes", origin)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        diagnostics.error("E068", f"the ignore file is not UTF-8 (byte {exc.start})", origin)
        return None
    accepted: list[Accepted] = []
    unknown: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        rule, _, location = line.partition(" ")
        rule = rule.strip()
        if rule not in RULES_BY_ID:
            unknown.append((number, rule))
            continue
        accepted.append(Accepted(rule, location.strip() or None, number))
    if unknown:
        number, rule = unknown[0]
        more = f" (and {len(unknown) - 1} more line(s))" if len(unknown) > 1 else ""
        message = f"unknown diff rule {rule[:80]!r}{more}; docs/diff-rules.md lists the rules"
        diagnostics.extend([Diagnostic(severity="error", code="E068", message=message, origin=origin, line=number)])
        return None
    return accepted


def split_accepted(changes: list[Change], accepted: list[Accepted]) -> tuple[list[Change], int]:
    """The changes no line accepts, and how many were accepted."""
    kept = [c for c in changes if not any(a.matches(c) for a in accepted)]
    return kept, len(changes) - len(kept)


def fails(changes: list[Change], fail_on: str) -> bool:
    """Whether ``--fail-on`` turns these changes into exit 1."""
    if fail_on == "any":
        return bool(changes)
    if fail_on == "breaking":
        return any(c.level == "breaking" for c in changes)
    if fail_on == "warning":
        return any(c.level in ("breaking", "warning") for c in changes)
    return False
