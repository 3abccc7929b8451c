"""Running the TypeScript toolchain for the tests: tsc from ``node_modules`` and Node's own test runner.

The generated packages are compiled once per session (``tsc -p`` with each package's own
``tsconfig.json``, into a temporary folder) and their compiled output imported by the
Node scripts under ``tests/typescript/node``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "typescript"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
TYPE_ROOTS = ROOT / "node_modules" / "@types"
NODE_SCRIPTS = Path(__file__).resolve().parent / "node"
PACKAGES = {
    "topaz": ("topaz_images", "TopazImages"),
    "getty": ("getty_images", "GettyImages"),
    "toolkit": ("toolkit_images", "ToolkitImages"),
    "scenario": ("scenario_assets", "ScenarioAssets"),
}
TSC_TIMEOUT = 240.0
NODE_TIMEOUT = 120.0


def node_missing() -> str | None:
    """Why the TypeScript tests cannot run here, or None when they can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not TSC.exists():
        return "TypeScript is not installed: run `make node_modules` (npm ci from package-lock.json)"
    return None


@dataclass(frozen=True)
class Compiled:
    package: str
    out: Path
    returncode: int
    output: str

    @property
    def index(self) -> Path:
        return self.out / "src" / "index.js"

    @property
    def test_files(self) -> list[Path]:
        return sorted((self.out / "test").glob("*.test.js"))


def tsc(project: Path, *args: str, timeout: float = TSC_TIMEOUT) -> subprocess.CompletedProcess[str]:
    """``tsc -p project ARGS``; type roots from this repository, so a package anywhere finds ``@types/node``."""
    return subprocess.run(
        [str(TSC), "-p", str(project), "--pretty", "false", "--typeRoots", str(TYPE_ROOTS), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def compile_package(package_dir: Path, out: Path) -> Compiled:
    """Type-check and compile one package with its own tsconfig into ``out`` (an ES module tree)."""
    result = tsc(package_dir, "--strict", "--outDir", str(out))
    out.mkdir(parents=True, exist_ok=True)
    (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    return Compiled(package_dir.name, out, result.returncode, result.stdout + result.stderr)


def node(
    args: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = NODE_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        check=False,
    )


def node_test(files: Sequence[Path], *, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``node --test FILES`` with the TAP reporter, so the summary lines can be read."""
    return node(["--test", "--test-reporter=tap", *map(str, files)], env=env)


def tap_counts(output: str) -> dict[str, int]:
    """The ``# tests N``, ``# pass N``, ``# fail N`` summary of a TAP report."""
    counts: dict[str, int] = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "#" and parts[1] in ("tests", "pass", "fail") and parts[2].isdigit():
            counts[parts[1]] = int(parts[2])
    return counts
