"""The code of a generated method's request: the arguments of ``self._core.request(...)``."""

from __future__ import annotations

from .operations import OperationVM
from .types import py_literal


def request_items(
    op: OperationVM, query: tuple[tuple[str, str, str, bool], ...] | None = None, *, redirect: bool = False
) -> list[str]:
    """The arguments of ``self._core.request(...)`` (or ``stream``) for ``op``, one item each.

    ``query`` replaces the operation's query (a helper pinning a parameter);
    ``redirect`` asks the runtime to expect a redirect rather than follow it.
    """
    query = op.query if query is None else query
    items = [py_literal(op.http_method), py_literal(op.path)]
    if op.path_params:
        pairs = ", ".join(f"{py_literal(name)}: {value}" for name, value in op.path_params)
        items.append(f"path_params={{{pairs}}}")
    if query:
        entries = ", ".join(
            f"({py_literal(name)}, {value}, {py_literal(style)}, {explode})" for name, value, style, explode in query
        )
        items.append(f"query=_rt.encode_query([{entries}])")
    headers = [f"{py_literal(name)}: {value}" for name, value in op.headers]
    if op.cookies:
        cookies = ", ".join(f"({py_literal(name)}, {value})" for name, value in op.cookies)
        headers.append(f'"Cookie": _rt.cookie_header([{cookies}])')
    if headers:
        items.append(f"headers=_rt.header_values({{{', '.join(headers)}}})")
    if op.body_kwarg:
        items.append(op.body_kwarg)
    items += [f"security={op.security}", "options=request_options"]
    if redirect:
        items.append("expected_redirect=True")
    return items
