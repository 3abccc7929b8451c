"""Breaking and non-breaking changes between two versions of one API, compared on the IR.

Because both sides are IR, a Swagger 2.0 document compares cleanly with its
OpenAPI 3.x successor: only what a client can observe counts. Operations are
matched by operationId, else by method and path; schemas are compared by
shape (a renamed model with the same shape is no change). Each change says
what it means for the public API of each built-in style's package, in that style's
names (``Style.public_names``, ``Style.member_name``): the comparison runs once per
style and the results, alike but for those names, are joined.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Literal

from .core.registry import BUILTIN, find_style
from .core.style import Style
from .ir import (
    AnySchema,
    Api,
    ArraySchema,
    EnumSchema,
    ObjectSchema,
    Operation,
    Parameter,
    PrimitiveSchema,
    RefSchema,
    Schema,
    UnionSchema,
)

Direction = Literal["request", "response"]
_MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    breaking: bool
    where: str
    message: str
    meaning: dict[str, str] = field(default_factory=dict)
    """Style name -> what it means for code using that style's generated package."""

    @property
    def python(self) -> str:
        """What it means for code using the generated Python client."""
        return self.meaning.get("python", "")


@dataclass(frozen=True, slots=True)
class _Names:
    """One style's public names on both sides."""

    style: Style
    old: dict[str, str]
    new: dict[str, str]

    def method(self, op: Operation, side: Literal["old", "new"]) -> str:
        names = self.old if side == "old" else self.new
        return names.get(op.operation_id, op.operation_id)

    def member(self, name: str) -> str:
        return self.style.member_name(name)


_NAMES: ContextVar[_Names] = ContextVar("names")


def _method(op: Operation, side: Literal["old", "new"]) -> str:
    return _NAMES.get().method(op, side)


def _member(name: str) -> str:
    return _NAMES.get().member(name)


def diff_apis(old: Api, new: Api, styles: Sequence[Style] | None = None) -> list[Change]:
    """The changes from ``old`` to ``new``, each with its meaning in every style of ``styles`` (default: built in)."""
    styles = list(styles) if styles is not None else [find_style(name) for name in BUILTIN]
    joined: list[Change] | None = None
    for style in styles:
        token = _NAMES.set(_Names(style, style.public_names(old), style.public_names(new)))
        try:
            found = _diff(old, new)
        finally:
            _NAMES.reset(token)
        meanings = [c.meaning[""] for c in found]
        if joined is None:
            joined = [replace(c, meaning={style.name: m}) for c, m in zip(found, meanings, strict=True)]
        else:
            for change, meaning in zip(joined, meanings, strict=True):
                change.meaning[style.name] = meaning
    return joined or []


def _diff(old: Api, new: Api) -> list[Change]:
    changes: list[Change] = []
    changes.extend(_servers(old, new))
    changes.extend(_security(old, new))
    new_ops = {op.operation_id: op for op in new.operations}
    new_by_route = {_route(op): op for op in new.operations}
    matched: set[str] = set()
    for op in old.operations:
        other = new_ops.get(op.operation_id) or new_by_route.get(_route(op))
        where = f"{op.method.upper()} {op.path}"
        if other is None:
            changes.append(
                Change(
                    "operation-removed",
                    True,
                    where,
                    f"operation {op.operation_id} removed",
                    {"": f"method `{_method(op, 'old')}()` removed"},
                )
            )
            continue
        matched.add(other.operation_id)
        changes.extend(_operation(old, new, op, other))
    for op in new.operations:
        if op.operation_id not in matched:
            changes.append(
                Change(
                    "operation-added",
                    False,
                    f"{op.method.upper()} {op.path}",
                    f"operation {op.operation_id} added",
                    {"": f"new method `{_method(op, 'new')}()`"},
                )
            )
    return changes


def _route(op: Operation) -> str:
    return f"{op.method} {re.sub(r'{[^}]*}', '{}', op.path)}"


# ---------------------------------------------------------------------------- servers and security


def _servers(old: Api, new: Api) -> Iterator[Change]:
    old_url = old.servers[0].url if old.servers else None
    new_url = new.servers[0].url if new.servers else None
    if old_url != new_url:
        yield Change(
            "server-changed",
            True,
            "servers",
            f"default server changed: {old_url} -> {new_url}",
            {"": "the clients' default `base_url` changed"},
        )


