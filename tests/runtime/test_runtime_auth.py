"""Credentials: hidden secrets, choosing among security alternatives, placing keys, reading the environment."""

from __future__ import annotations

import asyncio
import base64

import imgrt_runtime as rt
import pytest

KEY = rt.ApiKey("s3cr3t-key", "X-API-Key")


def _apply(
    requirements: list[list[str]], credentials: rt.Credentials, headers: dict[str, str] | None = None
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    headers = dict(headers or {})
    params: list[tuple[str, str]] = []
    rt.apply_security(headers, params, requirements, credentials)
    return headers, params


def test_repr_and_str_of_credentials_hide_the_secret() -> None:
    shown = [repr(KEY), str(KEY), repr(rt.BearerToken("tok-123")), repr(rt.BasicAuth("ann", "pa55word"))]

    assert shown[0] == "ApiKey(name='X-API-Key', location='header', value=***)"
    assert shown[2] == "BearerToken(token=***)"
    assert shown[3] == "BasicAuth(username='ann', password=***)"
    assert not any(secret in text for text in shown for secret in ("s3cr3t-key", "tok-123", "pa55word"))


def test_repr_of_clients_hides_credentials() -> None:
    credentials: rt.Credentials = {"apiKey": KEY, "basic": rt.BasicAuth("ann", "pa55word")}
    sync_core = rt.SyncClientCore(base_url="https://api.example.com", credentials=credentials, user_agent="t")
    async_core = rt.AsyncClientCore(base_url="https://api.example.com", credentials=credentials, user_agent="t")

    for core in (sync_core, async_core):
        text = repr(core)
        assert "s3cr3t-key" not in text and "pa55word" not in text
        assert "['apiKey', 'basic']" in text
    sync_core.close()
    asyncio.run(async_core.close())


def test_api_key_in_header_query_and_cookie() -> None:
    credentials: rt.Credentials = {
        "header": KEY,
        "query": rt.ApiKey("q-key", "api_key", "query"),
        "cookie": rt.ApiKey("c-key", "session", "cookie"),
    }

    headers, params = _apply([["header", "query", "cookie"]], credentials, {"Cookie": "theme=dark"})

    assert headers == {"X-API-Key": "s3cr3t-key", "Cookie": "theme=dark; session=c-key"}
    assert params == [("api_key", "q-key")]


def test_bearer_and_basic_set_authorization() -> None:
    bearer, _ = _apply([["bearer"]], {"bearer": rt.BearerToken("tok")})
    basic, _ = _apply([["basic"]], {"basic": rt.BasicAuth("ann", "pässword")})

    assert bearer == {"Authorization": "Bearer tok"}
    assert basic == {"Authorization": "Basic " + base64.b64encode("ann:pässword".encode()).decode()}


def test_first_satisfiable_alternative_is_used_and_only_its_credentials_are_sent() -> None:
    credentials: rt.Credentials = {"apiKey": KEY, "basic": rt.BasicAuth("ann", "pw"), "appId": rt.ApiKey("a", "X-App")}

    headers, _ = _apply([["oauth"], ["basic", "appId"], ["apiKey"]], credentials)

    assert set(headers) == {"Authorization", "X-App"}


def test_no_requirements_send_nothing() -> None:
    assert _apply([], {"apiKey": KEY}) == ({}, [])


def test_optional_security_sends_credentials_when_present_and_nothing_otherwise() -> None:
    assert _apply([[], ["apiKey"]], {"apiKey": KEY})[0] == {"X-API-Key": "s3cr3t-key"}
    assert _apply([[], ["apiKey"]], {}) == ({}, [])


def test_missing_credentials_raise_with_hints() -> None:
    with pytest.raises(rt.MissingCredentialsError, match=r"apiKey \(set TOPAZ_API_KEY\)") as caught:
        rt.apply_security({}, [], [["apiKey"]], {}, {"apiKey": "set TOPAZ_API_KEY"})

    assert caught.value.alternatives == (("apiKey",),)


def test_credential_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RT_TEST_KEY", "  abc \n")
    monkeypatch.setenv("RT_TEST_BLANK", "   ")
    monkeypatch.delenv("RT_TEST_UNSET", raising=False)

    assert rt.credential_from_env("RT_TEST_KEY") == "abc"
    assert rt.credential_from_env("RT_TEST_BLANK") is None
    assert rt.credential_from_env("RT_TEST_UNSET") is None
