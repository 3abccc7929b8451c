"""View-models for operations: one method per operation, grouped by tag, plus download helpers.

Everything a template needs is decided here: argument order and names, type
hints, defaults as literals, the checks to run before sending, how each part
of the request is encoded and how the response is decoded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field

from ...core.multipart import FormField, PartKind, form_fields
from ...core.operations import (
    Documented,
    HelperFlags,
    HelperKind,
    has_content,
    json_content,
    method_base,
    pinned_trigger,
    security_names,
    sorted_parameters,
    split_path,
    success_response,
)
from ...core.query import styled_path
from ...core.security import SecurityPlan
from ...immutable import immutable
from ...ir import ObjectSchema, Operation, Parameter, Property, Response, Schema, StreamedDownload
from . import naming
from .checks import check_lines
from .examples import example_code
from .types import TypeMapper, py_literal, tuple_literal

HELPER_ARGS = frozenset({"path", "overwrite", "progress", "timeout", "poll_interval"})
"""The arguments a helper adds to its operation's (``save_extra`` and the waiting options in the template)."""
RESERVED_ARGS = frozenset({"body", "request_options"}) | HELPER_ARGS
"""Names no argument taken from the spec can have: the local ``body`` a method builds, and the arguments
the methods add themselves (every other local of a generated method starts with ``_``, which no argument does)."""


@immutable
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
    part: PartKind | None = None
    """The multipart form part a body argument is sent as (None: not a form field)."""

    @property
    def signature(self) -> str:
        return f"{self.name}: {self.hint}" + (f" = {self.default}" if self.default is not None else "")


class Called:
    """A method a README shows called: an operation's, or a helper's."""

    __slots__ = ()
    args: tuple[ArgVM, ...]

    @property
    def example_args(self) -> str:
        """The required arguments with example values (keyword-only ones by name), as a README shows a call."""
        return ", ".join(
            (a.example or "...") if not a.keyword_only else f"{a.name}={a.example or '...'}"
            for a in self.args
            if a.default is None
        )


@immutable
class OperationVM(Called, Documented):
    name: str
    path: str
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
    returns_doc: str
    source: Operation = field(compare=False, repr=False)
    """The IR operation this method calls: its documentation and errors (``Documented``), its generated tests."""
    helpers: tuple[HelperVM, ...] = ()
    content_type: str | None = None
    cookies: tuple[tuple[str, str], ...] = ()
    """(cookie name, expression) of the cookie parameters, sent in one ``Cookie`` header."""

    def query_with(self, name: str, literal: str) -> tuple[tuple[str, str, str, bool], ...]:
        """The query, with the parameter ``name`` sent as ``literal`` (a helper pinning a redirect trigger)."""
        return tuple((n, literal if n == name else value, style, explode) for n, value, style, explode in self.query)

    @property
    def signature(self) -> str:
        """The method's parameter list: ``self``, its arguments, the request options."""
        return parameters(self.args)


REQUEST_OPTIONS = "request_options: _rt.RequestOptions | None = None"
SAVE_PARAMETERS = (
    "path: _rt.PathLike",
    "overwrite: bool = False",
    "progress: _rt.ProgressCallback | None = None",
    "resume: bool = False",
    "verify: bool = True",
    "skip_identical: bool = False",
)
"""A save helper's own parameters, after the operation's: where the file goes, and how it is fetched."""
SAVE_OPTIONS = (
    "overwrite=overwrite",
    "progress=progress",
    "resume=resume",
    "verify=verify",
    "skip_identical=skip_identical",
    "retry=self._core.retry",
)
"""What a save helper passes on to the runtime's ``fetch_to_file``, after the source and the path."""
OWN_PARAMETERS = {
    HelperKind.SAVE_STREAM: SAVE_PARAMETERS,
    HelperKind.SAVE_REDIRECT: SAVE_PARAMETERS,
    HelperKind.SAVE_PRESIGNED: SAVE_PARAMETERS,
    HelperKind.SAVE_MANY: (
        "folder: _rt.PathLike",
        "overwrite: bool = False",
        "resume: bool = False",
        "verify: bool = True",
        "skip_identical: bool = True",
        "concurrency: int = _rt.DEFAULT_CONCURRENCY",
        "progress: _rt.BulkProgress | None = None",
    ),
    HelperKind.WAIT_READY: ("timeout: float = 300.0", "poll_interval: float = 5.0"),
}
"""The parameters a helper of each kind takes besides the operation's arguments (none for the other kinds)."""


