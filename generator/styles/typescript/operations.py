"""View-models for operations: one method per operation, grouped by tag, plus the download helpers.

Everything a template prints is decided here: the method's signature (path parameters
positional, the others in one ``params`` object, then per-call ``options``), the checks
run before sending, how each part of the request is encoded, how the response is
decoded, and which helpers (save to a file, wait until ready, iterate pages, follow a
job) the operation's behaviours call for.
"""

from __future__ import annotations

from ...core import operations as ops
from ...core.multipart import FormField, PartKind, form_fields
from ...core.naming import claim
from ...core.query import styled_path
from ...core.security import SecurityPlan
from ...immutable import immutable
from ...ir import ArraySchema, ObjectSchema, Operation, Parameter, Response, Schema
from . import naming
from .models import ModelSet
from .types import ts_literal

OPTIONS = "options: rt.RequestOptions = {}"
RAW_BODY = "Blob | ArrayBuffer | Uint8Array<ArrayBuffer> | string"
FILE = "Blob"
"""A file of a multipart form: a ``Blob``, or a ``File`` to give the part its file name."""
_PATH_RESERVED = naming.RESERVED | naming.LOCALS
"""Names a path argument may not take: reserved words and the locals of an operation's method."""


@immutable
class ArgVM:
    """A path parameter (positional) or a member of the ``params`` object."""

    name: str
    type: str
    optional: bool
    description: str | None
    key: str | None
    """The spec's name (parameter or body property); None for a whole body."""
    location: str
    """``path``, ``query``, ``header`` or ``body``."""
    schema: Schema | None = None
    part: PartKind | None = None
    """A field of a multipart form: the part it is sent as."""


@immutable
class HelperVM(ops.HelperFlags):
    """A method built on an operation; the fields past ``call`` are what the template prints for its kind."""

    kind: ops.HelperKind
    name: str
    signature: str
    call: str
    """Arguments that call the operation itself from the helper."""
    plan: ops.HelperPlan
    """The core's plan: the spec's names of what the helper reads (for generated tests)."""
    trigger: str = ""
    """save_redirect: the parameter asking for the redirect, the value that does, the header with the address."""
    value: str = ""
    header: str = ""
    url: str = ""
    """save_presigned and job: the key holding the file's address."""
    expires: str = ""
    head: str = ""
    items_field: str = ""
    """paginate: the items and total keys, the size member, the item type, the first position and its step."""
    total: str = ""
    size: str = ""
    item_type: str = ""
    first_page: str = ""
    step: str = ""
    follow: str = ""
    """paginate by cursor, next URL or Link header: the ``rt.Follow`` literal (``items_field`` may be empty)."""
    poll: str = ""
    """job: the status method, its arguments from the started job, and what its answer holds."""
    poll_call: str = ""
    status_type: str = ""
    status: str = ""
    job_id: str = ""
    succeeded: str = ""
    failed: str = ""
    single: str = ""
    """save_many: the helper saving one file, and its call for the id ``id`` into ``folder``."""
    single_call: str = ""
    key_type: str = ""
    checksum: str = ""
    """save_presigned, save_redirect: the expression giving the digest the spec declares (``x-checksum``), if any."""


