"""JSON values as a language's literals: one walk over lists and objects, each language spelling the parts.

A style gives its ``Spelling`` (how it writes a leaf, a list of items already written
and an object of keys and values already written); ``literal`` walks the value. The
core writes no text of any language here: every bracket, comma and quote is the style's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..immutable import immutable


@immutable
class Spelling:
    """How a language writes the parts of a JSON value."""

    scalar: Callable[[Any], str]
    """A leaf: null, a boolean, a number, a string, or any other value that is neither a list nor a dict."""
    array: Callable[[list[str]], str]
    """A list from its items already written."""
    mapping: Callable[[list[tuple[str, str]]], str]
    """An object from its keys (as text) and its values already written."""


def literal(value: Any, how: Spelling) -> str:
    """``value`` as code: lists and dicts walked here, in order, every other value written by ``how.scalar``."""
    if isinstance(value, list):
        return how.array([literal(item, how) for item in value])
    if isinstance(value, dict):
        return how.mapping([(str(key), literal(item, how)) for key, item in value.items()])
    return how.scalar(value)
