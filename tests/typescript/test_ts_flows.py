"""Download flows of the TypeScript clients against the local flow servers the Python flow tests use.

An ``api`` server plays the provider and a ``files`` server a storage host on another
port that answers 403 to any request carrying credentials. This module sets every
scenario's routes (on paths of its own), runs all scenarios in one Node process
(``node/flows.mjs``), then checks what Node reported, what landed on disk, and what each
server saw: no credential ever reached the storage host.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ts_support import NODE_SCRIPTS, ROOT, Compiled, compile_package, node, node_missing

sys.path.insert(0, str(ROOT / "tests" / "flows"))
from flow_support import CREDENTIAL_HEADERS, FlowServer, Reply, Seen, in_turn, json_reply

pytestmark = pytest.mark.skipif(node_missing() is not None, reason=node_missing() or "")

PRESIGNED, WAIT, RETRY, EXPIRED = (str(uuid.UUID(int=n)) for n in (101, 102, 103, 104))
IMAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
JPEG = b"\xff\xd8\xff\xe0" + b"getty" * 4000 + b"\xff\xd9"
ARCHIVE = b"PK\x03\x04" + b"archive" * 1000
PAGES = {1: ["a", "b"], 2: ["c", "d"], 3: ["e"]}
BIG, CUT, NAMED, STALL = (f"{n:032x}.png" for n in (0xB16, 0xC07, 0xA3ED, 0x57A11))
STALL_SECONDS = 3.0
BLOCK = 64 * 1024
SIZE = 8 * 1024 * 1024


def blocks() -> Iterator[bytes]:
    for index in range(SIZE // BLOCK):
        yield bytes([index % 251]) * BLOCK


@dataclass
class Flows:
    report: dict[str, dict[str, Any]]
    api: FlowServer
    files: FlowServer
    folder: Path

    def value(self, scenario: str) -> Any:
        outcome = self.report[scenario]
        assert outcome["ok"], outcome["error"]
        return outcome["value"]


def presigned(files: FlowServer, name: str, expires_in: float = 3600) -> dict[str, Any]:
    return {
        "download_url": f"{files.url}/files/{name}?X-Signature=abc",
        "head_url": f"{files.url}/files/{name}?X-Signature=head",
        "expiry": int(time.time() + expires_in),
    }


def routes(api: FlowServer, files: FlowServer) -> None:
    for name in ("topaz.png", "waited.png", "retried.png"):
        files.route("GET", f"/files/{name}", Reply(200, {"Content-Type": "image/png"}, IMAGE))
        files.route("HEAD", f"/files/{name}", Reply(200, {"Content-Type": "image/png"}, IMAGE))
    files.route("GET", "/files/expired.png", Reply(200, {"Content-Type": "image/png"}, IMAGE))
    api.route("GET", f"/download/{PRESIGNED}", lambda _seen: json_reply(presigned(files, "topaz.png")))
    conflict = json_reply({"message": "The image is still processing."}, 409)
    api.route("GET", f"/download/{WAIT}", in_turn(conflict, conflict, json_reply(presigned(files, "waited.png"))))
    limited = json_reply({"message": "slow down"}, 429, {"Retry-After": "1"})
    api.route("GET", f"/download/{RETRY}", in_turn(limited, json_reply(presigned(files, "retried.png"))))
    api.route("GET", f"/download/{EXPIRED}", json_reply(presigned(files, "expired.png", expires_in=-60)))

    api.route("POST", "/v3/downloads/images/12345", Reply(303, {"Location": f"{files.url}/delivery/12345.jpg"}))
    files.route("GET", "/delivery/12345.jpg", Reply(200, {"Content-Type": "image/jpeg"}, JPEG))

    def history(seen: Seen) -> Reply:
        downloads = [{"id": asset, "asset_type": "image"} for asset in PAGES.get(int(seen.query["page"][0]), [])]
        return json_reply({"result_count": sum(len(p) for p in PAGES.values()), "downloads": downloads})

    api.route("GET", "/v3/downloads", history)

    api.route("GET", f"/v1/image/download/{BIG}", lambda _seen: big_reply())
    api.route("GET", f"/v1/image/download/{CUT}", lambda _seen: big_reply(cut_after=SIZE // 8))
    stall = Reply(200, {"Content-Type": "image/png"}, chunks=stalled(), content_length=2 * BLOCK)
    api.route("GET", f"/v1/image/download/{STALL}", lambda _seen: stall)
    named = {"Content-Type": "image/png", "Content-Disposition": 'attachment; filename="../../evil.png"'}
    api.route("GET", f"/v1/image/download/{NAMED}", Reply(200, named, b"\x89PNG tiny"))

    api.route("POST", "/assets/download", in_turn(json_reply({"jobId": "job_7"}), json_reply({"jobId": "job_8"})))

    def status(state: str, url: str | None = None) -> Reply:
        body = {"jobId": "job_7", "jobStatus": state, **({"downloadUrl": url} if url else {})}
        return json_reply(body)

    archive_url = f"{files.url}/archives/job_7.zip"
    api.route(
        "GET", "/assets/download/job_7", in_turn(status("pending"), status("pending"), status("success", archive_url))
    )
    api.route("GET", "/assets/download/job_8", in_turn(status("pending"), status("failure")))
    files.route("GET", "/archives/job_7.zip", Reply(200, {"Content-Type": "application/zip"}, ARCHIVE))


def stalled() -> Iterator[bytes]:
    yield b"\x89PNG" + bytes(BLOCK - 4)
    time.sleep(STALL_SECONDS)
    yield bytes(BLOCK)


def big_reply(cut_after: int | None = None) -> Reply:
    return Reply(200, {"Content-Type": "image/png"}, chunks=blocks(), content_length=SIZE, cut_after=cut_after)


@pytest.fixture(scope="module")
def flows(compiled: dict[str, Compiled], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flows]:
    for package in compiled.values():
        assert package.returncode == 0, package.output
    folder = tmp_path_factory.mktemp("ts-flows")
    with FlowServer() as api, FlowServer(refuse_credentials=True) as files:
        routes(api, files)
        env = {
            "TS_PACKAGES": json.dumps({p: str(c.index) for p, c in compiled.items()}),
            "API_URL": api.url,
            "FILES_URL": files.url,
            "FLOW_DIR": str(folder),
            "TOPAZ_PRESIGNED": PRESIGNED,
            "TOPAZ_WAIT": WAIT,
            "TOPAZ_RETRY": RETRY,
            "TOPAZ_EXPIRED": EXPIRED,
            "TOOLKIT_BIG": BIG,
            "TOOLKIT_CUT": CUT,
            "TOOLKIT_NAMED": NAMED,
            "TOOLKIT_STALL": STALL,
        }
        run = node([str(NODE_SCRIPTS / "flows.mjs")], env=env)
        assert run.returncode == 0, run.stdout + run.stderr
        yield Flows(json.loads(run.stdout.strip().splitlines()[-1]), api, files, folder)


def test_no_credentials_reach_the_storage_host(flows: Flows) -> None:
    assert flows.files.requests, "the storage host saw no request"
    for seen in flows.files.requests:
        assert not any(name in seen.headers for name in CREDENTIAL_HEADERS), (seen.path, seen.headers)


def test_presigned_link_is_saved_and_sized(flows: Flows) -> None:
    value = flows.value("topaz_presigned")
    assert Path(value["file"]).read_bytes() == IMAGE
    assert value["size"] == len(IMAGE)
    assert [s.method for s in flows.files.seen("/files/topaz.png")] == ["GET", "HEAD"]
    assert all(s.headers["x-api-key"] == "topaz-secret" for s in flows.api.seen(f"/download/{PRESIGNED}"))


def test_an_existing_file_is_not_overwritten(flows: Flows) -> None:
    assert flows.value("topaz_overwrite_refused").startswith("FileExistsError")
    assert (flows.folder / "topaz.png").read_bytes() == IMAGE


def test_wait_polls_through_409(flows: Flows) -> None:
    assert flows.value("topaz_wait").endswith("/files/waited.png?X-Signature=abc")
    assert len(flows.api.seen(f"/download/{WAIT}")) == 3


def test_429_is_retried_after_the_time_the_server_asked_for(flows: Flows) -> None:
    value = flows.value("topaz_retry_after")
    assert value["elapsedMs"] >= 900
    assert len(flows.api.seen(f"/download/{RETRY}")) == 2


def test_an_expired_link_is_refused_before_downloading(flows: Flows) -> None:
    assert flows.value("topaz_expired").startswith("LinkExpiredError")
    assert flows.files.seen("/files/expired.png") == []
    assert not (flows.folder / "expired.png").exists()


def test_getty_303_is_followed_by_hand_without_credentials(flows: Flows) -> None:
    assert Path(flows.value("getty_redirect")).read_bytes() == JPEG
    [request] = flows.api.seen("/v3/downloads/images/12345")
    assert request.query["auto_download"] == ["true"]
    assert request.headers["api-key"] == "getty-key"
    assert request.headers["authorization"] == "Bearer getty-token"
    assert len(flows.files.seen("/delivery/12345.jpg")) == 1


def test_getty_pages_are_iterated(flows: Flows) -> None:
    assert flows.value("getty_pages") == ["a", "b", "c", "d", "e"]
    pages = [s.query["page"] for s in flows.api.seen("/v3/downloads")]
    assert pages == [["1"], ["2"], ["3"]]


def test_a_large_image_streams_to_disk(flows: Flows) -> None:
    value = flows.value("toolkit_stream")
    saved = Path(value["file"])
    expected = hashlib.sha256()
    for block in blocks():
        expected.update(block)
    assert saved.stat().st_size == SIZE
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == expected.hexdigest()
    assert value["last"] == SIZE and value["calls"] > 1


def test_an_interrupted_body_leaves_no_file(flows: Flows) -> None:
    value = flows.value("toolkit_cut")
    assert value["error"].startswith(("DownloadError", "APIConnectionError")), value["error"]
    assert value["left"] == []


def test_a_stalled_body_times_out_and_leaves_no_file(flows: Flows) -> None:
    value = flows.value("toolkit_stall")
    assert value["error"].startswith("DownloadError") and "no data for 1000 ms" in value["error"], value["error"]
    assert value["left"] == []


def test_content_disposition_is_reduced_to_a_safe_base_name(flows: Flows) -> None:
    saved = Path(flows.value("toolkit_disposition"))
    assert saved == flows.folder / "a" / "b" / "evil.png"
    assert saved.read_bytes() == b"\x89PNG tiny"
    assert not (flows.folder / "evil.png").exists()


def test_scenario_job_is_polled_then_its_archive_saved(flows: Flows) -> None:
    value = flows.value("scenario_job")
    assert value["jobId"] == "job_7"
    assert Path(value["file"]).read_bytes() == ARCHIVE
    assert len(flows.api.seen("/assets/download/job_7")) == 3
    for seen in flows.api.seen("/assets/download") + flows.api.seen("/assets/download/job_7"):
        assert seen.headers["authorization"].startswith("Basic ")


def test_a_failed_job_throws_job_failed_error(flows: Flows) -> None:
    value = flows.value("scenario_job_failed")
    assert value["jobId"] == "job_8"
    assert value["error"].startswith("JobFailedError")
    assert value["status"] == "failure"


@pytest.fixture(scope="module")
def runtime_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """``node/runtime_hostile.mjs`` run on the runtime of a package generated now from the templates."""
    root = tmp_path_factory.mktemp("ts-runtime")
    spec = ROOT / "specs" / "toolkit" / "openapi.yaml"
    out = ["--out", str(root / "package"), "--style", "typescript", "-q"]
    made = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--name", "toolkit_images", *out],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    compiled = compile_package(root / "package", root / "build")
    assert compiled.returncode == 0, compiled.output
    run = node(
        [str(NODE_SCRIPTS / "runtime_hostile.mjs")],
        env={"RUNTIME_INDEX": str(compiled.out / "src" / "runtime" / "index.js")},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report: dict[str, dict[str, Any]] = json.loads(run.stdout.strip().splitlines()[-1])
    return report


def _checked(report: dict[str, dict[str, Any]], name: str) -> Any:
    outcome = report[name]
    assert outcome["ok"], outcome["error"]
    return outcome["value"]


def test_retry_after_is_read_strictly_and_an_unreadable_one_waits_the_longest_backoff(
    runtime_report: dict[str, dict[str, Any]],
) -> None:
    values = _checked(runtime_report, "retry_after_values")
    assert values["3"] == [3000, 3000] and values["1.5"] == [1500, 1500] and values["0"] == [0, 0]
    assert values["1e9"] == [1e12, 1e12]
    for garbage in ("-4", "soon", "inf", "1_000"):
        assert values[garbage] == [None, 8000], garbage
    assert values["Wed, 21 Oct 2015 07:28:05 GMT"][0] == 5000


def test_retry_after_past_the_elapsed_budget_gives_up_with_the_rate_limit_error(
    runtime_report: dict[str, dict[str, Any]],
) -> None:
    value = _checked(runtime_report, "retry_after_past_the_budget_gives_up_at_once")
    assert value["error"].startswith("RateLimitError") and value["calls"] == 1 and value["ms"] < 2000


@pytest.mark.parametrize(
    "check",
    [
        "already_aborted_sends_nothing",
        "abort_while_waiting_for_headers",
        "abort_during_a_retry_sleep",
        "abort_while_a_streamed_body_is_read",
        "abort_during_a_polling_wait",
    ],
)
def test_abort_rejects_with_abort_error_at_every_stage(runtime_report: dict[str, dict[str, Any]], check: str) -> None:
    value = _checked(runtime_report, check)
    error = value if isinstance(value, str) else value["error"]
    assert error.startswith("AbortError"), value
    if isinstance(value, dict):
        assert value.get("calls", 1) <= 1 and value.get("ms", 0) < 2000 and value.get("left", []) == [], value
    if check == "already_aborted_sends_nothing":
        assert value["calls"] == 0


def test_deep_json_oversized_bodies_and_unsendable_headers_are_typed_errors(
    runtime_report: dict[str, dict[str, Any]],
) -> None:
    assert _checked(runtime_report, "deep_json").startswith("ResponseDecodeError")
    assert "nested deeper than 256 levels" in _checked(runtime_report, "deep_json")
    assert _checked(runtime_report, "declared_body_past_the_cap").startswith("ResponseTooLargeError")
    header = _checked(runtime_report, "unsendable_header")
    assert header["error"].startswith('RequestValidationError: invalid value for "X-Trace"') and header["calls"] == 0


def test_a_header_is_sent_once_whatever_the_case_of_its_name(runtime_report: dict[str, dict[str, Any]]) -> None:
    """An operation's ``user-agent`` replaces the client's User-Agent (a record's two keys were both sent, joined)."""
    assert _checked(runtime_report, "header_named_in_another_case") == "mine/2"
