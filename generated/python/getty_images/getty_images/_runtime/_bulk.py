# Copied by generator 0.1.0 from templates/python/runtime/_bulk.py. Do not edit.
"""Many downloads at once: bounded concurrency, one progress for all, a result per item.

``download_many`` runs ``save(key, progress)`` for every key on a pool of
``concurrency`` threads; ``async_download_many`` as asyncio tasks, at most
``concurrency`` at a time. A failure of one item never stops the others: each
item gets an ItemResult, saved, skipped (the file present was already the
server's, see ``skip_identical`` in ``_transfer``) or failed with its error.
Two items whose files resolve to the same target (names the server chose) are
never both written: the later one fails with "another download of this file is
in progress".
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import threading
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Literal, TypeVar

from ._errors import DownloadError
from ._files import ProgressCallback

K = TypeVar("K")

DEFAULT_CONCURRENCY = 8

BulkProgress = Callable[["BulkState"], None]
"""Called after every chunk of any item and when an item ends, with the state of the whole batch."""


@dataclass(frozen=True, slots=True)
class BulkState:
    """How far a batch is: items finished of all, and bytes written so far (by every item)."""

    finished: int
    total: int
    bytes_written: int


@dataclass(frozen=True, slots=True)
class ItemResult(Generic[K]):
    """What became of one item: ``status`` is ``saved``, ``skipped`` (already identical) or ``failed``."""

    key: K
    status: Literal["saved", "skipped", "failed"]
    path: Path | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


class _Claims:
    """The targets the items of one batch have resolved to."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._targets: set[str] = set()

    def claim(self, target: Path) -> bool:
        key = os.path.normcase(os.path.abspath(target))
        with self._lock:
            if key in self._targets:
                return False
            self._targets.add(key)
            return True


class _Outcome:
    def __init__(self, claims: _Claims) -> None:
        self.skipped = False
        self.claims = claims


_OUTCOME: contextvars.ContextVar[_Outcome | None] = contextvars.ContextVar("download_outcome", default=None)


def note_skipped() -> None:
    """Called by a download that found its file already identical, so the batch reports it as skipped."""
    outcome = _OUTCOME.get()
    if outcome is not None:
        outcome.skipped = True


def claim_target(target: Path) -> None:
    """Called by a download once it knows its file: in a batch, a target another item has is refused."""
    outcome = _OUTCOME.get()
    if outcome is not None and not outcome.claims.claim(target):
        raise DownloadError(f"download of {target.name} failed: another download of this file is in progress")


class _Tally:
    def __init__(self, total: int, progress: BulkProgress | None) -> None:
        self._lock = threading.Lock()
        self._progress = progress
        self.total = total
        self.finished = 0
        self.bytes_written = 0

    def item_progress(self) -> ProgressCallback:
        last = 0

        def report(written: int, _total: int | None) -> None:
            nonlocal last
            with self._lock:
                self.bytes_written += written - last
                last = written
                state = BulkState(self.finished, self.total, self.bytes_written)
            if self._progress is not None:
                self._progress(state)

        return report

    def done(self) -> None:
        with self._lock:
            self.finished += 1
            state = BulkState(self.finished, self.total, self.bytes_written)
        if self._progress is not None:
            self._progress(state)


def _check(concurrency: int) -> None:
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency!r}")


def download_many(
    keys: Iterable[K],
    save: Callable[[K, ProgressCallback], Path],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: BulkProgress | None = None,
) -> list[ItemResult[K]]:
    """Run ``save`` for each key on ``concurrency`` threads; the results in the order of ``keys``."""
    _check(concurrency)
    items = list(keys)
    tally = _Tally(len(items), progress)
    claims = _Claims()

    def one(key: K) -> ItemResult[K]:
        outcome = _Outcome(claims)
        _OUTCOME.set(outcome)
        try:
            path = save(key, tally.item_progress())
        except Exception as error:
            return ItemResult(key, "failed", error=error)
        finally:
            tally.done()
        return ItemResult(key, "skipped" if outcome.skipped else "saved", path)

    with ThreadPoolExecutor(max_workers=min(concurrency, max(len(items), 1))) as pool:
        futures = [pool.submit(contextvars.copy_context().run, one, key) for key in items]
        return [future.result() for future in futures]


async def async_download_many(
    keys: Iterable[K],
    save: Callable[[K, ProgressCallback], Awaitable[Path]],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: BulkProgress | None = None,
) -> list[ItemResult[K]]:
    """The async twin of ``download_many``: at most ``concurrency`` downloads run at a time."""
    _check(concurrency)
    items = list(keys)
    tally = _Tally(len(items), progress)
    gate = asyncio.Semaphore(concurrency)
    claims = _Claims()

    async def one(key: K) -> ItemResult[K]:
        async with gate:
            outcome = _Outcome(claims)
            _OUTCOME.set(outcome)
            try:
                path = await save(key, tally.item_progress())
            except Exception as error:
                return ItemResult(key, "failed", error=error)
            finally:
                tally.done()
            return ItemResult(key, "skipped" if outcome.skipped else "saved", path)

    return list(await asyncio.gather(*(one(key) for key in items)))
