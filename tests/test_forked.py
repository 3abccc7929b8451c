"""Work in a forked child: the same results as in one process, errors carried over, nothing left running."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import forked
from generator.core import test_files as core_test_files
from generator.core.registry import find_style
from generator.core.style import PackageSpec, StyleContext
from generator.core.templating import Templates
from generator.diagnostics import Diagnostics
from generator.pipeline import build_api
from generator.providers import load_provider

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _two_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GENERATOR_JOBS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def test_the_value_comes_back_from_another_process() -> None:
    pending = forked.start(lambda: (os.getpid(), [1, "two", {"three": 3.0}]))
    pid, value = pending.result()
    assert value == [1, "two", {"three": 3.0}]
    assert pid != os.getpid()


def test_done_says_whether_the_result_is_ready_without_waiting_for_it() -> None:
    def slow() -> str:
        time.sleep(0.5)
        return "ready"

    pending = forked.start(slow)
    try:
        assert not pending.done()  # the child is still at work
        deadline = time.monotonic() + 30
        while not pending.done():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert pending.result() == "ready"
        assert pending.done()
    finally:
        pending.cancel()
    assert forked.start(lambda: 1, worth_it=False).done()  # made here: done from the start


def test_an_exception_in_the_child_is_raised_in_the_parent() -> None:
    def broken() -> None:
        raise ValueError("from the child")

    pending = forked.start(broken)
    with pytest.raises(ValueError, match="from the child"):
        pending.result()


def test_one_job_or_not_worth_it_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    assert forked.start(os.getpid, worth_it=False).result() == os.getpid()
    monkeypatch.setenv("GENERATOR_JOBS", "1")
    assert forked.jobs() == 1
    assert forked.start(os.getpid).result() == os.getpid()


def test_cancel_stops_a_child_still_at_work() -> None:
    pending = forked.start(lambda: time.sleep(30))
    pid = pending._pid
    assert pid
    started = time.perf_counter()
    pending.cancel()
    assert time.perf_counter() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _render(provider: str, diagnostics: Diagnostics, style_name: str = "python") -> dict[str, str]:
    found = load_provider(ROOT / "specs", provider, diagnostics)
    assert found is not None
    api = build_api(found.files, diagnostics=diagnostics)
    assert api is not None, [d.format() for d in diagnostics]
    style = find_style(style_name)
    spec = PackageSpec(package=found.package, title=None, base_url=None, env_prefix="X", header="header")
    context = StyleContext(diagnostics, Templates(style.templates))
    return {f.path: f.text for f in style.render_package(api, spec, context)}


@pytest.mark.parametrize("style", ["python", "typescript"])
@pytest.mark.parametrize("provider", ["getty", "scenario"])
def test_forked_rendering_and_validation_give_the_same_package(
    provider: str, style: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import generator.loaders as loaders

    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "one"))
    monkeypatch.setenv("GENERATOR_JOBS", "1")
    alone = _render(provider, Diagnostics(), style)
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "two"))
    monkeypatch.delenv("GENERATOR_JOBS")
    monkeypatch.setattr(core_test_files, "FORK_OPERATIONS", 0)
    monkeypatch.setattr(loaders, "BACKGROUND_VALIDATION_BYTES", 0)
    assert _render(provider, Diagnostics(), style) == alone


def test_a_document_validated_beside_its_reading_reports_as_before(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The reading's own findings count only once the validator found the document valid."""
    import generator.loaders as loaders

    spec = tmp_path / "broken.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
        "paths:\n  /a/{id}:\n    get:\n      operationId: same\n      responses: {'200': {description: ok}}\n"
        "  /b:\n    get:\n      operationId: same\n      responses: {'200': {description: ok}}\n",
        encoding="utf-8",
    )
    reports = []
    for threshold in (10**9, 0):
        monkeypatch.setattr(loaders, "BACKGROUND_VALIDATION_BYTES", threshold)
        monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / f"cache-{threshold}"))
        diagnostics = Diagnostics()
        assert build_api((spec,), diagnostics=diagnostics) is None
        reports.append([d.format() for d in diagnostics])
    assert reports[0] == reports[1]
    assert any("E020" in line for line in reports[0])


