"""The intermediate model: what every loader produces and every style renders from.

Language-neutral: names are the spec's names, values are JSON values, and no
node holds a raw spec dictionary. Every node is a frozen, slotted dataclass and
records where it came from (``origin``), which never takes part in equality, so
two nodes written identically in two documents compare equal.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import field
from typing import Any, Literal, TypeAlias

from .immutable import immutable

JsonScalar: TypeAlias = str | int | float | bool | None
"""A JSON scalar, as enum values and trigger values are."""

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_STATUS = re.compile(r"^(?:[1-5][0-9][0-9]|[1-5]XX|default)$")


@immutable(kw_only=True)
class Origin:
    """Where a node was written: a file and a JSON pointer into it as the user wrote it."""

    file: str
    pointer: str = ""

    def __str__(self) -> str:
        return f"{self.file}#{self.pointer}"

    def child(self, *parts: str | int) -> Origin:
        return Origin(file=self.file, pointer=self.pointer + "".join("/" + escape_pointer(str(p)) for p in parts))


def escape_pointer(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


# --------------------------------------------------------------------------- schemas


@immutable(kw_only=True)
class SchemaInfo:
    """What any schema may say about itself besides its shape."""

    title: str | None = None
    description: str | None = None
    default_json: str | None = None
    """The default value as canonical JSON text, or None when there is none."""
    example_json: str | None = None
    """One example value as canonical JSON text, or None."""
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False


PrimitiveKind = Literal["string", "integer", "number", "boolean", "null"]


@immutable(kw_only=True)
class Constraints:
    """A value's validation keywords (lengths, pattern, bounds, ``multipleOf``); None where the spec sets none."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    multiple_of: float | None = None


@immutable(kw_only=True)
class PrimitiveSchema:
    """A string, integer, number, boolean or null, with its format and constraints."""

    kind: PrimitiveKind
    format: str | None = None
    """The spec's format (uuid, date, date-time, binary, int64, ...)."""
    content_media_type: str | None = None
    constraints: Constraints = Constraints()
    nullable: bool = False
    info: SchemaInfo = SchemaInfo()
    origin: Origin = field(compare=False)

    @property
    def is_binary(self) -> bool:
        return self.kind == "string" and (self.format == "binary" or self.content_media_type is not None)


@immutable(kw_only=True)
class EnumSchema:
    """A fixed set of scalar values of one kind (at least one)."""

    kind: PrimitiveKind
    values: tuple[JsonScalar, ...]
    nullable: bool = False
    info: SchemaInfo = SchemaInfo()
    origin: Origin = field(compare=False)

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError("an enum needs at least one value")


@immutable(kw_only=True)
class ArraySchema:
    """A list of ``items``, with its size and uniqueness constraints."""

    items: Schema
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    nullable: bool = False
    info: SchemaInfo = SchemaInfo()
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class Property:
    """One named property of an object schema, and whether it is required."""

    name: str
    schema: Schema
    required: bool
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class ObjectSchema:
    """An object: its properties, what other properties it admits, its discriminator and parents."""

    properties: tuple[Property, ...] = ()
    additional_properties: Schema | bool = True
    """False: no other properties allowed; True: any; a schema: the type of the others."""
    min_properties: int | None = None
    max_properties: int | None = None
    discriminator: Discriminator | None = None
    """A parent of an inheritance hierarchy: the property whose value names the child a value is."""
    bases: tuple[RefSchema, ...] = ()
    """The discriminated parents this object extends (``allOf: [{$ref: Parent}, ...]``)."""
    nullable: bool = False
    info: SchemaInfo = SchemaInfo()
    origin: Origin = field(compare=False)

    def __post_init__(self) -> None:
        names = [p.name for p in self.properties]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate property names in {names}")


@immutable(kw_only=True)
class Discriminator:
    """The property whose value names which variant (or child) a value is."""

    property_name: str
    mapping: tuple[tuple[str, str], ...] = ()
    """(value, model name) pairs."""
    implied: tuple[tuple[str, str], ...] = ()
    """(value, model name) pairs no mapping gives: a variant whose own discriminator property allows one value other
    than its name (a one-value ``enum`` or a ``const``); that value chooses it too, before its name."""
    open: bool = False
    """A value that names no variant (or none at all) is the first variant: an inheritance parent, a concrete schema."""


