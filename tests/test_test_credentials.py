"""The generated tests' credentials are decided once (``generator.core.test_credentials``) for every style."""

from __future__ import annotations

from typing import Any

from generator.core import test_credentials as credentials
from generator.core.style import PackageSpec
from generator.core.templating import Templates
from generator.diagnostics import Diagnostics
from generator.styles.python.package import build_package as python_package
from generator.styles.python.stubs import build_stubs
from generator.styles.typescript import STYLE as TYPESCRIPT
from generator.styles.typescript import stubs as typescript_stubs
from generator.styles.typescript.package import build_package as typescript_package

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "T", "version": "1"},
    "components": {
        "securitySchemes": {
            "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
            "basic": {"type": "http", "scheme": "basic"},
        }
    },
    "paths": {
        "/a": {"get": {"operationId": "a", "security": [{"key": []}], "responses": {"204": {"description": "ok"}}}},
        "/b": {"get": {"operationId": "b", "security": [{"basic": []}], "responses": {"204": {"description": "ok"}}}},
    },
}


def test_a_secret_is_the_same_whatever_the_style_calls_its_argument() -> None:
    assert credentials.test_secret("api_key") == credentials.test_secret("apiKey") == "test-api-key"
    assert credentials.test_secret("APIKey2") == "test-apikey2"


def test_both_styles_give_their_clients_the_same_secrets(load_spec: Any) -> None:
    api, diagnostics = load_spec(SPEC)
    assert api is not None, diagnostics.errors
    spec = PackageSpec(package="t", title=None, base_url=None, env_prefix="T", header="")
    python = build_stubs(api, python_package(api, spec, Diagnostics()))
    assert python.credentials == 'api_key="test-api-key", username="test-username", password="test-password"'
    typescript = typescript_package(api, spec, Diagnostics())
    support = typescript_stubs.test_files(api, typescript, Templates(TYPESCRIPT.templates))[0]
    assert support.path == "test/support.ts"
    assert 'apiKey: "test-api-key", username: "test-username", password: "test-password"' in support.text
    # what each scheme sends: the header, and basic auth of user name and password
    assert 'CREDENTIAL_HEADERS = ("Authorization", "X-Key")' in python.credential_headers
    assert '["authorization", "x-key"]' in support.text
