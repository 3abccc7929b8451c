"""`make bench` cannot rot: its smoke run (every section once, on tiny inputs) exits 0 and prints every table.

No timing is asserted: the numbers depend on the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmark's modules, for the tests of its rules below
    sys.path.insert(0, str(ROOT))
SECTION_TITLES = (
    "### Providers: generate and check",
    "### Large specs: generate --spec",
    "### Side by side: openapi-python-client",
    "### Scaling:",
    "### Synthetic documents of",
    "### Wide corpus:",
    "### Generated client per request vs raw httpx",
    "### Download of 8 MiB through the save helper",
    "### Download: resume after a cut at half, many files at once",
)
TITLES = {
    "corpus": "Large specs",
    "compare": "Side by side",
    "scaling": "Scaling",
    "synthetic": "Synthetic",
    "wide": "Wide corpus",
}


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
    from bench.generation import SMOKE_SECTIONS, STYLES, section_styles
    from generator.core.registry import BUILTIN

    assert set(STYLES) == set(BUILTIN)
    for style in BUILTIN:  # the providers section measures every built-in style, also in a smoke run
        assert f"`generator generate --style {style} toolkit`" in out, style
        assert f"`generator check --style {style} toolkit`" in out, style
    # The other generation sections measure one style each in a smoke run (the style is only an argument of
    # what they time), each section the next, so that between them every style is measured once more.
    measured = set()
    smoke = SimpleNamespace(smoke=True)
    for section in SMOKE_SECTIONS:
        table = out.split(f"### {TITLES[section]}", 1)[1].split("\n### ", 1)[0]
        shown = {style for style in BUILTIN if f"| {style} |" in table}
        assert shown == set(section_styles(smoke, section)) and len(shown) == 1, (section, shown)
        measured |= shown
    assert measured == set(BUILTIN)


def test_a_full_run_measures_every_style_in_every_generation_section() -> None:
    from bench.generation import SMOKE_SECTIONS, STYLES, section_styles

    full = SimpleNamespace(smoke=False)
    for section in SMOKE_SECTIONS:
        assert section_styles(full, section) == STYLES


def test_synthetic_documents_have_the_operations_asked_and_the_fit_removes_the_empty_run() -> None:
    from bench import synthetic
    from bench.context import operation_count

    assert [operation_count(synthetic.document(n)) for n in (0, 1, 7, 500)] == [0, 1, 7, 500]
    linear = [(n, 0.8 + 0.002 * n) for n in (500, 1000, 5000)]
    assert abs((synthetic.exponent(linear, 0.8) or 0) - 1.0) < 1e-9
    quadratic = [(n, 0.8 + 1e-6 * n * n) for n in (500, 1000, 5000)]
    assert abs((synthetic.exponent(quadratic, 0.8) or 0) - 2.0) < 1e-9
    assert synthetic.exponent([(500, 0.5), (1000, 1.0)], 0.8) is None  # not above the empty run: no fit


def test_wide_sample_takes_each_size_class_and_the_largest_by_rule(tmp_path: Path) -> None:
    from bench import wide

    sizes = [1_000 * i for i in range(1, 40)] + [200_000, 3_000_000, 12_000_000, 30_000_000]
    documents = [(size, f"d{size}.json", tmp_path / f"d{size}.json") for size in sizes]
    chosen = wide.sample(documents)
    keys = [m.path.name for m in chosen]
    assert keys == sorted(keys, key=lambda k: int(k[1:-5]))  # smallest first, each once
    assert len(keys) == len(set(keys))
    assert {"d12000000.json", "d30000000.json"} <= set(keys)  # every document of 10 MB and up
    assert set(f"d{s}.json" for s in sizes[-wide.LARGEST :]) <= set(keys)  # the ten largest
    under_10k = [m for m in chosen if m.size < 10_000]
    assert [m.why for m in under_10k] == [f"under 10 kB, {p}th percentile" for p in wide.PERCENTILES]
    assert wide.sample(sorted(documents)) == chosen  # the same list gives the same sample


def test_a_runs_peak_memory_is_its_own_not_the_benchmarks() -> None:
    from bench.runner import run_child

    held = bytearray(400 * 1024 * 1024)
    held[:: 1 << 12] = b"x" * len(held[:: 1 << 12])  # the benchmark's own peak, past 400 MiB
    sample = run_child([sys.executable, "-c", "pass"], timeout=60)
    assert sample.ok
    assert 0 < sample.peak_kib < 200 * 1024, sample
    capped = run_child([sys.executable, "-c", "bytearray(300 * 2**20)"], timeout=60, memory_limit=150 * 2**20)
    assert capped.status == "failed" and "MemoryError" in capped.output_tail
    del held


def test_jobs_compared_run_in_turns_and_a_failed_job_runs_no_more(tmp_path: Path) -> None:
    """The side-by-side cold runs alternate (theirs, ours, theirs, ours), so a machine whose speed drifts moves
    both alike; a job whose run failed is not run again, the others go on."""
    from bench.runner import Job, repeat_together

    log = tmp_path / "order.txt"

    def job(name: str, code: int) -> Job:
        script = f"open({str(log)!r}, 'a').write({name!r} + '\\n'); raise SystemExit({code})"
        return Job(name, lambda index: ([sys.executable, "-c", script], dict(os.environ)), timeout=60)

    made = repeat_together([job("theirs", 0), job("failing", 3), job("ours", 0)], 3)
    assert log.read_text().split() == ["theirs", "failing", "ours", "theirs", "ours", "theirs", "ours"]
    assert [[s.status for s in series.samples] for series in made] == [["ok"] * 3, ["failed"], ["ok"] * 3]
