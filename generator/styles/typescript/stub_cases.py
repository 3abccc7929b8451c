"""The tests of one operation: its request on the wire, its decoded response, its errors, its refusals.

Values come from the language-neutral test-value planning, so every style's clients
are tested on the same data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ...core import test_exchange as exchange
from ...core.multipart import PartKind
from ...core.operations import raised_errors, success_schema, success_status
from ...core.test_credentials import TestCredentials
from ...core.test_files import SharedLiterals
from ...core.test_values import Code, Violation, plain, violations
from ...immutable import immutable
from ...ir import Api, RefSchema, Schema
from .examples import schema_mapper
from .operations import ArgVM, OperationVM, ResourceVM
from .test_values import fits, path_segment, ts_value
from .types import ts_literal

T = TypeVar("T")

BASE_PATH = "/base"
FILE_URL = "https://files.example.test/stored/file.bin"


TEST_FILE = 'new Blob(["file"])'
"""A file argument of the generated tests."""


SUPPORT_CONSTANTS = ("CHUNKS", "ERROR_BODY", "FILE_TEXT")
"""The constants a test file imports from ``support.ts``."""
TABLES = (
    ("REQUESTS", "RequestCase", "testRequests"),
    ("DECODINGS", "DecodingCase", "testDecodings"),
    ("ERRORS", "ErrorCase", "testErrors"),
    ("REFUSALS", "RefusalCase", "testRefusals"),
)
"""The tables of a test file, in order: (constant, row type, the function of ``support.ts`` that tests each row)."""


@immutable
class TsTest:
    """A test of its own (``lines``), or a row of one of the file's tables (``table``, ``fields``)."""

    name: str
    lines: tuple[str, ...] = ()
    table: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    """(member, TypeScript expression) of the row after its name."""

    @property
    def row(self) -> tuple[str, ...]:
        """The row's members, one a line: ``name: "...",`` then the fields."""
        return (f"name: {self.name},", *(f"{member}: {code}," for member, code in self.fields))


