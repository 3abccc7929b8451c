"""Markdown's contexts, one filter each: prose, a table cell, inline code, an HTML comment."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ud800-\udfff]")
_BACKTICKS = re.compile(r"`+")


def prose(value: object) -> str:
    """Paragraphs of text: no HTML, no control characters; newlines kept."""
    text = _CONTROL.sub(" ", str(value or "")).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(value: object) -> str:
    """One table cell: a single line, ``|`` escaped."""
    return " ".join(prose(value).split()).replace("|", "\\|")


def code(value: object) -> str:
    """Inline code holding ``value`` exactly (a fence longer than any run of backticks inside)."""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    fence = "`" * (max((len(m) for m in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def comment(value: object) -> str:
    """Text inside ``<!-- ... -->`` that cannot close it."""
    return " ".join(_CONTROL.sub(" ", str(value)).split()).replace("--", "- -").replace(">", "&gt;")


FILTERS: dict[str, Callable[..., Any]] = {"prose": prose, "cell": cell, "code": code, "comment": comment}
