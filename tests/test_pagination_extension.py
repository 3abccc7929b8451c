"""``x-pagination`` of every kind: read into the IR, written back by ``export``, and refused with one located line.

A malformed extension exits 2 with ``file#/pointer:line: error[E070]: ...`` per finding,
never a traceback; a well-formed one of each kind becomes a pager plan in the core.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.core.operations import helper_plans
from generator.export import export_api
from generator.ir import Pagination, RefSchema, Schema

SPEC = Path(__file__).resolve().parent / "data" / "pagination" / "openapi.yaml"
LINE = re.compile(r"^(?P<file>[^#\n]+)#(?P<pointer>/[^:\n]*):(?P<line>\d+): error\[E070\]: (?P<message>.+)$", re.M)


def spec_with(extension: Any, *, query: tuple[str, ...] = ("cursor",), body: dict[str, Any] | None = None) -> Any:
    properties = body or {"items": {"type": "array", "items": {"type": "string"}}, "next": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/list": {
                "get": {
                    "operationId": "list",
                    "parameters": [{"name": q, "in": "query", "schema": {"type": "string"}} for q in query],
                    "x-pagination": extension,
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"type": "object", "properties": properties}}},
                        }
                    },
                }
            }
        },
    }


MALFORMED = {
    "not an object": ("cursor", "/paths/~1list/get/x-pagination", "must be an object"),
    "unknown style": ({"style": "scroll"}, "/paths/~1list/get/x-pagination/style", "'style' must be one of"),
    "no style": ({"items": "items"}, "/paths/~1list/get/x-pagination", "'style' must be one of"),
    "cursor without its parameter": (
        {"style": "cursor", "next-cursor": "next"},
        "/paths/~1list/get/x-pagination",
        "missing required key 'cursor-parameter'",
    ),
    "cursor from two places": (
        {"style": "cursor", "cursor-parameter": "cursor", "next-cursor": "next", "last-item-cursor": "id"},
        "/paths/~1list/get/x-pagination",
        "exactly one of 'next-cursor' and 'last-item-cursor'",
    ),
    "cursor from nowhere": (
        {"style": "cursor", "cursor-parameter": "cursor"},
        "/paths/~1list/get/x-pagination",
        "exactly one of 'next-cursor' and 'last-item-cursor'",
    ),
    "next url not a string": (
        {"style": "next-url", "next-url": 5},
        "/paths/~1list/get/x-pagination/next-url",
        "'next-url' must be a non-empty string",
    ),
    "a page key on a link": (
        {"style": "link", "page-parameter": "page"},
        "/paths/~1list/get/x-pagination/page-parameter",
        "unknown key 'page-parameter'",
    ),
    "a cursor parameter the operation lacks": (
        {"style": "cursor", "cursor-parameter": "after", "next-cursor": "next"},
        "/paths/~1list/get/x-pagination",
        "names query parameter 'after', which list does not have",
    ),
    "a next url the body lacks": (
        {"style": "next-url", "next-url": "links.next", "items": "items"},
        "/paths/~1list/get/x-pagination",
        "the response body has no property 'links'",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_extension_is_one_located_line(case: str, cli: Any, tmp_path: Path) -> None:
    extension, pointer, message = MALFORMED[case]
    path = tmp_path / "api.yaml"
    path.write_text(yaml.safe_dump(spec_with(extension), sort_keys=False))
    result = cli("generate", "--spec", str(path), "--name", "paged", "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    found = [m.groupdict() for m in LINE.finditer(result.stderr)]
    assert [(f["pointer"], message in f["message"]) for f in found] == [(pointer, True)], result.stderr
    assert found[0]["file"].endswith("api.yaml") and int(found[0]["line"]) > 1
    assert not (tmp_path / "out").exists()


def _item_name(schema: Schema | None) -> str | None:
    return schema.name if isinstance(schema, RefSchema) else None


def test_every_kind_is_read_planned_and_exported(load_spec: Any) -> None:
    loaded = load_spec(yaml.safe_load(SPEC.read_text()))
    api = loaded[0] if isinstance(loaded, tuple) else loaded
    pages = {op.operation_id: next(b for b in op.behaviours if isinstance(b, Pagination)) for op in api.operations}
    assert {oid: p.style for oid, p in pages.items()} == {
        "listByPage": "page",
        "listByOffset": "offset",
        "listAfter": "cursor",
        "listByToken": "cursor",
        "listByNextUrl": "next-url",
        "listByLinkHeader": "link",
    }
    stripe = pages["listAfter"]
    assert (stripe.cursor_parameter, stripe.last_item_cursor, stripe.has_more, stripe.next_cursor) == (
        "starting_after",
        "id",
        "has_more",
        None,
    )
    assert pages["listByLinkHeader"].items_field is None and pages["listByNextUrl"].next_url == "links.next"

    by_id = {op.operation_id: op for op in api.operations}
    resolve = {s.name: s.schema for s in api.schemas}

    def resolved(schema: Schema) -> Schema:
        return resolve[schema.name] if isinstance(schema, RefSchema) else schema

    plans = {oid: helper_plans(resolved, op, by_id.get) for oid, op in by_id.items()}
    follows = {oid: p[0].follow for oid, p in plans.items() if p and p[0].follow is not None}
    assert set(follows) == {"listAfter", "listByToken", "listByNextUrl", "listByLinkHeader"}
    assert follows["listByNextUrl"] is not None and follows["listByNextUrl"].next_url == ("links", "next")
    assert all(_item_name(f.item) == "Photo" for f in follows.values() if f is not None)
    # What each style's runtime is told to read, by the names every runtime gives them (each in its own casing).
    assert {oid: f.paths for oid, f in follows.items() if f is not None} == {
        "listAfter": (("items", ("data",)), ("has_more", ("has_more",))),
        "listByToken": (("items", ("photos",)), ("next_cursor", ("next_token",))),
        "listByNextUrl": (("items", ("results",)), ("next_url", ("links", "next"))),
        "listByLinkHeader": (),
    }

    exported = export_api(api)["paths"]
    assert exported["/stripe"]["get"]["x-pagination"] == {
        "style": "cursor",
        "size-parameter": "limit",
        "items": "data",
        "cursor-parameter": "starting_after",
        "last-item-cursor": "id",
        "has-more": "has_more",
    }
    assert exported["/albums/{album}/photos"]["get"]["x-pagination"] == {"style": "link", "size-parameter": "per_page"}
