"""CRC32C against RFC 3720's vectors, and the digest a spec declares, in both runtimes.

The Python runtime is imported as the tests' ``imgrt_runtime``; the TypeScript one is
``templates/typescript/runtime/checksums.ts`` compiled by ``tsc --strict`` and run by node.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import imgrt_runtime as rt
import pytest

ROOT = Path(__file__).resolve().parents[2]
TSC = ROOT / "node_modules" / ".bin" / "tsc"

CRC32C_VECTORS = [
    # RFC 3720, B.4 (CRC Examples)
    ("32 zero bytes", bytes(32), "8a9136aa"),
    ("32 bytes of 0xFF", b"\xff" * 32, "62a8ab43"),
    ("32 ascending bytes", bytes(range(32)), "46dd794e"),
    ("32 descending bytes", bytes(range(31, -1, -1)), "113fdb5c"),
    ("123456789", b"123456789", "e3069283"),
]
SHA = hashlib.sha256(b"file").digest()
DECLARED = [
    # (algorithm, encoding, value, hex expected or None for "none stated", or "error")
    ("sha256", "hex", SHA.hex().upper(), SHA.hex()),
    ("sha256", "base64", base64.b64encode(SHA).decode(), SHA.hex()),
    ("crc32c", "base64", base64.b64encode(bytes.fromhex("e3069283")).decode(), "e3069283"),
    ("md5", "hex", None, None),
    ("md5", "hex", "", None),
    ("sha256", "hex", base64.b64encode(SHA).decode(), "error"),  # base64 where hex is declared
    ("sha256", "base64", SHA.hex(), "error"),  # hex where base64 is declared (decodes to 48 bytes)
    ("md5", "hex", SHA.hex(), "error"),  # the wrong size
    ("md5", "hex", 12345, "error"),
]


@pytest.mark.parametrize(("data", "expected"), [v[1:] for v in CRC32C_VECTORS], ids=[v[0] for v in CRC32C_VECTORS])
def test_python_crc32c_matches_rfc_3720(data: bytes, expected: str) -> None:
    assert rt.Crc32c(data).hexdigest() == expected
    split = rt.Crc32c(data[:5])
    split.update(data[5:])
    assert split.hexdigest() == expected


@pytest.mark.parametrize(("algorithm", "encoding", "value", "expected"), DECLARED)
def test_python_declared_checksum(algorithm: str, encoding: str, value: object, expected: str | None) -> None:
    if expected == "error":
        with pytest.raises(rt.DownloadError, match=f"{algorithm} digest .* in {encoding}"):
            rt.declared_checksum(algorithm, encoding, value)
        return
    found = rt.declared_checksum(algorithm, encoding, value)
    assert (found.hex if found is not None else None) == expected
    assert found is None or found.algorithm == algorithm


@pytest.fixture(scope="module")
def ts_checksums(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("node") is None or not TSC.exists():
        pytest.skip("node or TypeScript is not installed")
    out = tmp_path_factory.mktemp("ts-checksums")
    source = ROOT / "templates" / "typescript" / "runtime" / "checksums.ts"
    options = ["--strict", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler"]
    types = ["--typeRoots", str(ROOT / "node_modules" / "@types"), "--types", "node", "--skipLibCheck"]
    done = subprocess.run(
        [str(TSC), *options, *types, "--outDir", str(out), str(source)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    return out / "checksums.js"


def run_ts(module: Path, body: str) -> object:
    script = f"import * as c from {json.dumps(module.as_uri())};\n{body}"
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_typescript_crc32c_matches_rfc_3720(ts_checksums: Path) -> None:
    inputs = [list(data) for _, data, _ in CRC32C_VECTORS]
    body = f"""
const out = [];
for (const bytes of {json.dumps(inputs)}) {{
  const data = Uint8Array.from(bytes);
  const split = new c.Crc32c().update(data.subarray(0, 5)).update(data.subarray(5));
  out.push([new c.Crc32c().update(data).hexdigest(), split.hexdigest()]);
}}
console.log(JSON.stringify(out));
"""
    assert run_ts(ts_checksums, body) == [[expected, expected] for _, _, expected in CRC32C_VECTORS]


def test_typescript_declared_checksum(ts_checksums: Path) -> None:
    cases = [[a, e, v] for a, e, v, _ in DECLARED]
    body = f"""
const out = [];
for (const [algorithm, encoding, value] of {json.dumps(cases)}) {{
  try {{
    const found = c.declaredChecksum(algorithm, encoding, value);
    out.push(found === undefined ? null : found.hex);
  }} catch (error) {{
    out.push(error.constructor.name === "DownloadError" && error.message.includes(encoding) ? "error" : String(error));
  }}
}}
console.log(JSON.stringify(out));
"""
    assert run_ts(ts_checksums, body) == [expected for *_, expected in DECLARED]
