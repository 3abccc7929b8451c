"""Skipping work that cannot change anything: a package whose inputs, generator and output are as last time.

After a package is written (or checked clean), a record goes into the cache
(``cache.py``): the sha256 of every input it was built from, of every file it
produced, and the warnings the build printed. The record's key names the
target (its spec files, overlays, package name, output folder, style,
validation mode), the style's identity (name, version, formatter), the sha256
of every template override the user gave, and the generator itself: a hash of
the generator's source, its templates and black's version, and for a style from
outside the generator, of every file in its folder, so any change to the
generator, the style or an override is a different key. The next ``generate`` or ``check`` of that target skips loading,
rendering and formatting when every input still hashes the same and the
output folder holds exactly the recorded files with the recorded contents
(besides the user's files its ``.gitignore`` lists); the warnings are printed
again. Deleting the cache only costs time.

The generator's own hash needs the sha256 of each of its files. ``make`` records them in the
precompiled folder (``record``) with each file's size, modification time, status-change time and inode;
a run takes a file's recorded sha256 when all four are the recorded ones and it was last changed well
before the record was made, and reads and hashes any other file (edited, added, or changed too close to
the record for its time to tell), so an edited checkout is noticed as before. The modification time
alone would not do: a copy or checkout that keeps files' times (``cp -p``, ``rsync -t``, ``tar``) can
write a file of the same size with its old time, but not with its old status-change time or inode.
"""

from __future__ import annotations

import inspect
import json
import os
import time
from collections.abc import Iterable
from functools import cache as memoize
from pathlib import Path
from typing import Any

from . import cache
from .core.builtin import TEMPLATES
from .core.style import Style
from .core.templating import Templates
from .diagnostics import Diagnostic, Diagnostics
from .ignore import Ignore, list_folder
from .immutable import immutable
from .ir import Origin
from .lock import sha256
from .targets import Target
from .versions import installed_version

KIND = "fresh"
GENERATOR = Path(__file__).resolve().parent


RECORD = "generator-files.json"
"""The record of the generator's files in the precompiled folder (``cache.SHIPPED``)."""
SETTLED_NS = 2_000_000_000
"""How long before the record a file must have been last changed for its recorded time to vouch for it: a file
changed again within one tick of the file system's clock keeps its time."""


def _generator_files() -> list[tuple[str, os.stat_result]]:
    """(path from the generator's parent folder, stat) of every Python file of the generator and every template
    or runtime file, by path."""
    found: list[tuple[str, os.stat_result]] = []
    for top, only_python in ((GENERATOR, True), (TEMPLATES, False)):
        for folder, subfolders, names in os.walk(top):
            # an installed generator holds its templates: they are walked as templates, every file of them
            subfolders[:] = [
                name
                for name in subfolders
                if name != "__pycache__" and not (only_python and Path(folder, name) == TEMPLATES)
            ]
            relative = Path(folder).relative_to(GENERATOR.parent).as_posix()
            for name in names:
                if not only_python or name.endswith(".py"):
                    found.append((f"{relative}/{name}", os.stat(os.path.join(folder, name))))
    return sorted(found, key=lambda item: item[0])


Identity = tuple[int, int, int, int]
"""What a file's recorded sha256 is taken on: its size, modification time, status-change time and inode."""


def _identity(stat: os.stat_result) -> Identity:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def _recorded(path: Path) -> tuple[int, dict[str, tuple[Identity, str]]]:
    """(when the record was begun, {path: (identity, sha256)}); nothing when it is unreadable."""
    try:
        data = json.loads(path.read_bytes())
        files = {
            name: ((int(size), int(mtime), int(ctime), int(inode)), str(digest))
            for name, (size, mtime, ctime, inode, digest) in data["files"].items()
        }
        return int(data["begun_ns"]), files
    except (OSError, ValueError, KeyError, TypeError):
        return 0, {}


@memoize
def generator_fingerprint() -> str:
    """sha256 over the generator's Python source, every template and runtime file, and black's version.

    A file's sha256 is the recorded one (``record``) while its identity (size, times, inode) is as recorded
    and it was last changed more than ``SETTLED_NS`` before the record was begun; any other file is read.
    """
    begun_ns, recorded = _recorded(cache.SHIPPED / RECORD)
    parts: list[str | bytes] = [installed_version("black")]
    for name, stat in _generator_files():
        known = recorded.get(name)
        if known is not None and known[0] == _identity(stat) and stat.st_mtime_ns < begun_ns - SETTLED_NS:
            parts += [name, known[1]]
        else:
            parts += [name, sha256((GENERATOR.parent / name).read_bytes())]
    return cache.key(*parts)


