"""View-models for operations: one method per operation, grouped by tag into services.

Everything a template prints is decided here: the method's signature (``ctx`` first,
path parameters positional, the others in one ``*<Name>Params`` struct, then per-call
options), the checks run before sending, how each part of the request is encoded (the
statements of the request builder), and how the response is decoded.
"""

from __future__ import annotations

from dataclasses import replace

from ...core.multipart import MULTIPART, FormField, PartKind, form_fields, multipart_content
from ...core.operations import (
    Documented,
    HelperFlags,
    HelperKind,
    HelperPlan,
    ResponseKind,
    ResultFlags,
    json_content,
    method_base,
    method_parameters,
    response_kind,
    security_names,
    split_path,
    success_response,
)
from ...core.query import styled_path
from ...core.security import SecurityPlan
from ...immutable import immutable
from ...ir import ObjectSchema, Operation, Parameter, Property, Schema
from . import naming
from .checks import GoChecks
from .literals import gostr
from .models import ModelSet
from .types import RAW

OPTS = "opts ...CallOption"
INDENT = "\t"


@immutable
class ArgVM:
    """A path parameter (positional) or a field of the ``Params`` struct."""

    name: str
    """The Go identifier: a local for a path argument, an exported field for a member."""
    type: str
    """The Go type as held (a pointer when optional)."""
    key: str | None
    """The spec's name (parameter or body property); None for a whole body."""
    location: str
    """``path``, ``query``, ``header``, ``cookie`` or ``body``."""
    schema: Schema | None
    required: bool
    description: str | None
    tag: str = ""
    """The field's struct tag (the spec's name, for documentation and reflection)."""


@immutable
class HelperVM(HelperFlags):
    """A method built on an operation: its name, signature, result and body (Go statements)."""

    kind: HelperKind
    name: str
    signature: str
    result: str
    body: tuple[str, ...]
    doc: tuple[str, ...]
    plan: HelperPlan


@immutable
class OperationVM(ResultFlags, Documented):
    name: str
    path_args: tuple[ArgVM, ...]
    members: tuple[ArgVM, ...]
    params_type: str | None
    builder: str
    checks: tuple[str, ...]
    build: tuple[str, ...]
    """Statements filling ``req`` after the checks."""
    path: str
    security: str
    kind: ResponseKind
    value_type: str
    """The Go type the body decodes into (``[]byte`` for a body that is not JSON); empty for none."""
    struct_result: bool
    """Whether the method returns ``*value_type``."""
    returns_doc: str
    source: Operation
    content_type: str | None
    helpers: tuple[HelperVM, ...] = ()

    @property
    def result(self) -> str:
        if self.kind is ResponseKind.STREAM:
            return "*Download"
        if self.kind is ResponseKind.VOID:
            return ""
        return ("*" if self.struct_result else "") + self.value_type

    @property
    def returns(self) -> str:
        return f"({self.result}, error)" if self.result else "error"

    @property
    def zero(self) -> str:
        """What an early return gives besides the error (with its comma), empty for a method returning only an error."""
        if not self.result:
            return ""
        if self.result.startswith(("*", "[]", "map[")) or self.result in ("any", RAW):
            return "nil, "
        return f"*new({self.result}), "

    def signature(self, *extra: str, options: str = OPTS) -> str:
        return ", ".join(["ctx context.Context", *self._declared(*extra), options])

    def call(self, params: str = "params", options: str = "opts...") -> str:
        return ", ".join(["ctx", *self._passed(params), options])

    @property
    def builder_signature(self) -> str:
        """The request builder's parameters: the method's, without the context and the call options."""
        return ", ".join(self._declared())

    @property
    def builder_call(self) -> str:
        return ", ".join(self._passed("params"))

    def _declared(self, *extra: str) -> list[str]:
        """The path arguments with their types, ``extra`` parameters, then the ``Params`` struct if there is one."""
        params = [f"params *{self.params_type}"] if self.params_type is not None else []
        return [*(f"{a.name} {a.type}" for a in self.path_args), *extra, *params]

    def _passed(self, params: str) -> list[str]:
        """The path arguments, then ``params`` if the operation takes a ``Params`` struct."""
        return [*(a.name for a in self.path_args), *([params] if self.params_type is not None else [])]


