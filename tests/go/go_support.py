"""Running the Go toolchain for the tests: one shared build cache in the project, no network, local toolchain."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "go"
CACHE = ROOT / ".cache" / "go"
PACKAGES = {
    "topaz": "topaz_images",
    "getty": "getty_images",
    "toolkit": "toolkit_images",
    "scenario": "scenario_assets",
}
GO_TIMEOUT = 600.0


def go_missing() -> str | None:
    """Why the Go tests cannot run here, or None when they can."""
    if shutil.which("go") is None or shutil.which("gofmt") is None:
        return "Go is not installed: run `make test` (it installs golang-go) or apt-get install golang-go"
    return None


def go_env() -> dict[str, str]:
    return {
        **os.environ,
        "GOCACHE": str(CACHE / "build"),
        "GOPATH": str(CACHE / "path"),
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "GOFLAGS": "-buildvcs=false",
        "CGO_ENABLED": "0",
    }


def go(
    args: Sequence[str], cwd: Path, *, timeout: float = GO_TIMEOUT, work: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """A Go command in ``cwd``; with ``work``, in the workspace of that ``go.work`` (see ``workspace``)."""
    env = {**go_env(), "GOWORK": str(work)} if work is not None else go_env()
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def workspace(modules: Sequence[Path], work: Path) -> Path:
    """A ``go.work`` at ``work`` using ``modules`` (module folders), so one go command serves them all."""
    uses = "".join(f"\t{module.resolve()}\n" for module in modules)
    work.write_text(f"go 1.19\n\nuse (\n{uses})\n", encoding="utf-8")
    return work


def go_test_events(output: str) -> dict[str, list[dict[str, Any]]]:
    """``go test -json`` events by package."""
    events: dict[str, list[dict[str, Any]]] = {}
    for line in output.splitlines():
        if line.startswith("{"):
            event = json.loads(line)
            events.setdefault(event.get("Package", ""), []).append(event)
    return events


def generate(args: Sequence[str], *, seed: str = "0", timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` from the project's root."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        timeout=timeout,
        check=False,
    )


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