@immutable
class OperationVM(ops.ResultFlags, ops.Documented):
    name: str
    path_args: tuple[ArgVM, ...]
    params: tuple[ArgVM, ...]
    params_type: str | None
    params_optional: bool
    checks: tuple[str, ...]
    path: str
    path_params: tuple[tuple[str, str], ...]
    """(object literal key, expression)."""
    query: tuple[tuple[str, str, str, bool], ...]
    headers: tuple[tuple[str, str], ...]
    """(object literal key, expression)."""
    body: str | None
    """The request spec's body member (``json: ...`` or ``body: ...``)."""
    content_type: str | None
    security: str
    kind: ops.ResponseKind
    return_type: str
    check: str | None
    """The decodeJson check expression, if any."""
    returns_doc: str
    source: Operation
    helpers: tuple[HelperVM, ...] = ()

    def signature(self, *extra: str, params_type: str | None = None, options: str = OPTIONS) -> str:
        """The parameters: path arguments, ``extra`` ones, the params object, then options."""
        kind = params_type or self.params_type
        params = f"params: {kind} = {{}}" if self.params_optional else f"params: {kind}"
        return ", ".join([*self._declared(*extra, params=params), options])

    @property
    def request_signature(self) -> str:
        """The parameters of the private method that builds the request: the method's, the params object required."""
        return ", ".join(self._declared(params=f"params: {self.params_type}"))

    @property
    def request_call(self) -> str:
        return ", ".join(self._passed("params"))

    def call(self, params: str = "params", options: str = "options") -> str:
        return ", ".join([*self._passed(params), options])

    def _declared(self, *extra: str, params: str) -> list[str]:
        """The path arguments with their types, ``extra`` parameters, then ``params`` if there is a params object."""
        params_object = [params] if self.params_type is not None else []
        return [*(f"{a.name}: {a.type}" for a in self.path_args), *extra, *params_object]

    def _passed(self, params: str) -> list[str]:
        """The path arguments, then ``params`` if the operation takes a params object."""
        return [*(a.name for a in self.path_args), *([params] if self.params_type is not None else [])]

    @property
    def result_type(self) -> str:
        return {ops.ResponseKind.STREAM: "rt.StreamedResponse", ops.ResponseKind.VOID: "void"}.get(
            self.kind, self.return_type
        )


@immutable
class ResourceVM:
    attr: str
    class_name: str
    module: str
    description: str | None
    operations: tuple[OperationVM, ...]
    clashes: str = ""
    """The client's own member the tag's name would have taken (``hooks``), else empty."""

    @property
    def params_types(self) -> list[str]:
        return sorted(op.params_type for op in self.operations if op.params_type is not None)


def method_name(op: Operation) -> str:
    """camelCase of the operationId, without a ``Tag_`` prefix (``Downloads_GetDownloads`` -> ``getDownloads``)."""
    return naming.camel(ops.method_base(op), fallback="call")


