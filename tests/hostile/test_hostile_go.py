"""Hostile cases of the go style's own checks, each in a bounded child process.

A template override (or a runtime file's) that renders Go gofmt cannot parse, or Go not in
gofmt's form, is the user's input: exit 2, one E081 line at the override naming the output
file and line; nothing is written. Without Go installed, ``--style go`` is one E080 line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hostile.harness import ROOT, Outcome, generator

pytestmark = pytest.mark.skipif(shutil.which("gofmt") is None, reason="Go is not installed")
TOOLKIT = ROOT / "specs" / "toolkit" / "openapi.yaml"


def _generate(tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> Outcome:
    out = tmp_path / "out"
    outcome = generator(
        "generate", "--spec", str(TOOLKIT), "--name", "tk", "--out", str(out), "--style", "go", *extra, env=env
    )
    outcome.check_bounds()
    assert outcome.returncode == 2, outcome.stdout + outcome.stderr
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, outcome.stderr
    assert not out.exists()
    return outcome


def _error_line(outcome: Outcome, code: str) -> str:
    lines = [line for line in outcome.stderr.splitlines() if f"error[{code}]" in line]
    assert len(lines) == 1, outcome.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("template", "text", "expected"),
    [
        ("package/checks.go.j2", "package x\nfunc {\n", "checks.go:2 (from template package/checks.go.j2): expected"),
        ("runtime/doc.go", "package apicore\nfunc F( {}\n", "internal/apicore/doc.go:3 (from template runtime/doc.go)"),
        ("runtime/doc.go", "package apicore\nfunc  F() {}\n", "internal/apicore/doc.go (from template runtime/doc.go)"),
    ],
    ids=["template-not-go", "runtime-not-go", "runtime-not-gofmt-form"],
)
def test_an_override_rendering_broken_go_exits_2_at_the_override(
    tmp_path: Path, template: str, text: str, expected: str
) -> None:
    overrides = tmp_path / "templates"
    (overrides / template).parent.mkdir(parents=True)
    (overrides / template).write_text(text, encoding="utf-8")
    line = _error_line(_generate(tmp_path, "--templates", str(overrides)), "E081")
    assert line.split("#")[0].endswith(f"templates/{template}") and expected in line, line


def test_without_go_installed_the_go_style_is_one_clear_line(tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()  # a PATH without go and gofmt (the generator runs as sys.executable)
    line = _error_line(_generate(tmp_path, env={"PATH": str(bare)}), "E080")
    assert "gofmt is not installed" in line, line
