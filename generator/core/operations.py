"""The language-neutral skeleton of a package's operations, decided once for every style.

Which tag groups an operation, which method name it starts from, the order of its
parameters, which query parameter is pinned, the success response and what kind of
result it gives, the documented error statuses, and which helpers (save to a file,
wait until ready, iterate pages, follow a job) its download behaviours call for, with
the spec's field and parameter names each helper reads. A style maps this skeleton to
its own names, types and literals; it decides none of it again.

A helper reads only fields that the success response's object schema declares, and
a job's status operation must be in the same resource, take no required body and get
every required parameter from the started job's response: a helper that could not
compile in every style is not offered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Protocol, TypeVar
from urllib.parse import parse_qsl

from ..immutable import immutable
from ..ir import (
    Api,
    ArraySchema,
    AsyncJob,
    DeclaredChecksum,
    JsonScalar,
    MediaContent,
    ObjectSchema,
    Operation,
    Pagination,
    Parameter,
    PresignedDownload,
    Property,
    RedirectDownload,
    Response,
    Schema,
    StreamedDownload,
)
from .cookies import client_parameters
from .security import SecurityPlan

Resolve = Callable[[Schema], Schema]
"""Follows references to the schema that says what a value is (each style's type mapper has one)."""

STATUS_ERRORS = {
    "400": "BadRequestError",
    "401": "AuthenticationError",
    "403": "PermissionDeniedError",
    "404": "NotFoundError",
    "409": "ConflictError",
    "422": "UnprocessableEntityError",
    "429": "RateLimitError",
}
"""The runtime error class of each documented status; any 5xx is ``InternalServerError``."""


class ResponseKind(Enum):
    """What an operation's method gives back."""

    JSON = "json"
    """A decoded body (also a body that is not JSON, as raw data)."""
    VOID = "void"
    """Nothing: the success response has no content."""
    STREAM = "stream"
    """A streamed response, read by the caller."""


class HelperKind(Enum):
    """The helper methods a download behaviour calls for."""

    SAVE_STREAM = "save_stream"
    SAVE_REDIRECT = "save_redirect"
    SAVE_PRESIGNED = "save_presigned"
    SAVE_MANY = "save_many"
    """Many files at once, each by the save helper before it, for a list of the one required path argument."""
    PRESIGNED_SIZE = "presigned_size"
    WAIT_READY = "wait_ready"
    PAGINATE = "paginate"
    JOB = "job"

    @property
    def saves_file(self) -> bool:
        return self in (HelperKind.SAVE_STREAM, HelperKind.SAVE_REDIRECT, HelperKind.SAVE_PRESIGNED)

    def base_name(self, method: str, without_get: str) -> str:
        """The helper's name in snake form, from the method's name (``without_get``: it without a ``get`` prefix)."""
        if self is HelperKind.WAIT_READY:
            return f"wait_for_{without_get}"
        if self is HelperKind.PAGINATE:
            return f"iter_{without_get}"
        suffix = {HelperKind.PRESIGNED_SIZE: "_size", HelperKind.JOB: "_job", HelperKind.SAVE_MANY: "_many"}
        return f"{method}{suffix.get(self, '_to_file')}"


class _Kinded(Protocol):
    @property
    def kind(self) -> object: ...


class KindIs:
    """A template's test of a view-model's kind, as a boolean: ``paginates = KindIs(HelperKind.PAGINATE)``
    makes ``helper.paginates`` mean ``helper.kind is HelperKind.PAGINATE``."""

    __slots__ = ("kind",)

    def __init__(self, kind: object) -> None:
        self.kind = kind

    def __get__(self, vm: _Kinded, owner: type | None = None) -> bool:
        return vm.kind is self.kind


class HelperFlags:
    """The kind tests a template makes on a helper view-model, as booleans (``kind`` is a HelperKind)."""

    __slots__ = ()
    kind: HelperKind

    @property
    def saves_file(self) -> bool:
        return self.kind.saves_file

    saves_stream = KindIs(HelperKind.SAVE_STREAM)
    saves_redirect = KindIs(HelperKind.SAVE_REDIRECT)
    saves_presigned = KindIs(HelperKind.SAVE_PRESIGNED)
    saves_many = KindIs(HelperKind.SAVE_MANY)
    presigned_size = KindIs(HelperKind.PRESIGNED_SIZE)
    waits_ready = KindIs(HelperKind.WAIT_READY)
    paginates = KindIs(HelperKind.PAGINATE)
    follows_job = KindIs(HelperKind.JOB)


class WithHelpers(Protocol):
    """An operation's view-model, as far as the core reads it."""

    @property
    def helpers(self) -> Sequence[HelperFlags]: ...


class WithOperations(Protocol):
    """A resource's view-model, as far as the core reads it."""

    @property
    def operations(self) -> Sequence[WithHelpers]: ...


ResourceT = TypeVar("ResourceT", bound=WithOperations)


def bulk_jobs(resources: Iterable[ResourceT]) -> tuple[tuple[ResourceT, WithHelpers, HelperFlags], ...]:
    """The job helpers, each with its resource and operation: a batch the server packs into one download.

    The README names them as the bulk path beside the many-at-once helpers.
    """
    return tuple((r, op, h) for r in resources for op in r.operations for h in op.helpers if h.follows_job)


class ResultFlags:
    """The result tests a template makes on an operation view-model (``kind`` is a ResponseKind)."""

    __slots__ = ()
    kind: ResponseKind

    returns_json = KindIs(ResponseKind.JSON)
    returns_stream = KindIs(ResponseKind.STREAM)
    returns_nothing = KindIs(ResponseKind.VOID)


class Documented:
    """What an operation view-model of every style says of the IR operation it calls (``source``).

    Its id, HTTP method, summary and description; the heading and the text below it its documentation
    shows (``documentation``); whether it is deprecated; the typed errors its documented statuses raise.
    """

    __slots__ = ()
    source: Operation

    @property
    def operation_id(self) -> str:
        return self.source.operation_id

    @property
    def http_method(self) -> str:
        """The method as a request line writes it (``GET``)."""
        return self.source.method.upper()

    @property
    def summary(self) -> str | None:
        return self.source.summary

    @property
    def description(self) -> str | None:
        return self.source.description

    @property
    def title(self) -> str:
        return documentation(self.source)[0]

    @property
    def details(self) -> str | None:
        """Text below the heading: a description that says more than the summary."""
        return documentation(self.source)[1]

    @property
    def deprecated(self) -> bool:
        return self.source.deprecated

    @property
    def errors(self) -> tuple[tuple[str, str], ...]:
        """(error class, when) of the documented error statuses (``error_statuses``)."""
        return tuple(error_statuses(self.source))


@immutable
class RedirectPlan:
    parameter: str
    """The query parameter that asks for the redirect."""
    value_json: str | None
    """Its value asking for the redirect, as JSON text (None: ``true``)."""
    header: str
    """The response header holding the file's address."""


@immutable
class PresignedPlan:
    url_field: str
    expires_field: str | None
    head_field: str | None


@immutable
class PagePlan:
    page: str
    """The query parameter holding the page's position."""
    size: str | None
    """The query parameter holding the page size, if any."""
    items_field: str
    total_field: str | None
    first_page: int
    step: str
    """How the position moves (``Pagination.style``)."""
    item: Schema | None
    """The schema of one item, when the items field is an array of known items."""


@immutable
class FollowPlan:
    """cursor, next-url, link: each answer names the next page; the paths are JSON property names."""

    style: str
    """``cursor``, ``next-url`` or ``link`` (``Pagination.style``)."""
    items_field: str | None
    """The property holding the items; None: the body is the list."""
    cursor: str | None
    """cursor: the query parameter the cursor is sent in."""
    next_cursor: tuple[str, ...]
    last_item: str | None
    has_more: tuple[str, ...]
    next_url: tuple[str, ...]
    item: Schema | None
    """The schema of one item, when the items are an array of known items."""

    @property
    def paths(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(name, path) of each place in an answer the plan names, as every runtime calls it: ``items`` (a path of
        one property), ``next_url``, ``next_cursor``, ``has_more``; ``last_item`` names a property of an item."""
        named = (
            ("items", (self.items_field,) if self.items_field else ()),
            ("next_url", self.next_url),
            ("next_cursor", self.next_cursor),
            ("has_more", self.has_more),
        )
        return tuple((name, path) for name, path in named if path)


@immutable
class JobPlan:
    poll: Operation
    forwards: tuple[tuple[str, str], ...]
    """(status operation's parameter, field of the started job's response it comes from)."""
    status_field: str
    url_field: str
    id_field: str | None
    """The started job's field that names it, if any."""
    succeeded: tuple[JsonScalar, ...]
    failed: tuple[JsonScalar, ...]


@immutable
class HelperPlan:
    """One helper method of an operation: its kind and what it reads, by the spec's names."""

    kind: HelperKind
    redirect: RedirectPlan | None = None
    presigned: PresignedPlan | None = None
    page: PagePlan | None = None
    follow: FollowPlan | None = None
    job: JobPlan | None = None
    checksum: DeclaredChecksum | None = None
    """save_redirect, save_presigned: the digest the link-giving response states for the file (``x-checksum``; a
    presigned link's answer, its body field; a redirect, its header), checked over the whole file."""
    ranged: bool = False
    """save_stream: the success is a 206 Partial Content, the part the caller's own ``Range`` asks for; it is saved
    as the answer comes (its length checked, never the whole file's digests), never resumed with a Range of the
    client's."""


# ---------------------------------------------------------------------------- operations


def operation_groups(api: Api) -> list[tuple[str, list[Operation], str | None]]:
    """(tag, its operations, the tag's description): an operation belongs to its first tag, else ``default``."""
    groups: dict[str, list[Operation]] = {}
    for op in api.operations:
        groups.setdefault(op.tags[0] if op.tags else "default", []).append(op)
    descriptions = {t.name: t.description for t in api.tags}
    return [(tag, ops, descriptions.get(tag)) for tag, ops in groups.items()]


def documentation(op: Operation) -> tuple[str, str | None]:
    """An operation's heading (its summary, else its id) and the text below it (a description saying more)."""
    more = op.description if op.description and op.description != op.summary else None
    return op.summary or op.operation_id, more


def method_base(op: Operation) -> str:
    """The operationId without a ``Tag_`` prefix (``Downloads_GetDownloads`` -> ``GetDownloads``)."""
    prefix, sep, rest = op.operation_id.partition("_")
    if sep and rest and prefix.lower() in {t.lower() for t in op.tags}:
        return rest
    return op.operation_id


def sorted_parameters(op: Operation) -> list[Parameter]:
    """The parameters a client sends: path ones first, then required before optional, else in the spec's order."""
    return sorted(client_parameters(op), key=lambda p: (p.location != "path", not p.required))


def method_parameters(op: Operation) -> tuple[list[Parameter], list[Parameter], tuple[Parameter, bool] | None]:
    """The path parameters (positional), the others a method takes, and the pinned trigger with the value sent.

    The trigger (``pinned_trigger``) is no argument: the method sends it itself.
    """
    params = sorted_parameters(op)
    pinned = pinned_trigger(op)
    trigger = next((p for p in params if pinned and p.name == pinned[0]), None)
    path = [p for p in params if p.location == "path"]
    others = [p for p in params if p.location != "path" and p is not trigger]
    return path, others, None if trigger is None or pinned is None else (trigger, pinned[1])


def split_path(op: Operation) -> tuple[str, list[tuple[str, str]]]:
    """The path template and the fixed query a few specs write into it."""
    path, _, literal_query = op.path.partition("?")
    return path, parse_qsl(literal_query, keep_blank_values=True)


def json_content(contents: Iterable[MediaContent]) -> MediaContent | None:
    return next((c for c in contents if c.is_json), None)


def success_response(op: Operation) -> Response | None:
    """The lowest 2xx response, else ``default``."""
    successes = [r for r in op.responses if r.is_success]
    if not successes:
        return next((r for r in op.responses if r.status == "default"), None)
    return min(successes, key=lambda r: r.status)


NO_CONTENT_STATUSES = frozenset({"204", "205", "304"})
"""Statuses whose responses never carry content (RFC 9110): content a spec declares for them cannot arrive."""
PARTIAL_CONTENT = 206
"""The success of a download the caller asks a part of with its own ``Range`` header."""


def has_content(response: Response | None) -> bool:
    """Whether ``response`` brings a body: it declares content, and its status allows one."""
    return response is not None and bool(response.contents) and response.status not in NO_CONTENT_STATUSES


def success_status(op: Operation) -> int:
    """The status the success response is sent with (200 for ``default``, ``2XX`` or none)."""
    response = success_response(op)
    status = response.status if response is not None else "200"
    return int(status) if status.isdigit() else 200


def success_schema(op: Operation) -> Schema | None:
    response = success_response(op)
    content = json_content(response.contents) if response else None
    return content.schema if content else None


def response_kind(op: Operation) -> ResponseKind:
    if any(isinstance(b, StreamedDownload) for b in op.behaviours):
        return ResponseKind.STREAM
    return ResponseKind.JSON if has_content(success_response(op)) else ResponseKind.VOID


def pinned_trigger(op: Operation) -> tuple[str, bool] | None:
    """A boolean query parameter that switches the operation to a redirect, and the value the method always sends.

    The method decoding JSON sends the other value (the server's default may be the
    redirect); the helper saving the file sends the trigger.
    """
    if success_response(op) is None:
        return None
    for behaviour in op.behaviours:
        if (
            isinstance(behaviour, RedirectDownload)
            and behaviour.trigger_parameter
            and behaviour.trigger_value_json in ("true", "false")
        ):
            return behaviour.trigger_parameter, behaviour.trigger_value_json != "true"
    return None


def error_statuses(op: Operation) -> list[tuple[str, str]]:
    """(error class, when) of the documented error statuses; a class raised for several is documented once."""
    first: dict[str, str] = {}
    for response in op.responses:
        when = response.description or f"HTTP {response.status}"
        if response.status in STATUS_ERRORS:
            first.setdefault(STATUS_ERRORS[response.status], when)
        elif response.status.startswith("5"):
            first.setdefault("InternalServerError", when)
    return list(first.items())


def raised_errors(op: Operation) -> list[tuple[Response, str]]:
    """Each documented error status (400 and up) a client raises a typed error for, and that error's class."""
    found: list[tuple[Response, str]] = []
    for response in op.responses:
        if not response.status.isdigit() or int(response.status) < 400:
            continue
        cls = STATUS_ERRORS.get(response.status) or ("InternalServerError" if response.status[0] == "5" else None)
        if cls is not None:
            found.append((response, cls))
    return found


def security_names(op: Operation, plan: SecurityPlan) -> list[list[str]]:
    """The alternatives a client tries for ``op``: each a list of scheme names, all of which it sends (``security``)."""
    return plan.alternatives(op)


# ---------------------------------------------------------------------------- helpers


def success_property(resolve: Resolve, op: Operation, key: str | None) -> Property | None:
    """The property ``key`` of the success response's object schema, if it declares one."""
    schema = success_schema(op)
    resolved = resolve(schema) if schema is not None else None
    if key is None or not isinstance(resolved, ObjectSchema):
        return None
    return next((p for p in resolved.properties if p.name == key), None)


def helper_plans(resolve: Resolve, op: Operation, sibling: Callable[[str], Operation | None]) -> list[HelperPlan]:
    """The helpers ``op``'s behaviours call for, in the order every style writes them.

    ``sibling`` finds an operation of the same resource by its operationId (a job's status
    operation must be one), in constant time: it is asked once per job of each operation.
    """
    plans: list[HelperPlan] = []
    kind = response_kind(op)
    client = {p.name: p for p in client_parameters(op)}
    redirect = next((b for b in op.behaviours if isinstance(b, RedirectDownload) and b.trigger_parameter), None)
    presigned = next((b for b in op.behaviours if isinstance(b, PresignedDownload)), None)
    if kind is ResponseKind.STREAM:
        plans.append(HelperPlan(HelperKind.SAVE_STREAM, ranged=success_status(op) == PARTIAL_CONTENT))
    elif redirect is not None and redirect.trigger_parameter in client:
        plan = RedirectPlan(str(redirect.trigger_parameter), redirect.trigger_value_json, redirect.location_header)
        plans.append(
            HelperPlan(HelperKind.SAVE_REDIRECT, redirect=plan, checksum=declared_checksum(op, redirect.status))
        )
    elif presigned is not None and kind is ResponseKind.JSON:
        plans.extend(_presigned(resolve, op, presigned))
    saving = next((p for p in plans if p.kind.saves_file), None)
    if saving is not None and many_key(op, saving) is not None:
        plans.insert(plans.index(saving) + 1, HelperPlan(HelperKind.SAVE_MANY, saving.redirect, saving.presigned))
    if kind is ResponseKind.JSON and op.method == "get" and any(r.status == "409" for r in op.responses):
        plans.append(HelperPlan(HelperKind.WAIT_READY))
    page = next((b for b in op.behaviours if isinstance(b, Pagination)), None)
    if page is not None and kind is ResponseKind.JSON:
        plans.extend(_pagination(resolve, op, page))
    for job in (b for b in op.behaviours if isinstance(b, AsyncJob)):
        if kind is ResponseKind.JSON:
            plans.extend(_job(resolve, op, job, sibling(job.poll_operation_id)))
    return plans


def many_key(op: Operation, saving: HelperPlan) -> Parameter | None:
    """The one required argument of a save helper, a path parameter, that a helper saving many files takes a list of.

    None when the helper needs more (another required parameter or a required body): each
    file would need its own, and a list of ids could not say them.
    """
    trigger = saving.redirect.parameter if saving.redirect is not None else None
    required = [p for p in client_parameters(op) if p.required and p.name != trigger]
    if len(required) != 1 or required[0].location != "path":
        return None
    if op.request_body is not None and op.request_body.required:
        return None
    return required[0]


def declared_checksum(op: Operation, status: str) -> DeclaredChecksum | None:
    """The digest the ``status`` response of ``op`` declares (``x-checksum``), if any."""
    return next((b for b in op.behaviours if isinstance(b, DeclaredChecksum) and b.status == status), None)


def _declared(resolve: Resolve, op: Operation, key: str | None) -> str | None:
    return key if success_property(resolve, op, key) is not None else None


def _presigned(resolve: Resolve, op: Operation, link: PresignedDownload) -> list[HelperPlan]:
    if _declared(resolve, op, link.url_field) is None:
        return []
    plan = PresignedPlan(
        link.url_field, _declared(resolve, op, link.expires_field), _declared(resolve, op, link.head_url_field)
    )
    checksum = declared_checksum(op, link.status)
    if checksum is not None and _declared(resolve, op, checksum.body_field) is None:
        checksum = None
    plans = [HelperPlan(HelperKind.SAVE_PRESIGNED, presigned=plan, checksum=checksum)]
    if plan.head_field is not None:
        plans.append(HelperPlan(HelperKind.PRESIGNED_SIZE, presigned=plan))
    return plans


def _pagination(resolve: Resolve, op: Operation, page: Pagination) -> list[HelperPlan]:
    query = {p.name for p in client_parameters(op) if p.location == "query"}
    if page.style in ("cursor", "next-url", "link"):
        return _follow(resolve, op, page, query)
    items = success_property(resolve, op, page.items_field)
    if page.page_parameter not in query or page.items_field is None or items is None:
        return []
    items_schema = resolve(items.schema)
    plan = PagePlan(
        page=page.page_parameter,
        size=page.size_parameter if page.size_parameter in query else None,
        items_field=page.items_field,
        total_field=_declared(resolve, op, page.total_field),
        first_page=page.first_page,
        step=page.style,
        item=items_schema.items if isinstance(items_schema, ArraySchema) else None,
    )
    return [HelperPlan(HelperKind.PAGINATE, page=plan)]


def _follow(resolve: Resolve, op: Operation, page: Pagination, query: set[str]) -> list[HelperPlan]:
    """A pager whose answers name the next page; none when what it reads is not declared."""
    if page.style == "cursor" and page.cursor_parameter not in query:
        return []
    if page.items_field is None:
        schema = success_schema(op)
        items_schema = resolve(schema) if schema is not None else None
    else:
        items = success_property(resolve, op, page.items_field)
        items_schema = resolve(items.schema) if items is not None else None
    if not isinstance(items_schema, ArraySchema):
        return []
    plan = FollowPlan(
        style=page.style,
        items_field=page.items_field,
        cursor=page.cursor_parameter,
        next_cursor=_body_path(page.next_cursor),
        last_item=page.last_item_cursor,
        has_more=_body_path(page.has_more),
        next_url=_body_path(page.next_url),
        item=items_schema.items,
    )
    return [HelperPlan(HelperKind.PAGINATE, follow=plan)]


def _body_path(dotted: str | None) -> tuple[str, ...]:
    return tuple(dotted.split(".")) if dotted else ()


def _job(resolve: Resolve, op: Operation, job: AsyncJob, poll: Operation | None) -> list[HelperPlan]:
    if poll is None or response_kind(poll) is not ResponseKind.JSON or not job.result_url_field:
        return []
    if poll.request_body is not None and poll.request_body.required:
        return []
    poll_params = {p.name: p for p in client_parameters(poll)}
    sources = dict(job.parameters)
    if any(name not in poll_params or _declared(resolve, op, field) is None for name, field in sources.items()):
        return []
    if any(p.required and name not in sources for name, p in poll_params.items()):
        return []
    status, url = _declared(resolve, poll, job.status_field), _declared(resolve, poll, job.result_url_field)
    if status is None or url is None:
        return []
    plan = JobPlan(
        poll=poll,
        forwards=tuple(job.parameters),
        status_field=status,
        url_field=url,
        id_field=job.parameters[0][1] if job.parameters else None,
        succeeded=job.succeeded,
        failed=job.failed,
    )
    return [HelperPlan(HelperKind.JOB, job=plan)]
