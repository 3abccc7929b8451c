"""Pagination: every item across pages, stopping at the right page, lazily; sync and async."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import imgrt_runtime as rt

DOWNLOADS = [f"download-{n}" for n in range(7)]


def _pages(
    total: int | None = None, size: int = 3, *, report_size: bool = True
) -> tuple[Callable[[int], rt.Page[str]], list[int]]:
    requested: list[int] = []

    def fetch(page: int) -> rt.Page[str]:
        requested.append(page)
        items = DOWNLOADS[(page - 1) * size : page * size]
        return rt.Page(items, total=total, page_size=size if report_size else None)

    return fetch, requested


def test_three_pages_with_a_known_total() -> None:
    fetch, requested = _pages(total=7)

    assert list(rt.iterate_pages(fetch)) == DOWNLOADS
    assert requested == [1, 2, 3]


def test_stops_at_the_total_even_when_the_last_page_is_full() -> None:
    fetch, requested = _pages(total=6)

    assert list(rt.iterate_pages(fetch)) == DOWNLOADS[:6]
    assert requested == [1, 2]


def test_stops_after_a_short_page_without_a_total() -> None:
    fetch, requested = _pages()

    assert list(rt.iterate_pages(fetch)) == DOWNLOADS
    assert requested == [1, 2, 3]


def test_stops_at_an_empty_page_when_nothing_else_tells() -> None:
    fetch, requested = _pages(size=7, report_size=False)

    assert list(rt.iterate_pages(fetch)) == DOWNLOADS
    assert requested == [1, 2]


def test_max_pages_bounds_a_server_that_never_ends() -> None:
    requested: list[int] = []

    def endless(page: int) -> rt.Page[int]:
        requested.append(page)
        return rt.Page([page], page_size=1)

    assert list(rt.iterate_pages(endless, max_pages=5)) == [1, 2, 3, 4, 5]
    assert requested == [1, 2, 3, 4, 5]


def test_first_page_and_offset_steps() -> None:
    offsets: list[int] = []

    def fetch(offset: int) -> rt.Page[str]:
        offsets.append(offset)
        return rt.Page(DOWNLOADS[offset : offset + 2], total=len(DOWNLOADS))

    assert list(rt.iterate_pages(fetch, first_page=0, step="offset")) == DOWNLOADS
    assert offsets == [0, 2, 4, 6]


def test_pages_are_fetched_only_when_needed() -> None:
    fetch, requested = _pages(total=7)
    items = rt.iterate_pages(fetch)

    assert requested == []
    assert [next(items) for _ in range(3)] == DOWNLOADS[:3]
    assert requested == [1]


def test_async_three_pages() -> None:
    fetch, requested = _pages(total=7)

    def async_fetch(page: int) -> Awaitable[rt.Page[str]]:
        async def fetched() -> rt.Page[str]:
            return fetch(page)

        return fetched()

    async def collect() -> list[str]:
        return [item async for item in rt.async_iterate_pages(async_fetch)]

    assert asyncio.run(collect()) == DOWNLOADS
    assert requested == [1, 2, 3]
