# Copied by generator 0.1.0 from templates/python/runtime/_auth.py. Do not edit.
"""Credentials, and attaching the right ones to a request from the operation's security requirements.

An operation's requirements are alternatives (any one will do), each a list
of scheme names that must all be present. Only the credentials of the chosen
alternative are sent, so an operation never receives a secret it did not ask
for. No credential type shows its secret in ``repr()`` or ``str()``. An
``OAuth2Tokens`` credential sends the token the client core asked it for just
before building the request (``oauth2_in_use``), passed in as ``fresh``: a token
that expires at once (``expires_in: 0``) is still sent with the call it was
fetched for.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

from ._errors import MissingCredentialsError
from ._oauth2 import OAuth2Tokens
from ._serialization import check_text, set_header


@dataclass(frozen=True, slots=True)
class ApiKey:
    """An API key sent as the header, query parameter or cookie called ``name``."""

    value: str
    name: str
    location: Literal["header", "query", "cookie"] = "header"

    def __repr__(self) -> str:
        return f"ApiKey(name={self.name!r}, location={self.location!r}, value=***)"


@dataclass(frozen=True, slots=True)
class BearerToken:
    """A token sent as ``Authorization: Bearer <token>``."""

    token: str

    def __repr__(self) -> str:
        return "BearerToken(token=***)"


@dataclass(frozen=True, slots=True)
class BasicAuth:
    """A user name and password sent as ``Authorization: Basic ...``."""

    username: str
    password: str

    def __repr__(self) -> str:
        return f"BasicAuth(username={self.username!r}, password=***)"


Credential: TypeAlias = ApiKey | BearerToken | BasicAuth | OAuth2Tokens
Credentials: TypeAlias = Mapping[str, Credential]
"""Credentials by the name of the security scheme they satisfy."""


def apply_security(
    headers: MutableMapping[str, str],
    params: list[tuple[str, str]],
    requirements: Sequence[Sequence[str]],
    credentials: Credentials,
    hints: Mapping[str, str] | None = None,
    fresh: Mapping[OAuth2Tokens, str] | None = None,
) -> None:
    """Add to ``headers`` and ``params`` the credentials of the first satisfiable alternative.

    An empty alternative makes authentication optional: it is used only when no
    other alternative can be satisfied. Raises MissingCredentialsError, naming
    what would do (with ``hints``), when no alternative can be. An OAuth2
    credential sends the token ``fresh`` holds for it (from ``oauth2_in_use``'s
    sources), else the one it has cached.
    """
    for name in _chosen(requirements, credentials, hints):
        _apply(headers, params, credentials[name], fresh or {})


def oauth2_in_use(requirements: Sequence[Sequence[str]], credentials: Credentials) -> list[OAuth2Tokens]:
    """The OAuth2 token sources of the alternative ``apply_security`` will send (none when it sends none)."""
    try:
        names = _chosen(requirements, credentials, None)
    except MissingCredentialsError:
        return []
    return [c for c in (credentials[name] for name in names) if isinstance(c, OAuth2Tokens)]


def _chosen(
    requirements: Sequence[Sequence[str]], credentials: Credentials, hints: Mapping[str, str] | None
) -> Sequence[str]:
    if not requirements:
        return ()
    chosen = next((group for group in requirements if group and all(name in credentials for name in group)), None)
    if chosen is None:
        if any(not group for group in requirements):
            return ()
        raise MissingCredentialsError(requirements, hints)
    return chosen


def credential_from_env(variable: str) -> str | None:
    """The value of environment ``variable`` without surrounding blanks, or None if it is unset or blank."""
    value = os.environ.get(variable, "").strip()
    return value or None


def _apply(
    headers: MutableMapping[str, str],
    params: list[tuple[str, str]],
    credential: Credential,
    fresh: Mapping[OAuth2Tokens, str],
) -> None:
    if isinstance(credential, BearerToken):
        headers["Authorization"] = f"Bearer {credential.token}"
    elif isinstance(credential, OAuth2Tokens):
        token = fresh.get(credential) or credential.current
        if token is not None:  # asked for by the client core just before; else the API answers 401
            headers["Authorization"] = f"Bearer {token}"
    elif isinstance(credential, BasicAuth):
        check_text("Authorization", f"{credential.username}:{credential.password}")
        pair = f"{credential.username}:{credential.password}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    elif credential.location == "header":
        set_header(headers, credential.name, credential.value)
    elif credential.location == "query":
        params.append((credential.name, credential.value))
    else:
        cookie = f"{credential.name}={credential.value}"
        headers["Cookie"] = f"{headers['Cookie']}; {cookie}" if "Cookie" in headers else cookie
