"""What a cold run starts from: work done once with the install, used only while it is current.

``python -m generator.precompile`` (run by ``make``) compiles the built-in styles' templates and proves the
Python runtime compiles, into ``cache.SHIPPED``; a run uses an entry from there only for the same template
source (and kind of environment) or the same text. Each test builds its own folder and points
``cache.SHIPPED`` at it, so a checkout where ``make`` has not run yet behaves the same. A run imports only
what its document and style need.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib
import json
import marshal
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator import cache, dataclass_code, freshness, precompile, regex_code, versions
from generator.cli import main
from generator.core import templating
from generator.core.templating import Templates
from generator.styles.python import selfcheck
from generator.styles.python.render import FILTERS

TINY = """\
openapi: 3.1.0
info: {title: Tiny, version: "1.0"}
servers: [{url: "https://api.example.com"}]
paths:
  /images/{id}:
    get:
      operationId: getImage
      parameters: [{name: id, in: path, required: true, schema: {type: string, pattern: "^[a-z]+$"}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: object, properties: {url: {type: string}}}}}
"""

ROOT = Path(__file__).resolve().parents[1]
STYLES = ["python", "typescript"] + (["go"] if shutil.which("gofmt") else [])


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates Jinja compiles while the test runs."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        names.append(str(name))
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    yield names


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(folder))
    monkeypatch.delenv("GENERATOR_NO_CACHE", raising=False)
    return folder


def _generate(tmp_path: Path, style: str, out: Path) -> dict[str, bytes]:
    spec = tmp_path / "tiny.yaml"
    spec.write_text(TINY, "utf-8")
    assert main(["generate", "--spec", str(spec), "--name", "tiny", "--out", str(out), "--style", style]) == 0
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def proofs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the Python files ``selfcheck`` compiles while the test runs."""
    paths: list[str] = []

    def counting(source: str, filename: str, *args: Any, **kwargs: Any) -> Any:
        paths.append(filename)
        return compile(source, filename, *args, **kwargs)

    monkeypatch.setattr(selfcheck, "compile", counting, raising=False)
    return paths


@pytest.mark.parametrize("style", STYLES)
def test_a_cold_run_compiles_no_built_in_template_nor_runtime_and_writes_the_same_bytes(
    style: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    user_cache: Path,
    compiles: list[str],
    proofs: list[str],
) -> None:
    monkeypatch.setattr(cache, "SHIPPED", tmp_path / "absent")
    compiled_here = _generate(tmp_path, style, tmp_path / "compiled")
    assert compiles, "without compiled templates the run compiles them"
    assert any("/_runtime/" in path for path in proofs) == (style == "python")

    shipped = tmp_path / "shipped"
    precompile.build(shipped)
    monkeypatch.setattr(cache, "SHIPPED", shipped)
    shutil.rmtree(user_cache)
    compiles.clear()
    proofs.clear()
    loaded = _generate(tmp_path, style, tmp_path / "loaded")
    assert compiles == []
    assert [path for path in proofs if "/_runtime/" in path] == []
    assert not (user_cache / templating.JINJA).exists()
    assert loaded == compiled_here


