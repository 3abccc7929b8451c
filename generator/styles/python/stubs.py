"""View-models for the generated test suite: one offline test module per resource, every operation on both clients.

Each ``StubTest`` is decided here, down to the code of its call, the responses
the mock transport gives and the assertions; ``templates/python/tests`` prints
each one twice, for the blocking and the asynchronous client. What is tested:
the request (method, percent-encoded path, query, headers, credentials, body),
each documented success response decoded (with ``raw_response``), each
documented error status raised as its exception, each forbidden argument
refused before sending, streaming, and the download, wait, page and job helpers.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from dataclasses import replace

from ...core.style import RenderedFile
from ...core.templating import Templates
from ...core.test_credentials import TestCredentials, test_credentials
from ...core.test_files import SuiteFile, TableRows
from ...immutable import immutable
from ...ir import Api
from ...value_limits import ValueTooLargeError
from . import naming
from .imports import resolve_imports
from .package import PackageVM
from .render import render as render_template
from .resources import ResourceVM
from .stub_cases import BASE_PATH, TABLES, Constants, Spelled, StubTest
from .stub_helpers import HelperStubs
from .types import py_literal, tuple_literal

TEST_NAMES = {"Awaitable": "collections.abc", "TypeVar": "typing", "NamedTuple": "typing"}
TEST_MODULES = ("asyncio", "json")
TEST_THIRD_PARTY = ("pytest",)
"""Imports a test module may need beyond those of the package's modules."""


@immutable
class StubModule(SuiteFile[StubTest]):
    """A resource's test module; its own tests (``own_tests``) are each printed twice, for both clients."""

    constants: tuple[tuple[str, str], ...] = ()
    """(name, code) of the module's shared literals, each typed ``Any``."""

    @property
    def tables(self) -> tuple[TableRows[StubTest], ...]:
        """The module's tables that have rows, in ``TABLES`` order (an empty one would only skip its test); the
        template declares the class of each table's rows."""
        found = (TableRows(constant, self.rows(constant)) for constant, _ in TABLES)
        return tuple(table for table in found if table.tests)


@immutable
class StubSuite:
    package: str
    header: str
    client: str
    async_client: str
    credentials: str
    """Constructor keyword arguments giving every credential."""
    credential_headers: str
    """The statement defining ``CREDENTIAL_HEADERS``: header names that carry a credential."""
    credential_query: str
    """The statement defining ``CREDENTIAL_QUERY``: query parameter names that carry a credential."""
    modules: tuple[StubModule, ...]
    base_path: str = BASE_PATH

    @property
    def constructor_args(self) -> str:
        """The arguments that make a client of the mock API: every credential, no retries, the mock transport."""
        fixed = "base_url=BASE_URL, retry=NO_RETRY, http_client=http"
        return f"{self.credentials}, {fixed}" if self.credentials else fixed


def suite_files(api: Api, pkg: PackageVM, templates: Templates) -> list[RenderedFile]:
    """The package's ``tests/`` folder: one module per resource, importing the package by name."""
    writer = SuiteWriter(api, pkg, templates)
    return [writer.file(index) for index in range(len(pkg.resources))]


class SuiteWriter:
    """The suite's modules one at a time, by the index of their resource: each module is made from its resource
    alone (and what the whole package shares), so two processes may each write some of them."""

    def __init__(self, api: Api, pkg: PackageVM, templates: Templates) -> None:
        self.api, self.pkg, self.templates = api, pkg, templates
        self.suite, self.auth = _suite(api, pkg)
        self.spelled = Spelled()
        self.local = {pkg.package: [*pkg.public_names, "models", "_runtime"]}

    def file(self, index: int) -> RenderedFile:
        module = _module(self.api, self.pkg, self.auth, self.spelled, self.pkg.resources[index])
        template = "tests/test_resource.py.j2"
        text = render_template(self.templates, template, suite=self.suite, module=module)
        text = resolve_imports(
            text, self.local, extra_names=TEST_NAMES, extra_modules=TEST_MODULES, third_party=TEST_THIRD_PARTY
        )
        return RenderedFile(path=module.path, text=text, template=template)


TEST_NAME_LENGTH = 72
"""Longest test name (before ``test_async_``): ``def test_async_<name>(tmp_path: Path) -> None:`` fits a line."""


def _short(name: str) -> str:
    """``name``, cut to TEST_NAME_LENGTH with a hash of the whole name at its end when it is longer."""
    if len(name) <= TEST_NAME_LENGTH:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"{name[: TEST_NAME_LENGTH - 9].rstrip('_')}_{digest}"


def build_stubs(api: Api, pkg: PackageVM) -> StubSuite:
    suite, auth = _suite(api, pkg)
    spelled = Spelled()
    return replace(suite, modules=tuple(_module(api, pkg, auth, spelled, r) for r in pkg.resources))


def _suite(api: Api, pkg: PackageVM) -> tuple[StubSuite, TestCredentials]:
    """What every module of the suite shares (its ``modules`` empty), and the credentials its tests give."""
    auth = test_credentials(api, [(c.scheme_name, [a.name for a in c.args]) for c in pkg.credentials])
    suite = StubSuite(
        package=pkg.package,
        header=pkg.header,
        client=pkg.client_prefix,
        async_client=f"Async{pkg.client_prefix}",
        credentials=", ".join(f"{name}={py_literal(value)}" for name, value in auth.arguments),
        credential_headers=_names_constant("CREDENTIAL_HEADERS", auth.header_names),
        credential_query=_names_constant("CREDENTIAL_QUERY", auth.query_names, annotate=False),
        modules=(),
    )
    return suite, auth


def _module(api: Api, pkg: PackageVM, auth: TestCredentials, spelled: Spelled, resource: ResourceVM) -> StubModule:
    """A resource's test module; ``spelled`` holds what the suite's modules make again and again (made once)."""
    tests: list[StubTest] = []
    constants = Constants.of(spelled)
    for vm in resource.operations:
        with contextlib.suppress(ValueTooLargeError):  # a value its tests need is too large to build: left out
            tests.extend(HelperStubs(api, pkg.models.mapper, auth, constants, resource, vm).tests())
    names = naming.unique(_short(t.name) for t in tests)
    tests = [replace(t, name=n) for t, n in zip(tests, names, strict=True)]
    # package in the name: the suites of several packages can share one pytest or mypy run
    path = f"tests/test_{pkg.package}_{resource.attr}.py"
    return StubModule(path, resource.attr, tuple(tests), tuple(constants.items))


def _names_constant(constant: str, names: Iterable[str], *, annotate: bool = True) -> str:
    """``NAME = ("a", "b")``; an empty tuple annotated unless ``annotate`` is off.

    mypy cannot tell the item type of ``()``: the loop variable of ``assert_no_credentials``
    takes its type from the first tuple it loops over (the headers), the second one reuses it.
    """
    literal = tuple_literal(py_literal(n) for n in names)
    return f"{constant}: tuple[str, ...] = ()" if literal == "()" and annotate else f"{constant} = {literal}"
