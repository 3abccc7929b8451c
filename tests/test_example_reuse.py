"""Test values are made once per model however many operations use it, and a leaf no value is found for stays one."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from corpus_report import CORPUS

from generator.core import test_values
from generator.core.examples import example_json
from generator.core.schemas import SchemaIndex, named_kind, schema_index
from generator.core.test_values import example
from generator.diagnostics import Diagnostics
from generator.ir import (
    ArraySchema,
    Constraints,
    NamedSchema,
    ObjectSchema,
    Origin,
    PrimitiveSchema,
    Property,
    RefSchema,
    SchemaInfo,
)
from generator.pipeline import build_api
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


class _Forgetting(dict[tuple[object, ...], Any]):
    """A memory of example parts that keeps nothing: every part is made again, as before parts were kept."""

    def __setitem__(self, key: tuple[object, ...], value: Any) -> None:
        return None


def _made(index: SchemaIndex, schema: Any, *, reading: bool, full: bool) -> Any:
    """``example_json``'s test data for ``schema``, or the kind and words of what it raised."""
    try:
        return example_json(index, schema, full=full, reading=reading, test=True)
    except ValueTooLargeError as exc:
        return (type(exc).__name__, str(exc))


def test_a_model_met_twice_in_one_value_is_made_once_and_spends_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """A part found again costs what it cost, so the budget runs out where it did without the memory: a cycle
    found after spending (``Loop`` spends 40,000 before it meets itself) counts that spending each time."""
    text = PrimitiveSchema(kind="string", constraints=Constraints(min_length=40_000), origin=_at("/t"))
    loop = ObjectSchema(
        properties=(
            Property(name="text", schema=text, required=True, origin=_at("/l/text")),
            Property(name="again", schema=RefSchema(name="Loop", origin=_at("/l/a")), required=True, origin=_at("/l")),
        ),
        origin=_at("/Loop"),
    )
    user = ObjectSchema(
        properties=(
            Property(
                name="id", schema=PrimitiveSchema(kind="integer", origin=_at("/u")), required=False, origin=_at("/u")
            ),
        ),
        origin=_at("/User"),
    )
    pair = ObjectSchema(
        properties=tuple(
            Property(
                name=name, schema=RefSchema(name=model, origin=_at(f"/p/{name}")), required=False, origin=_at("/p")
            )
            for name, model in (("first", "User"), ("second", "User"), ("one", "Loop"), ("two", "Loop"))
        ),
        origin=_at("/Pair"),
    )
    index = _index(Loop=loop, User=user, Pair=pair)
    made = _made(index, RefSchema(name="Pair", origin=_at("/x")), reading=True, full=True)
    assert made == ("ValueTooLargeError", f"a value of more than {MAX_VALUE_SIZE} characters and items")
    forgetting = _index(Loop=loop, User=user, Pair=pair)
    forgetting.parts = _Forgetting()
    assert _made(forgetting, RefSchema(name="Pair", origin=_at("/x")), reading=True, full=True) == made
    # without the second loop the value is made, and its two users are one value made once
    index.parts.clear()
    shorter = replace(pair, properties=pair.properties[:3])
    value = example_json(index, shorter, full=True, reading=True, test=True)
    assert value == {"first": {"id": 1}, "second": {"id": 1}}
    assert value["first"] is value["second"]


def test_two_inline_lists_of_one_model_share_one_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """Microsoft Graph writes each collection's list of entities inline, one per operation: equal lists are made
    once."""
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
    here = ArraySchema(items=RefSchema(name="User", origin=_at("/a/items")), origin=_at("/a"))
    there = ArraySchema(items=RefSchema(name="User", origin=_at("/b/items")), origin=_at("/b"))
    assert example(index, here, reading=True) is example(index, there, reading=True)
    assert calls[0] == 1


_DOCUMENTS = [
    "oas30/shotstack.json",
    "oas30/flickr.json",
    "oas30/stripe-spec3-2022-04-12.json",
    "swagger2-wide/kubevirt.json",
    "swagger2-wide/bungie-net.json",
    "swagger2-wide/github-v3-apisguru.json",
    "swagger2-wide/docker-engine.yaml",
]


@pytest.mark.parametrize("document", _DOCUMENTS)
def test_every_model_s_test_data_is_what_it_was_without_the_memory(document: str) -> None:
    """Real documents (deep, recursive, over the budget): each model's test data, for reading and writing, full
    and least, is the same value with the memory of parts and without it, or the same error in the same words."""
    path = CORPUS / document
    if not path.is_file():
        pytest.skip(f"no corpus document at {path}")
    api = build_api([path], diagnostics=Diagnostics(), validation="off")
    assert api is not None
    remembering, forgetting = schema_index(api, []), schema_index(api, [])
    forgetting.parts = _Forgetting()
    for name in sorted(named.name for named in api.schemas):
        ref = RefSchema(name=name, origin=_at(f"/{name}"))
        for reading, full in ((True, True), (False, True), (False, False)):
            made = _made(remembering, ref, reading=reading, full=full)
            assert made == _made(forgetting, ref, reading=reading, full=full), (name, reading, full)
    assert remembering.parts and not forgetting.parts


def test_a_model_nearer_the_full_depth_is_made_there_again() -> None:
    """The same model with the same models around it differs by depth: past ``_FULL_DEPTH`` a value holds only its
    required properties, so the part made near the top (``near``) is not the one made eight inline objects down
    (``far``), where the model's own nesting crosses that depth."""

    def nested(inner: Any, times: int, name: str) -> Any:
        for _ in range(times):
            inner = ObjectSchema(
                properties=(Property(name=name, schema=inner, required=False, origin=_at("/x")),), origin=_at("/o")
            )
        return inner

    user = nested(PrimitiveSchema(kind="integer", origin=_at("/u")), 5, "id")
    far = nested(RefSchema(name="User", origin=_at("/far")), 8, "x")
    deep = ObjectSchema(
        properties=(
            Property(name="near", schema=RefSchema(name="User", origin=_at("/n")), required=False, origin=_at("/n")),
            Property(name="far", schema=far, required=False, origin=_at("/f")),
        ),
        origin=_at("/Deep"),
    )
    index = _index(User=user, Deep=deep)
    value = example_json(index, RefSchema(name="Deep", origin=_at("/d")), full=True, reading=True, test=True)
    assert value["near"] == {"id": {"id": {"id": {"id": {"id": 1}}}}}
    inner = value["far"]
    while "x" in inner:
        inner = inner["x"]
    assert inner != value["near"], "past the full depth only required properties"
    forgetting = _index(User=user, Deep=deep)
    forgetting.parts = _Forgetting()
    assert (
        example_json(forgetting, RefSchema(name="Deep", origin=_at("/d")), full=True, reading=True, test=True) == value
    )