@immutable
class ServiceVM:
    field: str
    """The client's field holding it."""
    type: str
    module: str
    """The file it is written to, without ``.go``."""
    description: str | None
    tag: str
    operations: tuple[OperationVM, ...]


def _checked(target: str, call: str) -> list[str]:
    """Statements setting ``target`` to the text ``call`` returns with an error (the builder returns the error)."""
    return [
        "{",
        f"\ttext, err := {call}",
        "\tif err != nil {",
        "\t\treturn nil, err",
        "\t}",
        f"\t{target} = text",
        "}",
    ]


def method_name(op: Operation) -> str:
    """The exported method name: the operationId without a ``Tag_`` prefix (``getOutput`` -> ``GetOutput``)."""
    return naming.exported(method_base(op), fallback="Call")


class OperationBuilder:
    """Builds operation view-models for one package."""

    def __init__(self, models: ModelSet, security: SecurityPlan) -> None:
        from .models import field_name

        self.models = models
        self.security = security
        self.types = models.types
        self.checks = GoChecks(models.types, field_name)

    def operation(self, op: Operation, name: str, taken: set[str]) -> OperationVM:
        path_ir, other_ir, pinned = method_parameters(op)
        path_names = naming.unique(naming.local(p.name, fallback="param") for p in path_ir)
        path_args = [
            ArgVM(n, self._arg_type(p.schema, True), p.name, "path", p.schema, True, p.description)
            for n, p in zip(path_names, path_ir, strict=True)
        ]
        member_names = naming.unique(naming.exported(p.name, fallback="Param") for p in other_ir)
        members = [
            ArgVM(
                n,
                self._arg_type(p.schema, p.required),
                p.name,
                p.location,
                p.schema,
                p.required,
                p.description,
                tag=_tag(p.name),
            )
            for n, p in zip(member_names, other_ir, strict=True)
        ]
        fail = "nil, "
        checks: list[str] = []
        for arg in path_args:
            if arg.schema is not None:
                checks.extend(self.checks.lines(arg.schema, arg.name, gostr(arg.key), held=arg.type, fail=fail))
        build: list[str] = []
        path, literal_query = split_path(op)
        for key, value in literal_query:
            build.append(
                f"req.Query = append(req.Query, apicore.QueryParam{{Name: {gostr(key)}, Value: {gostr(value)}}})"
            )
        styled = [not p.sent_as_json and styled_path(p, self.types.resolve(p.schema)) for p in path_ir]
        path_values = ", ".join(
            f"{gostr(a.key)}: {self._text(a.schema, a.name, a.type)}"
            for a, by_style in zip(path_args, styled, strict=True)
            if not by_style
        )
        if path_values:
            build.append(f"req.PathParams = map[string]string{{{path_values}}}")
        if any(styled):
            build.append("req.PathSegments = map[string]string{}")
        for arg, ir, by_style in zip(path_args, path_ir, styled, strict=True):
            if by_style:
                explode = str(ir.explode).lower()
                written = f"apicore.PathValue({gostr(ir.name)}, {arg.name}, {gostr(ir.style)}, {explode})"
                build.extend(_checked(f"req.PathSegments[{gostr(ir.name)}]", written))
        by_key: dict[tuple[str, str], Parameter] = {(p.name, p.location): p for p in other_ir}
        cookies: list[str] = []
        for arg in members:
            var = f"params.{arg.name}"
            assert arg.schema is not None
            checks.extend(
                self.checks.lines(arg.schema, var, gostr(arg.key), held=arg.type, fail=fail, optional=not arg.required)
            )
            ir = by_key[(arg.key or "", arg.location)]
            build.extend(self._send(ir, arg, var, cookies))
        if cookies:
            build.insert(0, "var cookies [][2]string")
            build.extend(
                [
                    "if len(cookies) > 0 {",
                    "\tcookie, err := apicore.CookieHeader(cookies)",
                    "\tif err != nil {",
                    "\t\treturn nil, err",
                    "\t}",
                    '\treq.Headers["Cookie"] = cookie',
                    "}",
                ]
            )
        if pinned is not None:
            build.append(
                f"req.Query = append(req.Query, apicore.QueryParam{{Name: {gostr(pinned[0].name)}, "
                f"Value: {gostr('true' if pinned[1] else 'false')}}})"
            )
        content_type = self._body(op, members, checks, build, taken)
        members = _distinct_tags(members)
        kind = response_kind(op)
        value_type, struct_result, returns_doc = self._returns(op, kind)
        params_type = None
        if members:
            params_type = naming.claim(name + "Params", taken)
        return OperationVM(
            name=name,
            path_args=tuple(path_args),
            members=tuple(members),
            params_type=params_type,
            builder="build" + name + "Request",
            checks=tuple(checks),
            build=tuple(build),
            path=path,
            security="[][]string{"
            + ", ".join("{" + ", ".join(gostr(n) for n in names) + "}" for names in security_names(op, self.security))
            + "}",
            kind=kind,
            value_type=value_type,
            struct_result=struct_result,
            returns_doc=returns_doc,
            source=op,
            content_type=content_type,
        )

    # ------------------------------------------------------------------ arguments

    def _arg_type(self, schema: Schema, required: bool) -> str:
        return self.types.field(schema, required=required)[0]

    def _text(self, schema: Schema | None, var: str, held: str) -> str:
        """A Go expression giving the value in ``var`` (held as ``held``, never a nil pointer here) as text."""
        type_ = held[1:] if held.startswith("*") else held
        value = f"*{var}" if held.startswith("*") and not self.types.is_struct(type_) else var
        if type_ == "string":
            return value
        if type_ in self.types.string_enums:
            return f"string({value})"
        if type_ == "int64" or type_ in self.types.int_enums:
            return f"strconv.FormatInt(int64({value}), 10)"
        if type_ == "float64":
            return f"formatFloat({value})"
        if type_ == "bool":
            return f"strconv.FormatBool({value})"
        return f"formatJSON({value})"

    def _send(self, ir: Parameter, arg: ArgVM, var: str, cookies: list[str]) -> list[str]:
        """Statements adding the member ``arg`` to ``req`` (nothing when it is unset)."""
        held = arg.type
        lines: list[str]
        key = gostr(ir.name)
        if ir.location == "cookie":
            cookies.append(ir.name)
        listed = held.startswith("[]") and not ir.sent_as_json  # one JSON text otherwise, as an object is
        if listed and ir.location in ("query", "cookie"):
            item = held[2:]
            lines = [
                f"items := make([]string, 0, len({var}))",
                f"for _, item := range {var} {{",
                f"\titems = append(items, {self._text(None, 'item', item)})",
                "}",
                (
                    f"req.Query = append(req.Query, apicore.EncodeQuery({key}, items, {gostr(ir.style)}, "
                    f"{str(ir.explode).lower()})...)"
                    if ir.location == "query"
                    # a cookie's array is its items joined by commas (the form style without explode)
                    else f'cookies = append(cookies, [2]string{{{key}, strings.Join(items, ",")}})'
                ),
            ]
            return [f"if len({var}) > 0 {{", *(INDENT + line for line in lines), "}"]
        if listed and ir.location == "header":
            # a header's array is its items joined by commas (the simple style)
            lines = [
                f"items := make([]string, 0, len({var}))",
                f"for _, item := range {var} {{",
                f"\titems = append(items, {self._text(None, 'item', held[2:])})",
                "}",
                f'req.Headers[{key}] = strings.Join(items, ",")',
            ]
            return [f"if len({var}) > 0 {{", *(INDENT + line for line in lines), "}"]
        text = self._text(arg.schema, var, held)
        by_style = text.startswith("formatJSON(") and not ir.sent_as_json  # an object: its members by the style
        if ir.location == "query" and by_style:
            explode = str(ir.explode).lower()
            lines = [
                f"if pairs, err := apicore.QueryObject({key}, {var}, {gostr(ir.style)}, {explode}); err != nil {{",
                "\treturn nil, err",
                "} else {",
                "\treq.Query = append(req.Query, pairs...)",
                "}",
            ]
        elif ir.location == "query":
            lines = [f"req.Query = append(req.Query, apicore.QueryParam{{Name: {key}, Value: {text}}})"]
        elif ir.location == "header" and by_style:  # k,v (exploded k=v)
            lines = [
                f"if text, sent, err := apicore.SimpleValue({key}, {var}, {str(ir.explode).lower()}); err != nil {{",
                "\treturn nil, err",
                "} else if sent {",
                f"\treq.Headers[{key}] = text",
                "}",
            ]
        elif ir.location == "header":
            lines = [f"req.Headers[{key}] = {text}"]
        else:
            lines = [f"cookies = append(cookies, [2]string{{{key}, {text}}})"]
        if held.startswith("*") or self.types.holds_nil(held):
            return [f"if {var} != nil {{", *(INDENT + line for line in lines), "}"]
        return lines

    def _body(
        self, op: Operation, members: list[ArgVM], checks: list[str], build: list[str], taken: set[str]
    ) -> str | None:
        body = op.request_body
        if body is None or not body.contents:
            return None
        content = json_content(body.contents)
        fields = form_fields(self.types, body) if content is None else None
        if fields is not None:
            build.extend(self._form(fields, members, checks))
            return MULTIPART
        if content is None:
            raw = multipart_content(body) or body.contents[0]
            members.append(ArgVM("Body", "[]byte", None, "body", None, body.required, body.description))
            build.append("if params.Body != nil {")
            build.append("\treq.Body = params.Body")
            build.append(f"\treq.ContentType = {gostr(raw.media_type)}")
            if multipart_content(body) is not None:
                members.append(
                    ArgVM(
                        "ContentType", "string", None, "body", None, False, "The body's media type with its boundary."
                    )
                )
                build.append('\tif params.ContentType != "" {')
                build.append("\t\treq.ContentType = params.ContentType")
                build.append("\t}")
            build.append("}")
            return raw.media_type
        schema = content.schema
        if schema is None:
            members.append(ArgVM("Body", "any", None, "body", None, body.required, body.description))
            build.append("if params.Body != nil {\n\t\treq.JSON = params.Body\n\t}")
            return _json_media_type(content.media_type, build)
        resolved = self.types.resolve(schema)
        struct = self.types.type(schema)
        if (
            isinstance(resolved, ObjectSchema)
            and resolved.properties
            and body.required
            and self.types.is_struct(struct)
        ):
            from .models import field_names, others_field, others_type

            taken_names = {m.name for m in members} | {"Body"}
            wanted = field_names(resolved)
            names = naming.unique(wanted, taken_names)
            pairs = []
            for ident, field, prop in zip(names, wanted, resolved.properties, strict=True):
                held = self._arg_type(prop.schema, prop.required)
                members.append(_property_arg(ident, held, prop))
                checks.extend(
                    self.checks.lines(
                        prop.schema,
                        f"params.{ident}",
                        gostr(prop.name),
                        held=held,
                        fail="nil, ",
                        optional=not prop.required,
                    )
                )
                pairs.append(f"{field}: params.{ident}")
            value_type = others_type(self.types, resolved)
            if value_type is not None:  # the properties the body's schema does not list, as its model keeps them
                field = others_field(resolved)
                ident = naming.claim(field, {*taken_names, *names})
                doc = "The body's properties its schema does not list (those it lists are ignored here)."
                members.append(ArgVM(ident, f"map[string]{value_type}", None, "body", None, False, doc))
                pairs.append(f"{field}: params.{ident}")
            build.append(f"req.JSON = &{struct}{{{', '.join(pairs)}}}")
            return _json_media_type(content.media_type, build)
        held = self._arg_type(schema, body.required)
        members.append(ArgVM("Body", held, None, "body", schema, body.required, body.description))
        checks.extend(self.checks.lines(schema, "params.Body", gostr("body"), held=held, fail="nil, "))
        if held.startswith("*") or self.types.holds_nil(held):
            build.append("if params.Body != nil {\n\t\treq.JSON = params.Body\n\t}")
        else:
            build.append("req.JSON = params.Body")
        return _json_media_type(content.media_type, build)

    def _form(self, fields: tuple[FormField, ...], members: list[ArgVM], checks: list[str]) -> list[str]:
        """A member per form field, and the statements adding each as its parts (a part per file and per item)."""
        names = naming.unique((naming.exported(f.name, fallback="Field") for f in fields), {m.name for m in members})
        lines = ["form := apicore.NewForm()"]
        for name, field in zip(names, fields, strict=True):
            prop, key, var = field.prop, gostr(field.name), f"params.{name}"
            if field.kind is PartKind.FILE:
                held = "*apicore.FormFile"
                lines.append(f"if {var} != nil {{\n\t\tform.File({key}, *{var})\n\t}}")
            elif field.kind is PartKind.FILES:
                held = "[]apicore.FormFile"
                lines.append(f"for _, file := range {var} {{\n\t\tform.File({key}, file)\n\t}}")
            else:
                held = self._arg_type(prop.schema, prop.required)
                checks.extend(
                    self.checks.lines(prop.schema, var, key, held=held, fail="nil, ", optional=not prop.required)
                )
                if field.kind is PartKind.TEXTS:
                    text = self._text(None, "item", held[2:])
                    lines.append(f"for _, item := range {var} {{\n\t\tform.Text({key}, {text})\n\t}}")
                else:
                    add = (
                        f"form.JSON({key}, {var})"
                        if field.kind is PartKind.JSON
                        else (f"form.Text({key}, {self._text(prop.schema, var, held)})")
                    )
                    nilable = held.startswith("*") or self.types.holds_nil(held)
                    lines.append(f"if {var} != nil {{\n\t\t{add}\n\t}}" if nilable else add)
            if field.is_file and prop.required:
                empty = f"{var} == nil" if field.kind is PartKind.FILE else f"len({var}) == 0"
                checks.append(
                    f"if {empty} {{\n\t\treturn nil, &apicore.ArgumentError{{Parameter: {key}, "
                    'Problem: "is required"}\n\t}'
                )
            members.append(_property_arg(name, held, prop))
        lines.append("if err := form.Finish(req); err != nil {\n\t\treturn nil, err\n\t}")
        return lines

    def _returns(self, op: Operation, kind: ResponseKind) -> tuple[str, bool, str]:
        response = success_response(op)
        if kind is ResponseKind.STREAM:
            return "", False, "The streamed response: read it, or Save it to a file; Close it in any case."
        if response is None or kind is ResponseKind.VOID:
            return "", False, ""
        doc = response.description or "The decoded response body."
        content = json_content(response.contents)
        if content is None or content.schema is None:
            return "[]byte", False, doc
        type_ = self.types.type(content.schema)
        return type_, self.types.is_struct(type_), doc


