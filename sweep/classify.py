"""The failure class of one (document, style) outcome; the first that applies wins."""

from __future__ import annotations

from .store import Record

GENERATED = "generated"


def failure_class(record: Record) -> str:
    if record.get("timed_out"):
        return "timeout"
    if record.get("traceback"):
        return f"traceback printed: {record.get('exception') or '?'}"
    code = record["exit"]
    if code == 3:
        return f"exit 3 (internal error): {record.get('exception') or '?'}"
    if code == 2:
        return f"exit 2 (invalid input): {record.get('first_code') or 'no finding printed'}"
    if code != 0:
        return f"exit {code}"
    check = record.get("typecheck")
    tool = "mypy" if record["style"] == "python" else "tsc"
    if check is None:
        return f"{GENERATED} ({tool} not run)"
    if check.get("problem"):
        return f"{tool} did not finish"
    errors: dict[str, int] = check.get("errors") or {}
    if errors:
        first = str(check.get("first") or "")
        code_of_first = next((c for c in errors if f"[{c}]" in first or f"error {c}:" in first), None)
        code = code_of_first or max(errors, key=lambda c: errors[c])
        return f"ruff errors: {code[5:]}" if code.startswith("ruff:") else f"{tool} errors: {code}"
    tests = record.get("tests")
    if tests is not None and not tests.get("passed"):
        return "generated tests fail"
    return GENERATED


def generates(record: Record) -> bool:
    return not record.get("timed_out") and record["exit"] == 0