def test_the_build_holds_every_template_and_python_runtime_file_and_nothing_else(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    (shipped / templating.JINJA).mkdir(parents=True)
    (shipped / templating.JINJA / "0123.cache").write_bytes(b"from templates that no longer exist")
    assert precompile.main([str(shipped)]) == 0
    first = sorted(p.relative_to(shipped).as_posix() for p in shipped.rglob("*") if p.is_file())
    templates = Path(templating.__file__).resolve().parents[2] / "templates"
    assert len([p for p in first if p.startswith(f"{templating.JINJA}/")]) == len(list(templates.rglob("*.j2")))
    runtime = list((templates / "python" / "runtime").glob("*.py"))
    assert len([p for p in first if p.startswith(f"{selfcheck.CACHE_KIND}/")]) == len(runtime)
    assert f"{templating.JINJA}/0123.cache" not in first
    assert (shipped / ".gitignore").read_text() == "*\n"
    assert precompile.main([str(shipped)]) == 0
    assert sorted(p.relative_to(shipped).as_posix() for p in shipped.rglob("*") if p.is_file()) == first


def test_an_unwritable_folder_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert precompile.main([str(blocker / "compiled")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write the precompiled entries" in err


def _style_copy(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "style"
    (folder / "package").mkdir(parents=True, exist_ok=True)
    (folder / "package" / "hello.py.j2").write_text(text, "utf-8")
    return folder


def test_an_edited_template_is_compiled_again_not_taken_from_the_stale_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_cache: Path, compiles: list[str]
) -> None:
    folder = _style_copy(tmp_path, "greeting = {{ name | pystr }}\n")
    shipped = tmp_path / "shipped"
    templating.precompile(folder, FILTERS, shipped / templating.JINJA)
    monkeypatch.setattr(cache, "SHIPPED", shipped)
    compiles.clear()
    assert Templates(folder).render(FILTERS, "package/hello.py.j2", name="hi") == 'greeting = "hi"\n'
    assert compiles == []

    (folder / "package" / "hello.py.j2").write_text("greeting = {{ name | pystr }}  # edited\n", "utf-8")
    assert Templates(folder).render(FILTERS, "package/hello.py.j2", name="hi") == 'greeting = "hi"  # edited\n'
    assert compiles == ["package/hello.py.j2"]
    # the edited template's code is kept in the user's cache, the shipped folder is never written
    compiles.clear()
    assert Templates(folder).render(FILTERS, "package/hello.py.j2", name="hi") == 'greeting = "hi"  # edited\n'
    assert compiles == []
    assert len(list((shipped / templating.JINJA).glob("*.cache"))) == 1


def test_an_entry_from_another_python_is_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_cache: Path, compiles: list[str]
) -> None:
    folder = _style_copy(tmp_path, "greeting = {{ name | pystr }}\n")
    shipped = tmp_path / "shipped"
    (entry,) = templating.precompile(folder, FILTERS, shipped / templating.JINJA)
    entry = f"{templating.JINJA}/{entry}"
    data = bytearray((shipped / entry).read_bytes())
    magic = jinja2.bccache.bc_magic
    assert data.startswith(magic)
    data[len(magic) - 2] ^= 1  # the Python version the entry was compiled by, pickled last in the magic
    (shipped / entry).write_bytes(bytes(data))
    monkeypatch.setattr(cache, "SHIPPED", shipped)
    compiles.clear()
    assert Templates(folder).render(FILTERS, "package/hello.py.j2", name="hi") == 'greeting = "hi"\n'
    assert compiles == ["package/hello.py.j2"]


def test_sandboxed_code_is_never_loaded_into_the_plain_environment_nor_the_other_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_cache: Path
) -> None:
    # a sandboxed environment compiles a call as environment.call(...), which a plain environment lacks
    folder = _style_copy(tmp_path, "greeting = {{ name.upper() | pystr }}\n")
    overrides = tmp_path / "overrides"
    (overrides / "package").mkdir(parents=True)
    (overrides / "package" / "other.j2").write_text("x\n", "utf-8")
    monkeypatch.setattr(cache, "SHIPPED", tmp_path / "absent")
    expected = 'greeting = "HI"\n'
    assert Templates(folder, overrides).render(FILTERS, "package/hello.py.j2", name="hi") == expected
    assert Templates(folder).render(FILTERS, "package/hello.py.j2", name="hi") == expected
    assert Templates(folder, overrides).render(FILTERS, "package/hello.py.j2", name="hi") == expected


def test_overrides_do_not_use_the_shipped_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_cache: Path, compiles: list[str]
) -> None:
    folder = _style_copy(tmp_path, "greeting = {{ name | pystr }}\n")
    shipped = tmp_path / "shipped"
    templating.precompile(folder, FILTERS, shipped / templating.JINJA)
    monkeypatch.setattr(cache, "SHIPPED", shipped)
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    compiles.clear()
    assert Templates(folder, overrides).render(FILTERS, "package/hello.py.j2", name="hi") == 'greeting = "hi"\n'
    assert compiles == ["package/hello.py.j2"]


def test_installed_versions_are_the_ones_importlib_metadata_reports() -> None:
    from importlib.metadata import version

    for name in ["black", "openapi-spec-validator", "jsonschema-rs", "google-re2", "PyYAML", "Jinja2"]:
        assert versions.installed_version(name) == version(name), name
    with pytest.raises(PackageNotFoundError):
        versions.installed_version("no-such-distribution-here")


