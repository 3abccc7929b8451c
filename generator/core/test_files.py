"""One file of a generated test suite: a resource's tests, each a row of one of the file's tables or a test of its own.

A table holds the tests that differ only in their data (requests, decoded answers, refusals), so a
file states each case in a line and runs all of them with one function; the helpers' tests stand alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

FORK_OPERATIONS = 20
"""From this many operations, a style renders its test suite in a second process (``generator.forked``)
while the first renders the package: the suite is as big as the package."""


class Row(Protocol):
    @property
    def table(self) -> str:
        """The constant of the table the test is a row of; empty for a test of its own."""
        ...


TestT = TypeVar("TestT", bound=Row)


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class TableRows(Generic[TestT]):
    """Rows of one table under one constant of a test file, tested by one call of the table's function."""

    constant: str
    tests: tuple[TestT, ...]
