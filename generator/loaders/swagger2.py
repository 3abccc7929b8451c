"""Swagger 2.0 documents to the IR.

What 2.0 says differently from OpenAPI 3 and where it ends up:
``host``/``basePath``/``schemes`` become servers; ``consumes``/``produces``
become the media types of bodies and responses; ``in: body`` and
``in: formData`` parameters become the request body (``type: file`` makes it
multipart); ``collectionFormat`` becomes a style; ``securityDefinitions``
become security schemes; and a header parameter named ``Authorization``
becomes a bearer-token security requirement, which is what it means.
Origins always point into the 2.0 document as written.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from ..core.coverage import SKIPPED_PARAMETER
from ..ir import (
    AnySchema,
    Api,
    ArraySchema,
    Behaviour,
    Header,
    MediaContent,
    ObjectSchema,
    Operation,
    Parameter,
    PrimitiveSchema,
    Property,
    RequestBody,
    Response,
    Schema,
    SecurityRequirement,
    SecurityScheme,
    Server,
)
from . import common, extensions
from .context import LoadContext, Node, flag, text
from .oauth import swagger2_flows
from .schemas import build_schema

_PARAM_ONLY_KEYS = frozenset({"name", "in", "required", "collectionFormat", "allowEmptyValue", "schema"})
_COLLECTION_STYLES: dict[str, tuple[str, bool]] = {
    "csv": ("form", False),
    "multi": ("form", True),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
}
_JSON = "application/json"


def load_swagger2(ctx: LoadContext, root: Node) -> Api:
    schemes = list(_security_schemes(ctx, root.get("securityDefinitions")))
    security = common.document_security(ctx, root, schemes)
    common.name_schemas(ctx, root.get("definitions"))
    consumes = _media_types(root.get("consumes")) or (_JSON,)
    produces = _media_types(root.get("produces")) or (_JSON,)
    bearer = _Bearer(schemes)

    def operation(site: common.OperationSite) -> Operation | None:
        return _operation(ctx, site, security, consumes, produces, bearer)

    operations = common.build_operations(ctx, root.get("paths"), operation)
    ctx.build_queued(lambda n: build_schema(ctx, n))
    return common.api(ctx, root, servers=_servers(root), operations=operations, security_schemes=tuple(schemes))


class _Bearer:
    """The bearer-token scheme that ``Authorization`` header parameters stand for, made on first use."""

    def __init__(self, schemes: list[SecurityScheme]) -> None:
        self.schemes = schemes

    def scheme_for(self, param: Node) -> str:
        for scheme in self.schemes:
            if scheme.kind == "http" and scheme.http_scheme == "bearer":
                return scheme.name
        name = "BearerAuth"
        taken = {s.name for s in self.schemes}
        while name in taken:
            name += "_"
        description = text(param.get("description")) or "Bearer token in the Authorization header."
        self.schemes.append(
            SecurityScheme(name=name, kind="http", http_scheme="bearer", description=description, origin=param.origin)
        )
        return name


def _media_types(node: Node | None) -> tuple[str, ...]:
    if node is None or not isinstance(node.value, list):
        return ()
    return tuple(dict.fromkeys(m for m in node.value if isinstance(m, str)))


def _schema_view(node: Node) -> Node:
    """A parameter or header seen as the schema it describes (without name, in, required...)."""
    if not isinstance(node.value, dict) or not node.value.keys() & _PARAM_ONLY_KEYS:
        return node
    return Node({k: v for k, v in node.value.items() if k not in _PARAM_ONLY_KEYS}, node.document, node.pointer)


def _parameter_schema(ctx: LoadContext, node: Node) -> Schema:
    """The schema of a parameter other than the body; an array without ``items`` is read as strings.

    Swagger 2.0 requires ``items`` for such an array; its values travel as text, so strings are what it holds.
    """
    schema = build_schema(ctx, _schema_view(node))
    if isinstance(schema, ArraySchema) and isinstance(schema.items, AnySchema) and node.get("items") is None:
        name = text(node.get("name")) or "?"
        ctx.warning("W005", f"array parameter {name!r} has no `items` (2.0 requires them); read as strings", node)
        return replace(schema, items=PrimitiveSchema(kind="string", origin=schema.origin))
    return schema


def _operation(
    ctx: LoadContext,
    site: common.OperationSite,
    security: common.DocumentSecurity,
    consumes: tuple[str, ...],
    produces: tuple[str, ...],
    bearer: _Bearer,
) -> Operation | None:
    path, method, item, node = site
    raw_params: dict[tuple[str, str], Node] = {}
    for source in (item.get("parameters"), node.get("parameters")):
        for element in source.elements() if source is not None else []:
            param = ctx.deref(element, skipped=SKIPPED_PARAMETER)
            if param is None or not isinstance(param.value, dict):
                continue
            key = (str(param.value.get("in")), str(param.value.get("name")))
            raw_params[key] = param
    consumes = _media_types(node.get("consumes")) or consumes
    produces = _media_types(node.get("produces")) or produces
    requirements = security.of(ctx, node)
    params: list[Parameter] = []
    body: RequestBody | None = None
    form: list[Node] = []
    for (location, name), param in raw_params.items():
        if location == "body":
            body = _body(ctx, param, consumes)
        elif location == "formData":
            form.append(param)
        elif location == "header" and name.lower() == "authorization":
            requirements = _with_bearer(requirements, bearer.scheme_for(param), flag(param.get("required")))
        elif (built := ctx.once("parameter", param, partial(_parameter, ctx, param))) is not None:  # a shared one: once
            params.append(built)
    if form:
        body = _form_body(ctx, form, consumes)
    responses, behaviours = _responses(ctx, node, produces)
    return common.operation(
        ctx,
        method,
        path,
        node,
        parameters=common.merge_parameters(ctx, path, [], params, node),
        request_body=body,
        responses=responses,
        security=requirements,
        behaviours=behaviours,
    )


def _with_bearer(
    requirements: tuple[SecurityRequirement, ...], scheme: str, required: bool
) -> tuple[SecurityRequirement, ...]:
    """Add the bearer token to every alternative; when optional, keep the alternatives without it too."""
    alternatives = requirements or (SecurityRequirement(schemes=()),)
    with_token = tuple(
        (
            req
            if any(name == scheme for name, _ in req.schemes)
            else SecurityRequirement(schemes=(*req.schemes, (scheme, ())))
        )
        for req in alternatives
    )
    if required:
        return with_token
    return tuple(dict.fromkeys((*with_token, *alternatives)))


def _parameter(ctx: LoadContext, node: Node) -> Parameter | None:
    head = common.parameter_head(ctx, node, ("path", "query", "header"), "path, query, header, body or formData")
    if head is None:
        return None
    name, location, required = head
    if "type" not in node.value:
        ctx.warning("W005", f"parameter {name!r} has no type; any value is accepted", node)
    if location == "header" and common.skipped_header(ctx, name, node, ignored=("accept", "content-type")):
        return None
    style, explode = ("simple", False) if location in ("path", "header") else ("form", True)
    collection = text(node.get("collectionFormat"))
    if node.value.get("type") == "array":
        fmt = collection or "csv"
        if fmt not in _COLLECTION_STYLES:
            ctx.warning("W005", f"collectionFormat {fmt!r} is not supported; csv is used", node)
            fmt = "csv"
        if location == "query":
            style, explode = _COLLECTION_STYLES[fmt]
    return Parameter(
        name=name,
        location=location,  # type: ignore[arg-type]  # checked above
        schema=_parameter_schema(ctx, node),
        required=required,
        description=text(node.get("description")),
        style=style,  # type: ignore[arg-type]  # one of _COLLECTION_STYLES or simple
        explode=explode,
        origin=node.origin,
    )


def _body(ctx: LoadContext, node: Node, consumes: tuple[str, ...]) -> RequestBody:
    schema_node = node.get("schema")
    if schema_node is None:
        ctx.warning("W005", "body parameter without a schema; any value is accepted", node)
    schema = build_schema(ctx, schema_node) if schema_node is not None else AnySchema(origin=node.origin)
    return RequestBody(
        contents=tuple(MediaContent(media_type=m, schema=schema, origin=node.origin) for m in consumes),
        required=flag(node.get("required")),
        description=text(node.get("description")),
        origin=node.origin,
    )


def _form_body(ctx: LoadContext, params: list[Node], consumes: tuple[str, ...]) -> RequestBody:
    properties: list[Property] = []
    for param in params:
        name = text(param.get("name")) or "field"
        properties.append(
            Property(
                name=name,
                schema=_parameter_schema(ctx, param),
                required=flag(param.get("required")),
                origin=param.origin,
            )
        )
    has_file = any(p.value.get("type") == "file" for p in params)
    form_types = [m for m in consumes if m in ("multipart/form-data", "application/x-www-form-urlencoded")]
    form_types.append("application/x-www-form-urlencoded")  # the form default when `consumes` names neither
    media = "multipart/form-data" if has_file else form_types[0]
    schema = ObjectSchema(properties=tuple(properties), origin=params[0].origin)
    return RequestBody(
        contents=(MediaContent(media_type=media, schema=schema, origin=params[0].origin),),
        required=any(p.required for p in properties),
        origin=params[0].origin,
    )


def _responses(
    ctx: LoadContext, op: Node, produces: tuple[str, ...]
) -> tuple[tuple[Response, ...], tuple[Behaviour, ...]]:
    responses: list[Response] = []
    behaviours: list[Behaviour] = []
    for status, resolved, found in common.response_entries(ctx, op, ranges=False):
        behaviours.extend(found)
        read = partial(_response, ctx, resolved, status, produces)
        response = ctx.once(f"response {produces!r}", resolved, read)  # a shared one: once per media types
        responses.append(response if response.status == status else replace(response, status=status))
    return tuple(responses), tuple(behaviours)


def _response(ctx: LoadContext, node: Node, status: str, produces: tuple[str, ...]) -> Response:
    """The Response Object at ``node``, answered with ``status`` in the media types of ``produces``."""
    schema_node = node.get("schema")
    contents: tuple[MediaContent, ...] = ()
    if schema_node is not None:
        schema = build_schema(ctx, schema_node)
        contents = tuple(MediaContent(media_type=m, schema=schema, origin=schema_node.origin) for m in produces)
    return Response(
        status=status,
        description=text(node.get("description")) or "",
        contents=contents,
        headers=_headers(ctx, node.get("headers")),
        origin=node.origin,
    )


def _headers(ctx: LoadContext, node: Node | None) -> tuple[Header, ...]:
    return tuple(
        Header(
            name=name,
            schema=build_schema(ctx, _schema_view(header)),
            description=text(header.get("description")),
            origin=header.origin,
        )
        for name, header in (node.items() if node is not None else [])
        if isinstance(header.value, dict)
    )


def _security_schemes(ctx: LoadContext, node: Node | None) -> tuple[SecurityScheme, ...]:
    result: list[SecurityScheme] = []
    for name, scheme in node.items() if node is not None else []:
        value: Any = scheme.value
        if not isinstance(value, dict):
            ctx.error("E030", "a security definition must be an object", scheme)
            continue
        kind = value.get("type")
        description = text(scheme.get("description"))
        if kind == "basic":
            result.append(
                SecurityScheme(
                    name=name, kind="http", http_scheme="basic", description=description, origin=scheme.origin
                )
            )
        elif kind == "apiKey":
            location, key_name = value.get("in"), value.get("name")
            if location not in ("header", "query") or not isinstance(key_name, str) or not key_name:
                ctx.error("E030", "an apiKey definition needs `in` (header or query) and `name`", scheme)
                continue
            if location == "header" and key_name.lower() == "authorization" and _means_bearer(name, description):
                result.append(
                    SecurityScheme(
                        name=name, kind="http", http_scheme="bearer", description=description, origin=scheme.origin
                    )
                )
                continue
            result.append(
                SecurityScheme(
                    name=name,
                    kind="apiKey",
                    location=location,
                    parameter_name=key_name,
                    description=description,
                    origin=scheme.origin,
                )
            )
        elif kind == "oauth2":
            flows = swagger2_flows(scheme)
            result.append(
                SecurityScheme(name=name, kind="oauth2", description=description, flows=flows, origin=scheme.origin)
            )
        else:
            ctx.error("E030", f"unknown security definition type {kind!r}", scheme)
    return extensions.with_credential_names(ctx, result, dict(node.items()) if node is not None else {})


def _means_bearer(name: str, description: str | None) -> bool:
    return "bearer" in name.lower() or "bearer" in (description or "").lower()


def _servers(root: Node) -> tuple[Server, ...]:
    host = text(root.get("host"))
    base_path = text(root.get("basePath")) or ""
    if base_path and not base_path.startswith("/"):
        base_path = "/" + base_path
    base_path = base_path.rstrip("/")
    if host is None:
        return (Server(url=base_path or "/", origin=root.origin),)
    raw = root.value.get("schemes")
    schemes = [s for s in raw if s in ("https", "http", "wss", "ws")] if isinstance(raw, list) else []
    schemes = sorted(schemes or ["https"], key=lambda s: (s not in ("https", "wss"), s))
    origin = root.child("host") if "host" in root.value else root
    return tuple(Server(url=f"{scheme}://{host}{base_path}", origin=origin.origin) for scheme in schemes)
