"""The generated ``go test`` suite of a package: per operation, its request on the wire, its decoded
response, its documented errors and its refusals, against an ``httptest.Server``.

Values come from the language-neutral test-value planning (``core.test_values``), so every
style's clients are tested on the same data; this module writes them as Go. A value Go's
types cannot hold (a forbidden value of another type) is decoded at run time and its test
skipped when it does not fit, as the TypeScript tests cast it.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

from ...core import test_exchange as exchange
from ...core.multipart import MULTIPART
from ...core.operations import raised_errors, success_schema, success_status
from ...core.query import json_scalar_text as scalar_text
from ...core.schemas import SchemaIndex
from ...core.test_credentials import TestCredentials, test_credentials
from ...core.test_files import SharedLiterals
from ...core.test_values import kind_of, plain, violations
from ...immutable import immutable
from ...ir import Api, RefSchema
from ...value_limits import ValueTooLargeError
from .kept import kept
from .literals import gostr, json_text
from .naming import exported
from .operations import ArgVM, OperationVM, ServiceVM
from .package import PackageVM
from .types import GoTypes

BASE_PATH = "/base"


@immutable
class GoTest:
    """A test function of a ``_test.go`` file (the package's suite or its fake's): its name and its body's lines."""

    name: str
    lines: tuple[str, ...]


class GoValues:
    """Go expressions for JSON test values of a given Go type."""

    def __init__(self, types: GoTypes, json: Callable[[str], str] = gostr) -> None:
        self.types = types
        self.json = json
        """JSON text as a Go string: a literal, or the name of a test file's constant holding it."""

    def scalar(self, value: Any, type_: str) -> str | None:
        """A literal of the scalar type ``type_`` (or a named enum of one); None when the value does not fit."""
        base = type_
        if type_ in self.types.string_enums:
            base = "string"
        elif type_ in self.types.int_enums:
            base = "int64"
        if base == "string" and isinstance(value, str):
            text = gostr(value)
        elif base == "int64" and type(value) is int and -(2**63) <= value < 2**63:  # photoprism's int64 minimum
            text = str(value)
        elif base == "int64" and isinstance(value, float) and value.is_integer() and -(2**63) <= value < 2**63:
            text = str(int(value))
        elif base == "float64" and isinstance(value, (int, float)) and not isinstance(value, bool):
            if isinstance(value, float) and not math.isfinite(value):
                return None
            if abs(value) > 1e300:
                return None
            text = repr(float(value))
        elif base == "bool" and isinstance(value, bool):
            text = "true" if value else "false"
        else:
            return None
        return text if type_ in ("string", "bool") else f"{type_}({text})"

    def expr(self, value: Any, held: str, *, lenient: bool) -> str | None:
        """An expression of type ``held`` for the JSON ``value``; None when no such value can be written."""
        pointer = held.startswith("*")
        base = held[1:] if pointer else held
        if value is None:
            return "nil" if pointer or self.types.holds_nil(held) else None
        if self.types.scalar(base):
            literal = self.scalar(value, base)
            if literal is None:
                return None
            return f"ptr({literal})" if pointer else literal
        decode = "decodeOrSkip" if lenient else "decode"
        text = self.json(json_text(value))
        if pointer:
            return f"ptr({decode}[{base}](t, {text}))"
        return f"{decode}[{base}](t, {text})"