@immutable
class HelperVM(HelperFlags, Called):
    """A method built on an operation: save to a file, wait until ready, iterate pages, run a job.

    The fields past ``args`` are what the template prints for the kinds that need them (else empty).
    """

    kind: HelperKind
    name: str
    args: tuple[ArgVM, ...]
    trigger: str = ""
    """save_redirect: the argument asking for the redirect, its spec name and the value that does."""
    trigger_key: str = ""
    value: str = ""
    url: str = ""
    """save_presigned and job: the attribute holding the file's address."""
    expires: str = ""
    """save_presigned, presigned_size: the attribute holding the link's expiry."""
    head: str = ""
    """save_presigned, presigned_size: the attribute holding the link for a HEAD request."""
    page_arg: str = ""
    """paginate: the position argument, the items and total attributes, the size argument."""
    items_attr: str = ""
    total: str = ""
    size_arg: str = ""
    item_hint: str = ""
    first_page: str = ""
    follow: str = ""
    """paginate by cursor, next URL or Link header: the ``_rt.Follow(...)`` literal, the cursor argument if any."""
    cursor_arg: str = ""
    poll: str = ""
    """job: the status method, its arguments from the started job, and what its answer holds."""
    forwards: tuple[str, ...] = ()
    """job: ``argument=_started.attribute`` for each argument of the status method."""
    status: str = ""
    status_hint: str = ""
    job_id: str = ""
    succeeded: str = ""
    failed: str = ""
    single: str = ""
    """save_many: the helper saving one file, the argument it takes the id as, and the id's type."""
    key_arg: str = ""
    key_hint: str = ""
    checksum: str = ""
    """save_presigned, save_redirect: the expression giving the digest the spec declares (``x-checksum``), if any."""
    ranged: bool = False
    """save_stream: the success is the part the call's own Range asks for (the core's ``HelperPlan.ranged``)."""

    @property
    def signature(self) -> str:
        """The helper's parameter list: ``self``, the operation's arguments it takes, its own, the request options."""
        return parameters(self.args, OWN_PARAMETERS.get(self.kind, ()))

    @property
    def save_options(self) -> tuple[str, ...]:
        """save_stream, save_redirect, save_presigned: the keyword arguments of ``fetch_to_file``."""
        return SAVE_OPTIONS if self.kind.saves_file else ()

    @property
    def forwarded(self) -> tuple[str, ...]:
        """The helper's own arguments, each passed on by name to the operation."""
        return tuple(f"{a.name}={a.name}" for a in self.args)

    @property
    def call_args(self) -> str:
        """The whole argument list of the helper's call of its operation."""
        return argument_list(self.forwarded)

    @property
    def page_call_args(self) -> str:
        """paginate: the argument list of the call of its operation for the page ``_page``."""
        return argument_list((f"{self.page_arg}=_page", *self.forwarded))

    @property
    def follow_call_args(self) -> str:
        """paginate by cursor, next URL or Link header: the call of its operation for the cursor ``_next``."""
        cursor = (f"{self.cursor_arg}=_next",) if self.cursor_arg else ()
        return ", ".join([*cursor, *self.forwarded, "request_options=_options"])

    @property
    def poll_call_args(self) -> str:
        """job: the argument list of the call of the status method."""
        return argument_list(self.forwards)


def parameters(args: Iterable[ArgVM], extra: Iterable[str] = ()) -> str:
    """``self``, the positional arguments, ``*``, the keyword-only ones, ``extra`` and the request options."""
    listed = list(args)
    positional = [a.signature for a in listed if not a.keyword_only]
    keyword = [a.signature for a in listed if a.keyword_only]
    return ", ".join(["self", *positional, "*", *keyword, *extra, REQUEST_OPTIONS])


def argument_list(items: tuple[str, ...]) -> str:
    """``items`` and the caller's request options, as the arguments of a call (an empty item is left out)."""
    return ", ".join([*filter(None, items), "request_options=request_options"])


def method_name(op: Operation) -> str:
    """snake_case of the operationId, without a ``Tag_`` prefix (``Downloads_GetDownloads`` -> ``get_downloads``)."""
    return naming.snake(method_base(op), fallback="call")


def argument_names(params: list[Parameter]) -> list[str]:
    """The arguments of ``params`` (in the order of ``sorted_parameters``)."""
    return naming.unique((naming.snake(p.name, fallback="param") for p in params), RESERVED_ARGS)


