"""Spec values a client cannot reproduce: numbers JSON cannot carry or JavaScript rounds.

A ``default`` or ``example`` of ``1e400`` (infinite once parsed), YAML's ``.nan``, or an
integer beyond 2**53 has no exact JSON text every client reads back as written. Both
styles make up another value for their examples and tests instead, and say so once per
schema, located, so nothing prints ``null`` or ``inf`` where the spec meant a number.
"""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from typing import Any

from ..diagnostics import Diagnostics
from ..ir import Api, SchemaInfo
from .examples import portable_json, unportable_numbers


def warn_unportable_values(api: Api, diagnostics: Diagnostics) -> None:
    """One W005 per schema whose ``default`` or ``example`` holds such a number."""
    if not _any_unportable(api):
        return
    for node in _schema_nodes(api):
        info: SchemaInfo = node.info
        for word, given in (("default", info.default_json), ("example", info.example_json)):
            numbers = unportable_numbers(json.loads(given)) if given is not None else []
            if numbers:
                diagnostics.warning(
                    "W005",
                    f"{word} {numbers[0]!r} is out of range for a JSON number (not finite, or beyond 2**53); "
                    "the generated examples and tests use another value",
                    getattr(node, "origin", None),
                )


def _any_unportable(api: Api) -> bool:
    """Whether some node's ``default`` or ``example`` holds such a number: each node shared by several
    places (a schema built once and used by many operations) is looked at once, not once per place."""
    seen: set[int] = set()
    stack: list[Any] = [api]
    while stack:
        node = stack.pop()
        if isinstance(node, (tuple, list)):
            stack.extend(node)
            continue
        kind: type = type(node)
        names = _child_fields(kind)
        if names is None or id(node) in seen:
            continue
        seen.add(id(node))
        info = getattr(node, "info", None)
        if isinstance(info, SchemaInfo):
            for given in (info.default_json, info.example_json):
                if given is not None and not portable_json(given):
                    return True
        for name in names:
            child = getattr(node, name)
            if child is not None and child.__class__ not in _LEAVES:
                stack.append(child)
    return False


_LEAVES = frozenset({str, int, float, bool})
"""Field values that hold no node: not pushed, so the walk pops only what may be one."""


def _schema_nodes(api: Api) -> list[Any]:
    """Every IR node that carries a ``SchemaInfo``, in document order."""
    result: list[Any] = []
    stack: list[Any] = [api]
    while stack:
        node = stack.pop()
        if isinstance(node, (tuple, list)):
            stack.extend(reversed(node))
            continue
        kind: type = type(node)
        names = _child_fields(kind)
        if names is None:
            continue
        if isinstance(getattr(node, "info", None), SchemaInfo):
            result.append(node)
        stack.extend(reversed([getattr(node, name) for name in names]))
    return result


@cache
def _child_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of an IR node type that may hold other nodes; None for what is not a node.

    A field declared to hold only text, numbers, flags and tuples of them (``str | None``, ``tuple[str, ...]``,
    ``Literal[...]``) holds no node: it is not read at all (most fields of a big API's nodes are such).
    """
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(
        f.name for f in dataclasses.fields(kind) if f.name not in ("origin", "info") and not _scalar_type(str(f.type))
    )


_SCALAR_NAMES = frozenset(
    {"str", "int", "float", "bool", "None", "tuple", "JsonScalar", "PrimitiveKind", "ParameterLocation"}
    | {"ParameterStyle", "SecurityKind", "OAuthFlowKind"}
)
"""Names in the IR's field types that stand for no node (``JsonScalar`` and the kinds are text or numbers)."""
_LITERAL = re.compile(r"Literal\[[^\[\]]*\]")
_TYPE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def _scalar_type(annotation: str) -> bool:
    """Whether a field's type (as written) names only scalars and tuples of them."""
    return set(_TYPE_NAME.findall(_LITERAL.sub("None", annotation))) <= _SCALAR_NAMES
