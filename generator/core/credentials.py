"""Which credentials a client takes, decided once for every style from the API's security schemes.

A style turns each plan into its own names (``api_key`` or ``apiKey``) and the
expression that builds the runtime credential; what the parts are, what they
are called before casing (``x-credential-names`` first), and which schemes get
none (a located W001) is the same in every language.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Literal

from ..diagnostics import Diagnostics
from ..ir import Api, SecurityScheme


@dataclass(frozen=True, slots=True)
class CredentialPart:
    base: str
    """The argument's name before a style cases it (``api_key``, ``username``, or the spec's own name)."""
    description: str


@dataclass(frozen=True, slots=True)
class CredentialPlan:
    scheme: SecurityScheme
    kind: Literal["apiKey", "basic", "bearer"]
    parts: tuple[CredentialPart, ...]
    """One part for an API key or a token; user name and password for basic auth."""


def credential_plans(api: Api, diagnostics: Diagnostics, *, otherwise: str) -> list[CredentialPlan]:
    """A plan per security scheme some operation uses; ``otherwise`` ends the warning for one that gets none."""
    used = {name for op in api.operations for req in op.security for name, _ in req.schemes}
    schemes = [s for s in api.security_schemes if s.name in used]
    api_keys = [s for s in schemes if s.kind == "apiKey"]
    plans: list[CredentialPlan] = []
    for scheme in schemes:
        if scheme.kind == "apiKey":
            default = "api_key" if len(api_keys) == 1 else scheme.name
            part = CredentialPart(_named(scheme, 0, default), scheme.description or "API key")
            plans.append(CredentialPlan(scheme, "apiKey", (part,)))
        elif scheme.kind == "http" and scheme.http_scheme == "basic":
            user = CredentialPart(_named(scheme, 0, "username"), "user name for HTTP basic auth")
            password = CredentialPart(_named(scheme, 1, "password"), "password for HTTP basic auth")
            plans.append(CredentialPlan(scheme, "basic", (user, password)))
        elif scheme.kind in ("oauth2", "openIdConnect") or (scheme.kind == "http" and scheme.http_scheme == "bearer"):
            token = CredentialPart(_named(scheme, 0, "access_token"), scheme.description or "bearer token")
            plans.append(CredentialPlan(scheme, "bearer", (token,)))
        else:
            diagnostics.warning(
                "W001",
                f"security scheme {scheme.name!r} ({scheme.kind}) has no generated credential; {otherwise}",
                scheme.origin,
            )
    return plans


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
