"""OpenAPI 3.0 and 3.1 documents to the IR."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from ..core.coverage import SKIPPED_BODY, SKIPPED_PARAMETER, operations_in, skipped_note
from ..ir import (
    AnySchema,
    Api,
    Behaviour,
    Header,
    Link,
    MediaContent,
    Operation,
    Parameter,
    RequestBody,
    Response,
    SecurityScheme,
    Server,
    ServerVariable,
)
from . import common, extensions
from .context import LoadContext, Node, canonical_json, flag, text
from .oauth import openapi3_flows
from .schemas import build_schema

_DEFAULT_STYLE = {"path": "simple", "header": "simple", "query": "form", "cookie": "form"}
_STYLES = {"simple", "form", "spaceDelimited", "pipeDelimited", "deepObject", "label", "matrix"}


def load_openapi3(ctx: LoadContext, root: Node) -> Api:
    components = root.get("components")
    schemes = _security_schemes(ctx, components.get("securitySchemes") if components else None)
    security = common.document_security(ctx, root, schemes)
    common.name_schemas(ctx, components.get("schemas") if components else None)

    operations = common.build_operations(ctx, root.get("paths"), lambda site: _operation(ctx, site, security))
    for key in ("webhooks",):
        if (skipped := root.get(key)) is not None and skipped.value:
            count = operations_in(skipped.value.values()) if isinstance(skipped.value, dict) else 0
            note = skipped_note(count)
            ctx.warning("W001", f"{key} are not generated (a client does not receive them) {note}", skipped)
    ctx.build_queued(lambda n: build_schema(ctx, n))
    servers = _servers(ctx, root.get("servers"))
    return common.api(ctx, root, servers=servers, operations=operations, security_schemes=schemes)


def _operation(ctx: LoadContext, site: common.OperationSite, security: common.DocumentSecurity) -> Operation | None:
    path, method, item, node = site
    inherited = [p for n in (item.get("parameters") or _empty(item)).elements() if (p := _parameter(ctx, n))]
    own = [p for n in (node.get("parameters") or _empty(node)).elements() if (p := _parameter(ctx, n))]
    responses, behaviours = _responses(ctx, node)
    if (callbacks := node.get("callbacks")) is not None and callbacks.value:
        found = callbacks.value.values() if isinstance(callbacks.value, dict) else ()
        count = sum(operations_in(c.values()) for c in found if isinstance(c, dict))
        ctx.warning("W001", f"callbacks are not generated {skipped_note(count)}", callbacks)
    requirements = security.of(ctx, node)
    body = node.get("requestBody")
    return common.operation(
        ctx,
        method,
        path,
        node,
        parameters=common.merge_parameters(ctx, path, inherited, own, node),
        request_body=_request_body(ctx, body) if body is not None else None,
        responses=responses,
        security=requirements,
        behaviours=behaviours,
    )


def _empty(node: Node) -> Node:
    return Node([], node.document, node.pointer)


def _parameter(ctx: LoadContext, raw: Node) -> Parameter | None:
    node = ctx.deref(raw, skipped=SKIPPED_PARAMETER)
    if node is None:
        return None
    return ctx.once("parameter", node, lambda: _parameter_at(ctx, node))  # a shared one is read once


def _parameter_at(ctx: LoadContext, node: Node) -> Parameter | None:
    if not isinstance(node.value, dict):
        ctx.error("E030", "a parameter must be an object", node)
        return None
    head = common.parameter_head(ctx, node, _DEFAULT_STYLE, "path, query, header or cookie")
    if head is None:
        return None
    name, location, required = head
    if location == "header" and common.skipped_header(ctx, name, node):
        return None
    schema_node = node.get("schema")
    media_type = None
    if schema_node is None and (content := node.get("content")) is not None and isinstance(content.value, dict):
        media = content.items()
        if media:
            media_type, first = media[0]
            schema_node = first.get("schema") if isinstance(first.value, dict) else None
    if schema_node is None:
        ctx.warning("W005", f"parameter {name!r} has no schema; any value is accepted", node)
    style = text(node.get("style")) or _DEFAULT_STYLE[location]
    if style not in _STYLES:
        ctx.warning("W005", f"unknown parameter style {style!r}; using the default", node.child("style"))
        style = _DEFAULT_STYLE[location]
    explode_node = node.get("explode")
    explode = explode_node.value is True if explode_node is not None else style == "form"
    return Parameter(
        name=name,
        location=location,  # type: ignore[arg-type]  # checked against _DEFAULT_STYLE
        schema=build_schema(ctx, schema_node) if schema_node is not None else AnySchema(origin=node.origin),
        required=required,
        description=text(node.get("description")),
        deprecated=flag(node.get("deprecated")),
        style=style,  # type: ignore[arg-type]  # checked against _STYLES
        explode=explode,
        media_type=media_type,
        origin=node.origin,
    )


def _contents(ctx: LoadContext, node: Node | None) -> tuple[MediaContent, ...]:
    if node is None:
        return ()
    if not isinstance(node.value, dict):
        ctx.error("E030", "`content` must be an object", node)
        return ()
    result: list[MediaContent] = []
    for media_type, media in node.items():
        schema_node = media.get("schema") if isinstance(media.value, dict) else None
        schema = build_schema(ctx, schema_node) if schema_node is not None else None
        result.append(MediaContent(media_type=media_type, schema=schema, origin=media.origin))
    return tuple(result)


def _request_body(ctx: LoadContext, raw: Node) -> RequestBody | None:
    node = ctx.deref(raw, skipped=SKIPPED_BODY)
    if node is None or not isinstance(node.value, dict):
        return None
    return RequestBody(
        contents=_contents(ctx, node.get("content")),
        required=flag(node.get("required")),
        description=text(node.get("description")),
        origin=node.origin,
    )


def _responses(ctx: LoadContext, op: Node) -> tuple[tuple[Response, ...], tuple[Behaviour, ...]]:
    responses: list[Response] = []
    behaviours: list[Behaviour] = []
    for status, resolved, found in common.response_entries(ctx, op, ranges=True):
        behaviours.extend(found)
        response = ctx.once("response", resolved, partial(_response, ctx, resolved, status))  # a shared one: once
        responses.append(response if response.status == status else replace(response, status=status))
    return tuple(responses), tuple(behaviours)


def _response(ctx: LoadContext, node: Node, status: str) -> Response:
    """The Response Object at ``node``, answered with ``status``."""
    return Response(
        status=status,
        description=text(node.get("description")) or "",
        contents=_contents(ctx, node.get("content")),
        headers=_headers(ctx, node.get("headers")),
        links=_links(ctx, node.get("links")),
        origin=node.origin,
    )


def _objects(ctx: LoadContext, node: Node | None) -> Iterator[tuple[str, Node]]:
    """A map's entries that are objects (headers, links, security schemes), each past its ``$ref``."""
    for name, raw in node.items() if node is not None else []:
        found = ctx.deref(raw)
        if found is not None and isinstance(found.value, dict):
            yield name, found


