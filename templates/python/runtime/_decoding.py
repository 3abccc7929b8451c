"""Turning response bodies into models, and arguments into request parts, for generated operations."""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import httpx

from ._bodies import MAX_JSON_DEPTH, json_too_deep
from ._errors import APIError
from ._serialization import simple_text

T = TypeVar("T")


class ResponseDecodeError(APIError):
    """The API answered with a success status but a body that does not match the spec."""

    def __init__(self, response: httpx.Response, problem: str) -> None:
        super().__init__(f"cannot decode the {response.status_code} response: {problem}")
        self.response = response


class ResponseTooLargeError(ResponseDecodeError):
    """A success body read into memory was larger than the client's ``max_body_size``; it was not read whole."""

    def __init__(self, response: httpx.Response, limit: int, declared: int | None = None) -> None:
        size = f"{declared} bytes" if declared is not None else "more"
        super().__init__(response, f"the body has {size}, past the limit of {limit} bytes (max_body_size)")
        self.limit = limit


def decode_response(response: httpx.Response, decoder: Callable[[Any], T]) -> T:
    """The decoded body; a model also gets ``raw_response`` for headers and status.

    JSON (or an unlabelled body) is parsed; a body the server labels otherwise is
    handed over as text (``text/*``, XML) or bytes, never guessed at.
    """
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    data: Any
    if media and not (media == "application/json" or media.endswith("+json")):
        data = response.text if media.startswith("text/") or media.endswith("xml") else response.content
    else:
        if json_too_deep(response.content):
            raise ResponseDecodeError(response, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        try:
            data = response.json()
        except (ValueError, RecursionError) as exc:
            raise ResponseDecodeError(response, f"not JSON ({exc})") from None
    try:
        result = decoder(data)
    except DecodeProblem as problem:
        raise ResponseDecodeError(response, str(problem)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResponseDecodeError(response, f"{type(exc).__name__}: {exc}") from None
    if hasattr(result, "raw_response"):
        result.raw_response = response
    return result


_JSON_KINDS = {str: "a string", bool: "true or false", dict: "an object", list: "an array", type(None): "null"}


def decode_number(value: Any) -> float:
    """A JSON number as a ``float`` (``1`` decodes as ``1.0``); anything else is a ``DecodeProblem``.

    A string of digits stays a string: in a union of a number and a string, ``"42"`` is the string's.
    """
    kind = type(value)
    if kind is float:
        return value  # type: ignore[no-any-return]
    if kind is int:
        try:
            return float(value)
        except OverflowError:  # JSON's 400-digit integer: past a double
            raise DecodeProblem("an integer beyond a double's range where a number belongs") from None
    raise DecodeProblem(f"{_JSON_KINDS.get(kind, kind.__name__)} where a number belongs")


def decode_union(value: Any, decoders: Sequence[Callable[[Any], Any]]) -> Any:
    """The first decoder's result that accepts ``value``; the value itself if none does."""
    for decoder in decoders:
        try:
            return decoder(value)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return value


class DecodeProblem(ValueError):
    """A body that does not match the spec at ``path`` (keys and indexes from the body's root, ``$``)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path: list[str | int] = []

    def inside(self, step: str | int) -> DecodeProblem:
        """The same problem one level further down: ``step`` is the key or index of the value it is in."""
        self.path.insert(0, step)
        return self

    @property
    def location(self) -> str:
        """``$.pets[2].owner``: where the problem is, as a JSONPath from the body's root."""
        parts = ["$"]
        for step in self.path:
            if isinstance(step, int):
                parts.append(f"[{step}]")
            elif step.isidentifier():
                parts.append(f".{step}")
            else:
                parts.append(f"[{json.dumps(step, ensure_ascii=False)}]")
        return "".join(parts)

    def __str__(self) -> str:
        return f"at {self.location}: {self.problem}"


def decode_list(value: Any, decoder: Callable[[Any], Any]) -> list[Any]:
    """Each item of a JSON array decoded; a problem inside names the item's index."""
    result: list[Any] = []
    for index, item in enumerate(value):
        try:
            result.append(decoder(item))
        except DecodeProblem as problem:
            raise problem.inside(index) from None
    return result


def decode_map(value: Any, decoder: Callable[[Any], Any]) -> dict[str, Any]:
    """Each value of a JSON object decoded; a problem inside names the value's key."""
    result: dict[str, Any] = {}
    for key, item in value.items():
        try:
            result[key] = decoder(item)
        except DecodeProblem as problem:
            raise problem.inside(key) from None
    return result


def decode_tagged(
    value: Any,
    property_name: str,
    choices: Mapping[str, int],
    decoders: Sequence[Callable[[Any], Any]],
    *,
    closed: bool,
) -> Any:
    """The variant the discriminator names decodes ``value``: ``choices`` maps its values to ``decoders``.

    When the values are a closed set (``closed``: a mapping, or every variant named), an object whose
    property names no variant, or that lacks it, is a DecodeProblem; else such an object is decoded as
    ``decode_union`` does. A value that is no object is decoded as ``decode_union`` does.
    """
    if isinstance(value, Mapping):
        if property_name in value:
            tag = value[property_name]
            index = choices.get(tag) if isinstance(tag, str) else None
            if index is not None:
                return decoders[index](value)
            if closed:
                known = ", ".join(json.dumps(choice, ensure_ascii=False) for choice in choices)
                shown = json.dumps(tag, ensure_ascii=False)
                raise DecodeProblem(f"{property_name} is {shown}, none of the values the spec maps ({known})")
        elif closed:
            known = ", ".join(json.dumps(choice, ensure_ascii=False) for choice in choices)
            raise DecodeProblem(f"{property_name} is missing; it chooses the variant ({known})")
    return decode_union(value, decoders)


def encode_json(value: Any) -> Any:
    """A JSON-ready copy of ``value``: models, enums, dates and containers converted."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): encode_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode_json(v) for v in value]
    return value


def header_values(headers: Mapping[str, object]) -> dict[str, str]:
    """Header arguments as strings (OpenAPI's simple style); those left as None, and empty lists and objects,
    are not sent."""
    sent: dict[str, str] = {}
    for name, value in headers.items():
        text = None if value is None else simple_text(value)
        if text is not None:
            sent[name] = text
    return sent
