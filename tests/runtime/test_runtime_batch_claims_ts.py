"""Two items of a TypeScript batch resolving to one file: the later to learn its name is refused unread.

``templates/typescript/runtime`` is compiled by ``tsc --strict`` once; each case runs a node
script calling ``downloadMany`` with saves built as a ``...Many`` helper builds them
(``fetchToFile`` into a folder, ``skipIdentical`` on, the batch item's options spread last).
Every answer names the same file (``Content-Disposition``); its body is a stream read only on
demand, so the script counts the requests each item sent and the reads of each body. The
Python runtime's ``download_many`` answers the same batch with the same words.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import imgrt_runtime as rt
import pytest

ROOT = Path(__file__).resolve().parents[2]
TSC = ROOT / "node_modules" / ".bin" / "tsc"
REFUSED = "DownloadError: download of same.bin failed: another download of this file is in progress"
SIZE = 4096


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("node") is None or not TSC.exists():
        pytest.skip("node or TypeScript is not installed")
    out = tmp_path_factory.mktemp("ts-runtime")
    sources = [str(ROOT / "templates" / "typescript" / "runtime" / name) for name in ("bulk.ts", "transfer.ts")]
    options = ["--strict", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler"]
    types = ["--typeRoots", str(ROOT / "node_modules" / "@types"), "--types", "node", "--skipLibCheck"]
    done = subprocess.run(
        [str(TSC), *options, *types, "--outDir", str(out), *sources], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    return out


SCRIPT = """
const [folder, concurrency, resume, delays, size] = JSON.parse(process.argv[1]);
const requests = delays.map(() => 0);
const reads = delays.map(() => 0);
const answer = (key) => async () => {
  requests[key] += 1;
  await new Promise((done) => setTimeout(done, delays[key]));
  const body = new ReadableStream(
    {
      pull(controller) {
        reads[key] += 1;
        controller.enqueue(new Uint8Array(size).fill(key + 1));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const headers = {
    "Content-Disposition": 'attachment; filename="same.bin"',
    "Content-Length": String(size),
    ETag: `"${key}"`,
  };
  return { response: new Response(body, { status: 200, headers }), url: `https://files.example/f/${key}.bin` };
};
const results = await b.downloadMany(
  delays.map((_, key) => key),
  (key, item) => {
    const options = { skipIdentical: true, overwrite: true, resume, ...item };
    return t.fetchToFile(t.streamSource(answer(key)), folder, options);
  },
  { concurrency },
);
const shown = results.map((r) => ({
  status: r.status,
  path: r.path ?? null,
  error: r.error ? `${r.error.name}: ${r.error.message}` : null,
}));
console.log(JSON.stringify({ results: shown, requests, reads }));
"""


def batch(runtime: Path, folder: Path, concurrency: int, resume: bool, delays: list[int]) -> dict[str, Any]:
    imports = (
        f"import * as t from {json.dumps((runtime / 'transfer.js').as_uri())};\n"
        f"import * as b from {json.dumps((runtime / 'bulk.js').as_uri())};\n"
    )
    argument = json.dumps([str(folder), concurrency, resume, delays, SIZE])
    done = subprocess.run(
        ["node", "--input-type=module", "-e", imports + SCRIPT, argument], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize("resume", [False, True], ids=["whole", "resumable"])
def test_one_after_the_other_the_second_item_is_refused_before_its_body_is_read(
    runtime: Path, tmp_path: Path, resume: bool
) -> None:
    report = batch(runtime, tmp_path, 1, resume, [0, 0])
    target = str(tmp_path / "same.bin")
    assert report["results"] == [
        {"status": "saved", "path": target, "error": None},
        {"status": "failed", "path": None, "error": REFUSED},
    ]
    assert report["requests"] == [1, 1]  # the name comes with the answer; nothing asked again
    assert report["reads"] == [1, 0]
    assert (tmp_path / "same.bin").read_bytes() == bytes([1]) * SIZE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.bin"]


@pytest.mark.parametrize("delays", [[0, 300], [300, 0]], ids=["first-answers-first", "second-answers-first"])
def test_at_once_the_item_answered_later_is_refused_whichever_it_is(
    runtime: Path, tmp_path: Path, delays: list[int]
) -> None:
    report = batch(runtime, tmp_path, 2, False, delays)
    keeper = delays.index(0)
    statuses = ["failed", "failed"]
    statuses[keeper] = "saved"
    assert [r["status"] for r in report["results"]] == statuses
    assert report["results"][1 - keeper] == {"status": "failed", "path": None, "error": REFUSED}
    assert report["requests"] == [1, 1]
    assert report["reads"][1 - keeper] == 0
    assert (tmp_path / "same.bin").read_bytes() == bytes([keeper + 1]) * SIZE


def test_the_python_runtime_refuses_the_same_batch_with_the_same_words(tmp_path: Path) -> None:
    def save(key: int, progress: rt.ProgressCallback) -> Path:
        def answer(request: httpx.Request) -> httpx.Response:
            headers = {"Content-Disposition": 'attachment; filename="same.bin"', "Content-Length": str(SIZE)}
            return httpx.Response(200, headers=headers, content=bytes([key + 1]) * SIZE)

        client = httpx.Client(transport=httpx.MockTransport(answer))

        @contextlib.contextmanager
        def open_(headers: object) -> Iterator[httpx.Response]:
            request = client.build_request("GET", f"https://files.example/f/{key}.bin")
            with client.stream(request.method, request.url) as response:
                yield response

        source = rt.StreamSource(open_)
        return rt.fetch_to_file(source, tmp_path, overwrite=True, skip_identical=True, progress=progress)

    results = rt.download_many([0, 1], save, concurrency=1)
    assert [r.status for r in results] == ["saved", "failed"]
    assert f"{type(results[1].error).__name__}: {results[1].error}" == REFUSED


CLAIMS_SCRIPT = """
const [platform, targets] = JSON.parse(process.argv[1]);
const keys = targets.map((target) => b.claimKey(target, platform));
if (platform !== process.platform) Object.defineProperty(process, "platform", { value: platform });
const results = await b.downloadMany(targets, async (target, item) => {
  if (!item.claimTarget(target)) throw new Error("refused");
  return target;
});
console.log(JSON.stringify({ keys, statuses: results.map((r) => r.status) }));
"""


@pytest.mark.parametrize(
    ("platform", "statuses"),
    [("win32", ["saved", "failed"]), ("linux", ["saved", "saved"]), ("darwin", ["saved", "saved"])],
)
def test_names_differing_only_in_case_are_one_claim_on_windows_only(
    runtime: Path, platform: str, statuses: list[str]
) -> None:
    """As Python's ``os.path.normcase``: Windows folds case (the platform is set for the script alone)."""
    targets = ["C:\\Reports\\Report.pdf", "C:\\Reports\\report.pdf"]
    imports = f"import * as b from {json.dumps((runtime / 'bulk.js').as_uri())};\n"
    done = subprocess.run(
        ["node", "--input-type=module", "-e", imports + CLAIMS_SCRIPT, json.dumps([platform, targets])],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    folded = platform == "win32"
    assert report["keys"] == ([target.lower() for target in targets] if folded else targets)
    assert report["statuses"] == statuses
