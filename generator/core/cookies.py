"""Cookie parameters, decided once for every style: which are sent, under which name, written how.

Every runtime sends an operation's cookie parameters in one ``Cookie`` header
(``name=value`` pairs joined by ``"; "``, in the spec's order, unset ones left out),
followed by a cookie-located API key. A value is written as a header value is
(booleans in lower case, dates as ISO text), an array as its items joined by ``,``
(OpenAPI's ``form`` style without explode); then every character that is no
RFC 6265 ``cookie-octet``, and ``%`` itself, is percent-encoded as UTF-8. A name
must be an RFC 6265 token: a parameter named otherwise cannot be sent and is left
out of the clients, with a located warning. So is a header parameter whose name is
no RFC 9110 token (the same characters: rapidapi's ``ADVICEment API Key``), which
every HTTP library refuses to write.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from ..diagnostics import Diagnostics
from ..ir import Api, Operation, Parameter

COOKIE_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '",;\\%')
"""RFC 6265 ``cookie-octet``s, except ``%``: written as they are."""
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""An RFC 9110 (and RFC 6265) token: what a header's or a cookie's name must be."""


def token(name: str) -> bool:
    """Whether ``name`` can name a header or a cookie."""
    return _TOKEN.fullmatch(name) is not None


def sendable(param: Parameter) -> bool:
    """Whether a client can send ``param``: any but a cookie or header whose name is no token."""
    return param.location not in ("cookie", "header") or token(param.name)


def client_parameters(op: Operation) -> list[Parameter]:
    """The parameters of ``op`` a client takes, in the spec's order."""
    return [param for param in op.parameters if sendable(param)]


def warn_unsendable(api: Api, diagnostics: Diagnostics) -> None:
    """A located warning for each cookie or header parameter no client can send."""
    for op in api.operations:
        for param in op.parameters:
            if not sendable(param):
                rfc = "RFC 6265" if param.location == "cookie" else "RFC 9110"
                diagnostics.warning(
                    "W012",
                    f"{param.location} parameter {param.name!r} is not an {rfc} token; the clients do not send it",
                    param.origin,
                )


def cookie_value(value: Any, text: Callable[[Any], str]) -> str:
    """One parameter's value on the wire; ``text`` writes a scalar as the style's runtime does."""
    if isinstance(value, list):
        raw = ",".join(text(item) for item in value)
    elif isinstance(value, dict):
        raw = ",".join(f"{text(key)},{text(item)}" for key, item in value.items())
    else:
        raw = text(value)
    return quote(raw, safe=COOKIE_SAFE)


def cookie_header(pairs: Sequence[tuple[str, Any]], text: Callable[[Any], str]) -> str | None:
    """The ``Cookie`` header for (name, value) pairs, None values left out; None when nothing is sent."""
    sent = [f"{name}={cookie_value(value, text)}" for name, value in pairs if value is not None]
    return "; ".join(sent) or None
