"""The download-behaviour extensions of ``docs/extensions.md``, read into IR behaviour nodes.

Each reader checks the extension's shape and reports a located E070 error for
anything malformed, so a typo in an overlay never passes silently.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..ir import (
    DeclaredChecksum,
    JobStatus,
    JsonScalar,
    Pagination,
    PresignedDownload,
    RedirectDownload,
    SecurityScheme,
)
from .checksum_extension import declared_checksum
from .context import LoadContext, Node, canonical_json

_SCALARS = (str, int, float, bool, type(None))


def _fields(
    ctx: LoadContext, node: Node, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, Any] | None:
    if not isinstance(node.value, dict):
        ctx.error("E070", "extension value must be an object", node)
        return None
    known = set(required) | set(optional)
    ok = True
    for key in node.value:
        if key not in known:
            ctx.error("E070", f"unknown key {key!r}; expected one of {sorted(known)}", node.child(key))
            ok = False
    for key in required:
        if key not in node.value:
            ctx.error("E070", f"missing required key {key!r}", node)
            ok = False
    return dict(node.value) if ok else None


def _string(ctx: LoadContext, node: Node, values: dict[str, Any], key: str) -> str | None:
    value = values.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        ctx.error("E070", f"{key!r} must be a non-empty string", node.child(key))
        return None
    return value


def _scalars(ctx: LoadContext, node: Node, values: dict[str, Any], key: str) -> tuple[JsonScalar, ...]:
    value = values.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, _SCALARS) for v in value):
        ctx.error("E070", f"{key!r} must be a list of scalar values", node.child(key))
        return ()
    return tuple(value)


def presigned(ctx: LoadContext, node: Node, status: str) -> PresignedDownload | None:
    values = _fields(ctx, node, ("url",), ("head-url", "expires", "expires-format"))
    if values is None:
        return None
    url = _string(ctx, node, values, "url")
    fmt = values.get("expires-format", "unix")
    if fmt not in ("unix", "date-time"):
        ctx.error("E070", "'expires-format' must be 'unix' or 'date-time'", node.child("expires-format"))
        return None
    if url is None:
        return None
    return PresignedDownload(
        status=status,
        url_field=url,
        head_url_field=_string(ctx, node, values, "head-url"),
        expires_field=_string(ctx, node, values, "expires"),
        expires_format=fmt,
        origin=node.origin,
    )


def redirect_trigger(ctx: LoadContext, node: Node) -> tuple[str, str] | None:
    """(parameter, value as JSON) of an ``x-redirect-trigger``."""
    values = _fields(ctx, node, ("parameter", "value"), ())
    if values is None:
        return None
    parameter = _string(ctx, node, values, "parameter")
    if not isinstance(values["value"], _SCALARS):
        ctx.error("E070", "'value' must be a scalar (string, number, boolean or null)", node.child("value"))
        return None
    if parameter is None:
        return None
    return parameter, canonical_json(values["value"])


def redirect(status: str, location: str, trigger: tuple[str, str] | None, node: Node) -> RedirectDownload:
    return RedirectDownload(
        status=status,
        location_header=location,
        trigger_parameter=trigger[0] if trigger else None,
        trigger_value_json=trigger[1] if trigger else None,
        origin=node.origin,
    )


_PAGINATION_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # style: (required keys, optional keys) besides "style"
    "page": (("page-parameter", "items"), ("size-parameter", "total", "first-page")),
    "offset": (("page-parameter", "items"), ("size-parameter", "total", "first-page")),
    "cursor": (("cursor-parameter",), ("items", "size-parameter", "next-cursor", "last-item-cursor", "has-more")),
    "next-url": (("next-url",), ("items", "size-parameter", "has-more")),
    "link": ((), ("items", "size-parameter")),
}


def pagination(ctx: LoadContext, node: Node) -> Pagination | None:
    if not isinstance(node.value, dict):
        ctx.error("E070", "extension value must be an object", node)
        return None
    style = node.value.get("style")
    if style not in _PAGINATION_KEYS:
        where = node.child("style") if "style" in node.value else node
        ctx.error("E070", f"'style' must be one of {sorted(_PAGINATION_KEYS)}", where)
        return None
    required, optional = _PAGINATION_KEYS[style]
    values = _fields(ctx, node, ("style", *required), optional)
    if values is None:
        return None
    first = values.get("first-page", 1 if style == "page" else 0)
    if not isinstance(first, int) or isinstance(first, bool) or first < 0:
        ctx.error("E070", "'first-page' must be a non-negative integer", node.child("first-page"))
        return None
    strings = {key: _string(ctx, node, values, key) for key in (*required, *optional) if key != "first-page"}
    if any(key in values and strings[key] is None for key in strings):
        return None
    if style == "cursor" and (strings["next-cursor"] is None) == (strings["last-item-cursor"] is None):
        ctx.error("E070", "a cursor comes from exactly one of 'next-cursor' and 'last-item-cursor'", node)
        return None
    return Pagination(
        style=style,
        page_parameter=strings.get("page-parameter"),
        size_parameter=strings.get("size-parameter"),
        items_field=strings.get("items"),
        total_field=strings.get("total"),
        first_page=first,
        cursor_parameter=strings.get("cursor-parameter"),
        next_cursor=strings.get("next-cursor"),
        last_item_cursor=strings.get("last-item-cursor"),
        has_more=strings.get("has-more"),
        next_url=strings.get("next-url"),
        origin=node.origin,
    )


def job_status(ctx: LoadContext, node: Node, status: str) -> JobStatus | None:
    values = _fields(ctx, node, ("status", "succeeded"), ("failed", "result-url"))
    if values is None:
        return None
    field = _string(ctx, node, values, "status")
    succeeded = _scalars(ctx, node, values, "succeeded")
    if field is None or not succeeded:
        if field is not None:
            ctx.error("E070", "'succeeded' must list at least one state", node.child("succeeded"))
        return None
    return JobStatus(
        status=status,
        status_field=field,
        succeeded=succeeded,
        failed=_scalars(ctx, node, values, "failed"),
        result_url_field=_string(ctx, node, values, "result-url"),
        origin=node.origin,
    )


def response_behaviours(
    ctx: LoadContext, node: Node, status: str
) -> tuple[PresignedDownload | JobStatus | RedirectDownload | DeclaredChecksum, ...]:
    """The behaviours a Response Object declares through extensions (both Swagger 2.0 and OpenAPI 3)."""
    found: list[PresignedDownload | JobStatus | RedirectDownload | DeclaredChecksum] = []
    if (ext := node.get("x-presigned-url")) is not None and (p := presigned(ctx, ext, status)) is not None:
        found.append(p)
    if (ext := node.get("x-job-status")) is not None and (j := job_status(ctx, ext, status)) is not None:
        found.append(j)
    if (ext := node.get("x-redirect-trigger")) is not None:
        if not status.startswith("3"):
            ctx.error("E070", "x-redirect-trigger belongs on a 3xx response", ext)
        elif (trigger := redirect_trigger(ctx, ext)) is not None:
            found.append(redirect(status, "Location", trigger, ext))
    if (ext := node.get("x-checksum")) is not None and (c := declared_checksum(ctx, ext, status)) is not None:
        found.append(c)
    return tuple(found)


def operation_behaviours(ctx: LoadContext, node: Node) -> tuple[Pagination, ...]:
    ext = node.get("x-pagination")
    if ext is None:
        return ()
    page = pagination(ctx, ext)
    return (page,) if page is not None else ()


def with_credential_names(
    ctx: LoadContext, schemes: list[SecurityScheme], nodes: dict[str, Node]
) -> tuple[SecurityScheme, ...]:
    """Apply each scheme's ``x-credential-names``: two names for HTTP basic, one for any other scheme."""
    result: list[SecurityScheme] = []
    for scheme in schemes:
        node = nodes.get(scheme.name)
        ext = node.get("x-credential-names") if node is not None else None
        if ext is None:
            result.append(scheme)
            continue
        expected = 2 if scheme.kind == "http" and scheme.http_scheme == "basic" else 1
        value = ext.value
        if not isinstance(value, list) or len(value) != expected or not all(isinstance(v, str) and v for v in value):
            ctx.error("E070", f"x-credential-names must list {expected} non-empty name(s) for this scheme", ext)
            result.append(scheme)
            continue
        result.append(replace(scheme, credential_names=tuple(value)))
    return tuple(result)
