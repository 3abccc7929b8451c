"""View-models for operations: one method per operation, grouped by tag, plus download helpers.

Everything a template needs is decided here: argument order and names, type
hints, defaults as literals, the checks to run before sending, how each part
of the request is encoded and how the response is decoded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl

from ...core.cookies import client_parameters
from ...ir import (
    Api,
    ArraySchema,
    AsyncJob,
    MediaContent,
    ObjectSchema,
    Operation,
    Pagination,
    Parameter,
    PresignedDownload,
    RedirectDownload,
    Response,
    Schema,
    StreamedDownload,
)
from . import naming
from .checks import check_lines
from .examples import example_code
from .models import ModelSet
from .types import TypeMapper, frozenset_literal, literal_from_json, py_literal, tuple_literal

STATUS_ERRORS = {
    "400": "BadRequestError",
    "401": "AuthenticationError",
    "403": "PermissionDeniedError",
    "404": "NotFoundError",
    "409": "ConflictError",
    "422": "UnprocessableEntityError",
    "429": "RateLimitError",
}
AddHelper = Callable[..., None]
# Names a resource class already has: operation methods must not take them.
RESOURCE_MEMBERS = frozenset({"with_raw_response", "close"})


@dataclass(frozen=True, slots=True)
class ArgVM:
    """One argument of a generated method."""

    name: str
    hint: str
    default: str | None
    """None for a required argument, else a literal."""
    description: str | None
    keyword_only: bool = True
    example: str | None = None
    """Example code for a required argument (README usage)."""
    schema: Schema | None = None
    """The IR schema of the value (None for a raw bytes body), for generated tests."""
    key: str | None = None
    """The spec's name: parameter or body property (None for a whole body)."""
    location: str | None = None
    """``path``, ``query``, ``header``, ``cookie`` or ``body``."""

    @property
    def signature(self) -> str:
        return f"{self.name}: {self.hint}" + (f" = {self.default}" if self.default is not None else "")


@dataclass(frozen=True, slots=True)
class OperationVM:
    name: str
    operation_id: str
    http_method: str
    path: str
    summary: str | None
    description: str | None
    deprecated: bool
    args: tuple[ArgVM, ...]
    checks: tuple[str, ...]
    path_params: tuple[tuple[str, str], ...]
    """(template name, expression)."""
    query: tuple[tuple[str, str, str, bool], ...]
    """(name, expression, style, explode)."""
    headers: tuple[tuple[str, str], ...]
    body_setup: tuple[str, ...]
    """Lines that build ``body`` before the request."""
    body_kwarg: str | None
    """``json=...``, ``content=...``, ``data=...`` or None."""
    security: str
    return_hint: str
    decode: str | None
    """Expression over ``data`` (the parsed JSON), None when nothing is returned."""
    streamed: bool
    errors: tuple[tuple[str, str], ...]
    """(exception class, when) for documented error statuses."""
    returns_doc: str
    helpers: tuple[HelperVM, ...] = ()
    content_type: str | None = None
    cookies: tuple[tuple[str, str], ...] = ()
    """(cookie name, expression) of the cookie parameters, sent in one ``Cookie`` header."""
    source: Operation | None = field(default=None, compare=False, repr=False)
    """The IR operation this method calls, for generated tests."""

    def query_with(self, name: str, literal: str) -> tuple[tuple[str, str, str, bool], ...]:
        """The query, with the parameter ``name`` sent as ``literal`` (a helper pinning a redirect trigger)."""
        return tuple((n, literal if n == name else value, style, explode) for n, value, style, explode in self.query)

    @property
    def example_args(self) -> str:
        """Required arguments with example values, as a README shows a call."""
        return example_args(self.args)


@dataclass(frozen=True, slots=True)
class HelperVM:
    """A method built on an operation: save to a file, wait until ready, iterate pages, run a job."""

    kind: str
    name: str
    args: tuple[ArgVM, ...]
    extra: dict[str, str] = field(default_factory=dict)
    """Kind-specific strings the template prints (field names, literals)."""

    @property
    def forward(self) -> str:
        return ", ".join(f"{a.name}={a.name}" for a in self.args)

    @property
    def example_args(self) -> str:
        return example_args(self.args)


