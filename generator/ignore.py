"""The files of a package folder that belong to its user: what the package's ``.gitignore`` lists.

Every generated package carries a ``.gitignore`` naming what installing,
building or testing it leaves in its folder (``node_modules/``, ``dist/``,
``build/``, ``*.egg-info/``, ``.venv/``, caches). ``check`` does not report
those paths and ``generate`` carries them over into the new tree. A generated
file is never the user's, whatever the patterns say.

The patterns follow gitignore(5) for what a package needs: ``#`` comments,
``!`` negation (the last matching line wins), a trailing ``/`` for folders
only, a ``/`` at the start or in the middle anchoring the pattern to the
package folder (else it matches a name at any depth), ``*``, ``?``, ``[...]``
and ``**``. A path inside an ignored folder is ignored.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .immutable import immutable

IGNORE_NAME = ".gitignore"

ALWAYS = ("__pycache__/", "*.pyc")
"""Byte code is never a package's own, with or without a ``.gitignore``."""


@immutable
class _Rule:
    regex: re.Pattern[str]
    negated: bool
    folders_only: bool


def _translate(glob: str) -> str:
    """A gitignore glob (without its anchor and trailing slash) as a regular expression."""
    out: list[str] = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and (end := glob.find("]", i + 2)) != -1:
            body = glob[i + 1 : end]
            if body[0] in "!^":
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        elif glob[i] == "\\" and i + 1 < len(glob):
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


def _rule(line: str) -> _Rule | None:
    line = line.rstrip("\r")
    if not line.strip() or line.startswith("#"):
        return None
    line = line.rstrip(" ") if not line.endswith("\\ ") else line
    negated = line.startswith("!")
    if negated or line.startswith("\\"):
        line = line[1:]
    folders_only = line.endswith("/")
    line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    body = _translate(line.lstrip("/"))
    prefix = "" if anchored else "(?:.*/)?"
    try:
        pattern = re.compile(f"{prefix}{body}", re.DOTALL)
    except re.error:  # a class git reads and Python does not ([z-a], []x]): such a line matches nothing
        return None
    return _Rule(pattern, negated, folders_only)


class Ignore:
    """The rules of one ``.gitignore``; paths are relative to its folder, ``/``-separated."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.rules = [rule for line in (*ALWAYS, *lines) if (rule := _rule(line)) is not None]

    @classmethod
    def from_bytes(cls, data: bytes | None) -> Ignore:
        return cls(data.decode("utf-8", "replace").split("\n") if data else [])

    @classmethod
    def of_folder(cls, folder: Path) -> Ignore:
        """The rules of ``folder/.gitignore`` (only the built-in ones when it cannot be read)."""
        try:
            return cls.from_bytes((folder / IGNORE_NAME).read_bytes())
        except OSError:
            return cls([])

    def matches(self, relative: str, *, folder: bool) -> bool:
        """Whether this path itself is ignored (its parent folders are not looked at)."""
        ignored = False
        for rule in self.rules:
            if rule.folders_only and not folder:
                continue
            if rule.regex.fullmatch(relative):
                ignored = not rule.negated
        return ignored


@immutable
class Listing:
    """A package folder as ``check`` sees it."""

    files: list[str]
    """Files that are not the user's: generated ones, and any other (stale) ones; sorted."""
    ignored: list[str]
    """The topmost paths that are the user's (a folder stands for everything in it); sorted."""


def list_folder(root: Path, ignore: Ignore, generated: Iterable[str] = ()) -> Listing:
    """Walk ``root`` without entering the user's folders; ``generated`` paths are never the user's.

    Symbolic links are listed as files and never followed.
    """
    keep = set(generated)
    keep_dirs = {parent for name in keep for parent in parents(name)}
    files: list[str] = []
    ignored: list[str] = []

    def visit(folder: str, inherited: bool) -> None:
        with os.scandir(root / folder if folder else root) as scan:
            entries = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in scan)
        for name, is_dir in entries:
            relative = f"{folder}/{name}" if folder else name
            if relative in keep and not is_dir:
                files.append(relative)
                continue
            users = inherited or ignore.matches(relative, folder=is_dir)
            if is_dir and (relative in keep_dirs or not users):
                visit(relative, users)
            elif users:
                ignored.append(relative)
            elif not is_dir:
                files.append(relative)

    visit("", False)
    return Listing(sorted(files), sorted(ignored))


def parents(relative: str) -> Iterator[str]:
    """``a/b/c`` -> ``a``, ``a/b``."""
    parts = relative.split("/")
    for i in range(1, len(parts)):
        yield "/".join(parts[:i])
