"""The four providers' Go packages: gofmt-clean, vet-clean, building, passing their own generated tests,
the same bytes whatever the hash seed, and a lock naming the Go version they were formatted with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from go_support import GENERATED, PACKAGES, generate, go, go_missing, tree

pytestmark = pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")


@pytest.mark.parametrize("provider", PACKAGES)
def test_the_package_is_gofmt_clean_vet_clean_and_passes_its_tests(go_packages: Path, provider: str) -> None:
    package = go_packages / PACKAGES[provider]
    assert (package / "go.mod").read_text(encoding="utf-8").splitlines()[:3] == [
        f"module {PACKAGES[provider]}",
        "",
        "go 1.19",
    ]
    formatted = go(["gofmt", "-l", "."], package)
    assert formatted.returncode == 0 and formatted.stdout == "", formatted.stdout + formatted.stderr
    vet = go(["go", "vet", "./..."], package)
    assert vet.returncode == 0, vet.stdout + vet.stderr
    tested = go(["go", "test", "-count=1", "./..."], package)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    listed = go(["go", "test", "-count=1", "-v", "-run", "Test", "."], package)
    assert listed.stdout.count("--- PASS") >= 10, listed.stdout


def test_regenerating_gives_the_same_bytes_whatever_the_hash_seed(go_packages: Path, tmp_path: Path) -> None:
    result = generate(["--generated-dir", str(tmp_path), "generate", "--style", "go", "-q"], seed="7")
    assert result.returncode == 0, result.stderr
    assert tree(tmp_path / "go") == tree(go_packages)
    if GENERATED.is_dir():  # once committed, the committed packages are what the generator makes
        assert tree(GENERATED) == tree(go_packages)


def test_the_lock_records_the_go_version_the_package_was_formatted_with(go_packages: Path) -> None:
    version = go(["go", "version"], go_packages).stdout.split()[2]
    for package in PACKAGES.values():
        lock = json.loads((go_packages / package / "generator.lock.json").read_text(encoding="utf-8"))
        assert f"gofmt ({version})" in json.dumps(lock), lock
