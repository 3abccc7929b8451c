"""Waiting: "not ready yet" retries until a deadline, and asynchronous jobs polled until their URL appears."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx
import imgrt_runtime as rt
import pytest
from runtime_helpers import FakeTime

Status = dict[str, str]


def _conflict() -> rt.ConflictError:
    response = httpx.Response(409, json={"message": "not ready"}, request=httpx.Request("GET", "https://h/d"))
    return rt.ConflictError(response, message="not ready", body=None)


def _calls(*outcomes: object) -> tuple[Callable[[], object], list[int]]:
    """A call returning (or raising) each outcome in turn, and the list counting the calls."""
    count: list[int] = []

    def call() -> object:
        outcome = outcomes[min(len(count), len(outcomes) - 1)]
        count.append(1)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return call, count


def test_wait_until_ready_retries_not_ready_errors() -> None:
    fake = FakeTime()
    call, count = _calls(_conflict(), _conflict(), "done")

    assert rt.wait_until_ready(call, timeout=10, poll_interval=2, sleep=fake.sleep, clock=fake.clock) == "done"
    assert fake.sleeps == [2, 2]
    assert len(count) == 3


def test_wait_until_ready_lets_other_errors_through_at_once() -> None:
    fake = FakeTime()
    call, count = _calls(rt.NotFoundError(httpx.Response(404), message="gone", body=None), "done")

    with pytest.raises(rt.NotFoundError):
        rt.wait_until_ready(call, timeout=10, poll_interval=2, sleep=fake.sleep, clock=fake.clock)
    assert len(count) == 1


def test_wait_until_ready_times_out_chaining_the_last_error() -> None:
    fake = FakeTime()
    last = _conflict()
    call, count = _calls(_conflict(), _conflict(), _conflict(), last)

    with pytest.raises(rt.NotReadyTimeoutError) as caught:
        rt.wait_until_ready(call, timeout=7, poll_interval=3, sleep=fake.sleep, clock=fake.clock)

    assert caught.value.__cause__ is last
    assert fake.sleeps == [3, 3, 1]
    assert len(count) == 4


def test_wait_until_ready_with_a_custom_not_ready_test() -> None:
    fake = FakeTime()
    call, _ = _calls(LookupError("later"), "done")

    result = rt.wait_until_ready(
        call,
        timeout=5,
        poll_interval=1,
        is_not_ready=lambda error: isinstance(error, LookupError),
        sleep=fake.sleep,
        clock=fake.clock,
    )

    assert result == "done"


def test_async_wait_until_ready() -> None:
    fake = FakeTime()
    outcomes: list[object] = [_conflict(), "done"]

    async def call() -> object:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    async def failing() -> object:
        raise _conflict()

    async def scenario() -> None:
        kwargs = {"poll_interval": 1.0, "sleep": fake.async_sleep, "clock": fake.clock}
        assert await rt.async_wait_until_ready(call, timeout=5, **kwargs) == "done"  # type: ignore[arg-type]
        with pytest.raises(rt.NotReadyTimeoutError):
            await rt.async_wait_until_ready(failing, timeout=2, **kwargs)  # type: ignore[arg-type]

    asyncio.run(scenario())
    assert fake.sleeps == [1.0, 1.0, 1.0]


def _job(
    *statuses: Status, fake: FakeTime, download: rt.Downloader | None = None
) -> tuple[rt.JobHandle[Status], list[int]]:
    poll, count = _calls(*statuses)
    job: rt.JobHandle[Status] = rt.JobHandle(
        "job-1",
        poll=poll,  # type: ignore[arg-type]
        status_of=lambda status: status["state"],
        url_of=lambda status: status.get("url"),
        succeeded={"done"},
        failed={"failed", "cancelled"},
        download=download or rt.download_url,
        sleep=fake.sleep,
        clock=fake.clock,
    )
    return job, count


def test_job_wait_polls_until_the_url_appears() -> None:
    fake = FakeTime()
    job, count = _job(
        {"state": "queued"}, {"state": "running"}, {"state": "done"}, {"state": "done", "url": "u"}, fake=fake
    )

    assert job.wait(timeout=60, poll_interval=2) == "u"
    assert len(count) == 4
    assert fake.sleeps == [2, 2, 2]


def test_job_failure_raises_job_failed_error() -> None:
    fake = FakeTime()
    job, _ = _job({"state": "running"}, {"state": "cancelled", "reason": "quota"}, fake=fake)

    with pytest.raises(rt.JobFailedError) as caught:
        job.wait(timeout=60, poll_interval=1)

    assert (caught.value.job_id, caught.value.status) == ("job-1", "cancelled")
    assert caught.value.body == {"state": "cancelled", "reason": "quota"}


def test_job_timeout_raises_job_timeout_error_with_the_last_status() -> None:
    fake = FakeTime()
    job, count = _job({"state": "running"}, fake=fake)

    with pytest.raises(rt.JobTimeoutError) as caught:
        job.wait(timeout=5, poll_interval=2)

    assert caught.value.status == "running"
    assert fake.sleeps == [2, 2, 1]
    assert len(count) == 4


def test_job_status_returns_what_the_api_reports() -> None:
    job, _ = _job({"state": "running", "progress": "40"}, fake=FakeTime())

    assert job.status() == {"state": "running", "progress": "40"}
    assert repr(job) == "JobHandle(job_id='job-1')"


def test_job_save_waits_then_downloads(tmp_path: Path) -> None:
    downloads: list[tuple[str, object, bool]] = []

    def download(url: str, path: rt.PathLike, *, overwrite: bool, progress: rt.ProgressCallback | None) -> Path:
        downloads.append((url, path, overwrite))
        return Path(path)

    job, _ = _job({"state": "running"}, {"state": "done", "url": "https://s/x.zip"}, fake=FakeTime(), download=download)

    assert job.save(tmp_path / "x.zip", overwrite=True) == tmp_path / "x.zip"
    assert downloads == [("https://s/x.zip", tmp_path / "x.zip", True)]


def test_job_save_refuses_an_existing_target_before_polling(tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"old")
    job, count = _job({"state": "done", "url": "u"}, fake=FakeTime())

    with pytest.raises(FileExistsError):
        job.save(tmp_path / "x.zip")
    assert count == []


def test_async_job_handle(tmp_path: Path) -> None:
    fake = FakeTime()
    statuses: list[Status] = [{"state": "running"}, {"state": "done", "url": "https://s/r.zip"}, {"state": "failed"}]
    saved: list[str] = []

    async def poll() -> Status:
        return statuses.pop(0)

    async def download(url: str, path: rt.PathLike, *, overwrite: bool, progress: rt.ProgressCallback | None) -> Path:
        saved.append(url)
        return Path(path)

    async def scenario() -> None:
        job: rt.AsyncJobHandle[Status] = rt.AsyncJobHandle(
            "job-2",
            poll=poll,
            status_of=lambda status: status["state"],
            url_of=lambda status: status.get("url"),
            succeeded={"done"},
            failed={"failed"},
            download=download,
            sleep=fake.async_sleep,
            clock=fake.clock,
        )
        assert await job.save(tmp_path / "r.zip", poll_interval=4) == tmp_path / "r.zip"
        with pytest.raises(rt.JobFailedError):
            await job.wait()
        statuses.extend([{"state": "running"}] * 10)
        with pytest.raises(rt.JobTimeoutError):
            await job.wait(timeout=3, poll_interval=2)
        assert await job.status() == {"state": "running"}

    asyncio.run(scenario())
    assert saved == ["https://s/r.zip"]
    assert fake.sleeps == [4, 2, 1]