def build_operation(models: ModelSet, op: Operation, name: str, taken: set[str], security: SecurityPlan) -> OperationVM:
    types = models.types
    path_params_ir, other_ir, pinned = ops.method_parameters(op)
    path_names = naming.unique(naming.camel(p.name, fallback="param", reserved=_PATH_RESERVED) for p in path_params_ir)
    other_names = naming.unique((naming.camel(p.name, fallback="param") for p in other_ir), {"body"})
    path_args = [
        ArgVM(n, types.type(p.schema, argument=True), False, p.description, p.name, "path", p.schema)
        for n, p in zip(path_names, path_params_ir, strict=True)
    ]
    members = [
        ArgVM(n, types.type(p.schema, argument=True), not p.required, p.description, p.name, p.location, p.schema)
        for n, p in zip(other_names, other_ir, strict=True)
    ]
    lines: list[str] = []
    for arg in path_args:
        lines.extend(
            models.check_lines(arg.schema, arg.name, ts_literal(arg.key), optional=False) if arg.schema else []
        )
    for arg in members:
        if arg.schema is not None:
            lines.extend(
                models.check_lines(arg.schema, f"params.{arg.name}", ts_literal(arg.key), optional=arg.optional)
            )
    path, literal_query = ops.split_path(op)
    query = [(ts_literal(n), ts_literal(v), "form", True) for n, v in literal_query]
    path_values = [
        (
            naming.object_key(arg.key or ""),
            _path_value(arg, ir, not ir.sent_as_json and styled_path(ir, types.resolve(ir.schema))),
        )
        for arg, ir in zip(path_args, path_params_ir, strict=True)
    ]
    headers: list[tuple[str, str]] = []
    cookies: list[str] = []
    for arg in members:
        ir = next((p for p in other_ir if p.name == arg.key and p.location == arg.location), None)
        sent = _encoded(arg, f"params.{arg.name}")
        if ir is not None and ir.sent_as_json:  # one text wherever it goes: an object or array by its JSON
            text = f"rt.formatValue({sent})"
            sent = f"({sent} == null ? undefined : {text})" if arg.optional else text
        if arg.location == "query" and ir is not None:
            style, explode = ("form", True) if ir.sent_as_json else (ir.style, ir.explode)
            query.append((ts_literal(arg.key), sent, style, explode))
        elif arg.location == "header" and ir is not None:
            if ir.explode and not ir.sent_as_json:  # an object as k=v (the runtime writes k,v)
                sent = f"({sent} == null ? undefined : rt.simpleText({sent}, true))"
            headers.append((naming.object_key(arg.key or ""), sent))
        elif arg.location == "cookie":
            cookies.append(f"[{ts_literal(arg.key)}, {sent}]")
    if cookies:
        headers.append(("Cookie", f"rt.cookieHeader([{', '.join(cookies)}])"))
    if pinned is not None:
        param, value = pinned
        query.append((ts_literal(param.name), ts_literal(value), param.style, param.explode))
    body, content_type = _body(models, op, members, lines)
    kind = ops.response_kind(op)
    return_type, check, returns_doc = _returns(models, ops.success_response(op), kind)
    params_type = None
    if members:
        params_type = claim(naming.pascal(name, fallback="Call") + "Params", taken)
    return OperationVM(
        name=name,
        path_args=tuple(path_args),
        params=tuple(members),
        params_type=params_type,
        params_optional=all(m.optional for m in members),
        checks=tuple(lines),
        path=path,
        path_params=tuple(path_values),
        query=tuple(query),
        headers=tuple(headers),
        body=body,
        content_type=content_type,
        security="["
        + ", ".join("[" + ", ".join(ts_literal(n) for n in names) + "]" for names in ops.security_names(op, security))
        + "]",
        kind=kind,
        return_type=return_type,
        check=check,
        returns_doc=returns_doc,
        source=op,
    )


def _path_value(arg: ArgVM, ir: Parameter, styled: bool) -> str:
    """The expression a path argument is sent as: its text, or written by its style (``styled``)."""
    if not styled:
        return _encoded(arg, arg.name)
    value = _formatted(arg, arg.name)
    return f"rt.pathSegment({ts_literal(ir.name)}, {value}, {ts_literal(ir.style)}, {str(ir.explode).lower()})"


def _encoded(arg: ArgVM, var: str) -> str:
    """The expression sending ``var``: dates formatted, everything else as the runtime formats it."""
    value = _formatted(arg, var)
    return f"rt.formatValue({value})" if arg.location == "path" else value


def _formatted(arg: ArgVM, var: str) -> str:
    """``var`` with a date or date-time as its text (other values as they are)."""
    schema = arg.schema
    fmt = schema.format if schema is not None and hasattr(schema, "format") else None
    if fmt == "date":
        return f"rt.formatDate({var})"
    if fmt == "date-time":
        return f"rt.formatDateTime({var})"
    return var


def _body(models: ModelSet, op: Operation, members: list[ArgVM], lines: list[str]) -> tuple[str | None, str | None]:
    body = op.request_body
    if body is None or not body.contents:
        return None, None
    fields = form_fields(models.types, body)
    if fields is not None:
        return _form_body(models, fields, members, lines)
    content = ops.json_content(body.contents)
    if content is None:
        raw = body.contents[0]
        members.append(ArgVM("body", RAW_BODY, not body.required, body.description, None, "body"))
        return "body: params.body", raw.media_type
    schema = content.schema
    if schema is None:
        members.append(ArgVM("body", "unknown", not body.required, body.description, None, "body"))
        return "json: params.body", content.media_type
    resolved = models.types.resolve(schema)
    if isinstance(resolved, ObjectSchema) and resolved.properties and body.required:
        taken = {m.name for m in members}
        names = naming.unique((naming.camel(p.name, fallback="field") for p in resolved.properties), taken)
        props = sorted(zip(names, resolved.properties, strict=True), key=lambda t: not t[1].required)
        for ident, prop in props:
            optional = not prop.required
            members.append(
                ArgVM(
                    ident,
                    models.types.type(prop.schema),
                    optional,
                    prop.schema.info.description,
                    prop.name,
                    "body",
                    prop.schema,
                )
            )
            lines.extend(models.check_lines(prop.schema, f"params.{ident}", ts_literal(prop.name), optional=optional))
        pairs = ", ".join(
            f"{naming.object_key(p.name)}: params.{i}" for i, p in zip(names, resolved.properties, strict=True)
        )
        return f"json: rt.compact({{ {pairs} }})", content.media_type
    members.append(ArgVM("body", models.types.type(schema), not body.required, body.description, None, "body", schema))
    lines.extend(models.check_lines(schema, "params.body", ts_literal("body"), optional=not body.required))
    return "json: params.body", content.media_type


