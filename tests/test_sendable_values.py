"""What every request carries must be sendable: the User-Agent and header defaults from a document."""

from __future__ import annotations

from generator.core.package import user_agent
from generator.ir import PrimitiveSchema


def test_user_agent_is_product_tokens_whatever_the_document_version() -> None:
    assert user_agent("topaz-images", "1.0.0") == "topaz-images/1.0.0"
    assert user_agent("x", '1"\n2 beta') == "x/1--2-beta"
    assert user_agent("x", "") == "x/unknown"
    assert user_agent("x", "v\udfff") == "x/v-"


def test_a_header_default_or_example_no_client_sends_is_a_located_warning_and_dropped(load_spec) -> None:  # type: ignore[no-untyped-def]
    header = {
        "name": "X-Mode",
        "in": "header",
        "schema": {"type": "string", "default": "a\r\nInjected: yes", "example": "caf\u00e9"},
    }
    fine = {"name": "X-Fine", "in": "header", "schema": {"type": "string", "default": "plain\ttext"}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"get": {"parameters": [header, fine], "responses": {"204": {"description": "ok"}}}}},
    }
    api, diagnostics = load_spec(spec)
    assert api is not None
    mode, plain = api.operations[0].parameters
    assert isinstance(mode.schema, PrimitiveSchema)
    assert mode.schema.info.default_json is None and mode.schema.info.example_json is None
    assert plain.schema.info.default_json == '"plain\\ttext"'
    found = [d.format() for d in diagnostics.warnings if d.code == "W014"]
    assert len(found) == 2, found
    assert "/paths/~1x/get/parameters/0/schema/default" in found[0]
    assert "/paths/~1x/get/parameters/0/schema/example" in found[1]
