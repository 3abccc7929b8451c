"""What the corpus regression tests share: a minimal document generated in one style, then checked as the sweep does.

``tests/test_corpus_regressions_typescript.py`` (packages that failed to type-check) and
``tests/test_corpus_regressions_gentests.py`` (packages whose own tests failed) generate each case into a
temporary folder with the command line, in a bounded child, then type-check the package (``mypy --strict``,
``tsc`` with the package's own strict tsconfig then its tests, ``go vet``) or run its generated tests
(``sweep/checks.py``: pytest, ``tsc`` then ``node --test``, ``go test``). Go uses the project's build cache
(``.cache/go``, as ``tests/go`` does), so the standard library is compiled once for every run and worker.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hostile import harness

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # ``sweep`` is a folder of the repository, not an installed package
    sys.path.insert(0, str(ROOT))

from sweep import checks  # noqa: E402

SECONDS = 300.0
PACKAGE = "regress"
GO_CACHE = ROOT / ".cache" / "go"


def needs(style: str) -> None:
    """Skip the test when the toolchain of ``style`` is not installed."""
    if style == "typescript" and (shutil.which("node") is None or not checks.TSC.exists()):
        pytest.skip("TypeScript is not installed: run `make node_modules`")
    if style == "go" and shutil.which("go") is None:
        pytest.skip("go is not installed")


def generate(root: Path, text: str, style: str) -> Path:
    """``text`` written as ``root/api.yaml`` and generated as the package ``regress`` into ``root/out-<style>``."""
    spec = root / "api.yaml"
    spec.write_text(text, encoding="utf-8")
    out = root / f"out-{style}"
    made = harness.generator("generate", "--spec", str(spec), "--name", PACKAGE, "--out", str(out), "--style", style)
    made.check_bounds()
    assert made.returncode == 0, made.stderr[-3000:]
    return out


def go_env() -> dict[str, str]:
    """Offline, with the local toolchain and the project's shared build cache (safe for go commands at once)."""
    env = {**os.environ, "GOCACHE": str(GO_CACHE / "build"), "GOPATH": str(GO_CACHE / "path")}
    return env | {"GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-buildvcs=false", "CGO_ENABLED": "0"}


def _go(args: list[str], out: Path) -> tuple[bool, str]:
    done = harness.run_bounded(args, cwd=out, timeout=SECONDS, env={**go_env(), "GOWORK": "off"})
    done.check_bounds()
    return done.returncode == 0, (done.stdout + done.stderr)[-3000:]


def type_check(out: Path, root: Path, style: str) -> None:
    """As ``make test`` checks the committed packages: tsc then the package's tests, ``mypy --strict``, ``go vet``."""
    needs(style)
    if style == "typescript":
        assert '"strict": true' in (out / "tsconfig.json").read_text(encoding="utf-8")
        tests = checks.typescript_tests(out, root / "build")  # tsc with the package's tsconfig, then its tests
        assert tests["passed"], tests["summary"]
    elif style == "python":
        mypy = [sys.executable, "-m", "mypy", "--strict", PACKAGE, "tests"]
        done = harness.run_bounded(mypy, cwd=out, timeout=SECONDS)
        done.check_bounds()
        assert done.returncode == 0, done.stdout[-3000:]
    else:
        vetted, output = _go(["go", "vet", "./..."], out)
        assert vetted, output


def generated_tests(out: Path, root: Path, style: str) -> tuple[bool, str]:
    """Whether the package's own generated tests pass, and the tail of what they printed."""
    needs(style)
    if style == "go":
        return _go(["go", "test", "./..."], out)
    found = checks.python_tests(out) if style == "python" else checks.typescript_tests(out, root / "build")
    return bool(found["passed"]), str(found["summary"])


def assert_generated_tests_pass(root: Path, text: str, style: str) -> None:
    """``text`` generated in ``style`` under ``root``; its own generated tests pass."""
    needs(style)
    passed, summary = generated_tests(generate(root, text, style), root, style)
    assert passed, summary
