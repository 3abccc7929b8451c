"""The go style's cost grows with the document, not faster: what each operation or property repeats is made once.

Counted, not timed (the machine is shared): calls of the work an operation or a property used
to repeat, and gofmt processes started per package. The timings are the benchmark's
(``python -m bench --only synthetic``).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import generator.styles.go as go_style
from generator.core.style import PackageSpec, StyleContext
from generator.core.templating import Templates
from generator.ir import Api
from generator.styles.go import checks, models, stubs
from generator.styles.go.literals import gostr
from generator.styles.go.package import build_package

ROOT = Path(__file__).resolve().parents[2]
GENERATE = [sys.executable, "-m", "generator", "generate"]
SPEC = PackageSpec(package="scaled", title="Scaled", base_url=None, env_prefix="SCALED", header="")


def _document(operations: int, properties: int) -> dict[str, Any]:
    """``operations`` posts taking the same model, which nests a model of ``properties`` checked properties."""
    props = {"name": {"type": "string", "maxLength": 8}, "inner": {"$ref": "#/components/schemas/Inner"}}
    paths = {
        f"/r{i}": {
            "post": {
                "operationId": f"post{i}",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                },
                "responses": {"204": {"description": "Done."}},
            }
        }
        for i in range(operations)
    }
    inner = {
        "type": "object",
        "properties": {f"field_{i}": {"type": "string", "minLength": 1} for i in range(properties)},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Scaled", "version": "1"},
        "paths": paths,
        "components": {"schemas": {"Thing": {"type": "object", "properties": props}, "Inner": inner}},
    }


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Any, str], list[int]]]:
    """``count(module, name)``: wrap that function of the module; the returned list holds one number, its calls."""

    def count(module: Any, name: str) -> list[int]:
        calls = [0]
        original = getattr(module, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            calls[0] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapped)
        return calls

    yield count


def _built(load_spec: Any, operations: int, properties: int) -> None:
    api, diagnostics = load_spec(_document(operations, properties), name=f"s{operations}-{properties}.json")
    assert isinstance(api, Api), diagnostics
    build_package(api, SPEC, diagnostics)


def test_the_checks_of_a_body_model_are_written_once_whatever_the_number_of_operations(
    load_spec: Any, counted: Callable[[Any, str], list[int]]
) -> None:
    calls = counted(checks, "value_checks")
    _built(load_spec, 5, 6)
    few = calls[0]
    calls[0] = 0
    _built(load_spec, 50, 6)
    assert few > 0
    assert calls[0] == few  # was 10 times as many: every operation wrote the nested checks again


def test_naming_a_models_fields_costs_time_linear_in_its_properties(
    load_spec: Any, counted: Callable[[Any, str], list[int]]
) -> None:
    calls = counted(models.naming, "exported")
    _built(load_spec, 1, 10)
    small = calls[0]
    calls[0] = 0
    _built(load_spec, 1, 100)
    # every property's check named all the model's fields again: 10x the properties cost 85x
    assert calls[0] < 15 * small, (small, calls[0])


@pytest.mark.parametrize(
    "char",
    [chr(c) for c in range(0x100)] + ["\u2028", "\uffff", "\ud800", "\udfff", "\U0001f600", "\U0010ffff"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_gostr_writes_each_character_as_go_reads_it(char: str) -> None:
    code = ord(char)
    named = {'"': '\\"', "\\": "\\\\", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r"}
    named |= {"\t": "\\t", "\v": "\\v"}
    if char in named:
        expected = named[char]
    elif 0x20 <= code < 0x7F:
        expected = char
    elif code < 0x80:
        expected = f"\\x{code:02x}"
    elif 0xD800 <= code <= 0xDFFF:
        expected = "".join(f"\\x{b:02x}" for b in char.encode("utf-8", "surrogatepass"))
    elif code <= 0xFFFF:
        expected = f"\\u{code:04x}"
    else:
        expected = f"\\U{code:08x}"
    assert gostr(char) == f'"{expected}"'
    assert gostr(f"a{char}b\\{char}") == f'"a{expected}b\\\\{expected}"'  # the same inside ASCII text


@pytest.mark.skipif(shutil.which("gofmt") is None, reason="Go is not installed")
def test_a_package_is_formatted_and_checked_by_one_gofmt_run_in_each_process(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench import synthetic

    spec = synthetic.write(tmp_path, 40)
    log = tmp_path / "gofmt.log"
    fake = tmp_path / "bin" / "gofmt"
    fake.parent.mkdir()
    real = shutil.which("gofmt")
    fake.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    out = tmp_path / "out"
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}", "GENERATOR_NO_CACHE": "1"}
    done = subprocess.run(
        [*GENERATE, "--spec", str(spec), "--name", "syn", "--out", str(out), "--style", "go"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(list(out.rglob("*.go"))) > 20
    # one run in each process writes its rendered files (the package's with the copied runtime; the suite's, made in
    # a second process on a big spec); what gofmt wrote, or left as it was, is not read again
    runs = log.read_text(encoding="utf-8").split()
    assert runs in (["-w"], ["-w", "-w"])


def test_each_refusal_test_writes_only_the_argument_it_breaks(
    load_spec: Any, counted: Callable[[Any, str], list[int]]
) -> None:
    calls = counted(stubs.GoValues, "expr")

    def written(parameters: int) -> int:
        query = [
            {"name": f"q{i}", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 4}}
            for i in range(parameters)
        ]
        operation = {"operationId": "find", "parameters": query, "responses": {"204": {"description": "Done."}}}
        document = {"openapi": "3.0.3", "info": {"title": "Q", "version": "1"}, "paths": {"/q": {"get": operation}}}
        api, diagnostics = load_spec(document, name=f"q{parameters}.json")
        assert isinstance(api, Api), diagnostics
        calls[0] = 0
        stubs.test_files(api, build_package(api, SPEC, diagnostics))
        return calls[0]

    few, many = written(5), written(50)
    assert few > 0
    assert many < 15 * few, (few, many)  # every refusal wrote every other argument again: 10x the arguments, 100x


@pytest.mark.skipif(shutil.which("gofmt") is None, reason="Go is not installed")
def test_a_big_package_renders_its_test_suite_in_a_second_process_to_the_same_bytes(
    load_spec: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    api, diagnostics = load_spec(_document(go_style.FORK_OPERATIONS, 3), name="big.json")
    assert isinstance(api, Api), diagnostics
    started: list[bool] = []
    real = go_style.forked.start

    def spy(function: Callable[[], Any], *, worth_it: bool = True) -> Any:
        started.append(worth_it)
        return real(function, worth_it=worth_it)

    monkeypatch.setattr(go_style.forked, "start", spy)
    monkeypatch.setenv("GENERATOR_JOBS", "2")
    style = go_style.STYLE
    files = style.render_package(api, SPEC, StyleContext(diagnostics, Templates(style.templates, None)))
    assert started == [True]  # from FORK_OPERATIONS operations on, a child process when there is a second core
    assert [file for file in files if file.path.endswith("_test.go") and "Refuses" in file.text]
    assert not style.check_files(files)
    monkeypatch.setenv("GENERATOR_JOBS", "1")  # all in this process: the same files
    assert style.render_package(api, SPEC, StyleContext(diagnostics, Templates(style.templates, None))) == files


def test_the_test_suite_reads_the_packages_schema_index_instead_of_walking_the_schemas_again(load_spec: Any) -> None:
    api, diagnostics = load_spec(_document(3, 3), name="index.json")
    assert isinstance(api, Api), diagnostics
    pkg = build_package(api, SPEC, diagnostics)
    made = len(pkg.models.types.examples)
    stubs.test_files(api, pkg)
    assert len(pkg.models.types.examples) > made  # its examples went to the package's index, which it used
