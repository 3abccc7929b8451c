"""The OpenAPI 3 loader's lists and maps of objects: servers, tags, response headers and links."""

from __future__ import annotations

from typing import Any

from generator.diagnostics import Diagnostics
from generator.ir import Api


def _spec(**top: Any) -> dict[str, Any]:
    headers = {"X-Rate": {"$ref": "#/components/headers/Rate"}, "X-Odd": "not an object"}
    links = {"again": {"operationId": "getThing"}, "nowhere": {"$ref": "#/components/links/Missing"}}
    response = {"description": "ok", "headers": headers, "links": links}
    paths = {"/thing": {"get": {"operationId": "getThing", "responses": {"200": response}}}}
    components = {"headers": {"Rate": {"schema": {"type": "integer"}, "required": True}}}
    return {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": paths, "components": components, **top}


def _loaded(load_spec: Any, spec: dict[str, Any]) -> tuple[Api, Diagnostics]:
    api, diagnostics = load_spec(spec, validation="off")
    assert api is not None, [d.format() for d in diagnostics]
    return api, diagnostics


def test_a_server_without_a_url_and_a_tag_without_a_name_are_skipped_with_w005(load_spec: Any) -> None:
    spec = _spec(
        servers=[{"description": "no url"}, {"url": "https://api.example.com"}],
        tags=[{"description": "no name"}, {"name": "things"}],
    )
    api, diagnostics = _loaded(load_spec, spec)
    assert [s.url for s in api.servers] == ["https://api.example.com"]
    assert [t.name for t in api.tags] == ["things"]
    found = [(d.code, d.message) for d in diagnostics if d.code == "W005"]
    assert found == [("W005", "server without a url skipped"), ("W005", "tag without a name skipped")]


def test_headers_and_links_are_read_past_their_ref_and_what_is_no_object_is_left_out(load_spec: Any) -> None:
    api, _ = _loaded(load_spec, _spec())
    response = api.operations[0].responses[0]
    assert [(h.name, h.required) for h in response.headers] == [("X-Rate", True)]
    assert [link.name for link in response.links] == ["again"]
