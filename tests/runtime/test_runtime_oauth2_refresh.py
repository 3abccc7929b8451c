"""The Python runtime's OAuth2 tokens: a refresh token kept through passing refusals, errors without the body.

The token endpoint is an ``httpx.MockTransport`` whose answers each case scripts in turn.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator

import httpx
import imgrt_runtime as rt
import pytest

GRANT = rt.OAuth2Grant("refresh_token", "https://auth.example/token", "https://auth.example/token")


def handler(
    answers: Iterator[tuple[int, dict[str, object]]], forms: list[str]
) -> Callable[[httpx.Request], httpx.Response]:
    def answer(request: httpx.Request) -> httpx.Response:
        forms.append(request.content.decode())
        status, body = next(answers)
        return httpx.Response(status, json=body)

    return answer


def endpoint(answers: Iterator[tuple[int, dict[str, object]]], forms: list[str]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler(answers, forms)))


def test_a_refresh_token_survives_a_refusal_other_than_invalid_grant() -> None:
    forms: list[str] = []
    answers = iter([(503, {"error": "temporarily_unavailable"}), (200, {"access_token": "A1"})])
    tokens = rt.OAuth2Tokens(GRANT, refresh_token="R1")
    http = endpoint(answers, forms)
    with pytest.raises(rt.TokenError, match="temporarily_unavailable"):
        tokens.token(http)
    assert tokens.token(http) == "A1"
    assert all("refresh_token=R1" in form for form in forms)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_refused_refresh_token_is_dropped_and_the_next_call_is_a_token_error(mode: str) -> None:
    forms: list[str] = []
    answers = iter([(400, {"error": "invalid_grant", "error_description": "revoked", "access_token": "x" * 3})])
    tokens = rt.OAuth2Tokens(GRANT, refresh_token="R1")
    transport = httpx.MockTransport(handler(answers, forms))

    def ask() -> str:
        if mode == "sync":
            return tokens.token(httpx.Client(transport=transport))

        async def run() -> str:
            async with httpx.AsyncClient(transport=transport) as http:
                return await tokens.async_token(http)

        return asyncio.run(run())

    with pytest.raises(rt.TokenError, match="invalid_grant: revoked"):
        ask()
    with pytest.raises(rt.TokenError, match="invalid_grant") as second:
        ask()
    assert second.value.error == "invalid_grant" and len(forms) == 1


def test_a_token_error_keeps_no_body_of_the_endpoint() -> None:
    answers = iter([(400, {"error": "invalid_client", "error_description": "bad", "secret_echo": "S3CR3T"})])
    tokens = rt.OAuth2Tokens(GRANT, refresh_token="R1")
    with pytest.raises(rt.TokenError) as raised:
        tokens.token(endpoint(answers, []))
    assert raised.value.response.content == b""
    assert "S3CR3T" not in json.dumps(raised.value.response.headers.multi_items())


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_token_that_expires_at_once_is_sent_with_the_call_it_was_fetched_for(mode: str) -> None:
    sent: list[str | None] = []
    fetched = iter(f"T{n}" for n in range(1, 100))

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "auth.example":
            return httpx.Response(200, json={"access_token": next(fetched), "expires_in": 0})
        sent.append(request.headers.get("authorization"))
        return httpx.Response(200 if request.headers.get("authorization") else 401, json={})

    grant = rt.OAuth2Grant("client_credentials", "https://auth.example/token", "https://auth.example/token")
    tokens = rt.OAuth2Tokens(grant, client_id="id", client_secret="secret")
    credentials = {"oauth": tokens}
    transport = httpx.MockTransport(answer)
    if mode == "sync":
        with rt.SyncClientCore(
            base_url="https://api.example",
            credentials=credentials,
            user_agent="t",
            http_client=httpx.Client(transport=transport),
        ) as core:
            core.request("GET", "/things", security=[["oauth"]])
            core.request("GET", "/things", security=[["oauth"]])
    else:

        async def run() -> None:
            async with httpx.AsyncClient(transport=transport) as http:
                core = rt.AsyncClientCore(
                    base_url="https://api.example", credentials=credentials, user_agent="t", http_client=http
                )
                await core.request("GET", "/things", security=[["oauth"]])
                await core.request("GET", "/things", security=[["oauth"]])

        asyncio.run(run())
    assert sent == ["Bearer T1", "Bearer T2"]
    assert tokens.fetches == 2
