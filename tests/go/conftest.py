"""Session fixture of the Go tests: the four providers' Go packages, generated once into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from go_support import generate, go_missing


@pytest.fixture(scope="session")
def go_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding ``<package>/`` of each provider in the go style."""
    reason = go_missing()
    if reason is not None:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("go-generated")
    result = generate(["--generated-dir", str(out), "generate", "--style", "go", "-q"])
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "go"
