"""The exchange every style's generated tests expect of one call: the request on the wire and the success reply.

The tests of every style call an operation with the same values (``test_values``) and the
same credentials (``test_credentials``), then check what arrives at their test server. The
walk from those values to the request is the specification's (path templating, the query's
``style`` and ``explode``, the simple style of headers, one ``Cookie`` header, the first
security requirement the client satisfies), so it is decided here once; a style passes its
arguments and how a path segment arrives, and writes the result in its own syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from ..immutable import immutable
from ..ir import EnumSchema, Operation, Parameter, PrimitiveSchema, Schema
from ..value_limits import ValueTooLargeError
from .cookies import cookie_header
from .operations import json_content, pinned_trigger, split_path, success_schema
from .query import json_scalar_text, path_text, query_pairs, simple_text
from .schemas import SchemaIndex
from .test_credentials import TestCredentials
from .test_values import (
    acceptable,
    argument_example,
    example,
    path_value,
    plain,
    transported,
    unmakeable,
    walk,
)

ANY_VALUE = {"any": "value"}
"""The value a test gives or answers where the spec describes none."""
RAW_BODY = "raw body"
"""The value a test gives a body sent as it is (bytes, a blob)."""


@immutable
class SentArgument:
    """One argument of the call: where the spec sends it and the test's value."""

    key: str | None
    """The spec's name (parameter or body property); None for the whole body."""
    location: str
    """``path``, ``query``, ``header``, ``cookie`` or ``body``."""
    value: Any
    """The test's value, markers included."""
    optional: bool


@immutable
class ExpectedRequest:
    path: str
    """The path with every path argument in place."""
    query: list[list[str]]
    """The query as sorted ``[name, text]`` pairs (the fixed query of the path, the arguments', the credentials')."""
    headers: list[tuple[str, str]]
    """The header arguments, then the credentials' headers, then one ``Cookie`` header if anything sets one."""
    properties: dict[str, Any]
    """The body's properties given as arguments, as JSON."""
    whole: Any
    """The body given as one argument, as JSON; None: none is."""


def argument_value(
    index: SchemaIndex, schema: Schema, location: str, *, optional: bool, required_nulls: bool = False
) -> Any:
    """The value a test gives an argument of ``schema``: its example, and in a path one that needs percent-encoding.

    Object properties set to null are left out: a spec's ``default: null`` on a property that is not
    nullable would not type-check as an argument. ``required_nulls`` keeps a required property's
    null, for a client whose models send one (Python's ``to_dict`` and Go's structs write every required property).
    """
    value = argument_example(index, schema, optional=optional)
    if required_nulls and _holds_null(value):  # the walk reads the schema at every node: only where it matters
        return _placed(index, schema, location, walk(index, schema, value, _as_it_is, drop_none=True))
    return _placed(index, schema, location, without_nulls(value))


def callable_in_tests(index: SchemaIndex, auth: TestCredentials, op: Operation) -> bool:
    """Whether the generated tests can call ``op``: the tests' client holds a credential its security takes
    (``TestCredentials.can_call``) and every required parameter has a value the client sends (``unsendable``).
    An operation they cannot call gets no exchange test in any style: every call would be refused."""
    return auth.can_call(op) and unsendable(index, op) is None


def unsendable(index: SchemaIndex, op: Operation) -> str | None:
    """The first required parameter of ``op`` (or ``body``) whose test value the client refuses because no value it
    takes exists (zuora's ``format: uuid`` with ``minLength: 64``; jellyfin's path object whose properties are all
    read-only, an empty segment; dataexchange's required property whose pattern nothing matches). None: none."""
    body = json_content(op.request_body.contents) if op.request_body is not None else None
    if body is not None and body.schema is not None and unmakeable(index, body.schema):
        return "body"
    for param in op.parameters:
        if not param.required:
            continue
        resolved = index.resolve(param.schema)
        scalar = isinstance(resolved, (PrimitiveSchema, EnumSchema))
        if not scalar and param.location != "path":
            if unmakeable(index, param.schema):
                return param.name
            continue  # an object or list made of values the client takes (``repair``)
        try:
            value = plain(
                _placed(index, param.schema, param.location, argument_example(index, param.schema, optional=False))
            )
        except ValueTooLargeError:  # a value too large to build (minLength: 3000000000): no test can send one
            return param.name
        if isinstance(resolved, (PrimitiveSchema, EnumSchema)) and not acceptable(resolved, value):
            return param.name
        segment = param.location == "path" and not param.sent_as_json
        if segment and path_text(param.name, value, param.style, param.explode, text=json_scalar_text) == "":
            return param.name
    return None


def _placed(index: SchemaIndex, schema: Schema, location: str, value: Any) -> Any:
    return path_value(index, schema, value) if location == "path" else value


