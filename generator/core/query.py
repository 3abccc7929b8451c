"""Query parameters on the wire: the pairs OpenAPI's ``style`` and ``explode`` give for one value.

Every style's generated tests state what the client must send; the rules are
the specification's, so they live here once. A style passes how its runtime
writes one scalar (``true``, ``1``, ``null``) as ``text``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


def json_scalar_text(value: Any) -> str:
    """One scalar as a runtime that formats numbers as JSON does writes it (``true``, ``null``, ``2`` for 2.0)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def query_pairs(
    name: str, value: Any, style: str, explode: bool, *, text: Callable[[Any], str]
) -> list[tuple[str, str]]:
    """The (name, text) pairs one parameter's value is sent as; none for None or an empty list or object."""
    if value is None:
        return []
    if isinstance(value, dict):
        items = [(str(k), text(v)) for k, v in value.items() if v is not None]
        if style == "deepObject":
            return [(f"{name}[{k}]", v) for k, v in items]
        if explode:
            return items
        return [(name, ",".join(part for pair in items for part in pair))] if items else []
    if isinstance(value, list):
        texts = [text(v) for v in value if v is not None]
        if not texts:
            return []
        if explode and style == "form":
            return [(name, t) for t in texts]
        return [(name, DELIMITERS.get(style, ",").join(texts))]
    return [(name, text(value))]
