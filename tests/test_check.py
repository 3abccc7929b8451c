"""`generator check`: clean, a hand-edited file, a stale file, a missing file, a changed input named, bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the toolkit and topaz providers, generated into a temporary generated/."""
    for name in ("toolkit", "topaz"):
        shutil.copytree(ROOT / "specs" / name, tmp_path / "specs" / name)
    result = generator(tmp_path, "generate", "-q")
    assert result.returncode == 0, result.stderr
    return tmp_path


def generator(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "--specs-dir",
            str(project / "specs"),
            "--generated-dir",
            str(project / "generated"),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def package(project: Path, name: str = "toolkit_images") -> Path:
    return project / "generated" / "python" / name


def test_clean_tree_exits_0(project: Path) -> None:
    result = generator(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_hand_edited_file_is_named_with_a_diff(project: Path) -> None:
    target = package(project) / "toolkit_images" / "models.py"
    target.write_text(target.read_text() + "# my change\n")
    result = generator(project, "check")
    assert result.returncode == 1
    assert "+++" in result.stdout and "-# my change" in result.stdout
    assert "changed: " in result.stdout and "hand-edited: " in result.stdout and "models.py" in result.stdout


def test_stale_file_is_listed(project: Path) -> None:
    (package(project) / "toolkit_images" / "leftover.py").write_text("x = 1\n")
    result = generator(project, "check")
    assert result.returncode == 1
    assert "stale: " in result.stdout and "leftover.py" in result.stdout


def test_missing_file_is_listed(project: Path) -> None:
    (package(project) / "README.md").unlink()
    result = generator(project, "check")
    assert result.returncode == 1
    assert "missing: " in result.stdout and "README.md" in result.stdout


def test_changed_input_is_named(project: Path) -> None:
    spec = project / "specs" / "toolkit" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("Download a previously processed image", "Fetch a processed image"))
    result = generator(project, "check", "toolkit")
    assert result.returncode == 1
    assert "toolkit (python): input" in result.stdout and "specs/toolkit/openapi.yaml (changed)" in result.stdout
    assert "hand-edited" not in result.stdout


def test_invalid_input_exits_2_and_nothing_is_written(project: Path) -> None:
    before = {p: p.read_bytes() for p in (project / "generated").rglob("*") if p.is_file()}
    (project / "specs" / "topaz" / "download-input.json").write_text("{ not json")
    assert generator(project, "check").returncode == 2
    result = generator(project, "generate")
    assert result.returncode == 2 and "error[E002]" in result.stderr and "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (project / "generated").rglob("*") if p.is_file()}
    assert after == before
