"""Breaking and compatible changes between two versions of one API, compared on the IR.

Because both sides are IR, a Swagger 2.0 document compares cleanly with its OpenAPI 3.x
successor: only what a client can observe counts. Operations are matched by operationId, else
by method and path; schemas are compared by shape (a renamed model with the same shape is no
change). Every change is found once by a rule of ``rules.RULES`` and then spelled in each
built-in style's public names (``Style.public_names``, ``Style.member_name``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import fields

from ..core.naming import camel
from ..core.operations import HelperKind, helper_plans
from ..core.query import wire_form
from ..core.registry import BUILTIN, find_style
from ..core.style import Style
from ..ir import (
    Api,
    AsyncJob,
    Behaviour,
    JobStatus,
    MediaContent,
    Operation,
    Pagination,
    Parameter,
    PresignedDownload,
    RedirectDownload,
    Schema,
    SecurityScheme,
    StreamedDownload,
)
from .model import Change, Found, Meaning, Names, Side
from .schemas import Place, compare, deprecated, resolve


def diff_apis(old: Api, new: Api, styles: Sequence[Style] | None = None) -> list[Change]:
    """The changes from ``old`` to ``new``, each with its meaning in every style of ``styles`` (default: built in)."""
    styles = list(styles) if styles is not None else [find_style(name) for name in BUILTIN]
    names = [Names(style, style.public_names(old), style.public_names(new)) for style in styles]
    return [found.spelled(names) for found in _Comparison(old, new, names).changes()]


def _where(op: Operation) -> str:
    return f"{op.method.upper()} {op.path}"


def _route(op: Operation) -> str:
    return f"{op.method} {re.sub(r'{[^}]*}', '{}', op.path)}"


def _param_key(p: Parameter) -> str:
    return p.name.lower() if p.location == "header" else p.name


def _json_schema(op: Operation, status: str | None = None) -> Schema | None:
    if status is None:
        contents = op.request_body.contents if op.request_body else ()
    else:
        contents = next((r.contents for r in op.responses if r.status == status), ())
    return next((c.schema for c in contents if c.is_json and c.schema is not None), None)


_BEHAVIOUR_KINDS: dict[type, str] = {
    StreamedDownload: "streamed-download",
    RedirectDownload: "redirect-download",
    PresignedDownload: "presigned-download",
    Pagination: "pagination",
    AsyncJob: "async-job",
    JobStatus: "job-status",
}

_HELPERS = {
    "streamed-download": "the helper that streams the file to disk",
    "redirect-download": "the helper that follows the redirect and saves the file",
    "presigned-download": "the helper that fetches the presigned file",
    "pagination": "the iterator over every page",
    "async-job": "the job handle that polls until the job is done",
    "job-status": "the helper that waits until the job is done",
}


class _Comparison:
    def __init__(self, old: Api, new: Api, names: list[Names]) -> None:
        self.old, self.new, self.names = old, new, names
        self.scheme_names = self._scheme_mapping()

    def changes(self) -> Iterator[Found]:
        yield from self._servers()
        yield from self._security_schemes()
        new_ops = {op.operation_id: op for op in self.new.operations}
        new_by_route = {_route(op): op for op in self.new.operations}
        matched: set[str] = set()
        for op in self.old.operations:
            other = new_ops.get(op.operation_id) or new_by_route.get(_route(op))
            if other is None:
                rule = "api-removed-with-deprecation" if op.deprecated else "api-removed-without-deprecation"
                was = " (it was deprecated)" if op.deprecated else ""
                yield Found(
                    rule,
                    _where(op),
                    f"operation {op.operation_id} removed{was}",
                    _around("method ", op, "old", " removed"),
                )
                continue
            matched.add(other.operation_id)
            yield from self._operation(op, other)
        for op in self.new.operations:
            if op.operation_id not in matched:
                yield Found(
                    "endpoint-added",
                    _where(op),
                    f"operation {op.operation_id} added",
                    _around("new method ", op, "new", ""),
                )

    # ------------------------------------------------------------------------ servers and security

    def _servers(self) -> Iterator[Found]:
        old_url = self.old.servers[0].url if self.old.servers else None
        new_url = self.new.servers[0].url if self.new.servers else None
        if old_url != new_url:
            yield Found(
                "api-server-changed",
                "servers",
                f"default server changed: {old_url} -> {new_url}",
                lambda n: "the clients' default base URL changed: calls without one go to the new server",
            )

    def _scheme_mapping(self) -> dict[str, str]:
        """Old scheme name -> new scheme name: the same name, else the same way of sending the credential."""
        by_name = {s.name: s for s in self.new.security_schemes}
        by_shape = {_shape(s): s for s in self.new.security_schemes}
        mapping: dict[str, str] = {}
        for scheme in self.old.security_schemes:
            other = by_name.get(scheme.name) or by_shape.get(_shape(scheme))
            if other is not None:
                mapping[scheme.name] = other.name
        return mapping

    def _security_schemes(self) -> Iterator[Found]:
        new_schemes = {s.name: s for s in self.new.security_schemes}
        for scheme in self.old.security_schemes:
            where = f"security scheme {scheme.name}"
            mapped = self.scheme_names.get(scheme.name)
            if mapped is None:
                yield Found(
                    "api-security-component-removed",
                    where,
                    f"security scheme {scheme.name} removed",
                    lambda n: "a credential argument of the clients is gone",
                )
            elif _shape(new_schemes[mapped]) != _shape(scheme):
                yield Found(
                    "api-security-component-changed",
                    where,
                    f"{_scheme_text(scheme)} -> {_scheme_text(new_schemes[mapped])}",
                    lambda n: "the credential is sent differently; the clients' credential arguments may change",
                )
        for name in sorted(set(new_schemes) - set(self.scheme_names.values())):
            yield Found(
                "api-security-component-added",
                f"security scheme {name}",
                f"security scheme {name} added",
                lambda n: "the clients may take a new credential argument",
            )

    def _operation_security(self, old: Operation, new: Operation) -> Iterator[Found]:
        def alternatives(op: Operation, mapping: dict[str, str] | None) -> set[frozenset[str]]:
            found = {frozenset(mapping.get(s, s) if mapping else s for s, _ in r.schemes) for r in op.security}
            return found or {frozenset()}

        before, after = alternatives(old, self.scheme_names), alternatives(new, None)
        for rule, changed, text, meaning in (  # a removed way is reported alone: it is the one that breaks
            ("api-security-removed", before - after, "no longer accepted", " may need other credentials"),
            ("api-security-added", after - before, "also accepted", " accepts other credentials too"),
        ):
            if changed:
                listed = sorted(" + ".join(sorted(a)) or "no credentials" for a in changed)
                yield Found(rule, _where(old), f"{text}: {', '.join(listed)}", _around("", new, "new", meaning))
                return

    # ------------------------------------------------------------------------ one operation

    def _operation(self, old: Operation, new: Operation) -> Iterator[Found]:
        where = _where(old)
        renamed = any(n.method(old, "old") != n.method(new, "new") for n in self.names)
        if renamed or old.operation_id != new.operation_id:

            def meaning(n: Names) -> str:
                if n.method(old, "old") == n.method(new, "new"):
                    return f"method {n.call(new)} keeps its name"
                return f"method {n.call(old, 'old')} is now {n.call(new)}"

            yield Found(
                "api-method-renamed" if renamed else "api-operation-id-changed",
                where,
                f"operationId {old.operation_id} -> {new.operation_id}",
                meaning,
            )
        if new.deprecated != old.deprecated:
            yield Found(
                "endpoint-deprecated" if new.deprecated else "endpoint-reactivated",
                where,
                "operation deprecated" if new.deprecated else "operation no longer deprecated",
                lambda n: f"{n.call(new)} is " + ("deprecated" if new.deprecated else "no longer deprecated"),
            )
        yield from self._parameters(old, new, where)
        yield from self._body(old, new, where)
        yield from self._responses(old, new, where)
        yield from self._operation_security(old, new)
        yield from self._behaviours(old, new, where)

    def _parameters(self, old: Operation, new: Operation, where: str) -> Iterator[Found]:
        old_params = {_param_key(p): p for p in old.parameters}
        new_params = {_param_key(p): p for p in new.parameters}
        for key, param in old_params.items():

            other = new_params.get(key)
            was_deprecated = param.deprecated or deprecated(self.old, param.schema)
            if other is None:
                was = " (it was deprecated)" if was_deprecated else ""
                yield Found(
                    "request-parameter-removed",
                    where,
                    f"{param.location} parameter {param.name} removed{was}",
                    _argument("", param.name, old, "old", " removed"),
                )
                continue
            if other.location != param.location:
                yield Found(
                    "request-parameter-location-changed",
                    where,
                    f"parameter {param.name} moved from {param.location} to {other.location}",
                    _argument("", param.name, new, "new", " is sent elsewhere; older clients send it wrong"),
                )
            else:
                was = wire_form(param, resolve(self.old, param.schema))
                now = wire_form(other, resolve(self.new, other.schema))
                if was != now:
                    yield Found(
                        "request-parameter-serialization-changed",
                        where,
                        f"parameter {param.name} is written as {now}, not {was}",
                        _argument("", param.name, new, "new", " is written differently; older clients send it wrong"),
                    )
            place = Place(
                "request-parameter", where, f"parameter {param.name}", _argument("", param.name, new, "new", "")
            )
            if other.required != param.required:
                yield place.became(other.required)
            if not was_deprecated and (other.deprecated or deprecated(self.new, other.schema)):
                yield Found(
                    "request-parameter-deprecated",
                    where,
                    f"parameter {param.name} deprecated",
                    _argument("", param.name, new, "new", " is deprecated"),
                )
            yield from compare(self.old, self.new, param.schema, other.schema, place)
        for key, param in new_params.items():
            if key not in old_params:
                state = "required" if param.required else "optional"
                yield Found(
                    f"new-{state}-request-parameter",
                    where,
                    f"{state} {param.location} parameter {param.name} added",
                    _argument(f"new {state} ", param.name, new, "new", ""),
                )

    def _body(self, old: Operation, new: Operation, where: str) -> Iterator[Found]:
        before, after = old.request_body, new.request_body
        if before is None and after is None:
            return
        if before is None and after is not None:
            state = "required" if after.required else "optional"
            yield Found(
                f"added-{state}-request-body",
                where,
                f"a{'n' if state == 'optional' else ''} {state} request body was added",
                lambda n: f"{n.call(new)} takes a new {state} body",
            )
            return
        if after is None:
            yield Found("request-body-removed", where, "the request body was removed", lambda n: f"{n.call(new)}")
            return
        assert before is not None
        place = Place("request-body", where, "request body", lambda n: f"the body of {n.call(new)}")
        if before.required != after.required:
            yield place.became(after.required, label="the request body")
        yield from _media_changes(
            "request-body-media-type",
            where,
            new,
            (before.contents, after.contents),
            removed=("the request body is no longer taken as ", " no longer sends "),
            added=("the request body is also taken as ", " may send "),
        )
        old_schema, new_schema = _json_schema(old), _json_schema(new)
        if old_schema is not None and new_schema is not None:
            yield from compare(self.old, self.new, old_schema, new_schema, place)

    def _responses(self, old: Operation, new: Operation, where: str) -> Iterator[Found]:
        old_responses = {r.status: r for r in old.responses if r.is_success}
        new_responses = {r.status: r for r in new.responses if r.is_success}
        for status, response in old_responses.items():
            other = new_responses.get(status)
            if other is None:
                yield Found(
                    "response-success-status-removed",
                    where,
                    f"success status {status} removed",
                    lambda n: f"{n.call(new)} returns something else",
                )
                continue
            yield from _media_changes(
                "response-media-type",
                where,
                new,
                (response.contents, other.contents),
                removed=(f"{status} no longer returns ", " no longer returns "),
                added=(f"{status} may also return ", " may return "),
            )
            old_schema, new_schema = _json_schema(old, status), _json_schema(new, status)
            if old_schema is not None and new_schema is not None:
                place = Place("response-body", where, f"{status} response", lambda n: f"the result of {n.call(new)}")
                yield from compare(self.old, self.new, old_schema, new_schema, place)
        for status in new_responses:
            if status not in old_responses:
                yield Found(
                    "response-success-status-added",
                    where,
                    f"success status {status} added",
                    lambda n: f"{n.call(new)} may return another result",
                )

    def _behaviours(self, old: Operation, new: Operation, where: str) -> Iterator[Found]:
        before_helpers, after_helpers = _helpers(self.old, old), _helpers(self.new, new)
        gone = [k for k in before_helpers if k not in after_helpers]
        gained = [k for k in after_helpers if k not in before_helpers]
        for cls, kind in _BEHAVIOUR_KINDS.items():
            before = [b for b in old.behaviours if isinstance(b, cls)]
            after = [b for b in new.behaviours if isinstance(b, cls)]
            helper = _HELPERS[kind]
            if before and not after:
                meaning = _helper_meaning(f"{helper} of ", old, "old", " is gone", gone, "removed: ")
                yield Found(f"{kind}-removed", where, f"{kind.replace('-', ' ')} removed", meaning)
            elif after and not before:
                meaning = _helper_meaning("", new, "new", f" gains {helper}", gained, "")
                yield Found(f"{kind}-added", where, f"{kind.replace('-', ' ')} added", meaning)
            elif before != after:
                text = "; ".join(_fields_changed(b, a) for b, a in zip(before, after, strict=False)) or "changed"
                meaning = _helper_meaning(
                    f"{helper} of ",
                    new,
                    "new",
                    " reads other fields; regenerate before relying on it",
                    after_helpers,
                    "",
                )
                yield Found(f"{kind}-changed", where, f"{kind.replace('-', ' ')}: {text}", meaning)


def _helpers(api: Api, op: Operation) -> list[HelperKind]:
    """The download helpers every style gives ``op`` (its siblings: the operations of its resource)."""
    group = op.tags[0] if op.tags else None
    siblings = [o for o in api.operations if (o.tags[0] if o.tags else None) == group]
    by_id = {o.operation_id: o for o in siblings}
    return [plan.kind for plan in helper_plans(lambda schema: resolve(api, schema), op, by_id.get)]


def _helper_name(n: Names, kind: HelperKind, op: Operation, side: Side) -> str | None:
    """A built-in style's name for a helper of ``op`` (as its helpers module spells it); None for other styles."""
    method = n.method(op, side)
    if n.style.name == "python":
        return kind.base_name(method, method.removeprefix("get_"))
    if n.style.name == "typescript":
        without_get = method[3:] if method.startswith("get") and len(method) > 3 else method
        return camel(kind.base_name(method, without_get))
    if n.style.name == "go":  # ``Service.Method``: the helper is a method of the same service
        service, _, name = method.rpartition(".")
        local = name[:1].lower() + name[1:]
        without_get = local[3:] if local.startswith("get") and len(local) > 3 else local
        helper = "".join(part[:1].upper() + part[1:] for part in kind.base_name(local, without_get).split("_"))
        return f"{service}.{helper}" if service else helper
    return None