@dataclass(slots=True)
class Spelled:
    """What a suite's tests make for the same schema again and again, made once: a big API takes and answers
    with the same models in many operations, and their tests write them each time (an argument's value and its
    code, a body, the values refused, the JSON body a request sends).

    A schema is known as ``example`` knows it (a reference by its name, any other by its identity), a value by
    its identity; both are kept here with what was made from them, so no other object takes their ids while
    the suite is built. Only what is made for a schema the suite uses more than once (``shared``) is kept: the
    rest would never be asked for again, and keeping it all costs a big suite memory and collector time.
    """

    shared: frozenset[Hashable] = frozenset()
    """The keys of the schemas more than one argument or answer of the suite has (``schema_key``)."""
    made: dict[tuple[Hashable, ...], tuple[object, tuple[object, ...], Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, schemas: Iterable[Schema | None]) -> Spelled:
        """A ``Spelled`` keeping what is made for the schemas that ``schemas`` (every use) holds more than once."""
        uses = Counter(schema_key(schema) for schema in schemas if schema is not None)
        return cls(shared=frozenset(key for key, count in uses.items() if count > 1))

    def shares(self, schema: Schema | None) -> bool:
        """Whether what is made for ``schema`` is kept."""
        return schema is not None and schema_key(schema) in self.shared

    def once(
        self, kind: str, schema: Schema | None, values: tuple[object, ...], make: Callable[[], T], *extra: Hashable
    ) -> T:
        """``make()``, what ``kind`` makes of ``values`` for ``schema`` (and ``extra``), made once if it is shared
        (``schema`` None: the caller found the values shared)."""
        if schema is not None and schema_key(schema) not in self.shared:
            return make()
        key = (kind, schema_key(schema), *map(id, values), *extra)
        if key not in self.made:
            self.made[key] = (schema, values, make())
        made: T = self.made[key][2]
        return made


def schema_key(schema: Schema | None) -> Hashable:
    """A schema as ``example`` knows it: a reference by its name (it is equal wherever it is written), any other
    by its identity."""
    return schema if isinstance(schema, RefSchema) else id(schema)


def _exact_in_javascript(value: Any) -> bool:
    """Whether every integer in ``value`` survives as a JavaScript number."""
    if isinstance(value, dict):
        return all(_exact_in_javascript(v) for v in value.values())
    if isinstance(value, list):
        return all(_exact_in_javascript(v) for v in value)
    return not (isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53)


class OperationTests:
    """The tests of one operation and its helpers."""

    def __init__(
        self,
        api: Api,
        auth: TestCredentials,
        resource: ResourceVM,
        vm: OperationVM,
        spelled: Spelled | None = None,
        literals: SharedLiterals | None = None,
    ) -> None:
        self.api = api
        self.literals = literals
        """The test file's constants, where the tables' long JSON bodies go (None: written where they are used)."""
        self.mapper = schema_mapper(api)
        self.auth = auth
        self.spelled = Spelled() if spelled is None else spelled
        """The suite's values and code made once (shared by its operations)."""
        self.vm = vm
        self.resource = resource
        self.target = f"client(m.fetch).{resource.attr}"
        self.row_target = f"api.{resource.attr}"
        """How a table's ``call`` reaches the operation: on the client it is given."""
        self.used: set[str] = set()
        self.values: dict[str, Any] = {}
        self.args = (*vm.path_args, *vm.params)
        for arg in self.args:
            self.values[_slot(arg)] = self._value(arg)
        self.required = {_slot(arg): None if arg.optional else self.values[_slot(arg)] for arg in self.args}
        """The required arguments' values, the optional ones unset: what every row but the request's calls with, as
        Python's do (an optional argument left out is valid; each one spelled out in every row of ec2 made its
        tests 3.6 MB instead of 2.8)."""
        self._written: dict[str, tuple[str, bool]] = {}
        """Each argument's example value as TypeScript, and whether it needs ``as never``: written once, not per row."""
        self._success_text: str | None = None
        self._calls: dict[bool, str] = {}
        """``_row_call()`` with every example value (True: the request row) or the required ones (False: the
        decoding and error rows), each written once."""

    # ------------------------------------------------------------------ values

    def _value(self, arg: ArgVM) -> Any:
        if arg.part is PartKind.FILE:
            return Code(TEST_FILE)
        if arg.part is PartKind.FILES:
            return [Code(TEST_FILE)]
        schema = arg.schema
        if schema is None:
            return exchange.RAW_BODY if "Blob" in arg.type else dict(exchange.ANY_VALUE)
        location, optional = arg.location, arg.optional

        def make() -> Any:
            return exchange.argument_value(self.mapper, schema, location, optional=optional)

        return self.spelled.once("argument", schema, (), make, location, optional)

    def _args(
        self,
        values: dict[str, Any],
        *extra: str,
        cast: str | None = None,
        skip: str | None = None,
        cast_code: str | None = None,
    ) -> str:
        """The call's arguments: path values, ``extra``, then the params object (members set to None left out).

        ``cast_code``: the value of the argument ``cast`` already written.
        """
        parts = []
        for arg in self.vm.path_args:
            text, never = self._written_value(arg, values, cast, cast_code)
            parts.append(text + (" as never" if never else ""))
        parts.extend(extra)
        if self.vm.params_type is not None:
            members = []
            for arg in self.vm.params:
                value = values[_slot(arg)]
                if arg.name == skip or (value is None and arg.optional):
                    continue
                text, never = self._written_value(arg, values, cast, cast_code)
                members.append(f"{arg.name}: {text}{' as never' if value is None or never else ''}")
            parts.append("{ " + ", ".join(members) + " }" if members else "{}")
        return ", ".join(parts)

    def _written_value(
        self, arg: ArgVM, values: dict[str, Any], cast: str | None, cast_code: str | None = None
    ) -> tuple[str, bool]:
        """``arg``'s value in ``values`` as TypeScript, and whether it needs ``as never`` (``_cast``).

        Every row of an operation calls it with the same example values but one: the
        examples are written once per operation, not once per row and argument, and once
        per schema and value for the suite.
        """
        value = values[_slot(arg)]
        if _slot(arg) == cast:
            return ts_value(value) if cast_code is None else cast_code, True
        if value is not self.values[_slot(arg)]:
            return ts_value(value), self._cast(arg, values, cast)
        if _slot(arg) not in self._written:
            schema = arg.schema
            if schema is None:
                self._written[_slot(arg)] = (ts_value(value), False)
            else:
                self._written[_slot(arg)] = self.spelled.once(
                    "written", schema, (value,), lambda: (ts_value(value), not fits(self.mapper, schema, plain(value)))
                )
        return self._written[_slot(arg)]

    def _cast(self, arg: ArgVM, values: dict[str, Any], cast: str | None) -> bool:
        """Whether the value of ``arg`` needs ``as never``: a forbidden value, or an example that breaks its type."""
        if _slot(arg) == cast:
            return True
        return arg.schema is not None and not fits(self.mapper, arg.schema, plain(values[_slot(arg)]))

    def _call(self, values: dict[str, Any] | None = None, cast: str | None = None) -> str:
        return f"{self.target}.{self.vm.name}({self._args(values or self.values, cast=cast)})"

    def _row_call(
        self, values: dict[str, Any] | None = None, cast: str | None = None, cast_code: str | None = None
    ) -> str:
        """A table's ``call``: the operation called on the client the row's test gives (with every example value, the
        required ones only, or ``values``)."""
        if cast is None and (values is None or values is self.required):
            every = values is None
            if every not in self._calls:
                args = self._args(self.values if every else self.required)
                self._calls[every] = f"(api) => {self.row_target}.{self.vm.name}({args})"
            return self._calls[every]
        args = self._args(values or self.values, cast=cast, cast_code=cast_code)
        return f"(api) => {self.row_target}.{self.vm.name}({args})"

    def _row(self, table: str, name: str, *fields: tuple[str, str]) -> TsTest:
        return TsTest(name=ts_literal(f"{self.vm.name}: {name}"), table=table, fields=fields)

    def _success_status(self) -> int:
        return success_status(self.vm.source)

    def _success_schema(self) -> Schema | None:
        return success_schema(self.vm.source)

    def _success_value(self) -> Any:
        return exchange.success_example(self.mapper, self.vm.source)

    def _success_json(self) -> str:
        """``_success_value`` as TypeScript: written once, for the request's reply and the decoding's body."""
        if self._success_text is None:
            value = self._success_value()
            schema = self._success_schema()
            if schema is None:
                self._success_text = ts_value(value)
            else:
                self._success_text = self.spelled.once("body", schema, (value,), lambda: ts_value(value))
        return self._success_text

    def _reply(self) -> str:
        status = self._success_status()
        if self.vm.returns_stream:
            return f"chunked({status})"
        if self.vm.returns_nothing:
            return f"new Response(null, {{ status: {status} }})"
        return f"json({self._shared(self._success_json(), str(status))}, {status})"

    def _shared(self, code: str, what: str) -> str:
        """JSON ``code`` by the name of the file's constant holding it (typed ``unknown``), when it is long."""
        return code if self.literals is None else self.literals.share(f"{self.vm.name}_{what}_json", code)

    # ------------------------------------------------------------------ tests

    def tests(self) -> list[TsTest]:
        return [self._request(), *self._decoding(), *self._errors(), *self._refusals()]

    def _test(self, name: str, *lines: str) -> TsTest:
        return TsTest(name=ts_literal(f"{self.vm.name}: {name}"), lines=lines)

    def _request(self) -> TsTest:
        vm = self.vm
        arguments = [
            exchange.SentArgument(arg.key, arg.location, self.values[_slot(arg)], arg.optional)
            for arg in (*vm.path_args, *vm.params)
        ]
        sent = exchange.expected_request(vm.source, BASE_PATH, arguments, self.auth, segment=path_segment)
        checks = [(n, ts_literal(v)) for n, v in sent.headers]
        fields = [
            ("call", self._row_call()),
            ("reply", f"() => {self._reply()}"),
            ("method", ts_literal(vm.http_method)),
            ("path", ts_literal(sent.path)),
            ("query", ts_literal(sent.query)),
        ]
        if vm.body is not None and vm.body.startswith("json: rt.compact"):
            fields.append(("json", self._shared(self._sent_body(sent.properties, True), "body")))
        elif vm.body is not None and vm.body.startswith("json:") and sent.whole is not None:
            fields.append(("json", self._shared(self._sent_body(sent.whole, False), "body")))
        elif vm.body is not None and sent.whole is not None:
            fields.append(("text", self._sent_body(sent.whole, False)))
        if any(arg.part is not None for arg in vm.params):
            # a FormData body: fetch writes the content type with its boundary, so the client sets none
            checks.append(("content-type", "null"))
        if vm.content_type is not None and vm.body is not None:
            checks.append(("content-type", ts_literal(vm.content_type)))
        fields.append(("headers", "[" + ", ".join(f"[{ts_literal(n)}, {v}]" for n, v in checks) + "]"))
        return self._row("REQUESTS", "sends the request the spec describes", *fields)

    def _sent_body(self, sent: Any, properties: bool) -> str:
        """``sent`` (the request's body properties, or its whole body) as TypeScript, written once per set of
        body arguments: ``expected_request`` makes it of their keys and values alone."""
        body = [arg for arg in self.vm.params if arg.location == "body"]
        if not all(self.spelled.shares(arg.schema) for arg in body):
            return ts_value(sent)  # a value made for this operation alone: its body is not written again
        return self.spelled.once(
            "sent",
            None,
            tuple(self.values[_slot(arg)] for arg in body),
            lambda: ts_value(sent),
            properties,
            *((arg.key, arg.optional) for arg in body),
        )

    def _decoding(self) -> list[TsTest]:
        if self.vm.returns_stream:
            fields = [("call", self._row_call(self.required)), ("stream", f"() => {self._reply()}")]
            return [self._row("DECODINGS", "streams its response body", *fields)]
        if not self.vm.returns_json:
            return []
        status = self._success_status()
        fields = [
            ("call", self._row_call(self.required)),
            ("status", str(status)),
            ("body", self._shared(self._success_json(), str(status))),
        ]
        return [self._row("DECODINGS", f"decodes its {status} response", *fields)]

    def _errors(self) -> list[TsTest]:
        found = []
        for response, cls in raised_errors(self.vm.source):
            self.used.add(cls)
            fields = [("call", self._row_call(self.required)), ("status", response.status), ("error", cls)]
            found.append(self._row("ERRORS", f"throws {cls} on {response.status}", *fields))
        return found

    def _refusals(self) -> list[TsTest]:
        found = []
        for arg in self.args:
            if arg.schema is None:
                continue
            for violation, code in self._violations(arg.schema, arg.key or "body"):
                values = {**self.required, _slot(arg): violation.value}
                call = self._row_call(values, cast=_slot(arg), cast_code=code)
                fields = [("call", call), ("parameter", ts_literal(violation.label))]
                found.append(self._row("REFUSALS", f"refuses {arg.name} ({violation.slug}) before sending", *fields))
        return found

    def _violations(self, schema: Schema, label: str) -> list[tuple[Violation, str]]:
        """The values the client refuses for an argument of ``schema`` named ``label``, each with its code."""

        def make() -> list[tuple[Violation, str]]:
            return [
                (v, ts_value(v.value))
                for v in violations(self.mapper, schema, label)
                if _exact_in_javascript(plain(v.value))  # else a number JavaScript cannot tell from an allowed one
            ]

        return self.spelled.once("refused", schema, (), make, label)

    def _helper_call(self, name: str) -> str:
        return next(h.call for h in self.vm.helpers if h.name == name)


def _slot(arg: ArgVM) -> str:
    """Where an operation's ``values`` hold ``arg``'s: a member by its name, a path argument apart, since a member
    may have its name (visma.net's path ``accountCd`` beside its body's ``accountCD``, both ``accountCd``)."""
    return "(path) " + arg.name if arg.location == "path" else arg.name
