"""The sweep's results: one JSON line per (document, style), in a file per generator hash.

The generator hash is the sha256 of every source file under ``generator/`` and
``templates/`` (paths and bytes) and of ``requirements.lock``: any change to the
generator starts a new results file, so nothing measured on another generator
is reused. A line is appended and flushed per finished batch; a line cut short
by a kill is ignored when the file is read again, so an interrupted sweep
resumes after the last batch it finished.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

Record = dict[str, Any]
RECORD_FORMAT = 2
"""Records of another format were measured differently: swept again (2: type checks rerun past syntax errors)."""
IGNORED_PARTS = ("__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache")


def generator_hash(root: Path) -> str:
    digest = hashlib.sha256()
    files = [p for folder in ("generator", "templates") for p in sorted((root / folder).rglob("*")) if p.is_file()]
    files.append(root / "requirements.lock")
    for path in files:
        if any(part in IGNORED_PARTS for part in path.parts) or path.suffix == ".pyc" or not path.is_file():
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Results:
    """Records of one generator hash, keyed by (document key, style); later lines win."""

    def __init__(self, folder: Path, generator: str) -> None:
        self.generator = generator
        self.path = folder / f"results-{generator[:16]}.jsonl"
        self.runs_path = folder / f"runs-{generator[:16]}.jsonl"
        self.records: dict[tuple[str, str], Record] = {}
        for record in _read_lines(self.path):
            if record.get("generator") == generator and {"doc", "style", "sha256"} <= record.keys():
                self.records[(record["doc"], record["style"])] = record

    def done(self, key: str, sha256: str, style: str) -> bool:
        """Whether the record of (key, style) is of this document and complete (its type check finished)."""
        record = self.records.get((key, style))
        if record is None or record["sha256"] != sha256 or record.get("format") != RECORD_FORMAT:
            return False
        return not (record.get("typecheck") or {}).get("problem")

    def append(self, records: list[Record]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = "".join(
            json.dumps({**r, "generator": self.generator, "format": RECORD_FORMAT}, sort_keys=True) + "\n"
            for r in records
        )
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(lines)
            handle.flush()
            os.fsync(handle.fileno())
        for record in records:
            self.records[(record["doc"], record["style"])] = {
                **record,
                "generator": self.generator,
                "format": RECORD_FORMAT,
            }

    def log_run(self, run: Record) -> None:
        self.runs_path.parent.mkdir(parents=True, exist_ok=True)
        with self.runs_path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(run, sort_keys=True) + "\n")

    def runs(self) -> list[Record]:
        return list(_read_lines(self.runs_path))


def _read_lines(path: Path) -> list[Record]:
    if not path.is_file():
        return []
    found: list[Record] = []
    for line in path.read_text("utf-8", errors="replace").splitlines():
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short when the sweep was killed
        if isinstance(value, dict):
            found.append(value)
    return found
