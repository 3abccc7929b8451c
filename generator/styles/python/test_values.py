"""Values for generated tests, as Python: arguments as code, and what the client must send for them.

The values come from the language-neutral planning in ``generator.core.test_values``;
this module writes them as Python (``render``, ``arg_code``), says what must arrive on
the wire or come back from ``to_dict`` (``canonical``), and how the runtime writes a
scalar into a URL or header.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...core.literals import literal
from ...core.query import json_scalar_text, nested_json, path_text
from ...core.schemas import NamedKind
from ...core.test_values import Bad, Repeat, marked, parse_date, walk
from ...ir import ArraySchema, EnumSchema, ObjectSchema, Parameter, PrimitiveSchema, RefSchema, Schema, UnionSchema
from .types import PYTHON_LITERALS, TypeMapper, py_literal

MODELS = "models"
"""How a test module reaches the package's models (``from pkg import models``): no model name can shadow a helper."""
_DATE_FORMATS = ("date", "date-time")


def render(value: Any) -> str:
    """A JSON value (with markers) as a Python literal."""
    return literal(value, _SPELLING)


def _text(text: str) -> str:
    """A string literal, with a long run at its end written ``"abc" + "x" * 5000``."""
    run = len(text) - len(text.rstrip(text[-1:]))
    if run < 40:
        return py_literal(text)
    head = text[: len(text) - run]
    repeat = f"{py_literal(text[-1])} * {run}"
    return f"{py_literal(head)} + {repeat}" if head else repeat


_SPELLING = marked(
    PYTHON_LITERALS,
    bad=lambda value: _text(value) if isinstance(value, str) else py_literal(value),
    repeat=lambda item, count: f"[{item}] * {count}",
)


def model_name(mapper: TypeMapper, schema: Schema) -> str:
    return f"{MODELS}.{mapper.hint(schema).removesuffix(' | None')}"


def arg_code(mapper: TypeMapper, schema: Schema, value: Any) -> str:
    """Code for an argument of type ``mapper.hint(schema)`` holding the JSON ``value``."""
    if value is None or isinstance(value, Bad):
        return render(value)
    if mapper.is_model(schema):
        return f"{model_name(mapper, schema)}.from_dict({render(value)})"
    if isinstance(schema, RefSchema):
        ref = mapper.classes[schema.name]
        if ref.kind is NamedKind.ENUM:
            return f"{MODELS}.{ref.name}({render(value)})"
        return arg_code(mapper, mapper.named[schema.name].schema, value)
    if isinstance(schema, PrimitiveSchema) and schema.format in ("date", "date-time") and isinstance(value, str):
        kind = "date" if schema.format == "date" else "datetime"
        return f"datetime.{kind}.fromisoformat({py_literal(value)})"
    if isinstance(schema, ArraySchema):
        if isinstance(value, Repeat):
            return f"[{arg_code(mapper, schema.items, value.item)}] * {value.count}"
        if isinstance(value, list):
            return "[" + ", ".join(arg_code(mapper, schema.items, v) for v in value) + "]"
    if isinstance(schema, ObjectSchema) and isinstance(value, dict):
        extra = schema.additional_properties
        if not isinstance(extra, bool):
            return (
                "{" + ", ".join(f"{py_literal(str(k))}: {arg_code(mapper, extra, v)}" for k, v in value.items()) + "}"
            )
    if isinstance(schema, UnionSchema):
        return arg_code(mapper, schema.variants[0], value)
    return render(value)


def canonical(mapper: TypeMapper, schema: Schema, value: Any) -> Any:
    """``value`` as the client encodes it: dates as Python writes them, unset optional properties left out."""
    return walk(mapper, schema, value, _canonical_leaf, drop_none=True)


def _canonical_leaf(schema: PrimitiveSchema | EnumSchema, value: Any) -> Any:
    if isinstance(schema, EnumSchema) or schema.kind != "string" or schema.format not in _DATE_FORMATS:
        return value
    parsed = parse_date(schema.format, value)
    return value if parsed is None else parsed.isoformat()


def scalar_text(value: Any) -> str:
    """One scalar as the runtime writes it into a URL or header: booleans in lower case, a whole number without
    ``.0`` (``json_scalar_text``, as every runtime writes it); an object or array inside the value as Python's JSON
    (``nested_json``)."""
    if isinstance(value, (dict, list)):
        return nested_json(value, integral_floats=False)
    return str(value) if value is None else json_scalar_text(value)


def header_value(mapper: TypeMapper, schema: Schema, value: Any) -> Any:
    """A header or cookie argument's value as the runtime writes it there: its date-times in ISO 8601 with UTC as
    ``Z`` (``format_query_value`` of a ``datetime``), where a path, a query or an exploded header sends the
    ``isoformat()`` the argument encodes to."""
    return walk(mapper, schema, value, _zulu_leaf, drop_none=False)


def _zulu_leaf(schema: PrimitiveSchema | EnumSchema, value: Any) -> Any:
    if isinstance(schema, EnumSchema) or schema.format != "date-time":
        return value
    parsed = parse_date(schema.format, value)
    if parsed is None:
        return value
    text = parsed.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def path_segment(value: Any, param: Parameter | None = None) -> str:
    """A path argument as the runtime writes it: by ``param``'s style (``simple`` without one), percent-encoded."""
    style, explode, name = ("simple", False, "") if param is None else (param.style, param.explode, param.name)
    return path_text(name, value, style, explode, text=scalar_text, escape=lambda text: quote(text, safe=""))
