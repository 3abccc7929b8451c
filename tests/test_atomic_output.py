"""All-or-nothing output: a run that fails or is interrupted anywhere leaves the previous tree byte for byte.

Two providers (toolkit, topaz) are copied into a temporary specs folder and
generated into a temporary output folder; then runs are made to fail while
loading, while formatting, while staging and while swapping folders, and the
whole output tree is compared with what it was before.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import build, output
from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
PROVIDERS = ("toolkit", "topaz")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file and folder under ``root`` (hidden ones too): relative path -> bytes (b"<dir>" for folders)."""
    tree: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        tree[rel] = b"<dir>" if path.is_dir() else path.read_bytes()
    return tree


def leftovers(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob(".*") if p.name != ".gitignore")


class Workspace:
    def __init__(self, root: Path) -> None:
        self.specs = root / "specs"
        self.out = root / "generated"
        for name in PROVIDERS:
            shutil.copytree(ROOT / "specs" / name, self.specs / name)

    def args(self, *providers: str) -> list[str]:
        return ["--specs-dir", str(self.specs), "--generated-dir", str(self.out), "generate", "-q", *providers]

    def generate(self, *providers: str) -> int:
        return main(self.args(*providers))


@pytest.fixture(scope="module")
def first_tree(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The tree of a good run, generated once for the module."""
    ws = Workspace(tmp_path_factory.mktemp("first"))
    assert ws.generate() == 0
    tree = snapshot(ws.out)
    assert {"python/toolkit_images", "python/topaz_images"} <= set(tree)
    return tree


@pytest.fixture
def ws(tmp_path: Path, first_tree: dict[str, bytes]) -> Workspace:
    """A workspace whose output holds the good run's tree, made by copying (not by regenerating)."""
    workspace = Workspace(tmp_path)
    for rel, data in first_tree.items():
        path = workspace.out / rel
        if data == b"<dir>":
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return workspace


def test_generating_twice_gives_the_same_bytes_and_no_leftovers(ws: Workspace, first_tree: dict[str, bytes]) -> None:
    packages = sorted(p.name for p in (ws.out / "python").iterdir())
    assert len(packages) == 2, packages
    assert ws.generate() == 0
    tree = snapshot(ws.out)
    assert tree.keys() == first_tree.keys()
    assert ws.generate() == 0
    assert snapshot(ws.out) == tree
    assert leftovers(ws.out) == []


def test_an_invalid_second_provider_changes_nothing(ws: Workspace, first_tree: dict[str, bytes]) -> None:
    overlay = ws.specs / "topaz" / "provider.yaml"
    overlay.write_text(overlay.read_text(encoding="utf-8") + "\n  broken: [\n", encoding="utf-8")
    assert ws.generate() == 2
    assert snapshot(ws.out) == first_tree


def test_a_broken_spec_in_the_second_provider_changes_nothing(ws: Workspace, first_tree: dict[str, bytes]) -> None:
    for path in (ws.specs / "topaz").glob("*.json"):
        path.write_text('{"openapi": "3.1.0", "info": ', encoding="utf-8")
    (ws.specs / "toolkit" / "openapi.yaml").write_text(
        (ws.specs / "toolkit" / "openapi.yaml").read_text(encoding="utf-8").replace("Image", "Picture"),
        encoding="utf-8",
    )
    assert ws.generate() == 2
    assert snapshot(ws.out) == first_tree


def failing_after(count: int, real: Callable[..., Any], error: type[BaseException] = OSError) -> Callable[..., Any]:
    calls = [0]

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] > count:
            raise error("injected failure")
        return real(*args, **kwargs)

    return wrapped


