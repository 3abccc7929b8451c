# Copied by generator 0.1.0 from templates/python/runtime/_pagination.py. Do not edit.
"""Iterating over every item of a paginated list, one page request at a time.

Five kinds of pagination, each behind the same ``Pager``: an iterator over the
items whose ``pages()`` gives the pages themselves.

- ``page`` and ``offset``: the generated method fetches one page given its number
  (or offset); the pager stops at an empty page, once ``total`` items were seen,
  or after a page shorter than the requested ``page_size``.
- ``cursor``: each answer names the next page's cursor (a ``next_token`` field, or
  the last item's id while ``has_more`` is true), sent back as a query parameter.
- ``next-url``: each answer holds the next page's URL in its body (``next``,
  ``links.next``).
- ``link``: the ``Link`` header (RFC 8288) names the next page (``rel="next"``).

A next URL may be relative: it is resolved against the URL of the request it
answers. It is sent with the API's credentials, so one on another host (or
scheme, or port) is refused with ``PaginationError`` before anything is sent.
``max_pages`` bounds a server that never signals the end; a server that sends
the same cursor (or next URL) twice would loop, and is stopped with
``PaginationError`` once the items of the page naming it were given. A cursor
is a non-empty string or a number, sent as the text the body wrote it with
(``1700000000.5``, ``1E5``); a number that is not finite (``NaN``, ``1e999``)
is refused with ``PaginationError``.
"""

from __future__ import annotations

import json
import math
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, Literal, TypeVar

import httpx

from ._config import RequestOptions
from ._errors import APIError

T = TypeVar("T")

MAX_PAGES = 1000

FollowKind = Literal["cursor", "next-url", "link"]


class PaginationError(APIError):
    """A pager refused the next page: the server repeated a cursor, or a next link left the API's host."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page: its items, the total item count if the API reports it, and the page size that was asked for."""

    items: Sequence[T]
    total: int | None = None
    page_size: int | None = None


class Pager(Iterator[T]):
    """Every item of every page, fetched as the iteration needs them; ``pages()`` gives the pages instead."""

    def __init__(self, pages: Iterator[Sequence[T]]) -> None:
        self._pages = pages
        self._items: Iterator[T] = iter(())

    def __iter__(self) -> Pager[T]:
        return self

    def __next__(self) -> T:
        while True:
            for item in self._items:
                return item
            self._items = iter(next(self._pages))

    def pages(self) -> Iterator[Sequence[T]]:
        """The remaining pages, each the list of its items."""
        return self._pages


class AsyncPager(AsyncIterator[T]):
    """The async twin of ``Pager``: ``async for`` over the items, ``pages()`` over the pages."""

    def __init__(self, pages: AsyncIterator[Sequence[T]]) -> None:
        self._pages = pages
        self._items: Iterator[T] = iter(())

    def __aiter__(self) -> AsyncPager[T]:
        return self

    async def __anext__(self) -> T:
        while True:
            for item in self._items:
                return item
            self._items = iter(await self._pages.__anext__())

    def pages(self) -> AsyncIterator[Sequence[T]]:
        """The remaining pages, each the list of its items."""
        return self._pages


def iterate_pages(
    fetch_page: Callable[[int], Page[T]],
    *,
    first_page: int = 1,
    step: Literal["page", "offset"] = "page",
    max_pages: int = MAX_PAGES,
) -> Pager[T]:
    """Every item of every page; ``fetch_page`` gets a page number, or an item offset when ``step="offset"``."""

    def pages() -> Iterator[Sequence[T]]:
        cursor = _Position(first_page, step, max_pages)
        while cursor.more:
            page = fetch_page(cursor.position)
            cursor.advance(page)
            yield page.items

    return Pager(pages())


def async_iterate_pages(
    fetch_page: Callable[[int], Awaitable[Page[T]]],
    *,
    first_page: int = 1,
    step: Literal["page", "offset"] = "page",
    max_pages: int = MAX_PAGES,
) -> AsyncPager[T]:
    """The async twin of ``iterate_pages``."""

    async def pages() -> AsyncIterator[Sequence[T]]:
        cursor = _Position(first_page, step, max_pages)
        while cursor.more:
            page = await fetch_page(cursor.position)
            cursor.advance(page)
            yield page.items

    return AsyncPager(pages())


class _Position:
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


@dataclass(frozen=True, slots=True)
class Follow:
    """How an answer names the next page (the spec's ``x-pagination``); paths are JSON property names."""

    kind: FollowKind
    items: tuple[str, ...] = ()
    """The property holding the items (empty: the body is the list)."""
    next_url: tuple[str, ...] = ()
    next_cursor: tuple[str, ...] = ()
    last_item: str | None = None
    """cursor: the item property whose value, on the last item, is the next cursor."""
    has_more: tuple[str, ...] = ()
    """A boolean property that is false on the last page."""


FetchFollowed = Callable[[str | None, RequestOptions], Sequence[T]]
"""Fetch one page: the cursor (None for the first page) and the request options to send it with."""


def iterate_followed(
    fetch: FetchFollowed[T], follow: Follow, options: RequestOptions | None = None, *, max_pages: int = MAX_PAGES
) -> Pager[T]:
    """Every item of every page, each page named by the answer before it (cursor, next URL, Link header)."""

    def pages() -> Iterator[Sequence[T]]:
        chain = _Chain(follow, options, max_pages)
        while chain.more:
            items = fetch(chain.cursor, chain.options())
            yield items  # before advancing: a page naming a repeated next page still gives its items
            chain.advance()

    return Pager(pages())