_IMPORTED = """
import sys
from generator.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_of_a_run(spec: Path, style: str, out: Path) -> set[str]:
    """The modules a run generating ``spec`` in ``style`` (with an empty cache) has imported when it ends."""
    args = ["generate", "--spec", str(spec), "--name", "tiny", "--out", str(out), "--style", style]
    env = {**os.environ, "GENERATOR_CACHE_DIR": str(out.parent / f"cache-{out.name}")}
    probe = subprocess.run(
        [sys.executable, "-c", "import json\n" + _IMPORTED, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr
    report = json.loads(probe.stdout.splitlines()[-1])
    assert report["code"] == 0
    return set(report["modules"])


@pytest.mark.parametrize("style", STYLES)
def test_a_run_imports_only_what_its_document_and_style_need(style: str, tmp_path: Path) -> None:
    spec = tmp_path / "plain.yaml"
    spec.write_text(TINY.replace(', pattern: "^[a-z]+$"', ""), "utf-8")
    modules = _modules_of_a_run(spec, style, tmp_path / "out")
    assert f"generator.styles.{style}" in modules
    unneeded = {"re2", "importlib.metadata", "black", "openapi_spec_validator"}
    unneeded |= {"jinja2.sandbox", "fractions"}  # for a user's templates, for multipleOf
    unneeded |= {f"generator.styles.{other}" for other in ["python", "typescript", "go"] if other != style}
    assert modules & unneeded == set()


def test_an_entry_cut_short_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_cache: Path, compiles: list[str]
) -> None:
    folder = _style_copy(tmp_path, "greeting = {{ name | pystr }}\n")
    shipped = tmp_path / "shipped"
    (entry,) = templating.precompile(folder, FILTERS, shipped / templating.JINJA)
    path = shipped / templating.JINJA / entry
    path.write_bytes(path.read_bytes()[: len(jinja2.bccache.bc_magic) + 3])
    monkeypatch.setattr(cache, "SHIPPED", shipped)
    compiles.clear()
    assert Templates(folder).render(FILTERS, "package/hello.py.j2", name="hi") == 'greeting = "hi"\n'
    assert compiles == ["package/hello.py.j2"]


def test_a_template_that_does_not_compile_is_left_out_and_reported_by_the_run(tmp_path: Path) -> None:
    folder = _style_copy(tmp_path, "greeting = {{ name | pystr \n")
    assert templating.precompile(folder, FILTERS, tmp_path / "shipped") == []
    with pytest.raises(templating.TemplateError, match=r"hello\.py\.j2:1"):
        Templates(folder, folder).render(FILTERS, "package/hello.py.j2", name="hi")


_DATACLASS_COMPILES = """
import json, sys
from pathlib import Path
from generator import dataclass_code
dataclass_code.install(Path(sys.argv.pop(1)))
texts = []
def counting(source, *args, **kwargs):
    texts.append(source)
    return compile(source, *args, **kwargs)
