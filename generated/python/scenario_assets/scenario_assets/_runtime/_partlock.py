# Copied by generator 0.1.0 from templates/python/runtime/_partlock.py. Do not edit.
"""The lock of a resumable download's part: ``<part>.lock``, held for the whole transfer.

The lock is created with ``O_EXCL`` and holds the decimal id of the process that holds
it (as the Go and TypeScript clients write it, so a folder they share is locked alike).
A second download of the same file (in this process or another) fails with "another
download of this file is in progress" instead of writing into the same part.

A lock left by a process that has ended (killed, crashed) is taken over: where the
system says whether a process runs (not on Windows, where asking would end it), a lock
naming a process that no longer exists; on every system, a lock that is not a regular
file, or whose text is not a process id and that is older than ``LOCK_GRACE`` seconds
(a holder writes its id just after creating the file), and a lock naming this process's
id that this process does not hold (left by an earlier process that had the same id,
as the first process of a restarted container has). A lock naming another running
process, or that this process may not read, is never taken.

Of several downloads finding the same stale lock, one takes it over: takers take turns
(the one that creates ``<lock>.takeover`` with ``O_EXCL``; the others give up), so no
taker removes a lock another has just made. In its turn a taker judges the lock again,
renames it to a name of its own and checks that it moved the file it judged (the same
file, unmodified: a new file may get the number of one just removed); if not (a client
that takes no turns replaced it), it puts the file back.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import threading
import time
from pathlib import Path

from ._errors import DownloadError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
IN_PROGRESS = "another download of this file is in progress"
LOCK_GRACE = 10.0
"""How old (in seconds) a lock without a process id must be to be taken over."""
_MAX_PID = 2**31 - 1
_PID = re.compile(r"[0-9]{1,10}")


def in_progress_error(target: Path, detail: str = "") -> DownloadError:
    return DownloadError(f"download of {target.name} failed: {IN_PROGRESS}" + (f" ({detail})" if detail else ""))


class PartLock:
    """``<part>.lock``, held from the moment a resumable download knows its target until it ends."""

    def __init__(self, part: Path, target: Path) -> None:
        self.path = part.with_name(part.name + ".lock")
        self.target = target
        self.made: os.stat_result | None = None
        """The file created, so release removes no later holder's lock."""
        self.held = False

    def acquire(self) -> None:
        """Take the lock, or fail with "in progress" when another download holds it; a stale lock is taken over once."""
        holder = ""
        for tries in range(2):
            try:
                self._create()
                return
            except FileExistsError:
                pass
            holder, stale = _take_over(self.path) if tries == 0 else ("", False)
            if not stale:
                break
        raise in_progress_error(self.target, f"its lock {self.path} is held{holder}; remove it if no download runs")

    def _create(self) -> None:
        """Create the lock holding this process's id; it is counted held before another download here can judge it."""
        with _HELD_GUARD:
            descriptor = os.open(self.path, _CREATE, 0o600)
            try:
                os.write(descriptor, str(os.getpid()).encode("ascii"))
                made: os.stat_result | None = os.fstat(descriptor)
            except OSError:
                os.close(descriptor)
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
                raise
            os.close(descriptor)
            self.made, self.held = made, True
            _HELD.add(self)

    def release(self) -> None:
        """Remove the lock file (unless another holder's lock has replaced it), then count it held no more."""
        if not self.held:
            return
        try:
            if self.made is not None:
                try:
                    now = os.lstat(self.path)
                except OSError:
                    return
                if not os.path.samestat(now, self.made):
                    return
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        finally:
            with _HELD_GUARD:
                _HELD.discard(self)
                self.held = False


_HELD_GUARD = threading.Lock()
_HELD: set[PartLock] = set()
"""The locks this process holds: a lock file naming this process is its own only when it is one of them."""


def _holds(path: Path, info: os.stat_result) -> bool:
    """Whether the lock file at ``path``, found as ``info``, is one this process holds."""
    with _HELD_GUARD:
        return any(os.path.samestat(lock.made, info) if lock.made is not None else lock.path == path for lock in _HELD)


def _take_over(path: Path) -> tuple[str, bool]:
    """Remove the lock at ``path`` when it is stale (or gone already) and say so; otherwise name its holder."""
    _, holder, stale = _judge(path)
    if not stale:
        return holder, False
    turn = path.with_name(path.name + ".takeover")
    try:
        os.close(os.open(turn, _CREATE, 0o600))
    except FileExistsError:
        with contextlib.suppress(OSError):
            if time.time() - os.lstat(turn).st_mtime > LOCK_GRACE:
                os.unlink(turn)  # left by a taker that ended in its turn: the next download takes over
        return "", False
    except OSError:
        return "", False
    try:
        return _take_in_turn(path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(turn)


def _take_in_turn(path: Path) -> tuple[str, bool]:
    """In the taker's turn: judge the lock again, and move it aside only if it is still the file judged."""
    seen, holder, stale = _judge(path)
    if not stale or seen is None:
        return holder, stale
    aside = path.with_name(f"{path.name}.{secrets.token_hex(8)}.stale")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return "", True
    except OSError:
        return "", False
    try:
        moved: os.stat_result | None = os.lstat(aside)
    except OSError:
        moved = None
    if moved is not None and os.path.samestat(seen, moved) and moved.st_mtime_ns == seen.st_mtime_ns:
        with contextlib.suppress(OSError):
            os.unlink(aside)
        return "", True
    try:  # not the file judged: put it back, unless a new lock is there already
        os.link(aside, path, follow_symlinks=False)
    except FileExistsError:
        pass
    except (OSError, NotImplementedError):
        with contextlib.suppress(OSError):
            os.rename(aside, path)
        return "", False
    with contextlib.suppress(OSError):
        os.unlink(aside)
    return "", False


def _judge(path: Path) -> tuple[os.stat_result | None, str, bool]:
    """Whether the lock at ``path`` is stale, with the file judged (None when there is none any more) and its holder."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None, "", True
    except OSError:
        return None, "", False
    if not stat.S_ISREG(info.st_mode):
        return info, "", True  # never made by a download (a symlink planted there)
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
    except FileNotFoundError:
        return None, "", True
    except OSError:
        return None, "", False  # another user's lock, or unreadable: its holder may run
    with os.fdopen(descriptor, "rb") as lock:
        try:
            info = os.fstat(descriptor)
            text = lock.read(32).decode("ascii", "replace").strip()
        except OSError:
            return None, "", False
    pid = int(text) if _PID.fullmatch(text) else 0
    if not 0 < pid <= _MAX_PID:
        return info, "", time.time() - info.st_mtime > LOCK_GRACE
    holder = f" by process {pid}"
    if pid == os.getpid():
        if _holds(path, info):
            return info, " by this process", False
        return info, holder, True  # an earlier process's with this id
    return info, holder, _process_gone(pid)


def _process_gone(pid: int) -> bool:
    """Whether no process with the id ``pid`` exists (signal 0 sends nothing: it only checks)."""
    if os.name == "nt":  # there os.kill ends the process: a lock naming one is kept until removed by hand
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # another user's process (EPERM) exists
    return False
