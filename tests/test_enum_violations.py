"""The refusal tests made for an enum argument: a value outside it, whatever the enum lists."""

from __future__ import annotations

from generator.core.test_values import Bad, _enum
from generator.ir import EnumSchema, Origin

HERE = Origin(file="spec.yaml")


def test_an_integer_enum_gets_the_value_past_its_largest() -> None:
    found = _enum(EnumSchema(kind="integer", values=(1, 5, 3), origin=HERE), "level")
    assert [(v.label, v.value) for v in found] == [("level", Bad(6))]


def test_an_integer_enum_of_strings_gets_no_refusal_instead_of_an_internal_error() -> None:
    """azure.com/machinelearningservices-modelManagement.json: ``type: integer, enum: [Primary, Secondary]``."""
    assert _enum(EnumSchema(kind="integer", values=("Primary", "Secondary"), origin=HERE), "keyType") == []


def test_booleans_are_not_numbers_to_step_past() -> None:
    assert _enum(EnumSchema(kind="number", values=(True,), origin=HERE), "flag") == []
