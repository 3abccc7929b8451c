"""`make bench` cannot rot: its smoke run (every section once, on tiny inputs) exits 0 and prints every table.

No timing is asserted: the numbers depend on the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION_TITLES = (
    "### Providers: generate and check",
    "### Large specs: generate --spec",
    "### Side by side: openapi-python-client",
    "### Scaling:",
    "### Synthetic documents of",
    "### Wide corpus:",
    "### Generated client per request vs raw httpx",
    "### Download of 8 MiB through the save helper",
)


def test_bench_smoke_prints_every_section(tmp_path: Path) -> None:
    markdown = tmp_path / "bench.md"
    env = {key: value for key, value in os.environ.items() if key != "GENERATOR_CACHE_DIR"}
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--markdown", str(markdown)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    out = done.stdout
    assert out.startswith("## Benchmarks")
    assert "-m bench --smoke" in out
    for title in SECTION_TITLES:
        assert title in out, f"missing section {title!r}:\n{out}"
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(rows) >= 2 * len(SECTION_TITLES)
    # Every measurement the smoke run makes succeeded: no table cell reports a failure or a timeout.
    assert not [row for row in rows if "failed" in row or "timeout" in row], out
    assert markdown.read_text(encoding="utf-8") == out
