"""A package's README names the API's batch-download job as the bulk path, from the IR, in both styles.

Scenario has a job behaviour (a batch of assets packed into one archive): its README lists the
job's helper and operation; Toolkit has none, and its README names no bulk path.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HELPERS = {"python": "request_batch_download_job", "typescript": "requestBatchDownloadJob"}


@pytest.mark.parametrize("style", sorted(HELPERS))
def test_the_readme_names_the_job_as_the_bulk_path_only_when_there_is_one(tmp_path: Path, style: str) -> None:
    for provider in ("scenario", "toolkit"):
        out = tmp_path / provider
        spec = ROOT / "specs" / provider
        documents = [f"--spec={spec / d}" for d in _documents(spec)]
        command = [sys.executable, "-m", "generator", "generate", *documents, "--name", provider, "--out", str(out)]
        overlays = [f"--overlay-normalised={spec / o}" for o in _overlays(spec)]
        done = subprocess.run(
            [*command, *overlays, "--style", style, "-q"], cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    scenario = (tmp_path / "scenario" / "README.md").read_text(encoding="utf-8")
    toolkit = (tmp_path / "toolkit" / "README.md").read_text(encoding="utf-8")
    assert f"- Bulk path: `client.download.{HELPERS[style]}(...)` (`POST /assets/download`)" in scenario
    assert "Bulk path" not in toolkit


def _documents(folder: Path) -> list[str]:
    return _listed(folder, "documents")


def _overlays(folder: Path) -> list[str]:
    return _listed(folder, "overlays")


def _listed(folder: Path, key: str) -> list[str]:
    provider = yaml.safe_load((folder / "provider.yaml").read_text(encoding="utf-8"))
    return list(provider.get(key) or [])