def _security(old: Api, new: Api) -> Iterator[Change]:
    new_schemes = {s.name: s for s in new.security_schemes}
    by_shape = {(s.kind, s.location, s.parameter_name, s.http_scheme): s for s in new.security_schemes}
    for scheme in old.security_schemes:
        shape = (scheme.kind, scheme.location, scheme.parameter_name, scheme.http_scheme)
        other = new_schemes.get(scheme.name) or by_shape.get(shape)
        where = f"security scheme {scheme.name}"
        if other is None:
            yield Change(
                "security-removed",
                True,
                where,
                f"security scheme {scheme.name} removed",
                {"": "a credential argument of the clients is gone"},
            )
        elif (other.kind, other.location, other.parameter_name, other.http_scheme) != shape:
            yield Change(
                "security-changed",
                True,
                where,
                f"{_scheme_text(scheme)} -> {_scheme_text(other)}",
                {"": "the credential is sent differently; the clients' credential arguments may change"},
            )


def _scheme_text(s: object) -> str:
    kind = getattr(s, "kind", "")
    if kind == "apiKey":
        return f"apiKey in {getattr(s, 'location', '')} {getattr(s, 'parameter_name', '')!r}"
    if kind == "http":
        return f"http {getattr(s, 'http_scheme', '')}"
    return str(kind)


# ---------------------------------------------------------------------------- one operation


def _operation(old_api: Api, new_api: Api, old: Operation, new: Operation) -> Iterator[Change]:
    where = f"{old.method.upper()} {old.path}"
    method = f"`{_method(new, 'new')}()`"
    if _method(old, "old") != _method(new, "new"):
        yield Change(
            "operation-renamed",
            True,
            where,
            f"operationId {old.operation_id} -> {new.operation_id}",
            {"": f"method `{_method(old, 'old')}()` is now {method}"},
        )
    yield from _parameters(old_api, new_api, old, new, where, method)
    yield from _body(old_api, new_api, old, new, where, method)
    yield from _responses(old_api, new_api, old, new, where, method)
    old_security = {tuple(sorted(n for n, _ in r.schemes)) for r in old.security}
    new_security = {tuple(sorted(n for n, _ in r.schemes)) for r in new.security}
    if new_security - old_security and old_security and not _renamed_schemes(old_api, new_api):
        yield Change(
            "operation-security-changed",
            True,
            where,
            "the operation requires different credentials",
            {"": f"{method} may need other credentials"},
        )


def _renamed_schemes(old: Api, new: Api) -> bool:
    return {s.name for s in old.security_schemes} != {s.name for s in new.security_schemes}


def _param_key(p: Parameter) -> str:
    return p.name.lower() if p.location == "header" else p.name


def _parameters(
    old_api: Api, new_api: Api, old: Operation, new: Operation, where: str, method: str
) -> Iterator[Change]:
    old_params = {_param_key(p): p for p in old.parameters}
    new_params = {_param_key(p): p for p in new.parameters}
    for key, param in old_params.items():
        arg = f"`{_member(param.name)}`"
        other = new_params.get(key)
        if other is None:
            yield Change(
                "parameter-removed",
                True,
                where,
                f"{param.location} parameter {param.name} removed",
                {"": f"argument {arg} of {method} removed"},
            )
            continue
        if other.location != param.location:
            yield Change(
                "parameter-moved",
                True,
                where,
                f"parameter {param.name} moved from {param.location} to {other.location}",
                {"": f"argument {arg} of {method} is sent elsewhere; older clients send it wrong"},
            )
        if other.required and not param.required:
            yield Change(
                "parameter-required",
                True,
                where,
                f"parameter {param.name} became required",
                {"": f"argument {arg} of {method} became required"},
            )
        yield from _schema(
            old_api,
            new_api,
            param.schema,
            other.schema,
            "request",
            where,
            f"parameter {param.name}",
            f"argument {arg} of {method}",
        )
    for key, param in new_params.items():
        if key not in old_params:
            arg = f"`{_member(param.name)}`"
            if param.required:
                yield Change(
                    "parameter-added-required",
                    True,
                    where,
                    f"required parameter {param.name} added",
                    {"": f"new required argument {arg} of {method}"},
                )
            else:
                yield Change(
                    "parameter-added",
                    False,
                    where,
                    f"optional parameter {param.name} added",
                    {"": f"new optional argument {arg} of {method}"},
                )


