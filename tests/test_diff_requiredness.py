"""What `diff` says when a parameter, the request body or a property becomes required or optional.

One rule per place (``<place>-became-required`` / ``-optional``), each with its message and its
meaning in the styles' names; a response property that became optional may now be absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_diff_rules import Edit, _image_property, _order_property, _query, _set, load, nothing, post

from generator.diff import diff_apis

JSON_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}
OPTIONAL_BODY = _set(post, "requestBody", {"content": JSON_BODY})

CASES: list[tuple[str, Edit, Edit, str, str]] = [
    (
        "request-parameter-became-required",
        _query(),
        _query(required=True),
        "parameter w became required",
        "argument `w` of `get_image()` became required",
    ),
    (
        "request-parameter-became-optional",
        _query(required=True),
        _query(),
        "parameter w became optional",
        "argument `w` of `get_image()` became optional",
    ),
    (
        "request-body-became-required",
        OPTIONAL_BODY,
        nothing,
        "the request body became required",
        "the body of `create_order()` became required",
    ),
    (
        "request-body-became-optional",
        nothing,
        OPTIONAL_BODY,
        "the request body became optional",
        "the body of `create_order()` became optional",
    ),
    (
        "request-property-became-required",
        _order_property(False),
        _order_property(True),
        "request body.qty became required",
        "argument `qty` of the body of `create_order()` became required",
    ),
    (
        "response-property-became-optional",
        _image_property(True),
        _image_property(False),
        "200 response.alt became optional",
        "attribute `alt` of the result of `get_image()` may now be absent",
    ),
    (
        "response-property-became-required",
        _image_property(False),
        _image_property(True),
        "200 response.alt became required",
        "attribute `alt` of the result of `get_image()` became required",
    ),
]


@pytest.mark.parametrize(("rule", "old", "new", "message", "python"), CASES, ids=[c[0] for c in CASES])
def test_a_change_of_requiredness_says_what_and_what_it_means(
    tmp_path: Path, rule: str, old: Edit, new: Edit, message: str, python: str
) -> None:
    found = [c for c in diff_apis(load(tmp_path, "old", old), load(tmp_path, "new", new)) if c.kind == rule]
    assert [(c.message, c.python) for c in found] == [(message, python)]
