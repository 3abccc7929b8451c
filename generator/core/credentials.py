"""Which credentials a client takes, decided once for every style from the API's security schemes.

A style turns each plan into its own names (``api_key`` or ``apiKey``) and the
expression that builds the runtime credential; what the parts are, what they
are called before casing (``x-credential-names`` first), and which schemes get
none (a located W001) is the same in every language.

An ``oauth2`` scheme whose flows name a token endpoint also gets a token plan
(``OAuthPlan``): the grants the client can run itself (client credentials,
the resource-owner password grant, a refresh token), where to ask, and the
parts they take (client id and secret, user name and password, refresh token).
The static token part stays: a token given is sent as it is.
"""

from __future__ import annotations

import base64
from typing import Literal

from ..diagnostics import Diagnostics
from ..immutable import immutable
from ..ir import Api, OAuthFlow, SecurityScheme
from .cookies import token as is_token
from .security import warn_shared_places

GRANTS = {"clientCredentials": "client_credentials", "password": "password", "authorizationCode": "refresh_token"}
"""The grant a client runs for each flow (an authorization code is the user's to get: only its refresh token)."""


@immutable
class CredentialPart:
    base: str
    """The argument's name before a style cases it (``api_key``, ``username``, or the spec's own name)."""
    description: str


@immutable
class CredentialPlan:
    scheme: SecurityScheme
    kind: Literal["apiKey", "basic", "bearer"]
    parts: tuple[CredentialPart, ...]
    """One part for an API key or a token; user name and password for basic auth."""
    oauth: OAuthPlan | None = None
    """For an oauth2 scheme with a token endpoint: how the client gets tokens itself."""


@immutable
class OAuthGrant:
    grant: Literal["client_credentials", "password", "refresh_token"]
    token_url: str
    refresh_url: str
    """Where a refresh token is exchanged (the flow's ``refreshUrl``, else its token URL)."""


@immutable
class OAuthPlan:
    grants: tuple[OAuthGrant, ...]
    scopes: tuple[str, ...]
    """The scopes the operations ask of this scheme, sorted; asked for with every token."""
    parts: tuple[CredentialPart, ...]
    """Client id and secret, user name and password (password grant only), refresh token."""


def credential_plans(api: Api, diagnostics: Diagnostics, *, otherwise: str) -> list[CredentialPlan]:
    """A plan per security scheme some operation uses; ``otherwise`` ends the warning for one that gets none.

    Schemes a requirement names together that write the same place are warned about here (W017).
    """
    warn_shared_places(api, diagnostics)
    used = {name for op in api.operations for req in op.security for name, _ in req.schemes}
    scopes_of: dict[str, set[str]] = {}  # each scheme's scopes, gathered once for them all
    for op in api.operations:
        for req in op.security:
            for name, listed in req.schemes:
                scopes_of.setdefault(name, set()).update(listed)
    schemes = [s for s in api.security_schemes if s.name in used]
    api_keys = [s for s in schemes if s.kind == "apiKey"]
    plans: list[CredentialPlan] = []
    for scheme in schemes:
        if (
            scheme.kind == "apiKey"
            and scheme.location != "query"
            and scheme.parameter_name
            and not is_token(scheme.parameter_name)
        ):
            where = "cookie" if scheme.location == "cookie" else "header"
            diagnostics.warning(
                "W001",
                f"security scheme {scheme.name!r} names the {where} {scheme.parameter_name!r}, which is no token a "
                f"request can carry; {otherwise}",
                scheme.origin,
            )
        elif scheme.kind == "apiKey":
            default = "api_key" if len(api_keys) == 1 else scheme.name
            part = CredentialPart(_named(scheme, 0, default), scheme.description or "API key")
            plans.append(CredentialPlan(scheme, "apiKey", (part,)))
        elif scheme.kind == "http" and scheme.http_scheme == "basic":
            user = CredentialPart(_named(scheme, 0, "username"), "user name for HTTP basic auth")
            password = CredentialPart(_named(scheme, 1, "password"), "password for HTTP basic auth")
            plans.append(CredentialPlan(scheme, "basic", (user, password)))
        elif scheme.kind in ("oauth2", "openIdConnect") or (scheme.kind == "http" and scheme.http_scheme == "bearer"):
            token = CredentialPart(_named(scheme, 0, "access_token"), scheme.description or "bearer token")
            scopes = sorted(scopes_of.get(scheme.name, ()))
            plans.append(CredentialPlan(scheme, "bearer", (token,), oauth_plan(scheme.flows, tuple(scopes))))
        else:
            diagnostics.warning(
                "W001",
                f"security scheme {scheme.name!r} ({scheme.kind}) has no generated credential; {otherwise}",
                scheme.origin,
            )
    return plans


def oauth_plan(flows: tuple[OAuthFlow, ...], scopes: tuple[str, ...]) -> OAuthPlan | None:
    """The grants a client can run for these flows and the parts they take; None when no flow has a token URL."""
    grants = tuple(
        OAuthGrant(GRANTS[flow.kind], flow.token_url, flow.refresh_url or flow.token_url)  # type: ignore[arg-type]
        for flow in flows
        if flow.token_url and flow.kind in GRANTS
    )
    if not grants:
        return None
    kinds = {grant.grant for grant in grants}
    parts = [
        CredentialPart("client_id", "OAuth2 client id (with the secret: asks the token endpoint for tokens)"),
        CredentialPart("client_secret", "OAuth2 client secret"),
    ]
    if "password" in kinds:
        parts.append(CredentialPart("username", "user name for the OAuth2 password grant"))
        parts.append(CredentialPart("password", "password for the OAuth2 password grant"))
    parts.append(CredentialPart("refresh_token", "OAuth2 refresh token, exchanged for access tokens"))
    return OAuthPlan(grants, scopes, tuple(parts))


def _named(scheme: SecurityScheme, index: int, default: str) -> str:
    """The spec's name for a credential (``x-credential-names``), else the usual one."""
    return scheme.credential_names[index] if len(scheme.credential_names) > index else default


def sent_by(scheme: SecurityScheme, secrets: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The headers and query pairs a client sends for ``scheme`` given its credential's values (generated tests)."""
    headers: list[tuple[str, str]] = []
    query: list[tuple[str, str]] = []
    if scheme.kind == "apiKey" and scheme.parameter_name:
        if scheme.location == "query":
            query.append((scheme.parameter_name, secrets[0]))
        elif scheme.location == "cookie":
            headers.append(("Cookie", f"{scheme.parameter_name}={secrets[0]}"))
        else:
            headers.append((scheme.parameter_name, secrets[0]))
    elif scheme.kind == "http" and scheme.http_scheme == "basic":
        pair = ":".join(secrets).encode()
        headers.append(("Authorization", "Basic " + base64.b64encode(pair).decode("ascii")))
    else:
        headers.append(("Authorization", f"Bearer {secrets[0]}"))
    return headers, query
