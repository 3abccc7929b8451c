"""Work done in a forked child process while the parent goes on: the second core for a big spec.

A fork inherits everything already loaded (the IR, the view-models, the
imported modules), so nothing is pickled on the way in; only the result comes
back, through a pipe. The child ignores Ctrl-C (the parent owns it and kills
the child) and leaves with ``os._exit``, so it never runs the parent's exit
handlers or flushes its buffers a second time. A child that ends without a
result (killed, out of memory, a result that cannot be pickled), or that
cannot be started (a limit on processes or memory), costs only time: the
parent makes the call itself.

``GENERATOR_JOBS=1`` keeps everything in one process; so does a machine with
one core or without ``fork``, and a process running other threads (a program
using the generator as a library): a lock one of them holds at the fork stays
held in the child forever, and Python 3.12 warns of it. The result is the same
bytes either way.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


def jobs() -> int:
    """Processes a run may use: ``$GENERATOR_JOBS`` when set to a positive number, else one per core."""
    setting = os.environ.get("GENERATOR_JOBS", "")
    return int(setting) if setting.isdigit() and int(setting) > 0 else os.cpu_count() or 1


class Pending(Generic[T]):
    """A call running in a child process (or, when forking is not worth it, already done here)."""

    def __init__(self, function: Callable[[], T], *, fork: bool) -> None:
        self._pid = 0
        self._read = -1
        self._value: tuple[bool, object] | None = None
        self._function = function
        if not fork:
            self._value = _call(function)
            return
        try:
            read, write = os.pipe()
        except OSError:  # no descriptor to be had (a limit): the call is made here
            self._value = _call(function)
            return
        try:
            pid = os.fork()
        except OSError:  # no process to be had (a process or memory limit): the call is made here
            os.close(read)
            os.close(write)
            self._value = _call(function)
            return
        if pid == 0:  # the child: compute, send, leave
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            os.close(read)
            status = 0
            try:
                payload = pickle.dumps(_call(function), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:  # nothing may escape a forked child
                status = 1
            os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        """The call's return value; its exception, re-raised here, if it raised one.

        When the child ended without a result, the call is made here.
        """
        if self._value is None:
            read, self._read = self._read, -1  # the file object owns it from here, even if reading is interrupted
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self._pid, 0)
            self._pid = 0
            self._value = pickle.loads(data) if data and status == 0 else _call(self._function)
        ok, value = self._value
        if not ok:
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[return-value]

    def done(self) -> bool:
        """Whether the call has ended: its result can be had without waiting (the child has begun sending it,
        or ended)."""
        if self._read < 0:
            return True
        readable, _, _ = select.select([self._read], [], [], 0)
        return bool(readable)

    def cancel(self) -> None:
        """Stop the child if it is still running (after an error or Ctrl-C in the parent)."""
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._pid = 0
        if self._read >= 0:
            os.close(self._read)
            self._read = -1


def start(function: Callable[[], T], *, worth_it: bool = True) -> Pending[T]:
    """Run ``function`` in a forked child when that can help (``worth_it``, cores, ``fork``, no other thread),
    else now."""
    fork = worth_it and hasattr(os, "fork") and jobs() > 1 and threading.active_count() == 1
    return Pending(function, fork=fork)


def _call(function: Callable[[], T]) -> tuple[bool, object]:
    try:
        return True, function()
    except Exception as exc:  # sent to the parent, which raises it
        return False, exc


class Queue:
    """Indices of work items, taken in the order given, each by one process: made before a fork, the parent
    and its child take from it in turn, so whichever is free does the next item.

    The indices wait in a pipe, four bytes each, written whole before the fork with the write end closed: a
    read of four bytes takes one index or, when none is left, reads nothing. When the pipe cannot hold them
    all (a pipe holds 64 KiB unless made bigger, as Linux allows) or no pipe is to be had, the process that
    made the queue takes them all, and a forked child none (the caller makes any index no process returned).
    """

    def __init__(self, order: Sequence[int]) -> None:
        self._local: list[int] = list(reversed(order))
        self._maker = os.getpid()
        self._read = -1
        data = b"".join(index.to_bytes(4, "big") for index in order)
        try:
            read, write = os.pipe()
        except OSError:
            return
        written = -1
        try:
            os.set_blocking(write, False)
            if len(data) > 65536:
                _bigger_pipe(write, len(data))
            written = os.write(write, data) if data else 0
        except OSError:  # more than the pipe holds, or a bigger pipe refused
            pass
        finally:
            os.close(write)
        if written == len(data):
            self._read, self._local = read, []
        else:
            os.close(read)

    def take(self) -> int | None:
        """The next index, or None when every one has been taken."""
        if self._read >= 0:
            data = os.read(self._read, 4)
            return int.from_bytes(data, "big") if len(data) == 4 else None
        return self._local.pop() if self._local and os.getpid() == self._maker else None

    def close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1


def _bigger_pipe(descriptor: int, size: int) -> None:
    """The pipe made to hold ``size`` bytes where the system allows it (Linux's ``F_SETPIPE_SZ``; no ``fcntl`` on
    Windows, which has no ``fork`` either: nothing is shared there)."""
    try:
        import fcntl
    except ImportError:
        return
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, size)


class Shared(Generic[T]):
    """``make(index)`` for each of ``count`` items, shared with a forked child through a ``Queue``: the child
    starts at once, in ``order``; this process joins in (``help``) when it is free. ``results`` gives every
    item in index order, the same whichever process made it (an item a child took and never returned, because
    it died, is made here).
    """

    def __init__(self, count: int, order: Sequence[int], make: Callable[[int], T], *, worth_it: bool) -> None:
        self._count, self._make = count, make
        self._queue = Queue(order)
        self._mine: dict[int, T] = {}
        self._child = start(lambda: self._take(), worth_it=worth_it)

    def _take(self) -> dict[int, T]:
        made: dict[int, T] = {}
        while (index := self._queue.take()) is not None:
            made[index] = self._make(index)
        return made

    def help(self) -> None:
        """Make the items still waiting, here, until none is left."""
        self._mine.update(self._take())

    def done(self) -> bool:
        """Whether the child has ended (its results can be had without waiting)."""
        return self._child.done()

    def results(self) -> list[T]:
        self.help()
        made = {**self._child.result(), **self._mine}
        self.cancel()
        return [made[i] if i in made else self._make(i) for i in range(self._count)]

    def cancel(self) -> None:
        self._child.cancel()
        self._queue.close()
