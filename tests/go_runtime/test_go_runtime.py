"""The Go runtime (templates/go/runtime, package apicore) tested with Go's own tools against loopback servers.

The runtime's files are copied, as a generator copies them, into a temporary
module beside the Go tests of this folder (those of ``internal/`` go into the
package itself, for its unexported functions); then ``gofmt -l``, ``go vet`` and
``go test`` run there, offline (GOPROXY=off, GOTOOLCHAIN=local) with a build
cache under the project's ``.cache/go``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "templates" / "go" / "runtime"
HERE = Path(__file__).resolve().parent
GO = shutil.which("go")

pytestmark = pytest.mark.skipif(GO is None, reason="the go command is not installed (apt-get install golang-go)")


def go_env() -> dict[str, str]:
    cache = ROOT / ".cache" / "go"
    return {
        **os.environ,
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "GOFLAGS": "-buildvcs=false",
        "GOCACHE": str(cache / "build"),
        "GOPATH": str(cache / "path"),
        "GO111MODULE": "on",
    }


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary module: this folder's go.mod and tests, the runtime as its apicore package."""
    folder = tmp_path_factory.mktemp("go_runtime")
    shutil.copy(HERE / "go.mod", folder / "go.mod")
    for test in sorted(HERE.glob("*_test.go")):
        shutil.copy(test, folder / test.name)
    package = folder / "apicore"
    package.mkdir()
    for source in sorted(RUNTIME.glob("*.go")):
        shutil.copy(source, package / source.name)
    for test in sorted((HERE / "internal").glob("*_test.go")):  # tests of unexported functions
        shutil.copy(test, package / test.name)
    return folder


def go(module: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    assert GO is not None
    return subprocess.run(
        [GO, *args], cwd=module, env=go_env(), capture_output=True, text=True, timeout=timeout, check=False
    )


def test_runtime_has_no_test_files() -> None:
    """Whatever is in templates/go/runtime is copied into every package: tests live here instead."""
    assert not list(RUNTIME.glob("*_test.go"))
    assert sorted(path.suffix for path in RUNTIME.iterdir()) == [".go"] * len(list(RUNTIME.iterdir()))


def test_gofmt_clean(module: Path) -> None:
    assert GO is not None
    gofmt = Path(GO).resolve().parent / "gofmt"
    result = subprocess.run(
        [str(gofmt), "-l", "."], cwd=module, env=go_env(), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_go_vet_clean(module: Path) -> None:
    result = go(module, "vet", "./...")
    assert result.returncode == 0, result.stdout + result.stderr


def test_runtime_uses_the_standard_library_only(module: Path) -> None:
    result = go(module, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./apicore")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["apicoretest/apicore"]


def test_go_tests_pass(module: Path) -> None:
    result = go(module, "test", "-count=1", "-timeout", "240s", "./...")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]


RACE_TESTS = "Token|Hook|Unauthorized|PasswordGrant|ConcurrentCalls|CallerGivingUp|SecretsAllowing|RefusedRefresh|Lock"
"""The tests of the shared OAuth2 token fetch, the hooks and the part locks, run again under the race detector."""


@pytest.mark.skipif(shutil.which("gcc") is None, reason="the race detector needs cgo (a C compiler)")
def test_token_source_and_hooks_are_race_free(module: Path) -> None:
    env = {**go_env(), "CGO_ENABLED": "1"}
    assert GO is not None
    result = subprocess.run(
        [GO, "test", "-race", "-count=1", "-timeout", "240s", "-run", RACE_TESTS, "."],
        cwd=module,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