class OperationTests:
    """The tests of one operation."""

    def __init__(
        self,
        api: Api,
        index: SchemaIndex,
        pkg: PackageVM,
        service: ServiceVM,
        vm: OperationVM,
        literals: SharedLiterals | None = None,
        answers: dict[tuple[object, ...], tuple[object, str]] | None = None,
    ) -> None:
        self.api = api
        self.literals = literals
        """The test file's constants, where long JSON bodies go (None: written where they are used)."""
        self.answers = {} if answers is None else answers
        """The Go string of each success example's JSON made so far (answered, or decoded by a schema), by the ids
        of what it is made of (kept alive with it): operations answering the same model share the example
        (``test_values.example``), and it is spelled once."""
        self._reply_code: str | None = None
        self.index = index
        self.pkg = pkg
        self.values_of = GoValues(pkg.models.types, lambda text: self._json(text, "argument"))
        self.service = service
        self.vm = vm
        self.values: dict[str, Any] = {}
        self._exprs: dict[str, str | None] = {}
        """The Go expression of each argument's valid value, written once (every refusal's call repeats the rest)."""
        self.ok = True
        self.args = (*vm.path_args, *vm.members)
        for arg in self.args:
            self.values[arg.name] = self._value(arg)
        self.required = {arg.name: self.values[arg.name] if arg.required else None for arg in self.args}
        """The required arguments' values, the optional ones unset: what every test but the request's calls with, as
        Python's do (an optional argument left out is valid; each one spelled out in every test of ec2 made its Go
        tests 4.8 MB instead of 3.3)."""
        if vm.content_type == MULTIPART and not any(arg.name == "Body" and arg.key is None for arg in vm.members):
            self.ok = False  # a form of fields: its parts are checked by the multipart loopback tests, not here

    def _value(self, arg: ArgVM) -> Any:
        if arg.schema is None:
            if arg.type == "[]byte":
                return exchange.RAW_BODY
            return dict(exchange.ANY_VALUE) if arg.type == "any" else None
        try:
            value = exchange.argument_value(
                self.index, arg.schema, arg.location, optional=not arg.required, required_nulls=True
            )  # a struct writes a required property's null (no omitempty), as Python's models do
        except Exception:  # an example the planning cannot make (too large): no tests of this operation
            self.ok = False
            return None
        return kept(self.pkg.models.types, arg.schema, value)  # in a body, a query or a path, what its struct keeps

    def _expr(self, arg: ArgVM, value: Any, lenient: str | None) -> str | None:
        if arg.name == lenient or value is not self.values[arg.name]:
            return self.values_of.expr(plain(value), arg.type, lenient=arg.name == lenient)
        if arg.name not in self._exprs:
            self._exprs[arg.name] = self.values_of.expr(plain(value), arg.type, lenient=False)
        return self._exprs[arg.name]

    def _call(self, values: dict[str, Any], lenient: str | None = None) -> str | None:
        vm = self.vm
        parts = ["context.Background()"]
        for arg in vm.path_args:
            expr = self._expr(arg, values[arg.name], lenient)
            if expr is None:
                return None
            parts.append(expr)
        if vm.params_type is not None:
            fields = []
            for arg in vm.members:
                value = values[arg.name]
                if value is None and not arg.required:
                    continue
                if arg.type == "[]byte":
                    fields.append(f"{arg.name}: []byte({gostr(value)})")
                    continue
                expr = self._expr(arg, value, lenient)
                if expr is None:
                    if arg.required:
                        return None
                    continue
                fields.append(f"{arg.name}: {expr}")
            parts.append(f"&{vm.params_type}{{{', '.join(fields)}}}")
        return f"c.{self.service.field}.{vm.name}({', '.join(parts)})"

    def _reply(self) -> str:
        """The fake server's answer: the request test and the decoding test both serve it."""
        if self._reply_code is None:
            self._reply_code = self._answer()
        return self._reply_code

    def _answer(self) -> str:
        status = success_status(self.vm.source)
        if self.vm.returns_stream:
            return f'reply{{status: {status}, contentType: "application/octet-stream", body: "file-bytes"}}'
        if self.vm.returns_nothing:
            return f"reply{{status: {status}}}"
        example = exchange.success_example(self.index, self.vm.source)
        key: tuple[object, ...] = ("answer", id(example))
        if key not in self.answers:
            self.answers[key] = (example, gostr(json_text(example)))
        body = self._shared(self.answers[key][1], f"{status}_answer")
        return f'reply{{status: {status}, contentType: "application/json", body: {body}}}'

    def _json(self, text: str, what: str) -> str:
        """JSON ``text`` as a Go string: the name of the file's constant holding it, when it is long."""
        return self._shared(gostr(text), what)

    def _shared(self, code: str, what: str) -> str:
        """A Go string literal, or the name of the file's constant holding it when it is long."""
        return code if self.literals is None else self.literals.share(f"{self.vm.name}_{what}", code)

    def _outcome(self) -> str:
        return "_, err := " if not self.vm.returns_nothing else "err := "

    @cached_property
    def auth(self) -> TestCredentials:
        """The tests' credentials, as the support file's client holds them."""
        return test_credentials(
            self.api, [(c.scheme_name, [a.name for a in c.args]) for c in self.pkg.credentials], secret=_secret
        )

    def tests(self) -> list[GoTest]:
        if not self.ok or not exchange.callable_in_tests(self.index, self.auth, self.vm.source):
            return []
        found = [t for t in (self._request(), self._decoding()) if t is not None]
        return found + self._errors() + self._refusals()

    def _name(self, what: str) -> str:
        return f"Test{self.vm.name}_{what}"

    def _request(self) -> GoTest | None:
        vm = self.vm
        call = self._call(self.values)
        if call is None:
            return None
        arguments = [
            exchange.SentArgument(arg.key, arg.location, self.values[arg.name], not arg.required)
            for arg in (*vm.path_args, *vm.members)
            if not (arg.key is None and arg.type == "[]byte")  # a raw body: sent as it is, not expected as JSON
        ]
        sent = exchange.expected_request(
            vm.source, BASE_PATH, arguments, self.auth, segment=lambda v: scalar_text(plain(v))
        )
        lines = [
            f"c, seen := serve(t, {self._reply()})",
            self._outcome() + call,
            "if err != nil {",
            '\tt.Fatalf("unexpected error: %v", err)',
            "}",
            "got := single(t, seen)",
            f'expectEqual(t, "method", got.method, {gostr(vm.http_method)})',
            f'expectEqual(t, "path", got.path, {gostr(sent.path)})',
            f"expectQuery(t, got.query, {gostr(json_text(sent.query))})",
        ]
        if sent.headers:  # one line for them all: ec2's seven signing headers, a line each, were a quarter of its tests
            pairs = ", ".join(f"{{{gostr(n)}, {gostr(v)}}}" for n, v in sent.headers)
            lines.append(f"expectHeaders(t, got.header, [][2]string{{{pairs}}})")
        if sent.properties:
            lines.append(f"expectJSON(t, got.body, {self._json(json_text(sent.properties), 'body')})")
        elif sent.whole is not None:
            lines.append(f"expectJSON(t, got.body, {self._json(json_text(sent.whole), 'body')})")
        if vm.content_type is not None and (sent.properties or sent.whole is not None):
            lines.append(f'expectEqual(t, "content type", got.header.Get("Content-Type"), {gostr(vm.content_type)})')
        return GoTest(self._name("SendsTheRequestTheSpecDescribes"), tuple(lines))

    def _decoding(self) -> GoTest | None:
        call = self._call(self.required)
        if call is None:
            return None
        if self.vm.returns_stream:
            lines = [
                f"c, _ := serve(t, {self._reply()})",
                f"download, err := {call}",
                "if err != nil {",
                '\tt.Fatalf("unexpected error: %v", err)',
                "}",
                "defer download.Close()",
                "data, err := io.ReadAll(download)",
                "if err != nil {",
                '\tt.Fatalf("reading the stream: %v", err)',
                "}",
                'expectEqual(t, "body", string(data), "file-bytes")',
            ]
            return GoTest(self._name("StreamsItsResponseBody"), tuple(lines))
        if not self.vm.returns_json or self.vm.value_type == "[]byte":
            return None
        value = exchange.success_example(self.index, self.vm.source)
        schema = success_schema(self.vm.source)
        key = ("decoded", id(value), schema if isinstance(schema, RefSchema) else id(schema))
        if key not in self.answers:  # a struct drops what it does not declare
            decoded = value if schema is None else kept(self.pkg.models.types, schema, value)
            self.answers[key] = ((value, schema), gostr(json_text(decoded)))
        lines = [
            f"c, _ := serve(t, {self._reply()})",
            f"out, err := {call}",
            "if err != nil {",
            '\tt.Fatalf("unexpected error: %v", err)',
            "}",
            f"expectJSON(t, encode(t, out), {self._shared(self.answers[key][1], 'decoded')})",
        ]
        return GoTest(self._name(f"Decodes{success_status(self.vm.source)}Response"), tuple(lines))

    def _errors(self) -> list[GoTest]:
        call = self._call(self.required)
        if call is None:
            return []
        found = []
        for response, cls in raised_errors(self.vm.source):
            lines = [
                f"c, _ := serve(t, reply{{status: {response.status}, "
                'contentType: "application/json", body: errorBody})',
                self._outcome() + call,
            ]
            expect = f"expectStatusError[*apicore.{cls}](t, err, {response.status})"
            if self.vm.source.method == "head":  # an answer to HEAD has no body to read a message from
                lines.append(expect)
            else:
                lines.append(f'expectEqual(t, "message", {expect}.Message, "simulated error")')
            found.append(GoTest(self._name(f"Returns{cls}On{response.status}"), tuple(lines)))
        return found

    def _refusals(self) -> list[GoTest]:
        found = []
        seen: set[str] = set()
        checked = checked_calls(self.vm.checks)
        for arg in self.args:
            if arg.schema is None:
                continue
            for violation in violations(self.index, arg.schema, arg.key or "body"):
                if (_check_of(violation.slug), gostr(violation.label)) not in checked:
                    continue  # deeper than the checks go (``checks._MAX_DEPTH``): the server's to refuse
                call = self._call({**self.required, arg.name: violation.value}, lenient=arg.name)
                name = self._name(f"Refuses{arg.name}_{_camel(violation.slug)}")
                if call is None or name in seen:
                    continue
                seen.add(name)
                lines = [
                    "c, seen := serve(t, reply{status: 200})",
                    self._outcome() + call,
                    f"expectRefused(t, err, seen, {gostr(violation.label)})",
                ]
                found.append(GoTest(name, tuple(lines)))
        return found


