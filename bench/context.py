"""What every section shares: the options, a scratch folder, and measurements already taken in this run."""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .runner import ROOT, Job, Series, repeat, repeat_together

CORPUS = ROOT.parent / "shared" / "corpus"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
GENERATOR = [sys.executable, "-m", "generator"]
NOT_MEASURED = "not measured"


@dataclass
class Context:
    runs: int
    large_runs: int
    timeout: float
    smoke: bool
    work: Path
    install_opc: bool
    opc_timeout: float
    wide_runs: int
    wide_max_mb: float | None
    memo: dict[str, tuple[Series, Series]] = field(default_factory=dict)
    forced: dict[str, Series] = field(default_factory=dict)
    """Warm runs with ``--force``, by label: caches filled, output in place, yet every package rebuilt."""
    changed: dict[str, Series] = field(default_factory=dict)
    """Warm runs after one operation of the input changed, by label (see ``cold_and_warm``)."""
    found: dict[str, Any] = field(default_factory=dict)
    """Medians the targets table reads, by name (seconds, MiB, ratios), filled by the sections."""
    _count: int = 0

    def scratch(self, label: str) -> Path:
        """A new empty folder under the run's scratch folder."""
        self._count += 1
        folder = self.work / f"{self._count:04d}-{_slug(label)}"
        folder.mkdir(parents=True)
        return folder

    def env(self, cache: Path) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("GENERATOR_NO_CACHE", None)
        env["GENERATOR_CACHE_DIR"] = str(cache)
        return env

    def cold_job(
        self, label: str, args: Callable[[Path], list[str]], ok_codes: tuple[int, ...] = (0,)
    ) -> tuple[Job, list[Path]]:
        """The cold runs of ``cold_and_warm`` as a job, and the folders its runs make (filled as they run)."""
        runs_dirs: list[Path] = []

        def cold(index: int) -> tuple[list[str], dict[str, str]]:
            folder = self.scratch(f"{label}-cold-{index}")
            runs_dirs.append(folder)
            return [*GENERATOR, *args(folder / "out")], self.env(folder / "cache")

        return Job(f"{label} cold", cold, self.timeout, ok_codes), runs_dirs

    def cold_and_warm(
        self,
        label: str,
        args: Callable[[Path], list[str]],
        runs: int,
        ok_codes: tuple[int, ...] = (0,),
        *,
        warm: bool = True,
        force: bool = False,
        change: Callable[[int], object] | None = None,
        cold: tuple[Series, list[Path]] | None = None,
    ) -> tuple[Series, Series]:
        """Our generator, ``args(out_folder)``: cold, then warm.

        Cold: a new process, an empty cache and a new output folder each run. Warm: the
        cache and the output folder the last cold run left, as when a user runs the same
        command again with nothing changed. With ``force``, warm runs are also measured
        with ``--force`` (into ``self.forced``): every package rebuilt from the caches.
        A measurement already taken in this run under ``label`` is reused. With
        ``warm=False`` only the cold runs are made. With ``change``, after the warm runs
        ``change(index)`` (untimed) rewrites the input with one operation changed, a
        different change each run, and the same command runs on the warm state
        (into ``self.changed``): what an edit of one operation costs. ``cold``: the cold runs already made (a
        ``cold_job`` run by ``repeat_together`` in turns with others) and their folders.
        """
        if label in self.memo and (not warm or self.memo[label][1].note != NOT_MEASURED):
            return self.memo[label]
        if cold is None:
            job, runs_dirs = self.cold_job(label, args, ok_codes)
            cold_series = repeat_together([job], runs)[0]
        else:
            cold_series, runs_dirs = cold
        warm_dirs: list[Path] = []
        if not warm:
            warm_series = Series((), note=NOT_MEASURED)
        elif cold_series.status != "ok":
            warm_series = Series((), note=f"not run: cold {cold_series.status}")
        else:
            # The last cold run filled its cache and wrote its output: both are the warm state.
            warm_cache, warm_out = runs_dirs[-1] / "cache", runs_dirs[-1] / "out"

            def warm_run(index: int) -> tuple[list[str], dict[str, str]]:
                return [*GENERATOR, *args(warm_out)], self.env(warm_cache)

            def forced_run(index: int) -> tuple[list[str], dict[str, str]]:
                return [*GENERATOR, *args(warm_out), "--force"], self.env(warm_cache)

            warm_series = repeat(f"{label} warm", runs, warm_run, timeout=self.timeout, ok_codes=ok_codes)
            if force:
                self.forced[label] = repeat(
                    f"{label} warm --force", runs, forced_run, timeout=self.timeout, ok_codes=ok_codes
                )
            if change is not None:
                edit = change

                def changed_run(index: int) -> tuple[list[str], dict[str, str]]:
                    edit(index)
                    return warm_run(index)

                self.changed[label] = repeat(
                    f"{label} one operation changed", runs, changed_run, timeout=self.timeout, ok_codes=ok_codes
                )
        _remove(warm_dirs)
        _remove(runs_dirs)
        self.memo[label] = (cold_series, warm_series)
        return cold_series, warm_series

    def cleanup(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def new_context(
    *,
    runs: int,
    large_runs: int,
    timeout: float,
    smoke: bool,
    install_opc: bool,
    opc_timeout: float,
    wide_runs: int,
    wide_max_mb: float | None,
) -> Context:
    work = Path(tempfile.mkdtemp(prefix="image-client-bench-"))
    return Context(runs, large_runs, timeout, smoke, work, install_opc, opc_timeout, wide_runs, wide_max_mb)


def load_document(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def operation_count(document: Any) -> int:
    paths = document.get("paths") or {}
    return sum(_operations(item) for item in paths.values())


def _operations(item: Any) -> int:
    return sum(1 for method in HTTP_METHODS if isinstance(item, dict) and method in item)


def cut_paths(document: dict[str, Any], fraction: float) -> tuple[dict[str, Any], int]:
    """A copy of ``document`` with every component but only its first paths, covering ``fraction`` of the operations."""
    paths: dict[str, Any] = document.get("paths") or {}
    wanted = math.ceil(operation_count(document) * fraction)
    kept: dict[str, Any] = {}
    count = 0
    for name, item in paths.items():
        if count >= wanted:
            break
        kept[name] = item
        count += _operations(item)
    return {**document, "paths": kept}, count


def spec_format(document: Any) -> str:
    if isinstance(document, dict) and "swagger" in document:
        return f"Swagger {document['swagger']}"
    if isinstance(document, dict) and "openapi" in document:
        return f"OpenAPI {document['openapi']}"
    return "unknown"


def shown(path: Path) -> str:
    """A path as the tables show it: relative to the repository when it is inside or beside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        try:
            return "../" + str(path.resolve().relative_to(ROOT.parent))
        except ValueError:
            return str(path)


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    folders.clear()


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text)[:60]
