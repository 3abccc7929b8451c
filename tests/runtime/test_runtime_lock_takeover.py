"""The part lock of resumable downloads in the Python and TypeScript runtimes, with real processes.

A stale lock (its process ended, or a lock naming this process's id that this process
does not hold) is taken over by exactly one of the downloads that find it, whichever
runtime they run; a lock naming a running process is left alone. Racers are child
processes that load ``templates/python/runtime`` or the compiled
``templates/typescript/runtime/partlock.ts`` and take or release a lock on command.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import imgrt_runtime as rt
import pytest
from imgrt_runtime import _partlock, _transfer

ROOT = Path(__file__).resolve().parents[2]
PY_RUNTIME = ROOT / "templates" / "python" / "runtime"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
IN_PROGRESS = "another download of this file is in progress"
ROUNDS = 80

PY_RACER = """
import importlib.util, sys
from pathlib import Path
spec = importlib.util.spec_from_file_location(
    "racer_runtime", Path(sys.argv[1]) / "__init__.py", submodule_search_locations=[sys.argv[1]]
)
module = importlib.util.module_from_spec(spec)
sys.modules["racer_runtime"] = module
spec.loader.exec_module(module)
from racer_runtime._errors import DownloadError
from racer_runtime._partlock import PartLock
lock = None
print("ready", flush=True)
for line in sys.stdin:
    command, _, argument = line.strip().partition(" ")
    if command == "take":
        lock = PartLock(Path(argument), Path(argument[: -len(".part")]))
        try:
            lock.acquire()
            print("won", flush=True)
        except DownloadError as error:
            print("refused", error, flush=True)
    elif command == "release":
        lock.release()
        print("released", flush=True)