dataclass_code.compile = counting
from generator.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "compiled": len(texts)}))
"""


def _probe(tmp_path: Path, script: str, stored: Path, style: str, out: Path) -> Any:
    """What ``script`` reports (its last line, JSON) of a cold run on the tiny document with the store ``stored``."""
    spec = tmp_path / "tiny.yaml"
    spec.write_text(TINY, "utf-8")
    args = ["generate", "--spec", str(spec), "--name", "tiny", "--out", str(out), "--style", style]
    env = {**os.environ, "GENERATOR_CACHE_DIR": str(tmp_path / f"cache-{out.name}")}
    probe = subprocess.run(
        [sys.executable, "-c", script, str(stored), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr
    report = json.loads(probe.stdout.splitlines()[-1])
    assert report["code"] == 0
    return report["compiled"]


def _run_counting_dataclass_compiles(tmp_path: Path, stored: Path, style: str, out: Path) -> int:
    return int(_probe(tmp_path, _DATACLASS_COMPILES, stored, style, out))


@pytest.mark.parametrize("style", ["python", "typescript"])
def test_a_cold_run_compiles_no_dataclass_method_the_build_stored(style: str, tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    precompile.build(shipped)
    assert (shipped / dataclass_code.FILE).is_file()
    without = _run_counting_dataclass_compiles(tmp_path, tmp_path / "absent", style, tmp_path / "without")
    assert without > 100, "without the stored code every method of every dataclass is compiled"
    assert _run_counting_dataclass_compiles(tmp_path, shipped, style, tmp_path / "with") == 0
    assert _files(tmp_path / "with") == _files(tmp_path / "without")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _declare() -> Any:
    """A frozen slotted dataclass declared now (its methods compiled or found in the store at this moment)."""
    return dataclasses.make_dataclass(
        "Point", [("x", int), ("y", "str", dataclasses.field(default="o", compare=False))], frozen=True, slots=True
    )


def test_methods_found_in_the_store_are_the_ones_exec_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataclasses, "exec", builtins.exec, raising=False)
    plain = _declare()
    monkeypatch.setattr(dataclasses, "exec", dataclass_code._exec, raising=False)
    monkeypatch.setattr(dataclass_code, "used", {})
    _declare()
    store = tmp_path / dataclass_code.FILE
    dataclass_code.save(store)
    assert len(dataclass_code.load(store)) >= 5  # __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__
    monkeypatch.setattr(dataclass_code, "used", {})
    monkeypatch.setattr(dataclass_code, "_stored", dataclass_code.load(store))
    monkeypatch.setattr(dataclass_code, "compile", lambda *args, **kwargs: pytest.fail("compiled"), raising=False)
    stored = _declare()
    for name in ["__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"]:
        ours, theirs = getattr(stored, name), getattr(plain, name)
        assert ours.__code__.co_code == theirs.__code__.co_code, name
        assert ours.__code__.co_flags == theirs.__code__.co_flags, name
        assert ours.__annotations__ == theirs.__annotations__, name
    assert stored.__init__.__annotations__ == {"x": int, "y": "str", "return": None}  # not the texts of a __future__
    point = stored(1)
    assert (repr(point), point == stored(1, "p"), hash(point) == hash(stored(1))) == ("Point(x=1, y='o')", True, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2


def test_a_store_of_another_python_cut_short_or_missing_is_not_loaded(tmp_path: Path) -> None:
    store = tmp_path / dataclass_code.FILE
    assert dataclass_code.load(store) == {}
    dataclass_code.save(store)
    whole = store.read_bytes()
    assert dataclass_code.load(store)
    first_line = whole.index(b"\n") + 1
    for damaged in [
        whole[: first_line + 10],
        whole[:first_line].replace(b"3.", b"4.", 1) + whole[first_line:],
        whole[:first_line] + b"not marshal",
        whole[:first_line] + marshal.dumps(["a list"]),
    ]:
        store.write_bytes(damaged)
        assert dataclass_code.load(store) == {}


def test_a_stored_entry_that_is_not_code_is_compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / dataclass_code.FILE
    text = "def __init__(self, x):\n  self.x = x\n"
    store.write_bytes(dataclass_code._BUILD + marshal.dumps({text: "not code", 3: compile("y = 1", "<s>", "exec")}))
    monkeypatch.setattr(dataclass_code, "used", {})
    monkeypatch.setattr(dataclass_code, "_stored", dataclass_code.load(store))
    namespace: dict[str, Any] = {}
    dataclass_code._exec(text, namespace)
    holder = type("Holder", (), {"__init__": namespace["__init__"]})
    assert holder(5).x == 5


@pytest.mark.parametrize("style", ["python", "typescript"])
def test_pyyaml_is_imported_for_a_yaml_document_only(style: str, tmp_path: Path) -> None:
    import yaml

    as_json = tmp_path / "tiny.json"
    as_json.write_text(json.dumps(yaml.safe_load(TINY), indent=2), "utf-8")
    assert {"yaml", "generator.styles." + style} & _modules_of_a_run(as_json, style, tmp_path / "json") == {
        "generator.styles." + style
    }
    as_yaml = tmp_path / "tiny.yaml"
    as_yaml.write_text(TINY, "utf-8")
    assert "yaml" in _modules_of_a_run(as_yaml, style, tmp_path / "yaml")


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A small generator checkout (its files last changed a minute ago), the one ``freshness`` fingerprints."""
    root = tmp_path / "checkout"
    files = {
        "generator/__init__.py": "x = 1\n",
        "generator/core/style.py": "y = 2\n",
        "generator/notes.txt": "not Python: not the generator's\n",
        "generator/__pycache__/style.cpython-311.py": "a cache\n",
        "templates/python/client.py.j2": "{{ x }}\n",
    }
    long_ago = time.time_ns() - 60 * 10**9
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
        os.utime(root / name, ns=(long_ago, long_ago))
    monkeypatch.setattr(freshness, "GENERATOR", root / "generator")
    monkeypatch.setattr(freshness, "TEMPLATES", root / "templates")
    monkeypatch.setattr(cache, "SHIPPED", tmp_path / "shipped")
    (tmp_path / "shipped").mkdir()
    freshness.generator_fingerprint.cache_clear()
    yield root
    freshness.generator_fingerprint.cache_clear()


