"""Hostile output folders and file systems: the user's folder is never deleted, and I/O failures exit 2.

Each case runs the generator's command line as a bounded child process, in
both styles. Failures of the file system are made for real in the child: a
file-size limit (``RLIMIT_FSIZE``; Python ignores SIGXFSZ, so a write fails
with EFBIG) and a run without the capabilities that let root write anywhere
(its bounding set emptied before exec), writing into a folder owned by
another user.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile.harness import GENERATION_STYLES, ROOT, STYLES, Outcome, generator, run_bounded

TOOLKIT = ROOT / "specs" / "toolkit" / "openapi.yaml"
USERS = {
    "python": (
        "build/lib/x.py",
        "dist/tk-1.tar.gz",
        "tk.egg-info/PKG-INFO",
        ".venv/bin/python",
        "tk/__pycache__/a.pyc",
    ),
    "typescript": ("node_modules/typescript/lib/tsc.js", "node_modules/.bin/tsc", "dist/src/index.js", "x.tsbuildinfo"),
}
PRELUDE = "import os, sys\n{setup}\nos.execv(sys.executable, [sys.executable, '-m', 'generator', *sys.argv[1:]])\n"


@pytest.fixture(autouse=True, scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One cache for the module's runs (validation findings are the same each time), unless a case sets its own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GENERATOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


def run(*args: str, setup: str = "", env: dict[str, str] | None = None) -> Outcome:
    """The generator as a child that first runs ``setup`` (limits, umask, capabilities) and then execs."""
    outcome = run_bounded([sys.executable, "-c", PRELUDE.format(setup=setup), *args], env=env)
    outcome.check_bounds()
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, outcome.stderr
    return outcome


def spec_args(out: Path, style: str) -> list[str]:
    return ["generate", "-q", "--spec", str(TOOLKIT), "--name", "tk", "--out", str(out), "--style", style]


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(root.rglob("*"))
        if not p.is_symlink()
    }


def one_error(outcome: Outcome, code: str) -> str:
    """The one located error line of a run that exited 2."""
    assert outcome.returncode == 2, outcome.stderr
    errors = [line for line in outcome.stderr.splitlines() if "error[" in line]
    assert len(errors) == 1 and f"#: error[{code}]: " in errors[0], outcome.stderr
    return errors[0]


@pytest.mark.parametrize("style", GENERATION_STYLES)
def test_a_users_folder_is_refused_and_left_byte_for_byte(tmp_path: Path, style: str) -> None:
    (tmp_path / "keep").write_bytes(b"the user's file\n")
    (tmp_path / "openapi.yaml").write_bytes(TOOLKIT.read_bytes())
    line = one_error(generator(*spec_args(tmp_path, style)), "E090")
    assert "not written by the generator" in line and "choose an empty or new folder" in line
    assert files(tmp_path) == {"keep": b"the user's file\n", "openapi.yaml": TOOLKIT.read_bytes()}


@pytest.mark.parametrize("style", GENERATION_STYLES)
def test_a_file_or_a_dangling_link_as_out_exits_2(tmp_path: Path, style: str) -> None:
    (tmp_path / "file").write_bytes(b"x")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    assert "is a file, not a folder" in one_error(generator(*spec_args(tmp_path / "file", style)), "E090")
    for out in (tmp_path / "dangling", tmp_path / "dangling" / "pkg"):
        assert "which does not exist" in one_error(generator(*spec_args(out, style)), "E090")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling", "file"]
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("style", GENERATION_STYLES)
def test_a_symlinked_out_is_written_through_and_leaves_nothing_beside(tmp_path: Path, style: str) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    for extra in ((), ("--force",)):
        outcome = run(*spec_args(tmp_path / "link", style), *extra)
        assert outcome.returncode == 0, outcome.stderr
    assert (tmp_path / "link").is_symlink() and (tmp_path / "real" / "generator.lock.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep").write_bytes(b"x")
    (tmp_path / "link").unlink()
    (tmp_path / "link").symlink_to(tmp_path / "mine", target_is_directory=True)
    one_error(run(*spec_args(tmp_path / "link", style)), "E090")
    assert files(tmp_path / "mine") == {"keep": b"x"}


@pytest.mark.parametrize("style", GENERATION_STYLES)
def test_a_file_size_limit_exits_2_and_keeps_the_tree(tmp_path: Path, style: str) -> None:
    out = tmp_path / "pkg"
    env = {"GENERATOR_CACHE_DIR": str(tmp_path / "cache")}
    assert run(*spec_args(out, style), env=env).returncode == 0
    before = files(tmp_path / "pkg")
    limit = "import resource\nresource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))"
    line = one_error(run(*spec_args(out, style), "--force", setup=limit, env=env), "E091")
    assert line.endswith("cannot write: File too large") and "/pkg/" in line
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "pkg"]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to drop its capabilities")
@pytest.mark.parametrize("style", GENERATION_STYLES)
def test_a_folder_the_run_may_not_write_exits_2(tmp_path: Path, style: str) -> None:
    parent = tmp_path / "theirs"
    parent.mkdir(mode=0o755)
    os.chown(parent, 65534, 65534)
    no_capabilities = (
        "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
        "for cap in range(64):\n    libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP: exec'd root keeps no capability"
    )
    line = one_error(run(*spec_args(parent / "pkg", style), setup=no_capabilities), "E091")
    assert line.endswith("cannot write: Permission denied") and "theirs" in line
    assert list(parent.iterdir()) == []


@pytest.mark.parametrize("style", GENERATION_STYLES)
@pytest.mark.parametrize(
    ("umask", "folder_mode", "file_mode"),
    [pytest.param(0o022, 0o755, 0o644, id="umask-022"), pytest.param(0o002, 0o775, 0o664, id="umask-002")],
)
def test_folders_and_files_follow_the_umask(
    tmp_path: Path, style: str, umask: int, folder_mode: int, file_mode: int
) -> None:
    out = tmp_path / "new" / "pkg"
    assert run(*spec_args(out, style), setup=f"os.umask({umask:#o})").returncode == 0
    for path in [out.parent, out, *out.rglob("*")]:
        expected = folder_mode if path.is_dir() else file_mode
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


@pytest.mark.parametrize("style", STYLES)
def test_check_and_generate_leave_the_users_install_and_build_outputs(tmp_path: Path, style: str) -> None:
    shutil.copytree(ROOT / "specs" / "toolkit", tmp_path / "specs" / "toolkit")
    common = ["--specs-dir", str(tmp_path / "specs"), "--generated-dir", str(tmp_path / "generated")]
    env = {"GENERATOR_CACHE_DIR": str(tmp_path / "cache")}
    assert run(*common, "generate", "-q", "--style", style, env=env).returncode == 0
    package = tmp_path / "generated" / style / "toolkit_images"
    for relative in USERS[style]:
        (package / relative).parent.mkdir(parents=True, exist_ok=True)
        (package / relative).write_bytes(f"{relative}\n".encode())
    users = {r: (package / r).read_bytes() for r in USERS[style]}
    for extra in ((), ("--force",)):
        outcome = run(*common, "check", "--style", style, *extra, env=env)
        assert outcome.returncode == 0, outcome.stdout + outcome.stderr
        assert run(*common, "generate", "-q", "--style", style, *extra, env=env).returncode == 0
        assert {r: (package / r).read_bytes() for r in USERS[style]} == users
    (package / "stray.txt").write_bytes(b"not listed in .gitignore\n")
    outcome = run(*common, "check", "--style", style, env=env)
    assert outcome.returncode == 1 and "stale: " in outcome.stdout and "stray.txt" in outcome.stdout
    assert "node_modules" not in outcome.stdout and ".venv" not in outcome.stdout
