"""One file of a generated test suite: a resource's tests, each a row of one of the file's tables or a test of its own.

A table holds the tests that differ only in their data (requests, decoded answers, refusals), so a
file states each case in a line and runs all of them with one function; the helpers' tests stand alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from .. import forked
from ..immutable import immutable
from ..ir import Api
from .naming import claim, constant

MadeT = TypeVar("MadeT")
INLINE_LIMIT = 120
"""A literal of a test file this long or shorter is written where it is used; a longer one is a constant of the file
(``SharedLiterals``)."""
FORK_OPERATIONS = 20
"""From this many operations, a style renders its test suite in a second process (``generator.forked``)
while the first renders the package: the suite is as big as the package."""


def suite_modules(api: Api, operations: Sequence[int], make: Callable[[int], MadeT]) -> forked.Shared[MadeT]:
    """A test suite's modules, one per resource (``operations``: each one's count of operations), each
    ``make(index)``: from ``FORK_OPERATIONS`` operations, shared with a forked child that starts at once,
    the biggest first, so the last ones taken are small; this process takes the next one when it calls
    ``help`` or ``results``."""
    order = sorted(range(len(operations)), key=lambda index: -operations[index])
    return forked.Shared(len(operations), order, make, worth_it=len(api.operations) >= FORK_OPERATIONS)


class Row(Protocol):
    @property
    def table(self) -> str:
        """The constant of the table the test is a row of; empty for a test of its own."""
        ...


TestT = TypeVar("TestT", bound=Row)


@immutable
class SuiteFile(Generic[TestT]):
    path: str
    resource: str
    tests: tuple[TestT, ...]

    def rows(self, table: str) -> tuple[TestT, ...]:
        """The tests that are rows of ``table``, in order."""
        return tuple(t for t in self.tests if t.table == table)

    @property
    def own_tests(self) -> tuple[TestT, ...]:
        """The tests that are no table's row (helpers: downloads, waits, pages, jobs)."""
        return tuple(t for t in self.tests if not t.table)


@immutable
class TableRows(Generic[TestT]):
    """Rows of one table under one constant of a test file, tested by one call of the table's function."""

    constant: str
    tests: tuple[TestT, ...]


@dataclass(slots=True)
class SharedLiterals:
    """Long literals of one test file, each written once as a constant of the file and used by its name: a big
    API's tests answer with and send the same bodies in several tests of an operation, and in several operations.
    """

    taken: set[str]
    """The names the constants must not take: the file's template's and those given so far (a set shared by the
    files of one scope)."""
    limit: int = INLINE_LIMIT
    """A literal this long or shorter is written where it is used."""
    spell: Callable[[str], str] = constant
    """A constant's name in the file's language, from its description (``insert_200_json``)."""
    joint: str = "_"
    """What goes between a name and its number when the name is taken (``claim``)."""
    items: list[tuple[str, str]] = field(default_factory=list)
    """(name, code), in the order first used."""
    names: dict[str, str] = field(default_factory=dict)
    """code -> name."""

    def share(self, base: str, code: str) -> str:
        """A name for ``code`` (made of ``base`` when it is new), or ``code`` itself when it is short."""
        if len(code) <= self.limit:
            return code
        if code not in self.names:
            name = claim(self.spell(base), self.taken, joint=self.joint)
            self.names[code] = name
            self.items.append((name, code))
        return self.names[code]
