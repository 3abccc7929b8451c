"""A ``multipart/form-data`` body as form fields: which are files, which text, under which names. For every style.

OpenAPI describes a form as an object schema: each property is a field. A binary string
(``format: binary``, or ``contentMediaType`` in 3.1) is a file part; an array of them is one
part per file under the same name. Every other property is a text part: strings, numbers
and booleans as their text, arrays one part per item, objects as JSON (the spec's default
encoding for an object property). A style spells the argument types and how parts are
built; the decisions are here.
"""

from __future__ import annotations

from enum import Enum
from typing import Protocol

from ..immutable import immutable
from ..ir import ArraySchema, MediaContent, ObjectSchema, PrimitiveSchema, Property, RequestBody, Schema


class Resolver(Protocol):
    def resolve(self, schema: Schema) -> Schema:
        """Follow references to the schema that says what a value is."""


MULTIPART = "multipart/form-data"


class PartKind(Enum):
    FILE = "file"
    """One file part."""
    FILES = "files"
    """One file part per item of an array."""
    TEXT = "text"
    """One text part: a string, number or boolean written as text."""
    TEXTS = "texts"
    """One text part per item of an array of scalars."""
    JSON = "json"
    """One part holding the value as JSON (an object, or an array of objects)."""


@immutable
class FormField:
    prop: Property
    """The schema's property: its name is the field's wire name."""
    kind: PartKind

    @property
    def name(self) -> str:
        return self.prop.name

    @property
    def is_file(self) -> bool:
        return self.kind in (PartKind.FILE, PartKind.FILES)


def multipart_content(body: RequestBody | None) -> MediaContent | None:
    """The body's ``multipart/form-data`` content, if the body has one and no JSON content."""
    if body is None or any(c.is_json for c in body.contents):
        return None
    return next((c for c in body.contents if c.media_type.split(";")[0].strip().lower() == MULTIPART), None)


def form_fields(index: Resolver, body: RequestBody | None) -> tuple[FormField, ...] | None:
    """The fields of a multipart body whose schema is an object with properties, else None (a raw body)."""
    content = multipart_content(body)
    if content is None or content.schema is None:
        return None
    schema = index.resolve(content.schema)
    if not isinstance(schema, ObjectSchema) or not schema.properties:
        return None
    return tuple(FormField(prop, _kind(index, prop.schema)) for prop in schema.properties)


def _kind(index: Resolver, schema: Schema) -> PartKind:
    resolved = index.resolve(schema)
    if _is_file(resolved):
        return PartKind.FILE
    if isinstance(resolved, ArraySchema):
        items = index.resolve(resolved.items)
        if _is_file(items):
            return PartKind.FILES
        return PartKind.JSON if isinstance(items, (ObjectSchema, ArraySchema)) else PartKind.TEXTS
    return PartKind.JSON if isinstance(resolved, ObjectSchema) else PartKind.TEXT


def _is_file(schema: Schema) -> bool:
    return isinstance(schema, PrimitiveSchema) and schema.is_binary
