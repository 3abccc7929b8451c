"""Contract tests: every JSON operation of every generated client, sync and async, against Prism mocking its spec.

Prism serves each provider's exported spec and validates every request against
it, so a call that succeeds here sent what the spec asks for (path, query,
headers, body, credentials), and its answer, made by Prism from the spec,
decoded into the generated model. Binary-only operations (the toolkit's image
download) are left to tests/flows, as Prism cannot serve real binary bodies.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from prism_support import MODES, PrismServer, api_of, drive, exported_prisms, generated, json_operations, prism_missing

from generator.ir import Api

ROOT = Path(__file__).resolve().parents[2]
PROVIDERS = ("topaz", "getty", "toolkit", "scenario")
PROCESS_ID = str(uuid.UUID("3fa85f64-5717-4562-b3fc-2c963f66afa6"))

CLIENTS: dict[str, tuple[str, str, dict[str, str]]] = {
    "topaz": ("topaz_images", "TopazImages", {"api_key": "topaz-key"}),
    "getty": ("getty_images", "GettyImages", {"api_key": "getty-key", "access_token": "getty-token"}),
    "toolkit": ("toolkit_images", "ToolkitImages", {"api_key": "toolkit-key"}),
    "scenario": ("scenario_assets", "ScenarioAssets", {"api_key": "scenario-key", "api_secret": "scenario-secret"}),
}

pytestmark = pytest.mark.skipif(prism_missing() is not None, reason=prism_missing() or "")


@pytest.fixture(scope="module")
def apis() -> dict[str, Api]:
    return {provider: api_of(provider) for provider in PROVIDERS}


@pytest.fixture(scope="module")
def prism(apis: dict[str, Api], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, PrismServer]]:
    """One Prism per provider, serving the provider's exported OpenAPI 3.1 spec."""
    with exported_prisms(apis, tmp_path_factory.mktemp("prism")) as servers:
        yield servers


def client(provider: str, mode: str, server: PrismServer) -> Any:
    package, name, credentials = CLIENTS[provider]
    cls = getattr(generated(package), name if mode == "sync" else "Async" + name)
    return cls(**credentials, base_url=server.url, timeout=10)


# --------------------------------------------------------------------------- the calls

Action = Callable[[Any], Generator[Any, Any, Any]]


@dataclass(frozen=True)
class Case:
    provider: str
    operation_id: str
    model: str
    action: Action

    @property
    def id(self) -> str:
        return f"{self.provider}-{self.action.__name__}"


CASES: list[Case] = []


def case(provider: str, operation_id: str, model: str) -> Callable[[Action], Action]:
    """Register a call of ``operation_id`` whose result (or each item of it) is a ``model``."""

    def register(action: Action) -> Action:
        CASES.append(Case(provider, operation_id, model, action))
        return action

    return register


@case("topaz", "getDownloadOutput", "DownloadResponse")
def get_download_output(c: Any) -> Any:
    return (yield c.download.get_download_output(PROCESS_ID))


@case("topaz", "getDownloadOutput", "DownloadResponse")
def wait_for_download_output(c: Any) -> Any:
    return (yield c.download.wait_for_download_output(PROCESS_ID, timeout=10, poll_interval=0.05))


@case("topaz", "getDownloadInput", "DownloadResponse")
def get_download_input(c: Any) -> Any:
    return (yield c.download.get_download_input(PROCESS_ID))


@case("getty", "Downloads_GetDownloads", "DownloadsResponse")
def get_downloads(c: Any) -> Any:
    return (
        yield c.images.get_downloads(
            accept_language="en-US",
            company_downloads=True,
            start_date=datetime.date(2024, 1, 1),
            end_date=datetime.date(2024, 12, 31),
            page=2,
            page_size=50,
            product_type="premiumaccess",
        )
    )


@case("getty", "Downloads_GetDownloads", "Download")
def iter_downloads(c: Any) -> Any:
    return (yield c.images.iter_downloads(page_size=100, product_type="easyaccess"))


@case("getty", "Downloads_PostDownloads", "DownloadImageResponse")
def post_downloads(c: Any) -> Any:
    holder = generated("getty_images").models.Holder(download_notes="brochure", project_code="P-7")
    return (
        yield c.images.post_downloads(
            "1234567",
            accept_language="de",
            file_type="jpg",
            height=1024,
            product_id=42,
            product_type="imagepack",
            body=holder,
        )
    )


@case("getty", "Downloads_PostDownloads", "DownloadImageResponse")
def post_downloads_minimal(c: Any) -> Any:
    return (yield c.images.post_downloads("1234567"))


