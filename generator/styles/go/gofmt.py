"""The Go toolchain the style formats with: ``gofmt`` on every rendered file, and its version for the lock.

``gofmt`` reads the rendered text on stdin and writes the formatted text; its output
depends only on the input and the Go version, which the lock file records (a package
made with another Go version is reported by ``check`` as drift, in one line).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

from ...core.style import RenderError

_TIMEOUT = 120


@functools.lru_cache(maxsize=1)
def go_version() -> str:
    """``go1.19.8`` as ``go version`` says, or ``go (not installed)``."""
    go = shutil.which("go")
    if go is None:
        return "go (not installed)"
    try:
        done = subprocess.run([go, "version"], capture_output=True, text=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return "go (not runnable)"
    found = re.search(r"\bgo(\d+(?:\.\d+)*)\b", done.stdout)
    return f"gofmt (go{found.group(1)})" if found else "go (unknown version)"


def gofmt(text: str, path: str) -> str:
    """``text`` as ``gofmt`` writes it; ``RenderError`` naming ``path`` when gofmt is missing or refuses it."""
    tool = shutil.which("gofmt")
    if tool is None:
        raise RenderError("gofmt is not installed (the go style needs Go 1.19 or later: apt-get install golang-go)")
    try:
        done = subprocess.run(
            [tool], input=text.encode("utf-8", "surrogatepass"), capture_output=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"{path}: gofmt failed: {exc}") from exc
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        message = first[0].replace("<standard input>", path) if first else "gofmt refused it"
        raise RenderError(f"{path}: gofmt: {message}")
    return done.stdout.decode("utf-8")
