"""What a cold run starts from: templates compiled ahead of time, used only while they are current.

``python -m generator.core.precompile`` (run by ``make``) compiles the built-in styles' templates into
``generator/_compiled_templates``; ``Templates`` loads an entry from there only when it was compiled from the
same source, for the same kind of environment. Each test builds its own folder and points ``SHIPPED`` at it,
so a checkout where ``make`` has not run yet behaves the same.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator import versions
from generator.cli import main
from generator.core import precompile, templating
from generator.core.templating import Templates
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


@pytest.mark.parametrize("style", STYLES)
def test_a_cold_run_compiles_no_built_in_template_and_writes_the_same_bytes(
    style: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_cache: Path, compiles: list[str]
) -> None:
    monkeypatch.setattr(templating, "SHIPPED", tmp_path / "absent")
    compiled_here = _generate(tmp_path, style, tmp_path / "compiled")
    assert compiles, "without compiled templates the run compiles them"

    shipped = tmp_path / "shipped"
    precompile.build(shipped)
    monkeypatch.setattr(templating, "SHIPPED", shipped)
    shutil.rmtree(user_cache)
    compiles.clear()
    loaded = _generate(tmp_path, style, tmp_path / "loaded")
    assert compiles == []
    assert not (user_cache / "jinja").exists()
    assert loaded == compiled_here


def test_the_build_compiles_every_template_of_every_style_and_only_those(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "0123.cache").write_bytes(b"from templates that no longer exist")
    assert precompile.main([str(shipped)]) == 0
    first = sorted(p.name for p in shipped.glob("*.cache"))
    templates = Path(templating.__file__).resolve().parents[2] / "templates"
    assert len(first) == len(list(templates.rglob("*.j2")))
    assert "0123.cache" not in first
    assert (shipped / ".gitignore").read_text() == "*\n"
    assert precompile.main([str(shipped)]) == 0
    assert sorted(p.name for p in shipped.glob("*.cache")) == first


def test_an_unwritable_folder_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert precompile.main([str(blocker / "compiled")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write compiled templates" in err


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
    templating.precompile(folder, FILTERS, shipped)
    monkeypatch.setattr(templating, "SHIPPED", shipped)
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
    assert len(list(shipped.glob("*.cache"))) == 1


def test_an_entry_from_another_python_is_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_cache: Path, compiles: list[str]
) -> None:
    folder = _style_copy(tmp_path, "greeting = {{ name | pystr }}\n")
    shipped = tmp_path / "shipped"
    (entry,) = templating.precompile(folder, FILTERS, shipped)
    data = bytearray((shipped / entry).read_bytes())
    magic = jinja2.bccache.bc_magic
    assert data.startswith(magic)
    data[len(magic) - 2] ^= 1  # the Python version the entry was compiled by, pickled last in the magic
    (shipped / entry).write_bytes(bytes(data))
    monkeypatch.setattr(templating, "SHIPPED", shipped)
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
    monkeypatch.setattr(templating, "SHIPPED", tmp_path / "absent")
    expected = 'greeting = "HI"\n'
    assert Templates(folder, overrides).render(FILTERS, "package/hello.py.j2", name="hi") == expected
    assert Templates(folder).render(FILTERS, "package/hello.py.j2", name="hi") == expected
    assert Templates(folder, overrides).render(FILTERS, "package/hello.py.j2", name="hi") == expected


def test_overrides_do_not_use_the_shipped_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_cache: Path, compiles: list[str]
) -> None:
    folder = _style_copy(tmp_path, "greeting = {{ name | pystr }}\n")
    shipped = tmp_path / "shipped"
    templating.precompile(folder, FILTERS, shipped)
    monkeypatch.setattr(templating, "SHIPPED", shipped)
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
from generator import versions
from generator.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize("style", STYLES)
def test_a_run_imports_only_what_its_document_and_style_need(style: str, tmp_path: Path) -> None:
    spec = tmp_path / "plain.yaml"
    spec.write_text(TINY.replace(', pattern: "^[a-z]+$"', ""), "utf-8")
    args = ["generate", "--spec", str(spec), "--name", "tiny", "--out", str(tmp_path / "out"), "--style", style]
    env = {**os.environ, "GENERATOR_CACHE_DIR": str(tmp_path / "cache")}
    probe = subprocess.run(
        [sys.executable, "-c", "import json\n" + _IMPORTED, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr
    report = json.loads(probe.stdout.splitlines()[-1])
    assert report["code"] == 0
    modules = set(report["modules"])
    assert f"generator.styles.{style}" in modules
    unneeded = {"re2", "importlib.metadata", "black", "openapi_spec_validator"}
    unneeded |= {f"generator.styles.{other}" for other in ["python", "typescript", "go"] if other != style}
    assert modules & unneeded == set()
