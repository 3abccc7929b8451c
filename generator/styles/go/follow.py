"""The Go pager of an operation whose answers name the next page (``HelperPlan.follow``).

A cursor sent back in a query parameter, a next URL in the body or the ``Link`` header:
the generated method decodes each answer as the operation does and hands the runtime
(``apicore.NewFollowPager``) the items and the response, which reads the next page from
the response's body or headers. The pager is offered only when the items have a Go slice
type and the cursor parameter, if any, holds text.
"""

from __future__ import annotations

from ...core.operations import FollowPlan, HelperPlan
from . import naming
from .literals import gostr
from .operations import OPTS, HelperVM, OperationVM
from .result_fields import result_field
from .types import GoTypes

KINDS = {"cursor": "apicore.FollowCursor", "next-url": "apicore.FollowNextURL", "link": "apicore.FollowLink"}
_PATH_ORDER = ("items", "next_cursor", "has_more", "next_url")
"""The order the Go literal names ``FollowPlan.paths`` in, ``NextURL`` last, as ``apicore.Follow`` declares them
(``FollowPlan.paths`` puts ``next_url`` second, the order of Python's and TypeScript's literals)."""


def follow_helper(types: GoTypes, vm: OperationVM, plan: HelperPlan, name: str) -> HelperVM | None:
    """The pager method ``name`` of ``vm``'s operation, or None when its types do not allow one."""
    follow = plan.follow
    assert follow is not None
    items = _items(types, vm, follow)
    if items is None or follow.style not in KINDS:
        return None
    items_expr, items_type = items
    cursor = None
    if follow.style == "cursor":
        cursor = next((a for a in vm.members if a.key == follow.cursor and a.location == "query"), None)
        if cursor is None or cursor.type not in ("string", "*string"):
            return None
    item = items_type[2:]
    fail = "\t\treturn nil, nil, err"
    lines: list[str] = []
    args = [a.name for a in vm.path_args]
    if vm.params_type is not None:
        lines += [f"var base {vm.params_type}", "if params != nil {", "\tbase = *params", "}"]
        args.append("&call")
    fetch = f"func(ctx context.Context, cursor, next string) ([]{item}, *apicore.Response, error)"
    lines.append(f"return apicore.NewFollowPager({fetch} {{")
    if vm.params_type is not None:
        lines.append("\tcall := base")
    if cursor is not None:
        value = "&cursor" if cursor.type.startswith("*") else "cursor"
        lines += ['\tif cursor != "" {', f"\t\tcall.{cursor.name} = {value}", "\t}"]
    lines += [
        f"\treq, err := s.{vm.builder}({', '.join(args)})",
        "\tif err != nil {",
        fail,
        "\t}",
        "\treq.URL = next",
        "\tresp, err := s.t.Do(ctx, req, opts...)",
        "\tif err != nil {",
        fail,
        "\t}",
        f"\tout, err := apicore.DecodeJSON[{vm.value_type}](resp)",
        "\tif err != nil {",
        fail,
        "\t}",
        f"\treturn {items_expr}, resp, nil",
        f"}}, {_follow_literal(follow)})",
    ]
    signature = ", ".join(
        [*(f"{a.name} {a.type}" for a in vm.path_args)]
        + ([f"params *{vm.params_type}"] if vm.params_type is not None else [])
        + [OPTS]
    )
    said = {
        "cursor": f"the cursor each answer names is sent back in params.{cursor.name}" if cursor else "",
        "next-url": "each answer's next link is requested as it is",
        "link": 'the link of each answer\'s Link header with rel="next" is requested',
    }[follow.style]
    doc = (
        f"{name} iterates over every item of {vm.name}, page after page: {said}.",
        "A next link off the API's host (nothing is sent there), or the same cursor or link twice, stops it with a",
        "*PaginationError. for pager.Next(ctx) { use(pager.Item()) }; then check pager.Err().",
    )
    return HelperVM(plan.kind, name, signature, f"*apicore.Pager[{item}]", tuple(lines), doc, plan)


def _items(types: GoTypes, vm: OperationVM, follow: FollowPlan) -> tuple[str, str] | None:
    """(Go expression of the page's items in ``out``, their slice type) when the result holds them as a slice."""
    if follow.items_field is None:
        found = ("out", vm.value_type) if not vm.struct_result else None
    else:
        found = result_field(types, vm, follow.items_field, "out")
    if found is None or not found[1].startswith("[]"):
        return None
    return found


def _follow_literal(follow: FollowPlan) -> str:
    """The ``apicore.Follow`` value saying where an answer names the next page."""
    members = [f"Kind: {KINDS[follow.style]}"]
    paths = sorted(follow.paths, key=lambda named: _PATH_ORDER.index(named[0]))
    members += [f"{naming.exported(key)}: []string{{{', '.join(gostr(p) for p in path)}}}" for key, path in paths]
    if follow.last_item:
        members.append(f"LastItem: {gostr(follow.last_item)}")
    return "apicore.Follow{" + ", ".join(members) + "}"
