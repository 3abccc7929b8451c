"""Test values are made once per model however many operations use it, and a leaf no value is found for stays one."""

from __future__ import annotations

from typing import Any

import pytest

from generator.core import test_values
from generator.core.schemas import SchemaIndex, named_kind
from generator.core.test_values import example
from generator.ir import (
    Constraints,
    NamedSchema,
    ObjectSchema,
    Origin,
    PrimitiveSchema,
    Property,
    RefSchema,
    SchemaInfo,
)
from generator.value_limits import MAX_VALUE_SIZE, ValueTooLargeError


def _at(pointer: str) -> Origin:
    return Origin(file="spec.json", pointer=pointer)


def _index(**models: ObjectSchema) -> SchemaIndex:
    named = {name: NamedSchema(name=name, schema=schema, origin=_at(f"/{name}")) for name, schema in models.items()}
    return SchemaIndex(named=named, kinds={n: named_kind(s) for n, s in models.items()}, hoisted=[], inline={})


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often test data is made from a schema (``example_json`` as ``example`` calls it)."""
    calls = [0]
    made = test_values.example_json

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return made(*args, **kwargs)

    monkeypatch.setattr(test_values, "example_json", counted)
    return calls


def test_references_to_one_model_from_different_places_share_one_value(monkeypatch: pytest.MonkeyPatch) -> None:
    user = ObjectSchema(
        properties=(
            Property(
                name="id", schema=PrimitiveSchema(kind="integer", origin=_at("/p")), required=True, origin=_at("/p")
            ),
        ),
        origin=_at("/User"),
    )
    index = _index(User=user)
    calls = _counting(monkeypatch)
    here, there = RefSchema(name="User", origin=_at("/paths/a")), RefSchema(name="User", origin=_at("/paths/b"))
    first = example(index, here, reading=True)
    second = example(index, there, reading=True)
    assert first == {"id": 1}
    assert second is first
    assert calls[0] == 1
    example(index, RefSchema(name="User", origin=_at("/paths/c")), reading=False)  # the writing side is its own
    assert calls[0] == 2


def test_a_model_too_large_for_test_data_is_found_so_once(monkeypatch: pytest.MonkeyPatch) -> None:
    long_text = PrimitiveSchema(kind="string", constraints=Constraints(min_length=MAX_VALUE_SIZE + 1), origin=_at("/t"))
    big = ObjectSchema(
        properties=(Property(name="text", schema=long_text, required=True, origin=_at("/t")),), origin=_at("/Big")
    )
    index = _index(Big=big)
    calls = _counting(monkeypatch)
    messages = []
    for place in ("/paths/a", "/paths/b", "/paths/c"):
        with pytest.raises(ValueTooLargeError) as raised:
            example(index, RefSchema(name="Big", origin=_at(place)), reading=True)
        messages.append(str(raised.value))
    assert calls[0] == 1
    assert len(set(messages)) == 1 and str(MAX_VALUE_SIZE + 1) in messages[0]


def test_a_leaf_nothing_acceptable_is_found_for_is_a_plain_value() -> None:
    # The spec's example breaks the pattern and no made-up text matches it either (two characters, only "a").
    impossible = PrimitiveSchema(
        kind="string",
        constraints=Constraints(pattern="^a$", min_length=2),
        info=SchemaInfo(example_json='"b"'),
        origin=_at("/s"),
    )
    value = example(_index(), impossible, reading=False)
    assert isinstance(value, str)
    holder = ObjectSchema(
        properties=(Property(name="code", schema=impossible, required=True, origin=_at("/c")),), origin=_at("/H")
    )
    assert isinstance(example(_index(), holder, reading=False)["code"], str)


@pytest.mark.parametrize(("value", "taken"), [(22, True), (22.0, True), (22.12, False), (True, False), ("22", False)])
def test_an_integer_s_example_must_be_whole(value: object, taken: bool) -> None:
    """corrently.io gives 22.12 as an integer's example: no Go int64 decodes it, so the tests make one up."""
    schema = PrimitiveSchema(kind="integer", origin=Origin(file="x"))
    assert test_values.acceptable(schema, value) is taken
