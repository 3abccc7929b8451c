"""The TypeScript runtime's transfers: one download per part, nothing followed through a planted symlink, codings.

``templates/typescript/runtime`` is compiled by ``tsc --strict`` once; each case runs a
node script calling ``fetchToFile`` with a ``streamSource`` whose answers are built in
the script (``new Response``), so the headers sent and the bytes answered are exact.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TSC = ROOT / "node_modules" / ".bin" / "tsc"
IN_PROGRESS = "another download of this file is in progress"
CONTENT = bytes(range(256)) * 64


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("node") is None or not TSC.exists():
        pytest.skip("node or TypeScript is not installed")
    out = tmp_path_factory.mktemp("ts-runtime")
    sources = sorted(str(p) for p in (ROOT / "templates" / "typescript" / "runtime").glob("*.ts"))
    options = ["--strict", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler"]
    types = ["--typeRoots", str(ROOT / "node_modules" / "@types"), "--types", "node", "--skipLibCheck"]
    done = subprocess.run(
        [str(TSC), *options, *types, "--outDir", str(out), *sources], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    return out


PRELUDE = """
const CONTENT = new Uint8Array(16384).map((_, i) => i % 256);
const seen = [];
const answer = (headers, body = CONTENT) => async (sent) => {
  seen.push(sent);
  return { response: new Response(body, { status: 200, headers }), url: "https://files.example/f/file.bin" };
};
const attempt = async (open, target, options, checksum) => {
  const source = t.streamSource(open);
  if (checksum !== undefined) source.checksum = () => checksum;
  try {
    await t.fetchToFile(source, target, options);
    return { ok: true, seen };
  } catch (error) {
    return { ok: false, error: `${error.name}: ${error.message}`, seen };
  }
};
"""


def run(runtime: Path, body: str) -> dict[str, object]:
    script = (
        f"import * as t from {json.dumps((runtime / 'transfer.js').as_uri())};\n"
        f"import * as f from {json.dumps((runtime / 'files.js').as_uri())};\n{PRELUDE}\n{body}"
    )
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def part_of(target: Path) -> Path:
    digest = hashlib.sha256(target.name.encode()).hexdigest()[:12]
    return target.parent / f".{target.name[:100]}.{digest}.part"


def test_a_download_whose_part_is_locked_by_a_running_download_fails(runtime: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    lock = part_of(target).with_name(part_of(target).name + ".lock")
    lock.write_text(str(os.getpid()))  # this test's process: running
    body = f"""
const open = answer({{ ETag: '"v1"' }});
console.log(JSON.stringify(await attempt(open, {json.dumps(str(target))}, {{ resume: true }})));
"""
    report = run(runtime, body)
    assert not report["ok"] and IN_PROGRESS in str(report["error"]), report
    assert lock.exists() and not target.exists()


def test_a_symlink_planted_at_the_part_is_never_written_through(runtime: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    folder = tmp_path / "downloads"
    folder.mkdir()
    target = folder / "file.bin"
    part_of(target).symlink_to(outside)
    side = {"version": 1, "identity": "", "etag": '"v1"', "last_modified": None, "total": 16384, "checksums": {}}
    Path(str(part_of(target)) + ".json").symlink_to(tmp_path / "side-outside.json")
    (tmp_path / "side-outside.json").write_text(json.dumps(side))
    body = f"""
const open = answer({{ ETag: '"v1"', "Content-Length": "16384" }});
console.log(JSON.stringify(await attempt(open, {json.dumps(str(target))}, {{ resume: true }})));
"""
    report = run(runtime, body)
    assert report["ok"], report
    assert outside.read_bytes() == b"precious"
    assert json.loads((tmp_path / "side-outside.json").read_text()) == side
    assert target.read_bytes() == CONTENT
    assert sorted(p.name for p in folder.iterdir()) == ["file.bin"]


def test_transfers_ask_for_identity_and_an_encoded_answer_cut_short_is_not_kept(runtime: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    body = f"""
const cut = new ReadableStream({{
  start(controller) {{ controller.enqueue(CONTENT.slice(0, 100)); controller.error(new Error("cut")); }},
}});
const open = answer({{ ETag: '"v1"', "Content-Encoding": "gzip" }}, cut);
console.log(JSON.stringify(await attempt(open, {json.dumps(str(target))}, {{ resume: true }})));
"""
    report = run(runtime, body)
    assert not report["ok"], report
    assert report["seen"] == [{"Accept-Encoding": "identity"}]
    assert list(tmp_path.iterdir()) == []  # no part kept: an encoded answer is never continued with ranges


@pytest.mark.parametrize("encoding", ["gzip", "x-vendor"])
def test_the_declared_digest_is_checked_whatever_the_coding(runtime: Path, tmp_path: Path, encoding: str) -> None:
    checksum = {"algorithm": "sha256", "hex": hashlib.sha256(b"the real file").hexdigest()}
    body = f"""
const open = answer({{ "Content-Encoding": {json.dumps(encoding)} }});
const checksum = {json.dumps(checksum)};
console.log(JSON.stringify(await attempt(open, {json.dumps(str(tmp_path / "file.bin"))}, {{}}, checksum)));
"""
    report = run(runtime, body)
    assert not report["ok"] and str(report["error"]).startswith("ChecksumMismatchError"), report
    assert list(tmp_path.iterdir()) == []


def test_a_stated_digest_is_checked_when_the_coding_is_not_one_fetch_undoes(runtime: Path, tmp_path: Path) -> None:
    md5 = hashlib.md5(b"the real file").hexdigest()
    body = f"""
const open = answer({{ "Content-Encoding": "x-vendor", ETag: '"{md5}"' }});
console.log(JSON.stringify(await attempt(open, {json.dumps(str(tmp_path / "file.bin"))}, {{}})));
"""
    report = run(runtime, body)
    assert not report["ok"] and str(report["error"]).startswith("ChecksumMismatchError"), report


def test_short_writes_are_continued_until_the_whole_chunk_is_written(runtime: Path) -> None:
    body = """
const written = [];
const handle = {
  async write(chunk, offset, length) {
    const n = Math.min(3, length);
    written.push(...chunk.slice(offset, offset + n));
    return { bytesWritten: n, buffer: chunk };
  },
};
await f.writeAll(handle, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
const stuck = { async write(chunk) { return { bytesWritten: 0, buffer: chunk }; } };
const error = await f.writeAll(stuck, new Uint8Array([1])).then(() => null, (e) => e.name);
console.log(JSON.stringify({ written, error }));
"""
    assert run(runtime, body) == {"written": [1, 2, 3, 4, 5, 6, 7, 8], "error": "DownloadError"}
