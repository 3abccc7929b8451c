"""The four providers' Go packages: gofmt-clean, vet-clean, building, passing their own generated tests,
the same bytes whatever the hash seed, and a lock naming the Go version they were formatted with.

gofmt, vet and the tests run once for the four packages (a ``go.work`` workspace), not once per package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from go_support import GENERATED, PACKAGES, generate, go, go_missing, go_test_events, tree, workspace

pytestmark = pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")


@dataclass(frozen=True)
class Checked:
    unformatted: list[str]
    vet: dict[str, str]
    """Module -> what ``go vet`` said of it (empty when clean)."""
    tests: dict[str, list[dict[str, Any]]]
    """Package -> its ``go test -json`` events."""


@pytest.fixture(scope="module")
def checked(go_packages: Path, tmp_path_factory: pytest.TempPathFactory) -> Checked:
    modules = [go_packages / package for package in PACKAGES.values()]
    work = workspace(modules, tmp_path_factory.mktemp("go-work") / "go.work")
    patterns = [f"{package}/..." for package in PACKAGES.values()]
    formatted = go(["gofmt", "-l", "."], go_packages)
    assert formatted.returncode == 0, formatted.stderr
    vet = go(["go", "vet", *patterns], go_packages, work=work)
    said = {package: "" for package in PACKAGES.values()}
    if vet.returncode != 0:  # said per package only when something is wrong
        for package in PACKAGES.values():
            alone = go(["go", "vet", "./..."], go_packages / package)
            said[package] = alone.stdout + alone.stderr if alone.returncode != 0 else ""
        assert any(said.values()), vet.stdout + vet.stderr
    tested = go(["go", "test", "-count=1", "-json", *patterns], go_packages, work=work)
    return Checked(formatted.stdout.splitlines(), said, go_test_events(tested.stdout + tested.stderr))


@pytest.mark.parametrize("provider", PACKAGES)
def test_the_package_is_gofmt_clean_vet_clean_and_passes_its_tests(
    go_packages: Path, checked: Checked, provider: str
) -> None:
    package = PACKAGES[provider]
    assert (go_packages / package / "go.mod").read_text(encoding="utf-8").splitlines()[:3] == [
        f"module {package}",
        "",
        "go 1.19",
    ]
    assert [path for path in checked.unformatted if path.startswith(f"{package}/")] == []
    assert checked.vet[package] == ""
    events = checked.tests.get(package, [])
    failed = [e for e in events if e.get("Action") == "fail"]
    output = "".join(str(e.get("Output", "")) for e in events)
    assert not failed and any(e.get("Action") == "pass" and "Test" not in e for e in events), output[-4000:]
    passed = [e for e in events if e.get("Action") == "pass" and e.get("Test")]
    assert len(passed) >= 10, output[-4000:]


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
