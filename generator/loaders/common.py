"""Pieces both loaders need: walking paths, operation ids, security requirements, tags, parameters."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

from ..core.coverage import SKIPPED_PARAMETER, SKIPPED_RESPONSE
from ..immutable import immutable
from ..ir import (
    HTTP_METHODS,
    Api,
    Behaviour,
    Operation,
    Parameter,
    PrimitiveSchema,
    RequestBody,
    Response,
    SecurityRequirement,
    SecurityScheme,
    Server,
    Tag,
)
from . import extensions
from .context import LoadContext, Node, flag, text

_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


class OperationSite(NamedTuple):
    """Where an operation is: its path, method, path item and the operation's own node."""

    path: str
    method: str
    item: Node
    node: Node


def iter_operations(ctx: LoadContext, paths: Node | None) -> Iterator[OperationSite]:
    """Every operation's site, in document order."""
    if paths is None:
        return
    if not isinstance(paths.value, dict):
        ctx.error("E030", "`paths` must be an object", paths)
        return
    for path, item in paths.items():
        if path.startswith("x-"):
            continue
        resolved = ctx.deref(item)
        if resolved is None:
            continue
        if not isinstance(resolved.value, dict):
            ctx.error("E030", "a path item must be an object", item)
            continue
        if "#" in path:  # a fragment is never sent: the operation's path is what comes before it
            ctx.warning("W005", f"path {path!r} has a fragment ('#...'), never sent; it is cut there", item)
            path = path.partition("#")[0]
        if not path.startswith("/"):
            ctx.warning("W005", f"path {path!r} does not start with '/'", item)
        for method, operation in resolved.items():
            if method not in HTTP_METHODS:
                continue
            if not isinstance(operation.value, dict):
                ctx.error("E030", "an operation must be an object", operation)
                continue
            yield OperationSite(path, method, resolved, operation)


def api(
    ctx: LoadContext,
    root: Node,
    *,
    servers: tuple[Server, ...],
    operations: tuple[Operation, ...],
    security_schemes: tuple[SecurityScheme, ...],
) -> Api:
    """The document's API: its ``info``, tags and named schemas (built by now) around what the loader read."""
    info = root.get("info")
    operations = _without_credential_parameters(ctx, operations, security_schemes)
    return Api(
        title=(text(info.get("title")) if info else None) or "API",
        version=(text(info.get("version")) if info else None) or "0",
        description=text(info.get("description")) if info else None,
        servers=servers,
        tags=tags(ctx, root.get("tags")),
        operations=operations,
        schemas=ctx.named_schemas(),
        security_schemes=security_schemes,
        origin=root.origin,
    )


def _credential_key(location: str, name: str) -> tuple[str, str]:
    return (location, name.lower() if location == "header" else name)


def _without_credential_parameters(
    ctx: LoadContext, operations: tuple[Operation, ...], schemes: tuple[SecurityScheme, ...]
) -> tuple[Operation, ...]:
    """Operations without the parameters an API key of theirs fills: the client sends the credential there.

    A parameter of that name beside it would send the header (query or cookie) twice, or one value over the other.
    """
    keys = {
        s.name: _credential_key(s.location, s.parameter_name)
        for s in schemes
        if s.kind == "apiKey" and s.location is not None and s.parameter_name
    }
    warned: set[str] = set()
    result: list[Operation] = []
    for op in operations:
        filled = {keys[name] for req in op.security for name, _ in req.schemes if name in keys}
        kept = tuple(p for p in op.parameters if _credential_key(p.location, p.name) not in filled)
        if len(kept) == len(op.parameters):
            result.append(op)
            continue
        for param in op.parameters:
            if _credential_key(param.location, param.name) in filled and str(param.origin) not in warned:
                warned.add(str(param.origin))
                message = f"{param.location} parameter {param.name!r} is set by the client from its API key; skipped"
                ctx.warning("W001", message, param.origin)
        result.append(replace(op, parameters=kept))
    return tuple(result)


def operation(
    ctx: LoadContext,
    method: str,
    path: str,
    node: Node,
    *,
    parameters: tuple[Parameter, ...],
    request_body: RequestBody | None,
    responses: tuple[Response, ...],
    security: tuple[SecurityRequirement, ...],
    behaviours: Sequence[Behaviour],
) -> Operation:
    """The operation at ``node``: the fields both formats write alike, around those each loader reads its way.

    ``behaviours`` (its responses') come after those the operation's own extensions declare.
    """
    return Operation(
        operation_id=operation_id(method, path, node),
        method=method,
        path=path,
        summary=text(node.get("summary")),
        description=text(node.get("description")),
        tags=operation_tags(node),
        parameters=parameters,
        request_body=request_body,
        responses=responses,
        security=security,
        deprecated=flag(node.get("deprecated")),
        behaviours=(*extensions.operation_behaviours(ctx, node), *behaviours),
        origin=node.origin,
    )