_CHECK_LABEL = re.compile(r'\b(check\w*)\(("(?:[^"\\\n]|\\.)*"(?:\+"(?:[^"\\\n]|\\.)*")*)')
"""The label a check call starts with, as Go string literals joined by ``+`` (``"body"+".sheets"+".name"``)."""
_CHECK_OF = {
    "not_uuid": "checkUUID",
    "pattern_mismatch": "checkPattern",
    "not_in_enum": "checkEnum",
    "too_short": "checkMinLength",
    "too_long": "checkMaxLength",
    "below_minimum": "checkMinimum",
    "above_maximum": "checkMaximum",
    "at_exclusive_minimum": "checkExclusiveMinimum",
    "at_exclusive_maximum": "checkExclusiveMaximum",
    "too_few_items": "checkMinItems",
    "too_many_items": "checkMaxItems",
    "repeated_items": "checkUnique",
}
"""The ``checks.go`` function that refuses each kind of violation (``core.test_values.KINDS``)."""


def _check_of(slug: str) -> str | None:
    """The function refusing a violation; an item's (``item_too_long``, ``item_item_...``) as the item's own."""
    return _CHECK_OF.get(kind_of(slug))


def checked_calls(checks: tuple[str, ...]) -> set[tuple[str, str]]:
    """(function, label) of each check an operation makes, the label as one Go string literal (``"body.sheets.name"``):
    the literals are escaped a character at a time, so joined they are the literal of the joined text. An array's
    items share its label, so the function tells a check of the array from one of its items."""
    return {(m.group(1), m.group(2).replace('"+"', "")) for line in checks for m in _CHECK_LABEL.finditer(line)}