def _holds_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_holds_null(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_null(v) for v in value)
    return False


def _as_it_is(schema: Any, value: Any) -> Any:
    return value


def without_nulls(value: Any) -> Any:
    """``value`` without object properties set to null, at any depth."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


_NOT_IN_PATH = re.compile(r'[\x00-\x20"<>`\x7f-\U0010ffff]+')
"""What httpx (and the WHATWG URL writer fetch uses) percent-encode in a path: controls, space, ``"<>`` and the
backquote, and every character beyond ASCII (as UTF-8)."""


def literal_path(template: str) -> str:
    """``template`` with its own characters a URL path cannot hold percent-encoded (loket.nl writes a path ending
    in ``dossier"``); the ``{name}`` placeholders and every other character as they are."""
    return _NOT_IN_PATH.sub(lambda m: quote(m.group(0), safe="", errors="surrogatepass"), template)


def expected_request(
    op: Operation,
    base: str,
    arguments: Sequence[SentArgument],
    auth: TestCredentials,
    *,
    segment: Callable[[Any], str],
    text: Callable[[Any], str] = json_scalar_text,
    raw_path: bool = False,
) -> ExpectedRequest:
    """What arrives when ``op`` is called with ``arguments`` on a client holding ``auth``, at a server under ``base``.

    ``segment`` writes a text in a path (a scalar's, an item's, a key's) as the style's test server sees it;
    the path argument's style (``query.path_text``) places the delimiters. ``text`` writes one scalar as
    the client does in a path, query, header or cookie: numbers as JSON writes them (``2`` for 2.0, the
    TypeScript and Go runtimes), or as Python's ``str`` does (``2.0``). ``raw_path``: the style's test reads
    the path as its URL library sent it (Python's, from httpx), so the template's own characters a URL cannot
    hold are percent-encoded as that library does (``literal_path``); Go's test server reads the path decoded
    and TypeScript's mock reads the URL text the client gave fetch (which encodes them on the wire).
    """
    path, pairs = split_path(op)
    path = base + (literal_path(path) if raw_path else path)
    for arg in arguments:
        if arg.location == "path":
            ir, value = _parameter_value(op, arg, text)
            style, explode = ("simple", False) if ir is None or ir.sent_as_json else (ir.style, ir.explode)
            written = path_text(arg.key or "", value, style, explode, text=text, escape=segment)
            path = path.replace("{" + (arg.key or "") + "}", written)
    headers: list[tuple[str, str]] = []
    properties: dict[str, Any] = {}
    whole: Any = None
    cookies = [(arg.key or "", _parameter_value(op, arg, text)[1]) for arg in arguments if arg.location == "cookie"]
    cookie = cookie_header(cookies, text)
    for arg in arguments:
        if arg.value is None and arg.optional:
            continue
        ir, value = _parameter_value(op, arg, text)
        if arg.location == "query" and ir is not None:
            pairs.extend(query_pairs(ir.name, value, ir.style, ir.explode, text=text))
        elif arg.location == "header" and transported(arg.key or ""):
            sent = simple_text(value, ir is not None and ir.explode, text=text)
            if sent is not None:  # an empty list or object: no header
                headers.append((arg.key or "", sent))
        elif arg.location == "body" and arg.key is not None:
            properties[arg.key] = plain(arg.value)
        elif arg.location == "body":
            whole = plain(arg.value)
    pinned = pinned_trigger(op)
    if pinned is not None:
        pairs.append((pinned[0], "true" if pinned[1] else "false"))
    chosen = auth.chosen(op)
    if chosen:
        cred_headers, cred_query = auth.sent_by(chosen)
        for name, value in cred_headers:
            if name == "Cookie":
                cookie = value if cookie is None else f"{cookie}; {value}"
            else:
                headers.append((name, value))
        pairs.extend(cred_query)
    if cookie is not None:
        headers.append(("Cookie", cookie))
    return ExpectedRequest(path, sorted([list(p) for p in pairs]), headers, properties, whole)


def _parameter_value(op: Operation, arg: SentArgument, text: Callable[[Any], str]) -> tuple[Parameter | None, Any]:
    """The parameter ``arg`` fills, and its value as sent: a parameter in a JSON media type as one text."""
    ir = next((p for p in op.parameters if p.name == arg.key and p.location == arg.location), None)
    value = plain(arg.value)
    return ir, (text(value) if ir is not None and ir.sent_as_json and value is not None else value)


def success_example(index: SchemaIndex, op: Operation) -> Any:
    """The body a test's server answers ``op`` with: an example of its success schema (``ANY_VALUE`` without one)."""
    schema = success_schema(op)
    return dict(ANY_VALUE) if schema is None else example(index, schema, reading=True)
