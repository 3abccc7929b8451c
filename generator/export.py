"""The IR back out as one OpenAPI 3.1 document: the merged, overlaid, normalised spec.

Built from the IR alone, so whatever the input format (Swagger 2.0, OpenAPI
3.0 or 3.1, several documents, overlays), the export is plain OpenAPI 3.1 that
any tool reads: a mock server, a validator, another generator. It is a faithful
round trip: loading the export gives an IR equal to the one it came from
(origins aside, which never take part in equality).

How each part is written so that the loaders read it back unchanged:

- Named schemas go to ``components/schemas``; a ``RefSchema`` becomes a
  ``$ref`` to ``#/components/schemas/<name>``, with its own annotations as
  siblings (legal in 3.1).
- Nullability is 3.1's: ``type: [T, "null"]`` on typed schemas (and a ``null``
  member of an enum); ``anyOf`` with a ``{"type": "null"}`` member where there
  is no type to extend (a nullable reference, union or any-value schema).
- Everything else keeps the IR's order (operations, parameters, responses,
  properties, schemes...), so the reloaded tuples compare equal; object keys
  come in one fixed order per kind of object. The output is deterministic.
- Security requirements shared by every operation are written once at the top
  level, the others on each operation (``security: []`` for "no authentication").
- Download behaviours the loaders read from extensions are written back as
  those extensions (docs/extensions.md): ``x-presigned-url``, ``x-checksum`` and
  ``x-job-status`` on their response, ``x-redirect-trigger`` on a redirect that
  has one, ``x-pagination`` on the operation. Behaviours the passes find from
  standard OpenAPI (binary bodies, 303 with Location, links to a status
  operation) need nothing extra: the standard parts they come from are exported.

What the IR does not keep cannot be exported: examples of media types,
``x-`` extensions other than the above, OpenID Connect URLs (an
``openIdConnect`` scheme is written with an empty URL; OAuth2 flows are kept,
their URLs and scopes), components that nothing uses other than schemas, and the
JSON type of a link parameter that is not a runtime expression (the IR keeps
it as JSON text, so it comes back as a string). Operations come out grouped by
path, so an IR whose operations interleave paths (several documents merged)
reloads with the same operations in path order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .ir import (
    AnySchema,
    Api,
    ArraySchema,
    Behaviour,
    DeclaredChecksum,
    Discriminator,
    EnumSchema,
    Header,
    JobStatus,
    Link,
    MediaContent,
    OAuthFlow,
    ObjectSchema,
    Operation,
    Pagination,
    Parameter,
    PresignedDownload,
    PrimitiveSchema,
    RedirectDownload,
    RefSchema,
    RequestBody,
    Response,
    Schema,
    SchemaInfo,
    SecurityRequirement,
    SecurityScheme,
    Server,
    UnionSchema,
    escape_pointer,
)

OPENAPI_VERSION = "3.1.0"
SCHEMA_PREFIX = "#/components/schemas/"

Json = dict[str, Any]


def export_api(api: Api) -> Json:
    """The OpenAPI 3.1 document of ``api``, as a JSON-ready dictionary."""
    doc: Json = {"openapi": OPENAPI_VERSION, "info": _info(api)}
    if api.servers:
        doc["servers"] = [_server(s) for s in api.servers]
    shared = _shared_security(api.operations)
    if shared:
        doc["security"] = _security(shared)
    if api.tags:
        doc["tags"] = [_omit_none({"name": t.name, "description": t.description}) for t in api.tags]
    doc["paths"] = _paths(api.operations, shared)
    components: Json = {}
    if api.schemas:
        components["schemas"] = {named.name: schema_to_json(named.schema) for named in api.schemas}
    if api.security_schemes:
        components["securitySchemes"] = {s.name: _security_scheme(s) for s in api.security_schemes}
    if components:
        doc["components"] = components
    return doc


def export_json(api: Api) -> str:
    """The export as JSON text: two-space indentation, UTF-8 as is, a final newline."""
    return json.dumps(export_api(api), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- document parts


def _info(api: Api) -> Json:
    return _omit_none({"title": api.title, "version": api.version, "description": api.description})


def _server(server: Server) -> Json:
    result: Json = _omit_none({"url": server.url, "description": server.description})
    if server.variables:
        result["variables"] = {
            v.name: _omit_none(
                {"default": v.default, "enum": list(v.enum) if v.enum else None, "description": v.description}
            )
            for v in server.variables
        }
    return result


def _shared_security(operations: Iterable[Operation]) -> tuple[SecurityRequirement, ...]:
    """The requirements every operation has, when they all have the same non-empty ones; else none."""
    distinct = {op.security for op in operations}
    if len(distinct) != 1:
        return ()
    return distinct.pop()


def _security(requirements: Iterable[SecurityRequirement]) -> list[Json]:
    return [{name: list(scopes) for name, scopes in req.schemes} for req in requirements]


def _security_scheme(scheme: SecurityScheme) -> Json:
    result: Json = {"type": scheme.kind}
    if scheme.kind == "apiKey":
        result["in"] = scheme.location
        result["name"] = scheme.parameter_name
    elif scheme.kind == "http":
        result["scheme"] = scheme.http_scheme
        if scheme.bearer_format is not None:
            result["bearerFormat"] = scheme.bearer_format
    elif scheme.kind == "oauth2":
        result["flows"] = {flow.kind: _oauth_flow(flow) for flow in scheme.flows}
    elif scheme.kind == "openIdConnect":
        result["openIdConnectUrl"] = ""
    if scheme.description is not None:
        result["description"] = scheme.description
    if scheme.credential_names:
        result["x-credential-names"] = list(scheme.credential_names)
    return result


def _oauth_flow(flow: OAuthFlow) -> Json:
    return _omit_none(
        {
            "authorizationUrl": flow.authorization_url,
            "tokenUrl": flow.token_url,
            "refreshUrl": flow.refresh_url,
            "scopes": dict(flow.scopes),
        }
    )


def _paths(operations: Iterable[Operation], shared: tuple[SecurityRequirement, ...]) -> Json:
    """Operations grouped by path, paths and methods in the order the IR first has them."""
    paths: Json = {}
    for op in operations:
        paths.setdefault(op.path, {})[op.method] = _operation(op, shared)
    return paths


def _operation(op: Operation, shared: tuple[SecurityRequirement, ...]) -> Json:
    pagination = [b for b in op.behaviours if isinstance(b, Pagination)]
    return _omit_none(
        {
            "tags": list(op.tags) or None,
            "summary": op.summary,
            "description": op.description,
            "operationId": op.operation_id,
            "parameters": [_parameter(p) for p in op.parameters] or None,
            "requestBody": None if op.request_body is None else _request_body(op.request_body),
            "responses": {r.status: _response(r, op.behaviours) for r in op.responses},
            "deprecated": op.deprecated or None,
            "security": _security(op.security) if op.security and not shared else None,
            "x-pagination": _pagination(pagination[-1]) if pagination else None,
        }
    )


def _parameter(param: Parameter) -> Json:
    schema = {"schema": schema_to_json(param.schema)}
    given: Json = (
        {"style": param.style, "explode": param.explode, **schema}
        if param.media_type is None
        else {"content": {param.media_type: schema}}
    )
    return _omit_none(
        {
            "name": param.name,
            "in": param.location,
            "description": param.description,
            "required": param.required,
            "deprecated": param.deprecated or None,
            **given,
        }
    )


def _content(contents: Iterable[MediaContent]) -> Json:
    return {c.media_type: ({} if c.schema is None else {"schema": schema_to_json(c.schema)}) for c in contents}


def _request_body(body: RequestBody) -> Json:
    return _omit_none({"description": body.description, "content": _content(body.contents), "required": body.required})


def _response(response: Response, behaviours: Iterable[Behaviour]) -> Json:
    result = _omit_none(
        {
            "description": response.description,
            "headers": {h.name: _header(h) for h in response.headers} or None,
            "content": _content(response.contents) or None,
            "links": {link.name: _link(link) for link in response.links} or None,
        }
    )
    for behaviour in behaviours:
        if getattr(behaviour, "status", None) != response.status:
            continue
        if isinstance(behaviour, PresignedDownload):
            result["x-presigned-url"] = _presigned(behaviour)
        elif isinstance(behaviour, JobStatus):
            result["x-job-status"] = _job_status(behaviour)
        elif isinstance(behaviour, RedirectDownload) and behaviour.trigger_parameter is not None:
            result["x-redirect-trigger"] = {
                "parameter": behaviour.trigger_parameter,
                "value": _json_value(behaviour.trigger_value_json),
            }
        elif isinstance(behaviour, DeclaredChecksum):
            result["x-checksum"] = _checksum(behaviour)
    return result


def _header(header: Header) -> Json:
    return _omit_none(
        {
            "description": header.description,
            "required": header.required or None,
            "schema": schema_to_json(header.schema),
        }
    )


def _link(link: Link) -> Json:
    return _omit_none(
        {
            "operationId": link.operation_id,
            "parameters": dict(link.parameters) or None,
            "description": link.description,
        }
    )


# --------------------------------------------------------------------------- behaviours (docs/extensions.md)


def _presigned(behaviour: PresignedDownload) -> Json:
    return _omit_none(
        {
            "url": behaviour.url_field,
            "head-url": behaviour.head_url_field,
            "expires": behaviour.expires_field,
            "expires-format": behaviour.expires_format,
        }
    )


def _checksum(behaviour: DeclaredChecksum) -> Json:
    where = {"field": behaviour.body_field} if behaviour.body_field is not None else {"header": behaviour.header}
    return {**where, "algorithm": behaviour.algorithm, "encoding": behaviour.encoding}


def _job_status(behaviour: JobStatus) -> Json:
    return _omit_none(
        {
            "status": behaviour.status_field,
            "succeeded": list(behaviour.succeeded),
            "failed": list(behaviour.failed) or None,
            "result-url": behaviour.result_url_field,
        }
    )


def _pagination(behaviour: Pagination) -> Json:
    return _omit_none(
        {
            "style": behaviour.style,
            "page-parameter": behaviour.page_parameter,
            "size-parameter": behaviour.size_parameter,
            "items": behaviour.items_field,
            "total": behaviour.total_field,
            "first-page": behaviour.first_page if behaviour.style in ("page", "offset") else None,
            "cursor-parameter": behaviour.cursor_parameter,
            "next-cursor": behaviour.next_cursor,
            "last-item-cursor": behaviour.last_item_cursor,
            "has-more": behaviour.has_more,
            "next-url": behaviour.next_url,
        }
    )


# --------------------------------------------------------------------------- schemas

_NULL: Json = {"type": "null"}


def schema_to_json(schema: Schema) -> Json:
    """The JSON Schema (OpenAPI 3.1 dialect) of an IR schema."""
    if isinstance(schema, RefSchema):
        ref: Json = {"$ref": SCHEMA_PREFIX + escape_pointer(schema.name)}
        if schema.nullable:
            return {"anyOf": [ref, dict(_NULL)], **_annotations(schema.info)}
        return {**ref, **_annotations(schema.info)}
    if isinstance(schema, AnySchema):
        if schema.nullable:
            return {"anyOf": [{}, dict(_NULL)], **_annotations(schema.info)}
        return _annotations(schema.info)
    if isinstance(schema, UnionSchema):
        variants = [schema_to_json(v) for v in schema.variants]
        if schema.nullable:
            variants.append(dict(_NULL))
        result: Json = {"oneOf" if schema.exclusive else "anyOf": variants}
        if schema.discriminator is not None:
            result["discriminator"] = _discriminator(schema.discriminator)
        return {**result, **_annotations(schema.info)}
    if isinstance(schema, EnumSchema):
        values: list[Any] = list(schema.values)
        if schema.nullable:
            values.append(None)
        return {"type": _type(schema.kind, schema.nullable), "enum": values, **_annotations(schema.info)}
    if isinstance(schema, PrimitiveSchema):
        return {**_primitive(schema), **_annotations(schema.info)}
    if isinstance(schema, ArraySchema):
        result = {"type": _type("array", schema.nullable), "items": schema_to_json(schema.items)}
        result.update(
            _omit_none(
                {"minItems": schema.min_items, "maxItems": schema.max_items, "uniqueItems": schema.unique_items or None}
            )
        )
        return {**result, **_annotations(schema.info)}
    return {**_object(schema), **_annotations(schema.info)}


def _type(kind: str, nullable: bool) -> str | list[str]:
    return [kind, "null"] if nullable and kind != "null" else kind


def _primitive(schema: PrimitiveSchema) -> Json:
    c = schema.constraints
    return _omit_none(
        {
            "type": _type(schema.kind, schema.nullable),
            "format": schema.format,
            "contentMediaType": schema.content_media_type,
            "minLength": c.min_length,
            "maxLength": c.max_length,
            "pattern": c.pattern,
            "minimum": c.minimum,
            "maximum": c.maximum,
            "exclusiveMinimum": c.exclusive_minimum,
            "exclusiveMaximum": c.exclusive_maximum,
            "multipleOf": c.multiple_of,
        }
    )


def _discriminator(discriminator: Discriminator) -> Json:
    mapping = {value: SCHEMA_PREFIX + escape_pointer(name) for value, name in discriminator.mapping}
    return _omit_none({"propertyName": discriminator.property_name, "mapping": mapping or None})


def _object(schema: ObjectSchema) -> Json:
    """An object; a child of discriminated parents as ``allOf`` of them and its own (merged) shape, read back alike."""
    own = _object_shape(schema)
    if not schema.bases:
        return own
    disc = own.pop("discriminator", None)  # a child that is a parent too: beside its allOf, where it is read
    parents = [{"$ref": SCHEMA_PREFIX + escape_pointer(b.name)} for b in schema.bases]
    return {"allOf": [*parents, own], **({} if disc is None else {"discriminator": disc})}


def _object_shape(schema: ObjectSchema) -> Json:
    result: Json = {"type": _type("object", schema.nullable)}
    if schema.properties:
        result["properties"] = {p.name: schema_to_json(p.schema) for p in schema.properties}
        required = [p.name for p in schema.properties if p.required]
        if required:
            result["required"] = required
    extra = schema.additional_properties
    if extra is False:
        result["additionalProperties"] = False
    elif extra is not True:
        as_json = schema_to_json(extra)
        # An empty schema reads back as `true`; an equivalent non-empty one keeps it a schema.
        result["additionalProperties"] = as_json if as_json else {"anyOf": [{}]}
    result.update(_omit_none({"minProperties": schema.min_properties, "maxProperties": schema.max_properties}))
    if schema.discriminator is not None:
        result["discriminator"] = _discriminator(schema.discriminator)
    return result


def _annotations(info: SchemaInfo) -> Json:
    result: Json = _omit_none({"title": info.title, "description": info.description})
    if info.default_json is not None:
        result["default"] = json.loads(info.default_json)
    if info.example_json is not None:
        result["examples"] = [json.loads(info.example_json)]
    for key, flag in (("deprecated", info.deprecated), ("readOnly", info.read_only), ("writeOnly", info.write_only)):
        if flag:
            result[key] = True
    return result


# --------------------------------------------------------------------------- helpers


def _json_value(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _omit_none(values: Json) -> Json:
    """``values`` without the keys whose value is None: each writer lists its object's keys once, in order.

    A key written only when set is ``value or None`` (an empty list or map, a false flag).
    """
    return {k: v for k, v in values.items() if v is not None}
