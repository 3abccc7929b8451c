"""``check`` of Go packages made with another Go version: gofmt's output depends on it, so one line says so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from go_support import PACKAGES, ROOT, go_missing

pytestmark = pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")


def _check(generated: Path, path: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--generated-dir", str(generated), "check", "--style", "go"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        timeout=600,
        check=False,
    )


def test_check_with_another_go_version_says_so_in_one_line_per_package(go_packages: Path, tmp_path: Path) -> None:
    generated = tmp_path / "generated"
    shutil.copytree(go_packages, generated / "go")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "go").write_text('#!/bin/sh\necho "go version go1.99.1 linux/amd64"\n', encoding="utf-8")
    (fake / "go").chmod(0o755)
    result = _check(generated, f"{fake}{os.pathsep}{os.environ.get('PATH', '')}")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(PACKAGES), lines  # no diff of every file, no "changed:" list
    for line in lines:
        assert "files not compared: formatted with gofmt (go1." in line, line
        assert "this machine has gofmt (go1.99.1)" in line, line
    assert "Traceback" not in result.stderr
    same = _check(generated, os.environ.get("PATH", ""))
    assert same.returncode == 0, same.stdout + same.stderr
