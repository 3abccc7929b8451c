"""What the generator could not type or had to skip, per API.

Every style maps ``AnySchema`` to its "any value" type (``Any`` / ``unknown``), so
counting on the IR serves them all. Counted:

- operations generated, and operations skipped (webhooks and callbacks, which a
  client never calls: the loader says how many in its ``W001`` warning);
- schemas (named and inline) that are ``AnySchema``: ``free_form`` when the document
  allows any value (``{}``, ``true``, no type and nothing that shapes it), ``unread``
  when the loader fell back to any value with a finding at that node, at its ``$ref``
  (a reference that resolves nowhere, read past by ``--validation warn``) or at its
  ``type`` saying ``READ_AS_ANY`` (a type no reading makes sense of);
- parameters and request bodies without a schema;
- what the loader left out because its ``$ref`` resolves nowhere (read past by ``--validation warn``, its
  warning saying ``SKIPPED_*``), at every place: a parameter as one without a schema, a request body as
  one without a schema, a response as an unreadable schema (its answer's schema, which no one can know).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..diagnostics import Diagnostic
from ..immutable import immutable
from ..ir import (
    HTTP_METHODS,
    AnySchema,
    Api,
    ArraySchema,
    ObjectSchema,
    Origin,
    RefSchema,
    Schema,
    UnionSchema,
)

_SKIPPED = re.compile(r"\((?P<count>\d+) operations? skipped\)$")

READ_AS_ANY = "read as any value"
"""The end of a finding at a schema's ``type`` that made the schema any value."""


SKIPPED_PARAMETER = "the parameter is skipped"
SKIPPED_BODY = "the request body is skipped"
SKIPPED_RESPONSE = "the response is skipped"
"""The end of a finding at a ``$ref`` that resolves nowhere, when what holds it is left out of the API."""


def skipped_note(count: int) -> str:
    """The end of the ``W001`` message for webhooks or callbacks: how many operations they hold."""
    return f"({count} operation{'' if count == 1 else 's'} skipped)"


def operations_in(path_items: Iterable[object]) -> int:
    """Operations in path items as a document writes them (method keys of each mapping)."""
    return sum(sum(1 for key in item if key in HTTP_METHODS) for item in path_items if isinstance(item, dict))


@immutable
class Coverage:
    operations: int
    schemas: int
    schema_nodes: int = 0
    """Every schema the API holds, named and inline (references not counted)."""
    operations_skipped: int = 0
    free_form: int = 0
    unread: int = 0
    parameters_without_schema: int = 0
    bodies_without_schema: int = 0

    def notes(self) -> list[str]:
        """The non-zero counts, as the ``generate`` line says them."""
        total = self.schema_nodes
        counts = (
            (self.free_form, f"of {total} schemas free-form (typed as any)"),
            (self.unread, f"of {total} schemas unreadable (typed as any)"),
            (self.parameters_without_schema, "parameters without a schema"),
            (self.bodies_without_schema, "bodies without a schema"),
            (self.operations_skipped, "operations skipped"),
        )
        return [f"{n} {what}" for n, what in counts if n]


def coverage(api: Api, warnings: Iterable[Diagnostic]) -> Coverage:
    """Count ``api``'s untyped and skipped parts; ``warnings`` are those its loading gave."""
    found = list(warnings)
    located, typed_any = _unread_places(found)
    skipped = sum(int(m["count"]) for d in found if d.code == "W001" and (m := _SKIPPED.search(d.message)) is not None)
    parameters = [p for op in api.operations for p in op.parameters]
    missing = {
        p.origin
        for p in parameters
        if isinstance(p.schema, AnySchema) and p.schema.origin == p.origin and p.origin not in typed_any
    }
    contents = [c for op in api.operations if op.request_body is not None for c in op.request_body.contents]
    schemas = [s for s in _all_schemas(api) if not isinstance(s, RefSchema)]
    anys = [s.origin for s in schemas if isinstance(s, AnySchema) and s.origin not in missing]
    unread = sum(1 for origin in anys if origin in located)
    left_out = _left_out(found)
    return Coverage(
        operations=len(api.operations),
        schemas=len(api.schemas),
        schema_nodes=len(schemas) - len(missing) + left_out[SKIPPED_RESPONSE],
        operations_skipped=skipped,
        free_form=len(anys) - unread,
        unread=unread + left_out[SKIPPED_RESPONSE],
        parameters_without_schema=len(missing) + left_out[SKIPPED_PARAMETER],
        bodies_without_schema=sum(1 for c in contents if c.schema is None) + left_out[SKIPPED_BODY],
    )


def _left_out(warnings: list[Diagnostic]) -> dict[str, int]:
    """How many places each ``SKIPPED_*`` warning was found at: parameters, bodies, responses left out."""
    places: dict[str, set[Origin]] = {SKIPPED_PARAMETER: set(), SKIPPED_BODY: set(), SKIPPED_RESPONSE: set()}
    for diag in warnings:
        what = next((what for what in places if what in diag.message), None)
        if what is not None and diag.origin is not None:
            places[what].update([diag.origin, *diag.also_at])
    return {what: len(found) for what, found in places.items()}


def _unread_places(warnings: list[Diagnostic]) -> tuple[set[Origin], set[Origin]]:
    """The nodes findings are about, and among them those whose ``type`` was read as any value.

    A finding is about its own place, or the node whose ``$ref`` it is at, or whose ``type`` it is at when
    it says ``READ_AS_ANY``. A warning repeated at many places is shown at a few; ``also_at`` holds the others.
    """
    places: set[Origin] = set()
    typed_any: set[Origin] = set()
    for diag in warnings:
        origins = [diag.origin, *diag.also_at] if diag.origin is not None else []
        for origin in origins:
            places.add(origin)
            parent, _, keyword = origin.pointer.rpartition("/")
            if keyword == "$ref":
                places.add(Origin(file=origin.file, pointer=parent))
            elif keyword == "type" and READ_AS_ANY in diag.message:
                places.add(Origin(file=origin.file, pointer=parent))
                typed_any.add(Origin(file=origin.file, pointer=parent))
    return places, typed_any


def _all_schemas(api: Api) -> Iterator[Schema]:
    roots: list[Schema] = [named.schema for named in api.schemas]
    for op in api.operations:
        roots += [p.schema for p in op.parameters]
        if op.request_body is not None:
            roots += [c.schema for c in op.request_body.contents if c.schema is not None]
        for response in op.responses:
            roots += [c.schema for c in response.contents if c.schema is not None]
            roots += [h.schema for h in response.headers]
    for root in roots:
        yield from _walk(root)


def _walk(schema: Schema) -> Iterator[Schema]:
    stack = [schema]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ArraySchema):
            stack.append(node.items)
        elif isinstance(node, ObjectSchema):
            stack += [prop.schema for prop in node.properties]
            if not isinstance(node.additional_properties, bool):
                stack.append(node.additional_properties)
        elif isinstance(node, UnionSchema):
            stack += list(node.variants)
