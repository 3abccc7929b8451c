"""Models described by a table: one decode, encode and check for every generated dataclass.

A generated model is a plain dataclass deriving from ``Model`` whose ``_table()``
lists its fields: the attribute, the JSON key, a ``Codec`` that says how the
value travels, and whether it is required. Codecs are small objects, built once
per class on first use:

- ``Value`` (strings, integers, booleans, with the spec's constraints), ``Number``
  (JSON numbers as ``float``), ``DATE`` and ``DATETIME``;
- ``ListOf``, ``MapOf``, ``DICT`` (an object without a typed value), ``Nullable``;
- ``ModelOf`` and ``EnumOf`` for the package's own classes, ``UnionOf``, ``TaggedUnionOf``, ``ANY``.

So the behaviour lives here once, tested once, and a model costs its
attribute lines and one line per field, however large the API.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, NamedTuple, Self, cast

from ._decoding import DecodeProblem, decode_list, decode_map, decode_number, decode_tagged, decode_union, encode_json
from ._serialization import parse_date, parse_datetime
from ._validation import check_enum, check_items, check_length, check_pattern, check_range, check_uuid

__all__ = [
    "ANY",
    "DATE",
    "DATETIME",
    "DICT",
    "Codec",
    "EnumOf",
    "Field",
    "ListOf",
    "MapOf",
    "Model",
    "ModelOf",
    "Nullable",
    "Number",
    "TaggedUnionOf",
    "UnionOf",
    "Value",
]


class Codec:
    """A JSON value as it is: decoded and encoded unchanged, nothing to check."""

    __slots__ = ()

    def decode(self, value: Any) -> Any:
        return value

    def encode(self, value: Any) -> Any:
        return value

    def check(self, label: str, value: Any) -> None:
        """Raise RequestValidationError naming ``label`` if ``value`` breaks a constraint of the spec."""


ANY = Codec()


class Value(Codec):
    """A string, integer or boolean, with the spec's constraints on it."""

    __slots__ = ("choices", "constraints", "uuid")

    def __init__(self, *, choices: Sequence[object] | None = None, uuid: bool = False, **constraints: Any) -> None:
        self.choices = tuple(choices) if choices is not None else None
        self.uuid = uuid
        self.constraints = {k: v for k, v in constraints.items() if v is not None}

    def check(self, label: str, value: Any) -> None:
        if self.choices is not None:
            check_enum(label, value, self.choices)
        if self.uuid:
            check_uuid(label, value)
        c = self.constraints
        if "pattern" in c:
            check_pattern(label, value, c["pattern"])
        if "min_length" in c or "max_length" in c:
            check_length(label, value, min_length=c.get("min_length"), max_length=c.get("max_length"))
        bounds = {k: c[k] for k in ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum") if k in c}
        if bounds:
            check_range(label, value, **bounds)


class Number(Value):
    """A JSON number, always a ``float`` in Python (``1`` on the wire decodes as ``1.0``; see ``decode_number``)."""

    __slots__ = ()

    def decode(self, value: Any) -> Any:
        return decode_number(value)


class _Date(Codec):
    __slots__ = ()

    def decode(self, value: Any) -> Any:
        return parse_date(value)

    def encode(self, value: Any) -> Any:
        return value.isoformat()


class _DateTime(_Date):
    __slots__ = ()

    def decode(self, value: Any) -> Any:
        return parse_datetime(value)


DATE = _Date()
DATETIME = _DateTime()


class _Dict(Codec):
    __slots__ = ()

    def decode(self, value: Any) -> Any:
        return dict(value)

    def encode(self, value: Any) -> Any:
        return dict(value)


DICT = _Dict()


class Nullable(Codec):
    """``inner``, or ``null``."""

    __slots__ = ("inner",)

    def __init__(self, inner: Codec) -> None:
        self.inner = inner

    def decode(self, value: Any) -> Any:
        return None if value is None else self.inner.decode(value)

    def encode(self, value: Any) -> Any:
        return None if value is None else self.inner.encode(value)

    def check(self, label: str, value: Any) -> None:
        if value is not None:
            self.inner.check(label, value)


class ListOf(Codec):
    """A JSON array of ``item``, with the spec's item count and uniqueness."""

    __slots__ = ("item", "max_items", "min_items", "unique")

    def __init__(
        self, item: Codec, *, min_items: int | None = None, max_items: int | None = None, unique: bool = False
    ) -> None:
        self.item = item
        self.min_items = min_items
        self.max_items = max_items
        self.unique = unique

    def decode(self, value: Any) -> Any:
        return decode_list(value, self.item.decode)

    def encode(self, value: Any) -> Any:
        return [self.item.encode(v) for v in value]

    def check(self, label: str, value: Any) -> None:
        if self.min_items is not None or self.max_items is not None or self.unique:
            check_items(label, value, min_items=self.min_items, max_items=self.max_items, unique=self.unique)
        for v in value:
            self.item.check(label, v)


class MapOf(Codec):
    """A JSON object whose values are all ``value``."""

    __slots__ = ("value",)

    def __init__(self, value: Codec) -> None:
        self.value = value

    def decode(self, value: Any) -> Any:
        return decode_map(value, self.value.decode)

    def encode(self, value: Any) -> Any:
        return {k: self.value.encode(v) for k, v in value.items()}

    def check(self, label: str, value: Any) -> None:
        for v in value.values():
            self.value.check(label, v)


class ModelOf(Codec):
    """One of the package's models."""

    __slots__ = ("cls",)

    def __init__(self, cls: type[Model]) -> None:
        self.cls = cls

    def decode(self, value: Any) -> Any:
        return self.cls.from_dict(value)

    def encode(self, value: Any) -> Any:
        return value.to_dict()

    def check(self, label: str, value: Any) -> None:
        value.check(label)


class EnumOf(Codec):
    """One of the package's Enums (values it does not list are accepted as extra members)."""

    __slots__ = ("cls",)

    def __init__(self, cls: type[enum.Enum]) -> None:
        self.cls = cls

    def decode(self, value: Any) -> Any:
        return self.cls(value)

    def encode(self, value: Any) -> Any:
        return value.value

    def check(self, label: str, value: Any) -> None:
        check_enum(label, value, [member.value for member in self.cls])


class UnionOf(Codec):
    """The first variant that decodes the value (the value itself when none does)."""

    __slots__ = ("variants",)

    def __init__(self, *variants: Codec) -> None:
        self.variants = variants

    def decode(self, value: Any) -> Any:
        return decode_union(value, [v.decode for v in self.variants])

    def encode(self, value: Any) -> Any:
        return encode_json(value)


class TaggedUnionOf(UnionOf):
    """The variant a discriminator property names (see ``decode_tagged``); ``choices`` maps values to variants."""

    __slots__ = ("choices", "closed", "property_name")

    def __init__(self, property_name: str, choices: Mapping[str, int], *variants: Codec, closed: bool) -> None:
        super().__init__(*variants)
        self.property_name = property_name
        self.choices = choices
        self.closed = closed

    def decode(self, value: Any) -> Any:
        decoders = [v.decode for v in self.variants]
        return decode_tagged(value, self.property_name, self.choices, decoders, closed=self.closed)


class Field(NamedTuple):
    attr: str
    """The dataclass attribute."""
    key: str
    """The JSON property."""
    codec: Codec
    required: bool


class Model:
    """Base of every generated model: decoding, encoding and checks driven by the class's field table.

    A model lists its fields in ``_table()``, called on first use (by then every
    class of the module exists, so fields may name classes defined further down).
    """

    _closed: ClassVar[bool] = False
    """The spec forbids properties it does not list: they are kept when decoding, never sent back."""

    additional_properties: dict[str, Any]
    raw_response: Any

    @staticmethod
    def _table() -> tuple[Field, ...]:
        return ()

    @classmethod
    def _fields(cls) -> tuple[tuple[Field, ...], frozenset[str]]:
        cached = cls.__dict__.get("_field_cache")
        if cached is None:
            fields = cls._table()
            cached = (fields, frozenset(f.key for f in fields))
            type.__setattr__(cls, "_field_cache", cached)
        return cast("tuple[tuple[Field, ...], frozenset[str]]", cached)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Decode from JSON; unknown properties go to ``additional_properties``."""
        fields, keys = cls._fields()
        values: dict[str, Any] = {}
        for f in fields:
            try:
                if f.required:
                    values[f.attr] = f.codec.decode(data[f.key])
                else:
                    raw = data.get(f.key)
                    values[f.attr] = None if raw is None else f.codec.decode(raw)
            except DecodeProblem as problem:
                raise problem.inside(f.key) from None
        values["additional_properties"] = {k: v for k, v in data.items() if k not in keys}
        return cast(Any, cls)(**values)  # type: ignore[no-any-return]

    def to_dict(self) -> dict[str, Any]:
        """Encode as JSON; unset optional properties are left out."""
        result: dict[str, Any] = {} if self._closed else dict(self.additional_properties)
        for f in self._fields()[0]:
            value = getattr(self, f.attr)
            if f.required or value is not None:
                result[f.key] = f.codec.encode(value)
        return result

    def check(self, label: str | None = None) -> None:
        """Raise RequestValidationError if a value breaks a constraint of the spec (run before sending)."""
        prefix = type(self).__name__ if label is None else label
        for f in self._fields()[0]:
            value = getattr(self, f.attr)
            if value is not None:
                f.codec.check(f"{prefix}.{f.key}", value)
