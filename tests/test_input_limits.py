"""Hostile or broken input to `generate`: bounded time and memory, exit 2, one located error, no traceback.

Each case runs ``python -m generator generate`` in a subprocess under a timeout
and measures the child's peak memory. Shapes already covered for ``ir`` in
tests/test_diagnostics_cli.py (empty, list root, Swagger 1.2, OpenAPI 4.0.0,
not UTF-8, a smaller alias bomb) are repeated here through ``generate`` with
the resource bounds; remote and out-of-folder ``$ref``s are covered in
tests/test_loaders_openapi3.py and not repeated.
"""

from __future__ import annotations

import json
import re
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
    ("self-ref-validated", "self.yaml", self_ref, "E020", "too deeply", ()),
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
    """The run, its wall time in seconds and its own peak RSS in MB.

    Started by ``bench/launch.py``, which measures the run alone: ``RUSAGE_CHILDREN`` of this
    process is the maximum over every child of the whole test session (a type checker among
    them), and a child forked from here would carry this process's own peak through exec.
    """
    argv = [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--name", "limits", "--out", str(out)]
    measured = out.parent / f".{out.name}-launch.json"
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-I", "-S", str(ROOT / "bench" / "launch.py"), "0", str(measured), *argv, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    elapsed = time.monotonic() - start
    peak_kb = json.loads(measured.read_text(encoding="utf-8"))["peak_kib"]
    measured.unlink()
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
    # The run's own peak, measured by the launcher (see run_generate).
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


# ---------------------------------------------------------------- what JSON cannot carry, found where it sits


def read(text: str, name: str = "api.json") -> tuple[object, list[tuple[str, str, str]]]:
    """The parsed value and (code, pointer, message) of each problem reading found."""
    data, problems = sources.parse_document(text.encode("utf-8"), sources.Origin(file=name))
    return data, [(p.code, p.origin.pointer if p.origin else "", p.message) for p in problems]


@pytest.mark.parametrize(
    ("text", "pointer", "where"),
    [
        ('{"info": {"description": "bad \\udfff here"}}', "/info/description", ("info", "description")),
        ('{"e": {"enum": ["ok", "\\ud800"]}}', "/e/enum/1", ("e", "enum", 1)),
        ('{"x": {"example": {"a": "\\uDC00"}}}', "/x/example/a", ("x", "example", "a")),
    ],
    ids=["json-description", "json-enum", "json-example"],
)
def test_a_lone_surrogate_is_a_located_warning_and_replaced(
    text: str, pointer: str, where: tuple[str | int, ...]
) -> None:
    data, problems = read(text)
    assert [(code, at) for code, at, _ in problems] == [("W006", pointer)]
    assert "\\ud" in problems[0][2].lower() and "U+FFFD" in problems[0][2]
    value: object = data
    for part in where:
        value = value[part]  # type: ignore[index]
    assert isinstance(value, str) and "\ufffd" in value
    value.encode("utf-8")  # printable, writable


def test_a_lone_surrogate_escaped_in_yaml_is_refused_by_the_yaml_reader_where_it_stands() -> None:
    with pytest.raises(sources.SourceError) as refused:
        read('e:\n  title: "bad \\udfff"\n', "api.yaml")
    assert refused.value.code == "E002" and "line 2" in refused.value.message


def test_a_lone_surrogate_in_a_key_is_reported_at_the_replaced_key() -> None:
    data, problems = read('{"paths": {"/a\\udfff": {}}}')
    assert [(code, at) for code, at, _ in problems] == [("W006", "/paths/~1a\ufffd")]
    assert data == {"paths": {"/a\ufffd": {}}}


def test_a_surrogate_pair_written_as_escapes_is_one_character_and_fine() -> None:
    data, problems = read('{"d": "\\ud83d\\ude00"}')
    assert problems == [] and data == {"d": "\U0001f600"}


@pytest.mark.parametrize(
    ("text", "name", "code", "words"),
    [
        ('{"n": {"minimum": NaN}}', "api.json", "E002", "`NaN` is not a JSON number"),
        ('{"n": {"minimum": Infinity}}', "api.json", "E002", "`Infinity`"),
        ('{"n": {"minimum": -Infinity}}', "api.json", "E002", "`-Infinity`"),
        ('{"n": {"minimum": 1e400}}', "api.json", "E005", "beyond a double's range"),
        ('{"n": {"minimum": 1e999999}}', "api.json", "E005", "beyond a double's range"),
        ('{"n": {"minimum": ' + "9" * 4000 + "}}", "api.json", "E005", "beyond a double's range"),
        ('{"n": {"minimum": ' + "9" * 5000 + "}}", "api.json", "E005", "5000 digits"),
        ("n:\n  minimum: 0x" + "f" * 4000 + "\n", "api.yaml", "E005", "beyond a double's range"),
        ("n:\n  minimum: " + "9" * 5000 + "\n", "api.yaml", "E005", "beyond a double's range"),
        ("n:\n  minimum: .nan\n", "api.yaml", "E005", "NaN"),
        ("n:\n  minimum: .inf\n", "api.yaml", "E005", "beyond a double's range"),
        ("n:\n  minimum: !!set {a, b}\n", "api.yaml", "E002", "set"),
    ],
    ids=[
        "nan",
        "infinity",
        "minus-infinity",
        "1e400",
        "1e999999",
        "json-4000-digits",
        "json-5000-digits",
        "yaml-hex-4000",
        "yaml-5000-digits",
        "yaml-nan",
        "yaml-inf",
        "yaml-set",
    ],
)
def test_a_number_no_client_can_hold_is_a_located_error(text: str, name: str, code: str, words: str) -> None:
    _, problems = read(text, name)
    assert [(c, at) for c, at, _ in problems] == [(code, "/n/minimum")]
    assert words in problems[0][2]


@pytest.mark.parametrize(
    ("text", "pointer"),
    [("? 0x" + "f" * 4000 + "\n: x\n", ""), ("n:\n  .inf: x\n", "/n")],
    ids=["huge-integer-key", "infinite-key"],
)
def test_a_number_key_out_of_range_is_a_located_error(text: str, pointer: str) -> None:
    _, problems = read(text, "api.yaml")
    assert [(c, at) for c, at, _ in problems] == [("E005", pointer)]


def test_big_but_representable_numbers_are_read_as_they_are() -> None:
    data, problems = read('{"a": 1180591620717411303424, "b": 1e300, "c": 5e-324, "d": -9223372036854775808}')
    assert problems == []
    assert data == {"a": 2**70, "b": 1e300, "c": 5e-324, "d": -(2**63)}


@pytest.mark.parametrize(
    ("text", "name", "pointers"),
    [
        ('{"info": {"title": "T", "version": "1", "title": "U"}}', "api.json", ["/info/title"]),
        ('{"a": 1, "a": 2, "a": 3, "b": {"c": 1, "c": 1}}', "api.json", ["/a", "/b/c"]),
        ("info:\n  title: T\n  title: U\n", "api.yaml", ["/info/title"]),
        ("r:\n  200: {}\n  '200': {}\n", "api.yaml", ["/r/200"]),
    ],
    ids=["json", "json-thrice-and-nested", "yaml", "yaml-number-and-string"],
)
def test_a_repeated_key_is_a_located_warning_and_the_last_is_kept(text: str, name: str, pointers: list[str]) -> None:
    data, problems = read(text, name)
    assert [(c, at) for c, at, _ in problems] == [("W007", p) for p in pointers]
    assert "the last one is used" in problems[0][2]
    assert isinstance(data, dict)
    if "info" in data:
        assert data["info"]["title"] == "U"


def test_yaml_merge_keys_override_without_a_warning() -> None:
    data, problems = read("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  x: 3\n", "api.yaml")
    assert problems == []
    assert data == {"base": {"x": 1, "y": 2}, "use": {"x": 3, "y": 2}}