# ---------------------------------------------------------------------------- one operation


def build_operation(mapper: TypeMapper, op: Operation, name: str, security: SecurityPlan) -> OperationVM:
    params = sorted_parameters(op)
    py_names = argument_names(params)
    args: list[ArgVM] = []
    checks: list[str] = []
    path_params: list[tuple[str, str]] = []
    query: list[tuple[str, str, str, bool]] = []
    headers: list[tuple[str, str]] = []
    cookies: list[tuple[str, str]] = []
    pinned = pinned_trigger(op)
    path, literal_query = split_path(op)
    query.extend((name, py_literal(value), "form", True) for name, value in literal_query)
    for param, py in zip(params, py_names, strict=True):
        if pinned is not None and param.location == "query" and param.name == pinned[0]:
            query.append((param.name, py_literal(pinned[1]), param.style, param.explode))
            continue
        args.append(_param_arg(mapper, param, py))
        checks.extend(check_lines(mapper, param.schema, py, param.name, optional=not param.required))
        value = mapper.encode(param.schema, py)
        if param.sent_as_json:  # one text wherever it goes: an object or array by its JSON
            value = f"_rt.format_query_value({value})"
            sent = value if param.required else f"(None if {py} is None else {value})"
            if param.location == "path":
                path_params.append((param.name, value))
            elif param.location == "query":
                query.append((param.name, sent, "form", True))
            else:
                (headers if param.location == "header" else cookies).append((param.name, sent))
        elif param.location == "path" and styled_path(param, mapper.resolve(param.schema)):
            style = f"{py_literal(param.style)}, {param.explode}"
            path_params.append((param.name, f"_rt.path_segment({py_literal(param.name)}, {value}, {style})"))
        elif param.location == "path":
            sole = mapper.encode(param.schema, py, sole_argument=True)
            path_params.append((param.name, f"_rt.format_query_value({sole})"))
        elif param.location == "query":
            sent = value if param.required else py if value == py else f"(None if {py} is None else {value})"
            query.append((param.name, sent, param.style, param.explode))
        elif param.location == "header" and (param.explode or mapper.is_model(param.schema)):
            # a model by its JSON: k,v (k=v exploded); the runtime writes any other value as it is
            sent = f"_rt.simple_text({value}, {param.explode})"
            headers.append((param.name, sent if param.required else f"(None if {py} is None else {sent})"))
        elif param.location == "header":
            headers.append((param.name, py))
        elif param.location == "cookie" and mapper.is_model(param.schema):
            # a model by its JSON (k,v), as the runtime writes a mapping; a dataclass would be its repr
            cookies.append((param.name, value if param.required else f"(None if {py} is None else {value})"))
        elif param.location == "cookie":
            cookies.append((param.name, py))
    body_setup, body_kwarg, content_type = _body(mapper, op, args, checks)
    headers.extend(_content_type_header(args, content_type))
    success = success_response(op)
    streamed = any(isinstance(b, StreamedDownload) for b in op.behaviours)
    return_hint, decode, returns_doc = _returns(mapper, success, streamed)
    return OperationVM(
        name=name,
        path=path,
        args=tuple(args),
        checks=tuple(checks),
        path_params=tuple(path_params),
        query=tuple(query),
        headers=tuple(headers),
        body_setup=tuple(body_setup),
        body_kwarg=body_kwarg,
        security=security_literal(op, security),
        return_hint=return_hint,
        decode=decode,
        streamed=streamed,
        returns_doc=returns_doc,
        source=op,
        content_type=content_type,
        cookies=tuple(cookies),
    )


def security_literal(op: Operation, security: SecurityPlan) -> str:
    return tuple_literal(tuple_literal(py_literal(name) for name in names) for names in security_names(op, security))


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


def _body(
    mapper: TypeMapper, op: Operation, args: list[ArgVM], checks: list[str]
) -> tuple[list[str], str | None, str | None]:
    body = op.request_body
    if body is None or not body.contents:
        return [], None, None
    fields = form_fields(mapper, body)
    if fields is not None:
        return _form_body(mapper, fields, args, checks), "files=_parts", None
    content = json_content(body.contents)
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
    taken = {a.name for a in args} | RESERVED_ARGS
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
        _body_argument(mapper, py, prop, args, checks)
    assigns = ", ".join(f"{f}={py}" for py, f, _ in props)
    return [f"body = {model}({assigns})"]


