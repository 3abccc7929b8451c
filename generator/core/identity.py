"""Results remembered per object identity, for functions of a whole (large, frozen) API.

A frozen dataclass hashes by value, so ``functools.cache`` keyed by an ``Api`` walks the
whole API on every call: a per-operation call then costs time linear in the API, and a
package quadratic time in its number of operations. ``by_identity`` compares with ``is``,
in constant time, and keeps the last few objects alive so their ``id`` cannot be reused.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from ..ir import Api, Operation, Schema

K = TypeVar("K")
V = TypeVar("V")

#: How many recent objects each function remembers (builds of several targets interleave).
KEPT = 4


def by_identity(fn: Callable[[K], V]) -> Callable[[K], V]:
    """``fn`` computed once per object (``is``), for the last ``KEPT`` objects, without hashing it."""
    recent: list[tuple[K, V]] = []
    lock = threading.Lock()

    @functools.wraps(fn)
    def remembered(obj: K) -> V:
        with lock:
            for key, value in recent:
                if key is obj:
                    return value
        value = fn(obj)
        with lock:
            recent.insert(0, (obj, value))
            del recent[KEPT:]
        return value

    return remembered


@by_identity
def operations_by_id(api: Api) -> dict[str, Operation]:
    """``api.operation`` as one lookup: built once per API, not a pass over the operations per call."""
    return {op.operation_id: op for op in reversed(api.operations)}


@by_identity
def schemas_by_name(api: Api) -> dict[str, Schema]:
    """``api.schema`` as one lookup (the first schema of a name, as ``api.schema`` finds it)."""
    return {named.name: named.schema for named in reversed(api.schemas)}