def _fingerprint(*, recorded: bool = True) -> str:
    """The generator's fingerprint computed now, from the record or (``recorded=False``) from every file."""
    freshness.generator_fingerprint.cache_clear()
    record = cache.SHIPPED / freshness.RECORD
    kept = record.read_bytes() if record.exists() and not recorded else None
    if kept is not None:
        record.unlink()
    try:
        return freshness.generator_fingerprint()
    finally:
        if kept is not None:
            record.write_bytes(kept)


def test_the_record_gives_the_same_fingerprint_without_reading_a_file(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _fingerprint()
    freshness.record(cache.SHIPPED / freshness.RECORD)
    hashed: list[bytes] = []
    original = freshness.sha256

    def counting(data: bytes) -> str:
        hashed.append(data)
        return original(data)

    monkeypatch.setattr(freshness, "sha256", counting)
    assert _fingerprint() == read
    assert hashed == []
    (cache.SHIPPED / freshness.RECORD).write_text('{"begun_ns": 1, "files": {"generator/__init__.py": 3}}')
    assert _fingerprint() == read and len(hashed) == 3  # a record not whole: every file read


def test_a_file_edited_added_or_removed_after_the_record_is_noticed(checkout: Path) -> None:
    first = _fingerprint()
    freshness.record(cache.SHIPPED / freshness.RECORD)
    fingerprints = {first}

    def changed() -> None:
        now = _fingerprint()
        assert now == _fingerprint(recorded=False)
        assert now not in fingerprints
        fingerprints.add(now)

    style = checkout / "generator/core/style.py"
    style.write_text("y = 3\n", "utf-8")  # the same size
    changed()
    (checkout / "templates/python/new.j2").write_text("{{ y }}\n", "utf-8")
    changed()
    (checkout / "templates/python/new.j2").unlink()
    assert _fingerprint() == _fingerprint(recorded=False)
    (checkout / "generator/__init__.py").unlink()
    changed()
    (checkout / "generator/other.txt").write_text("not Python\n", "utf-8")
    (checkout / "generator/__pycache__/other.cpython-311.py").write_text("a cache\n", "utf-8")
    assert _fingerprint() in fingerprints


def test_a_file_changed_as_the_record_began_is_read_even_with_its_recorded_size_and_time(checkout: Path) -> None:
    template = checkout / "templates/python/client.py.j2"
    before = _fingerprint()
    freshness.record(cache.SHIPPED / freshness.RECORD)
    stat = template.stat()
    template.write_text("{{ y }}\n", "utf-8")  # within one tick of the clock: the same size and time
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    record = json.loads((cache.SHIPPED / freshness.RECORD).read_text("utf-8"))
    record["begun_ns"] = stat.st_mtime_ns + freshness.SETTLED_NS // 2  # the record was begun in that tick
    (cache.SHIPPED / freshness.RECORD).write_text(json.dumps(record), "utf-8")
    assert _fingerprint() != before
    assert _fingerprint() == _fingerprint(recorded=False)


def test_the_record_waits_for_a_file_just_changed_and_vouches_for_it(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(freshness, "SETTLED_NS", 200_000_000)
    (checkout / "templates/python/client.py.j2").write_text("{{ a }}\n", "utf-8")  # as a checkout just updated
    freshness.record(cache.SHIPPED / freshness.RECORD)
    monkeypatch.setattr(freshness, "sha256", lambda data: pytest.fail("a file was read"))
    assert _fingerprint()


def test_a_module_that_cannot_be_imported_leaves_the_rest_of_the_build_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = importlib.import_module
    refused: list[str] = []

    def failing(name: str, package: str | None = None) -> Any:
        if name == "generator.styles.go.models":
            refused.append(name)
            raise ImportError("a module whose own import fails")
        return original(name, package)

    monkeypatch.setattr(importlib, "import_module", failing)
    assert precompile.main([str(tmp_path / "shipped")]) == 0
    assert refused and dataclass_code.load(tmp_path / "shipped" / dataclass_code.FILE)
    assert (tmp_path / "shipped" / freshness.RECORD).is_file()


def test_precompile_writes_bytecode_where_python_would_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under ``PYTHONDONTWRITEBYTECODE`` an import never refreshes a stale ``.pyc``, so every run would compile the
    changed modules from source again; precompile writes them anyway, and a second call leaves them be."""
    import importlib.util

    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    source = tmp_path / "pkg" / "module.py"
    source.parent.mkdir()
    source.write_text("VALUE = 1\n", encoding="utf-8")
    compiled = Path(importlib.util.cache_from_source(str(source)))
    assert not compiled.exists()
    precompile.compile_bytecode(tmp_path / "pkg")
    assert compiled.is_file()
    written = compiled.stat().st_mtime_ns
    precompile.compile_bytecode(tmp_path / "pkg")
    assert compiled.stat().st_mtime_ns == written
    source.write_text("VALUE = 2\n", encoding="utf-8")
    os.utime(source, ns=(written + 10**9, written + 10**9))
    precompile.compile_bytecode(tmp_path / "pkg")
    assert compiled.stat().st_mtime_ns != written


_PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<scheme>https?)://(?P<host>[^/:]+)(?::(\d+))?", 0),
    (r"^[A-Z][a-z_]*(?<!_)$", re.IGNORECASE),
    (
        r"""  \d+ # digits
         (?:\.\d*)?  """,
        re.VERBOSE | re.ASCII,
    ),
    (rb"\x00[\x80-\xff]+(?=;)", 0),
    (r"[\w\u0400-\u04ff]+|é", 0),
]


def test_programs_found_in_the_store_make_the_patterns_re_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regex_code, "used", {})
    monkeypatch.setattr(regex_code, "_stored", {})
    plain = [regex_code._compile(pattern, int(flags)) for pattern, flags in _PATTERNS]
    store = tmp_path / regex_code.FILE
    regex_code.save(store)
    assert set(regex_code.load(store)) == {(pattern, int(flags)) for pattern, flags in _PATTERNS}
    monkeypatch.setattr(regex_code, "_stored", regex_code.load(store))
    monkeypatch.setattr(regex_code, "_compile_now", lambda *args: pytest.fail("compiled"))
    for (pattern, flags), expected in zip(_PATTERNS, plain, strict=True):
        found = regex_code._compile(pattern, int(flags))
        assert found is not expected
        assert found == expected
        assert (found.flags, found.groups, found.groupindex) == (expected.flags, expected.groups, expected.groupindex)
    url = regex_code._compile(*_PATTERNS[0])
    match = url.match("https://example.com:8080/x")
    assert match is not None and (match["host"], match[3]) == ("example.com", "8080")


def test_patterns_marshal_cannot_store_are_compiled_and_left_out_of_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Text(str):
        pass

    monkeypatch.setattr(regex_code, "used", {})
    flagged = regex_code._compile("a+b", re.IGNORECASE)
    subclassed = regex_code._compile(Text("c+d"), 0)
    assert flagged.match("AAB") and subclassed.match("ccd")
    regex_code.save(tmp_path / regex_code.FILE)
    assert regex_code.load(tmp_path / regex_code.FILE) == {}


def test_a_stored_program_the_engine_refuses_is_compiled_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern, flags = _PATTERNS[0]
    args = regex_code.program(pattern, flags)
    assert args is not None
    broken = (*args[:2], [255, *args[2][1:]], *args[3:])
    monkeypatch.setattr(regex_code, "_stored", {(pattern, flags): broken})
    assert regex_code._compile(pattern, flags) == re.compile(pattern, flags)
    assert regex_code._stored == {}


def test_a_pattern_store_of_another_python_cut_short_or_missing_is_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / regex_code.FILE
    assert regex_code.load(store) == {}
    monkeypatch.setattr(regex_code, "used", {(pattern, int(flags)): None for pattern, flags in _PATTERNS})
    regex_code.save(store)
    whole = store.read_bytes()
    assert len(regex_code.load(store)) == len(_PATTERNS)
    first_line = whole.index(b"\n") + 1
    for damaged in [
        whole[: first_line + 10],
        whole[:first_line].replace(b"3.", b"4.", 1) + whole[first_line:],
        whole[:first_line] + b"not marshal",
        whole[:first_line] + marshal.dumps(["a list"]),
        whole[:first_line] + marshal.dumps({("a", 0): ("b", 0, [], 0, {}, ())}),
    ]:
        store.write_bytes(damaged)
        assert regex_code.load(store) == {}


_PATTERN_COMPILES = """
import json, sys
from pathlib import Path
from generator import regex_code
regex_code.install(Path(sys.argv.pop(1)))
compiled = []
original = regex_code._compile_now
def counting(pattern, flags=0):
    compiled.append(repr(pattern))
    return original(pattern, flags)
regex_code._compile_now = counting
from generator.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "compiled": compiled}))
"""


@pytest.mark.parametrize("style", ["python", "typescript"])
def test_a_cold_run_takes_its_modules_patterns_from_the_build(style: str, tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    built = subprocess.run([sys.executable, "-m", "generator.precompile", str(shipped)], cwd=ROOT, capture_output=True)
    assert built.returncode == 0, built.stderr

    def compiled(stored: Path, out: Path) -> list[str]:
        return list(_probe(tmp_path, _PATTERN_COMPILES, stored, style, out))

    without = compiled(tmp_path / "absent", tmp_path / "without")
    assert len(without) > 60, "without the store every pattern of every module is compiled"
    with_store = compiled(shipped, tmp_path / "with")
    assert len(with_store) < len(without) // 2, with_store  # what is left: patterns made as the run goes
    assert _files(tmp_path / "with") == _files(tmp_path / "without")


def test_a_program_compiling_many_patterns_does_not_keep_them_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_code, "used", {})
    monkeypatch.setattr(regex_code, "MAX_USED", 50)
    made = [regex_code._compile(f"(?P<n{index}>x{index})+", 0) for index in range(200)]
    assert len(regex_code.used) == 50
    match = made[-1].fullmatch("x199x199")
    assert match is not None and match["n199"] == "x199"


def test_a_package_folder_is_made_once_not_once_for_each_of_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import output

    made: list[Path] = []
    original = Path.mkdir

    def counting(self: Path, *args: Any, **kwargs: Any) -> None:
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", counting)
    files = {f"pkg/tests/test_{index}.py": b"" for index in range(5)} | {"pkg/a.py": b"a", "README.md": b"r"}
    staging = output.stage(tmp_path / "out", files)
    assert {name: (staging / name).read_bytes() for name in files} == files
    inside = [path.relative_to(staging).as_posix() for path in made if path.is_relative_to(staging) and path != staging]
    assert set(inside) == {"pkg", "pkg/tests"} and len(inside) <= 4  # pkg/tests (making pkg first), then pkg


def test_the_ir_classes_carry_docstrings_of_their_own() -> None:
    """A dataclass without one gets its signature as its docstring, computed by ``inspect`` at every start."""
    from generator import ir

    classes = [
        value for value in vars(ir).values() if dataclasses.is_dataclass(value) and value.__module__ == ir.__name__
    ]
    assert len(classes) > 30
    computed = [cls.__name__ for cls in classes if (cls.__doc__ or "").startswith(f"{cls.__name__}(")]
    assert computed == []


_LEAVE = """
import atexit, sys, threading, time
from generator.__main__ import leave

