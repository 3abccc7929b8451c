"""The generator as a user installs it: a wheel built from the repository, installed into a fresh virtualenv.

The wheel is built once for the module (with build isolation, from the indexes pip is configured with, unless
the project's venv can build it itself) and installed without its dependencies into a venv whose one ``.pth``
line points at the project's venv for them, so nothing is downloaded for the generator's own dependencies and the
installed ``generator`` package is the only one that venv imports. Its ``generator`` command, run outside the
repository, must write the same bytes as the checkout's; the templates come from inside the installed package,
and the precompiled folder is optional.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.core.builtin import templates_root

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "toolkit" / "openapi.yaml"
SOURCES = ("pyproject.toml", "setup.py", "README.md", "generator", "templates")
"""What a wheel is built from (copied, so that the build's by-products never land in the shared checkout)."""
STYLES = ["python", "typescript", *(["go"] if shutil.which("gofmt") else [])]
TIMEOUT = 300


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    command: Path
    package: Path
    """The installed ``generator`` package folder."""


def _run(args: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GENERATOR_NO_CACHE": "1", **env}
    return subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=TIMEOUT
    )


def _checked(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def _can_build_offline() -> bool:
    """Whether the project's venv holds what setuptools needs to build a wheel (``bdist_wheel``)."""
    import setuptools

    major, minor = (int(part) for part in setuptools.__version__.split(".")[:2])
    return importlib.util.find_spec("wheel") is not None or (major, minor) >= (70, 1)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    skipped = shutil.ignore_patterns("__pycache__", "_precompiled", "*.egg-info")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=skipped)
        else:
            shutil.copy2(ROOT / name, source / name)
    isolation = ["--no-build-isolation"] if _can_build_offline() else []
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _checked(_run([*pip, "wheel", "--quiet", "--no-deps", *isolation, "-w", work / "dist", source], cwd=work))
    (wheel,) = (work / "dist").glob("*.whl")

    venv = work / "venv"
    _checked(_run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=work))
    python = venv / "bin" / "python"
    site = Path(
        _checked(
            _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work)
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    _checked(_run([*pip, "--python", python, "install", "--quiet", "--no-deps", wheel], cwd=work))
    return Installed(wheel=wheel, python=python, command=venv / "bin" / "generator", package=site / "generator")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _generate(command: list[str | Path], cwd: Path, style: str, out: str) -> dict[str, bytes]:
    _checked(
        _run(
            [*command, "generate", "--spec", "openapi.yaml", "--name", "toolkit", "--style", style, "--out", out],
            cwd=cwd,
        )
    )
    return _tree(cwd / out)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A working folder outside the repository, holding a copy of one provider's document."""
    shutil.copy2(SPEC, tmp_path / "openapi.yaml")
    return tmp_path


def test_the_wheel_holds_every_package_and_template(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = {
        f"generator/templates/{path.relative_to(ROOT / 'templates').as_posix()}"
        for path in (ROOT / "templates").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    expected |= {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "generator").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert expected - names == set()
    assert [name for name in names if "__pycache__" in name or "_precompiled" in name or name.endswith(".pyc")] == []


def test_the_installed_package_is_the_one_the_command_runs(installed: Installed, outside: Path) -> None:
    code = "import generator; from generator.core.builtin import TEMPLATES; print(generator.__file__); print(TEMPLATES)"
    module, templates = _checked(_run([installed.python, "-c", code], cwd=outside)).stdout.split()
    assert Path(module) == installed.package / "__init__.py"
    assert Path(templates) == installed.package / "templates"
    assert not (installed.package / "_precompiled").exists()


@pytest.mark.parametrize("style", STYLES)
def test_the_installed_command_writes_what_the_checkout_writes(installed: Installed, outside: Path, style: str) -> None:
    checkout = _generate([sys.executable, "-m", "generator"], outside, style, "from-checkout")
    assert _generate([installed.command], outside, style, "from-wheel") == checkout
    assert len(checkout) > 10


def test_the_installed_fingerprint_covers_every_template_once(installed: Installed, outside: Path) -> None:
    code = "from generator import freshness\nfor name, _ in freshness._generator_files(): print(name)"
    names = _checked(_run([installed.python, "-c", code], cwd=outside)).stdout.split()
    templates = sorted(name for name in names if name.startswith("generator/templates/"))
    shipped = sorted(
        f"generator/templates/{path.relative_to(ROOT / 'templates').as_posix()}"
        for path in (ROOT / "templates").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
    assert templates == shipped


def test_the_precompiled_folder_is_an_optimisation(installed: Installed, outside: Path) -> None:
    folder = installed.package / "_precompiled"
    plain = _generate([installed.command], outside, "python", "plain")
    folder.write_text("not a folder", "utf-8")  # what a folder that cannot be written looks like to the step
    try:
        refused = _run([installed.python, "-m", "generator.precompile"], cwd=outside)
        assert refused.returncode == 2
        assert refused.stderr.count("\n") == 1 and "cannot write the precompiled entries" in refused.stderr
        assert _generate([installed.command], outside, "python", "beside-a-file") == plain
    finally:
        folder.unlink()
    try:
        _checked(_run([installed.python, "-m", "generator.precompile"], cwd=outside))
        assert (folder / "jinja").is_dir()
        assert _generate([installed.command], outside, "python", "precompiled") == plain
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_make_goes_on_when_the_precompiled_folder_cannot_be_written(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    for name in ("requirements.lock", "pyproject.toml", "templates/t.j2", "generator/g.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", "utf-8")
    stamp = tmp_path / ".venv" / ".installed"
    stamp.parent.mkdir()
    stamp.write_text("", "utf-8")
    earlier = stamp.stat().st_mtime - 10
    for name in ("requirements.lock", "pyproject.toml"):
        os.utime(tmp_path / name, (earlier, earlier))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", "utf-8")
    python = tmp_path / "python"  # the generator's precompile step, pointed at a folder it cannot create
    python.write_text(f'#!/bin/sh\ncd "{ROOT}" && exec "{sys.executable}" "$@" "{blocked}"\n', "utf-8")
    python.chmod(0o755)

    result = _run(["make", f"PY={python}", "generator/_precompiled/.gitignore"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "cannot write the precompiled entries" in result.stderr


@pytest.mark.parametrize("installed_here", [True, False])
def test_templates_are_found_inside_an_install_else_beside_the_package(tmp_path: Path, installed_here: bool) -> None:
    package = tmp_path / "site-packages" / "generator"
    package.mkdir(parents=True)
    (tmp_path / "site-packages" / "templates").mkdir()  # another distribution's folder, or a checkout's
    if installed_here:
        (package / "templates").mkdir()
    expected = package / "templates" if installed_here else tmp_path / "site-packages" / "templates"
    assert templates_root(package) == expected
