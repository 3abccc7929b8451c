"""Query parameters on the wire: the pairs OpenAPI's ``style`` and ``explode`` give for one value.

Every style's generated tests state what the client must send; the rules are
the specification's, so they live here once. A style passes how its runtime
writes one scalar (``true``, ``1``, ``null``) as ``text``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..ir import EnumSchema, Parameter, PrimitiveSchema, Schema

DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


def json_scalar_text(value: Any) -> str:
    """One scalar as a runtime that formats numbers as JSON does writes it (``true``, ``null``, ``2`` for 2.0);
    an object or array inside the value (``nested_json``) as its JSON."""
    if isinstance(value, (dict, list)):
        return nested_json(value, integral_floats=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def nested_json(value: Any, *, integral_floats: bool) -> str:
    """An object or array where a query, header or cookie value holds one (an object in an array, an object's
    member): compact JSON with its keys sorted, as every runtime writes it there; ``integral_floats``: numbers as
    the TypeScript and Go runtimes' JSON writes them (``2`` for 2.0), else as Python's ``json`` does."""
    return json.dumps(
        _integral(value) if integral_floats else value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def _integral(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _integral(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


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


def styled_path(param: Parameter, resolved: Schema) -> bool:
    """Whether a path parameter needs its style written out (a list, an object, a value of any type, or the
    ``label`` or ``matrix`` style); a scalar in the default ``simple`` style is its text, percent-encoded."""
    return param.style != "simple" or not isinstance(resolved, (PrimitiveSchema, EnumSchema))


def wire_form(param: Parameter, resolved: Schema) -> str:
    """How a value of ``param`` (its schema resolved) is written, in words: ``one JSON text`` (a JSON ``content``),
    ``its text`` (a scalar in a query, header or cookie, or a ``simple`` path segment, whatever the style says),
    or its style and explode (a list or an object; a scalar in a ``label`` or ``matrix`` path segment)."""
    scalar = isinstance(resolved, (PrimitiveSchema, EnumSchema))
    if param.sent_as_json:
        return "its text" if scalar else "one JSON text"
    if scalar and (param.location != "path" or param.style not in ("label", "matrix")):
        return "its text"
    if scalar:
        return f"{param.style} style"
    return f"{param.style} style, exploded" if param.explode else f"{param.style} style, not exploded"


def _identity(text: str) -> str:
    return text


def _parts(value: Any, explode: bool, text: Callable[[Any], str], escape: Callable[[str], str]) -> list[str] | None:
    """A list's items or an object's keys and values (``key=value`` when exploded), each escaped; None for a scalar."""
    if isinstance(value, dict):
        pairs = [(escape(str(k)), escape(text(v))) for k, v in value.items() if v is not None]
        return [f"{k}={v}" for k, v in pairs] if explode else [part for pair in pairs for part in pair]
    if isinstance(value, (list, tuple)):
        return [escape(text(v)) for v in value if v is not None]
    return None


def path_text(
    name: str,
    value: Any,
    style: str,
    explode: bool,
    *,
    text: Callable[[Any], str],
    escape: Callable[[str], str] = _identity,
) -> str:
    """What replaces ``{name}`` in the path: OpenAPI's ``simple`` (the default: ``1,2``, an object ``k,v`` or
    ``k=v`` exploded), ``label`` (``.1,2``, ``.1.2`` exploded) or ``matrix`` style (``;id=1,2``, ``;id=1;id=2``
    exploded); every name, key and item passed through ``escape`` (percent-encoding), the delimiters not."""
    parts = _parts(value, explode, text, escape)
    if style == "label":
        return "." + ("." if explode else ",").join([escape(text(value))] if parts is None else parts)
    if style == "matrix":
        key = escape(name)
        if parts is None:
            single = escape(text(value))
            return f";{key}={single}" if single else f";{key}"
        if not parts:
            return f";{key}"
        if explode:
            return "".join(f";{part}" if isinstance(value, dict) else f";{key}={part}" for part in parts)
        return f";{key}=" + ",".join(parts)
    return escape(text(value)) if parts is None else ",".join(parts)


def simple_text(value: Any, explode: bool, *, text: Callable[[Any], str]) -> str | None:
    """A header parameter's value (OpenAPI's ``simple`` style, as in a path); None, no header, for an empty list
    or object."""
    parts = _parts(value, explode, text, _identity)
    if parts is None:
        return text(value)
    return ",".join(parts) if parts else None
