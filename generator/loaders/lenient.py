"""What ``--validation warn`` reads past while loading, and how the default mode says it would.

The default mode (``--validation error``) refuses a document with these findings, as
it refuses one openapi-spec-validator finds fault with; ``--validation warn`` reports
the same finding, at the same place, as a warning and reads on (``--validation off``, which
skips the validator, reads past the same and says it alike):

- a ``$ref`` that resolves nowhere (``E010``: no such target; ``E011``: out of the
  spec's folder or remote; ``E012``: references only, in a cycle): what holds it is
  any value (``LoadContext.follow``), or, a parameter, request body or response, left out;
- a ``type`` no JSON Schema has (``E030``): a known type written in another case
  (``Array``) is that type, a local reference written as a type
  (``type: '#/definitions/Pet'``) that resolves is that ``$ref``, anything else any value.

``core/coverage.py`` counts the schemas so read as any value as unreadable, never as free-form, and what
was left out (a parameter or body as one without a schema, a response as an unreadable schema). The default
mode's last error says that warn mode generates anyway only when a lenient reading shows it does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..core.coverage import READ_AS_ANY
from ..diagnostics import Diagnostics
from ..ir import AnySchema, Api, Schema
from ..sources import SourceError
from .context import LoadContext, Node
from .validate import HINT

READ_PAST = frozenset({"E010", "E011", "E012", "E020", "E030"})
"""Codes of errors the default mode gives that warn mode may read past (E030 also names what it cannot)."""

KNOWN_TYPES = frozenset({"string", "integer", "number", "boolean", "null", "object", "array", "file"})
"""What ``type`` may say (``file``: Swagger 2.0's)."""


def type_name(ctx: LoadContext, node: Node, name: str) -> str:
    """``name``, one of the schema's types, as the loader reads it: ``Array`` is ``array`` when lenient."""
    if not ctx.lenient or name in KNOWN_TYPES:  # first: this runs for every type of a document
        return name
    folded = name.lower()
    if folded not in KNOWN_TYPES:
        return name
    ctx.read_past("E030", f"unknown type {name!r}", node.child("type"), read_as=f"read as {folded!r}")
    return folded


def unknown_type(ctx: LoadContext, node: Node, kind: str, build: Callable[[Node], Schema]) -> Schema:
    """The schema at ``node`` whose type ``kind`` is none: an error, or (lenient) its reference or any value."""
    where = node.child("type")
    if ctx.lenient and kind.startswith("#/") and _resolves(ctx, node, kind):
        ctx.read_past("E030", f"unknown type {kind!r}", where, read_as="read as a $ref to it")
        written = {key: value for key, value in node.value.items() if key != "type"}
        return build(Node({**written, "$ref": kind}, node.document, node.pointer))
    ctx.read_past("E030", f"unknown type {kind!r}", where, read_as=READ_AS_ANY)
    return AnySchema(origin=node.origin)


MAX_HOPS = 50
"""References (``$ref`` or written as a type) followed from one ``type`` before it counts as resolving nowhere."""


def _resolves(ctx: LoadContext, node: Node, ref: str) -> bool:
    """Whether ``ref`` leads to a schema: through ``$ref``s and types written as references, never back to one."""
    seen = {ctx.key(node)}
    for _ in range(MAX_HOPS):
        try:
            document, pointer, value = ctx.workspace.resolve(ref, node.document, node.origin)
        except SourceError:
            return False
        node = Node(value, document, pointer)
        if ctx.key(node) in seen:
            return False  # a cycle of references: nothing to read
        seen.add(ctx.key(node))
        if not isinstance(value, dict):
            return True
        following = value["$ref"] if "$ref" in value else value.get("type")
        if "$ref" not in value and not (isinstance(following, str) and following.startswith("#/")):
            return True
        if not isinstance(following, str):
            return False
        ref = following
    return False


def hint_read_past(diagnostics: Diagnostics, start: int, load_leniently: Callable[[Diagnostics], Api | None]) -> None:
    """Say on the default mode's last error from ``start`` on that ``--validation warn`` generates anyway, when it does.

    The default mode stops at the first stage that fails (refused references, the validator, the loader),
    so the errors it found say nothing of a later stage: whether warn mode reads past every finding is
    known only by reading the documents as it does (``load_leniently``, into findings of its own). That
    reading runs only when every error is of a kind warn mode can read past.
    """
    errors = [i for i in range(start, len(diagnostics.items)) if diagnostics.items[i].severity == "error"]
    if not errors or any(diagnostics.items[i].code not in READ_PAST for i in errors):
        return
    found = Diagnostics()
    try:
        read = load_leniently(found)
    except Exception:  # a failure of the lenient reading promises nothing: the default mode's errors stand alone
        return
    if read is None or found.errors:
        return
    last = diagnostics.items[errors[-1]]
    diagnostics.items[errors[-1]] = replace(last, message=f"{last.message} {HINT}")
