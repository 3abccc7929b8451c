"""The client's address, decided once for both styles: a URL template, its variables, or none at all.

The first absolute server of the API (``https://{region}.example.com:{port}/v1``)
becomes the default; each of its variables becomes a constructor argument of the
client (with the spec's default, and its enum as the argument's type), substituted
into the template, percent-encoded, before the first request. A provider's
``base_url`` replaces the servers. With no absolute URL (no servers, ``/v1``, a
Swagger 2.0 document without ``host``) there is no default: the client needs
``base_url``, which then becomes a required argument, and generating says so once.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostics
from ..immutable import immutable
from ..ir import Api, Server

_ABSOLUTE = re.compile(r"^https?://[^/?#{}]+(?:[/?#]|$)", re.IGNORECASE)
_VARIABLE = re.compile(r"\{([^{}]*)\}")


@immutable
class ServerVariableVM:
    key: str
    """The name in the URL template (``{region}``)."""
    default: str
    enum: tuple[str, ...]
    description: str | None


@immutable
class ServerPlan:
    template: str
    """The default URL with its ``{variables}``; empty when there is no absolute URL."""
    variables: tuple[ServerVariableVM, ...]

    @property
    def required(self) -> bool:
        """Whether the client cannot be built without ``base_url``."""
        return not self.template


def server_plan(api: Api, base_url: str | None, diagnostics: Diagnostics) -> ServerPlan:
    if base_url:
        return ServerPlan(template=base_url, variables=())
    for server in api.servers:
        if _ABSOLUTE.match(_with_defaults(server)):
            return _plan(server)
    where = api.servers[0].origin if api.servers else api.origin
    diagnostics.warning("W005", "no absolute server URL: the client needs base_url", where)
    return ServerPlan(template="", variables=())


def _with_defaults(server: Server) -> str:
    defaults = {v.name: v.default for v in server.variables}
    return _VARIABLE.sub(lambda m: defaults.get(m.group(1), m.group(0)), server.url)


def _plan(server: Server) -> ServerPlan:
    used = set(_VARIABLE.findall(server.url))
    variables = tuple(
        ServerVariableVM(key=v.name, default=v.default, enum=v.enum, description=v.description)
        for v in server.variables
        if v.name in used
    )
    return ServerPlan(template=server.url, variables=variables)
