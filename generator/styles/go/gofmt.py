"""The Go toolchain the style formats with: ``gofmt`` on every rendered file, and its version for the lock.

``gofmt`` formats a package's rendered files in one run (in a temporary folder); its output
depends only on the input and the Go version, which the lock file records (``check``
does not compare a package made with another Go version file by file: one line says so).
Text gofmt refuses is kept as rendered; ``go_problems`` (the style's ``check_files``)
then names the file, line and template, with every copied runtime file checked alike.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from ... import cache
from ...core.style import RenderError, ScratchWriteError

_TIMEOUT = 120
_PLACE = re.compile(r"^(?P<line>\d+):(?:\d+:)? (?P<message>.*)$")
"""gofmt's error after the file name: ``line:column: message``."""
_STDIN_PLACE = re.compile(r"^<standard input>:(?P<line>\d+):(?:\d+:)? (?P<message>.*)$")


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
    return gofmt_all({path: text})[path]


def gofmt_all(texts: Mapping[str, str]) -> dict[str, str]:
    """Each text (by its path) as ``gofmt`` writes it, or as it is where gofmt refuses it: one gofmt run.

    A run per file cost a process start per file; one run over a package's files in a
    temporary folder (named by position, so no path of the package reaches the command
    line) gives the same text: every file holds its package clause, so gofmt reads it as
    it reads the file on stdin. What it writes is recorded as in its form (gofmt's output
    is a fixed point of gofmt), so ``go_problems`` need not format it a second time.

    What gofmt wrote is kept in the cache (``generator.cache``): one entry for the set of paths
    formatted together and the gofmt that ran, holding for each path the sha256 of its text and
    what gofmt wrote (empty when it left the text as it was). A path whose text is the one
    recorded is not formatted again: when one operation of a big API changes, only the files it
    changed go through gofmt. A text gofmt refused is not recorded. One entry a set, rewritten
    when something in it changed, keeps the cache from growing with every change, and costs one
    file written (an entry a file cost 80 ms of writes on github.ae's package, a twentieth of a
    cold run).
    """
    if not texts:
        return {}
    tool = _gofmt()
    paths = sorted(texts)
    data = {path: texts[path].encode("utf-8", "surrogatepass") for path in paths}
    digests = {path: hashlib.sha256(data[path]).digest() for path in paths}
    entry = cache.key(CACHE_KIND, _identity(tool), *paths)
    recorded = _recorded(cache.get(CACHE_KIND, entry))
    kept: dict[str, tuple[bytes, bytes]] = {}
    result: dict[str, str] = {}
    for path in paths:
        digest, written = recorded.get(path, (b"", b""))
        known = _known_form(texts[path], written) if digest == digests[path] else None
        if known is not None:
            result[path], kept[path] = known, (digest, written)
    todo = [path for path in paths if path not in result]
    if not todo:
        return result
    try:  # the temporary folder: a full disk or a file size limit there is the user's system, not a bug
        with tempfile.TemporaryDirectory(prefix="gofmt-") as folder:
            names = _write(Path(folder), (data[path] for path in todo))
            done = _run([tool, "-w", *names], folder, todo[0])
            for path, name in zip(todo, names, strict=True):  # one file's bytes at a time: a big package is big
                result[path], stored = _formatted(texts[path], (Path(folder) / name).read_bytes(), done.returncode == 0)
                if stored is not None:
                    kept[path] = (digests[path], stored)
    except OSError as exc:  # the output could not have been written either
        raise ScratchWriteError(exc, todo[0]) from exc
    cache.put(CACHE_KIND, entry, marshal.dumps(kept))
    return result


CACHE_KIND = "gofmt"
"""The cache's folder for what gofmt wrote (see ``gofmt_all``)."""


def _identity(tool: str) -> str:
    """What names the gofmt that runs: the Go version, the program's path, size and time."""
    try:
        status = os.stat(tool)
    except OSError:
        return f"{go_version()} {tool}"
    return f"{go_version()} {tool} {status.st_size} {status.st_mtime_ns}"


def _recorded(raw: bytes | None) -> dict[str, tuple[bytes, bytes]]:
    """An entry's record (path: sha256 of the text, what gofmt wrote); empty when there is none or it is no record."""
    if raw is None:
        return {}
    try:
        record = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(record, dict):
        return {}
    return {
        path: value
        for path, value in record.items()
        if isinstance(path, str)
        and isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, bytes) for part in value)
    }


def _known_form(text: str, written: bytes) -> str | None:
    """The text gofmt wrote for ``text`` as recorded (empty: ``text`` itself); None when the record is no text."""
    try:
        formatted = written.decode("utf-8") if written else text
    except UnicodeDecodeError:  # not a record this module wrote
        return None
    _remember(written or text.encode("utf-8", "surrogatepass"))
    return formatted


