"""openapi-python-client in its own virtual environment, ``bench/.venv-opc``, from ``bench/requirements-opc.txt``.

The environment is created when missing and rebuilt when the requirements file
changed: its stamp file holds the sha256 of the requirements it was built from.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from .runner import ROOT, progress

HERE = ROOT / "bench"
REQUIREMENTS = HERE / "requirements-opc.txt"
CONFIG = HERE / "opc-config.yaml"
VENV = HERE / ".venv-opc"
STAMP = VENV / ".installed"
EXECUTABLE = VENV / "bin" / "openapi-python-client"
INSTALL_TIMEOUT = 600.0
MEMORY_LIMIT_GIB = 8
"""openapi-python-client's address space is held under this: on the largest documents it would take the machine's."""


def wanted_stamp() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def is_current() -> bool:
    try:
        return EXECUTABLE.exists() and STAMP.read_text().strip() == wanted_stamp()
    except OSError:
        return False


def ensure(*, install: bool) -> tuple[Path | None, str]:
    """The openapi-python-client executable (installing it if ``install``), or None and why not."""
    if is_current():
        return EXECUTABLE, version()
    if not install:
        return None, "not installed (`make bench` installs it into bench/.venv-opc)"
    progress(f"installing openapi-python-client into {VENV.relative_to(ROOT)} from {REQUIREMENTS.name}")
    shutil.rmtree(VENV, ignore_errors=True)
    python = VENV / "bin" / "python"
    steps = [
        [sys.executable, "-m", "venv", str(VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(REQUIREMENTS)],
    ]
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return None, "install timed out"
        if done.returncode != 0:
            progress(f"openapi-python-client install failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
            return None, "install failed"
    if not EXECUTABLE.exists():
        return None, "install produced no openapi-python-client executable"
    STAMP.write_text(wanted_stamp() + "\n")
    return EXECUTABLE, version()


def version() -> str:
    try:
        done = subprocess.run([str(EXECUTABLE), "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "openapi-python-client (version unknown)"
    return done.stdout.strip() or "openapi-python-client (version unknown)"


def python_version() -> str:
    python = VENV / "bin" / "python"
    try:
        done = subprocess.run([str(python), "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return done.stdout.strip()


def command(spec: Path, out: Path) -> list[str]:
    return [
        str(EXECUTABLE),
        "generate",
        "--path",
        str(spec),
        "--output-path",
        str(out),
        "--overwrite",
        "--config",
        str(CONFIG),
    ]


def produced_package(out: Path) -> bool:
    """Whether a run wrote a client: a package folder (with ``__init__.py``) inside ``out``."""
    return out.is_dir() and any(child.is_dir() and (child / "__init__.py").exists() for child in out.iterdir())
