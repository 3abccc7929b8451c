"""Styles as plugins: a style from a folder or an entry point, template overrides, and what the lock file says.

A run that loads a style from a folder or an entry point is the command line in a
child process (``python -m generator``), so that style cannot leak into another test;
the runs with built-in styles only call ``cli.main`` in this process (``here``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator import cli
from generator.core.registry import BUILTIN

ROOT = Path(__file__).resolve().parent.parent
CONTRIB = ROOT / "contrib" / "styles"
CORPUS_DOC = ROOT.parent / "shared" / "corpus" / "oas30" / "oai-petstore.yaml"
PROVIDERS = ("getty", "scenario", "toolkit", "topaz")
_CELL_BAR = re.compile(r"(?<!\\)\|")


def run(*args: str, tmp_path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GENERATOR_CACHE_DIR": str(tmp_path / "cache"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """The command line called in this process, its outcome in the shape ``run`` gives."""
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(ROOT)

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # a usage error
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out, err)

    return call


@pytest.fixture(scope="module")
def plain_toolkit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Toolkit's Python package without overrides, generated once for the tests that compare with it."""
    out = tmp_path_factory.mktemp("plain") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GENERATOR_CACHE_DIR", str(out.parent / "cache"))
        patch.chdir(ROOT)
        assert (
            cli.main(["generate", *provider_args("toolkit"), "--name", "toolkit_images", "--out", str(out), "-q"]) == 0
        )
    return out


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def provider_args(name: str) -> list[str]:
    manifest = yaml.safe_load((ROOT / "specs" / name / "provider.yaml").read_text("utf-8"))
    args = [arg for doc in manifest["documents"] for arg in ("--spec", f"specs/{name}/{doc}")]
    args += [arg for repair in manifest.get("repairs", []) for arg in ("--overlay", f"specs/{name}/{repair}")]
    return args + [
        arg for overlay in manifest["overlays"] for arg in ("--overlay-normalised", f"specs/{name}/{overlay}")
    ]


def tables_are_regular(text: str) -> list[str]:
    """Problems with Markdown tables: a row whose cell count is not its header's."""
    problems = []
    width: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("|"):
            width = None
            continue
        cells = len(_CELL_BAR.split(line.strip())) - 2
        if width is None:
            width = cells
        elif cells != width:
            problems.append(f"line {number}: {cells} cells, header has {width}: {line}")
    return problems


def one_line_error(result: subprocess.CompletedProcess[str], code: str) -> str:
    lines = [line for line in result.stderr.splitlines() if f"error[{code}]" in line]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def check_reference(out: Path) -> None:
    pages = sorted(out.glob("*.md"))
    assert out / "README.md" in pages and out / "models.md" in pages
    for page in pages:
        assert tables_are_regular(page.read_text("utf-8")) == [], page
    lock = json.loads((out / "generator.lock.json").read_text("utf-8"))
    assert lock["lock"] == 2
    assert lock["style"] == {
        "name": "reference",
        "version": "1.0.0",
        "formatter": "none (Markdown written as rendered)",
    }


