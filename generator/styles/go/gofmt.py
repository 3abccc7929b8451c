"""The Go toolchain the style formats with: ``gofmt`` on every rendered file, and its version for the lock.

``gofmt`` reads the rendered text on stdin and writes the formatted text; its output
depends only on the input and the Go version, which the lock file records (``check``
does not compare a package made with another Go version file by file: one line says so).
Text gofmt refuses is kept as rendered; ``go_problems`` (the style's ``check_files``)
then names the file, line and template, with every copied runtime file checked alike.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Mapping

from ...core.style import RenderError

_TIMEOUT = 120
_PLACE = re.compile(r"^<standard input>:(?P<line>\d+):(?:\d+:)? (?P<message>.*)$")


@functools.lru_cache(maxsize=1)
def go_version() -> str:
    """``gofmt (go1.19.8)`` from what ``go version`` says, or ``go (not installed)``."""
    go = shutil.which("go")
    if go is None:
        return "go (not installed)"
    try:
        done = subprocess.run([go, "version"], capture_output=True, text=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return "go (not runnable)"
    found = re.search(r"\bgo(\d+(?:\.\d+)*)\b", done.stdout)
    return f"gofmt (go{found.group(1)})" if found else "go (unknown version)"


def _gofmt() -> str:
    tool = shutil.which("gofmt")
    if tool is None:
        raise RenderError("gofmt is not installed (the go style needs Go 1.19 or later: apt-get install golang-go)")
    return tool


def gofmt(text: str, path: str) -> str:
    """``text`` as ``gofmt`` writes it, or as it is when gofmt refuses it (``go_problems`` reports it).

    ``RenderError`` naming ``path`` when gofmt is missing or cannot run.
    """
    try:
        done = subprocess.run(
            [_gofmt()], input=text.encode("utf-8", "surrogatepass"), capture_output=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"{path}: gofmt failed: {exc}") from exc
    return done.stdout.decode("utf-8") if done.returncode == 0 else text


def go_problems(files: Mapping[str, str]) -> list[tuple[str, int | None, str]]:
    """(path, line, message) of each Go file gofmt cannot parse or would reformat (read on stdin: no file written)."""
    tool = _gofmt() if files else ""
    problems: list[tuple[str, int | None, str]] = []
    for path, text in sorted(files.items()):
        data = text.encode("utf-8", "surrogatepass")
        try:
            done = subprocess.run([tool, "-e"], input=data, capture_output=True, timeout=_TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise RenderError(f"{path}: gofmt failed: {exc}") from exc
        if done.returncode != 0:
            first = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["gofmt refused it"])[0]
            place = _PLACE.match(first)
            problems.append((path, int(place["line"]), place["message"]) if place else (path, None, first))
        elif done.stdout != data:
            problems.append((path, None, "not in gofmt's form (run gofmt on it)"))
    return problems
