"""View-models for the generated test suite: offline ``node --test`` files, one per resource.

Each test is decided here down to its statements; ``templates/typescript/tests`` prints
them. Every request goes to an injected ``fetch`` that records it, so nothing touches the
network. What is tested, for each operation: the request (method, percent-encoded path,
query, headers, credentials, body), the documented success response decoded, each
documented error status thrown as its class, each forbidden argument refused before
sending; then the download, wait, page and job helpers.
"""

from __future__ import annotations

import contextlib

from ...core.operations import success_schema
from ...core.style import RenderedFile
from ...core.templating import Templates
from ...core.test_credentials import TestCredentials, test_credentials
from ...core.test_files import SharedLiterals, SuiteFile, TableRows
from ...immutable import immutable
from ...ir import Api
from ...value_limits import ValueTooLargeError
from .escaping import render
from .operations import ResourceVM
from .package import PackageVM
from .stub_cases import BASE_PATH, SUPPORT_CONSTANTS, TABLES, Spelled, TsTest
from .stub_helpers import HelperTests
from .types import ts_literal

TABLE_ROWS = 250
"""The most rows one table constant holds; a longer table is several constants (``REFUSALS``, ``REFUSALS_2``, ...).

tsc types an array literal as the union of its rows' types, reduced pair by pair; past about a thousand
distinct rows it gives up with TS2590 ("union type that is too complex to represent"), even when the
constant's type is written (amazonaws.com/iot.json: 1,350 refusals in one file). At 250 rows a table
stays under the 100,000 comparisons after which tsc starts estimating."""


@immutable
class TestTable:
    """One table of a test file: its constant, the type of its rows, the function testing each row, the rows."""

    constant: str
    row_type: str
    runner: str
    tests: tuple[TsTest, ...]

    @property
    def chunks(self) -> tuple[TableRows[TsTest], ...]:
        """The rows in order, ``TABLE_ROWS`` at most under each constant (the first is ``constant`` itself)."""
        starts = range(0, len(self.tests), TABLE_ROWS)
        return tuple(
            TableRows(self.constant if n == 0 else f"{self.constant}_{n + 1}", self.tests[start : start + TABLE_ROWS])
            for n, start in enumerate(starts)
        )


@immutable
class TestModule(SuiteFile[TsTest]):
    imports: tuple[str, ...]
    """The runtime's names its tests use."""
    constants: tuple[tuple[str, str], ...] = ()
    """(name, code) of the file's long JSON bodies, each written once (``SharedLiterals``)."""

    @property
    def tables(self) -> tuple[TestTable, ...]:
        """The file's tables that have rows, in ``TABLES`` order."""
        found = (TestTable(c, t, r, self.rows(c)) for c, t, r in TABLES)
        return tuple(table for table in found if table.tests)


def test_files(api: Api, pkg: PackageVM, templates: Templates) -> list[RenderedFile]:
    """The package's ``test/`` folder: the support module, then one module per resource."""
    writer = SuiteWriter(api, pkg, templates)
    return [writer.support(), *(writer.file(index) for index in range(len(pkg.resources)))]


class SuiteWriter:
    """The suite's files, its resources' modules one at a time by index: each is made from its resource alone
    (and what the whole suite shares), so two processes may each write some of them."""

    def __init__(self, api: Api, pkg: PackageVM, templates: Templates) -> None:
        self.api, self.pkg, self.templates = api, pkg, templates
        self.auth = test_credentials(api, [(c.scheme_name, [a.name for a in c.args]) for c in pkg.credentials])
        operations = [vm for resource in pkg.resources for vm in resource.operations]
        self.spelled = Spelled.of(
            schema
            for vm in operations
            for schema in (*(arg.schema for arg in (*vm.path_args, *vm.params)), success_schema(vm.source))
        )

    def support(self) -> RenderedFile:
        """``test/support.ts``: the client every test module makes, and what the modules share."""
        auth = self.auth
        text = render(
            self.templates,
            "tests/support.ts.j2",
            pkg=self.pkg,
            options=", ".join(f"{name}: {ts_literal(value)}" for name, value in auth.arguments),
            header_names=ts_literal(sorted({name.lower() for name in auth.header_names})),
            query_names=ts_literal(auth.query_names),
            base_path=BASE_PATH,
        )
        return RenderedFile(path="test/support.ts", text=text, template="tests/support.ts.j2")

    def file(self, index: int) -> RenderedFile:
        module = _module(self.api, self.pkg, self.auth, self.pkg.resources[index], self.spelled)
        template = "tests/resource.test.ts.j2"
        text = render(self.templates, template, pkg=self.pkg, module=module)
        return RenderedFile(path=module.path, text=text, template=template)


def _module(api: Api, pkg: PackageVM, auth: TestCredentials, resource: ResourceVM, spelled: Spelled) -> TestModule:
    """The tests of ``resource``'s operations; ``spelled``: what the suite's tests make once, shared."""
    tests: list[TsTest] = []
    used: set[str] = set()
    literals = SharedLiterals(taken={*SUPPORT_CONSTANTS, *(table for table, _, _ in TABLES)})
    for vm in resource.operations:
        with contextlib.suppress(ValueTooLargeError):  # a value its tests need is too large to build: left out
            cases = HelperTests(api, auth, resource, vm, spelled, literals)
            tests.extend(cases.tests())
            used |= cases.used
    return TestModule(
        path=f"test/{resource.module}.test.ts",
        resource=resource.attr,
        tests=tuple(tests),
        imports=tuple(sorted(used)),
        constants=tuple(literals.items),
    )
