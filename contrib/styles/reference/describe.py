"""The IR in words: schemas as short type descriptions, behaviours and credentials as sentences.

Nothing here knows a programming language: the reference describes the HTTP API
as the generated clients of every style see it.
"""

from __future__ import annotations

import json

from generator.ir import (
    AnySchema,
    ArraySchema,
    AsyncJob,
    Behaviour,
    EnumSchema,
    JobStatus,
    ObjectSchema,
    Pagination,
    PresignedDownload,
    PrimitiveSchema,
    RedirectDownload,
    RefSchema,
    Schema,
    SecurityScheme,
    StreamedDownload,
    UnionSchema,
)

MAX_ENUM_SHOWN = 8
"""An enum longer than this is described by its first values and a count."""


def type_of(schema: Schema | None) -> str:
    """``string (uuid)``, ``array of Asset``, ``one of "png", "jpeg"``, ``Asset or null``."""
    if schema is None:
        return "any"
    text = _shape(schema)
    return f"{text} or null" if schema.nullable else text


def _shape(schema: Schema) -> str:
    if isinstance(schema, PrimitiveSchema):
        detail = schema.format or schema.content_media_type
        return f"{schema.kind} ({detail})" if detail else schema.kind
    if isinstance(schema, EnumSchema):
        shown = ", ".join(json.dumps(v) for v in schema.values[:MAX_ENUM_SHOWN])
        more = len(schema.values) - MAX_ENUM_SHOWN
        return f"one of {shown}" + (f" and {more} more" if more > 0 else "")
    if isinstance(schema, ArraySchema):
        return f"array of {type_of(schema.items)}"
    if isinstance(schema, RefSchema):
        return schema.name
    if isinstance(schema, UnionSchema):
        word = "one of" if schema.exclusive else "any of"
        by = f", by {schema.discriminator.property_name}" if schema.discriminator else ""
        return f"{word} ({' | '.join(type_of(v) for v in schema.variants)}{by})"
    if isinstance(schema, ObjectSchema):
        if not schema.properties and isinstance(schema.additional_properties, ArraySchema | PrimitiveSchema):
            return f"map of {type_of(schema.additional_properties)}"
        return "object"
    assert isinstance(schema, AnySchema)
    return "any"


def constraints(schema: Schema | None) -> list[str]:
    """The checks a client makes before sending, in words (``at most 64 characters``)."""
    if isinstance(schema, ArraySchema):
        counts = [(schema.min_items, "at least"), (schema.max_items, "at most")]
        return [f"{word} {_count(n, 'item')}" for n, word in counts if n is not None]
    if not isinstance(schema, PrimitiveSchema):
        return []
    c = schema.constraints
    words = [
        (c.minimum, ">= {}"),
        (c.maximum, "<= {}"),
        (c.exclusive_minimum, "> {}"),
        (c.exclusive_maximum, "< {}"),
        (c.multiple_of, "a multiple of {}"),
    ]
    lengths = [(c.min_length, "at least"), (c.max_length, "at most")]
    found = [f"{word} {_count(n, 'character')}" for n, word in lengths if n is not None]
    found += [template.format(_number(value)) for value, template in words if value is not None]
    if c.pattern is not None:
        found.append(f"matches `{c.pattern}`")
    return found


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _number(value: float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() and abs(value) < 1e15 else str(value)


def behaviour(node: Behaviour) -> str:
    """What a download behaviour means for someone calling the operation."""
    if isinstance(node, StreamedDownload):
        return f"The {node.status} response is the file itself ({', '.join(node.media_types)}), streamed to disk."
    if isinstance(node, RedirectDownload):
        trigger = f" when `{node.trigger_parameter}` asks for it" if node.trigger_parameter else ""
        return (
            f"Answers {node.status}{trigger} with the file's address in `{node.location_header}`; "
            "the file is fetched from there without credentials."
        )
    if isinstance(node, PresignedDownload):
        expiry = f", valid until `{node.expires_field}` ({node.expires_format})" if node.expires_field else ""
        return (
            f"The {node.status} response holds a presigned link in `{node.url_field}`{expiry}; "
            "the file is fetched from it without credentials."
        )
    if isinstance(node, Pagination):
        size = f" and `{node.size_parameter}`" if node.size_parameter else ""
        return (
            f"Paginated by {node.style} (`{node.page_parameter}`{size}, from {node.first_page}); "
            f"the items are in `{node.items_field}`."
        )
    if isinstance(node, AsyncJob):
        return (
            f"Starts a job; `{node.poll_operation_id}` is polled until `{node.status_field}` is "
            f"{_either(node.succeeded)} (failed: {_either(node.failed) or 'never'})."
        )
    assert isinstance(node, JobStatus)
    url = f"; the result is at `{node.result_url_field}`" if node.result_url_field else ""
    return f"Reports a job's state in `{node.status_field}`: done when {_either(node.succeeded)}{url}."


def _either(values: tuple[object, ...]) -> str:
    return " or ".join(json.dumps(v) for v in values)


def credential(scheme: SecurityScheme) -> str:
    """How a scheme's credential travels."""
    if scheme.kind == "apiKey":
        return f"API key in the {scheme.location} `{scheme.parameter_name}`"
    if scheme.kind == "http":
        return f"HTTP {scheme.http_scheme} authentication"
    return f"{scheme.kind} token, sent as `Authorization: Bearer`"