def _helper_meaning(before: str, op: Operation, side: Side, after: str, kinds: list[HelperKind], label: str) -> Meaning:
    """What a behaviour change does to the download helpers, naming them in the built-in styles."""

    def meaning(n: Names) -> str:
        if not kinds:  # the clients give this operation no helper for it (e.g. a redirect without a trigger)
            return f"no download helper of {n.call(op, side)} changes with it"
        names = [name for kind in kinds if (name := _helper_name(n, kind, op, side))]
        listed = f" ({label}{', '.join(f'`{name}()`' for name in names)})" if names else ""
        return f"{before}{n.call(op, side)}{after}{listed}"

    return meaning


def _media_changes(
    rule: str,
    where: str,
    op: Operation,
    contents: tuple[Sequence[MediaContent], Sequence[MediaContent]],
    removed: tuple[str, str],
    added: tuple[str, str],
) -> Iterator[Found]:
    """``{rule}-removed`` for each media type the old contents have and the new lack, then ``{rule}-added``;
    ``removed`` and ``added`` are what stands before the media type in the text and after the new call."""
    old_media, new_media = ([c.media_type for c in side] for side in contents)
    for change, (text, after), media_types, others in (
        ("removed", removed, old_media, new_media),
        ("added", added, new_media, old_media),
    ):
        for media in media_types:
            if media not in others:
                yield Found(f"{rule}-{change}", where, f"{text}{media}", _around("", op, "new", f"{after}{media}"))


def _around(before: str, op: Operation, side: Side, after: str) -> Meaning:
    """A meaning that names the operation's method in each style."""
    return lambda n: f"{before}{n.call(op, side)}{after}"


def _argument(before: str, name: str, op: Operation, side: Side, after: str) -> Meaning:
    """A meaning that names an argument of the operation's method in each style."""
    return lambda n: f"{before}argument `{n.member(name)}` of {n.call(op, side)}{after}"


def _fields_changed(old: Behaviour, new: Behaviour) -> str:
    parts = []
    for f in fields(old):
        if f.compare and getattr(old, f.name) != getattr(new, f.name):
            parts.append(f"{f.name} {getattr(old, f.name)!r} -> {getattr(new, f.name)!r}")
    return ", ".join(parts)


def _shape(s: SecurityScheme) -> tuple[str, str | None, str | None, str | None]:
    return (s.kind, s.location, s.parameter_name, s.http_scheme)


def _scheme_text(s: SecurityScheme) -> str:
    if s.kind == "apiKey":
        return f"apiKey in {s.location} {s.parameter_name!r}"
    if s.kind == "http":
        return f"http {s.http_scheme}"
    return str(s.kind)
