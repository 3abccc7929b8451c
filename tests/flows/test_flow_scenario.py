"""Scenario: a batch download job polled until its archive URL appears on a second host, and a failed job."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from flow_support import CLIENT_TIMEOUT, MODES, FlowServer, Reply, drive, generated, in_turn, json_reply
from go_flow_support import run_case

scenario = generated("scenario_assets")

START = "/assets/download"
STATUS = "/assets/download/job_7"
ARCHIVE = b"PK\x03\x04" + b"scenario archive " * 3000
BASIC = "Basic " + base64.b64encode(b"scenario-key:scenario-secret").decode()


def client(mode: str, api: FlowServer) -> Any:
    cls = scenario.ScenarioAssets if mode == "sync" else scenario.AsyncScenarioAssets
    return cls(api_key="scenario-key", api_secret="scenario-secret", base_url=api.url, timeout=CLIENT_TIMEOUT)


def status(state: str, url: str | None = None) -> Reply:
    body: dict[str, Any] = {"jobId": "job_7", "jobStatus": state}
    if url is not None:
        body["downloadUrl"] = url
    return json_reply(body)


def start_job(c: Any) -> Any:
    return c.download.request_batch_download_job(
        options=scenario.models.DownloadOptions(file_name_template="{seed}", flat=True),
        query=scenario.models.DownloadQuery(asset_ids=["asset_1", "asset_2"], inference_ids=[], model_ids=[]),
    )


@pytest.mark.parametrize("mode", MODES)
def test_job_is_polled_until_its_archive_is_ready_then_saved(
    mode: str, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    archive_url = f"{files.url}/archives/job_7.zip?sig=xyz"
    api.route("POST", START, json_reply({"jobId": "job_7"}))
    api.route("GET", STATUS, in_turn(status("pending"), status("pending"), status("success", archive_url)))
    files.route("GET", "/archives/job_7.zip", Reply(200, {"Content-Type": "application/zip"}, ARCHIVE))
    target = tmp_path / "archive.zip"

    def action(c: Any) -> Any:
        job = yield start_job(c)
        url = yield job.wait(timeout=5, poll_interval=0.05)
        polls = len(api.seen(STATUS))
        saved = yield job.save(target, timeout=5, poll_interval=0.05)
        return job.job_id, url, polls, saved

    job_id, url, polls, saved = drive(mode, client(mode, api), action)
    assert (job_id, url, polls, saved) == ("job_7", archive_url, 3, target)
    assert target.read_bytes() == ARCHIVE
    [start] = api.seen(START)
    assert start.json() == {
        "options": {"fileNameTemplate": "{seed}", "flat": True},
        "query": {"assetIds": ["asset_1", "asset_2"], "inferenceIds": [], "modelIds": []},
    }
    for seen in api.seen(START) + api.seen(STATUS):
        assert seen.headers["authorization"] == BASIC
    [fetch] = files.seen("/archives/job_7.zip")
    assert fetch.query == {"sig": ["xyz"]}
    assert not {"authorization", "cookie"} & fetch.headers.keys()


@pytest.mark.parametrize("mode", MODES)
def test_a_failed_job_raises_job_failed_error(mode: str, api: FlowServer, files: FlowServer, tmp_path: Path) -> None:
    api.route("POST", START, json_reply({"jobId": "job_7"}))
    api.route("GET", STATUS, in_turn(status("pending"), status("failure")))
    target = tmp_path / "archive.zip"

    def action(c: Any) -> Any:
        job = yield start_job(c)
        return (yield job.save(target, timeout=5, poll_interval=0.05))

    with pytest.raises(scenario.JobFailedError) as failed:
        drive(mode, client(mode, api), action)
    assert (failed.value.job_id, failed.value.status) == ("job_7", "failure")
    assert len(api.seen(STATUS)) == 2
    assert files.requests == []
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- the Go client


def test_go_job_wait_then_save_from_the_second_host(
    go_driver: Path, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    archive_url = f"{files.url}/archives/job_7.zip?sig=xyz"
    api.route("POST", START, json_reply({"jobId": "job_7"}))
    api.route("GET", STATUS, in_turn(status("pending"), status("pending"), status("success", archive_url)))
    files.route("GET", "/archives/job_7.zip", Reply(200, {"Content-Type": "application/zip"}, ARCHIVE))
    target = tmp_path / "archive.zip"
    run = run_case(go_driver, "scenario-job", api.url, target)
    assert run.errors == [], run.message
    assert run.result == {"job_id": "job_7", "url": archive_url, "path": str(target)}
    assert target.read_bytes() == ARCHIVE
    # Wait polled three times; Save waited again and found the job done at once.
    assert len(api.seen(STATUS)) == 4
    [start] = api.seen(START)
    assert start.json() == {
        "options": {"fileNameTemplate": "{seed}", "flat": True},
        "query": {"assetIds": ["asset_1", "asset_2"], "inferenceIds": [], "modelIds": []},
    }
    for seen in api.seen(START) + api.seen(STATUS):
        assert seen.headers["authorization"] == BASIC
    [fetch] = files.seen("/archives/job_7.zip")
    assert fetch.query == {"sig": ["xyz"]}
    assert not {"authorization", "cookie"} & fetch.headers.keys()


def test_go_a_failed_job_is_a_job_failed_error(
    go_driver: Path, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    api.route("POST", START, json_reply({"jobId": "job_7"}))
    api.route("GET", STATUS, in_turn(status("pending"), status("failure")))
    run = run_case(go_driver, "scenario-save", api.url, tmp_path / "archive.zip")
    assert "scenario.JobFailedError" in run.errors, run.message
    assert run.result == {"job_id": "job_7", "status": "failure"}
    assert len(api.seen(STATUS)) == 2
    assert files.requests == []
    assert list(tmp_path.iterdir()) == []
