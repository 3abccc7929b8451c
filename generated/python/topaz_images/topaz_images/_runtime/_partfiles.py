# Copied by generator 0.1.0 from templates/python/runtime/_partfiles.py. Do not edit.
"""The files a resumable download keeps beside its target, opened so nothing planted there is followed.

A resumable download's part has a predictable name (``_transfer._resume_part``), so
its files are opened with care: a new part is unlinked and created with
``O_EXCL|O_NOFOLLOW`` (a symlink planted at the name is removed, never written
through); a kept part is taken only when ``lstat`` says it is a regular file and is
opened with ``O_NOFOLLOW``. For the whole transfer the download holds ``<part>.lock``,
created with ``O_EXCL`` and holding the process id: a second download of the same
file (in this process or another) fails with "another download of this file is in
progress" instead of writing into the same part. A lock whose process is gone is
taken over.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import IO

from ._errors import DownloadError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
IN_PROGRESS = "another download of this file is in progress"


def in_progress_error(target: Path) -> DownloadError:
    return DownloadError(f"download of {target.name} failed: {IN_PROGRESS}")


class PartLock:
    """``<part>.lock``, held from the moment a resumable download knows its target until it ends."""

    def __init__(self, part: Path, target: Path) -> None:
        self.path = part.with_name(part.name + ".lock")
        self.target = target
        self.held = False

    def acquire(self) -> None:
        for _ in range(2):
            try:
                descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
            except FileExistsError:
                if _holder_alive(self.path):
                    raise in_progress_error(self.target) from None
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path)
                continue
            with os.fdopen(descriptor, "w", encoding="ascii") as out:
                out.write(str(os.getpid()))
            self.held = True
            return
        raise in_progress_error(self.target)

    def release(self) -> None:
        if self.held:
            self.held = False
            with contextlib.suppress(OSError):
                os.unlink(self.path)


def _holder_alive(path: Path) -> bool:
    """Whether the process a lock file names still runs (a symlink or unreadable lock is stale)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
    except FileNotFoundError:
        return False
    except OSError as error:
        return error.errno not in (errno.ELOOP, errno.EMLINK, errno.ENOENT)
    with os.fdopen(descriptor, "rb") as lock:
        text = lock.read(32).decode("ascii", "replace").strip()
    if not text.isdigit():
        return True  # being written right now, or not ours to judge
    pid = int(text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


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
