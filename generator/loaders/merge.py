"""Several documents of one provider into one API.

Identical definitions (equal ignoring where they were written) collapse into
one; the same name defined two different ways is an error naming both places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Protocol, TypeVar

from ..diagnostics import Diagnostics
from ..ir import Api, Origin


class _Located(Protocol):
    @property
    def origin(self) -> Origin: ...


T = TypeVar("T", bound=_Located)


def _union(items: Iterable[T], key: Callable[[T], str], kind: str, diagnostics: Diagnostics) -> tuple[T, ...]:
    kept: dict[str, T] = {}
    for item in items:
        name = key(item)
        if name not in kept:
            kept[name] = item
        elif kept[name] != item:
            diagnostics.error(
                "E040", f"{kind} {name!r} is defined differently here and at {kept[name].origin}", item.origin
            )
    return tuple(kept.values())


def merge_apis(apis: list[Api], diagnostics: Diagnostics) -> Api | None:
    if len(apis) == 1:
        return apis[0]
    operations = [op for api in apis for op in api.operations]
    before = len(diagnostics.errors)
    merged_ops = _union(operations, lambda op: op.operation_id, "operation", diagnostics)
    _union(merged_ops, lambda op: f"{op.method.upper()} {op.path}", "operation", diagnostics)
    merged = replace(
        apis[0],
        operations=merged_ops,
        schemas=tuple(
            sorted(
                _union((s for a in apis for s in a.schemas), lambda s: s.name, "schema", diagnostics),
                key=lambda s: s.name,
            )
        ),
        security_schemes=_union(
            (s for a in apis for s in a.security_schemes), lambda s: s.name, "security scheme", diagnostics
        ),
        servers=_union((s for a in apis for s in a.servers), lambda s: s.url, "server", diagnostics),
        tags=_union((t for a in apis for t in a.tags), lambda t: t.name, "tag", diagnostics),
    )
    return None if len(diagnostics.errors) > before else merged
