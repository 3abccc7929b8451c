"""The corpus sweep's Go checks: one ``go vet`` and one ``go test`` over a batch's packages, each finding given
to its package."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from go_support import ROOT, go_missing

sys.path.insert(0, str(ROOT))  # ``sweep`` is a folder of the repository, not an installed package
from sweep.checks import go_test_batch, go_vet_batch

pytestmark = pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")


def _module(folder: Path, name: str, code: str) -> None:
    (folder / name).mkdir()
    (folder / name / "go.mod").write_text(f"module {name}\n\ngo 1.19\n", encoding="utf-8")
    (folder / name / "a.go").write_text(f'package {name}\n\nimport "fmt"\n\n{code}\n', encoding="utf-8")


def test_one_go_vet_gives_each_package_its_own_findings(tmp_path: Path) -> None:
    _module(tmp_path, "clean", 'func F() string { return fmt.Sprint("x") }')
    _module(tmp_path, "broken", 'func F() { fmt.Printf("%d", "x") }')
    found, problem = go_vet_batch(tmp_path, ["clean", "broken"], tmp_path / "cache")
    assert problem is None
    assert found.of("clean")["errors"] == {}
    broken = found.of("broken")
    assert broken["errors"] == {"vet": 1} and "broken/a.go:5" in str(broken["first"]), broken


def test_one_go_test_gives_each_package_its_own_verdict(tmp_path: Path) -> None:
    _module(tmp_path, "green", 'func F() string { return fmt.Sprint("x") }')
    _module(tmp_path, "red", 'func F() string { return fmt.Sprint("y") }')
    _module(tmp_path, "untested", 'func F() string { return fmt.Sprint("z") }')
    for name, want in (("green", "x"), ("red", "x")):
        check = f'if F() != "{want}" {{\n\t\tt.Fatal(F())\n\t}}'
        test = f'package {name}\n\nimport "testing"\n\nfunc TestF(t *testing.T) {{\n\t{check}\n}}\n'
        (tmp_path / name / "a_test.go").write_text(test, encoding="utf-8")
    results, problem = go_test_batch(tmp_path, ["green", "red", "untested"], tmp_path / "cache")
    assert problem is None
    assert results["green"] == {"passed": True, "summary": "passed"}
    assert results["red"] == {"passed": False, "summary": "failing: TestF, red"}
    assert results["untested"]["passed"], results  # no test files: nothing failed
