"""Values into URLs (path segments, query styles) and RFC 3339 dates back into Python."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, timedelta, timezone

import imgrt_runtime as rt
import pytest


class Orientation(enum.Enum):
    PORTRAIT = "portrait"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-06T07:08:09Z", datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)),
        ("2024-05-06t07:08:09.123456789z", datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)),
        ("2024-05-06T07:08:09.5+02:00", datetime(2024, 5, 6, 7, 8, 9, 500000, tzinfo=timezone(timedelta(hours=2)))),
        ("2024-05-06 07:08:09-0130", datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone(-timedelta(hours=1, minutes=30)))),
        ("2024-05-06T07:08:09", datetime(2024, 5, 6, 7, 8, 9)),
    ],
)
def test_parse_datetime(text: str, expected: datetime) -> None:
    parsed = rt.parse_datetime(text)

    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["2024-05-06", "yesterday", "2024-13-01T00:00:00Z", "2024-05-06T07:08:09+2"])
def test_parse_datetime_refuses_other_text(text: str) -> None:
    with pytest.raises(ValueError):
        rt.parse_datetime(text)


def test_parse_date() -> None:
    assert rt.parse_date("2024-05-06") == date(2024, 5, 6)
    with pytest.raises(ValueError, match="RFC 3339 date"):
        rt.parse_date("06/05/2024")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (2.5, "2.5"),
        (75000.0, "75000"),  # apideck crm's filter[monetary_amount], decoded from JSON's 75000
        (-0.0, "0"),
        (2.0**53, "9007199254740992.0"),
        (1e-7, "1e-07"),
        ("a b", "a b"),
        (Orientation.PORTRAIT, "portrait"),
        (date(2024, 5, 6), "2024-05-06"),
        (datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC), "2024-05-06T07:08:09Z"),
        (datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=2))), "2024-05-06T07:08:09+02:00"),
        ({"z": "<&>", "a": [1, 2.0], "m": {}}, '{"a":[1,2.0],"m":{},"z":"<&>"}'),  # an object in an array
        (["é", None], '["é",null]'),
    ],
)
def test_format_query_value(value: object, text: str) -> None:
    assert rt.format_query_value(value) == text


def test_encode_query_styles() -> None:
    pairs = rt.encode_query(
        [
            ("ids", [1, 2], "form", True),
            ("tags", ["a", "b"], "form", False),
            ("sizes", ["s", "m"], "spaceDelimited", False),
            ("colors", ["red", None, "blue"], "pipeDelimited", False),
            ("filter", {"type": "photo", "skip": None}, "deepObject", True),
            ("point", {"x": 1, "y": 2}, "form", True),
            ("box", {"w": 3}, "form", False),
            ("missing", None, "form", True),
            ("empty", [], "form", True),
            ("flag", False, "form", True),
        ]
    )

    assert pairs == [
        ("ids", "1"),
        ("ids", "2"),
        ("tags", "a,b"),
        ("sizes", "s m"),
        ("colors", "red|blue"),
        ("filter[type]", "photo"),
        ("x", "1"),
        ("y", "2"),
        ("box", "w,3"),
        ("flag", "false"),
    ]


def test_expand_path_keeps_each_value_in_one_segment() -> None:
    path = rt.expand_path("/a/{id}/b/{name}", {"id": "1/2?x#y", "name": "é %"})

    assert path == "/a/1%2F2%3Fx%23y/b/%C3%A9%20%25"


def test_expand_path_refuses_missing_and_traversing_values() -> None:
    with pytest.raises(rt.RequestValidationError, match=r"'id'.*required"):
        rt.expand_path("/a/{id}", {})
    with pytest.raises(rt.RequestValidationError, match="'id'"):
        rt.expand_path("/a/{id}", {"id": ".."})