_FILE_TYPES = {PartKind.FILE: FILE, PartKind.FILES: f"{FILE}[]"}


def _form_body(
    models: ModelSet, fields: tuple[FormField, ...], members: list[ArgVM], lines: list[str]
) -> tuple[str, None]:
    """A multipart form: one member per field, built into a ``FormData`` (fetch writes the boundary)."""
    taken = {m.name for m in members}
    names = naming.unique((naming.camel(f.name, fallback="field") for f in fields), taken)
    appends: list[str] = []
    for ident, field in sorted(zip(names, fields, strict=True), key=lambda t: not t[1].prop.required):
        prop, var, key = field.prop, f"params.{ident}", ts_literal(field.name)
        optional = not prop.required
        schema = None if field.is_file else prop.schema
        type_ = _FILE_TYPES.get(field.kind) or models.types.type(prop.schema)
        members.append(
            ArgVM(ident, type_, optional, prop.schema.info.description, prop.name, "body", schema, field.kind)
        )
        if schema is not None:
            lines.extend(models.check_lines(schema, var, key, optional=optional))
    for ident, field in zip(names, fields, strict=True):
        var, key = f"params.{ident}", ts_literal(field.name)
        append = {
            PartKind.FILE: f"form.append({key}, {var});",
            PartKind.FILES: f"for (const item of {var}) form.append({key}, item);",
            PartKind.TEXT: f"form.append({key}, String({var}));",
            PartKind.TEXTS: f"for (const item of {var}) form.append({key}, String(item));",
            PartKind.JSON: f"form.append({key}, JSON.stringify({var}));",
        }[field.kind]
        nullable = models.types.may_be_null(field.prop.schema)
        if not field.prop.required or nullable:
            append = f"if ({var} !== undefined && {var} !== null) {append}"
        appends.append(append)
    lines.extend(["const form = new FormData();", *appends])
    return "body: form", None


def _returns(models: ModelSet, response: Response | None, kind: ops.ResponseKind) -> tuple[str, str | None, str]:
    if kind is ops.ResponseKind.STREAM:
        return "rt.StreamedResponse", None, "The streamed response: read `body`, or `saveTo(path)` in Node."
    if response is None or kind is ops.ResponseKind.VOID:
        return "void", None, "Nothing."
    doc = response.description or "The decoded response body."
    content = ops.json_content(response.contents)
    if content is None or content.schema is None:
        return "unknown", None, doc
    resolved = models.types.resolve(content.schema)
    check = None
    if models.types.may_be_null(content.schema):
        pass
    elif isinstance(resolved, ObjectSchema):
        required = ", ".join(ts_literal(p.name) for p in resolved.properties if p.required)
        check = f"rt.expectObject([{required}])"
    elif isinstance(resolved, ArraySchema):
        check = "rt.expectArray"
    reader = models.readers.expr(content.schema)  # discriminated unions, wherever they are in the body
    if reader is not None:
        check = f"rt.expectRead({reader})" if check is None else f"rt.expectRead({reader}, {check})"
    return models.types.type(content.schema), check, doc
