"""The one walk that writes JSON values as code (``core.literals``), with each language's spelling of the parts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from generator.core.literals import Spelling, literal
from generator.core.test_values import Bad, Code, Repeat, marked
from generator.styles.python import types as python_types
from generator.styles.python.test_values import render
from generator.styles.python.types import py_literal
from generator.styles.typescript import types as typescript_types
from generator.styles.typescript.test_values import ts_value
from generator.styles.typescript.types import ts_literal

# a spelling that shows which part wrote what
_TAGGED = Spelling(
    scalar=lambda value: f"<{value!r}>",
    array=lambda items: "A(" + "|".join(items) + ")",
    mapping=lambda pairs: "M(" + "|".join(f"{key}={value}" for key, value in pairs) + ")",
)

_VALUE: Any = {"a": [1, None, {"b": True}], 2: "x", "empty": {}, "none": []}


def test_the_walk_leaves_every_part_to_the_spelling_in_order() -> None:
    assert literal(_VALUE, _TAGGED) == "M(a=A(<1>|<None>|M(b=<True>))|2=<'x'>|empty=M()|none=A())"


def test_a_leaf_that_is_neither_list_nor_dict_goes_to_the_scalar_spelling() -> None:
    assert literal((1, 2), _TAGGED) == "<(1, 2)>"


def test_markers_are_written_at_any_depth_and_inside_a_repeated_item() -> None:
    spelling = marked(_TAGGED, bad=lambda value: f"BAD({value!r})", repeat=lambda item, count: f"{item}*{count}")
    value = {"list": Repeat({"inner": [Bad("x"), Code("local")]}, 3), "plain": 1}
    assert literal(value, spelling) == "M(list=M(inner=A(BAD('x')|local))*3|plain=<1>)"


def test_python_and_typescript_spell_the_same_value_in_their_own_syntax() -> None:
    assert py_literal(_VALUE) == '{"a": [1, None, {"b": True}], "2": "x", "empty": {}, "none": []}'
    assert ts_literal(_VALUE) == '{ a: [1, null, { b: true }], "2": "x", empty: {}, none: [] }'
    assert py_literal(b"\x00") == 'b"\\x00"'
    assert py_literal(float("inf")) == 'float("inf")'


def test_test_values_write_their_objects_as_the_languages_literals_do() -> None:
    plain = {"k y": [1, "two"], "n": {}}
    assert render(plain) == py_literal(plain)
    assert ts_value(plain) == ts_literal(plain)
    assert render({"k": Repeat(Bad(3), 2)}) == '{"k": [3] * 2}'
    assert ts_value({"k": Repeat(Bad(3), 2)}) == "{ k: Array.from({ length: 2 }, () => 3) }"


def test_a_leaf_is_written_by_the_languages_writer_alone_and_only_a_container_is_walked(
    count_calls: Callable[..., Counter[str]],
) -> None:
    """Most literals written are leaves (an enum's values, a default): they take no detour through the walk."""
    count_calls(python_types, "literal")
    counted = count_calls(typescript_types, "literal")
    leaves: list[Any] = ["red", 3, 2.5, None, True, float("inf"), b"\x00"]
    assert [py_literal(v) for v in leaves] == ['"red"', "3", "2.5", "None", "True", 'float("inf")', 'b"\\x00"']
    assert [ts_literal(v) for v in leaves[:5]] == ['"red"', "3", "2.5", "null", "true"]
    assert counted["literal"] == 0
    assert (py_literal([1, {"a": None}]), ts_literal({"a": [True]})) == ('[1, {"a": None}]', "{ a: [true] }")
    assert counted["literal"] == 2
