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
need no rule of their own. An operation whose choices would add more than
``MAX_ALTERNATIVES`` alternatives (places that multiply, requirements that add up)
sends each shared place from its first scheme only.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

from ..diagnostics import Diagnostics
from ..immutable import immutable
from ..ir import Api, Operation, SecurityRequirement, SecurityScheme

MAX_ALTERNATIVES = 64
"""The most alternatives the choices add to one operation's; past it, each shared place has its first scheme only."""

NAMED_IN_WARNING = 3
"""How many schemes a W017 names; past that, the rest are counted."""

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


@immutable
class SharedPlace:
    """Schemes one requirement names that write the same place, in the requirement's order."""

    schemes: tuple[str, ...]
    label: str
    """The place, as a message names it."""
    narrowed: bool
    """True when the operation's choices were too many: only the first scheme is sent."""


class SecurityPlan:
    """The alternatives each operation's requirements become, for one API."""

    def __init__(self, schemes: Iterable[SecurityScheme]) -> None:
        self.schemes = {scheme.name: scheme for scheme in schemes}
        self._alternatives: dict[tuple[SecurityRequirement, ...], list[tuple[str, ...]]] = {}

    def alternatives(self, op: Operation) -> list[list[str]]:
        """The scheme names a client sends together, one list per alternative, in the order it tries them."""
        found = self._alternatives.get(op.security)
        if found is None:
            found = self._alternatives[op.security] = self._expanded(op.security)
        return [list(names) for names in found]

    def shared_places(self, op: Operation) -> list[SharedPlace]:
        """The places more than one scheme of one of ``op``'s requirements writes, requirement by requirement."""
        narrowed = self._narrowed(op.security)
        return [
            SharedPlace(tuple(group), place_label(self.schemes[group[0]]), narrowed)
            for requirement in op.security
            for group in self._groups(requirement)
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

    def _narrowed(self, security: tuple[SecurityRequirement, ...]) -> bool:
        """Whether the choices would add more than ``MAX_ALTERNATIVES`` alternatives to the operation's."""
        added = 0
        for requirement in security:
            added += math.prod(len(group) for group in self._groups(requirement)) - 1
            if added > MAX_ALTERNATIVES:
                return True
        return False

    def _expanded(self, security: tuple[SecurityRequirement, ...]) -> list[tuple[str, ...]]:
        narrowed = self._narrowed(security)
        found: dict[tuple[str, ...], None] = {}  # in order, each alternative once
        for requirement in security:
            names = [name for name, _ in requirement.schemes]
            groups = self._groups(requirement)
            if narrowed:
                groups = [group[:1] for group in groups]
            for chosen in itertools.product(*groups):
                picked = set(chosen)  # a set: a requirement may name thousands of schemes
                found.setdefault(tuple(name for name in names if name in picked), None)
        return list(found)


def security_plan(api: Api) -> SecurityPlan:
    """The plan for ``api``'s operations."""
    return SecurityPlan(api.security_schemes)


def warn_shared_places(api: Api, diagnostics: Diagnostics) -> None:
    """One W017 per set of schemes some requirement names together that write the same place, at the second scheme."""
    plan = security_plan(api)
    warned: set[tuple[tuple[str, ...], bool]] = set()
    for op in api.operations:
        for shared in plan.shared_places(op):
            if (shared.schemes, shared.narrowed) in warned:
                continue
            warned.add((shared.schemes, shared.narrowed))
            quoted = [repr(name) for name in shared.schemes]
            if len(quoted) > NAMED_IN_WARNING:  # a finding stays one short line, whatever the document holds
                quoted = [*quoted[: NAMED_IN_WARNING - 1], f"{len(quoted) - NAMED_IN_WARNING + 1:,} more"]
            listed = ", ".join(quoted[:-1]) + " and " + quoted[-1]
            both = "both" if len(quoted) == 2 else "all"
            sent = (
                f"an operation's choices would add over {MAX_ALTERNATIVES} alternatives, so a client sends it only "
                f"from {quoted[0]}"
                if shared.narrowed
                else "a client sends it once, from the first of them it has a credential for"
            )
            diagnostics.warning(
                "W017",
                f"security schemes {listed} are required together but {both} write {shared.label}: {sent}",
                plan.schemes[shared.schemes[1]].origin,
            )
