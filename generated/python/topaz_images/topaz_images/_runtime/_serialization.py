# Copied by generator 0.1.0 from templates/python/runtime/_serialization.py. Do not edit.
"""Turning values into path segments and query parameters, and dates from JSON back into Python.

Query parameters follow the OpenAPI ``style``/``explode`` rules: ``form`` with
explode repeats the name for each item (``id=1&id=2``), ``form`` without it
joins with commas, ``spaceDelimited`` and ``pipeDelimited`` join with a space
or a bar, and ``deepObject`` spells an object as ``name[key]=value``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from urllib.parse import quote

from ._errors import RequestValidationError

_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?"
)
_PATH_PARAMETER = re.compile(r"\{([^{}]+)\}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_HEADER_TEXT = re.compile("[^\t\x20-\x7e]")
_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}
_COOKIE_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '",;\\%')
"""RFC 6265 cookie-octets but ``%``: written as they are in a cookie value; the rest is percent-encoded."""


def parse_datetime(value: str) -> datetime:
    """An RFC 3339 date-time (any number of fraction digits, ``Z`` or an offset); naive when it has no offset."""
    match = _DATETIME.fullmatch(value.strip())
    if not match:
        raise ValueError(f"not an RFC 3339 date-time: {value!r}")
    year, month, day, hour, minute, second = (int(part) for part in match.group(1, 2, 3, 4, 5, 6))
    microsecond = int((match.group(7) or "0")[:6].ljust(6, "0"))
    zone: timezone | None = None
    if match.group(8):
        zone = timezone.utc
    elif match.group(9):
        offset = timedelta(hours=int(match.group(10)), minutes=int(match.group(11)))
        zone = timezone(-offset if match.group(9) == "-" else offset)
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=zone)


def parse_date(value: str) -> date:
    """An RFC 3339 full-date, ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"not an RFC 3339 date: {value!r}") from None


def format_query_value(value: object) -> str:
    """One scalar as it goes into a URL: booleans in lower case, dates in ISO 8601 (UTC as ``Z``), enums by value,
    a whole number without ``.0`` (a ``float`` field holds ``1`` read from JSON as ``1.0``); an object or array
    inside a value (an object in an array) as compact JSON with its keys sorted."""
    if isinstance(value, (Mapping, list, tuple)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if isinstance(value, Enum):
        return format_query_value(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))  # a whole number as JSON's example and the other clients write it: 75000, not 75000.0
    return str(value)


def encode_query(params: Sequence[tuple[str, object, str, bool]]) -> list[tuple[str, str]]:
    """Query pairs from ``(name, value, style, explode)``; None values and empty lists are left out."""
    pairs: list[tuple[str, str]] = []
    for name, value, style, explode in params:
        pairs.extend(_encode_one(name, value, style, explode))
    return pairs


def cookie_header(cookies: Sequence[tuple[str, object]]) -> str | None:
    """The ``Cookie`` header for ``(name, value)`` pairs, None values left out; None when none is set.

    A value is written as in a URL (an array's items joined by ``,``), then every character
    that is no RFC 6265 cookie-octet, and ``%``, is percent-encoded as UTF-8.
    """
    sent: list[str] = []
    for name, value in cookies:
        if value is None:
            continue
        if isinstance(value, Mapping):
            text = ",".join(f"{format_query_value(k)},{format_query_value(v)}" for k, v in value.items())
        elif isinstance(value, (list, tuple)):
            text = ",".join(format_query_value(item) for item in value)
        else:
            text = format_query_value(value)
        check_text(name, text)
        sent.append(f"{name}={quote(text, safe=_COOKIE_SAFE)}")
    return "; ".join(sent) or None


class PathSegment(str):
    """A path parameter already written by its style, percent-encoded (``expand_path`` puts it in as it is)."""

    __slots__ = ()


def server_variable(value: str) -> str:
    """A server variable's value in the default address: percent-encoded but for what an address keeps (``/:@``)."""
    return quote(value, safe="/:@")


