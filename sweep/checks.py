"""Type checks in batches and the generated tests of a sample.

``mypy --strict`` checks every Python package of a batch in one invocation
(each package's folder on ``MYPYPATH``, ``-p`` per package) with a cache shared
by the whole sweep; ``tsc --strict --noEmit`` checks every TypeScript package of
a batch through one tsconfig that includes them all. Errors are given to the
package whose folder they name. The generated tests run for a fixed sample:
the documents whose key hashes to 0 modulo ``TEST_EVERY``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from . import child
from .inputs import ROOT

TEST_EVERY = 50
TYPECHECK_TIMEOUT = 900.0
TESTS_TIMEOUT = 300.0
TSC = ROOT / "node_modules" / ".bin" / "tsc"
TYPE_ROOTS = ROOT / "node_modules" / "@types"
MYPY_ERROR = re.compile(r"^(?P<path>[^:]+):\d+(?::\d+)?: error: .*?(?:\s+\[(?P<code>[a-z0-9-]+)\])?$")
TSC_ERROR = re.compile(r"^(?P<path>[^(]+)\(\d+,\d+\): error (?P<code>TS\d+):")
TAP_COUNT = re.compile(r"^# (?P<name>pass|fail) (?P<count>\d+)$", re.M)


def in_test_sample(key: str) -> bool:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % TEST_EVERY == 0


class TypeCheck:
    """Errors per package folder name: ``{package: {"errors": {code: n}, "first": line}}``."""

    def __init__(self) -> None:
        self.found: dict[str, dict[str, object]] = {}

    def record(self, package: str, code: str, line: str) -> None:
        entry = self.found.setdefault(package, {"errors": Counter[str](), "first": line[:500]})
        counts = entry["errors"]
        assert isinstance(counts, Counter)
        counts[code] += 1

    def codes(self) -> set[str]:
        return {code for package in self.found for code in self.of(package)["errors"]}  # type: ignore[attr-defined]

    def of(self, package: str) -> dict[str, object]:
        entry = self.found.get(package)
        if entry is None:
            return {"errors": {}, "first": None}
        counts = entry["errors"]
        assert isinstance(counts, Counter)
        return {"errors": dict(sorted(counts.items())), "first": entry["first"]}


def mypy_batch(folder: Path, packages: list[str], cache: Path) -> tuple[TypeCheck, str | None]:
    """``mypy --strict`` on ``folder/<p>/<p>`` for every package p; (errors, a problem of mypy itself)."""
    argv = [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--show-error-codes", "--no-pretty"]
    argv += ["--cache-dir", str(cache), "--hide-error-context", "--no-color-output"]

    def command(names: list[str]) -> tuple[list[str], dict[str, str]]:
        return [*argv, *(a for p in names for a in ("-p", p))], {"MYPYPATH": ":".join(str(folder / p) for p in names)}

    # exit 2: a blocking error (a syntax error) stopped mypy before it checked the other packages
    return _until_unblocked(folder, packages, command, MYPY_ERROR, "mypy", lambda run, _: run.returncode == 2)


RUFF_ERROR = re.compile(r"^(?P<path>[^:]+):\d+:\d+: (?P<code>[A-Z]+\d+|[a-z-]+):? ")
"""A finding: a rule's code (``E741``) or ruff's own word for code it cannot parse (``invalid-syntax``)."""


def ruff_batch(folder: Path, packages: list[str]) -> tuple[TypeCheck, str | None]:
    """``ruff check`` on ``folder/<p>`` for every package p, each with its own pyproject.toml's settings; codes are
    given as ``ruff:<code>`` (the generated code is to be ruff-clean as it is mypy-clean)."""
    found = TypeCheck()
    if not packages:
        return found, None
    ruff = Path(sys.executable).with_name("ruff")
    argv = [str(ruff), "check", "--no-cache", "--output-format", "concise", *packages]
    done = child.run(argv, cwd=folder, timeout=TYPECHECK_TIMEOUT)
    for line in done.stdout.splitlines():
        place = RUFF_ERROR.match(line)
        if place and Path(place["path"]).parts[0] in packages:
            found.record(Path(place["path"]).parts[0], f"ruff:{place['code']}", line)
    if done.timed_out or done.returncode not in (0, 1) or (done.returncode == 1 and not found.found):
        return found, f"ruff exit {done.returncode}: {(done.stderr or done.stdout)[:300]}"
    return found, None


def python_batch(folder: Path, packages: list[str], cache: Path) -> tuple[TypeCheck, str | None]:
    """``mypy_batch`` and ``ruff_batch`` on the same packages, their findings together."""
    found, problem = mypy_batch(folder, packages, cache)
    linted, lint_problem = ruff_batch(folder, packages)
    for package, entry in linted.found.items():
        counts = entry["errors"]
        assert isinstance(counts, Counter)
        for code, count in counts.items():
            for _ in range(count):
                found.record(package, code, str(entry["first"]))
    return found, problem or lint_problem


GO_PLACE = re.compile(r"^(?:\./)?(?P<package>[^/\s]+)/\S+?\.go:\d+:(?:\d+:)? ")
GO_TIMEOUT = 1800


def go_vet_batch(folder: Path, packages: list[str], cache: Path) -> tuple[TypeCheck, str | None]:
    """One ``go vet`` over ``folder/<p>`` of every package (a ``go.work`` using them all); (errors, a problem of go)."""
    found = TypeCheck()
    ran = _go_batch("vet", folder, packages, cache)
    if isinstance(ran, str) or ran is None:
        return found, ran
    for line in ran.stderr.splitlines():
        place = GO_PLACE.match(line)
        if place and place["package"] in packages:
            found.record(place["package"], "vet", line)
    if ran.returncode != 0 and not found.found:
        return found, (ran.stderr.strip().splitlines() or ["go vet failed"])[-1][:500]
    return found, None


def go_test_batch(folder: Path, packages: list[str], cache: Path) -> tuple[dict[str, dict[str, object]], str | None]:
    """One ``go test -json`` over ``folder/<p>`` of every package (as ``go_vet_batch``, the same build cache):
    {package folder: {"passed", "summary"}}, and a problem of go (it did not run or did not end)."""
    ran = _go_batch("test", folder, packages, cache)
    if isinstance(ran, str) or ran is None:
        return {}, ran
    modules = {_module_of(folder / p): p for p in packages}
    failed: dict[str, list[str]] = {p: [] for p in packages}
    tested: set[str] = set()
    for line in ran.stdout.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        path = str(event.get("Package", ""))
        package = next((p for m, p in modules.items() if path == m or path.startswith(m + "/")), None)
        if package is None or event.get("Action") not in ("pass", "fail", "skip"):
            continue  # "skip" without a test: a package with no test files
        tested.add(package)
        if event["Action"] == "fail":
            failed[package].append(str(event.get("Test") or event["Package"]))
    results: dict[str, dict[str, object]] = {}
    for package in packages:
        names = failed[package]
        summary = "failing: " + ", ".join(names[:5]) if names else "passed" if package in tested else "not built"
        results[package] = {"passed": package in tested and not names, "summary": summary[:300]}
    if ran.returncode != 0 and not any(failed.values()) and tested != set(packages):
        return results, (ran.stderr.strip().splitlines() or ["go test failed"])[-1][:500]
    return results, None


def _go_batch(
    command: str, folder: Path, packages: list[str], cache: Path
) -> subprocess.CompletedProcess[str] | str | None:
    """``go <command>`` (``vet``, or ``test -json``) over the packages in one ``go.work``; a problem as text; None
    when there is nothing to run."""
    if not packages:
        return None
    go = shutil.which("go")
    if go is None:
        return "go is not installed"
    uses = "".join(f"\t./{p}\n" for p in packages)
    (folder / "go.work").write_text(f"go 1.19\n\nuse (\n{uses})\n", encoding="utf-8")
    env = {**os.environ, "GOCACHE": str(cache), "GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-buildvcs=false"}
    env |= {"GOWORK": str(folder / "go.work"), "CGO_ENABLED": "0"}
    argv = [go, command, *(["-count=1", "-json"] if command == "test" else []), *(f"./{p}/..." for p in packages)]
    try:
        return subprocess.run(
            argv, cwd=folder, env=env, capture_output=True, text=True, timeout=GO_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        return f"go {command} ran past {GO_TIMEOUT} s"


def _module_of(package_dir: Path) -> str:
    """The module path ``go.mod`` declares (the first element of its packages' import paths)."""
    try:
        text = (package_dir / "go.mod").read_text(encoding="utf-8")
    except OSError:
        return ""
    found = re.search(r"^module\s+(\S+)", text, re.MULTILINE)
    return found.group(1) if found else ""


TSC_OPTIONS: dict[str, object] = {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "lib": ["ES2022", "DOM", "DOM.Iterable"],
    "types": ["node"],
    "typeRoots": [str(TYPE_ROOTS)],
    "strict": True,
    "noUncheckedIndexedAccess": True,
    "isolatedModules": True,
    "verbatimModuleSyntax": True,
    "skipLibCheck": True,
}
RUNTIME = Path("src") / "runtime"
"""Where a TypeScript package holds its copy of the runtime (the same bytes in every package of a generator)."""


def share_runtime(folder: Path, packages: list[str], cache: Path, keep: frozenset[str] = frozenset()) -> int:
    """Check each distinct TypeScript runtime of a batch once: the other copies become its declarations.

    The runtime is about 2,000 of the 2,200 lines of a small package and the same
    bytes in every package, so checking every copy is most of what ``tsc`` does. The
    first package holding a runtime keeps it as written; in the others (not in
    ``keep``, whose tests run afterwards) it is replaced by the ``.d.ts`` files
    ``tsc`` emits for it once per sweep (in ``cache``), so their code is still checked
    against its exact types. Returns how many copies were replaced.
    """
    seen: set[str] = set()
    replaced = 0
    for package in packages:
        runtime = folder / package / RUNTIME
        files = sorted(runtime.glob("*.ts")) if runtime.is_dir() else []
        if not files or any(p.name.endswith(".d.ts") for p in files) or len(files) != len(list(runtime.iterdir())):
            continue
        digest = hashlib.sha256(b"".join(p.name.encode() + b"\0" + p.read_bytes() + b"\0" for p in files))
        key = digest.hexdigest()[:16]
        if key not in seen or package in keep:
            seen.add(key)
            continue
        declarations = _declarations(runtime, files, cache / key)
        if declarations is not None:
            shutil.rmtree(runtime)
            shutil.copytree(declarations, runtime)
            replaced += 1
    return replaced


def _declarations(runtime: Path, files: list[Path], target: Path) -> Path | None:
    """The ``.d.ts`` files of ``runtime`` in ``target``, emitted once; None if ``tsc`` cannot emit them cleanly
    (then every copy is checked as written)."""
    if (target / "index.d.ts").is_file():
        return target
    staging = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    argv = [str(TSC), "--declaration", "--emitDeclarationOnly", "--outDir", str(staging), "--pretty", "false"]
    for option, value in TSC_OPTIONS.items():
        if value is True:
            argv.append(f"--{option}")
        elif value is not False:
            argv += [f"--{option}", ",".join(value) if isinstance(value, list) else str(value)]
    done = child.run([*argv, *map(str, files)], cwd=runtime, timeout=TYPECHECK_TIMEOUT)
    if done.returncode != 0 or not (staging / "index.d.ts").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        return None
    try:
        staging.rename(target)
    except OSError:  # another sweep emitted it first
        shutil.rmtree(staging, ignore_errors=True)
    return target if (target / "index.d.ts").is_file() else None


def tsc_batch(folder: Path, packages: list[str]) -> tuple[TypeCheck, str | None]:
    """``tsc --strict --noEmit`` through one tsconfig covering ``folder/<p>/src`` and ``test`` of every package."""

    def command(names: list[str]) -> tuple[list[str], dict[str, str]]:
        config = {
            "compilerOptions": {**TSC_OPTIONS, "noEmit": True},
            "include": [f"{p}/{part}" for p in names for part in ("src", "test")],
        }
        (folder / "tsconfig.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
        return [str(TSC), "-p", str(folder), "--pretty", "false"], {}

    # only syntax errors (TS1xxx): tsc reports no semantic error anywhere while any file has one
    def blocked(_: child.Finished, found: TypeCheck) -> bool:
        codes = found.codes()
        return bool(codes) and all(code.startswith("TS1") and len(code) == 6 for code in codes)

    return _until_unblocked(folder, packages, command, TSC_ERROR, "tsc", blocked)


def _until_unblocked(
    folder: Path,
    packages: list[str],
    command: Callable[[list[str]], tuple[list[str], dict[str, str]]],
    pattern: re.Pattern[str],
    tool: str,
    blocked: Callable[[child.Finished, TypeCheck], bool],
) -> tuple[TypeCheck, str | None]:
    """Check ``packages`` in one run; while errors that stop the checker hide the rest, check the rest again."""
    checked = TypeCheck()
    remaining = list(packages)
    while remaining:
        argv, env = command(remaining)
        done = child.run(argv, cwd=folder, timeout=TYPECHECK_TIMEOUT, env=env)
        this_run = TypeCheck()
        unplaced: list[str] = []
        for line in done.stdout.splitlines():
            found = pattern.match(line)
            package = Path(found["path"]).parts[0] if found else None
            if found and package in remaining:
                this_run.record(package, found["code"] or "misc", line)
            elif found or ": error" in line or line.startswith("error TS"):
                unplaced.append(line)
        checked.found.update(this_run.found)
        if done.timed_out:
            return checked, f"{tool} timed out after {TYPECHECK_TIMEOUT:.0f} s"
        if this_run.found and not unplaced and blocked(done, this_run):
            remaining = [p for p in remaining if p not in this_run.found]
            continue
        if done.returncode not in (0, 1, 2) or unplaced or (done.returncode == 2 and tool == "mypy"):
            first = (unplaced or done.stdout.splitlines() or done.stderr.splitlines() or ["no output"])[0]
            return checked, f"{tool} exit {done.returncode}: {first[:300]}"
        break
    return checked, None


def python_tests(package_dir: Path) -> dict[str, object]:
    """The package's own generated tests (pytest, offline)."""
    if not (package_dir / "tests").is_dir():
        return {"passed": True, "summary": "no generated tests"}
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", "tests"]
    done = child.run(argv, cwd=package_dir, timeout=TESTS_TIMEOUT)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    summary = "timed out" if done.timed_out else (lines[-1] if lines else f"exit {done.returncode}")
    return {"passed": done.returncode == 0 and not done.timed_out, "summary": summary[:300]}


def typescript_tests(package_dir: Path, build: Path) -> dict[str, object]:
    """Compile the package with its own tsconfig into ``build``, then ``node --test`` its tests."""
    if not (package_dir / "test").is_dir():
        return {"passed": True, "summary": "no generated tests"}
    argv = [str(TSC), "-p", str(package_dir), "--pretty", "false", "--typeRoots", str(TYPE_ROOTS)]
    compiled = child.run([*argv, "--outDir", str(build)], cwd=ROOT, timeout=TESTS_TIMEOUT)
    if compiled.returncode != 0:
        return {"passed": False, "summary": "tsc: " + (compiled.stdout.splitlines() or ["?"])[0][:280]}
    (build / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    files = sorted(str(p) for p in (build / "test").glob("*.test.js"))
    if not files:
        return {"passed": True, "summary": "no generated tests"}
    done = child.run(
        ["node", "--test", "--test-reporter=tap", *files], cwd=build, timeout=TESTS_TIMEOUT, env={"NO_COLOR": "1"}
    )
    counts = {m["name"]: int(m["count"]) for m in TAP_COUNT.finditer(done.stdout)}
    passed = done.returncode == 0 and counts.get("fail", 0) == 0 and not done.timed_out
    summary = "timed out" if done.timed_out else f"{counts.get('pass', 0)} passed, {counts.get('fail', 0)} failed"
    return {"passed": passed, "summary": summary}
