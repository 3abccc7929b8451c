"""Cost follows what changed: a package whose inputs, generator and output are as last time is not rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import freshness
from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(ROOT / "specs" / "toolkit", tmp_path / "specs" / "toolkit")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def generate(capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    assert main(["generate", "--style", "python", *extra]) == 0
    return capsys.readouterr().out.splitlines()


def package(ws: Path) -> Path:
    return ws / "generated" / "python" / "toolkit_images"


def mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_a_second_run_skips_the_unchanged_package(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = generate(capsys)
    assert first and "operations" in first[0]
    before = mtimes(package(ws))
    second = generate(capsys)
    files = sum(1 for p in package(ws).rglob("*") if p.is_file())
    assert second == [f"toolkit: unchanged -> generated/python/toolkit_images ({files} files)"]
    assert mtimes(package(ws)) == before


def test_a_changed_input_rebuilds(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate(capsys)
    spec = ws / "specs" / "toolkit" / "openapi.yaml"
    spec.write_text(spec.read_text("utf-8").replace("title:", "title: Renamed\n  x-old-title:", 1), "utf-8")
    assert "unchanged" not in generate(capsys)[0]


def test_a_hand_edited_output_is_put_back(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate(capsys)
    readme = package(ws) / "README.md"
    original = readme.read_bytes()
    readme.write_bytes(original + b"edited\n")
    assert "unchanged" not in generate(capsys)[0]
    assert readme.read_bytes() == original


def test_a_stray_file_in_the_output_rebuilds(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate(capsys)
    stray = package(ws) / "stray.py"
    stray.write_text("x = 1\n")
    assert "unchanged" not in generate(capsys)[0]
    assert stray.read_text() == "x = 1\n"  # never deleted: the generator did not write it (check lists it)


def test_a_changed_generator_rebuilds(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(capsys)
    monkeypatch.setattr(freshness, "generator_fingerprint", lambda: "another generator")
    assert "unchanged" not in generate(capsys)[0]


def test_force_rebuilds(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate(capsys)
    assert "unchanged" not in generate(capsys, "--force")[0]


def test_warnings_are_printed_again_when_skipped(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = ws / "specs" / "toolkit" / "openapi.yaml"
    # an empty responses object breaks the schema: with --validation warn that is a located warning
    text = spec.read_text("utf-8")
    assert "paths:" in text
    spec.write_text(text.replace("paths:", "paths:\n  /extra-ping:\n    get:\n      responses: {}", 1), "utf-8")
    assert main(["generate", "--style", "python", "--validation", "warn"]) == 0
    first = capsys.readouterr().err
    assert "warning[" in first
    assert main(["generate", "--style", "python", "--validation", "warn"]) == 0
    captured = capsys.readouterr()
    assert "unchanged" in captured.out
    assert captured.err == first


def test_check_skips_too_and_still_finds_drift(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate(capsys)
    assert main(["check", "--style", "python"]) == 0
    (package(ws) / "README.md").write_text("edited\n")
    assert main(["check", "--style", "python"]) == 1


def test_the_users_files_in_the_package_do_not_make_it_stale(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate(capsys)
    for relative in (".venv/lib/site.py", "toolkit_images.egg-info/PKG-INFO", "toolkit_images/__pycache__/m.pyc"):
        (package(ws) / relative).parent.mkdir(parents=True, exist_ok=True)
        (package(ws) / relative).write_bytes(b"the user's\n")
    assert "unchanged" in generate(capsys)[0]
    (package(ws) / "stray.py").write_bytes(b"not listed in .gitignore\n")
    assert "unchanged" not in generate(capsys)[0]
    assert (package(ws) / "stray.py").is_file() and (package(ws) / ".venv" / "lib" / "site.py").is_file()