def async_iterate_followed(
    fetch: Callable[[str | None, RequestOptions], Awaitable[Sequence[T]]],
    follow: Follow,
    options: RequestOptions | None = None,
    *,
    max_pages: int = MAX_PAGES,
) -> AsyncPager[T]:
    """The async twin of ``iterate_followed``."""

    async def pages() -> AsyncIterator[Sequence[T]]:
        chain = _Chain(follow, options, max_pages)
        while chain.more:
            items = await fetch(chain.cursor, chain.options())
            yield items  # before advancing: a page naming a repeated next page still gives its items
            chain.advance()

    return AsyncPager(pages())


class _Chain:
    """The next page's cursor or URL, read from each answer as it comes; refuses a repeated one."""

    def __init__(self, follow: Follow, options: RequestOptions | None, max_pages: int) -> None:
        self._follow = follow
        self._base = options or RequestOptions()
        self._max_pages = max_pages
        self._pages = 0
        self._seen: set[str] = set()
        self._response: httpx.Response | None = None
        self.more = max_pages > 0
        self.cursor: str | None = None
        """The cursor for the fetch (cursor kind); None on the first page and for next URLs."""
        self._next_url: str | None = None

    def options(self) -> RequestOptions:
        self._response = None
        return replace(self._base, next_url=self._next_url, on_response=self._keep)

    def _keep(self, response: httpx.Response) -> None:
        self._response = response

    def advance(self) -> None:
        self._pages += 1
        following = self._next(self._response) if self._response is not None else None
        if following is not None and following in self._seen:
            raise PaginationError(f"the server named the same next page twice ({following!r}); stopped")
        self.more = following is not None and self._pages < self._max_pages
        if following is not None:
            self._seen.add(following)
        if self._follow.kind == "cursor":
            self.cursor = following
        else:
            self._next_url = following

    def _next(self, response: httpx.Response) -> str | None:
        follow = self._follow
        request_url = response.request.url
        if follow.kind == "link":
            target = next_link(response.headers.get_list("link"))
            return str(request_url.join(target)) if target else None
        body = _json(response)
        if follow.has_more and _path(body, follow.has_more) is not True:
            return None
        if follow.kind == "next-url":
            target = _path(body, follow.next_url)
            return str(request_url.join(target)) if isinstance(target, str) and target else None
        if follow.next_cursor:
            cursor = _path(body, follow.next_cursor)
        else:
            items = _path(body, follow.items) if follow.items else body
            last = items[-1] if isinstance(items, list) and items else None
            cursor = last.get(follow.last_item) if isinstance(last, dict) and follow.last_item else None
        if isinstance(cursor, _Number):
            if not math.isfinite(float(cursor.text)):
                raise PaginationError(f"the server named the next page by a number that is not finite ({cursor.text})")
            return cursor.text
        return cursor if isinstance(cursor, str) and cursor else None


@dataclass(frozen=True, slots=True)
class _Number:
    """A JSON number as the body wrote it, so a numeric cursor is sent back with the same text."""

    text: str


def _json(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content, parse_int=_Number, parse_float=_Number, parse_constant=_Number)
    except (ValueError, RecursionError):
        return None


def _path(value: Any, path: Sequence[str]) -> Any:
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def same_origin(base_url: str, url: str) -> str:
    """``url`` if it is on the API's host (same scheme, host and port as ``base_url``); else PaginationError."""
    try:
        target, base = httpx.URL(url), httpx.URL(base_url)
    except (httpx.InvalidURL, TypeError):
        raise PaginationError(f"the next page's link {url!r} is not a URL; refused") from None
    if (target.scheme, target.host, target.port) != (base.scheme, base.host, base.port) or not target.host:
        raise PaginationError(
            f"the next page's link {url!r} is not on the API's host ({base.scheme}://{base.netloc.decode()}); "
            "refused, the API's credentials are never sent elsewhere"
        )
    return url


def next_link(values: Sequence[str]) -> str | None:
    """The target of the first link with relation type ``next`` in ``Link`` header values (RFC 8288)."""
    for value in values:
        for target, params in _links(value):
            relations = params.get("rel", "").lower().split()
            if "next" in relations:
                return target
    return None


def _links(value: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Each ``<target>; name=value; name="quoted, value"`` of a Link header value, in order."""
    i, n = 0, len(value)
    while i < n:
        start = value.find("<", i)
        if start < 0:
            return
        end = value.find(">", start)
        if end < 0:
            return
        target = value[start + 1 : end].strip()
        params: dict[str, str] = {}
        i = end + 1
        while i < n:
            while i < n and value[i] in " \t":
                i += 1
            if i >= n or value[i] == ",":
                i += 1
                break
            if value[i] != ";":
                # not a parameter: skip to the next link-value
                while i < n and value[i] != ",":
                    i += 1
                continue
            i += 1
            name_start = i
            while i < n and value[i] not in "=;,":
                i += 1
            name = value[name_start:i].strip().lower().rstrip("*")
            text = ""
            if i < n and value[i] == "=":
                i += 1
                while i < n and value[i] in " \t":
                    i += 1
                if i < n and value[i] == '"':
                    i += 1
                    chars: list[str] = []
                    while i < n and value[i] != '"':
                        if value[i] == "\\" and i + 1 < n:
                            i += 1
                        chars.append(value[i])
                        i += 1
                    i += 1
                    text = "".join(chars)
                else:
                    text_start = i
                    while i < n and value[i] not in ";,":
                        i += 1
                    text = value[text_start:i].strip()
            params.setdefault(name, text)
        yield target, params
