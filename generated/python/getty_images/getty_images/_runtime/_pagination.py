# Copied by generator 0.1.0 from templates/python/runtime/_pagination.py. Do not edit.
"""Iterating over every item of a paginated list, one page request at a time.

The generated method fetches one page given its number (or offset); these
iterators ask for the next page only when the previous page's items are used
up, and stop at an empty page, once ``total`` items were seen, or after a page
shorter than the requested ``page_size``. ``max_pages`` bounds a server that
never signals the end; it may be raised by the caller.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

MAX_PAGES = 1000


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page: its items, the total item count if the API reports it, and the page size that was asked for."""

    items: Sequence[T]
    total: int | None = None
    page_size: int | None = None


def iterate_pages(
    fetch_page: Callable[[int], Page[T]],
    *,
    first_page: int = 1,
    step: Literal["page", "offset"] = "page",
    max_pages: int = MAX_PAGES,
) -> Iterator[T]:
    """Every item of every page; ``fetch_page`` gets a page number, or an item offset when ``step="offset"``."""
    cursor = _Cursor(first_page, step, max_pages)
    while cursor.more:
        page = fetch_page(cursor.position)
        cursor.advance(page)
        yield from page.items


async def async_iterate_pages(
    fetch_page: Callable[[int], Awaitable[Page[T]]],
    *,
    first_page: int = 1,
    step: Literal["page", "offset"] = "page",
    max_pages: int = MAX_PAGES,
) -> AsyncIterator[T]:
    """The async twin of ``iterate_pages``."""
    cursor = _Cursor(first_page, step, max_pages)
    while cursor.more:
        page = await fetch_page(cursor.position)
        cursor.advance(page)
        for item in page.items:
            yield item


class _Cursor:
    """Where the next page starts, and whether there is one."""

    def __init__(self, first_page: int, step: Literal["page", "offset"], max_pages: int) -> None:
        self.position = first_page
        self.more = max_pages > 0
        self._step = step
        self._max_pages = max_pages
        self._pages = 0
        self._seen = 0

    def advance(self, page: Page[T]) -> None:
        count = len(page.items)
        self._pages += 1
        self._seen += count
        self.position += count if self._step == "offset" else 1
        self.more = not (
            count == 0
            or (page.total is not None and self._seen >= page.total)
            or (page.page_size is not None and count < page.page_size)
            or self._pages >= self._max_pages
        )