@pytest.fixture(scope="module")
def reference_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every provider in the reference style from its folder, in one child process (provider by provider)."""
    tmp = tmp_path_factory.mktemp("reference")
    shutil.copytree(ROOT / "specs", tmp / "specs")  # a provider's run writes its names.yaml beside its documents
    dirs = ["--specs-dir", str(tmp / "specs"), "--generated-dir", str(tmp / "generated")]
    result = run(*dirs, "generate", "--style", "reference", "--style-path", str(CONTRIB), tmp_path=tmp)
    assert result.returncode == 0, result.stderr
    return tmp / "generated" / "reference"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_reference_style_from_a_folder_renders_each_provider(provider: str, reference_packages: Path) -> None:
    manifest = yaml.safe_load((ROOT / "specs" / provider / "provider.yaml").read_text("utf-8"))
    check_reference(reference_packages / manifest["package"])


@pytest.mark.skipif(not CORPUS_DOC.is_file(), reason="needs ../shared/corpus")
def test_the_reference_style_renders_a_corpus_document(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["generate", "--spec", str(CORPUS_DOC), "--name", "petstore", "--out", str(out)]
    result = run(*args, "--style", "reference", "--style-path", str(CONTRIB), "--validation", "warn", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    check_reference(out)


def test_the_reference_style_is_found_through_an_entry_point(tmp_path: Path) -> None:
    site = tmp_path / "site"
    info = site / "generator_style_reference-1.0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: generator-style-reference\nVersion: 1.0.0\n")
    (info / "entry_points.txt").write_text("[generator.styles]\nreference = reference:STYLE\n")
    out = tmp_path / "out"
    env = {"PYTHONPATH": os.pathsep.join([str(site), str(CONTRIB), str(ROOT)])}
    args = ["generate", *provider_args("toolkit"), "--name", "toolkit", "--out", str(out), "--style", "reference"]
    result = run(*args, tmp_path=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    check_reference(out)
    unknown = run(
        "generate",
        *provider_args("toolkit"),
        "--name",
        "t",
        "--out",
        str(tmp_path / "x"),
        "--style",
        "nope",
        tmp_path=tmp_path,
        env=env,
    )
    assert unknown.returncode == 2
    assert f"known: {', '.join([*BUILTIN, 'reference'])}" in one_line_error(unknown, "E062")


def test_a_template_override_changes_exactly_its_file(tmp_path: Path, here: Run, plain_toolkit: Path) -> None:
    overrides = tmp_path / "overrides" / "package"
    overrides.mkdir(parents=True)
    original = (ROOT / "templates" / "python" / "package" / "models.py.j2").read_text("utf-8")
    (overrides / "models.py.j2").write_text(original + "# models of {{ pkg.package | comment }}, as we like them\n")
    base = ["generate", *provider_args("toolkit"), "--name", "toolkit_images"]
    custom = here(*base, "--out", str(tmp_path / "custom"), "--templates", str(tmp_path / "overrides"))
    assert custom.returncode == 0, custom.stderr
    plain, changed = tree(plain_toolkit), tree(tmp_path / "custom")
    assert plain.keys() == changed.keys()
    assert sorted(f for f in plain if plain[f] != changed[f]) == ["generator.lock.json", "toolkit_images/models.py"]
    assert changed["toolkit_images/models.py"].endswith(b"# models of toolkit_images, as we like them\n")
    lock = json.loads(changed["generator.lock.json"])
    assert list(lock["templates"]) == ["package/models.py.j2"]


def copied_provider(tmp_path: Path, override: str) -> tuple[Path, Path]:
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs" / "toolkit", specs / "toolkit")
    manifest = specs / "toolkit" / "provider.yaml"
    manifest.write_text(manifest.read_text("utf-8") + "styles: [python]\ntemplates: {python: tpl}\n")
    (specs / "toolkit" / "tpl" / "package").mkdir(parents=True)
    (specs / "toolkit" / "tpl" / "package" / "gitignore.j2").write_text(override)
    return specs, tmp_path / "generated"


def test_check_reports_a_changed_override_as_drift(tmp_path: Path, here: Run) -> None:
    specs, generated = copied_provider(tmp_path, "*.egg-info/\n")
    dirs = ["--specs-dir", str(specs), "--generated-dir", str(generated)]
    assert here(*dirs, "generate").returncode == 0
    assert (generated / "python" / "toolkit_images" / ".gitignore").read_text() == "*.egg-info/\n"
    clean = here(*dirs, "check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (specs / "toolkit" / "tpl" / "package" / "gitignore.j2").write_text("*.egg-info/\ndist/\n")
    drift = here(*dirs, "check")  # the warm run must not skip it
    assert drift.returncode == 1, drift.stdout + drift.stderr
    assert "template override package/gitignore.j2 (changed)" in drift.stdout
    assert "generated/python/toolkit_images/.gitignore" in drift.stdout


def test_a_provider_names_no_path_to_code_and_no_folder_outside_it(tmp_path: Path, here: Run) -> None:
    specs, generated = copied_provider(tmp_path, "x\n")
    manifest = specs / "toolkit" / "provider.yaml"
    text = manifest.read_text("utf-8").replace("styles: [python]", "styles: [../evil]").replace("tpl}", "../..}")
    manifest.write_text(text)
    result = here("--specs-dir", str(specs), "--generated-dir", str(generated), "generate")
    assert result.returncode == 2
    assert "provider.yaml#/styles/0: error[E060]" in result.stderr
    assert "provider.yaml#/templates/python: error[E060]" in result.stderr
    assert not generated.exists()


@pytest.mark.parametrize(
    "escape", ["{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}", "{{ pkg.__class__ }}"]
)
def test_an_override_cannot_reach_into_python(escape: str, tmp_path: Path, here: Run) -> None:
    overrides = tmp_path / "overrides" / "package"
    overrides.mkdir(parents=True)
    (overrides / "README.md.j2").write_text(f"# hello\n{escape}\n")
    out = tmp_path / "out"
    args = ["generate", *provider_args("toolkit"), "--name", "toolkit_images", "--out", str(out)]
    result = here(*args, "--templates", str(tmp_path / "overrides"))
    assert result.returncode == 2, result.stderr
    line = one_line_error(result, "E081")
    assert "README.md.j2" in line and "not allowed" in line
    assert not out.exists()


def test_an_override_that_replaces_nothing_is_a_located_warning(tmp_path: Path, here: Run, plain_toolkit: Path) -> None:
    (tmp_path / "overrides" / "package").mkdir(parents=True)
    (tmp_path / "overrides" / "package" / "model.py.j2").write_text("typo\n")
    args = ["generate", *provider_args("toolkit"), "--name", "toolkit_images", "--out", str(tmp_path / "out")]
    result = here(*args, "--templates", str(tmp_path / "overrides"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"overrides/package/model\.py\.j2#: warning\[W011\]", result.stderr), result.stderr
    plain, out = tree(plain_toolkit), tree(tmp_path / "out")
    assert plain.keys() == out.keys()
    assert [f for f in plain if plain[f] != out[f]] == ["generator.lock.json"]  # it records the folder's file
    assert list(json.loads(out["generator.lock.json"])["templates"]) == ["package/model.py.j2"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("STYLE = 42\n", "STYLE is not an instance"),
        ("raise RuntimeError('boom')\n", "failed to load: RuntimeError: boom"),
        ("import generator_no_such_module\n", "failed to load: ModuleNotFoundError"),
    ],
)
def test_a_broken_style_folder_is_one_line(body: str, says: str, tmp_path: Path) -> None:
    (tmp_path / "styles" / "broken").mkdir(parents=True)
    (tmp_path / "styles" / "broken" / "__init__.py").write_text(body)
    args = ["generate", *provider_args("toolkit"), "--name", "t", "--out", str(tmp_path / "out")]
    result = run(*args, "--style", "broken", "--style-path", str(tmp_path / "styles"), tmp_path=tmp_path)
    assert result.returncode == 2, result.stderr
    assert says in one_line_error(result, "E062")
    assert not (tmp_path / "out").exists()


def test_templates_with_several_styles_needs_style(tmp_path: Path, here: Run) -> None:
    (tmp_path / "overrides").mkdir()
    result = here("check", "--templates", str(tmp_path / "overrides"))
    assert result.returncode == 2
    assert "--templates needs --style" in one_line_error(result, "E061")


def test_python_output_that_does_not_compile_is_an_internal_error_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import cli
    from generator.core.style import PackageSpec, RenderedFile, StyleContext
    from generator.ir import Api
    from generator.styles.python import STYLE

    real = STYLE.render_package

    def render_package(api: Api, spec: PackageSpec, context: StyleContext) -> list[RenderedFile]:
        files = real(api, spec, context)
        broken = RenderedFile(
            path=f"{spec.package}/broken.py", text="x = 1\ndef f(:\n", template="package/broken.py.j2"
        )
        return [*files, broken]

    monkeypatch.setattr(STYLE, "render_package", render_package)
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    code = cli.main(["generate", *provider_args("toolkit"), "--name", "toolkit_images", "--out", str(out), "--force"])
    assert code == 3
    err = capsys.readouterr().err
    assert "toolkit_images/broken.py:2 (from template package/broken.py.j2)" in err
    assert not out.exists()
