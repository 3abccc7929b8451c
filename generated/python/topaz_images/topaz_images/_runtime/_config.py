# Copied by generator 0.1.0 from templates/python/runtime/_config.py. Do not edit.
"""Timeouts, the retry policy, per-call overrides, and reading a server's Retry-After.

Retries use exponential backoff with full jitter: before retry ``n`` (0-based)
the client sleeps a random time in ``[0, min(max_delay, initial_delay * 2**n)]``,
so clients that failed together do not come back together. A server's
``Retry-After`` replaces the backoff and is honoured exactly, not shortened:
retrying sooner than asked only earns another 429. Every wait must also fit in
what is left of ``max_elapsed``; when it does not, the client gives up at once
and raises the last error (``RateLimitError`` for a 429, with ``retry_after``)
instead of sleeping past the budget.

``Retry-After`` is read as delta-seconds (digits; a decimal or exponent form
such as ``1.5`` or ``1e9`` is read too) or as an IMF-fixdate HTTP-date
(``Wed, 21 Oct 2015 07:28:00 GMT``); ``Retry-After-Ms`` as milliseconds. A date
in the past or ``0`` means "now". A value that cannot be read (``soon``,
``-5``, ``inf``, another date format) is not taken as "now": the client waits
``max_delay``, the longest backoff, before the retry.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
"""Finite by default: 10 s to connect, 60 s for each read, write or pool wait (not for a whole download)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """When and how long to wait before sending a failed request again.

    ``retry_unsafe_methods``: POST and PATCH are not idempotent, so by default
    they are retried only when the server cannot have acted on them (408, 429,
    or no connection made); set it to retry them like the other methods.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_elapsed: float = 60.0
    retry_statuses: frozenset[int] = frozenset({408, 429, 500, 502, 503, 504})
    retry_unsafe_methods: bool = False

    def delay(self, attempt: int, retry_after: float | None = None, *, elapsed: float = 0.0) -> float | None:
        """Seconds to wait before retry number ``attempt`` (0-based), or None to give up.

        ``elapsed`` is the time spent on the call so far; ``retry_after`` the
        server's requested wait, if it gave one.
        """
        if attempt >= self.max_retries:
            return None
        if retry_after is None:
            wait = random.uniform(0.0, min(self.max_delay, self.initial_delay * 2**attempt))
        else:
            wait = max(0.0, retry_after)
        return wait if elapsed + wait <= self.max_elapsed else None


DEFAULT_RETRY = RetryPolicy()


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestOptions:
    """Per-call overrides; a field left at its default keeps the client's setting.

    ``timeout=None`` means "the client's timeout"; pass ``httpx.Timeout(None)``
    to wait without limit.
    """

    timeout: httpx.Timeout | float | None = None
    retry: RetryPolicy | None = None
    extra_headers: Mapping[str, str] = field(default_factory=dict)
    extra_query: Sequence[tuple[str, str]] = ()
    next_url: str | None = None
    """Pagers: an absolute next-page link sent instead of the operation's path and query (on the API's host only)."""
    on_response: Callable[[httpx.Response], None] | None = None
    """Pagers: called with the final response before it is decoded (to read its Link header or body)."""


def parse_retry_after(headers: httpx.Headers, *, now: datetime | None = None) -> float | None:
    """The wait a response asks for, in seconds: ``Retry-After-Ms``, or ``Retry-After`` as seconds or an HTTP-date.

    None when the response asks for no wait, or asks in a form that cannot be read.
    """
    milliseconds = _number(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return seconds
    if not _HTTP_DATE.fullmatch(value.strip()):
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def requested_wait(headers: httpx.Headers, policy: RetryPolicy) -> float | None:
    """The wait to honour before retrying this response: what it asks for, ``max_delay`` when unreadable, else None."""
    asked = parse_retry_after(headers)
    if asked is None and ("retry-after" in headers or "retry-after-ms" in headers):
        return policy.max_delay
    return asked


_NUMBER = re.compile(r"\s*\d+(?:\.\d*)?(?:[eE][+-]?\d+)?\s*")
"""Delta-seconds as digits, also with a fraction or an exponent; never a sign, ``inf``, ``nan`` or ``_``."""
_HTTP_DATE = re.compile(r"[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT")
"""The IMF-fixdate form RFC 9110 requires of senders."""


def _number(value: str | None) -> float | None:
    """A non-negative number (infinite when too large for a float), or None when ``value`` is not one."""
    if value is None or not _NUMBER.fullmatch(value):
        return None
    return float(value)