def _json_schema(op: Operation, status: str | None = None) -> Schema | None:
    if status is None:
        contents = op.request_body.contents if op.request_body else ()
    else:
        contents = next((r.contents for r in op.responses if r.status == status), ())
    return next((c.schema for c in contents if c.is_json and c.schema is not None), None)


def _body(old_api: Api, new_api: Api, old: Operation, new: Operation, where: str, method: str) -> Iterator[Change]:
    old_schema, new_schema = _json_schema(old), _json_schema(new)
    if old_schema is None or new_schema is None:
        if new_schema is not None and new.request_body is not None and new.request_body.required:
            yield Change(
                "body-added-required",
                True,
                where,
                "a required request body was added",
                {"": f"{method} takes new required arguments"},
            )
        return
    if new.request_body and new.request_body.required and not (old.request_body and old.request_body.required):
        yield Change("body-required", True, where, "the request body became required", {"": f"{method} needs a body"})
    yield from _schema(old_api, new_api, old_schema, new_schema, "request", where, "request body", f"{method}")


def _responses(old_api: Api, new_api: Api, old: Operation, new: Operation, where: str, method: str) -> Iterator[Change]:
    new_responses = {r.status: r for r in new.responses}
    for response in old.responses:
        if not response.is_success:
            continue
        other = new_responses.get(response.status)
        if other is None:
            yield Change(
                "status-removed",
                True,
                where,
                f"success status {response.status} removed",
                {"": f"{method} returns something else"},
            )
            continue
        new_media = {c.media_type for c in other.contents}
        for content in response.contents:
            if content.media_type not in new_media:
                yield Change(
                    "media-type-removed",
                    True,
                    where,
                    f"{response.status} no longer returns {content.media_type}",
                    {"": f"{method} no longer returns {content.media_type}"},
                )
        old_schema, new_schema = _json_schema(old, response.status), _json_schema(new, response.status)
        if old_schema is not None and new_schema is not None:
            yield from _schema(
                old_api,
                new_api,
                old_schema,
                new_schema,
                "response",
                where,
                f"{response.status} response",
                f"the result of {method}",
            )


# ---------------------------------------------------------------------------- schemas


def _resolve(api: Api, schema: Schema, depth: int = 0) -> Schema:
    while isinstance(schema, RefSchema) and depth < _MAX_DEPTH:
        try:
            schema = api.schema(schema.name)
        except KeyError:
            return AnySchema(origin=schema.origin)
        depth += 1
    return schema


def signature(api: Api, schema: Schema, depth: int = 0) -> str:
    """The type a schema stands for, without names or constraints: what a client's types depend on."""
    resolved = _resolve(api, schema)
    nullable = "?" if schema.nullable or resolved.nullable else ""
    if depth > _MAX_DEPTH:
        return "…"
    if isinstance(resolved, PrimitiveSchema):
        fmt = resolved.format if resolved.format in ("date", "date-time", "binary") else None
        return resolved.kind + (f"({fmt})" if fmt else "") + nullable
    if isinstance(resolved, EnumSchema):
        return f"enum<{resolved.kind}>" + nullable
    if isinstance(resolved, ArraySchema):
        return f"array<{signature(api, resolved.items, depth + 1)}>" + nullable
    if isinstance(resolved, ObjectSchema):
        return ("object" if resolved.properties else "map") + nullable
    if isinstance(resolved, UnionSchema):
        return "union<" + "|".join(sorted(signature(api, v, depth + 1) for v in resolved.variants)) + ">" + nullable
    return "any"


def _schema(
    old_api: Api,
    new_api: Api,
    old: Schema,
    new: Schema,
    direction: Direction,
    where: str,
    label: str,
    python: str,
    depth: int = 0,
) -> Iterator[Change]:
    if depth > _MAX_DEPTH:
        return
    old_sig, new_sig = signature(old_api, old), signature(new_api, new)
    if old_sig.rstrip("?") != new_sig.rstrip("?"):
        yield Change(
            "type-changed",
            True,
            where,
            f"{label}: type {old_sig} -> {new_sig}",
            {"": f"{python}: type changed from {old_sig} to {new_sig}"},
        )
        return
    a, b = _resolve(old_api, old), _resolve(new_api, new)
    if isinstance(a, EnumSchema) and isinstance(b, EnumSchema):
        removed = [v for v in a.values if v not in b.values]
        added = [v for v in b.values if v not in a.values]
        if removed:
            yield Change(
                "enum-value-removed",
                direction == "request",
                where,
                f"{label}: enum values removed {removed}",
                {"": f"{python}: values {removed} no longer accepted"},
            )
        if added:
            yield Change(
                "enum-value-added",
                direction == "response",
                where,
                f"{label}: enum values added {added}",
                {"": f"{python}: may now hold {added}" if direction == "response" else f"{python}: accepts {added}"},
            )
    elif isinstance(a, ArraySchema) and isinstance(b, ArraySchema):
        yield from _schema(
            old_api, new_api, a.items, b.items, direction, where, f"{label}[]", f"{python} items", depth + 1
        )
    elif isinstance(a, ObjectSchema) and isinstance(b, ObjectSchema):
        yield from _properties(old_api, new_api, a, b, direction, where, label, python, depth)


