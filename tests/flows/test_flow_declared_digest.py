"""A digest the spec declares (``x-checksum``) checks the whole file, also a resumed one, in both styles.

The Topaz spec is generated with one more overlay: each presigned answer carries the file's
SHA-256 in hex in a ``sha256`` property, declared by ``x-checksum``. The storage host serves a
corrupted copy whose size, ETag (the MD5 of what it serves) and Range answers are all
consistent, so nothing the server states can catch it: only the declared digest does.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from resume_support import Api, Storage, pattern
from test_flow_resume import RUNS, TSC, Packages, ident, leftovers, run

ROOT = Path(__file__).resolve().parents[2]
MiB = 1 << 20
DIGEST_OVERLAY = """\
overlay: 1.0.0
info: {title: the file's SHA-256 in each presigned answer, version: 1.0.0}
actions:
  - target: $.components.schemas.DownloadResponse.properties
    update:
      sha256: {type: string, description: The file's SHA-256 in hex.}
  - target: $.paths[*][*].responses[?@['x-presigned-url']]
    update:
      x-checksum: {field: sha256, algorithm: sha256, encoding: hex}
"""


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    root = tmp_path_factory.mktemp("digest-packages")
    spec = root / "specs" / "topaz"
    shutil.copytree(ROOT / "specs" / "topaz", spec)
    (spec / "digest.yaml").write_text(DIGEST_OVERLAY, encoding="utf-8")
    provider = (spec / "provider.yaml").read_text(encoding="utf-8")
    (spec / "provider.yaml").write_text(provider.replace("[overlay.yaml]", "[overlay.yaml, digest.yaml]"), "utf-8")
    generated = root / "generated"
    command = [sys.executable, "-m", "generator", "--specs-dir", str(root / "specs"), "--generated-dir", str(generated)]
    result = subprocess.run([*command, "generate", "-q"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    index = None
    if shutil.which("node") and TSC.exists():
        out = root / "ts-build"
        source = generated / "typescript" / "topaz_images"
        types = str(ROOT / "node_modules" / "@types")
        tsc = [str(TSC), "-p", str(source), "--strict", "--outDir", str(out), "--typeRoots", types, "--pretty", "false"]
        compiled = subprocess.run(tsc, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert compiled.returncode == 0, compiled.stdout + compiled.stderr
        (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
        index = out / "src" / "index.js"
    return Packages(generated / "python" / "topaz_images", index)


@pytest.fixture
def servers() -> Iterator[tuple[Storage, Api]]:
    with Storage() as storage, Api(storage) as api:
        yield storage, api


def corrupted(content: bytes, at: int) -> bytes:
    flipped = bytearray(content)
    flipped[at] ^= 0xFF
    return bytes(flipped)


@pytest.mark.parametrize("how", RUNS)
def test_only_the_declared_digest_catches_a_corrupted_file(
    packages: Packages, servers: tuple[Storage, Api], tmp_path: Path, how: str
) -> None:
    storage, api = servers
    name, content = ident(1), pattern(2 * MiB)
    storage.add(name, corrupted(content, MiB + 5))
    target = tmp_path / "declared.png"
    # without the digest in the answer, what the server states agrees with what it serves
    unchecked = run(packages, how, api, {"scenario": "one", "id": name, "target": str(target)})
    assert unchecked["ok"], unchecked
    target.unlink()

    api.digests[name] = hashlib.sha256(content).hexdigest()
    report = run(packages, how, api, {"scenario": "one", "id": name, "target": str(target), "resume": True})
    assert not report["ok"] and report["error"].startswith("ChecksumMismatchError"), report
    assert api.digests[name] in report["error"]
    assert list(tmp_path.iterdir()) == []  # no file, no part kept for resuming


@pytest.mark.parametrize("how", RUNS)
def test_a_resumed_file_is_checked_whole_against_the_declared_digest(
    packages: Packages, servers: tuple[Storage, Api], tmp_path: Path, how: str
) -> None:
    storage, api = servers
    good, bad = ident(2), ident(3)
    content = pattern(8 * MiB, seed=2)
    storage.add(good, content)
    storage.add(bad, corrupted(content, 6 * MiB))  # the corruption arrives after the cut
    for name in (good, bad):
        api.digests[name] = hashlib.sha256(content).hexdigest()
        storage.cuts[name] = [4 * MiB, 0, 0]  # cut at half, then both retries fail at once: the call fails
        target = tmp_path / f"{name}.png"
        first = run(packages, how, api, {"scenario": "one", "id": name, "target": str(target), "resume": True})
        assert not first["ok"] and first["error"].startswith("DownloadError"), first
        assert len(leftovers(tmp_path)) == 2

        second = run(packages, how, api, {"scenario": "one", "id": name, "target": str(target), "resume": True})
        ranges = storage.ranges[name]
        assert ranges[-1] is not None and ranges[-1].startswith("bytes="), ranges  # only the rest was asked for
        assert storage.sent[name] < len(content) + MiB
        if name == good:  # the kept part was hashed again: the whole file matches
            assert second["ok"], second
            assert target.read_bytes() == content
        else:
            assert not second["ok"] and second["error"].startswith("ChecksumMismatchError"), second
            assert not target.exists()
        assert leftovers(tmp_path) == []


def test_a_malformed_declared_digest_is_refused_before_the_file_is_fetched(
    packages: Packages, servers: tuple[Storage, Api], tmp_path: Path
) -> None:
    storage, api = servers
    name = ident(4)
    storage.add(name, pattern(MiB))
    api.digests[name] = "not-a-sha256"
    for how in RUNS:
        report = run(packages, how, api, {"scenario": "one", "id": name, "target": str(tmp_path / "x.png")})
        assert not report["ok"] and report["error"].startswith("DownloadError"), (how, report)
        assert "sha256" in report["error"] and "hex" in report["error"]
    assert storage.sent[name] == 0 and list(tmp_path.iterdir()) == []
