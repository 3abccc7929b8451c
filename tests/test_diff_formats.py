"""`generator diff` output formats (githubactions annotations, JUnit XML), `--ignore` files and `--fail-on` levels."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_diff_rules import BASE, get, load, ok, schemas

from generator.diff import diff_apis, format_changes
from generator.diff.accept import Accepted, split_accepted

ROOT = Path(__file__).resolve().parents[1]


def changed(s: dict[str, Any]) -> None:
    """One breaking change, one warning, one info change, and strings a report must escape."""
    s["paths"].pop("/orders")  # breaking
    s["servers"] = [{"url": "https://api.example.com/v2"}]  # warning
    schemas(s)["Image"]["properties"]["alt,t:x"] = {"type": "string"}  # info
    get(s)["parameters"].append({"name": "q", "in": "query", "schema": {"type": "string", "enum": ["a"]}})
    ok(s)["description"] = "ok"


def write(tmp_path: Path, name: str, spec: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    new = copy.deepcopy(BASE)
    changed(new)
    return write(tmp_path, "old.yaml", BASE), write(tmp_path, "new.yaml", new)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "diff", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_githubactions_annotates_each_change_at_its_level_with_escaped_properties(pair: tuple[Path, Path]) -> None:
    old, new = map(str, pair)
    result = run(old, new, "--format", "githubactions")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert errors == [line for line in errors if f"file={new.replace(':', '%3A')}," in line]
    assert any("title=api-removed-without-deprecation POST /orders::" in line for line in errors)
    assert any(line.startswith("::warning ") and "api-server-changed" in line for line in lines)
    added = [line for line in lines if "response-optional-property-added" in line]
    assert len(added) == 1 and added[0].startswith("::notice ")
    assert lines[-1].endswith("1 breaking, 1 warning, 2 info")


def test_githubactions_escapes_what_would_end_or_split_a_workflow_command(tmp_path: Path) -> None:
    old_api = load(tmp_path, "a", lambda s: None)
    new_api = load(
        tmp_path, "b", lambda s: schemas(s)["Image"]["properties"].__setitem__("x\n::error::y%", {"type": "string"})
    )
    found = diff_apis(old_api, new_api)
    report = format_changes(found, "githubactions", "a", "b", file="b,1:x.yaml")
    lines = report.splitlines()
    assert len(lines) == len(found) + 1 == 2
    assert lines[0].startswith("::notice file=b%2C1%3Ax.yaml,title=response-optional-property-added GET /images/{id}::")
    assert "x%0A::error::y%25" in lines[0]


def test_junit_has_a_case_per_change_and_a_failure_per_breaking_one(pair: tuple[Path, Path]) -> None:
    old, new = map(str, pair)
    result = run(old, new, "--format", "junit")
    assert result.returncode == 0, result.stderr
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(cases) == int(suite.get("tests", "")) == 4
    assert len(failures) == int(suite.get("failures", "")) == 1
    failure = failures[0].find("failure")
    assert failure is not None and failure.get("type") == "api-removed-without-deprecation"
    assert "create_order" in (failure.text or "") and "createOrder" in (failure.text or "")


def test_junit_stays_well_formed_with_control_characters_from_the_document(tmp_path: Path) -> None:
    old_api = load(tmp_path, "a", lambda s: None)
    new_api = load(tmp_path, "b", lambda s: schemas(s)["Image"]["properties"].__setitem__("a\x01b", {"type": "string"}))
    found = diff_apis(old_api, new_api)
    assert found and any("\x01" in c.message for c in found)
    ET.fromstring(format_changes(found, "junit", "a", "b"))  # parses


def test_ignore_file_leaves_out_accepted_changes_and_counts_them(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    old, new = map(str, pair)
    accepted = tmp_path / "accepted.txt"
    accepted.write_text(
        "# accepted with the vendor\n"
        "api-removed-without-deprecation  post  /orders   # orders moved to another API\n"
        "api-server-changed\n",
        encoding="utf-8",
    )
    data = json.loads(run(old, new, "--format", "json", "--ignore", str(accepted)).stdout)
    assert data["ignored"] == 2 and data["breaking"] == 0 and data["warning"] == 0
    assert run(old, new, "--ignore", str(accepted), "--fail-on", "warning").returncode == 0
    assert run(old, new, "--ignore", str(accepted), "--fail-on", "any").returncode == 1
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("api-removed-without-deprecation GET /orders\n", encoding="utf-8")
    assert run(old, new, "--ignore", str(elsewhere), "--fail-on", "breaking").returncode == 1


def test_fail_on_levels(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old = pair[0]
    moved = copy.deepcopy(BASE)
    moved["servers"] = [{"url": "https://api.example.com/v2"}]
    warning_only = write(tmp_path, "moved.yaml", moved)
    assert run(str(old), str(warning_only), "--fail-on", "breaking").returncode == 0
    assert run(str(old), str(warning_only), "--fail-on", "warning").returncode == 1
    assert run(str(old), str(warning_only), "--fail-on", "none").returncode == 0


def test_an_unknown_rule_in_the_ignore_file_is_one_located_error(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    bad = tmp_path / "accepted.txt"
    bad.write_text("api-server-changed\n\nresponse-property-removed GET /images/{id}\nnope\n", encoding="utf-8")
    result = run(str(pair[0]), str(pair[1]), "--ignore", str(bad))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert sum("error[" in line for line in lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"{bad}#:3: error[E068]: unknown diff rule 'response-property-removed'")
    assert "1 more line" in lines[0]


def test_a_missing_ignore_file_is_a_located_error(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    result = run(str(pair[0]), str(pair[1]), "--ignore", str(tmp_path / "absent.txt"))
    assert result.returncode == 2 and "error[E001]" in result.stderr and "absent.txt" in result.stderr


def test_a_location_matches_whatever_the_method_case_and_spacing() -> None:
    from generator.diff import Change

    change = Change("endpoint-added", "info", "GET /images/{id}", "added")
    assert split_accepted([change], [Accepted("endpoint-added", "get   /images/{id}", 1)]) == ([], 1)
    assert split_accepted([change], [Accepted("endpoint-added", "GET /images", 1)]) == ([change], 0)
