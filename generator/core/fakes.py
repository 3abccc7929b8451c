"""What a package's test doubles answer each operation with: the spec's success example, as JSON.

Every style ships a testing module whose fake API answers every operation without a
server; the answers are planned here once, by the spec's names, and each style only
spells the table (``FakePlan.as_json`` is the one line per operation it embeds).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from typing import Any

from ..immutable import immutable
from ..ir import Operation, Pagination, Response
from ..value_limits import ValueTooLargeError
from .operations import ResponseKind, json_content, response_kind, split_path, success_response
from .schemas import SchemaIndex
from .test_exchange import unsendable
from .test_values import example, plain

EXAMPLE_FILE = b"example file content"
"""The body of a streamed download the fake answers when the spec gives none."""
_PARAMETER = re.compile(r"\{[^}]*\}")
"""A parameter of a path template: any name matches the same paths."""


@immutable
class FakePlan:
    """One operation's entry in the fake API's table."""

    name: str
    """The style's name for the operation (``images.get_downloads``), which users script it by."""
    method: str
    path: str
    """The path template (``/v3/downloads/{id}``), without a literal query."""
    status: int
    body: Any
    """The example JSON body; None with ``media_type`` None: no body."""
    media_type: str | None
    binary: bool
    """A streamed download: the body is file content, not JSON."""
    paging: dict[str, Any] | None = None
    """page/offset: the position parameter, its first value and the items' path; past the first page
    the fake answers no items, so a pager over the example ends (cursors and next URLs are left out of it)."""

    def as_json(self, body_of: int | None = None) -> str:
        """The entry as one line of JSON (ASCII only, keys sorted): what the styles' tables hold.

        ``body_of``: the index of an earlier entry of the table holding the same body, named instead of it.
        """
        entry = {
            "name": self.name,
            "method": self.method.upper(),
            "path": self.path,
            "status": self.status,
            "body": self.body,
            "media_type": self.media_type,
            "binary": self.binary,
        }
        if body_of is not None:
            del entry["body"]
            entry["body_of"] = body_of
        if self.paging is not None:
            entry["paging"] = self.paging
        return _json(entry)


def fake_plans(index: SchemaIndex, operations: Iterable[tuple[Operation, str]]) -> list[FakePlan]:
    """The table's entries, one per (operation, the style's name for it), in the order given.

    Operations answering the same model share one body (``example`` makes one value per schema): it is made
    plain and checked once, and no one may change it.
    """
    bodies: dict[int, Any] = {}
    return [_plan(index, op, name, bodies) for op, name in operations]


def fake_table(index: SchemaIndex, operations: Iterable[tuple[Operation, str]]) -> list[str]:
    """The lines of the table every style's test doubles embed, one per (operation, the style's name for it).

    A body an earlier entry holds too (a big API answers the same model from its get, create, update and
    replace) is written there only: the later entry names that entry (``"body_of"``), as each runtime's
    ``fake_operations`` reads it. GitHub's table is about 1.2 MB instead of 2.5 MB.
    """
    lines: list[str] = []
    first: dict[str, int] = {}
    texts: dict[int, str] = {}
    """The JSON of each body, by its id: the plans share the bodies of their operations' common models."""
    for at, plan in enumerate(fake_plans(index, operations)):
        held = None
        if plan.body is not None:
            text = texts.get(id(plan.body))
            if text is None:
                text = texts[id(plan.body)] = _json(plan.body)
            held = first.setdefault(text, at)
        lines.append(plan.as_json(body_of=None if held in (None, at) else held))
    return lines


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"), allow_nan=False)


def answered_as(operations: Iterable[tuple[Operation, str]]) -> dict[str, str]:
    """(operation, the style's name for it) -> the name of the operation the fake answers its requests as.

    The fake routes a request to the first operation of its method whose path template matches; two
    operations whose templates differ only in their parameters' names (or in a fragment, which is cut)
    are one route, answered as the first of them: the second's own script is never used.
    """
    first: dict[tuple[str, str], str] = {}
    found: dict[str, str] = {}
    for op, name in operations:
        route = (op.method.upper(), _PARAMETER.sub("{}", split_path(op)[0]))
        found[name] = first.setdefault(route, name)
    return found


def drivable(index: SchemaIndex, operations: Iterable[tuple[Operation, str]]) -> set[str]:
    """The names of the operations whose helpers a test can drive on the fake: the fake answers their requests as
    themselves (``answered_as``: azure's datalake paths that differ only in a fragment are one route) and every
    required argument has a value the client sends (``test_exchange.unsendable``)."""
    listed = list(operations)
    routed = answered_as(listed)
    return {name for op, name in listed if routed[name] == name and unsendable(index, op) is None}


def _plan(index: SchemaIndex, op: Operation, name: str, bodies: dict[int, Any]) -> FakePlan:
    """``bodies``: the plain body made so far of each example, by the example's id (``example`` keeps it alive)."""
    response = success_response(op)
    status = _status(response)
    path, _ = split_path(op)
    kind = response_kind(op)
    if response is None or kind is ResponseKind.VOID or status == 204:
        return FakePlan(name, op.method, path, status, None, None, False)
    if kind is ResponseKind.STREAM:
        media = response.contents[0].media_type if response.contents else "application/octet-stream"
        return FakePlan(name, op.method, path, status, None, media, True)
    content = json_content(response.contents)
    body: Any = None
    if content is not None and content.schema is not None:
        try:
            made = example(index, content.schema, reading=True)
        except (ValueTooLargeError, RecursionError):
            made = None
        if made is not None and id(made) in bodies:
            body = bodies[id(made)]
        else:
            body = plain(made)
            if not _portable(body):
                body = None
            if made is not None:
                bodies[id(made)] = body
    media = content.media_type if content is not None else response.contents[0].media_type
    page = next((b for b in op.behaviours if isinstance(b, Pagination)), None)
    paging = None
    if page is not None and isinstance(body, dict):
        body, paging = _last_page(page, copy.deepcopy(body))
    return FakePlan(name, op.method, path, status, body, media, False, paging)


def _last_page(page: Pagination, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The example as a list's last page: no next cursor or URL, ``has_more`` false; page/offset: how to end."""
    for dotted in (page.next_cursor, page.next_url):
        if dotted:
            *parents, last = dotted.split(".")
            holder: Any = body
            for key in parents:
                holder = holder.get(key) if isinstance(holder, dict) else None
            if isinstance(holder, dict):
                holder.pop(last, None)
    if page.has_more and page.has_more in body:
        body[page.has_more] = False
    if page.style in ("page", "offset") and page.page_parameter and page.items_field:
        return body, {"parameter": page.page_parameter, "first": page.first_page, "items": page.items_field}
    return body, None


def _status(response: Response | None) -> int:
    if response is None or not response.status.isdigit():
        return 200
    return int(response.status)


def _portable(value: Any) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True