def example_args(args: tuple[ArgVM, ...]) -> str:
    return ", ".join(
        (a.example or "...") if not a.keyword_only else f"{a.name}={a.example or '...'}"
        for a in args
        if a.default is None
    )


@dataclass(frozen=True, slots=True)
class ResourceVM:
    attr: str
    class_name: str
    description: str | None
    operations: tuple[OperationVM, ...]


def build_resources(api: Api, models: ModelSet, taken: Iterable[str] = ()) -> list[ResourceVM]:
    """One resource per tag; its classes (sync and async) named apart from models and ``taken`` (the clients)."""
    groups: dict[str, list[Operation]] = {}
    for op in api.operations:
        groups.setdefault(op.tags[0] if op.tags else "default", []).append(op)
    attrs = naming.unique(naming.snake(tag, fallback="api") for tag in groups)
    bases = naming.unique_families(
        (naming.pascal(tag, fallback="Api") for tag in groups),
        lambda base: (f"{base}Resource", f"Async{base}Resource"),
        [*models.exported, *taken],
    )
    classes = [f"{base}Resource" for base in bases]
    descriptions = {t.name: t.description for t in api.tags}
    resources: list[ResourceVM] = []
    for attr, class_name, (tag, ops) in zip(attrs, classes, groups.items(), strict=True):
        names = naming.unique((method_name(op) for op in ops), RESOURCE_MEMBERS)
        built = [_operation(api, models.mapper, op, name) for op, name in zip(ops, names, strict=True)]
        taken = set(names) | RESOURCE_MEMBERS
        with_helpers = []
        for vm, op in zip(built, ops, strict=True):
            helpers = _helpers(api, models.mapper, op, vm, taken)
            with_helpers.append(_replace_helpers(vm, helpers))
        resources.append(
            ResourceVM(
                attr=attr, class_name=class_name, description=descriptions.get(tag), operations=tuple(with_helpers)
            )
        )
    return resources


def method_name(op: Operation) -> str:
    """snake_case of the operationId, without a ``Tag_`` prefix (``Downloads_GetDownloads`` -> ``get_downloads``)."""
    prefix, sep, rest = op.operation_id.partition("_")
    if sep and rest and prefix.lower() in {t.lower() for t in op.tags}:
        return naming.snake(rest, fallback="call")
    return naming.snake(op.operation_id, fallback="call")


def _replace_helpers(vm: OperationVM, helpers: list[HelperVM]) -> OperationVM:
    return replace(vm, helpers=tuple(helpers))


# ---------------------------------------------------------------------------- one operation


def _operation(api: Api, mapper: TypeMapper, op: Operation, name: str) -> OperationVM:
    params = sorted(client_parameters(op), key=lambda p: (p.location != "path", not p.required))
    py_names = naming.unique((naming.snake(p.name, fallback="param") for p in params), {"body", "request_options"})
    args: list[ArgVM] = []
    checks: list[str] = []
    path_params: list[tuple[str, str]] = []
    query: list[tuple[str, str, str, bool]] = []
    headers: list[tuple[str, str]] = []
    cookies: list[tuple[str, str]] = []
    pinned = _pinned_trigger(op)
    path, _, literal_query = op.path.partition("?")  # a few specs put a fixed query in the path
    query.extend(
        (name, py_literal(value), "form", True) for name, value in parse_qsl(literal_query, keep_blank_values=True)
    )
    for param, py in zip(params, py_names, strict=True):
        if pinned is not None and param.location == "query" and param.name == pinned[0]:
            query.append((param.name, pinned[1], param.style, param.explode))
            continue
        args.append(_param_arg(mapper, param, py))
        checks.extend(check_lines(mapper, param.schema, py, param.name, optional=not param.required))
        value = mapper.encode(param.schema, py)
        if param.location == "path":
            path_params.append((param.name, f"_rt.format_query_value({value})"))
        elif param.location == "query":
            sent = value if param.required else py if value == py else f"(None if {py} is None else {value})"
            query.append((param.name, sent, param.style, param.explode))
        elif param.location == "header":
            headers.append((param.name, py))
        elif param.location == "cookie":
            cookies.append((param.name, py))
    body_setup, body_kwarg, content_type = _body(mapper, op, args, checks)
    success = _success(op)
    streamed = any(isinstance(b, StreamedDownload) for b in op.behaviours)
    return_hint, decode, returns_doc = _returns(mapper, success, streamed)
    return OperationVM(
        name=name,
        operation_id=op.operation_id,
        http_method=op.method.upper(),
        path=path,
        summary=op.summary,
        description=op.description,
        deprecated=op.deprecated,
        args=tuple(args),
        checks=tuple(checks),
        path_params=tuple(path_params),
        query=tuple(query),
        headers=tuple(headers),
        body_setup=tuple(body_setup),
        body_kwarg=body_kwarg,
        security=security_literal(op),
        return_hint=return_hint,
        decode=decode,
        streamed=streamed,
        errors=tuple(_errors(op)),
        returns_doc=returns_doc,
        content_type=content_type,
        cookies=tuple(cookies),
        source=op,
    )