def batch(c: Any, *, job: bool) -> Any:
    models = generated("scenario_assets").models
    options = models.DownloadOptions(file_name_template="{seed}-{index}", flat=False)
    query = models.DownloadQuery(asset_ids=["asset_1"], inference_ids=["inf_1"], model_ids=[])
    method = c.download.request_batch_download_job if job else c.download.request_batch_download
    return method(options=options, query=query)


@case("scenario", "requestBatchDownload", "DownloadRequestBatchResponse")
def request_batch_download(c: Any) -> Any:
    return (yield batch(c, job=False))


@case("scenario", "getBatchDownloadStatus", "DownloadGetStatusResponse")
def request_batch_download_job_status(c: Any) -> Any:
    handle = yield batch(c, job=True)
    assert handle.job_id
    return (yield handle.status())


@case("scenario", "getBatchDownloadStatus", "DownloadGetStatusResponse")
def get_batch_download_status(c: Any) -> Any:
    return (yield c.download.get_batch_download_status("job_aZ67MsuuyQ5JawJekta3V7yD"))


@case("scenario", "requestAssetDownload", "DownloadRequestResponse")
def request_asset_download(c: Any) -> Any:
    return (yield c.download.request_asset_download("asset_img001", target_format="webp"))


@case("scenario", "requestAssetDownload", "DownloadRequestResponse")
def request_asset_download_own_format(c: Any) -> Any:
    return (yield c.download.request_asset_download("asset_img001"))


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_json_operation_has_a_case(provider: str, apis: dict[str, Api]) -> None:
    covered = {c.operation_id for c in CASES if c.provider == provider}
    assert covered == json_operations(apis[provider])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("call", CASES, ids=lambda c: c.id)
def test_operation_against_prism(call: Case, mode: str, prism: dict[str, PrismServer]) -> None:
    server = prism[call.provider]
    package = generated(CLIENTS[call.provider][0])
    model = getattr(package.models, call.model)
    result = drive(mode, client(call.provider, mode, server), call.action)
    items = result if isinstance(result, list) else [result]
    assert items, "Prism's page had no items"
    assert all(isinstance(item, model) for item in items), items
    if not isinstance(result, list):
        response: httpx.Response = result.raw_response
        assert response.status_code == 200
        assert response.url.port == server.port
        assert "sl-violations" not in response.headers, response.headers["sl-violations"]


def expected_error_status(api: Api, operation_id: str) -> int:
    """What Prism answers an invalid request with: the operation's 422, else its 400, else a 422 of its own."""
    statuses = {r.status for r in api.operation(operation_id).responses}
    return 400 if "422" not in statuses and "400" in statuses else 422


@pytest.mark.parametrize(
    ("provider", "operation_id", "method", "path", "headers", "body", "violation"),
    [
        pytest.param(
            "scenario",
            "requestBatchDownload",
            "POST",
            "/assets/download",
            {"Authorization": "Basic c2NlbmFyaW86c2VjcmV0", "Content-Type": "application/json"},
            None,
            "Body parameter is required",
            id="missing-required-body",
        ),
        pytest.param(
            "toolkit",
            "downloadImage",
            "GET",
            "/v1/image/download/not-an-object-name.png",
            {"X-API-Key": "toolkit-key"},
            None,
            "pattern",
            id="path-parameter-breaks-its-pattern",
        ),
        pytest.param(
            "getty",
            "Downloads_GetDownloads",
            "GET",
            "/v3/downloads?page_size=500",
            {"Api-Key": "getty-key", "Authorization": "Bearer getty-token"},
            None,
            "page_size",
            id="query-parameter-above-its-maximum",
        ),
    ],
)
def test_prism_rejects_a_wrong_request(
    provider: str,
    operation_id: str,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes | None,
    violation: str,
    prism: dict[str, PrismServer],
    apis: dict[str, Api],
) -> None:
    """Request validation is live: a request the generated client would never send is refused, and says why."""
    response = httpx.request(
        method, prism[provider].url + path, headers=headers, content=body, timeout=10, trust_env=False
    )
    assert response.status_code == expected_error_status(apis[provider], operation_id), response.text
    assert violation in response.headers.get("sl-violations", ""), response.headers


def test_prism_refuses_a_request_without_credentials(prism: dict[str, PrismServer]) -> None:
    response = httpx.get(f"{prism['topaz'].url}/download/{PROCESS_ID}", timeout=10, trust_env=False)
    assert response.status_code == 401
    assert "sl-violations" in response.headers
