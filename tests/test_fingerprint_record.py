"""The record of the generator's files vouches for a file only while it is the very file recorded.

A copy or checkout that keeps files' times (``cp -p``, ``rsync -t``, ``tar``, a tool restoring commit
times) can leave a file of the same size with its old modification time and other content: the
fingerprint must still see the new content, or every package is skipped as unchanged after the generator
changed.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cache, freshness

FILES = {
    "generator/__init__.py": "x = 1\n",
    "generator/core/style.py": "y = 2\n",
    "templates/python/client.py.j2": "{{ x }}\n",
}


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A small generator checkout, last changed a minute ago, recorded as ``make`` records it."""
    root = tmp_path / "checkout"
    long_ago = time.time_ns() - 60 * 10**9
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
        os.utime(root / name, ns=(long_ago, long_ago))
    monkeypatch.setattr(freshness, "GENERATOR", root / "generator")
    monkeypatch.setattr(freshness, "TEMPLATES", root / "templates")
    monkeypatch.setattr(cache, "SHIPPED", tmp_path / "shipped")
    (tmp_path / "shipped").mkdir()
    monkeypatch.setattr(freshness, "SETTLED_NS", 0)  # nothing to wait for: the test sets each time it needs
    freshness.record(cache.SHIPPED / freshness.RECORD)
    freshness.generator_fingerprint.cache_clear()
    yield root
    freshness.generator_fingerprint.cache_clear()


def _fingerprint(*, recorded: bool = True) -> str:
    freshness.generator_fingerprint.cache_clear()
    if recorded:
        return freshness.generator_fingerprint()
    record = cache.SHIPPED / freshness.RECORD
    kept = record.read_bytes()
    record.unlink()
    try:
        return freshness.generator_fingerprint()
    finally:
        record.write_bytes(kept)
        freshness.generator_fingerprint.cache_clear()


def _keep_times(path: Path, text: str) -> None:
    """Write ``text`` (the same size) at ``path`` and give it back its times, as ``cp -p`` or ``tar`` does."""
    stat = path.stat()
    path.write_text(text, "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_file_rewritten_in_place_with_its_old_size_and_time_is_read(checkout: Path, name: str) -> None:
    before = _fingerprint()
    path = checkout / name
    stat = path.stat()
    _keep_times(path, path.read_text("utf-8").replace("1", "7").replace("2", "7").replace("x", "z"))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    assert _fingerprint() != before
    assert _fingerprint() == _fingerprint(recorded=False)


def test_a_file_replaced_by_a_copy_that_keeps_its_time_is_read(checkout: Path, tmp_path: Path) -> None:
    before = _fingerprint()
    path = checkout / "generator/core/style.py"
    other = tmp_path / "style.py"
    other.write_text("y = 9\n", "utf-8")
    stat = path.stat()
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    shutil.copy2(other, path.with_suffix(".new"))
    os.replace(path.with_suffix(".new"), path)  # as rsync -t, which writes beside and renames
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    assert _fingerprint() != before
    assert _fingerprint() == _fingerprint(recorded=False)


def test_untouched_files_are_still_taken_from_the_record(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read = _fingerprint(recorded=False)
    monkeypatch.setattr(freshness, "sha256", lambda data: pytest.fail("a file was read"))
    assert _fingerprint() == read


def test_a_record_in_the_former_layout_is_not_used(checkout: Path) -> None:
    """A record of (size, modification time, sha256), as made before it held more: every file is read."""
    files = {}
    for name in FILES:
        stat = (checkout / name).stat()
        files[name] = [stat.st_size, stat.st_mtime_ns, "0" * 64]
    record = {"begun_ns": time.time_ns(), "files": files}
    (cache.SHIPPED / freshness.RECORD).write_text(json.dumps(record), "utf-8")
    assert _fingerprint() == _fingerprint(recorded=False)