@immutable(kw_only=True)
class UnionSchema:
    """A value of one of several schemas (``oneOf`` or ``anyOf``)."""

    variants: tuple[Schema, ...]
    exclusive: bool = True
    """True for oneOf, False for anyOf."""
    discriminator: Discriminator | None = None
    nullable: bool = False
    info: SchemaInfo = SchemaInfo()
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class RefSchema:
    """A reference to a named schema (``Api.schemas``)."""

    name: str
    nullable: bool = False
    info: SchemaInfo = SchemaInfo()
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class AnySchema:
    """A schema that accepts any JSON value."""

    nullable: bool = False
    info: SchemaInfo = SchemaInfo()
    origin: Origin = field(compare=False)


Schema: TypeAlias = PrimitiveSchema | EnumSchema | ArraySchema | ObjectSchema | UnionSchema | RefSchema | AnySchema


@immutable(kw_only=True)
class NamedSchema:
    """A schema with a name of its own: a model, an enum or an alias."""

    name: str
    schema: Schema
    origin: Origin = field(compare=False)


# --------------------------------------------------------------------------- operations

ParameterLocation = Literal["path", "query", "header", "cookie"]
ParameterStyle = Literal["simple", "form", "spaceDelimited", "pipeDelimited", "deepObject", "label", "matrix"]


@immutable(kw_only=True)
class Parameter:
    """A path, query, header or cookie parameter, with how it is serialised."""

    name: str
    location: ParameterLocation
    schema: Schema
    required: bool = False
    description: str | None = None
    deprecated: bool = False
    style: ParameterStyle = "form"
    explode: bool = True
    media_type: str | None = None
    """The media type of a parameter the spec gives by ``content`` rather than ``schema``."""
    origin: Origin = field(compare=False)

    def __post_init__(self) -> None:
        if self.location == "path" and not self.required:
            raise ValueError(f"path parameter {self.name!r} must be required")

    @property
    def sent_as_json(self) -> bool:
        """Whether the value goes as one text of its JSON media type (``content``), whatever ``style`` says: an
        object or array as compact JSON, a scalar as its text (servers that give a path's name so read it bare)."""
        return self.media_type is not None and json_media(self.media_type)


@immutable(kw_only=True)
class MediaContent:
    """A body in one media type, and its schema when the spec gives one."""

    media_type: str
    schema: Schema | None
    """None when the spec gives no schema for this media type."""
    origin: Origin = field(compare=False)

    @property
    def is_json(self) -> bool:
        return json_media(self.media_type)


def json_media(media_type: str) -> bool:
    """``application/json`` or a ``+json`` type, parameters and case aside."""
    base = media_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


@immutable(kw_only=True)
class RequestBody:
    """What an operation accepts as its body, in each media type."""

    contents: tuple[MediaContent, ...]
    required: bool = False
    description: str | None = None
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class Header:
    """A response header the spec declares."""

    name: str
    schema: Schema
    required: bool = False
    description: str | None = None
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class Link:
    """A standard Link Object: what a later operation can be called with."""

    name: str
    operation_id: str
    parameters: tuple[tuple[str, str], ...] = ()
    """(parameter name, runtime expression) pairs, e.g. ("jobId", "$response.body#/jobId")."""
    description: str | None = None
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class Response:
    """What an operation answers with one status (or range, or ``default``)."""

    status: str
    """A status code ("200"), a range ("4XX") or "default"."""
    description: str = ""
    contents: tuple[MediaContent, ...] = ()
    headers: tuple[Header, ...] = ()
    links: tuple[Link, ...] = ()
    origin: Origin = field(compare=False)

    def __post_init__(self) -> None:
        if not _STATUS.match(self.status):
            raise ValueError(f"not a response status: {self.status!r}")

    @property
    def is_success(self) -> bool:
        return self.status.startswith("2")


@immutable(kw_only=True)
class SecurityRequirement:
    """Schemes that must all be satisfied together; an operation lists alternatives."""

    schemes: tuple[tuple[str, tuple[str, ...]], ...]
    """(scheme name, scopes) pairs; empty means "no authentication" is acceptable."""


# --------------------------------------------------------------------------- behaviours