_FILE_HINTS = {PartKind.FILE: "_rt.FileField", PartKind.FILES: "list[_rt.FileField]"}


def _body_argument(
    mapper: TypeMapper,
    py: str,
    prop: Property,
    args: list[ArgVM],
    checks: list[str],
    form_field: FormField | None = None,
) -> None:
    """A property of the body as the keyword argument ``py`` (None by default when optional), and its checks.

    With ``form_field``, the multipart part it is sent as; a file's argument takes any of the runtime's
    ``FileField`` forms, with no schema and no checks.
    """
    hint = (form_field is not None and _FILE_HINTS.get(form_field.kind)) or mapper.hint(prop.schema)
    if not prop.required and not hint.endswith("| None") and hint != "Any":
        hint += " | None"
    schema = None if form_field is not None and form_field.is_file else prop.schema
    args.append(
        ArgVM(
            name=py,
            hint=hint,
            default=None if prop.required else "None",
            description=prop.schema.info.description,
            schema=schema,
            key=prop.name,
            location="body",
            part=None if form_field is None else form_field.kind,
        )
    )
    if schema is not None:
        checks.extend(check_lines(mapper, schema, py, prop.name, optional=not prop.required))


def _form_body(mapper: TypeMapper, fields: tuple[FormField, ...], args: list[ArgVM], checks: list[str]) -> list[str]:
    """A multipart form: one argument per field, each sent as its own part (httpx writes the boundary).

    A file argument is any of the runtime's ``FileField`` forms (bytes, a binary file, or a tuple
    with its file name and content type); a text field is sent as its text, an object as JSON.
    """
    taken = {a.name for a in args} | RESERVED_ARGS
    names = naming.unique((naming.snake(f.name, fallback="field") for f in fields), taken)
    for py, form_field in sorted(zip(names, fields, strict=True), key=lambda t: not t[1].prop.required):
        _body_argument(mapper, py, form_field.prop, args, checks, form_field)
    lines = ["_parts: list[tuple[str, _rt.FileField]] = []"]
    for py, form_field in zip(names, fields, strict=True):
        key = py_literal(form_field.name)
        append = {
            PartKind.FILE: f"_parts.append(({key}, {py}))",
            PartKind.FILES: f"_parts.extend(({key}, _file) for _file in {py})",
            PartKind.TEXT: f"_parts.append(({key}, _rt.text_part({py})))",
            PartKind.TEXTS: f"_parts.extend(({key}, _rt.text_part(_item)) for _item in {py})",
            PartKind.JSON: f"_parts.append(({key}, _rt.json_part({py})))",
        }[form_field.kind]
        if not form_field.prop.required or mapper.nullable(form_field.prop.schema):
            lines.extend([f"if {py} is not None:", "    " + append])
        else:
            lines.append(append)
    return lines


def _returns(mapper: TypeMapper, response: Response | None, streamed: bool) -> tuple[str, str | None, str]:
    if streamed:
        return "StreamedResponse", None, "A streamed response: read it with ``iter_bytes()`` inside a ``with`` block."
    if response is None or not has_content(response):
        return "None", None, "Nothing."
    content = json_content(response.contents)
    if content is None or content.schema is None:
        return "Any", "_data", response.description or "The decoded response body."
    hint = mapper.hint(content.schema)
    decode = mapper.decode(content.schema, "_data")
    if decode == "_data" and hint != "Any":
        decode = f"cast({py_literal(hint)}, _data)"  # JSON that needs no conversion: tell the type checker what it is
    return hint, decode, response.description or "The decoded response body."


def _content_type_header(args: list[ArgVM], content_type: str | None) -> list[tuple[str, str]]:
    """The body's media type as its ``Content-Type``, where httpx would write another (or none).

    httpx types a ``json=`` body application/json and a ``content=`` body not at all; a form's
    type (with its boundary) httpx writes itself (``content_type`` None).
    """
    if content_type is None or content_type == "application/json":
        return []
    sent = py_literal(content_type)
    body = next((a for a in args if a.location == "body" and a.name == "body"), None)
    if body is not None and body.default == "None":
        sent = f"(None if body is None else {sent})"
    return [("Content-Type", sent)]


__all__ = ["ArgVM", "HelperVM", "OperationVM", "build_operation", "method_name"]