def path_segment(name: str, value: object, style: str = "simple", explode: bool = False) -> PathSegment:
    """A path parameter by OpenAPI's ``style``: ``simple`` (``1,2``; an object ``k,v``, exploded ``k=v``),
    ``label`` (``.1,2``, exploded ``.1.2``) or ``matrix`` (``;id=1,2``, exploded ``;id=1;id=2``).

    Every name, key and item is percent-encoded, the delimiters are not.
    """

    def escape(text: str) -> str:
        check_text(name, text)
        return quote(text, safe="")

    parts = _simple_parts(value, explode, escape)
    key = escape(name)
    if parts is None:
        single = escape(format_query_value(value))
        if style == "label":
            return PathSegment("." + single)
        if style == "matrix":
            return PathSegment(f";{key}={single}" if single else f";{key}")
        return PathSegment(single)
    if style == "label":
        return PathSegment("." + ("." if explode else ",").join(parts))
    if style == "matrix" and not parts:
        return PathSegment(f";{key}")
    if style == "matrix" and explode and isinstance(value, Mapping):
        return PathSegment("".join(f";{part}" for part in parts))
    if style == "matrix" and explode:
        return PathSegment("".join(f";{key}={part}" for part in parts))
    if style == "matrix":
        return PathSegment(f";{key}=" + ",".join(parts))
    return PathSegment(",".join(parts))


def simple_text(value: object, explode: bool = False) -> str | None:
    """A value by OpenAPI's ``simple`` style (a header's): a list's items joined by commas, an object as ``k,v``
    (exploded ``k=v``); None for an empty list or object, which is not sent."""
    parts = _simple_parts(value, explode, str)
    if parts is None:
        return format_query_value(value)
    return ",".join(parts) if parts else None


def _simple_parts(value: object, explode: bool, escape: Callable[[str], str]) -> list[str] | None:
    """A list's items or an object's keys and values (``key=value`` exploded), each escaped; None for a scalar."""
    if isinstance(value, Mapping):
        pairs = [(escape(str(k)), escape(format_query_value(v))) for k, v in value.items() if v is not None]
        return [f"{k}={v}" for k, v in pairs] if explode else [part for pair in pairs for part in pair]
    if isinstance(value, (list, tuple)):
        return [escape(format_query_value(item)) for item in value if item is not None]
    return None


def expand_path(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by its value, percent-encoded so that it stays one segment
    (a ``PathSegment`` is put in as it is)."""

    def segment(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value is None:
            raise RequestValidationError(name, "is required")
        if value in ("", ".", ".."):
            raise RequestValidationError(name, f"{value!r} is not a usable path segment")
        check_text(name, value)
        return value if isinstance(value, PathSegment) else quote(value, safe="")

    return _PATH_PARAMETER.sub(segment, template)


def check_text(label: str, value: str) -> None:
    """Refuse a value that cannot be sent as UTF-8: one holding a lone surrogate (U+D800 to U+DFFF)."""
    found = _LONE_SURROGATE.search(value)
    if found is not None:
        raise RequestValidationError(label, _surrogate(found.group()))


def set_header(headers: MutableMapping[str, str], name: str, value: str) -> None:
    """Set the header ``name``, replacing one of that name in another case: a header is sent once, whatever the case
    of its name, the later source's (an operation's own ``user-agent`` parameter, shutterstock's, replaces the
    client's User-Agent, where httpx joined the two with a comma)."""
    folded = name.lower()
    for other in [key for key in headers if key != name and key.lower() == folded]:
        del headers[other]
    headers[name] = value


def check_header_value(name: str, value: str) -> None:
    """Refuse a header value that is not one line of ASCII text (CR or LF would end the header and start another)."""
    found = _NOT_HEADER_TEXT.search(value)
    if found is None:
        return
    character = found.group()
    if _LONE_SURROGATE.fullmatch(character):
        problem = _surrogate(character)
    elif character < " " or character == "\x7f":
        problem = f"contains the control character U+{ord(character):04X}; a header value must be one line of text"
    else:
        problem = f"contains U+{ord(character):04X}; a header value must be ASCII"
    raise RequestValidationError(name, problem)


def _surrogate(character: str) -> str:
    return f"contains a lone surrogate U+{ord(character):04X}, which is not text and cannot be sent"


def _encode_one(name: str, value: object, style: str, explode: bool) -> list[tuple[str, str]]:
    if value is None:
        return []
    if isinstance(value, Mapping):
        items = [(str(key), format_query_value(item)) for key, item in value.items() if item is not None]
        if style == "deepObject":
            return [(f"{name}[{key}]", item) for key, item in items]
        if explode:
            return items
        return [(name, ",".join(part for pair in items for part in pair))] if items else []
    if isinstance(value, (list, tuple, set, frozenset)):
        texts = [format_query_value(item) for item in value if item is not None]
        if not texts:
            return []
        if explode and style == "form":
            return [(name, text) for text in texts]
        return [(name, _DELIMITERS.get(style, ",").join(texts))]
    return [(name, format_query_value(value))]
