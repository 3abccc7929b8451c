"""Table-driven models: decoding, encoding and checks from a field table, as generated models use them."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from typing import Any

import imgrt_runtime as rt
import pytest


class Colour(enum.StrEnum):
    RED = "red"
    BLUE = "blue"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        member = str.__new__(cls, value)
        member._name_ = str(value)
        member._value_ = value
        return member


@dataclass
class Box(rt.Model):
    label: str
    size: float | None = None
    parts: list[Part] | None = None
    colour: Colour | None = None
    made: datetime.datetime | None = None
    tags: dict[str, int] | None = None
    note: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    raw_response: Any = None

    @staticmethod
    def _table() -> tuple[rt.Field, ...]:
        return (
            rt.Field("label", "label", rt.Value(min_length=1, max_length=5), True),
            rt.Field("size", "size", rt.Number(minimum=0), False),
            rt.Field("parts", "parts", rt.ListOf(rt.ModelOf(Part), max_items=2), False),  # defined below
            rt.Field("colour", "colour", rt.EnumOf(Colour), False),
            rt.Field("made", "made", rt.DATETIME, False),
            rt.Field("tags", "tags", rt.MapOf(rt.Value(maximum=9)), False),
            rt.Field("note", "note", rt.Nullable(rt.Value(pattern="^n")), False),
        )


@dataclass
class Part(rt.Model):
    id_: str
    additional_properties: dict[str, Any] = field(default_factory=dict)
    raw_response: Any = None
    _closed = True

    @staticmethod
    def _table() -> tuple[rt.Field, ...]:
        return (rt.Field("id_", "id", rt.Value(uuid=True), True),)


PART = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
WIRE = {
    "label": "abc",
    "size": 2,
    "parts": [{"id": PART, "extra": 1}],
    "colour": "green",
    "made": "2026-01-02T03:04:05Z",
    "tags": {"a": 1},
    "unknown": [1, 2],
}


def test_decode_follows_the_table_and_keeps_unknown_properties() -> None:
    box = Box.from_dict(WIRE)
    assert box.size == 2.0 and isinstance(box.size, float)
    assert box.parts == [Part(id_=PART, additional_properties={"extra": 1})]
    assert box.colour is not None and box.colour.value == "green"  # a value the spec does not list
    assert box.made == datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert box.note is None
    assert box.additional_properties == {"unknown": [1, 2]}


def test_encode_round_trips_and_leaves_unset_optionals_out() -> None:
    encoded = Box.from_dict(WIRE).to_dict()
    assert encoded == {**WIRE, "size": 2.0, "parts": [{"id": PART}], "made": "2026-01-02T03:04:05+00:00"}
    assert Box(label="x").to_dict() == {"label": "x"}


def test_a_closed_model_never_sends_unknown_properties_back() -> None:
    assert Part(id_=PART, additional_properties={"extra": 1}).to_dict() == {"id": PART}


def test_a_missing_required_property_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        Part.from_dict({})


@pytest.mark.parametrize(
    ("box", "label"),
    [
        (Box(label=""), "Box.label"),
        (Box(label="abcdef"), "Box.label"),
        (Box(label="a", size=-1.0), "Box.size"),
        (Box(label="a", parts=[Part(id_="nope")]), "Box.parts.id"),
        (Box(label="a", parts=[Part(id_=PART)] * 3), "Box.parts"),
        (Box(label="a", colour=Colour("green")), "Box.colour"),
        (Box(label="a", tags={"a": 10}), "Box.tags"),
        (Box(label="a", note="x"), "Box.note"),
    ],
)
def test_check_refuses_each_broken_constraint_naming_the_field(box: Box, label: str) -> None:
    with pytest.raises(rt.RequestValidationError) as caught:
        box.check()
    assert caught.value.parameter == label


def test_check_passes_a_valid_model_and_takes_a_label() -> None:
    Box.from_dict({**WIRE, "colour": "red"}).check()
    with pytest.raises(rt.RequestValidationError) as caught:
        Box(label="").check("body")
    assert caught.value.parameter == "body.label"


def test_union_decodes_with_the_first_variant_that_fits() -> None:
    codec = rt.UnionOf(rt.ModelOf(Part), rt.DATE)
    assert codec.decode({"id": PART}) == Part(id_=PART)
    assert codec.decode("2026-01-02") == datetime.date(2026, 1, 2)
    assert codec.decode(7) == 7
    assert codec.encode(datetime.date(2026, 1, 2)) == "2026-01-02"


def test_a_number_is_read_from_a_json_number_only() -> None:
    """``"42"`` in a union of a number and a string is the string's (hetzner's metrics); in a plain number property a
    string or a boolean is a problem named by its place, not a number ``float`` made of it."""
    union = rt.UnionOf(rt.Number(), rt.ANY)
    assert union.decode(["42", 43, 1.5]) == ["42", 43, 1.5]  # a list is no number: kept as it is
    assert [union.decode(value) for value in ("42", 43, 1.5, True)] == ["42", 43.0, 1.5, True]
    assert isinstance(union.decode(43), float)
    big = "an integer beyond a double's range"
    for value, kind in (("2", "a string"), (True, "true or false"), ([2], "an array"), (10**400, big)):
        with pytest.raises(rt.DecodeProblem) as caught:
            Box.from_dict({**WIRE, "size": value})
        assert str(caught.value) == f"at $.size: {kind} where a number belongs"
