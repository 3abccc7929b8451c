"""The credentials of every style's generated tests: the value each credential argument gets, and what it sends.

A style names its client's credential arguments (``api_key``, ``apiKey``); the value
a test gives each one (``test-api-key`` for both), and the headers and query pairs
each security scheme then sends, are decided here once, so every style's tests
expect the same secrets on the wire.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from ..immutable import immutable
from ..ir import Api, Operation
from .credentials import sent_by
from .security import SecurityPlan, security_plan

SECRET_PREFIX = "test-"
"""What every test credential starts with."""
_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def test_secret(argument: str) -> str:
    """The value a generated test gives the credential argument ``argument``: ``api_key`` and ``apiKey`` give
    ``test-api-key``."""
    return SECRET_PREFIX + _WORD_START.sub("-", argument).replace("_", "-").lower()


@immutable
class TestCredentials:
    """The tests' credential arguments, and what each security scheme sends once the client has them."""

    arguments: tuple[tuple[str, str], ...]
    """(argument, value), in the order the client takes them."""
    headers: dict[str, list[tuple[str, str]]]
    """Security scheme -> the headers it sends."""
    query: dict[str, list[tuple[str, str]]]
    """Security scheme -> the query pairs it sends."""
    plan: SecurityPlan
    """The alternatives the client tries for each operation."""

    def chosen(self, op: Operation) -> list[str] | None:
        """The schemes the runtime uses for ``op`` (the first alternative it can satisfy); None: it cannot call it."""
        alternatives = self.plan.alternatives(op)
        if not alternatives:
            return []
        for names in alternatives:
            if names and all(n in self.headers for n in names):
                return names
        return [] if any(not names for names in alternatives) else None

    def can_call(self, op: Operation) -> bool:
        """Whether the tests' client can call ``op`` at all: False when no alternative of its security is one the
        client holds a credential for (mutual TLS, OpenID Connect, a scheme with no generated credential), so every
        call is refused before sending and ``op`` gets no generated exchange test in any style."""
        return self.chosen(op) is not None

    def sent_by(self, schemes: Sequence[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """The headers and query pairs ``schemes`` send together."""
        headers = [pair for name in schemes for pair in self.headers.get(name, [])]
        query = [pair for name in schemes for pair in self.query.get(name, [])]
        return headers, query

    @property
    def header_names(self) -> list[str]:
        """Every header that carries a credential, sorted, as sent."""
        return sorted({name for pairs in self.headers.values() for name, _ in pairs})

    @property
    def query_names(self) -> list[str]:
        """Every query parameter that carries a credential, sorted."""
        return sorted({name for pairs in self.query.values() for name, _ in pairs})


def test_credentials(
    api: Api, credentials: Iterable[tuple[str, Sequence[str]]], *, secret: Callable[[str], str] = test_secret
) -> TestCredentials:
    """The tests' credentials for the client's ``credentials``: (security scheme, its arguments' names); ``secret``
    gives an argument's value."""
    schemes = {s.name: s for s in api.security_schemes}
    arguments: list[tuple[str, str]] = []
    headers: dict[str, list[tuple[str, str]]] = {}
    query: dict[str, list[tuple[str, str]]] = {}
    for scheme, names in credentials:
        values = [(name, secret(name)) for name in names]
        arguments.extend(values)
        headers[scheme], query[scheme] = sent_by(schemes[scheme], [value for _, value in values])
    return TestCredentials(tuple(arguments), headers, query, security_plan(api))