def _secret(argument: str) -> str:
    """The value the tests give the credential argument ``argument`` (``support_test.go`` passes the same)."""
    return "test-" + argument


def _camel(slug: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in slug.replace("-", "_").split("_") if part)


def package_index(pkg: PackageVM) -> SchemaIndex:
    """The package's index (the API's schemas and body roots), not walked again, with the package's test data.

    The example table of the test doubles and the tests share its examples: a big API's
    answers are made once, not once for each.
    """
    types = pkg.models.types
    return SchemaIndex(types.named, types.kinds, types.hoisted, types.inline, types.examples)


def test_files(api: Api, pkg: PackageVM) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, template, values) of the test files: a support file, then one per service."""
    index = package_index(pkg)
    options = [
        f"{cred.option}({', '.join(gostr('test-' + arg.name) for arg in cred.args)})" for cred in pkg.credentials
    ]
    files: list[tuple[str, str, dict[str, Any]]] = [
        ("support_test.go", "tests/support_test.go.j2", {"options": options, "imports": []})
    ]
    taken: set[str] = set()
    answers: dict[tuple[object, ...], tuple[object, str]] = {}
    constants: set[str] = set()
    """The names of the test files' constants: one scope, the package's, whose unexported names start otherwise."""
    for service in pkg.services:
        tests: list[GoTest] = []
        literals = SharedLiterals(taken=constants, spell=_constant_name, joint="")
        for vm in service.operations:
            with contextlib.suppress(ValueTooLargeError):  # a value its tests need is too large to build: left out
                tests.extend(OperationTests(api, index, pkg, service, vm, literals, answers).tests())
        names: set[str] = set()
        unique = []
        for test in tests:
            if test.name not in names:
                names.add(test.name)
                unique.append(test)
        unique = [_package_unique(test, service, taken) for test in unique]
        values = {"tests": unique, "constants": literals.items, "imports": []}
        files.append((f"{service.module}_test.go", "tests/service_test.go.j2", values))
    return files


def _constant_name(base: str) -> str:
    """``Insert_200_answer`` -> ``jsonOfInsert200Answer``: unexported, unlike any name the package's own files
    give, and ending in a word (a second ``jsonOfList200Answer`` is ``jsonOfList200Answer2``)."""
    return "jsonOf" + exported(base)


def _package_unique(test: GoTest, service: ServiceVM, taken: set[str]) -> GoTest:
    """``test``, named after its service too when another service's method of the same name took its name.

    The test files of a package share one scope; two services may each have a ``List``.
    """
    name = test.name
    if name in taken:
        name = f"Test{service.type}_{test.name.removeprefix('Test')}"
        base, number = name, 2
        while name in taken:
            name, number = f"{base}{number}", number + 1
    taken.add(name)
    return test if name == test.name else GoTest(name, test.lines)
