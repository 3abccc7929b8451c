"""``x-checksum`` (Response Object): where the link-giving response states the file's digest.

Read into a ``DeclaredChecksum``; a malformed extension is a located E070 error.
Whether the response can carry it (a presigned link's JSON body, a redirect's
header) is checked by ``passes.behaviours`` once every behaviour is known.
"""

from __future__ import annotations

from typing import Literal, cast

from ..ir import DeclaredChecksum
from .context import LoadContext, Node

ALGORITHMS = ("md5", "sha256", "crc32c")
ENCODINGS = ("hex", "base64")
_KEYS = ("field", "header", "algorithm", "encoding")


def declared_checksum(ctx: LoadContext, node: Node, status: str) -> DeclaredChecksum | None:
    value = node.value
    if not isinstance(value, dict):
        ctx.error("E070", "x-checksum must be an object", node)
        return None
    for key in value:
        if key not in _KEYS:
            ctx.error("E070", f"unknown key {key!r} in x-checksum; expected one of {sorted(_KEYS)}", node.child(key))
            return None
    if ("field" in value) == ("header" in value):
        ctx.error("E070", "x-checksum names exactly one of 'field' (body property) and 'header'", node)
        return None
    where = "field" if "field" in value else "header"
    name = value[where]
    if not isinstance(name, str) or not name:
        ctx.error("E070", f"x-checksum {where!r} must be a non-empty string", node.child(where))
        return None
    if "algorithm" not in value:
        ctx.error("E070", f"x-checksum needs 'algorithm', one of {list(ALGORITHMS)}", node)
        return None
    algorithm = value["algorithm"]
    if algorithm not in ALGORITHMS:
        ctx.error("E070", f"x-checksum 'algorithm' must be one of {list(ALGORITHMS)}", node.child("algorithm"))
        return None
    encoding = value.get("encoding", "hex")
    if encoding not in ENCODINGS:
        ctx.error("E070", f"x-checksum 'encoding' must be one of {list(ENCODINGS)}", node.child("encoding"))
        return None
    return DeclaredChecksum(
        status=status,
        algorithm=cast(Literal["md5", "sha256", "crc32c"], algorithm),
        encoding=cast(Literal["hex", "base64"], encoding),
        body_field=name if where == "field" else None,
        header=name if where == "header" else None,
        origin=node.origin,
    )
