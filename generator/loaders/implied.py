"""The type of a schema that has no ``type``, read from the keywords it does have.

A schema without ``type`` allows any value as JSON Schema reads it, but a document
that writes ``{properties: ...}``, ``{items: ...}``, ``{format: date-time}`` or
``{minimum: 0}`` means an object, an array, a string or a number: the keywords it
uses apply to values of one type only. Read here once, for every dialect, so every
style types such a schema as that type instead of any value:

- object keywords (``properties``, ``additionalProperties``, ``required``, ...): an object;
- otherwise array keywords (``items``, ``minItems``, ...): an array;
- otherwise string keywords (``minLength``, ``pattern``, ...) or a string ``format``
  (``date-time``, ``uuid``, ...): a string; number keywords (``minimum``, ``multipleOf``,
  ...) or a number ``format``: a number, an integer when the format says one (``int64``).

A schema whose keywords belong to both strings and numbers is ambiguous: any value,
with ``W016`` at it (so it is counted as unreadable, not as the document's free form).
A schema of annotations only (``{}``, ``{description: ...}``) says nothing of its type
and stays any value. Enums and ``const`` are typed by their values (``schemas._enum``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .context import LoadContext, Node

OBJECT_KEYWORDS = frozenset(
    {"properties", "additionalProperties", "required", "patternProperties", "minProperties", "maxProperties"}
    | {"propertyNames", "dependentRequired", "dependentSchemas", "unevaluatedProperties"}
)
ARRAY_KEYWORDS = frozenset(
    {"items", "minItems", "maxItems", "uniqueItems", "prefixItems", "contains", "minContains", "maxContains"}
    | {"unevaluatedItems"}
)
STRING_KEYWORDS = frozenset({"minLength", "maxLength", "pattern", "contentMediaType", "contentEncoding"})
NUMBER_KEYWORDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"})

FORMAT_KINDS: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "date-time",
            "date",
            "time",
            "duration",
            "email",
            "idn-email",
            "hostname",
            "idn-hostname",
            "ipv4",
            "ipv6",
            "uri",
            "uri-reference",
            "uri-template",
            "iri",
            "iri-reference",
            "url",
            "uuid",
            "json-pointer",
            "relative-json-pointer",
            "regex",
            "byte",
            "binary",
            "password",
        ),
        "string",
    ),
    **dict.fromkeys(("int32", "int64"), "integer"),
    **dict.fromkeys(("float", "double"), "number"),
}
"""Formats of one JSON type (those of JSON Schema and of OpenAPI's data types); other formats imply none."""

AMBIGUOUS = "no `type`, and keywords of both strings and numbers: read as any value"
"""The ``W016`` message at a schema whose keywords imply more than one type."""


def implied_types(ctx: LoadContext, node: Node) -> list[str]:
    """The one type ``node``'s keywords imply (``node`` has no ``type``), or none."""
    value: dict[str, Any] = node.value
    keys = value.keys()
    if keys & OBJECT_KEYWORDS:
        return ["object"]
    if keys & ARRAY_KEYWORDS:
        return ["array"]
    written = value.get("format")
    by_format = FORMAT_KINDS.get(written) if isinstance(written, str) else None
    string = by_format == "string" or bool(keys & STRING_KEYWORDS)
    number = by_format in ("integer", "number") or bool(keys & NUMBER_KEYWORDS)
    if string and number:
        ctx.warning("W016", AMBIGUOUS, node)
        return []
    if string:
        return ["string"]
    if number:
        return ["integer" if by_format == "integer" else "number"]
    return []