def record(path: Path) -> None:
    """Write at ``path`` the identity (``Identity``) and sha256 of each file ``generator_fingerprint`` hashes.

    A file changed less than ``SETTLED_NS`` ago (a checkout just updated) is waited for, so that the record
    vouches for it too.
    """
    newest = max((stat.st_mtime_ns for _, stat in _generator_files()), default=0)
    wait = newest + SETTLED_NS - time.time_ns()
    if 0 < wait <= SETTLED_NS:  # a time in the future is not waited for: such a file is always read
        time.sleep(wait / 1e9)
    begun_ns = time.time_ns()
    files = {
        name: (*_identity(stat), sha256((GENERATOR.parent / name).read_bytes())) for name, stat in _generator_files()
    }
    path.write_text(json.dumps({"begun_ns": begun_ns, "files": files}, sort_keys=True), "utf-8")


@memoize
def folder_fingerprint(folder: Path) -> str:
    """sha256 over every file in ``folder`` (a style's own code and templates), caches left out."""
    parts: list[str | bytes] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return cache.key(*parts)


def _style_fingerprint(style: Style) -> str:
    """Nothing for a built-in style (its code is the generator's); else its folder and template folder."""
    code = Path(inspect.getfile(type(style))).resolve().parent
    if code.is_relative_to(GENERATOR):
        return ""
    return cache.key(folder_fingerprint(code), folder_fingerprint(style.templates.resolve()))


def _entry(target: Target, style: Style, templates: Templates, validation: str) -> str:
    identity = {
        "specs": [str(p.resolve()) for p in target.files.specs],
        "overlays": [str(p.resolve()) for p in target.files.overlays],
        "normalised_overlays": [str(p.resolve()) for p in target.files.normalised_overlays],
        "manifest": str(target.manifest.resolve()) if target.manifest else None,
        "package": target.package,
        "title": target.title,
        "base_url": target.base_url,
        "style": target.style,
        "out": str(target.out.resolve()),
        "validation": validation,
        "style_identity": style.identity(),
        "style_code": _style_fingerprint(style),
        "templates": templates.overridden(),
    }
    return cache.key(KIND, generator_fingerprint(), json.dumps(identity, sort_keys=True))


@immutable
class Skipped:
    """A target left as it was; ``files`` is how many files its folder holds."""

    target: Target
    files: int


def unchanged(
    target: Target, style: Style, templates: Templates, validation: str, diagnostics: Diagnostics
) -> Skipped | None:
    """A Skipped when nothing about ``target`` changed since its record (its warnings replayed), else None."""
    raw = cache.get(KIND, _entry(target, style, templates, validation))
    if raw is None:
        return None
    try:
        record: dict[str, Any] = json.loads(raw)
        inputs: dict[str, str] = record["inputs"]
        files: dict[str, str] = record["files"]
        warnings: list[dict[str, Any]] = record["warnings"]
    except (ValueError, KeyError, TypeError):
        return None
    for name, digest in inputs.items():
        try:
            if sha256(Path(name).read_bytes()) != digest:
                return None
        except OSError:
            return None
    once: list[str] = record.get("once", [])
    tree = _tree(target.out, files)
    if tree is None or any(path not in tree for path in once):  # a created-once file deleted: written again
        return None
    if {path: digest for path, digest in tree.items() if path not in once} != files:
        return None
    for item in warnings:
        origin = Origin(file=item["file"], pointer=item["pointer"]) if item.get("file") is not None else None
        diagnostics.extend(
            [
                Diagnostic(
                    severity="warning", code=item["code"], message=item["message"], origin=origin, line=item.get("line")
                )
            ]
        )
    return Skipped(target, len(files) + len(once))


def remember(
    target: Target,
    style: Style,
    templates: Templates,
    validation: str,
    inputs: list[Path],
    files: dict[str, bytes],
    warnings: list[Diagnostic],
    *,
    once: Iterable[str] = (),
) -> None:
    """Record that ``target`` was built from ``inputs`` into exactly ``files`` (and the user's ``once``), printing
    ``warnings``."""
    record = {
        "once": sorted(once),
        "inputs": {str(p.resolve()): sha256(p.read_bytes()) for p in sorted(set(inputs))},
        "files": {name: sha256(data) for name, data in sorted(files.items())},
        "warnings": [
            {
                "code": d.code,
                "message": d.message,
                "file": d.origin.file if d.origin else None,
                "pointer": d.origin.pointer if d.origin else None,
                "line": d.line,
            }
            for d in warnings
        ],
    }
    cache.put(KIND, _entry(target, style, templates, validation), json.dumps(record, sort_keys=True).encode("utf-8"))


def _tree(out: Path, recorded: dict[str, str]) -> dict[str, str] | None:
    """The sha256 of each file in ``out`` that is not the user's (see ``ignore``); None if it cannot be read."""
    if not out.is_dir():
        return None
    try:
        listing = list_folder(out, Ignore.of_folder(out), recorded)
        return {relative: sha256((out / relative).read_bytes()) for relative in listing.files}
    except OSError:
        return None
