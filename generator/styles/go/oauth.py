"""The OAuth2 token options of a Go client: what an oauth2 scheme with a token endpoint adds to ``client.go``.

The core plans the parts (``Credential.token_args``: client id and secret, user
name and password for the password grant, refresh token) and their environment
variables; here they become options grouped as the grants take them
(``WithClientCredentials(clientID, clientSecret)``, ``WithPassword(username,
password)``, ``WithRefreshToken(refreshToken)``), each setting the runtime's
``apicore.WithOAuth2Secret``, and the ``apicore.WithOAuth2Grants`` option ``New``
starts with. A token given as it is (the scheme's bearer option) wins over them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ...core.package import Credential, CredentialArg
from ...immutable import immutable
from . import naming
from .literals import gostr

GROUPS = (
    ("WithClientCredentials", ("client_id", "client_secret"), "asks the token endpoint for tokens of the application"),
    ("WithPassword", ("username", "password"), "asks the token endpoint for tokens of a user (password grant)"),
    ("WithRefreshToken", ("refresh_token",), "exchanges a refresh token for access tokens"),
)
"""The options, the parts each gives (by their names before casing) and what they do."""


@immutable
class TokenPart:
    part: str
    """The runtime's name of the part (``client_id``), as ``apicore.WithOAuth2Secret`` takes it."""
    arg: CredentialArg


@immutable
class TokenOptionVM:
    name: str
    params: str
    """The option's parameters (``clientID, clientSecret string``)."""
    parts: tuple[TokenPart, ...]
    doc: str


@immutable
class TokenPlanVM:
    scopes: str
    """The scopes the operations ask for, as a Go ``[]string`` (``nil``: none)."""
    grants: tuple[str, ...]
    """The ``apicore.OAuth2Grant`` literals of ``apicore.WithOAuth2Grants``, the option ``New`` starts with."""
    parts: tuple[TokenPart, ...]
    """Every part, with the environment variable ``New`` reads it from."""
    options: tuple[TokenOptionVM, ...]


def token_plan(credential: Credential) -> TokenPlanVM | None:
    """The token options of an oauth2 credential with a token plan, else None."""
    plan = credential.plan.oauth
    if plan is None:
        return None
    parts = tuple(TokenPart(part.base, arg) for part, arg in zip(plan.parts, credential.token_args, strict=True))
    by_part = {part.part: part for part in parts}
    grants = tuple(
        f"apicore.OAuth2Grant{{Grant: {gostr(g.grant)}, TokenURL: {gostr(g.token_url)}, "
        f"RefreshURL: {gostr(g.refresh_url)}}}"
        for g in plan.grants
    )
    scopes = "[]string{" + ", ".join(gostr(s) for s in plan.scopes) + "}" if plan.scopes else "nil"
    options = tuple(
        TokenOptionVM(
            name=name,
            params=", ".join(by_part[p].arg.name for p in wanted) + " string",
            parts=tuple(by_part[p] for p in wanted),
            doc=doc,
        )
        for name, wanted, doc in GROUPS
        if all(p in by_part for p in wanted)
    )
    return TokenPlanVM(scopes, grants, parts, options)


def unique_options(plans: Iterable[TokenPlanVM | None], taken: set[str]) -> list[TokenPlanVM | None]:
    """The plans with option names apart from each other and from ``taken`` (``WithPassword2`` for a second scheme)."""
    result: list[TokenPlanVM | None] = []
    for plan in plans:
        if plan is None:
            result.append(None)
            continue
        names = naming.unique((option.name for option in plan.options), taken)
        taken.update(names)
        options = tuple(replace(o, name=n) for o, n in zip(plan.options, names, strict=True))
        result.append(replace(plan, options=options))
    return result