def _run(argv: list[str], folder: str, first: str) -> subprocess.CompletedProcess[bytes]:
    """gofmt over the files of ``folder``; a gofmt that cannot start or does not end is a ``RenderError``."""
    try:
        return subprocess.run(argv, cwd=folder, capture_output=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"{first}: gofmt failed: {exc}") from exc


def _formatted(text: str, written: bytes, clean: bool) -> tuple[str, bytes | None]:
    """What gofmt wrote for ``text`` (``text`` itself where it was refused or wrote no UTF-8), and what the cache
    may record of it: empty when it left the text as it was in a run that refused no file (a refused text is
    written back as it was too), what it wrote when it changed it, None when nothing may be recorded."""
    if written == text.encode("utf-8", "surrogatepass"):  # refused, or already in gofmt's form
        if not clean:
            return text, None
        _remember(written)
        return text, b""
    try:
        formatted = written.decode("utf-8")
    except UnicodeDecodeError:
        return text, None
    _remember(written)
    return formatted, written


def go_problems(files: Mapping[str, str]) -> list[tuple[str, int | None, str]]:
    """(path, line, message) of each Go file gofmt cannot parse or would reformat (one gofmt run; none written).

    A text ``gofmt_all`` wrote is in gofmt's form and is not read again.
    """
    tool = _gofmt() if files else ""
    paths = [path for path in sorted(files) if not _known(files[path])]
    if not paths:
        return []
    data = [files[path].encode("utf-8", "surrogatepass") for path in paths]
    try:
        with tempfile.TemporaryDirectory(prefix="gofmt-") as folder:
            names = _write(Path(folder), data)
            done = _run([tool, "-l", "-e", *names], folder, paths[0])
    except OSError as exc:
        raise ScratchWriteError(exc, paths[0]) from exc
    listed = set(done.stdout.decode("utf-8", "replace").split())
    first: dict[str, str] = {}
    stray = False
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        name = line.split(":", 1)[0]
        if name in names:
            first.setdefault(name, line[len(name) + 1 :])
        elif line.strip():
            stray = True
    problems: list[tuple[str, int | None, str]] = []
    for path, name, text in zip(paths, names, data, strict=True):
        if name in first:
            place = _PLACE.match(first[name])
            problems.append((path, int(place["line"]), place["message"]) if place else (path, None, first[name]))
        elif stray and done.returncode != 0 and name not in listed:
            problems.extend(_problems_of(tool, path, text))  # an error gofmt did not place: ask for this file alone
        elif name in listed:
            problems.append((path, None, "not in gofmt's form (run gofmt on it)"))
    return problems


def _problems_of(tool: str, path: str, data: bytes) -> list[tuple[str, int | None, str]]:
    """One file on gofmt's stdin: its first error, or whether gofmt would reformat it."""
    try:
        done = subprocess.run([tool, "-e"], input=data, capture_output=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"{path}: gofmt failed: {exc}") from exc
    if done.returncode != 0:
        first = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["gofmt refused it"])[0]
        place = _STDIN_PLACE.match(first)
        return [(path, int(place["line"]), place["message"]) if place else (path, None, first)]
    if done.stdout != data:
        return [(path, None, "not in gofmt's form (run gofmt on it)")]
    return []


def _write(folder: Path, data: Iterable[bytes]) -> list[str]:
    """The files' names in ``folder``, by position (``f000000.go``, ...), each holding its bytes."""
    names: list[str] = []
    for content in data:
        names.append(f"f{len(names):06d}.go")
        (folder / names[-1]).write_bytes(content)
    return names


_FORMATTED: set[bytes] = set()
"""Digests of texts gofmt wrote in this process (bounded: cleared when full)."""
_FORMATTED_MAX = 1 << 16


def _remember(data: bytes) -> None:
    if len(_FORMATTED) >= _FORMATTED_MAX:
        _FORMATTED.clear()
    _FORMATTED.add(hashlib.sha256(data).digest())


def _known(text: str) -> bool:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest() in _FORMATTED


def formatted_marks(texts: Iterable[str]) -> list[bytes]:
    """What tells the texts among ``texts`` that gofmt wrote in this process: for a parent to ``remember_marks``."""
    digests = (hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest() for text in texts)
    return [digest for digest in digests if digest in _FORMATTED]


def remember_marks(marks: Iterable[bytes]) -> None:
    """The texts a forked child formatted (``formatted_marks``), known here too: ``go_problems`` need not read them."""
    for mark in marks:
        if len(_FORMATTED) >= _FORMATTED_MAX:
            _FORMATTED.clear()
        _FORMATTED.add(mark)
