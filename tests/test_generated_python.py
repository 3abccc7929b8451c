"""The committed Python packages: up to date, deterministic, typed, lint-clean and importable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated" / "python"
PACKAGES = sorted(p.name for p in GENERATED.iterdir() if (p / "pyproject.toml").is_file()) if GENERATED.is_dir() else []


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=env, check=False
    )


def test_four_packages_are_committed() -> None:
    assert PACKAGES == ["getty_images", "scenario_assets", "toolkit_images", "topaz_images"]


def test_generated_matches_the_generator() -> None:
    result = run("-m", "generator", "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_same_inputs_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = run("-m", "generator", "--generated-dir", str(out), "generate", "-q", env=env)
        assert result.returncode == 0, result.stderr
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]
    assert len(trees[0]) > 40


def test_mypy_strict_passes_on_every_package_and_its_tests() -> None:
    paths = [str(GENERATED / name / folder) for name in PACKAGES for folder in (name, "tests")]
    result = run("-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.11", *paths, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-5000:]


def test_black_leaves_every_package_as_it_is() -> None:
    """The packages are written in black's form without running black: black, run now, changes nothing."""
    for name in PACKAGES:
        result = run("-m", "black", "--check", "--diff", "--quiet", ".", cwd=GENERATED / name)
        assert result.returncode == 0, f"{name}: {result.stdout[-5000:]}{result.stderr[-2000:]}"


def test_ruff_passes_on_every_package() -> None:
    for name in PACKAGES:
        result = run("-m", "ruff", "check", "--no-cache", ".", cwd=GENERATED / name)
        assert result.returncode == 0, f"{name}: {result.stdout[-3000:]}"


@pytest.mark.parametrize("name", PACKAGES)
def test_package_imports_and_exposes_both_clients(name: str) -> None:
    code = (
        f"import {name} as p; "
        "clients = [n for n in p.__all__ if n[0].isupper() and not n.endswith('Error') "
        "and n not in ('RequestOptions', 'RetryPolicy', 'Hooks')]; "
        "assert len(clients) == 2, clients; print(clients)"
    )
    result = run("-c", code, cwd=GENERATED / name)
    assert result.returncode == 0, result.stderr
