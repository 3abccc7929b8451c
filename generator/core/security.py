"""Which security schemes a client sends together for an operation, decided once for every style.

A Security Requirement Object names schemes that all apply to one request; an
operation lists such requirements as alternatives. Two schemes of one requirement
can write the same place (two ``oauth2`` schemes that differ only in their flows
both write ``Authorization: Bearer``; two API keys in the header ``X-Key``): a
request has one such place, so the client writes it once, from the first of those
schemes (in the requirement's order) it has a credential for. Any one of them
satisfies that place; the requirement's other places still need theirs.

The runtimes take alternatives as lists of scheme names and send the first one
whose every scheme has a credential. So each requirement becomes one alternative
per choice of a scheme for each shared place, in the requirement's order (the
first scheme of every place first): the first alternative a client can satisfy is
the one that writes each place from its first configured scheme, and the runtimes
need no rule of their own. A requirement whose choices multiply past
``MAX_ALTERNATIVES`` keeps only the first scheme of each shared place.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..diagnostics import Diagnostics
from ..ir import Api, Operation, SecurityRequirement, SecurityScheme

MAX_ALTERNATIVES = 64
"""The most alternatives one requirement becomes; past it, each shared place is written by its first scheme only."""

Place = tuple[str, str]
"""Where a scheme writes its credential: (``header``, lower-case name), (``query``, name) or (``cookie``, name)."""


def credential_place(scheme: SecurityScheme) -> Place | None:
    """Where ``scheme`` writes its credential; None for mutual TLS, which writes nothing into the request."""
    if scheme.kind == "apiKey" and scheme.parameter_name:
        if scheme.location == "header":
            return ("header", scheme.parameter_name.lower())
        return (scheme.location or "header", scheme.parameter_name)
    if scheme.kind == "mutualTLS":
        return None
    return ("header", "authorization")


def place_label(scheme: SecurityScheme) -> str:
    """The place ``scheme`` writes, for a message: ``the Authorization header``, ``the query parameter 'key'``."""
    place = credential_place(scheme)
    if place is None:
        return "no place"
    if place == ("header", "authorization"):
        return "the Authorization header"
    kind = {"header": "header", "query": "query parameter", "cookie": "cookie"}[place[0]]
    return f"the {kind} {scheme.parameter_name!r}"


@dataclass(frozen=True, slots=True)
class SharedPlace:
    """Schemes one requirement names that write the same place, in the requirement's order."""

    schemes: tuple[str, ...]
    label: str
    """The place, as a message names it."""
    narrowed: bool
    """True when the requirement had too many combinations: only the first scheme is sent."""


class SecurityPlan:
    """The alternatives each operation's requirements become, for one API."""

    def __init__(self, schemes: Iterable[SecurityScheme]) -> None:
        self.schemes = {scheme.name: scheme for scheme in schemes}

    def alternatives(self, op: Operation) -> list[list[str]]:
        """The scheme names a client sends together, one list per alternative, in the order it tries them."""
        found: list[list[str]] = []
        seen: set[tuple[str, ...]] = set()
        for requirement in op.security:
            for names in self._expanded(requirement):
                if tuple(names) not in seen:
                    seen.add(tuple(names))
                    found.append(names)
        return found

    def shared_places(self, requirement: SecurityRequirement) -> list[SharedPlace]:
        """The places more than one of the requirement's schemes write."""
        groups = self._groups(requirement)
        narrowed = _combinations(groups) > MAX_ALTERNATIVES
        return [
            SharedPlace(tuple(group), place_label(self.schemes[group[0]]), narrowed)
            for group in groups
            if len(group) > 1
        ]

    def _groups(self, requirement: SecurityRequirement) -> list[list[str]]:
        """The requirement's schemes grouped by the place they write, groups in order of their first scheme."""
        groups: dict[object, list[str]] = {}
        for name, _ in requirement.schemes:
            scheme = self.schemes.get(name)
            place = credential_place(scheme) if scheme is not None else None
            groups.setdefault(place if place is not None else ("scheme", name), []).append(name)
        return list(groups.values())

    def _expanded(self, requirement: SecurityRequirement) -> list[list[str]]:
        names = [name for name, _ in requirement.schemes]
        groups = self._groups(requirement)
        if all(len(group) == 1 for group in groups):
            return [names]
        if _combinations(groups) > MAX_ALTERNATIVES:
            groups = [group[:1] for group in groups]
        return [[name for name in names if name in chosen] for chosen in itertools.product(*groups)]


def _combinations(groups: list[list[str]]) -> int:
    return math.prod(len(group) for group in groups)


def security_plan(api: Api) -> SecurityPlan:
    """The plan for ``api``'s operations."""
    return SecurityPlan(api.security_schemes)


def warn_shared_places(api: Api, diagnostics: Diagnostics) -> None:
    """One W017 per set of schemes some requirement names together that write the same place, at the second scheme."""
    plan = security_plan(api)
    warned: set[tuple[str, ...]] = set()
    for op in api.operations:
        for requirement in op.security:
            for shared in plan.shared_places(requirement):
                if shared.schemes in warned:
                    continue
                warned.add(shared.schemes)
                quoted = [repr(name) for name in shared.schemes]
                listed = ", ".join(quoted[:-1]) + " and " + quoted[-1]
                both = "both" if len(quoted) == 2 else "all"
                sent = (
                    f"past {MAX_ALTERNATIVES} combinations in one requirement, a client sends it only from "
                    f"{quoted[0]}"
                    if shared.narrowed
                    else "a client sends it once, from the first of them it has a credential for"
                )
                diagnostics.warning(
                    "W017",
                    f"security schemes {listed} are required together but {both} write {shared.label}: {sent}",
                    plan.schemes[shared.schemes[1]].origin,
                )