def _pinned_trigger(op: Operation) -> tuple[str, str] | None:
    """A boolean query parameter that switches the operation to a redirect: the JSON method always
    sends the other value (the server's default may be the redirect), and ``*_to_file`` sends the trigger."""
    if _success(op) is None:
        return None
    for behaviour in op.behaviours:
        if (
            isinstance(behaviour, RedirectDownload)
            and behaviour.trigger_parameter
            and behaviour.trigger_value_json in ("true", "false")
        ):
            return behaviour.trigger_parameter, "False" if behaviour.trigger_value_json == "true" else "True"
    return None


def security_literal(op: Operation) -> str:
    return tuple_literal(tuple_literal(py_literal(name) for name, _ in req.schemes) for req in op.security)


def _param_arg(mapper: TypeMapper, param: Parameter, py: str) -> ArgVM:
    hint = mapper.hint(param.schema)
    default = None
    if not param.required:
        default = "None"
        if not hint.endswith("| None") and hint != "Any":
            hint += " | None"
    return ArgVM(
        name=py,
        hint=hint,
        default=default,
        description=param.description,
        keyword_only=param.location != "path",
        schema=param.schema,
        key=param.name,
        location=param.location,
    )


def _json_content(contents: tuple[MediaContent, ...]) -> MediaContent | None:
    return next((c for c in contents if c.is_json), None)


def _body(
    mapper: TypeMapper, op: Operation, args: list[ArgVM], checks: list[str]
) -> tuple[list[str], str | None, str | None]:
    body = op.request_body
    if body is None or not body.contents:
        return [], None, None
    content = _json_content(body.contents)
    if content is None:
        content = body.contents[0]
        arg = ArgVM(
            name="body",
            hint="bytes" if body.required else "bytes | None",
            default=None if body.required else "None",
            description=body.description,
            location="body",
        )
        args.append(arg)
        return [], "content=body", content.media_type
    schema = content.schema
    if schema is None:
        args.append(
            ArgVM(
                name="body",
                hint="Any",
                default=None if body.required else "None",
                description=body.description,
                location="body",
            )
        )
        return [], "json=_rt.encode_json(body)", content.media_type
    resolved = mapper.resolve(schema)
    taken = {a.name for a in args} | {"request_options"}
    if mapper.is_model(schema) and isinstance(resolved, ObjectSchema) and body.required:
        return _flattened_body(mapper, schema, resolved, args, checks, taken), "json=body.to_dict()", content.media_type
    hint = mapper.hint(schema)
    if not body.required and not hint.endswith("| None"):
        hint += " | None"
    args.append(
        ArgVM(
            name="body",
            hint=hint,
            default=None if body.required else "None",
            description=body.description,
            example=example_code(mapper, schema),
            schema=schema,
            location="body",
        )
    )
    checks.extend(check_lines(mapper, schema, "body", "body", optional=not body.required))
    encoded = mapper.encode(schema, "body")
    if not body.required and encoded != "body":
        encoded = f"None if body is None else {encoded}"
    return [], f"json={encoded}", content.media_type


