"""Retry policy (backoff with full jitter, Retry-After, elapsed budget), Retry-After parsing, options, timeouts."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import httpx
import imgrt_runtime as rt
import pytest


def test_default_timeout_is_finite() -> None:
    assert rt.DEFAULT_TIMEOUT.connect == 10.0
    assert rt.DEFAULT_TIMEOUT.read == 60.0


def test_gives_up_after_max_retries() -> None:
    policy = rt.RetryPolicy(max_retries=2)

    assert policy.delay(1) is not None
    assert policy.delay(2) is None


def test_backoff_is_exponential_with_full_jitter_and_capped() -> None:
    policy = rt.RetryPolicy(max_retries=10, initial_delay=0.5, max_delay=3.0, max_elapsed=1000)

    for attempt, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 3.0), (6, 3.0)]:
        samples = [policy.delay(attempt) for _ in range(200)]
        assert all(sample is not None and 0.0 <= sample <= ceiling for sample in samples)
        assert max(s for s in samples if s is not None) > ceiling * 0.5
        assert len(set(samples)) > 100


def test_retry_after_is_honoured_exactly_even_beyond_max_delay() -> None:
    policy = rt.RetryPolicy(max_delay=8.0, max_elapsed=60.0)

    assert policy.delay(0, retry_after=20.0) == 20.0
    assert policy.delay(0, retry_after=0.25) == 0.25


def test_gives_up_instead_of_sleeping_past_the_elapsed_budget() -> None:
    policy = rt.RetryPolicy(max_elapsed=60.0, max_delay=8.0)

    assert policy.delay(0, retry_after=30.0, elapsed=40.0) is None
    assert policy.delay(0, retry_after=30.0, elapsed=20.0) == 30.0
    assert rt.RetryPolicy(max_elapsed=1.0, initial_delay=100.0, max_delay=100.0).delay(5, elapsed=0.999999) is None


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"Retry-After": "1.5"}, 1.5),
        ({"Retry-After": "-4"}, None),
        ({"Retry-After": "1e9"}, 1e9),
        ({"Retry-After": "1e400"}, float("inf")),
        ({"Retry-After": "9" * 400}, float("inf")),
        ({"Retry-After": "inf"}, None),
        ({"Retry-After": "1_000"}, None),
        ({"Retry-After": "0"}, 0.0),
        ({"Retry-After": "21 Oct 2015 07:28:05"}, None),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:05 GMT"}, 5.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:27:00 GMT"}, 0.0),
        ({"Retry-After-Ms": "250", "Retry-After": "9"}, 0.25),
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "nan"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)

    assert rt.parse_retry_after(httpx.Headers(headers), now=now) == expected


def test_request_options_are_frozen_and_default_to_the_clients_settings() -> None:
    options = rt.RequestOptions()

    assert (options.timeout, options.retry, dict(options.extra_headers), options.extra_query) == (None, None, {}, ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.timeout = 5.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "2"}, 2.0),
        ({"Retry-After": "soon"}, 8.0),
        ({"Retry-After": "-5"}, 8.0),
        ({"Retry-After": "inf"}, 8.0),
        ({"Retry-After-Ms": "nan"}, 8.0),
        ({"Retry-After": "1e9"}, 1e9),
        ({}, None),
    ],
)
def test_an_unreadable_retry_after_waits_the_longest_backoff_not_zero(
    headers: dict[str, str], expected: float | None
) -> None:
    assert rt.requested_wait(httpx.Headers(headers), rt.RetryPolicy(max_delay=8.0)) == expected


def test_a_retry_after_past_the_elapsed_budget_gives_up_instead_of_retrying_at_once() -> None:
    policy = rt.RetryPolicy(max_elapsed=60.0)

    for value in ("1e9", "1e400", "9" * 400, "Fri, 31 Dec 9999 23:59:59 GMT"):
        assert policy.delay(0, rt.requested_wait(httpx.Headers({"Retry-After": value}), policy)) is None, value
