"""Download behaviours that standard OpenAPI already expresses, found on the IR.

The loaders read the ``x-`` extensions; this pass adds what needs no
extension (binary success bodies, 3xx responses with a Location header, links
from a job-creating operation to one that reports the job's status) and
checks that every behaviour names fields the response really has.
"""

from __future__ import annotations

from dataclasses import replace

from ..core.identity import operations_by_id, schemas_by_name
from ..diagnostics import Diagnostics
from ..ir import (
    Api,
    AsyncJob,
    Behaviour,
    DeclaredChecksum,
    JobStatus,
    MediaContent,
    ObjectSchema,
    Operation,
    Pagination,
    PresignedDownload,
    PrimitiveSchema,
    RedirectDownload,
    RefSchema,
    Response,
    Schema,
    StreamedDownload,
)

_BODY_FIELD = "$response.body#/"


def detect_behaviours(api: Api, diagnostics: Diagnostics) -> Api:
    operations = tuple(_operation(api, op, diagnostics) for op in api.operations)
    return replace(api, operations=operations)


def _operation(api: Api, op: Operation, diagnostics: Diagnostics) -> Operation:
    found: list[Behaviour] = list(op.behaviours)
    for response in op.responses:
        streamed = _streamed(response) if op.method != "head" else None  # an answer to HEAD has no body to save
        if streamed is not None:
            found.append(streamed)
        if response.status.startswith("3") and not any(
            isinstance(b, RedirectDownload) and b.status == response.status for b in found
        ):
            location = next((h.name for h in response.headers if h.name.lower() == "location"), None)
            if location is not None:
                found.append(RedirectDownload(status=response.status, location_header=location, origin=response.origin))
        if response.is_success:
            found.extend(_jobs(api, response, diagnostics))
    misplaced = _misplaced_checksums(found, diagnostics)
    for behaviour in found:
        if not any(behaviour is m for m in misplaced):
            _check_fields(api, op, behaviour, diagnostics)
    return replace(op, behaviours=tuple(found))


def _misplaced_checksums(found: list[Behaviour], diagnostics: Diagnostics) -> list[DeclaredChecksum]:
    """An ``x-checksum`` sits where a link is given: a presigned link's body field, a redirect's header."""
    misplaced: list[DeclaredChecksum] = []
    for checksum in (b for b in found if isinstance(b, DeclaredChecksum)):
        wanted: type[PresignedDownload | RedirectDownload] = RedirectDownload
        kind = "redirect (3xx with Location)"
        if checksum.body_field is not None:
            kind, wanted = "presigned link (x-presigned-url)", PresignedDownload
        if not any(isinstance(b, wanted) and b.status == checksum.status for b in found):
            where = "field" if checksum.body_field is not None else "header"
            diagnostics.error(
                "E070",
                f"x-checksum with {where!r} belongs on a response giving a {kind}; "
                f"the {checksum.status} response gives none",
                checksum.origin,
            )
            misplaced.append(checksum)
    return misplaced


def is_binary(content: MediaContent) -> bool:
    schema = content.schema
    if isinstance(schema, PrimitiveSchema) and schema.is_binary:
        return True
    base = content.media_type.split(";")[0].strip().lower()
    textual = content.is_json or base.startswith("text/") or base.endswith("+xml") or base == "application/xml"
    return schema is None and not textual and base not in ("*/*", "")


def _streamed(response: Response) -> StreamedDownload | None:
    if not response.is_success:
        return None
    media = tuple(c.media_type for c in response.contents if is_binary(c))
    if not media:
        return None
    return StreamedDownload(status=response.status, media_types=media, origin=response.origin)