def operation_id(method: str, path: str, node: Node) -> str:
    """The spec's operationId, or one made from the method and path when it has none."""
    given = text(node.get("operationId"))
    if given and given.strip():
        return given
    words = _NOT_WORD.sub(" ", path).split()
    return "_".join([method, *words]) if words else method


def unique_operation_ids(ctx: LoadContext, operations: list[Operation]) -> list[Operation]:
    seen: dict[str, Operation] = {}
    result: list[Operation] = []
    for op in operations:
        op_id = op.operation_id
        if op_id in seen:
            counter = 2
            while f"{op_id}_{counter}" in seen:
                counter += 1
            new_id = f"{op_id}_{counter}"
            ctx.warning(
                "W003",
                f"operationId {op_id!r} is also used at {seen[op_id].origin}; this one is named {new_id!r}",
                op.origin,
            )
            op = replace(op, operation_id=new_id)
        seen[op.operation_id] = op
        result.append(op)
    return result


def name_schemas(ctx: LoadContext, schemas: Node | None) -> None:
    """The document's named schemas (``components/schemas``, ``definitions``) known by name before any is built."""
    for _name, schema in schemas.items() if schemas is not None else []:
        ctx.schema_name_for(schema)


@immutable
class DocumentSecurity:
    """The security schemes a document defines, and the requirements of an operation that names none."""

    known: set[str]
    default: tuple[SecurityRequirement, ...]

    def of(self, ctx: LoadContext, node: Node) -> tuple[SecurityRequirement, ...]:
        """The requirements of the operation at ``node``: its own ``security``, else the document's."""
        own = security(ctx, node.get("security"), self.known)
        return own if own is not None else self.default


def document_security(ctx: LoadContext, root: Node, schemes: Sequence[SecurityScheme]) -> DocumentSecurity:
    known = {s.name for s in schemes}
    return DocumentSecurity(known, security(ctx, root.get("security"), known) or ())


def security(ctx: LoadContext, node: Node | None, known: set[str]) -> tuple[SecurityRequirement, ...] | None:
    """A Security Requirement list; None when ``node`` is absent (inherit the default)."""
    if node is None:
        return None
    if not isinstance(node.value, list):
        ctx.error("E030", "`security` must be a list", node)
        return ()
    requirements: list[SecurityRequirement] = []
    for element in node.elements():
        if not isinstance(element.value, dict):
            ctx.error("E030", "a security requirement must be an object", element)
            continue
        schemes: list[tuple[str, tuple[str, ...]]] = []
        usable = True
        for name, scopes in element.items():
            if name not in known:
                ctx.warning("W001", f"security scheme {name!r} is not defined; requirement skipped", scopes)
                usable = False
                continue
            scope_list = tuple(s for s in scopes.value if isinstance(s, str)) if isinstance(scopes.value, list) else ()
            schemes.append((name, scope_list))
        if usable:
            requirements.append(SecurityRequirement(schemes=tuple(schemes)))
    return tuple(requirements)


def keyed_elements(ctx: LoadContext, node: Node | None, key: str, missing: str) -> Iterator[tuple[str, Node]]:
    """A list's elements with their text at ``key`` (a server's url, a tag's name); W005 ``missing`` for the others."""
    for element in node.elements() if node is not None else []:
        value = text(element.get(key))
        if value is None:
            ctx.warning("W005", missing, element)
            continue
        yield value, element


def tags(ctx: LoadContext, node: Node | None) -> tuple[Tag, ...]:
    result: list[Tag] = []
    for name, element in keyed_elements(ctx, node, "name", "tag without a name skipped"):
        result.append(Tag(name=name, description=text(element.get("description")), origin=element.origin))
    return tuple(result)


def operation_tags(node: Node) -> tuple[str, ...]:
    raw = node.value.get("tags")
    if not isinstance(raw, list):
        return ()
    return tuple(dict.fromkeys(t for t in raw if isinstance(t, str)))


