"""The hostile suite's harness measures for real: a hang is stopped, memory is counted."""

from __future__ import annotations

import sys

from hostile.harness import run_bounded


def test_a_hang_is_stopped_and_reported() -> None:
    outcome = run_bounded([sys.executable, "-c", "import time; time.sleep(30)"], timeout=1.0)
    assert outcome.timed_out
    assert outcome.seconds < 10


def test_peak_memory_is_measured() -> None:
    outcome = run_bounded([sys.executable, "-c", "b = bytearray(300 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"])
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.peak_rss > 300 * 1024 * 1024
    outcome.check_bounds()


def test_a_small_child_of_a_large_test_process_measures_small() -> None:
    """``ru_maxrss`` survives exec: without the launcher, a child would carry this process's peak."""
    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])
    outcome = run_bounded([sys.executable, "-c", "pass"])
    del ballast
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.peak_rss < 150 * 1024 * 1024, outcome.peak_rss


def test_a_signal_is_reported_as_subprocess_reports_it() -> None:
    outcome = run_bounded([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGTERM)"])
    assert outcome.returncode == -15