@immutable(kw_only=True)
class StreamedDownload:
    """A success response whose body is the file itself: stream it, never read it whole."""

    status: str
    media_types: tuple[str, ...]
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class RedirectDownload:
    """A 3xx response whose Location header points at the file (fetched without credentials)."""

    status: str
    location_header: str = "Location"
    trigger_parameter: str | None = None
    trigger_value_json: str | None = None
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class PresignedDownload:
    """A JSON response holding a URL to fetch without credentials, perhaps with an expiry."""

    status: str
    url_field: str
    head_url_field: str | None = None
    expires_field: str | None = None
    expires_format: Literal["unix", "date-time"] = "unix"
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class Pagination:
    """``x-pagination``: how the pages of a list follow one another (``docs/extensions.md``).

    ``page``/``offset`` move a position parameter; ``cursor`` sends back a cursor the
    answer names (``next_cursor``, or the last item's ``last_item_cursor`` while
    ``has_more``); ``next-url`` follows a URL in the body; ``link`` the Link header.
    Body paths are property names, nested ones separated by dots (``links.next``).
    """

    style: Literal["page", "offset", "cursor", "next-url", "link"]
    page_parameter: str | None
    size_parameter: str | None
    items_field: str | None
    """The body property holding a page's items; None: the body is the list of items."""
    total_field: str | None = None
    first_page: int = 1
    cursor_parameter: str | None = None
    next_cursor: str | None = None
    last_item_cursor: str | None = None
    has_more: str | None = None
    next_url: str | None = None
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class AsyncJob:
    """This operation starts a job; ``poll_operation_id`` is called until it is done."""

    poll_operation_id: str
    parameters: tuple[tuple[str, str], ...]
    """(polling parameter, field of this operation's response body) pairs."""
    status_field: str
    succeeded: tuple[JsonScalar, ...]
    failed: tuple[JsonScalar, ...] = ()
    result_url_field: str | None = None
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class JobStatus:
    """Declared on the polling operation's success response (``x-job-status``)."""

    status: str
    status_field: str
    succeeded: tuple[JsonScalar, ...]
    failed: tuple[JsonScalar, ...] = ()
    result_url_field: str | None = None
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class DeclaredChecksum:
    """``x-checksum``: where the link-giving response states the file's digest (``docs/extensions.md``).

    Exactly one of ``body_field`` (a property of the JSON body giving a presigned link)
    and ``header`` (a header of the redirect response) is set.
    """

    status: str
    algorithm: Literal["md5", "sha256", "crc32c"]
    encoding: Literal["hex", "base64"] = "hex"
    body_field: str | None = None
    header: str | None = None
    origin: Origin = field(compare=False)


Behaviour: TypeAlias = (
    StreamedDownload | RedirectDownload | PresignedDownload | Pagination | AsyncJob | JobStatus | DeclaredChecksum
)


@immutable(kw_only=True)
class Operation:
    """One method on one path: its parameters, body, responses, security and download behaviours."""

    operation_id: str
    method: str
    path: str
    summary: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    request_body: RequestBody | None = None
    responses: tuple[Response, ...] = ()
    security: tuple[SecurityRequirement, ...] = ()
    """Alternatives; empty means the operation needs no authentication."""
    deprecated: bool = False
    behaviours: tuple[Behaviour, ...] = ()
    origin: Origin = field(compare=False)

    def __post_init__(self) -> None:
        if self.method not in HTTP_METHODS:
            raise ValueError(f"not an HTTP method: {self.method!r}")
        keys = [(p.location, p.name.lower() if p.location == "header" else p.name) for p in self.parameters]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate parameters in {self.operation_id}")
        path_names = set(re.findall(r"{([^}]+)}", self.path))
        declared = {p.name for p in self.parameters if p.location == "path"}
        if path_names != declared:
            raise ValueError(
                f"path template {self.path!r} names {sorted(path_names)} but parameters declare {sorted(declared)}"
            )


# --------------------------------------------------------------------------- the API


SecurityKind = Literal["apiKey", "http", "oauth2", "openIdConnect", "mutualTLS"]
OAuthFlowKind = Literal["clientCredentials", "password", "authorizationCode", "implicit"]


@immutable(kw_only=True)
class OAuthFlow:
    """One flow of an ``oauth2`` scheme, as OpenAPI 3 names it (Swagger 2.0's ``application`` is clientCredentials)."""

    kind: OAuthFlowKind
    token_url: str | None = None
    """Where a token is asked for (every flow but implicit); may be relative to the server's address."""
    refresh_url: str | None = None
    authorization_url: str | None = None
    scopes: tuple[tuple[str, str], ...] = ()
    """The scopes the flow offers, with their descriptions, in the document's order."""