def _flattened_body(
    mapper: TypeMapper, schema: Schema, obj: ObjectSchema, args: list[ArgVM], checks: list[str], taken: set[str]
) -> list[str]:
    """A required object body: its properties become keyword arguments, as a hand-written SDK has them."""
    model = mapper.hint(schema).removesuffix(" | None")
    py_names = naming.unique((naming.snake(p.name, fallback="field") for p in obj.properties), taken)
    field_names = naming.unique(naming.snake(p.name, fallback="field") for p in obj.properties)
    props = sorted(zip(py_names, field_names, obj.properties, strict=True), key=lambda t: not t[2].required)
    for py, _, prop in props:
        hint = mapper.hint(prop.schema)
        if not prop.required and not hint.endswith("| None") and hint != "Any":
            hint += " | None"
        args.append(
            ArgVM(
                name=py,
                hint=hint,
                default=None if prop.required else "None",
                description=prop.schema.info.description,
                schema=prop.schema,
                key=prop.name,
                location="body",
            )
        )
        checks.extend(check_lines(mapper, prop.schema, py, prop.name, optional=not prop.required))
    assigns = ", ".join(f"{f}={py}" for py, f, _ in props)
    return [f"body = {model}({assigns})"]


def _success(op: Operation) -> Response | None:
    successes = [r for r in op.responses if r.is_success]
    if not successes:
        return next((r for r in op.responses if r.status == "default"), None)
    return min(successes, key=lambda r: r.status)


def _returns(mapper: TypeMapper, response: Response | None, streamed: bool) -> tuple[str, str | None, str]:
    if streamed:
        return "StreamedResponse", None, "A streamed response: read it with ``iter_bytes()`` inside a ``with`` block."
    if response is None or not response.contents:
        return "None", None, "Nothing."
    content = _json_content(response.contents)
    if content is None or content.schema is None:
        return "Any", "_data", response.description or "The decoded response body."
    hint = mapper.hint(content.schema)
    decode = mapper.decode(content.schema, "_data")
    if decode == "_data" and hint != "Any":
        decode = f"cast({py_literal(hint)}, _data)"  # JSON that needs no conversion: tell the type checker what it is
    return hint, decode, response.description or "The decoded response body."


def _errors(op: Operation) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    for response in op.responses:
        if response.status in STATUS_ERRORS:
            result.append((STATUS_ERRORS[response.status], response.description or f"HTTP {response.status}"))
        elif response.status.startswith("5"):
            result.append(("InternalServerError", response.description or f"HTTP {response.status}"))
    first: dict[str, str] = {}
    for cls, when in result:
        first.setdefault(cls, when)  # 500 and 504 both raise InternalServerError: document it once
    return list(first.items())


# ---------------------------------------------------------------------------- helpers


def _helpers(api: Api, mapper: TypeMapper, op: Operation, vm: OperationVM, taken: set[str]) -> list[HelperVM]:
    helpers: list[HelperVM] = []

    def add(kind: str, name: str, args: tuple[ArgVM, ...], **extra: str) -> None:
        unique_name = naming.unique([name], taken)[0]
        taken.add(unique_name)
        helpers.append(HelperVM(kind=kind, name=unique_name, args=args, extra=extra))

    behaviours = op.behaviours
    redirect = next((b for b in behaviours if isinstance(b, RedirectDownload) and b.trigger_parameter), None)
    presigned = next((b for b in behaviours if isinstance(b, PresignedDownload)), None)
    if any(isinstance(b, StreamedDownload) for b in behaviours):
        add("save_stream", f"{vm.name}_to_file", vm.args)
    elif redirect is not None and redirect.trigger_parameter is not None:
        trigger = _arg_for(op, vm, redirect.trigger_parameter)
        if trigger is not None:
            args = tuple(a for a in vm.args if a.name != trigger)
            add(
                "save_redirect",
                f"{vm.name}_to_file",
                args,
                trigger=trigger,
                trigger_key=redirect.trigger_parameter,
                value=literal_from_json(redirect.trigger_value_json) or "True",
            )
    elif presigned is not None and vm.decode is not None:
        url, expires = _attr(mapper, op, presigned.url_field), _attr(mapper, op, presigned.expires_field)
        add(
            "save_presigned",
            f"{vm.name}_to_file",
            vm.args,
            url=url or "",
            expires=expires or "",
            head=_attr(mapper, op, presigned.head_url_field) or "",
        )
        head = _attr(mapper, op, presigned.head_url_field)
        if head is not None:
            add("presigned_size", f"{vm.name}_size", vm.args, head=head, expires=expires or "")
    if op.method == "get" and any(r.status == "409" for r in op.responses) and vm.decode is not None:
        add("wait_ready", f"wait_for_{vm.name.removeprefix('get_')}", vm.args)
    page = next((b for b in behaviours if isinstance(b, Pagination)), None)
    if page is not None:
        _pagination(mapper, op, vm, page, add)
    for job in (b for b in behaviours if isinstance(b, AsyncJob)):
        _job(api, mapper, op, vm, job, add)
    return helpers