class Kept:
    def __del__(self):
        print("torn down")

kept = Kept()
atexit.register(lambda: print("exit function ran"))
if sys.argv[1] == "thread":
    threading.Thread(target=time.sleep, args=(0.2,)).start()
sys.stdout.write("buffered, not yet written;")
leave(3)
"""


@pytest.mark.parametrize("threads", ["alone", "thread"])
def test_the_program_ends_without_tearing_python_down_unless_another_thread_runs(threads: str) -> None:
    """``python -m generator`` ends as Python would (exit functions, flushed output, the status), less the
    teardown of every object; with another thread running, Python's own exit waits for it as before."""
    ended = subprocess.run([sys.executable, "-c", _LEAVE, threads], cwd=ROOT, capture_output=True, text=True)
    assert ended.returncode == 3, ended.stderr
    lines = ended.stdout.split(";")
    assert lines[0] == "buffered, not yet written" and "exit function ran" in lines[1]
    assert ("torn down" in ended.stdout) == (threads == "thread")


def test_python_minus_m_generator_gives_main_s_status_and_output(tmp_path: Path) -> None:
    spec = tmp_path / "tiny.yaml"
    spec.write_text(TINY, "utf-8")
    args = ["generate", "--spec", str(spec), "--name", "tiny", "--out", str(tmp_path / "out"), "--style", "python"]
    env = {**os.environ, "GENERATOR_CACHE_DIR": str(tmp_path / "cache")}
    ran = subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout.startswith("tiny: 1 operations") and (tmp_path / "out" / "generator.lock.json").is_file()
    refused = subprocess.run(
        [sys.executable, "-m", "generator", *args[:2], str(tmp_path / "none.yaml"), *args[3:]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2 and "error[E001]" in refused.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", ["ir", "generate"])
def test_output_to_a_full_device_is_one_line_and_exit_2(command: str, tmp_path: Path) -> None:
    """Standard output on a full disk is the machine's, not a bug of the generator: one line, exit 2."""
    spec = tmp_path / "tiny.yaml"
    spec.write_text(TINY, "utf-8")
    args = [command, "--spec", str(spec)]
    if command == "generate":
        args += ["--name", "tiny", "--out", str(tmp_path / "out"), "--style", "python"]
    env = {**os.environ, "GENERATOR_CACHE_DIR": str(tmp_path / "cache")}
    with open("/dev/full", "w") as full:
        ran = subprocess.run(
            [sys.executable, "-m", "generator", *args],
            cwd=ROOT,
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr.strip().splitlines()[-1].endswith("error: cannot write: No space left on device"), ran.stderr
    assert "internal error" not in ran.stderr and "Traceback" not in ran.stderr and "Exception" not in ran.stderr


_INTERRUPT_WHILE_IMPORTING = """
import importlib.abc, os, signal, sys

class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "generator.regex_code":  # imported by the package itself, after its first lines
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.argv[:1] = [sys.argv[1]]
sys.meta_path.insert(0, Interrupt())
import generator
print("imported;", signal.getsignal(signal.SIGINT) is signal.default_int_handler)
"""


@pytest.mark.parametrize("ignored", [False, True], ids=["ctrl-c", "ctrl-c ignored"])
@pytest.mark.parametrize("started_as", ["-m", "/usr/local/bin/generator", "script.py"])
def test_ctrl_c_while_the_package_loads_as_the_program_ends_it_quietly(started_as: str, ignored: bool) -> None:
    """Ctrl-C before ``cli`` is imported, while ``python -m generator`` (or the ``generator`` command) is still
    importing the package: exit 130 and no traceback, as at any later moment. Imported by another program,
    the package leaves Ctrl-C to it; started with Ctrl-C ignored (``nohup``), it stays ignored."""
    ran = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_WHILE_IMPORTING, started_as],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN if ignored else signal.SIG_DFL),
    )
    if ignored:
        assert (ran.returncode, ran.stdout) == (0, "imported; False\n"), ran.stderr
    elif started_as == "script.py":
        assert ran.returncode == -signal.SIGINT and "KeyboardInterrupt" in ran.stderr, ran.stderr
    else:
        assert (ran.returncode, ran.stderr, ran.stdout) == (130, "", "")


def test_the_program_started_with_ctrl_c_ignored_keeps_it_ignored(tmp_path: Path) -> None:
    """``nohup python -m generator …``: the run's own handling of Ctrl-C does not make it interruptible."""
    spec = tmp_path / "tiny.yaml"
    spec.write_text(TINY, "utf-8")
    probe = (
        "import signal, sys; sys.argv[:1] = ['-m']; import generator.__main__ as m; "
        "m.run.__globals__['leave'] = lambda code: print(signal.getsignal(signal.SIGINT) == signal.SIG_IGN); "
        "sys.argv[1:] = ['ir', '--spec', sys.argv[1]]; m.run()"
    )
    ran = subprocess.run(
        [sys.executable, "-c", probe, str(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    assert ran.returncode == 0 and ran.stdout.splitlines()[-1] == "True", (ran.stdout, ran.stderr)
