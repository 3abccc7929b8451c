# Copied by generator 0.1.0 from templates/python/runtime/_polling.py. Do not edit.
"""Waiting for things the API prepares in the background.

``wait_until_ready`` repeats a call while it fails with "not ready yet" (a 409
by default), up to a deadline. ``JobHandle`` follows an asynchronous job: it
polls the job's status until a success state comes with a result URL, a failure
state is reported, or the wait times out, and can then download the result
with a bare (credential-free) client. Sleep and clock are injectable so waits
can be tested without waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from ._downloads import async_download_url, download_url
from ._errors import ConflictError, JobFailedError, JobTimeoutError, NotReadyTimeoutError
from ._files import PathLike, ProgressCallback, check_target

R = TypeVar("R")
StatusT = TypeVar("StatusT")


class Downloader(Protocol):
    """Saves the file at a URL; ``download_url`` is one."""

    def __call__(self, url: str, path: PathLike, *, overwrite: bool, progress: ProgressCallback | None) -> Path: ...


class AsyncDownloader(Protocol):
    """Saves the file at a URL; ``async_download_url`` is one."""

    async def __call__(
        self, url: str, path: PathLike, *, overwrite: bool, progress: ProgressCallback | None
    ) -> Path: ...


def is_conflict(error: Exception) -> bool:
    """The default "not ready yet" test: the API answered 409 Conflict."""
    return isinstance(error, ConflictError)


def wait_until_ready(
    call: Callable[[], R],
    *,
    timeout: float,
    poll_interval: float,
    is_not_ready: Callable[[Exception], bool] = is_conflict,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> R:
    """``call()``'s result, calling again every ``poll_interval`` s while it raises a not-ready error.

    Other errors pass through at once. After ``timeout`` s raises
    NotReadyTimeoutError, whose ``__cause__`` is the last not-ready error.
    """
    deadline = clock() + timeout
    while True:
        try:
            return call()
        except Exception as error:
            remaining = _remaining_or_raise(error, is_not_ready, deadline - clock(), timeout)
        sleep(min(poll_interval, remaining))


async def async_wait_until_ready(
    call: Callable[[], Awaitable[R]],
    *,
    timeout: float,
    poll_interval: float,
    is_not_ready: Callable[[Exception], bool] = is_conflict,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> R:
    """The async twin of ``wait_until_ready``."""
    deadline = clock() + timeout
    while True:
        try:
            return await call()
        except Exception as error:
            remaining = _remaining_or_raise(error, is_not_ready, deadline - clock(), timeout)
        await sleep(min(poll_interval, remaining))


def _remaining_or_raise(
    error: Exception, is_not_ready: Callable[[Exception], bool], remaining: float, timeout: float
) -> float:
    """The time left to wait; raises ``error`` if it is not a not-ready error, NotReadyTimeoutError if none is left."""
    if not is_not_ready(error):
        raise error
    if remaining <= 0:
        raise NotReadyTimeoutError(timeout) from error
    return remaining


@dataclass(frozen=True, slots=True)
class _JobRules(Generic[StatusT]):
    """How to read a job's status: its state, its result URL, and which states end it."""

    status_of: Callable[[StatusT], str]
    url_of: Callable[[StatusT], str | None]
    succeeded: Collection[str]
    failed: Collection[str]

    def result_url(self, job_id: str, status: StatusT) -> str | None:
        """The result URL once the job succeeded and names one; raises JobFailedError for a failure state."""
        state = self.status_of(status)
        if state in self.failed:
            raise JobFailedError(job_id, state, status)
        return self.url_of(status) if state in self.succeeded else None


class JobHandle(Generic[StatusT]):
    """An asynchronous job: poll its status, wait for its result URL, save its result."""

    def __init__(
        self,
        job_id: str,
        *,
        poll: Callable[[], StatusT],
        status_of: Callable[[StatusT], str],
        url_of: Callable[[StatusT], str | None],
        succeeded: Collection[str],
        failed: Collection[str] = (),
        download: Downloader = download_url,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.job_id = job_id
        self._poll = poll
        self._rules = _JobRules(status_of, url_of, succeeded, failed)
        self._download = download
        self._sleep = sleep
        self._clock = clock

    def __repr__(self) -> str:
        return f"JobHandle(job_id={self.job_id!r})"

    def status(self) -> StatusT:
        """The job's current status, as the API reports it."""
        return self._poll()

    def wait(self, timeout: float = 600.0, poll_interval: float = 2.0) -> str:
        """The result URL once the job succeeded; raises JobFailedError, or JobTimeoutError after ``timeout`` s."""
        deadline = self._clock() + timeout
        while True:
            status = self._poll()
            url = self._rules.result_url(self.job_id, status)
            if url:
                return url
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise JobTimeoutError(self.job_id, self._rules.status_of(status), timeout)
            self._sleep(min(poll_interval, remaining))

    def save(
        self,
        path: PathLike,
        *,
        timeout: float = 600.0,
        poll_interval: float = 2.0,
        overwrite: bool = False,
        progress: ProgressCallback | None = None,
    ) -> Path:
        """Wait for the job, then download its result to ``path``; an existing target is refused before waiting."""
        check_target(path, overwrite)
        url = self.wait(timeout, poll_interval)
        return self._download(url, path, overwrite=overwrite, progress=progress)


class AsyncJobHandle(Generic[StatusT]):
    """The async twin of ``JobHandle``."""

    def __init__(
        self,
        job_id: str,
        *,
        poll: Callable[[], Awaitable[StatusT]],
        status_of: Callable[[StatusT], str],
        url_of: Callable[[StatusT], str | None],
        succeeded: Collection[str],
        failed: Collection[str] = (),
        download: AsyncDownloader = async_download_url,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.job_id = job_id
        self._poll = poll
        self._rules = _JobRules(status_of, url_of, succeeded, failed)
        self._download = download
        self._sleep = sleep
        self._clock = clock

    def __repr__(self) -> str:
        return f"AsyncJobHandle(job_id={self.job_id!r})"

    async def status(self) -> StatusT:
        """The job's current status, as the API reports it."""
        return await self._poll()

    async def wait(self, timeout: float = 600.0, poll_interval: float = 2.0) -> str:
        """The result URL once the job succeeded; raises JobFailedError, or JobTimeoutError after ``timeout`` s."""
        deadline = self._clock() + timeout
        while True:
            status = await self._poll()
            url = self._rules.result_url(self.job_id, status)
            if url:
                return url
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise JobTimeoutError(self.job_id, self._rules.status_of(status), timeout)
            await self._sleep(min(poll_interval, remaining))

    async def save(
        self,
        path: PathLike,
        *,
        timeout: float = 600.0,
        poll_interval: float = 2.0,
        overwrite: bool = False,
        progress: ProgressCallback | None = None,
    ) -> Path:
        """Wait for the job, then download its result to ``path``; an existing target is refused before waiting."""
        check_target(path, overwrite)
        url = await self.wait(timeout, poll_interval)
        return await self._download(url, path, overwrite=overwrite, progress=progress)