def test_a_process_running_other_threads_does_not_fork() -> None:
    """A lock another thread holds at the fork would stay held in the child: the work is done here."""
    assert forked.start(os.getpid).result() != os.getpid()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert forked.start(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_a_child_that_ends_without_a_result_leaves_the_call_to_the_parent() -> None:
    """Killed (as by the system when memory runs out), or with a result it cannot send: the same answer."""
    parent = os.getpid()

    def killed() -> str:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "made here"

    pending = forked.start(killed)
    assert pending._pid
    assert pending.result() == "made here"
    unpicklable = forked.start(lambda: (os.getpid(), lambda: None))
    pid, function = unpicklable.result()
    assert pid == parent and function() is None


def test_a_child_that_cannot_be_started_leaves_the_call_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # fork at a limit on processes

    monkeypatch.setattr(os, "fork", refused)
    assert forked.start(os.getpid).result() == os.getpid()
    monkeypatch.setattr(os, "pipe", lambda: (_ for _ in ()).throw(OSError(24, "Too many open files")))
    assert forked.start(os.getpid).result() == os.getpid()


def _taken(queue: forked.Queue, pause: float = 0.0) -> list[int]:
    found = []
    while (index := queue.take()) is not None:
        found.append(index)
        time.sleep(pause)
    return found


def test_a_queue_gives_each_index_once_to_whichever_process_takes_it() -> None:
    order = [5, 3, 0, 4, 1, 2, 7, 6]
    queue = forked.Queue(order)
    child = forked.start(lambda: _taken(queue, pause=0.02))
    time.sleep(0.05)  # the child has begun
    here = _taken(queue, pause=0.02)
    there = child.result()
    queue.close()
    assert here and there
    assert sorted(here + there) == sorted(order)  # none lost, none twice
    assert here == [i for i in order if i in here] and there == [i for i in order if i in there]  # each in order


def test_a_queue_longer_than_a_pipe_holds_is_shared_all_the_same() -> None:
    """64 KiB of indices is more than a pipe holds at first: the pipe is made bigger (Linux), or the process that
    made the queue takes every index and a child none."""
    order = list(range(40_000))
    queue = forked.Queue(order)
    child = forked.start(lambda: _taken(queue))
    here = _taken(queue)
    there = child.result()
    queue.close()
    assert sorted(here + there) == order
    if sys.platform != "linux":
        assert here == order


def test_a_queue_without_a_pipe_is_taken_by_the_process_that_made_it(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as refusing:
        refusing.setattr(os, "pipe", lambda: (_ for _ in ()).throw(OSError(24, "Too many open files")))
        queue = forked.Queue([2, 0, 1])
    assert forked.start(lambda: _taken(queue)).result() == []
    assert _taken(queue) == [2, 0, 1]
    assert forked.Queue([]).take() is None


def test_shared_items_come_back_in_order_whoever_made_them() -> None:
    """The child starts at once; this process helps once free; each item is made once, in either process."""
    parent = os.getpid()

    def make(index: int) -> tuple[int, bool]:
        time.sleep(0.01)
        return index * index, os.getpid() == parent

    shared = forked.Shared(12, list(range(11, -1, -1)), make, worth_it=True)
    time.sleep(0.03)
    made = shared.results()
    assert [square for square, _ in made] == [i * i for i in range(12)]
    here = [i for i, (_, mine) in enumerate(made) if mine]
    assert here and len(here) < 12  # both processes made some


def test_shared_items_a_dead_child_took_are_made_here() -> None:
    parent = os.getpid()

    def make(index: int) -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return index + 100

    assert forked.Shared(3, [2, 1, 0], make, worth_it=True).results() == [100, 101, 102]


def test_shared_items_not_worth_a_child_are_made_here() -> None:
    parent = os.getpid()
    shared = forked.Shared(3, [0, 1, 2], lambda index: (index, os.getpid() == parent), worth_it=False)
    assert shared.results() == [(0, True), (1, True), (2, True)]