def _headers(ctx: LoadContext, node: Node | None) -> tuple[Header, ...]:
    result: list[Header] = []
    for name, header in _objects(ctx, node):
        schema_node = header.get("schema")
        result.append(
            Header(
                name=name,
                schema=build_schema(ctx, schema_node) if schema_node else AnySchema(origin=header.origin),
                required=flag(header.get("required")),
                description=text(header.get("description")),
                origin=header.origin,
            )
        )
    return tuple(result)


def _links(ctx: LoadContext, node: Node | None) -> tuple[Link, ...]:
    result: list[Link] = []
    for name, link in _objects(ctx, node):
        target = text(link.get("operationId"))
        if target is None:
            ctx.warning("W001", f"link {name!r} has no operationId (operationRef is not followed); skipped", link)
            continue
        params = link.get("parameters")
        pairs = tuple(
            (key, value.value if isinstance(value.value, str) else canonical_json(value.value))
            for key, value in (params.items() if params is not None else [])
        )
        result.append(
            Link(
                name=name,
                operation_id=target,
                parameters=pairs,
                description=text(link.get("description")),
                origin=link.origin,
            )
        )
    return tuple(result)


def _security_schemes(ctx: LoadContext, node: Node | None) -> tuple[SecurityScheme, ...]:
    result: list[SecurityScheme] = []
    for name, scheme in _objects(ctx, node):
        kind = text(scheme.get("type"))
        description = text(scheme.get("description"))
        if kind == "apiKey":
            location = text(scheme.get("in"))
            key_name = text(scheme.get("name"))
            if location not in ("header", "query", "cookie") or not key_name:
                ctx.error("E030", "an apiKey scheme needs `in` (header, query, cookie) and `name`", scheme)
                continue
            result.append(
                SecurityScheme(
                    name=name,
                    kind="apiKey",
                    location=location,  # type: ignore[arg-type]  # checked just above
                    parameter_name=key_name,
                    description=description,
                    origin=scheme.origin,
                )
            )
        elif kind == "http":
            http_scheme = (text(scheme.get("scheme")) or "").lower()
            if not http_scheme:
                ctx.error("E030", "an http scheme needs `scheme`", scheme)
                continue
            result.append(
                SecurityScheme(
                    name=name,
                    kind="http",
                    http_scheme=http_scheme,
                    bearer_format=text(scheme.get("bearerFormat")),
                    description=description,
                    origin=scheme.origin,
                )
            )
        elif kind in ("oauth2", "openIdConnect", "mutualTLS"):
            flows = openapi3_flows(scheme) if kind == "oauth2" else ()
            result.append(
                SecurityScheme(
                    name=name,
                    kind=kind,  # type: ignore[arg-type]  # one of the three just above
                    description=description,
                    flows=flows,
                    origin=scheme.origin,
                )
            )
        else:
            ctx.error("E030", f"unknown security scheme type {kind!r}", scheme)
    return extensions.with_credential_names(ctx, result, dict(node.items()) if node is not None else {})


def _servers(ctx: LoadContext, node: Node | None) -> tuple[Server, ...]:
    result: list[Server] = []
    for url, element in common.keyed_elements(ctx, node, "url", "server without a url skipped"):
        variables: list[ServerVariable] = []
        for name, var in (element.get("variables") or _empty(element)).items():
            default = var.value.get("default") if isinstance(var.value, dict) else None
            if default is None:
                ctx.warning("W005", f"server variable {name!r} has no default; skipped", var)
                continue
            enum = var.value.get("enum")
            variables.append(
                ServerVariable(
                    name=name,
                    default=str(default),
                    enum=tuple(str(v) for v in enum) if isinstance(enum, list) else (),
                    description=text(var.get("description")),
                    origin=var.origin,
                )
            )
        result.append(
            Server(
                url=url, description=text(element.get("description")), variables=tuple(variables), origin=element.origin
            )
        )
    return tuple(result)
