"""A body whose content can only be ``null`` carries nothing: an answer's to read, a request's to send.

Descriptions write a body-less success as ``schema: {type: "null"}`` (sendgrid's ``202`` on
deleting a list, and the ``body`` parameter of the same ``DELETE``): a client that decodes it as
JSON fails on the empty body servers send, and one that takes a ``null`` argument to send has
nothing to send. Such a content is left out (a request body left with none, the body itself),
so every style returns what it returns for an answer without a body, whether ``null`` or nothing
comes, and sends no body.
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import Api, MediaContent, Operation, PrimitiveSchema


def drop_null_contents(api: Api) -> Api:
    operations = tuple(_without_null(op) for op in api.operations)
    changed = any(new is not old for new, old in zip(operations, api.operations, strict=True))
    return replace(api, operations=operations) if changed else api


def _only_null(content: MediaContent) -> bool:
    schema = content.schema
    return isinstance(schema, PrimitiveSchema) and schema.kind == "null"


def _without_null(op: Operation) -> Operation:
    body = op.request_body
    in_body = body is not None and any(_only_null(content) for content in body.contents)
    if not in_body and not any(_only_null(content) for response in op.responses for content in response.contents):
        return op
    responses = tuple(
        replace(r, contents=tuple(c for c in r.contents if not _only_null(c))) if r.contents else r
        for r in op.responses
    )
    if body is not None and in_body:
        kept = tuple(c for c in body.contents if not _only_null(c))
        body = replace(body, contents=kept) if kept else None
    return replace(op, responses=responses, request_body=body)
