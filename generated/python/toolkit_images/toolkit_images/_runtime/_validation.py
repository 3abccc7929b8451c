# Copied by generator 0.1.0 from templates/python/runtime/_validation.py. Do not edit.
"""Checks run before a request is sent, so a bad argument fails at once and names its parameter.

Each check raises RequestValidationError and otherwise returns None (except
``check_uuid``, which also returns the value as text). The server stays the
final judge: a spec pattern Python cannot compile is not enforced here.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Collection, Sequence, Sized
from enum import Enum

from ._errors import RequestValidationError

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_ECMA_END = re.compile(r"(\\.|\[(?:\\.|[^\]\\])*\])|\$")
"""An escape or a character class (kept as they are), or an end anchor ``$`` (rewritten)."""


def check_required(parameter: str, value: object) -> None:
    if value is None:
        raise RequestValidationError(parameter, "is required")


def check_uuid(parameter: str, value: str | uuid.UUID) -> str:
    """``value`` as a hyphenated UUID string; refuses anything else (braces, URNs, missing hyphens)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if not isinstance(value, str) or not _UUID.fullmatch(value):
        raise RequestValidationError(parameter, f"must be a hyphenated UUID, got {_show(value)}")
    return value


def check_pattern(parameter: str, value: str, pattern: str) -> None:
    """``value`` must contain a match of the spec's (ECMA-262) ``pattern``, which is not implicitly anchored."""
    compiled = _compile(pattern)
    if compiled is not None and not compiled.search(value):
        raise RequestValidationError(parameter, f"must match {pattern!r}, got {_show(value)}")


def check_enum(parameter: str, value: object, allowed: Collection[object]) -> None:
    plain = value.value if isinstance(value, Enum) else value
    if not any(_json_equal(plain, option) for option in allowed):
        choices = ", ".join(repr(option) for option in allowed)
        raise RequestValidationError(parameter, f"must be one of {choices}, got {_show(value)}")


def check_length(parameter: str, value: Sized, *, min_length: int | None = None, max_length: int | None = None) -> None:
    """Length in characters (code points) for text, in items otherwise."""
    length = len(value)
    if min_length is not None and length < min_length:
        raise RequestValidationError(parameter, f"must be at least {min_length} long, got {length}")
    if max_length is not None and length > max_length:
        raise RequestValidationError(parameter, f"must be at most {max_length} long, got {length}")


def check_range(
    parameter: str,
    value: float,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    exclusive_minimum: float | None = None,
    exclusive_maximum: float | None = None,
) -> None:
    if minimum is not None and value < minimum:
        raise RequestValidationError(parameter, f"must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise RequestValidationError(parameter, f"must be <= {maximum}, got {value}")
    if exclusive_minimum is not None and value <= exclusive_minimum:
        raise RequestValidationError(parameter, f"must be > {exclusive_minimum}, got {value}")
    if exclusive_maximum is not None and value >= exclusive_maximum:
        raise RequestValidationError(parameter, f"must be < {exclusive_maximum}, got {value}")


def check_items(
    parameter: str,
    values: Sequence[object],
    *,
    min_items: int | None = None,
    max_items: int | None = None,
    unique: bool = False,
) -> None:
    """Item count bounds, and JSON-style uniqueness (``true`` and ``1`` differ, ``1`` and ``1.0`` do not)."""
    if min_items is not None and len(values) < min_items:
        raise RequestValidationError(parameter, f"needs at least {min_items} items, got {len(values)}")
    if max_items is not None and len(values) > max_items:
        raise RequestValidationError(parameter, f"takes at most {max_items} items, got {len(values)}")
    if unique:
        for index, item in enumerate(values):
            if any(_json_equal(item, earlier) for earlier in values[:index]):
                raise RequestValidationError(parameter, f"items must be unique, {_show(item)} repeats")


@functools.lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str] | None:
    """The ECMA pattern in Python syntax: ``$`` becomes ``\\Z`` (Python's ``$`` also matches before a final newline)."""
    translated = _ECMA_END.sub(lambda match: match.group(1) or r"\Z", pattern)
    try:
        return re.compile(translated)
    except re.error:
        return None


def _json_equal(left: object, right: object) -> bool:
    return isinstance(left, bool) == isinstance(right, bool) and left == right


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
