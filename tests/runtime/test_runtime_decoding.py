"""Decoding response bodies into models and encoding arguments (the runtime's ``_decoding`` helpers)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import httpx
import imgrt_runtime as rt
import pytest


class Color(enum.Enum):
    RED = "red"


@dataclass
class Image:
    id: str
    raw_response: httpx.Response | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: Any) -> Image:
        return cls(id=data["id"])

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id}


def _response(body: bytes) -> httpx.Response:
    return httpx.Response(200, content=body, request=httpx.Request("GET", "https://api.example.com/images/1"))


def test_decode_response_builds_the_model_and_attaches_the_response() -> None:
    response = _response(b'{"id": "1"}')

    image = rt.decode_response(response, Image.from_dict)

    assert image == Image(id="1")
    assert image.raw_response is response


@pytest.mark.parametrize("body", [b"<html>oops</html>", b'{"name": "no id"}'])
def test_decode_response_refuses_a_body_that_does_not_match(body: bytes) -> None:
    with pytest.raises(rt.ResponseDecodeError, match="200"):
        rt.decode_response(_response(body), Image.from_dict)


def test_decode_union_takes_the_first_decoder_that_accepts() -> None:
    assert rt.decode_union({"id": "2"}, [int, Image.from_dict]) == Image(id="2")
    assert rt.decode_union("x", [int]) == "x"


def test_encode_json() -> None:
    value = {"image": Image("3"), "color": Color.RED, "when": [date(2024, 1, 2), datetime(2024, 1, 2, tzinfo=UTC)]}

    assert rt.encode_json(value) == {
        "image": {"id": "3"},
        "color": "red",
        "when": ["2024-01-02", "2024-01-02T00:00:00+00:00"],
    }


def test_header_values_drop_none_and_format_scalars() -> None:
    assert rt.header_values({"X-A": None, "X-B": True, "X-C": Color.RED, "X-D": 5}) == {
        "X-B": "true",
        "X-C": "red",
        "X-D": "5",
    }
