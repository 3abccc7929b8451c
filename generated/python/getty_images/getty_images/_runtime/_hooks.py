# Copied by generator 0.1.0 from templates/python/runtime/_hooks.py. Do not edit.
"""Callbacks a client runs around every API call: before the request, after the response, on an error.

``Hooks`` holds three lists, run in order. ``before_request`` gets the
``httpx.Request`` about to be sent (once per call, before any retry; it may add
or change headers), ``after_response`` the final ``httpx.Response`` (its body is
not read yet when the call streams), ``on_error`` the ``APIError`` the call is
about to raise. What a hook returns is ignored; what it raises propagates. The
asynchronous client awaits a hook that returns an awaitable, so a hook there may
be a plain function or a coroutine function; the blocking client refuses a
coroutine function's result (a ``TypeError``), as nothing would run it.

The request a hook sees carries the call's credentials: a hook that logs should
log the method and the path, not the headers.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeAlias

import httpx

from ._errors import APIError

BeforeRequest: TypeAlias = Callable[[httpx.Request], Awaitable[None] | None]
AfterResponse: TypeAlias = Callable[[httpx.Response], Awaitable[None] | None]
OnError: TypeAlias = Callable[[APIError], Awaitable[None] | None]


@dataclass(slots=True)
class Hooks:
    """The callbacks of one client; pass them as ``hooks=`` or append to ``client.hooks`` later."""

    before_request: list[BeforeRequest] = field(default_factory=list)
    after_response: list[AfterResponse] = field(default_factory=list)
    on_error: list[OnError] = field(default_factory=list)

    def run_before(self, request: httpx.Request) -> None:
        for hook in self.before_request:
            _sync(hook(request), hook)

    def run_after(self, response: httpx.Response) -> None:
        for hook in self.after_response:
            _sync(hook(response), hook)

    def run_error(self, error: APIError) -> None:
        for hook in self.on_error:
            _sync(hook(error), hook)

    async def async_run_before(self, request: httpx.Request) -> None:
        for hook in self.before_request:
            await _async(hook(request))

    async def async_run_after(self, response: httpx.Response) -> None:
        for hook in self.after_response:
            await _async(hook(response))

    async def async_run_error(self, error: APIError) -> None:
        for hook in self.on_error:
            await _async(hook(error))


def _sync(result: object, hook: object) -> None:
    if inspect.isawaitable(result):
        if inspect.iscoroutine(result):
            result.close()
        raise TypeError(f"{hook!r} returned an awaitable: the blocking client runs only plain functions as hooks")


async def _async(result: object) -> None:
    if inspect.isawaitable(result):
        await result