def parameter_head(
    ctx: LoadContext, node: Node, locations: Collection[str], listed: str
) -> tuple[str, str, bool] | None:
    """A parameter's name, ``in`` (one of ``locations``) and whether it is required (a path parameter always is).

    None after an error naming the locations the format allows (``listed``): a warning in warn mode, which leaves
    the parameter out.
    """
    name = text(node.get("name"))
    location = text(node.get("in"))
    if not name or location is None or location not in locations:
        # --validation warn reads past it (a document's placeholder `name: ""`), counted as a parameter left out
        ctx.read_past("E030", f"a parameter needs a `name` and `in` of {listed}", node, read_as=SKIPPED_PARAMETER)
        return None
    required = flag(node.get("required"))
    if location == "path" and not required:
        ctx.warning("W005", f"path parameter {name!r} is not marked required; it is required anyway", node)
        required = True
    return name, location, required


IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
"""Header parameters whose definition OpenAPI 3 says SHALL be ignored (the body, the answer's media type and the
security schemes decide them)."""
TRANSPORT_HEADERS = frozenset({"content-length", "transfer-encoding", "host", "connection"})
"""Header parameters the HTTP layer writes from the request itself (a value given for them is dropped or breaks
the message)."""


def skipped_header(ctx: LoadContext, name: str, node: Node, *, ignored: Collection[str] = IGNORED_HEADERS) -> bool:
    """Whether the header parameter ``name`` is no argument of the client; if so, one ``W001`` at ``node`` says why.

    ``ignored`` are the names the format ignores (Swagger 2.0 reads ``Authorization`` as a security scheme).
    """
    lowered = name.lower()
    if lowered in ignored:
        reason = "OpenAPI ignores a header parameter of this name (the body, answer or credentials decide it)"
    elif lowered in TRANSPORT_HEADERS:
        reason = "the HTTP layer writes it from the request itself"
    else:
        return False
    ctx.warning("W001", f"header parameter {name!r} is not an argument: {reason}; skipped", node)
    return True


def merge_parameters(
    ctx: LoadContext, path: str, inherited: list[Parameter], own: list[Parameter], node: Node
) -> tuple[Parameter, ...]:
    """Path-item parameters overridden by the operation's, checked against the path template."""
    merged: dict[tuple[str, str], Parameter] = {}
    for param in [*inherited, *own]:
        key = (param.location, param.name.lower() if param.location == "header" else param.name)
        merged[key] = param
    template = list(dict.fromkeys(re.findall(r"{([^}]+)}", path)))
    for (location, name), param in list(merged.items()):
        if location == "path" and name not in template:
            ctx.warning("W001", f"path parameter {name!r} is not in the path {path!r}; skipped", param.origin)
            del merged[(location, name)]
    for name in template:
        if ("path", name) not in merged:
            ctx.warning("W001", f"path parameter {name!r} is not declared; read as a string", node)
            merged[("path", name)] = Parameter(
                name=name,
                location="path",
                required=True,
                schema=PrimitiveSchema(kind="string", origin=node.origin),
                style="simple",
                explode=False,
                origin=node.origin,
            )
    return tuple(merged.values())


def build_operations(
    ctx: LoadContext, paths: Node | None, build: Callable[[OperationSite], Operation | None]
) -> tuple[Operation, ...]:
    operations = [op for site in iter_operations(ctx, paths) if (op := build(site)) is not None]
    return tuple(unique_operation_ids(ctx, operations))


_STATUS_KEY = re.compile(r"^(?:[1-5][0-9][0-9]|[1-5]xx|default)$", re.IGNORECASE)


def response_entries(ctx: LoadContext, op: Node, *, ranges: bool) -> Iterator[tuple[str, Node, list[Behaviour]]]:
    """(status, resolved Response Object, behaviours its extensions declare) for each response of ``op``.

    ``ranges``: whether ``2XX``-style keys are allowed (OpenAPI 3, not Swagger 2.0).
    """
    node = op.get("responses")
    if node is None or not node.value:
        ctx.warning("W004", "operation has no responses; its result is returned unparsed", node or op)
        return
    for status, raw in node.items():
        if status.startswith("x-"):
            continue
        if not _STATUS_KEY.match(status) or (not ranges and "x" in status.lower()):
            ctx.warning("W001", f"response key {status!r} is not a status code; skipped", raw)
            continue
        status = status if status == "default" else status.upper()
        resolved = ctx.deref(raw, skipped=SKIPPED_RESPONSE)
        if resolved is None or not isinstance(resolved.value, dict):
            continue
        found: list[Behaviour] = list(extensions.response_behaviours(ctx, resolved, status))
        if raw is not resolved:  # extensions written beside the $ref count too
            found.extend(extensions.response_behaviours(ctx, raw, status))
        yield status, resolved, found