def _property_arg(name: str, held: str, prop: Property) -> ArgVM:
    """The member ``name`` (held as ``held``) sending a body property: a JSON object's or a form's."""
    schema = prop.schema
    return ArgVM(name, held, prop.name, "body", schema, prop.required, schema.info.description, _tag(prop.name))


def _distinct_tags(members: list[ArgVM]) -> list[ArgVM]:
    """``members`` with the struct tag of each spec name kept on its first member only.

    A parameter and a body property (or two parameters in other places) may share a
    name; go vet refuses a struct whose fields repeat a ``json`` tag.
    """
    seen: set[str] = set()
    distinct = []
    for member in members:
        if member.tag and member.tag in seen:
            member = replace(member, tag="")
        seen.add(member.tag)
        distinct.append(member)
    return distinct


def _tag(name: str) -> str:
    from .models import tag_safe

    return f'`json:"{name}"`' if tag_safe(name) else ""


def _json_media_type(media_type: str, build: list[str]) -> str:
    """``media_type``, a JSON body's, sent as its ``Content-Type``: the runtime's default is application/json only.

    A registry's ``application/vnd.docker.distribution.manifest.v2+json`` tells the server what it reads.
    """
    if media_type != "application/json":
        build.append(f"req.ContentType = {gostr(media_type)}")
    return media_type
