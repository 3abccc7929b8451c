"""Getty: the download history over several pages, and a 303 redirect to the file on a second host."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flow_support import CLIENT_TIMEOUT, MODES, FlowServer, Reply, Seen, drive, generated, json_reply
from go_flow_support import run_case

getty = generated("getty_images")

HISTORY = "/v3/downloads"
DOWNLOAD = "/v3/downloads/images/12345"
PAGES = {1: ["a", "b"], 2: ["c", "d"], 3: ["e"]}
JPEG = b"\xff\xd8\xff\xe0" + b"getty" * 4000 + b"\xff\xd9"


def client(mode: str, api: FlowServer) -> Any:
    cls = getty.GettyImages if mode == "sync" else getty.AsyncGettyImages
    return cls(api_key="getty-key", access_token="getty-token", base_url=api.url, timeout=CLIENT_TIMEOUT)


def history_page(seen: Seen) -> Reply:
    page = int(seen.query["page"][0])
    downloads = [{"id": asset, "asset_type": "image", "product_id": 7} for asset in PAGES.get(page, [])]
    return json_reply({"result_count": sum(len(p) for p in PAGES.values()), "downloads": downloads})


def assert_api_credentials(seen: Seen) -> None:
    assert seen.headers["api-key"] == "getty-key"
    assert seen.headers["authorization"] == "Bearer getty-token"


@pytest.mark.parametrize("mode", MODES)
def test_iter_downloads_walks_three_pages(mode: str, api: FlowServer) -> None:
    api.route("GET", HISTORY, history_page)

    def action(c: Any) -> Any:
        return (yield c.images.iter_downloads(page_size=2, product_type="imagepack"))

    items = drive(mode, client(mode, api), action)
    assert [item.id_ for item in items] == ["a", "b", "c", "d", "e"]
    assert all(isinstance(item, getty.models.Download) for item in items)
    requests = api.seen(HISTORY)
    assert [r.query["page"] for r in requests] == [["1"], ["2"], ["3"]]
    assert all(r.query["page_size"] == ["2"] and r.query["product_type"] == ["imagepack"] for r in requests)
    for seen in requests:
        assert_api_credentials(seen)


@pytest.mark.parametrize("mode", MODES)
def test_redirect_download_fetches_the_location_without_credentials(
    mode: str, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    location = f"{files.url}/delivery/12345.jpg?token=signed"
    api.route("POST", DOWNLOAD, Reply(303, {"Location": location}))
    files.route("GET", "/delivery/12345.jpg", Reply(200, {"Content-Type": "image/jpeg"}, JPEG))
    target = tmp_path / "12345.jpg"

    def action(c: Any) -> Any:
        body = getty.models.Holder(download_notes="for the brochure", project_code="P-1")
        return (yield c.images.post_downloads_to_file("12345", file_type="jpg", body=body, path=target))

    assert drive(mode, client(mode, api), action) == target
    assert target.read_bytes() == JPEG
    [request] = api.seen(DOWNLOAD)
    assert request.query["auto_download"] == ["true"] and request.query["file_type"] == ["jpg"]
    assert request.json() == {"download_notes": "for the brochure", "project_code": "P-1"}
    assert_api_credentials(request)
    [fetch] = files.seen("/delivery/12345.jpg")
    assert fetch.query == {"token": ["signed"]}
    assert not {"api-key", "authorization", "cookie"} & fetch.headers.keys()


# --------------------------------------------------------------------------- the Go client


def test_go_iter_downloads_walks_three_pages(go_driver: Path, api: FlowServer) -> None:
    api.route("GET", HISTORY, history_page)
    run = run_case(go_driver, "getty-pages", api.url)
    assert (run.result, run.errors) == (["a", "b", "c", "d", "e"], []), run.message
    requests = api.seen(HISTORY)
    assert [r.query["page"] for r in requests] == [["1"], ["2"], ["3"]]
    assert all(r.query["page_size"] == ["2"] and r.query["product_type"] == ["imagepack"] for r in requests)
    for seen in requests:
        assert_api_credentials(seen)


def test_go_303_download_fetches_the_location_without_credentials(
    go_driver: Path, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    location = f"{files.url}/delivery/12345.jpg?token=signed"
    api.route("POST", DOWNLOAD, Reply(303, {"Location": location}))
    files.route("GET", "/delivery/12345.jpg", Reply(200, {"Content-Type": "image/jpeg"}, JPEG))
    target = tmp_path / "12345.jpg"
    run = run_case(go_driver, "getty-redirect", api.url, target)
    assert (run.result, run.errors) == (str(target), []), run.message
    assert target.read_bytes() == JPEG
    [request] = api.seen(DOWNLOAD)
    assert request.query["auto_download"] == ["true"] and request.query["file_type"] == ["jpg"]
    assert request.json() == {"download_notes": "for the brochure", "project_code": "P-1"}
    assert_api_credentials(request)
    [fetch] = files.seen("/delivery/12345.jpg")
    assert fetch.query == {"token": ["signed"]}
    assert not {"api-key", "authorization", "cookie"} & fetch.headers.keys()


def test_go_an_error_from_the_second_host_is_typed_and_leaves_no_file(
    go_driver: Path, api: FlowServer, files: FlowServer, tmp_path: Path
) -> None:
    location = f"{files.url}/delivery/12345.jpg"
    api.route("POST", DOWNLOAD, Reply(303, {"Location": location}))
    files.route("GET", "/delivery/12345.jpg", Reply(404, {"Content-Type": "application/json"}, b'{"message":"gone"}'))
    run = run_case(go_driver, "getty-redirect", api.url, tmp_path / "12345.jpg")
    assert "getty.APIError" in run.errors and "gone" in run.message
    assert "getty-key" not in run.message and "getty-token" not in run.message
    assert list(tmp_path.iterdir()) == []
