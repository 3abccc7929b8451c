"""The kinds of violation the core makes refusal tests of, and the styles that map each to a check of theirs."""

from __future__ import annotations

from typing import Any

import pytest

from generator.core.schemas import schema_index
from generator.core.test_values import KINDS, Violation, kind_of, violations
from generator.styles.go import stubs as go_stubs

EVERY_CONSTRAINT: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "format": "uuid"},
    "code": {"type": "string", "pattern": "^[a-z]+$", "minLength": 2, "maxLength": 5},
    "mode": {"type": "string", "enum": ["a", "b"]},
    "count": {"type": "integer", "minimum": 1, "maximum": 9},
    "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
    "tags": {
        "type": "array",
        "items": {"type": "string", "maxLength": 3},
        "minItems": 1,
        "maxItems": 4,
        "uniqueItems": True,
    },
    "levels": {"type": "array", "items": {"type": "integer", "maximum": 3}},
}


def test_the_core_makes_every_kind_and_no_other(load_spec) -> None:  # type: ignore[no-untyped-def]
    """A document with every constraint a client checks: its violations are of every kind in ``KINDS``."""
    parameters = [{"name": name, "in": "query", "schema": schema} for name, schema in EVERY_CONSTRAINT.items()]
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"get": {"parameters": parameters, "responses": {"204": {"description": "ok"}}}}},
    }
    api, _ = load_spec(spec)
    assert api is not None
    index = schema_index(api, [])
    slugs = {v.slug for p in api.operations[0].parameters for v in violations(index, p.schema, p.name)}
    assert {kind_of(slug) for slug in slugs} == KINDS
    assert {"item_too_long", "item_above_maximum"} <= slugs


def test_go_maps_every_kind_to_the_check_that_refuses_it() -> None:
    """A kind without a ``checks.go`` function would get no Go refusal test, silently."""
    assert set(go_stubs._CHECK_OF) == KINDS
    assert go_stubs._check_of("item_item_too_short") == "checkMinLength"


def test_a_violation_of_no_kind_is_refused_where_it_is_made() -> None:
    with pytest.raises(ValueError, match="no kind"):
        Violation("item_too_odd", "x", 1)