def _arg_for(op: Operation, vm: OperationVM, param_name: str) -> str | None:
    params = sorted(client_parameters(op), key=lambda p: (p.location != "path", not p.required))
    names = naming.unique((naming.snake(p.name, fallback="param") for p in params), {"body", "request_options"})
    return next((py for p, py in zip(params, names, strict=True) if p.name == param_name), None)


def _attr(mapper: TypeMapper, op: Operation, key: str | None) -> str | None:
    """The Python attribute of the success model that holds JSON property ``key``."""
    if key is None:
        return None
    response = _success(op)
    content = _json_content(response.contents) if response else None
    schema = mapper.resolve(content.schema) if content and content.schema else None
    if not isinstance(schema, ObjectSchema):
        return None
    names = naming.unique(naming.snake(p.name, fallback="field") for p in schema.properties)
    return next((py for p, py in zip(schema.properties, names, strict=True) if p.name == key), None)


def _pagination(mapper: TypeMapper, op: Operation, vm: OperationVM, page: Pagination, add: AddHelper) -> None:
    page_arg = _arg_for(op, vm, page.page_parameter)
    size_arg = _arg_for(op, vm, page.size_parameter) if page.size_parameter else None
    items = _attr(mapper, op, page.items_field)
    if page_arg is None or items is None or vm.decode is None:
        return
    response = _success(op)
    content = _json_content(response.contents) if response else None
    schema = mapper.resolve(content.schema) if content and content.schema else None
    item_hint = "Any"
    if isinstance(schema, ObjectSchema):
        prop = next(p for p in schema.properties if p.name == page.items_field)
        items_schema = mapper.resolve(prop.schema)
        if isinstance(items_schema, ArraySchema):
            item_hint = mapper.hint(items_schema.items)
    args = tuple(a for a in vm.args if a.name != page_arg)
    add(
        "paginate",
        f"iter_{vm.name.removeprefix('get_')}",
        args,
        page_arg=page_arg,
        items_attr=items,
        total=_attr(mapper, op, page.total_field) or "",
        size_arg=size_arg or "",
        item_hint=item_hint,
        first_page=str(page.first_page),
    )


def _job(api: Api, mapper: TypeMapper, op: Operation, vm: OperationVM, job: AsyncJob, add: AddHelper) -> None:
    poll = api.operation(job.poll_operation_id)
    poll_name = method_name(poll)
    poll_params = sorted(poll.parameters, key=lambda p: (p.location != "path", not p.required))
    poll_py = naming.unique((naming.snake(p.name, fallback="param") for p in poll_params), {"body", "request_options"})
    by_name = dict(zip((p.name for p in poll_params), poll_py, strict=True))
    forwards = []
    for param, source in job.parameters:
        attr = _attr(mapper, op, source)
        if param not in by_name or attr is None:
            return
        forwards.append(f"{by_name[param]}=_started.{attr}")
    status_attr = _attr(mapper, poll, job.status_field)
    url_attr = _attr(mapper, poll, job.result_url_field)
    first_id = _attr(mapper, op, job.parameters[0][1]) if job.parameters else None
    if status_attr is None or url_attr is None:
        return
    poll_response = _success(poll)
    poll_content = _json_content(poll_response.contents) if poll_response else None
    status_hint = mapper.hint(poll_content.schema) if poll_content and poll_content.schema else "Any"
    add(
        "job",
        f"{vm.name}_job",
        vm.args,
        poll=poll_name,
        forwards=", ".join(forwards),
        status=status_attr,
        status_hint=status_hint,
        url=url_attr,
        job_id=f"_started.{first_id}" if first_id else "''",
        succeeded=frozenset_literal(job.succeeded),
        failed=frozenset_literal(job.failed),
    )


__all__ = ["ArgVM", "HelperVM", "OperationVM", "ResourceVM", "build_resources"]
