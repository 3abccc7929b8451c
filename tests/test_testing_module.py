"""The testing module every generated package ships, driven the way a user's tests would drive it.

The four providers are generated into a temporary folder in both styles; each flow runs on
the Python package's ``testing`` module in process and on the TypeScript package's
``<package>/testing`` (compiled with ``tsc --strict``) in a child process
(``tests/testing_module/driver.mjs``): a job that polls then succeeds or fails, 409 until
ready, a presigned link the storage host refuses once it expired, a body cut off mid-way,
and the default answers from the spec's examples.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).resolve().parent / "testing_module" / "driver.mjs"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
TS_PACKAGES = ("topaz_images", "scenario_assets", "toolkit_images")
FILE = "https://files.example.test/job/result.png"
IMAGE = b"\x89PNG fake image bytes" * 50


@dataclass(frozen=True)
class Generated:
    python: Path
    typescript: dict[str, Path]
    """Each compiled package's ``testing.js``."""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("testing-module")
    command = [sys.executable, "-m", "generator", "--generated-dir", str(root), "generate", "-q"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    compiled: dict[str, Path] = {}
    if shutil.which("node") and TSC.exists():
        for package in TS_PACKAGES:
            out = root / "ts-build" / package
            types = str(ROOT / "node_modules" / "@types")
            tsc = [str(TSC), "-p", str(root / "typescript" / package), "--outDir", str(out), "--typeRoots", types]
            built = subprocess.run([*tsc, "--pretty", "false"], cwd=ROOT, capture_output=True, text=True, timeout=300)
            assert built.returncode == 0, built.stdout + built.stderr
            (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
            compiled[package] = out / "src" / "testing.js"
    return Generated(root / "python", compiled)


def python_package(generated: Generated, package: str) -> Any:
    folder = str(generated.python / package)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return __import__(f"{package}.testing").testing


def typescript(generated: Generated, package: str, flow: str, target: Path) -> dict[str, Any]:
    if package not in generated.typescript:
        pytest.skip("node or TypeScript is not installed")
    argv = ["node", str(DRIVER), str(generated.typescript[package]), flow, str(target)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


# --------------------------------------------------------------------------- Python


def test_python_job_polls_then_succeeds(generated: Generated, tmp_path: Path) -> None:
    testing = python_package(generated, "scenario_assets")
    fake = testing.FakeAPI()
    status = "download.get_batch_download_status"
    pending = {"jobId": "job-1", "jobStatus": "pending"}
    fake.job(status, pending, {**pending, "jobStatus": "success", "downloadUrl": FILE}, polls=2)
    fake.serve_file(FILE, IMAGE)
    with testing.fake_client(fake) as client:
        handle = client.download.request_batch_download_job(**batch(testing))
        saved = handle.save(tmp_path / "result.png", poll_interval=0.0)
    assert saved.read_bytes() == IMAGE
    assert len(fake.calls(status)) == 3 and len(fake.calls("download.request_batch_download")) == 1
    assert all("authorization" not in r.headers for r in fake.requests if r.url.host == "files.example.test")


def test_python_job_polls_then_fails(generated: Generated, tmp_path: Path) -> None:
    testing = python_package(generated, "scenario_assets")
    fake = testing.FakeAPI()
    pending = {"jobId": "job-1", "jobStatus": "pending"}
    fake.job("download.get_batch_download_status", pending, {**pending, "jobStatus": "failure"}, polls=1)
    with testing.fake_client(fake) as client, pytest.raises(client_module(testing).JobFailedError):
        client.download.request_batch_download_job(**batch(testing)).save(tmp_path / "x", poll_interval=0.0)
    assert not (tmp_path / "x").exists()


def client_module(testing: Any) -> Any:
    return sys.modules[testing.__name__.rsplit(".", 1)[0]]


def batch(testing: Any) -> dict[str, Any]:
    """The arguments of Scenario's batch download: its two required bodies."""
    models = __import__(f"{client_module(testing).__name__}.models").models
    return {
        "options": models.DownloadOptions.from_dict({"fileNameTemplate": "{assetId}"}),
        "query": models.DownloadQuery.from_dict({"assetIds": ["asset-1"], "inferenceIds": [], "modelIds": []}),
    }


def test_python_conflict_then_ready(generated: Generated) -> None:
    testing = python_package(generated, "topaz_images")
    fake = testing.FakeAPI()
    fake.not_ready("download.get_download_output", times=2)
    with testing.fake_client(fake) as client:
        result = client.download.wait_for_download_output("3fa85f64-5717-4562-b3fc-2c963f66afa6", poll_interval=0.0)
    assert result.download_url == fake.body("download.get_download_output")["download_url"]
    calls = fake.calls("download.get_download_output")
    assert len(calls) == 3 and all(r.url.path.endswith("3fa85f64-5717-4562-b3fc-2c963f66afa6") for r in calls)


@pytest.mark.parametrize("storage_expired", [False, True])
def test_python_presigned_link_with_expiry(generated: Generated, tmp_path: Path, storage_expired: bool) -> None:
    testing = python_package(generated, "topaz_images")
    fake = testing.FakeAPI(clock=lambda: 1_000.0)
    link = {**fake.body("download.get_download_output"), "download_url": FILE, "expiry": int(time.time()) + 3600}
    fake.script("download.get_download_output", testing.Reply(200, json=link))
    fake.serve_file(FILE, IMAGE, expires_at=999.0 if storage_expired else 2_000.0)
    target = tmp_path / "out.png"
    with testing.fake_client(fake) as client:
        if storage_expired:
            with pytest.raises(client_module(testing).PermissionDeniedError, match="Request has expired"):
                client.download.get_download_output_to_file("3fa85f64-5717-4562-b3fc-2c963f66afa6", path=target)
        else:
            client.download.get_download_output_to_file("3fa85f64-5717-4562-b3fc-2c963f66afa6", path=target)
    assert target.exists() is not storage_expired
    if not storage_expired:
        assert target.read_bytes() == IMAGE


def test_python_example_link_already_expired_is_refused_before_fetching(generated: Generated, tmp_path: Path) -> None:
    testing = python_package(generated, "topaz_images")
    fake = testing.FakeAPI()  # the spec's example expiry (2021) is past
    with testing.fake_client(fake) as client, pytest.raises(client_module(testing).LinkExpiredError):
        client.download.get_download_output_to_file("3fa85f64-5717-4562-b3fc-2c963f66afa6", path=tmp_path / "x")
    assert [r.url.host for r in fake.requests] == ["api.example.test"] * len(fake.requests)


def test_python_cut_body_leaves_nothing(generated: Generated, tmp_path: Path) -> None:
    testing = python_package(generated, "toolkit_images")
    module = client_module(testing)
    fake = testing.FakeAPI()
    cut = testing.Reply(200, content=IMAGE, headers={"Content-Type": "image/png"}, cut_after=100)
    fake.script("download.download_image", cut)
    target = tmp_path / "image.png"
    with (
        testing.fake_client(fake, retry=module.RetryPolicy(max_retries=0)) as client,
        pytest.raises(module.DownloadError, match="peer closed connection"),
    ):
        client.download.download_image_to_file("0123456789abcdef0123456789abcdef.png", path=target)
    assert list(tmp_path.iterdir()) == []


def test_python_every_operation_answers_its_example(generated: Generated) -> None:
    testing = python_package(generated, "getty_images")
    fake = testing.FakeAPI()
    with testing.fake_client(fake) as client:
        downloads = list(client.images.iter_downloads())
        assert [d.id_ for d in downloads] == [d["id"] for d in fake.body("images.get_downloads")["downloads"]]
        with pytest.raises(KeyError, match=r"no operation 'images\.nope'"):
            fake.script("images.nope", testing.Reply(500))


def test_python_an_answer_written_once_in_the_table_answers_every_operation_that_gives_it(generated: Generated) -> None:
    """Topaz's output and input links answer with the same example: the table writes it for the first and names
    that entry for the second (``body_of``), and both operations answer it, each a copy of its own."""
    testing = python_package(generated, "topaz_images")
    table = [json.loads(line) for line in testing._OPERATIONS]
    names = [entry["name"] for entry in table]
    first, second = names.index("download.get_download_output"), names.index("download.get_download_input")
    assert table[second] == {**table[second], "body_of": first} and "body" not in table[second]
    fake = testing.FakeAPI()
    assert fake.body("download.get_download_input") == table[first]["body"]
    fake.body("download.get_download_input")["download_url"] = "changed"
    assert fake.body("download.get_download_output") == table[first]["body"]
    process = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    with testing.fake_client(fake) as client:
        assert client.download.get_download_input(process) == client.download.get_download_output(process)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_python_both_clients_run_on_the_fake(generated: Generated, mode: str) -> None:
    import asyncio

    testing = python_package(generated, "topaz_images")
    fake = testing.FakeAPI()
    fake.script(
        "download.get_download_output",
        testing.Reply(500, json={"message": "down"}),
        fake.example("download.get_download_output"),
    )
    if mode == "sync":
        with testing.fake_client(fake) as client:
            client.download.get_download_output("3fa85f64-5717-4562-b3fc-2c963f66afa6")
    else:

        async def main() -> None:
            async with testing.async_fake_client(fake) as client:
                await client.download.get_download_output("3fa85f64-5717-4562-b3fc-2c963f66afa6")

        asyncio.run(main())
    assert len(fake.calls("download.get_download_output")) == 2  # the 500 was retried


# --------------------------------------------------------------------------- TypeScript


@pytest.mark.parametrize(
    ("package", "flow", "expected"),
    [
        ("scenario_assets", "job-succeeds", {"ok": True, "saved": True, "polls": 3}),
        ("scenario_assets", "job-fails", {"ok": False, "error": "JobFailedError", "saved": False}),
        ("topaz_images", "conflict-then-ready", {"ok": True, "polls": 3}),
        ("topaz_images", "presigned-valid", {"ok": True, "saved": True}),
        ("topaz_images", "presigned-storage-expired", {"ok": False, "error": "PermissionDeniedError", "saved": False}),
        ("toolkit_images", "cut-body", {"ok": False, "error": "DownloadError", "saved": False}),
    ],
)
def test_typescript_flows(
    generated: Generated, tmp_path: Path, package: str, flow: str, expected: dict[str, Any]
) -> None:
    report = typescript(generated, package, flow, tmp_path / "target.bin")
    assert {key: report.get(key) for key in expected} == expected, report
    assert list(tmp_path.iterdir()) == ([tmp_path / "target.bin"] if expected.get("saved") else [])


def test_python_testing_module_of_an_api_without_operations_is_in_black_s_form(tmp_path: Path) -> None:
    import black

    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "Hooks", "version": "1"}, "webhooks": {}}))
    command = [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--name", "hooks"]
    done = subprocess.run(
        [*command, "--out", str(tmp_path / "out"), "--style", "python", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out" / "hooks" / "testing.py").read_text(encoding="utf-8")
    assert "_OPERATIONS: tuple[str, ...] = ()\n" in text
    assert black.format_str(text, mode=black.Mode(line_length=120)) == text
