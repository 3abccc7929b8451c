"""The Go client in the download flows: the four providers' Go packages and one driver program, built once per session.

``build_driver`` generates the four packages in the go style into a temporary
folder, writes ``drivers/go/flowdriver.go`` into a module of its own beside
them, joins them in a ``go.work`` (so the driver uses the packages as any
other module would: through their exported names, never their internal
runtime) and builds one binary. ``run_case`` runs one case of it against the
test's loopback servers and returns the JSON line it prints.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FLOWS = Path(__file__).resolve().parent
sys.path.insert(0, str(FLOWS.parent / "go"))

from go_support import PACKAGES, generate, go, go_missing, workspace  # noqa: E402

DRIVER_SOURCE = FLOWS / "drivers" / "go" / "flowdriver.go"
CASE_TIMEOUT = 120.0


@dataclass(frozen=True)
class GoRun:
    """What one case of the driver printed."""

    result: Any
    errors: list[str]
    message: str
    seconds: float
    hwm_before: int
    hwm_after: int

    @property
    def peak_growth(self) -> int:
        """How much the process's peak resident memory grew during the call, in bytes."""
        return self.hwm_after - self.hwm_before


def build_driver(root: Path) -> Path:
    """The driver binary, built in ``root`` against freshly generated Go packages."""
    reason = go_missing()
    if reason is not None:
        import pytest

        pytest.skip(reason)
    out = root / "generated"
    result = generate(["--generated-dir", str(out), "generate", "--style", "go", "-q"])
    assert result.returncode == 0, result.stdout + result.stderr
    modules = [out / "go" / package for package in sorted(PACKAGES.values())]
    driver = root / "flowdriver"
    driver.mkdir()
    (driver / "go.mod").write_text("module flowdriver\n\ngo 1.19\n", encoding="utf-8")
    shutil.copyfile(DRIVER_SOURCE, driver / "main.go")
    work = workspace([*modules, driver], root / "go.work")
    binary = root / "flowdriver.bin"
    built = go(["go", "build", "-o", str(binary), "."], driver, work=work)
    assert built.returncode == 0, built.stdout + built.stderr
    return binary


def run_case(binary: Path, case: str, api_url: str, target: Path | str = "", *, stall: float = 0.0) -> GoRun:
    """Run ``case`` of the driver; its exit must be clean and its output one JSON line."""
    done = subprocess.run(
        [str(binary), case, api_url, str(target), repr(stall)],
        capture_output=True,
        text=True,
        timeout=CASE_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    return GoRun(
        data["result"], data["errors"] or [], data["message"], data["seconds"], data["hwm_before"], data["hwm_after"]
    )
