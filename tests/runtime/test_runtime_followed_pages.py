"""Pages named by the answer before them (cursor, next URL): the items of every page come before any refusal.

Each case scripts the raw JSON bodies of the pages; a fake fetch answers them in turn,
hands the response to the pager (``on_response``) and records the cursor or next URL
it was asked with.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence

import httpx
import imgrt_runtime as rt
import pytest

CURSOR = rt.Follow("cursor", items=("items",), next_cursor=("next",))
NEXT_URL = rt.Follow("next-url", items=("items",), next_url=("next",))


class Script:
    """Answers the scripted bodies in turn; ``asked`` records (cursor, next URL) of each fetch."""

    def __init__(self, bodies: Sequence[str]) -> None:
        self.bodies = list(bodies)
        self.asked: list[tuple[str | None, str | None]] = []

    def fetch(self, cursor: str | None, options: rt.RequestOptions) -> list[str]:
        self.asked.append((cursor, options.next_url))
        body = self.bodies[len(self.asked) - 1]
        url = options.next_url or "https://api.example/things"
        response = httpx.Response(200, content=body.encode(), request=httpx.Request("GET", url))
        assert options.on_response is not None
        options.on_response(response)
        items: list[str] = json.loads(body)["items"]
        return items

    async def async_fetch(self, cursor: str | None, options: rt.RequestOptions) -> list[str]:
        return self.fetch(cursor, options)


def walk(mode: str, script: Script, follow: rt.Follow) -> tuple[list[str], Exception | None]:
    """The items the pager gave, and the error that ended it (None when it ended by itself)."""
    seen: list[str] = []
    if mode == "sync":
        try:
            for item in rt.iterate_followed(script.fetch, follow):
                seen.append(item)
        except rt.PaginationError as error:
            return seen, error
        return seen, None

    async def run() -> Exception | None:
        try:
            async for item in rt.async_iterate_followed(script.async_fetch, follow):
                seen.append(item)
        except rt.PaginationError as error:
            return error
        return None

    return seen, asyncio.run(run())


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_repeated_cursor_is_refused_after_the_items_of_the_page_naming_it(mode: str) -> None:
    script = Script(['{"items": ["a", "b"], "next": "c1"}', '{"items": ["c", "d"], "next": "c1"}'])
    items, error = walk(mode, script, CURSOR)
    assert items == ["a", "b", "c", "d"]
    assert isinstance(error, rt.PaginationError) and "same next page twice" in str(error)
    assert [cursor for cursor, _ in script.asked] == [None, "c1"]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_repeated_next_url_is_refused_after_the_items_of_the_page_naming_it(mode: str) -> None:
    script = Script(['{"items": ["a"], "next": "/things?page=2"}', '{"items": ["b"], "next": "/things?page=2"}'])
    items, error = walk(mode, script, NEXT_URL)
    assert items == ["a", "b"]
    assert isinstance(error, rt.PaginationError) and "same next page twice" in str(error)
    assert [url for _, url in script.asked] == [None, "https://api.example/things?page=2"]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("number", ["1700000000.5", "1E5", "42", "-7", "2.50"])
def test_a_numeric_cursor_is_sent_back_as_the_body_wrote_it(mode: str, number: str) -> None:
    script = Script([f'{{"items": ["a"], "next": {number}}}', '{"items": ["b"], "next": null}'])
    items, error = walk(mode, script, CURSOR)
    assert (items, error) == (["a", "b"], None)
    assert [cursor for cursor, _ in script.asked] == [None, number]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_cursor_that_is_not_a_finite_number_is_refused_after_the_page_items(mode: str, number: str) -> None:
    script = Script([f'{{"items": ["a"], "next": {number}}}', '{"items": ["b"], "next": null}'])
    items, error = walk(mode, script, CURSOR)
    assert items == ["a"]
    assert isinstance(error, rt.PaginationError) and "not finite" in str(error)
    assert len(script.asked) == 1


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_boolean_or_empty_cursor_ends_the_list(mode: str) -> None:
    for last in ("true", '""', "{}"):
        script = Script([f'{{"items": ["a"], "next": {last}}}'])
        assert walk(mode, script, CURSOR) == (["a"], None)
