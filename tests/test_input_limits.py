"""Hostile or broken input to `generate`: bounded time and memory, exit 2, one located error, no traceback.

Each case runs ``python -m generator generate`` in a subprocess under a timeout
and measures the child's peak memory. Shapes already covered for ``ir`` in
tests/test_diagnostics_cli.py (empty, list root, Swagger 1.2, OpenAPI 4.0.0,
not UTF-8, a smaller alias bomb) are repeated here through ``generate`` with
the resource bounds; remote and out-of-folder ``$ref``s are covered in
tests/test_loaders_openapi3.py and not repeated.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import sources

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 30
MAX_RSS_MB = 600
LOCATED = re.compile(r"^(?P<file>[^#\s]+)#(?P<pointer>\S*?)(?::\d+)?: error\[(?P<code>E\d{3})\]: (?P<message>\S.*)$")


def alias_bomb() -> bytes:
    """Billion laughs: 9 levels of 9 aliases, 9**9 (387 million) leaves once expanded."""
    lines = [b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]".encode())
    return b"openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n" + b"\n".join(lines) + b"\n"


def deep_yaml() -> bytes:
    return b"openapi: 3.1.0\nx: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"


def deep_yaml_block() -> bytes:
    return b"openapi: 3.1.0\n" + b"".join(b"  " * i + b"k:\n" for i in range(5_000)) + b"  " * 5_000 + b"v: 1\n"


def deep_yaml_compact() -> bytes:
    return b"openapi: 3.1.0\nx:\n" + b"- " * 100_000 + b"x\n"


def deep_json() -> bytes:
    return b'{"openapi": "3.1.0", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def deep_json_objects() -> bytes:
    return b'{"openapi": "3.1.0", "x": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_000 + b"}"


def cyclic_schemas() -> bytes:
    return b"""openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
"""


def self_ref() -> bytes:
    return (
        cyclic_schemas()
        .replace(b"B: {$ref: '#/components/schemas/A'}", b"C: {$ref: '#/components/schemas/C'}")
        .replace(b"A: {$ref: '#/components/schemas/B'}", b"A: {$ref: '#/components/schemas/A'}")
    )


CASES: list[tuple[str, str, Callable[[], bytes], str, str, tuple[str, ...]]] = [
    # (id, file name, content, code, words in the message, extra arguments)
    ("alias-bomb-9x9", "bomb.yaml", alias_bomb, "E004", "nodes", ()),
    ("deep-json-arrays", "deep.json", deep_json, "E004", "deeper", ()),
    ("deep-json-objects", "deepo.json", deep_json_objects, "E004", "deeper", ()),
    ("deep-yaml-flow", "deep.yaml", deep_yaml, "E004", "deeper", ()),  # was SIGSEGV in libyaml's composer
    ("deep-yaml-compact", "deepc.yaml", deep_yaml_compact, "E004", "deeper", ()),
    ("deep-yaml-block", "deepb.yaml", deep_yaml_block, "E004", "deeper", ()),
    ("cyclic-schema-refs-validated", "cycle.yaml", cyclic_schemas, "E020", "too deeply", ()),
    ("cyclic-schema-refs", "cycle.yaml", cyclic_schemas, "E012", "cycle", ("--validation", "off")),
    ("self-ref-validated", "self.yaml", self_ref, "E020", "too deeply", ()),
    ("self-ref", "self.yaml", self_ref, "E012", "cycle", ("--validation", "off")),
    (
        "not-utf8",
        "latin1.yaml",
        lambda: b"openapi: 3.1.0\ninfo: {title: caf\xe9\xff, version: '1'}\n",
        "E002",
        "UTF-8",
        (),
    ),
    ("empty", "empty.yaml", lambda: b"", "E002", "empty", ()),
    ("list-root", "list.json", lambda: b'[{"openapi": "3.1.0"}]', "E003", "list", ()),
    ("swagger-1.2", "old.json", lambda: b'{"swaggerVersion": "1.2", "apis": []}', "E003", "Swagger 1", ()),
    (
        "openapi-4",
        "four.yaml",
        lambda: b"openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        "E003",
        "4.0.0",
        (),
    ),
]


def run_generate(spec: Path, out: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """The run, its wall time in seconds and the child's peak RSS in MB (max over children so far)."""
    start = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--spec",
            str(spec),
            "--name",
            "limits",
            "--out",
            str(out),
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    elapsed = time.monotonic() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return result, elapsed, peak_kb / 1024


def assert_one_located_error(result: subprocess.CompletedProcess[str], name: str, code: str, words: str) -> None:
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    located = [m for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert located, result.stderr[-2000:]
    first = located[0]
    assert first["file"].endswith(name), first.group(0)
    assert first["code"].startswith(code), first.group(0)
    assert words in first["message"], first.group(0)
    assert result.stderr.rstrip().endswith("nothing was written")


@pytest.mark.parametrize(
    ("name", "content", "code", "words", "extra"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_bad_input_is_refused_quickly_with_a_located_error(
    tmp_path: Path, name: str, content: Callable[[], bytes], code: str, words: str, extra: tuple[str, ...]
) -> None:
    spec = tmp_path / name
    spec.write_bytes(content())
    result, elapsed, peak_mb = run_generate(spec, tmp_path / "out", *extra)
    assert_one_located_error(result, name, code, words)
    assert not (tmp_path / "out").exists()
    assert elapsed < TIMEOUT
    # RUSAGE_CHILDREN is the maximum over every child so far: a bound on this run and all earlier ones.
    assert peak_mb < MAX_RSS_MB, f"peak RSS {peak_mb:.0f} MB"


def test_a_document_over_max_bytes_is_refused_before_parsing(tmp_path: Path) -> None:
    spec = tmp_path / "huge.yaml"
    head = b"openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
    with spec.open("wb") as handle:  # sparse where the file system allows: mostly a hole of spaces' worth of zeros
        handle.write(head)
        handle.seek(sources.MAX_BYTES * 16)  # 1 GiB: only the first MAX_BYTES + 1 may ever be read
        handle.write(b"\n")
    result, elapsed, peak_mb = run_generate(spec, tmp_path / "out")
    assert_one_located_error(result, "huge.yaml", "E004", "limit")
    assert elapsed < TIMEOUT
    assert peak_mb < MAX_RSS_MB, f"peak RSS {peak_mb:.0f} MB"


def test_a_document_over_max_bytes_is_refused_through_a_ref(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"Thing: {type: string}\n")
        handle.write(b" " * 16)
        handle.seek(sources.MAX_BYTES + 10)
        handle.write(b"\n")
    spec = tmp_path / "api.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n"
        "        '200':\n          description: ok\n          content:\n            application/json:\n"
        "              schema: {$ref: 'big.yaml#/Thing'}\n"
    )
    result, _, _ = run_generate(spec, tmp_path / "out")
    assert_one_located_error(result, "api.yaml", "E020", "big.yaml")  # the validator does not follow it
    result, _, _ = run_generate(spec, tmp_path / "out", "--validation", "off")
    assert_one_located_error(result, "api.yaml", "E004", "big.yaml")