def _jobs(api: Api, response: Response, diagnostics: Diagnostics) -> list[AsyncJob]:
    jobs: list[AsyncJob] = []
    for link in response.links:
        try:
            target = operations_by_id(api)[link.operation_id]
        except KeyError:
            diagnostics.warning(
                "W001", f"link {link.name!r} names unknown operation {link.operation_id!r}; skipped", link.origin
            )
            continue
        status = next((b for b in target.behaviours if isinstance(b, JobStatus)), None)
        if status is None:
            continue  # an ordinary link, not a job
        parameters: list[tuple[str, str]] = []
        for name, expression in link.parameters:
            if not expression.startswith(_BODY_FIELD) or "/" in expression[len(_BODY_FIELD) :]:
                diagnostics.warning(
                    "W001",
                    f"link parameter {name!r}: only {_BODY_FIELD}<field> is followed; the job helper is skipped",
                    link.origin,
                )
                break
            parameters.append((name, expression[len(_BODY_FIELD) :]))
        else:
            jobs.append(
                AsyncJob(
                    poll_operation_id=target.operation_id,
                    parameters=tuple(parameters),
                    status_field=status.status_field,
                    succeeded=status.succeeded,
                    failed=status.failed,
                    result_url_field=status.result_url_field,
                    origin=link.origin,
                )
            )
    return jobs


def _fields_needed(behaviour: Behaviour) -> tuple[str, tuple[str | None, ...]]:
    """(status whose body must have the fields, the fields) for behaviours that read a JSON body."""
    if isinstance(behaviour, PresignedDownload):
        return behaviour.status, (behaviour.url_field, behaviour.head_url_field, behaviour.expires_field)
    if isinstance(behaviour, JobStatus):
        return behaviour.status, (behaviour.status_field, behaviour.result_url_field)
    if isinstance(behaviour, DeclaredChecksum):
        return (behaviour.status, (behaviour.body_field,)) if behaviour.body_field is not None else ("", ())
    if isinstance(behaviour, Pagination):
        top = (behaviour.next_cursor, behaviour.has_more, behaviour.next_url)
        return "2", (behaviour.items_field, behaviour.total_field, *(p.split(".")[0] if p else None for p in top))
    return "", ()


def _check_fields(api: Api, op: Operation, behaviour: Behaviour, diagnostics: Diagnostics) -> None:
    if isinstance(behaviour, Pagination):
        names = {p.name for p in op.parameters if p.location == "query"}
        for param in (behaviour.page_parameter, behaviour.size_parameter, behaviour.cursor_parameter):
            if param is not None and param not in names:
                diagnostics.error(
                    "E070",
                    f"x-pagination names query parameter {param!r}, which {op.operation_id} does not have",
                    behaviour.origin,
                )
    trigger = behaviour.trigger_parameter if isinstance(behaviour, RedirectDownload) else None
    if trigger is not None and trigger not in {p.name for p in op.parameters if p.location == "query"}:
        diagnostics.error(
            "E070",
            f"x-redirect-trigger names query parameter {trigger!r}, which {op.operation_id} does not have",
            behaviour.origin,
        )
    status, fields = _fields_needed(behaviour)
    if not status or not any(fields):  # a list without named fields may be a bare JSON array
        return
    responses = [r for r in op.responses if r.status.startswith(status) and r.is_success]
    schemas = [c.schema for r in responses for c in r.contents if c.is_json and c.schema is not None]
    objects = [o for s in schemas if (o := _object(api, s)) is not None]
    if not objects:
        diagnostics.error("E070", f"{type(behaviour).__name__} needs a JSON object response body", behaviour.origin)
        return
    for field in fields:
        if field is not None and not any(field in {p.name for p in o.properties} for o in objects):
            diagnostics.error("E070", f"the response body has no property {field!r}", behaviour.origin)


def _object(api: Api, schema: Schema, depth: int = 0) -> ObjectSchema | None:
    if isinstance(schema, ObjectSchema):
        return schema
    if isinstance(schema, RefSchema) and depth < 20:
        try:
            return _object(api, schemas_by_name(api)[schema.name], depth + 1)
        except KeyError:
            return None
    return None
