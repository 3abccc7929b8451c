"""An answer to HEAD has no body (RFC 9110, section 9.3.2).

Descriptions often document a HEAD operation with the body of its GET (jellyfin's image
HEADs, amazonaws.com's mediastore-data ``DescribeObject``): a client that decodes it fails
on every call, since nothing comes. The responses of a HEAD operation are read without
their content, so every style returns what it returns for an answer without a body (the
status, the headers) and its tests expect that.
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import Api, Operation


def drop_head_bodies(api: Api) -> Api:
    operations = tuple(_without_bodies(op) if op.method == "head" else op for op in api.operations)
    changed = any(new is not old for new, old in zip(operations, api.operations, strict=True))
    return replace(api, operations=operations) if changed else api


def _without_bodies(op: Operation) -> Operation:
    if not any(response.contents for response in op.responses):
        return op
    responses = tuple(replace(r, contents=()) if r.contents else r for r in op.responses)
    return replace(op, responses=responses)
