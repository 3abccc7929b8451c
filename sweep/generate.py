"""Generate one document in one style as a bounded child, and read what it printed.

``generate --validation warn`` renders wherever the loaders can; the verdict of
the default mode (``--validation error``) needs no second run: the validation
mode only decides whether openapi-spec-validator's findings (E020) and those the
loaders read past (a ``$ref`` that resolves nowhere, an unknown ``type``) are
errors or warnings, so the default mode fails exactly when this run exits 2 or
prints a warning with an error's code (``warning[E020]``, ``warning[E010]``...).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from . import child
from .inputs import Document
from .store import Record

TIMEOUT = 120.0
FINDING = re.compile(r"(?P<severity>error|warning)\[(?P<code>[EW]\d{3})\]: (?P<message>.*)$")
INTERNAL = re.compile(r"^internal error: (?P<type>[A-Za-z_][\w.]*)")
EXCEPTION_LINE = re.compile(r"^(?P<type>[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Iteration))\b")
GENERATED = re.compile(
    r": (?P<operations>\d+) operations, (?P<schemas>\d+) schemas(?: \((?P<nodes>\d+) counting inline ones\))?"
    r"(?P<notes>(?:, [^,]*?)*) -> "
)
"""The ``generate`` line of a package: what it holds, then what it could not type or skipped."""
COUNTS = {
    "free_form": re.compile(r"(\d+) of (\d+) schemas free-form"),
    "unread": re.compile(r"(\d+) of (\d+) schemas unreadable"),
    "parameters_without_schema": re.compile(r"(\d+) parameters without a schema"),
    "bodies_without_schema": re.compile(r"(\d+) bodies without a schema"),
    "operations_skipped": re.compile(r"(\d+) operations skipped"),
}


def generate(document: Document, style: str, root: Path, out: Path, env: dict[str, str]) -> Record:
    argv = [sys.executable, "-m", "generator", "generate", "--spec", str(document.path.resolve())]
    argv += ["--name", document.package, "--out", str(out), "--style", style, "--validation", "warn"]
    done = child.run(argv, cwd=root, timeout=TIMEOUT, env=env)
    return {"style": style, **read_outcome(done)}


def read_outcome(done: child.Finished) -> Record:
    """Exit code, cost, first error, warning counts and the default mode's verdict of one run."""
    findings = [m for m in map(FINDING.search, done.stderr.splitlines()) if m]
    errors = [m for m in findings if m["severity"] == "error"]
    warnings = [m for m in findings if m["severity"] == "warning"]
    traceback = "Traceback (most recent call last)" in done.stderr
    exception = None
    for line in done.stderr.splitlines():
        internal = INTERNAL.match(line)
        if internal:
            exception = internal["type"]
    if traceback:
        tail = [m for m in map(EXCEPTION_LINE.match, done.stderr.splitlines()) if m]
        exception = tail[-1]["type"] if tail else exception
    lines = done.stderr.splitlines()
    first_error = next((line for line in lines if "error[" in line or "internal error" in line), None)
    if first_error is None and done.returncode != 0:
        first_error = next((line for line in reversed(done.stderr.splitlines()) if line.strip()), None)
    validation_findings = sum(1 for m in warnings if m["code"].startswith("E"))
    return {
        "exit": done.returncode,
        "seconds": round(done.seconds, 3),
        "peak_rss": done.peak_rss,
        "timed_out": done.timed_out,
        "traceback": traceback,
        "exception": exception,
        "first_error": first_error[:500] if first_error else None,
        "first_code": errors[0]["code"] if errors else None,
        "errors": len(errors),
        "warnings": len(warnings),
        "warning_codes": dict(sorted(Counter(m["code"] for m in warnings).items())),
        **coverage(done.stdout),
        "default_valid": _default_verdict(done, validation_findings),
    }


def coverage(stdout: str) -> Record:
    """The counts of the ``generate`` line: operations and schemas, typed as any and skipped.

    ``schema_nodes`` counts named and inline schemas; a generator older than that count on the line
    said it only with a schema typed as any, and otherwise it is the named schemas (an upper bound of a share).
    """
    line = next((m for m in map(GENERATED.search, stdout.splitlines()) if m), None)
    if line is None:
        return {}
    notes = line["notes"]
    found: Record = {"operations": int(line["operations"]), "schema_nodes": int(line["nodes"] or line["schemas"])}
    for key, pattern in COUNTS.items():
        match = pattern.search(notes)
        found[key] = int(match[1]) if match else 0
        if match and match.lastindex == 2:
            found["schema_nodes"] = int(match[2])
    return found


def _default_verdict(done: child.Finished, validation_findings: int) -> bool | None:
    """Would ``--validation error`` (the default) accept the document? None when the run did not finish."""
    if done.timed_out or done.returncode not in (0, 2):
        return None
    return done.returncode == 0 and validation_findings == 0