def _properties(
    old_api: Api,
    new_api: Api,
    a: ObjectSchema,
    b: ObjectSchema,
    direction: Direction,
    where: str,
    label: str,
    python: str,
    depth: int,
) -> Iterator[Change]:
    new_props = {p.name: p for p in b.properties}
    old_props = {p.name: p for p in a.properties}
    for name, prop in old_props.items():
        attr = f"`{_member(name)}`"
        other = new_props.get(name)
        field = f"{label}.{name}"
        if other is None:
            if direction == "response" or prop.required:
                yield Change(
                    "field-removed", True, where, f"{field} removed", {"": f"attribute {attr} of {python} removed"}
                )
            else:
                yield Change(
                    "field-removed", True, where, f"{field} removed", {"": f"argument {attr} of {python} removed"}
                )
            continue
        if direction == "response" and prop.required and not other.required:
            yield Change(
                "field-optional",
                True,
                where,
                f"{field} became optional",
                {"": f"attribute {attr} of {python} may now be None"},
            )
        if direction == "request" and other.required and not prop.required:
            yield Change(
                "field-required",
                True,
                where,
                f"{field} became required",
                {"": f"argument {attr} of {python} became required"},
            )
        yield from _schema(
            old_api, new_api, prop.schema, other.schema, direction, where, field, f"{attr} of {python}", depth + 1
        )
    for name, prop in new_props.items():
        if name in old_props:
            continue
        breaking = direction == "request" and prop.required
        meaning = (
            f"new required argument `{_member(name)}` of {python}"
            if breaking
            else f"new attribute `{_member(name)}` of {python}"
        )
        yield Change(
            "field-added-required" if breaking else "field-added",
            breaking,
            where,
            f"{label}.{name} added" + (" as required" if breaking else ""),
            {"": meaning},
        )


__all__ = ["Change", "diff_apis", "signature"]


def format_changes(changes: list[Change], fmt: str, old: str, new: str) -> str:
    """The report as ``text``, ``markdown`` (a pull-request comment) or ``json``."""
    breaking = [c for c in changes if c.breaking]
    if fmt == "json":
        import json

        data = {
            "old": old,
            "new": new,
            "breaking": len(breaking),
            "changes": [
                {
                    "kind": c.kind,
                    "breaking": c.breaking,
                    "where": c.where,
                    "message": c.message,
                    "python": c.python,
                    "meaning": c.meaning,
                }
                for c in changes
            ],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        lines = [f"### API changes: `{old}` → `{new}`", ""]
        if not changes:
            return "\n".join([*lines, "No changes a client can observe.", ""])
        styles = list(changes[0].meaning)
        lines += [
            f"**{len(breaking)} breaking**, {len(changes) - len(breaking)} compatible.",
            "",
            "| | where | change | " + " | ".join(f"generated {_cell(s)} API" for s in styles) + " |",
            "|---|---|---|" + "---|" * len(styles),
        ]
        for c in changes:
            cells = [_cell(c.where), _cell(c.message), *(_cell(c.meaning.get(s, "")) for s in styles)]
            lines.append(f"| {'💥 breaking' if c.breaking else 'compatible'} | " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
    if not changes:
        return f"{old} -> {new}: no changes a client can observe\n"
    lines = [f"{old} -> {new}: {len(breaking)} breaking, {len(changes) - len(breaking)} compatible"]
    for c in changes:
        lines.append(f"{'BREAKING' if c.breaking else 'ok      '}  {c.where}: {c.message}")
        lines.extend(f"          {style}: {meaning}" for style, meaning in c.meaning.items())
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
