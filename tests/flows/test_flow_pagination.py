"""Every kind of ``x-pagination`` on generated clients of both styles, against a loopback server.

``tests/data/pagination/openapi.yaml`` declares one list per kind: page, offset, a cursor
from the last item's id while ``has_more`` (Stripe's ``starting_after``), a ``next_token``
sent back, a next URL in the body (``links.next``) and the ``Link`` header (GitHub's
style, relative URLs). Each case runs on the sync and async Python clients in process and
on the TypeScript client (compiled with ``tsc --strict``) in a child process.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from flow_support import CLIENT_TIMEOUT, FlowServer, Reply, Seen, drive, json_reply

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "tests" / "data" / "pagination" / "openapi.yaml"
DRIVER = Path(__file__).resolve().parent / "drivers" / "paging_driver.mjs"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
RUNS = ("sync", "async", "typescript")
PHOTOS = ["p1", "p2", "p3", "p4", "p5"]
ALBUM = "/albums/a1/photos"


@dataclass(frozen=True)
class Clients:
    python: ModuleType
    typescript_index: Path | None


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Clients:
    root = tmp_path_factory.mktemp("paging")
    for style in ("python", "typescript"):
        command = [sys.executable, "-m", "generator", "generate", "--spec", str(SPEC), "--name", "paging_gallery"]
        done = subprocess.run(
            [*command, "--out", str(root / style), "--style", style],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    sys.path.insert(0, str(root / "python"))
    import paging_gallery

    index = None
    if shutil.which("node") and TSC.exists():
        out = root / "ts-build"
        types = str(ROOT / "node_modules" / "@types")
        tsc = [
            str(TSC),
            "-p",
            str(root / "typescript"),
            "--outDir",
            str(out),
            "--typeRoots",
            types,
            "--pretty",
            "false",
        ]
        compiled = subprocess.run(tsc, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert compiled.returncode == 0, compiled.stdout + compiled.stderr
        (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
        index = out / "src" / "index.js"
    return Clients(paging_gallery, index)


def walk(clients: Clients, run: str, api: FlowServer, python: Callable[[Any], Any], ts: tuple[str, list[Any]]) -> Any:
    """The ids the pager yields, or the error it raised as ``"ClassName: message"``."""
    if run == "typescript":
        if clients.typescript_index is None:
            pytest.skip("node or TypeScript is not installed")
        command = json.dumps({"method": ts[0], "args": ts[1]})
        done = subprocess.run(
            ["node", str(DRIVER), str(clients.typescript_index), api.url, command],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return report["ids"] if report["ok"] else report["error"]
    module = clients.python
    cls = module.PagingGallery if run == "sync" else module.AsyncPagingGallery
    client = cls(api_key="gallery-key", base_url=api.url, timeout=CLIENT_TIMEOUT)

    if run == "sync":  # collected here, so that an error of the iteration is caught here
        with client:
            try:
                return [item.id_ for item in python(client)]
            except module.PaginationError as error:
                return f"PaginationError: {error}"

    def action(c: Any) -> Any:
        try:
            items = yield python(c)
        except module.PaginationError as error:
            return f"PaginationError: {error}"
        return [item.id_ for item in items]

    return drive(run, client, action)


def photos(ids: list[str]) -> list[dict[str, str]]:
    return [{"id": i, "title": f"photo {i}"} for i in ids]


def assert_credentials(requests: list[Seen]) -> None:
    assert requests and all(r.headers.get("x-api-key") == "gallery-key" for r in requests)


@pytest.mark.parametrize("run", RUNS)
def test_link_header_with_relative_next_and_quoted_parameters(clients: Clients, run: str, api: FlowServer) -> None:
    def answer(seen: Seen) -> Reply:
        page = int(seen.query.get("page", ["1"])[0])
        links = {
            # a comma and a semicolon inside a quoted title, a "prev" link first, a relative target
            1: '<https://elsewhere.example/albums/a1/photos>; rel="prev"; title="back, or; not", '
            '</albums/a1/photos?per_page=2&page=2>; rel="next"',
            # several relation types in one rel, an absolute target, a Link header of its own
            2: f'<{api.url}/albums/a1/photos?per_page=2&page=3>; rel="last next"',
        }
        headers = {"Link": links[page]} if page in links else {}
        return json_reply(photos(PHOTOS[(page - 1) * 2 : page * 2]), headers=headers)

    api.route("GET", ALBUM, answer)
    ids = walk(
        clients,
        run,
        api,
        lambda c: c.photos.iter_list_by_link_header("a1", per_page=2),
        ("iterListByLinkHeader", ["a1", {"perPage": 2}]),
    )
    assert ids == PHOTOS
    requests = api.seen(ALBUM)
    assert [r.query for r in requests] == [
        {"per_page": ["2"]},
        {"per_page": ["2"], "page": ["2"]},
        {"per_page": ["2"], "page": ["3"]},
    ]
    assert_credentials(requests)


@pytest.mark.parametrize("run", RUNS)
def test_cursor_from_the_last_item_while_has_more(clients: Clients, run: str, api: FlowServer) -> None:
    def answer(seen: Seen) -> Reply:
        after = seen.query.get("starting_after", [None])[0]
        start = PHOTOS.index(after) + 1 if after else 0
        page = PHOTOS[start : start + 2]
        return json_reply({"data": photos(page), "has_more": start + 2 < len(PHOTOS)})

    api.route("GET", "/stripe", answer)
    ids = walk(clients, run, api, lambda c: c.photos.iter_list_after(limit=2), ("iterListAfter", [{"limit": 2}]))
    assert ids == PHOTOS
    requests = api.seen("/stripe")
    assert [r.query.get("starting_after") for r in requests] == [None, ["p2"], ["p4"]]
    assert all(r.query["limit"] == ["2"] for r in requests)
    assert_credentials(requests)


@pytest.mark.parametrize("run", RUNS)
def test_next_token_sent_back_until_it_is_null(clients: Clients, run: str, api: FlowServer) -> None:
    tokens = {None: ("t1", PHOTOS[:3]), "t1": ("t2", []), "t2": (None, PHOTOS[3:])}

    def answer(seen: Seen) -> Reply:
        following, page = tokens[seen.query.get("next_token", [None])[0]]
        return json_reply({"photos": photos(page), "next_token": following})

    api.route("GET", "/tokens", answer)
    ids = walk(clients, run, api, lambda c: c.photos.iter_list_by_token(), ("iterListByToken", []))
    assert ids == PHOTOS  # an empty page with a next token does not end the list
    assert [r.query.get("next_token") for r in api.seen("/tokens")] == [None, ["t1"], ["t2"]]


@pytest.mark.parametrize("run", RUNS)
def test_next_url_in_the_body(clients: Clients, run: str, api: FlowServer) -> None:
    def answer(seen: Seen) -> Reply:
        cursor = int(seen.query.get("cursor", ["0"])[0])
        following = {0: "?cursor=2&size=2", 2: f"{api.url}/linked?cursor=4&size=2"}.get(cursor)
        return json_reply({"results": photos(PHOTOS[cursor : cursor + 2]), "links": {"next": following}})

    api.route("GET", "/linked", answer)
    ids = walk(
        clients, run, api, lambda c: c.photos.iter_list_by_next_url(size=2), ("iterListByNextUrl", [{"size": 2}])
    )
    assert ids == PHOTOS
    requests = api.seen("/linked")
    assert [r.query for r in requests] == [
        {"size": ["2"]},
        {"cursor": ["2"], "size": ["2"]},
        {"cursor": ["4"], "size": ["2"]},
    ]
    assert_credentials(requests)


@pytest.mark.parametrize("run", RUNS)
def test_a_server_that_repeats_its_cursor_is_stopped(clients: Clients, run: str, api: FlowServer) -> None:
    api.route("GET", "/tokens", json_reply({"photos": photos(["p1"]), "next_token": "again"}))
    error = walk(clients, run, api, lambda c: c.photos.iter_list_by_token(), ("iterListByToken", []))
    assert error.startswith("PaginationError: the server named the same next page twice ('again'") or error.startswith(
        'PaginationError: the server named the same next page twice ("again")'
    )
    assert len(api.seen("/tokens")) == 2  # the first page, and the page its cursor names, which names it again


@pytest.mark.parametrize("run", RUNS)
def test_a_next_url_on_another_host_is_refused(clients: Clients, run: str, api: FlowServer, files: FlowServer) -> None:
    api.route("GET", "/linked", json_reply({"results": photos(["p1"]), "links": {"next": f"{files.url}/steal"}}))
    api.route("GET", ALBUM, json_reply(photos(["p1"]), headers={"Link": f'<{files.url}/steal>; rel="next"'}))
    body = walk(clients, run, api, lambda c: c.photos.iter_list_by_next_url(), ("iterListByNextUrl", []))
    header = walk(
        clients, run, api, lambda c: c.photos.iter_list_by_link_header("a1"), ("iterListByLinkHeader", ["a1"])
    )
    for error in (body, header):
        assert error.startswith("PaginationError: the next page's link"), error
        assert "is not on the API's host" in error and "refused" in error
    assert files.seen("/steal") == []


def test_pages_gives_the_pages(clients: Clients, api: FlowServer) -> None:
    def answer(seen: Seen) -> Reply:
        page = int(seen.query.get("page", ["1"])[0])
        headers = {"Link": f"</albums/a1/photos?page={page + 1}>; rel=next"} if page < 3 else {}
        return json_reply(photos(PHOTOS[(page - 1) * 2 : page * 2]), headers=headers)

    api.route("GET", ALBUM, answer)
    with clients.python.PagingGallery(api_key="gallery-key", base_url=api.url, timeout=CLIENT_TIMEOUT) as client:
        pages = [[p.id_ for p in page] for page in client.photos.iter_list_by_link_header("a1").pages()]
    assert pages == [["p1", "p2"], ["p3", "p4"], ["p5"]]


def test_link_header_parsing() -> None:
    next_link = __import__("paging_gallery")._runtime.next_link
    assert next_link(['<a>; rel="prev", <b>; rel="next"']) == "b"
    assert next_link(['<a>; title="x, <c>; rel=next"; rel=prev', "<d>; REL=Next"]) == "d"
    assert next_link(['<a>; rel="nextish"']) is None
    assert next_link(["garbage", "<>; rel=next"]) == ""