"""

TS_RACER = """
import * as readline from "node:readline";
const p = await import(process.argv[1]);
let lock;
console.log("ready");
for await (const line of readline.createInterface({ input: process.stdin })) {
  const space = line.indexOf(" ");
  const [command, argument] = space < 0 ? [line, ""] : [line.slice(0, space), line.slice(space + 1)];
  if (command === "take") {
    try {
      lock = await p.lockPart(argument, argument.slice(0, -".part".length));
      console.log("won");
    } catch (error) {
      console.log(`refused ${error.message}`);
    }
  } else if (command === "release") {
    await lock.release();
    console.log("released");
  }
}
"""


@pytest.fixture(scope="module")
def ts_runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("node") is None or not TSC.exists():
        pytest.skip("node or TypeScript is not installed")
    out = tmp_path_factory.mktemp("ts-partlock")
    options = ["--strict", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler"]
    types = ["--typeRoots", str(ROOT / "node_modules" / "@types"), "--types", "node", "--skipLibCheck"]
    source = ROOT / "templates" / "typescript" / "runtime" / "partlock.ts"
    done = subprocess.run(
        [str(TSC), *options, *types, "--outDir", str(out), str(source)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    return out / "partlock.js"


class Racer:
    """A child process taking and releasing one part lock on command, one answer a line."""

    def __init__(self, style: str, ts_runtime: Path | None) -> None:
        if style == "python":
            command = [sys.executable, "-c", PY_RACER, str(PY_RUNTIME)]
        else:
            assert ts_runtime is not None
            command = ["node", "--input-type=module", "-e", TS_RACER, ts_runtime.as_uri()]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, cwd=ROOT
        )
        self.selector = selectors.DefaultSelector()
        assert self.process.stdout is not None
        self.selector.register(self.process.stdout, selectors.EVENT_READ)
        assert self.read() == "ready"

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def read(self) -> str:
        assert self.process.stdout is not None
        assert self.selector.select(timeout=30), "the racer did not answer within 30 s"
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        self.selector.close()


@pytest.fixture
def racers(request: pytest.FixtureRequest) -> Iterator[list[Racer]]:
    styles: tuple[str, ...] = request.param
    runtime = request.getfixturevalue("ts_runtime") if "typescript" in styles else None
    started: list[Racer] = []
    try:
        for style in styles:
            started.append(Racer(style, runtime))
        yield started
    finally:
        for racer in started:
            racer.close()


def ended_pid() -> int:
    """The id of a process that ran and has ended (and was reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(done.stdout)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return pid
    pytest.skip(f"process {pid} exists again")


def leave_lock(lock: Path, text: str, age: float) -> None:
    lock.write_text(text, encoding="ascii")
    when = time.time() - age
    os.utime(lock, (when, when))


RACES = {
    "python": ("python", "python", "python", "python"),
    "typescript": ("typescript", "typescript", "typescript", "typescript"),
    "python-and-typescript": ("python", "typescript", "python", "typescript"),
}


@pytest.mark.parametrize("racers", list(RACES.values()), ids=list(RACES), indirect=True)
def test_of_the_downloads_finding_the_same_stale_lock_exactly_one_takes_it_over(
    racers: list[Racer], tmp_path: Path
) -> None:
    ended = str(ended_pid())
    for round_ in range(ROUNDS):
        folder = tmp_path / f"round-{round_}"
        folder.mkdir()
        part = folder / ".file.bin.0123456789ab.part"
        lock = Path(f"{part}.lock")
        leave_lock(lock, ended if round_ % 2 == 0 else "", 60)  # an empty lock: its holder died before writing
        for racer in racers:
            racer.send(f"take {part}")
        answers = [racer.read() for racer in racers]
        winners = [racer for racer, answer in zip(racers, answers, strict=True) if answer == "won"]
        assert len(winners) == 1, (round_, answers)
        assert all(answer == "won" or IN_PROGRESS in answer for answer in answers), answers
        assert lock.read_text() == str(winners[0].process.pid)
        winners[0].send("release")
        assert winners[0].read() == "released"
        assert sorted(folder.iterdir()) == [], f"round {round_}: nothing may be left"


@pytest.mark.parametrize("racers", [("python",), ("typescript",)], ids=["python", "typescript"], indirect=True)
def test_a_lock_naming_a_running_process_is_left_alone_and_named(racers: list[Racer], tmp_path: Path) -> None:
    (racer,) = racers
    part = tmp_path / ".held.bin.0123456789ab.part"
    lock = Path(f"{part}.lock")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as running:
        try:
            for text, age, says in ((str(running.pid), 3600.0, f"held by process {running.pid}"), ("", 0.0, "held;")):
                leave_lock(lock, text, age)
                racer.send(f"take {part}")
                answer = racer.read()
                assert IN_PROGRESS in answer and says in answer, answer
                assert lock.read_text() == text and sorted(p.name for p in tmp_path.iterdir()) == [lock.name]
        finally:
            running.kill()


@pytest.mark.parametrize("racers", [("python",), ("typescript",)], ids=["python", "typescript"], indirect=True)
def test_a_turn_left_by_a_taker_that_ended_is_cleared_for_the_next_one(racers: list[Racer], tmp_path: Path) -> None:
    (racer,) = racers
    part = tmp_path / ".left.bin.0123456789ab.part"
    lock = Path(f"{part}.lock")
    leave_lock(lock, str(ended_pid()), 60)
    leave_lock(Path(f"{lock}.takeover"), "", 60)
    racer.send(f"take {part}")
    assert IN_PROGRESS in racer.read()
    racer.send(f"take {part}")
    assert racer.read() == "won"
    racer.send("release")
    assert racer.read() == "released"
    assert sorted(tmp_path.iterdir()) == []


def test_python_a_lock_naming_this_process_is_taken_over_unless_this_process_holds_it(tmp_path: Path) -> None:
    part = tmp_path / ".left.bin.0123456789ab.part"
    lock = Path(f"{part}.lock")
    leave_lock(lock, str(os.getpid()), 60)  # left by an earlier process with this id (a restarted container's)
    first = _partlock.PartLock(part, tmp_path / "left.bin")
    first.acquire()
    assert lock.read_text() == str(os.getpid())
    second = _partlock.PartLock(part, tmp_path / "left.bin")
    with pytest.raises(rt.DownloadError, match=f"{IN_PROGRESS}.*held by this process"):
        second.acquire()
    second.release()  # never held: removes nothing
    assert lock.exists()
    first.release()
    assert sorted(tmp_path.iterdir()) == []


WORKER = """
import { parentPort, workerData } from "node:worker_threads";
const p = await import(RUNTIME);
const lock = await p.lockPart(workerData.part, "left.bin");
parentPort.postMessage("held");
parentPort.once("message", async () => {
  await lock.release();
  parentPort.postMessage("released");
});
"""


def test_typescript_a_lock_naming_this_process_is_taken_over_only_when_older_than_it(
    ts_runtime: Path, tmp_path: Path
) -> None:
    part = tmp_path / ".left.bin.0123456789ab.part"
    holder = ts_runtime.parent / "holder.mjs"
    holder.write_text(WORKER.replace("RUNTIME", json.dumps(ts_runtime.as_uri())), encoding="utf-8")
    script = f"""
import {{ Worker }} from "node:worker_threads";
import * as fs from "node:fs";
const p = await import({json.dumps(ts_runtime.as_uri())});
const part = {json.dumps(str(part))}, lock = part + ".lock", report = {{}};
const attempt = async () => {{
  try {{ return await p.lockPart(part, "left.bin"); }} catch (error) {{ return error.message; }}
}};
fs.writeFileSync(lock, String(process.pid));
const past = new Date(Date.now() - 3600_000);
fs.utimesSync(lock, past, past);  // an earlier process's with this id (a restarted container's)
const first = await attempt();
report.earlier = typeof first === "string" ? first : fs.readFileSync(lock, "utf8");
report.again = await attempt();  // held by this thread
await first.release();
report.released = fs.existsSync(lock);
const worker = new Worker(new URL({json.dumps(holder.as_uri())}), {{ workerData: {{ part }}, execArgv: [] }});
const next = () => new Promise((resolve) => worker.once("message", resolve));
await next();
report.worker = await attempt();  // held by a worker thread of this process
worker.postMessage("release");
await next();
await worker.terminate();
const last = await attempt();
report.after = typeof last === "string" ? last : "won";
if (typeof last !== "string") await last.release();
console.log(JSON.stringify({{ pid: process.pid, ...report }}));
"""
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["earlier"] == str(report["pid"]), report
    assert IN_PROGRESS in report["again"] and "held by this process" in report["again"], report
    assert report["released"] is False, report
    assert IN_PROGRESS in report["worker"] and "held by this process" in report["worker"], report
    assert report["after"] == "won", report
    assert sorted(tmp_path.iterdir()) == []


def test_python_a_taker_that_finds_a_new_lock_in_its_turn_leaves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = tmp_path / ".raced.bin.0123456789ab.part.lock"
    leave_lock(lock, str(ended_pid()), 60)
    judge = _partlock._judge
    running = str(os.getppid())

    def judged_then_taken(path: Path) -> tuple[os.stat_result | None, str, bool]:
        found = judge(path)
        monkeypatch.setattr(_partlock, "_judge", judge)
        path.unlink()  # another download takes the stale lock over after this one judged it
        path.write_text(running)
        return found

    monkeypatch.setattr(_partlock, "_judge", judged_then_taken)
    assert _partlock._take_over(lock) == (f" by process {running}", False)
    assert lock.read_text() == running and sorted(p.name for p in tmp_path.iterdir()) == [lock.name]


def test_python_a_lock_replaced_in_a_takers_turn_is_put_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock = tmp_path / ".raced.bin.0123456789ab.part.lock"
    leave_lock(lock, str(ended_pid()), 60)
    rename = os.rename
    running = str(os.getppid())

    def replaced_then_renamed(source: Path, destination: Path) -> None:
        monkeypatch.setattr(_partlock.os, "rename", rename)
        source.unlink()  # a client that takes no turns made its lock after the judge
        source.write_text(running)
        rename(source, destination)

    monkeypatch.setattr(_partlock.os, "rename", replaced_then_renamed)
    assert _partlock._take_over(lock) == ("", False)
    assert lock.read_text() == running and sorted(p.name for p in tmp_path.iterdir()) == [lock.name]


def plain_source(content: bytes) -> rt.StreamSource:
    client = httpx.Client(
        transport=httpx.MockTransport(lambda _: httpx.Response(200, headers={"ETag": '"v1"'}, content=content))
    )

    @contextlib.contextmanager
    def open_(headers: Mapping[str, str]) -> Iterator[httpx.Response]:
        response = client.send(
            client.build_request("GET", "https://files.example/file.bin", headers=headers), stream=True
        )
        try:
            yield response
        finally:
            response.close()

    return rt.StreamSource(open_)


def test_python_a_side_file_nested_too_deep_is_no_side_file_and_leaves_no_lock(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    part = _transfer._resume_part(target)
    part.write_bytes(b"kept")
    Path(f"{part}.json").write_text("[" * 100_000 + "]" * 100_000, encoding="ascii")
    assert rt.fetch_to_file(plain_source(b"whole file"), target, resume=True).read_bytes() == b"whole file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.bin"]


def test_python_a_download_interrupted_while_taking_its_part_leaves_no_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_transfer._Side, "read", staticmethod(interrupted))
    target = tmp_path / "file.bin"
    with pytest.raises(KeyboardInterrupt):
        rt.fetch_to_file(plain_source(b"whole file"), target, resume=True)
    assert sorted(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert rt.fetch_to_file(plain_source(b"whole file"), target, resume=True).read_bytes() == b"whole file"
