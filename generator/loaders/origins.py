"""Origins after normalisation: each node of the re-read IR is placed where its content came from.

The IR read back from the normalised document (``normalised.py``) has every origin in that
document, which exists only in memory. Each node is given instead the origin of the same node
in the IR read from the vendor's documents (operations by method and path, parameters by name
and place, responses by status, named schemas by name, other parts by position); a node an
overlay action wrote, the action (``overlay.yaml#/actions/3``). So a later finding about an
operation still points into the vendor's file, and one about a behaviour an overlay added
points at that overlay's action.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from ..ir import Origin
from ..overlay_trace import Trace

_KEYS = ("method", "path", "name", "location", "status")
"""Fields that tell apart the items of one tuple of the IR (operations, parameters, responses, schemas)."""


def restore_origins(new: Any, old: Any, trace: Trace, document: str) -> Any:
    """``new`` with each origin in ``document`` replaced by its counterpart's in ``old`` or its overlay action's."""
    if isinstance(new, tuple):
        if not new:
            return new
        paired = _pairs(new, old if isinstance(old, tuple) else ())
        items = tuple(restore_origins(item, other, trace, document) for item, other in zip(new, paired, strict=True))
        return items if any(a is not b for a, b in zip(items, new, strict=True)) else new
    names = _fields(type(new))
    if not names:
        return new
    counterpart = old if type(old) is type(new) else None
    changes: dict[str, Any] = {}
    for name in names:
        value = getattr(new, name)
        if not isinstance(value, (tuple, Origin)) and not _fields(type(value)):
            continue
        other = getattr(counterpart, name, None) if counterpart is not None else None
        if isinstance(value, Origin):
            mapped: Any = _origin(value, other if isinstance(other, Origin) else None, trace, document)
        else:
            mapped = restore_origins(value, other, trace, document)
        if mapped is not value:
            changes[name] = mapped
    return replace(new, **changes) if changes else new


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    """The field names of a dataclass type (none for any other type), looked up once per type."""
    found = _FIELDS.get(kind)
    if found is None:
        found = _FIELDS[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else ()
    return found


def _origin(origin: Origin, counterpart: Origin | None, trace: Trace, document: str) -> Origin:
    if origin.file != document:
        return origin
    record = trace.blamed(document, origin.pointer)
    if record is None and counterpart is None:  # changed beyond recognition, by the action that wrote inside it
        record = trace.inside(document, origin.pointer)
    if record is not None:
        return Origin(file=record.overlay, pointer=f"/actions/{record.index}")
    return counterpart if counterpart is not None else origin


def _pairs(new: tuple[Any, ...], old: tuple[Any, ...]) -> list[Any]:
    """For each item of ``new``, the item of ``old`` it stands for (by its identifying fields), or None."""
    keys = [_key(item) for item in old]
    if old and all(keys) and len(set(keys)) == len(keys):
        by_key = dict(zip(keys, old, strict=True))
        return [by_key.get(_key(item)) for item in new]
    return list(old) if len(old) == len(new) else [None] * len(new)


def _key(item: Any) -> tuple[Any, ...]:
    if not is_dataclass(item):
        return ()
    found = tuple((name, getattr(item, name)) for name in _KEYS if hasattr(item, name))
    return (type(item).__name__, *found) if found else ()
