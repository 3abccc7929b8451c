"""The flows of an ``oauth2`` security scheme, read from OpenAPI 3 (``flows``) or Swagger 2.0 (``flow``).

The IR keeps them in OpenAPI 3's words, so a Swagger 2.0 ``application`` flow is
a ``clientCredentials`` one and ``accessCode`` an ``authorizationCode`` one. The
validator has checked the shapes; a field of the wrong type is read as absent.
"""

from __future__ import annotations

from typing import get_args

from ..ir import OAuthFlow, OAuthFlowKind
from .context import Node, text

FLOW_KINDS: tuple[OAuthFlowKind, ...] = get_args(OAuthFlowKind)
"""OpenAPI 3's flows, in the order a document lists them."""

SWAGGER2_FLOWS: dict[str, OAuthFlowKind] = {
    "application": "clientCredentials",
    "password": "password",
    "accessCode": "authorizationCode",
    "implicit": "implicit",
}


def openapi3_flows(scheme: Node) -> tuple[OAuthFlow, ...]:
    """The flows of an OpenAPI 3 ``oauth2`` scheme, in OpenAPI 3's order of kinds."""
    flows = scheme.get("flows")
    if flows is None:
        return ()
    found: list[OAuthFlow] = []
    for kind in FLOW_KINDS:
        node = flows.get(kind)
        if node is not None and isinstance(node.value, dict):
            found.append(_flow(kind, node))
    return tuple(found)


def swagger2_flows(scheme: Node) -> tuple[OAuthFlow, ...]:
    """The one flow of a Swagger 2.0 ``oauth2`` definition (none if ``flow`` is missing or unknown)."""
    kind = SWAGGER2_FLOWS.get(text(scheme.get("flow")) or "")
    return (_flow(kind, scheme),) if kind is not None else ()


def _flow(kind: OAuthFlowKind, node: Node) -> OAuthFlow:
    scopes = node.get("scopes")
    pairs = tuple((name, text(value) or "") for name, value in (scopes.items() if scopes is not None else []))
    return OAuthFlow(
        kind=kind,
        token_url=text(node.get("tokenUrl")) if kind != "implicit" else None,
        refresh_url=text(node.get("refreshUrl")),
        authorization_url=text(node.get("authorizationUrl")) if kind in ("implicit", "authorizationCode") else None,
        scopes=pairs,
    )