@immutable(kw_only=True)
class SecurityScheme:
    """A way to authenticate (apiKey, http, oauth2, ...) as a security requirement names it."""

    name: str
    kind: SecurityKind
    location: Literal["header", "query", "cookie"] | None = None
    """For apiKey: where the key goes."""
    parameter_name: str | None = None
    """For apiKey: the header, query or cookie name."""
    http_scheme: str | None = None
    """For http: basic, bearer, ..."""
    bearer_format: str | None = None
    description: str | None = None
    credential_names: tuple[str, ...] = ()
    """What a client calls the credentials this scheme needs (``x-credential-names``); empty: the style decides."""
    flows: tuple[OAuthFlow, ...] = ()
    """For oauth2: the flows the document declares, in OpenAPI 3's order."""
    origin: Origin = field(compare=False)

    def __post_init__(self) -> None:
        if self.kind == "apiKey" and (self.location is None or not self.parameter_name):
            raise ValueError(f"apiKey scheme {self.name!r} needs a location and a name")
        if self.kind == "http" and not self.http_scheme:
            raise ValueError(f"http scheme {self.name!r} needs a scheme")


@immutable(kw_only=True)
class ServerVariable:
    """A variable of a server URL template, with its default and allowed values."""

    name: str
    default: str
    enum: tuple[str, ...] = ()
    description: str | None = None
    origin: Origin | None = field(default=None, compare=False)


@immutable(kw_only=True)
class Server:
    """A base URL the API is served at (possibly a template with variables)."""

    url: str
    description: str | None = None
    variables: tuple[ServerVariable, ...] = ()
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class Tag:
    """A tag operations are grouped by."""

    name: str
    description: str | None = None
    origin: Origin = field(compare=False)


@immutable(kw_only=True)
class Api:
    """A whole API: its title and version, servers, tags, operations, named schemas and security schemes."""

    title: str
    version: str
    description: str | None = None
    servers: tuple[Server, ...] = ()
    tags: tuple[Tag, ...] = ()
    operations: tuple[Operation, ...] = ()
    schemas: tuple[NamedSchema, ...] = ()
    security_schemes: tuple[SecurityScheme, ...] = ()
    origin: Origin = field(compare=False)

    def schema(self, name: str) -> Schema:
        for named in self.schemas:
            if named.name == name:
                return named.schema
        raise KeyError(name)

    def operation(self, operation_id: str) -> Operation:
        for op in self.operations:
            if op.operation_id == operation_id:
                return op
        raise KeyError(operation_id)

    @property
    def enums(self) -> tuple[NamedSchema, ...]:
        return tuple(n for n in self.schemas if isinstance(n.schema, EnumSchema))

    @property
    def models(self) -> tuple[NamedSchema, ...]:
        return tuple(n for n in self.schemas if isinstance(n.schema, ObjectSchema))


def rewrite(node: Any, fn: Callable[[object], object], *, keep: frozenset[str] = frozenset({"origin"})) -> Any:
    """``node`` rebuilt bottom-up with ``fn`` applied to every dataclass in it.

    What ``fn`` returns is not walked again; fields named in ``keep`` are left as they are. Parts that
    ``fn`` leaves alone stay the same objects, so an unchanged tree comes back as itself.
    """
    if isinstance(node, tuple):
        items = tuple(rewrite(item, fn, keep=keep) for item in node)
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    names = _walked_fields(type(node), keep)
    if names is None:  # a leaf (text, number, None), or a class itself
        return node
    changes = {}
    for name in names:
        value = getattr(node, name)
        new = rewrite(value, fn, keep=keep)
        if new is not value:
            changes[name] = new
    if changes:
        node = dataclasses.replace(node, **changes)
    return fn(node)


_WALKED: dict[tuple[type, frozenset[str]], tuple[str, ...] | None] = {}
"""(class, fields kept) -> the fields ``rewrite`` walks in its instances, None for a class that is no dataclass."""


def _walked_fields(kind: type, keep: frozenset[str]) -> tuple[str, ...] | None:
    """The fields of ``kind`` not in ``keep``, found once per class: a big API holds a million nodes."""
    key = (kind, keep)
    if key not in _WALKED:
        walked = dataclasses.is_dataclass(kind) and not issubclass(kind, type)
        _WALKED[key] = tuple(f.name for f in dataclasses.fields(kind) if f.name not in keep) if walked else None
    return _WALKED[key]