@pytest.mark.parametrize(
    ("target", "count", "error"),
    [
        pytest.param("stage", 1, OSError, id="staging-the-second-package"),
        pytest.param("swap", 1, OSError, id="swapping-the-second-package"),
        pytest.param("swap", 1, KeyboardInterrupt, id="ctrl-c-swapping-the-second-package"),
        pytest.param("swap", 0, KeyboardInterrupt, id="ctrl-c-swapping-the-first-package"),
    ],
)
def test_a_failure_while_writing_puts_the_previous_tree_back(
    ws: Workspace,
    first_tree: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    count: int,
    error: type[BaseException],
) -> None:
    (ws.specs / "toolkit" / "openapi.yaml").write_text(
        (ws.specs / "toolkit" / "openapi.yaml").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"
    )
    monkeypatch.setattr(build, target, failing_after(count, getattr(build, target), error))
    code = ws.generate()
    assert code == (130 if error is KeyboardInterrupt else 2)  # an OSError is the user's file system: exit 2
    assert snapshot(ws.out) == first_tree
    assert leftovers(ws.out) == []


def test_a_failure_while_writing_a_file_mid_tree_leaves_nothing(
    ws: Workspace, first_tree: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.write_bytes
    calls = [0]

    def write_bytes(self: Path, data: bytes) -> int:
        if self.is_relative_to(ws.out):  # the output tree's files, not a formatter's temporary ones
            calls[0] += 1
            if calls[0] == 7:
                raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    assert ws.generate() == 2
    monkeypatch.undo()
    assert calls[0] == 7
    assert snapshot(ws.out) == first_tree
    assert leftovers(ws.out) == []


def test_no_space_for_gofmt_s_temporary_files_is_a_located_error(
    ws: Workspace,
    first_tree: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """gofmt formats a package's files in a temporary folder: a full disk there is exit 2 (its check, which
    reads only what gofmt refused, in ``test_no_space_for_gofmt_s_check_is_a_scratch_write_error``)."""
    failing = 1
    import tempfile

    real = tempfile.TemporaryDirectory
    calls = [0]

    def temporary(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("prefix") == "gofmt-":
            calls[0] += 1
            if calls[0] == failing:
                raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryDirectory", temporary)
    (ws.specs / "toolkit" / "openapi.yaml").write_text(
        (ws.specs / "toolkit" / "openapi.yaml").read_text(encoding="utf-8").replace("Image", "Picture"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert ws.generate("toolkit") == 2
    err = capsys.readouterr().err
    assert "#: error[E091]: cannot write: No space left on device" in err, err
    assert "internal error" not in err
    assert snapshot(ws.out) == first_tree
    assert leftovers(ws.out) == []


def test_a_formatter_failure_in_the_second_package_writes_nothing(
    ws: Workspace, first_tree: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.core.style import PackageSpec, RenderedFile, RenderError, StyleContext
    from generator.ir import Api
    from generator.styles.python import STYLE

    real = STYLE.render_package

    def render_package(api: Api, spec: PackageSpec, context: StyleContext) -> list[RenderedFile]:
        if spec.package.startswith("topaz"):
            raise RenderError("topaz_images/models.py: injected")
        return real(api, spec, context)

    monkeypatch.setattr(STYLE, "render_package", render_package)
    assert ws.generate() == 2
    assert snapshot(ws.out) == first_tree
    assert leftovers(ws.out) == []


def test_a_swap_replaces_exactly(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    for files in ({"a.py": b"1", "sub/b.py": b"2"}, {"c.py": b"3"}):
        output.discard(build.swap(build.stage(out, files), out))
    assert snapshot(tmp_path) == {"pkg": b"<dir>", "pkg/c.py": b"3"}


def test_sigint_in_the_middle_of_a_run_leaves_the_previous_tree(ws: Workspace, first_tree: dict[str, bytes]) -> None:
    """Best effort: interrupt a subprocess at several moments; every outcome is the old tree or a complete new one."""
    (ws.specs / "toolkit" / "openapi.yaml").write_text(
        (ws.specs / "toolkit" / "openapi.yaml").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"
    )
    env = {**os.environ, "GENERATOR_NO_CACHE": "1"}
    for delay in (0.3, 0.8, 1.5):
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", *ws.args()],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr
        tree = snapshot(ws.out)
        if process.returncode == 0:  # finished before the signal: a complete new tree
            assert tree.keys() == first_tree.keys()
            build_again = ws.generate()
            assert build_again == 0 and snapshot(ws.out) == tree
            return
        assert process.returncode in (130, -signal.SIGINT), stderr
        assert tree == first_tree
        assert leftovers(ws.out) == []


def ctrl_c() -> None:
    """SIGINT to this thread (the suite may run other threads, which do not hold it back)."""
    signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)


def test_ctrl_c_while_the_tree_goes_in_is_dropped_once_it_is_in() -> None:
    with build.uninterrupted():
        ctrl_c()
        time.sleep(0.05)  # held back: no KeyboardInterrupt inside the block
    time.sleep(0.05)  # and dropped after it: none here either


def test_ctrl_c_while_the_tree_goes_in_stops_the_run_when_writing_failed() -> None:
    with pytest.raises(KeyboardInterrupt), build.uninterrupted():
        ctrl_c()
        raise OSError("disk full")


def add_users_files(out: Path) -> None:
    """What installing and building the packages leaves in them (the paths their .gitignore lists)."""
    for package in ("python/toolkit_images", "python/topaz_images"):
        (out / package / ".venv" / "lib").mkdir(parents=True)
        (out / package / ".venv" / "lib" / "site.py").write_bytes(b"venv\n")
        (out / package / "toolkit_images.egg-info").mkdir()
        (out / package / "toolkit_images.egg-info" / "PKG-INFO").write_bytes(b"info\n")
    for package in ("typescript/toolkit_images", "typescript/topaz_images"):
        (out / package / "node_modules" / "typescript").mkdir(parents=True)
        (out / package / "node_modules" / "typescript" / "index.js").write_bytes(b"js\n")
        (out / package / "dist" / "src").mkdir(parents=True)
        (out / package / "dist" / "src" / "index.js").write_bytes(b"built\n")


@pytest.mark.parametrize(
    ("count", "error"),
    [
        pytest.param(1, OSError, id="disk-full-swapping-the-second-package"),
        pytest.param(3, OSError, id="disk-full-swapping-the-last-package"),
        pytest.param(2, KeyboardInterrupt, id="ctrl-c-swapping-the-third-package"),
    ],
)
def test_a_failed_swap_puts_the_users_files_back_where_they_were(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, count: int, error: type[BaseException]
) -> None:
    add_users_files(ws.out)
    before = snapshot(ws.out)
    (ws.specs / "toolkit" / "openapi.yaml").write_text(
        (ws.specs / "toolkit" / "openapi.yaml").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"
    )
    (ws.specs / "topaz" / "provider.yaml").write_text(
        (ws.specs / "topaz" / "provider.yaml").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"
    )
    monkeypatch.setattr(build, "swap", failing_after(count, build.swap, error))
    assert ws.generate() == (130 if error is KeyboardInterrupt else 2)
    assert snapshot(ws.out) == before  # hidden entries too: no staging or previous folder left beside


def users_files(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {p: data for p, data in tree.items() if any(part in p for part in USERS)}


USERS = ("/.venv", ".egg-info", "/node_modules", "/dist")


def test_a_good_run_keeps_the_users_files(ws: Workspace) -> None:
    add_users_files(ws.out)
    before = users_files(snapshot(ws.out))
    assert len(before) == 22
    assert main([*ws.args(), "--force"]) == 0
    after = snapshot(ws.out)
    assert users_files(after) == before
    assert leftovers(ws.out) == sorted(p for p in before if p.endswith("/.venv"))


def test_no_space_for_gofmt_s_check_is_a_scratch_write_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check of a text gofmt did not write (a runtime override) runs in a temporary folder too."""
    import tempfile

    from generator.core.style import ScratchWriteError
    from generator.styles.go.gofmt import go_problems

    if shutil.which("gofmt") is None:
        pytest.skip("Go is not installed")

    def full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", full)
    with pytest.raises(ScratchWriteError) as raised:
        go_problems({"internal/apicore/doc.go": "package apicore\nfunc  F() {}\n"})
    assert raised.value.path == "internal/apicore/doc.go"
