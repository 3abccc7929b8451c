# Copied by generator 0.1.0 from templates/python/runtime/_partfiles.py. Do not edit.
"""The files a resumable download keeps beside its target, opened so nothing planted there is followed.

A resumable download's part has a predictable name (``_transfer._resume_part``), so
its files are opened with care: a new part is unlinked and created with
``O_EXCL|O_NOFOLLOW`` (a symlink planted at the name is removed, never written
through); a kept part is taken only when ``lstat`` says it is a regular file and is
opened with ``O_NOFOLLOW``. For the whole transfer the download holds the part's
lock (``_partlock``).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import IO

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def create_part(path: Path) -> IO[bytes]:
    """A new, empty part at ``path``: whatever is there (a file or a symlink) is removed first."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
    return os.fdopen(descriptor, "wb")


def kept_part_size(path: Path) -> int | None:
    """The size of the part kept at ``path``, or None when there is none or it is not a regular file."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_size if stat.S_ISREG(found.st_mode) else None


def append_part(path: Path) -> IO[bytes] | None:
    """The kept part at ``path`` opened for appending, or None when it is not a regular file."""
    if kept_part_size(path) is None:
        return None
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | _NOFOLLOW | _BINARY)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        return None
    file = os.fdopen(descriptor, "ab")
    file.seek(0, os.SEEK_END)
    return file


def make_readable(file: IO[bytes], mode: int, path: Path) -> None:
    """Give the open part the mode a new file gets here, through its descriptor (never a symlink)."""
    if hasattr(os, "fchmod"):
        os.fchmod(file.fileno(), mode)
    else:  # pragma: no cover - Windows before Python 3.13
        os.chmod(path, mode)
