"""The Go client's server variables: the URL template, each variable as a Go literal, and their doc lines.

The client takes them through one option, ``WithServerVariable(name, value)``, by the
variable's name in the URL template, and ``New`` checks them (``apicore.ServerURL``).
One option rather than one generated ``With<Variable>`` each: the names are the spec's
own text, which after Go's casing may collide with the client's other options or with
each other, and typed constants for an enum's values would not keep out an untyped
string constant, so the enum is checked at ``New`` either way.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...core.package import ServerArgVM
from ...core.servers import ServerPlan
from ...core.text import comment
from ...immutable import immutable
from .literals import gostr


@immutable
class ServerVariableGo:
    entry: str
    """The ``apicore.ServerVariable`` composite literal's fields (``Name: "region", Default: "us", ...``)."""
    doc: str
    """Its line in ``WithServerVariable``'s doc comment, safe after ``//``."""


@immutable
class ServerOptionsVM:
    template: str
    """The URL template as a Go string literal."""
    template_doc: str
    """The same, safe after ``//``."""
    variables: tuple[ServerVariableGo, ...]
    example: str
    """A call of the option with the first variable and its default (``WithServerVariable("region", "us")``)."""


def server_options(server: ServerPlan, args: Sequence[ServerArgVM]) -> ServerOptionsVM | None:
    """The client's server variables (``args`` describe ``server.variables``), or None when its URL has none."""
    if not args:
        return None
    variables: list[ServerVariableGo] = []
    for arg, variable in zip(args, server.variables, strict=True):
        enum = ", ".join(gostr(value) for value in variable.enum)
        entry = f"Name: {gostr(arg.key)}, Default: {gostr(arg.default_text)}"
        doc = f"{arg.key}: {arg.description}"
        if enum:
            entry += f", Enum: []string{{{enum}}}"
            doc += f" One of {enum};"
        variables.append(ServerVariableGo(entry=entry, doc=comment(f"{doc} {gostr(arg.default_text)} by default.")))
    template = server.template
    first = server.variables[0]
    return ServerOptionsVM(
        template=gostr(template),
        template_doc=comment(template),
        variables=tuple(variables),
        example=f"WithServerVariable({gostr(first.key)}, {gostr(first.default)})",
    )
