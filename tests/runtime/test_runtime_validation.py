"""Pre-request checks: each refuses a bad value with RequestValidationError naming the parameter."""

from __future__ import annotations

import enum
import uuid

import imgrt_runtime as rt
import pytest


class Size(enum.Enum):
    SMALL = "small"
    LARGE = "large"


def _refused(check: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(rt.RequestValidationError) as caught:
        check(*args, **kwargs)  # type: ignore[operator]
    assert caught.value.parameter == args[0]
    assert isinstance(caught.value, ValueError)
    return str(caught.value)


def test_check_required() -> None:
    rt.check_required("image_id", "")
    assert "is required" in _refused(rt.check_required, "image_id", None)


def test_check_uuid() -> None:
    value = "123e4567-e89b-12d3-a456-426614174000"

    assert rt.check_uuid("job_id", value) == value
    assert rt.check_uuid("job_id", uuid.UUID(value)) == value
    for bad in ["123e4567e89b12d3a456426614174000", "{" + value + "}", value + "\n", "../admin", value[:-1] + "g"]:
        assert "'job_id'" in _refused(rt.check_uuid, "job_id", bad)


def test_check_pattern_searches_like_ecma() -> None:
    rt.check_pattern("code", "xx-ABC-yy", "[A-Z]{3}")
    rt.check_pattern("code", "ABC", "^[A-Z]+$")
    rt.check_pattern("price", "a$b", "a[$]b")
    rt.check_pattern("price", "a$b", r"a\$b")
    assert "must match" in _refused(rt.check_pattern, "code", "abc", "^[A-Z]+$")
    _refused(rt.check_pattern, "code", "ABC\n", "^[A-Z]+$")


def test_a_pattern_python_cannot_compile_is_left_to_the_server() -> None:
    rt.check_pattern("name", "anything", r"^\p{L}+$(?")


def test_check_enum() -> None:
    rt.check_enum("size", "small", ["small", "large"])
    rt.check_enum("size", Size.LARGE, ["small", "large"])
    rt.check_enum("count", 1, [1, 2])
    assert "'small', 'large'" in _refused(rt.check_enum, "size", "huge", ["small", "large"])
    _refused(rt.check_enum, "count", True, [1, 2])


def test_check_length_counts_characters() -> None:
    rt.check_length("name", "été", min_length=3, max_length=3)
    assert "at least 2" in _refused(rt.check_length, "name", "a", min_length=2)
    assert "at most 2" in _refused(rt.check_length, "name", "abc", max_length=2)


def test_check_range() -> None:
    rt.check_range("page_size", 1, minimum=1, maximum=100)
    rt.check_range("page_size", 100, minimum=1, maximum=100)
    rt.check_range("ratio", 0.5, exclusive_minimum=0, exclusive_maximum=1)
    _refused(rt.check_range, "page_size", 0, minimum=1)
    _refused(rt.check_range, "page_size", 101, maximum=100)
    _refused(rt.check_range, "ratio", 0, exclusive_minimum=0)
    _refused(rt.check_range, "ratio", 1, exclusive_maximum=1)


def test_check_items() -> None:
    rt.check_items("ids", [1, True, "1"], min_items=1, max_items=3, unique=True)
    _refused(rt.check_items, "ids", [], min_items=1)
    _refused(rt.check_items, "ids", [1, 2, 3], max_items=2)
    assert "repeats" in _refused(rt.check_items, "ids", [1, 2, 1.0], unique=True)
    _refused(rt.check_items, "ids", [{"a": 1}, {"a": 1}], unique=True)
