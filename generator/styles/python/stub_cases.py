"""Test cases of one operation: the request it sends, its responses decoded, its errors raised, bad arguments refused.

Part of the generated test suite (``stubs.py``): every case is decided here
down to the code of its call, the mock responses and its assertions; the
template prints each case for the blocking and the asynchronous client.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

from ...core import test_exchange as exchange
from ...core.multipart import PartKind
from ...core.operations import has_content, success_response, success_status
from ...core.test_credentials import TestCredentials
from ...core.test_files import SharedLiterals
from ...core.test_values import Violation, example, violations
from ...immutable import immutable
from ...ir import Api, Operation, RefSchema, Response, Schema
from . import naming
from .operations import ArgVM, HelperVM, OperationVM
from .resources import ResourceVM
from .test_values import (
    arg_code,
    canonical,
    header_value,
    model_name,
    render,
    scalar_text,
)
from .types import TypeMapper, py_literal, tuple_literal

T = TypeVar("T")

BASE_PATH = "/base"
"""The path of the tests' BASE_URL: every expected path starts with it."""


def stream_reply(status: int = 200) -> str:
    """A streamed answer with ``status``: a file's (200), or an operation's own success (a 206 for a part)."""
    return f"httpx.Response({status}, stream=Chunks(CHUNKS))"


STREAM = stream_reply()
TABLES = (
    ("REQUESTS", "RequestCase"),
    ("DECODINGS", "DecodingCase"),
    ("ERRORS", "ErrorCase"),
    ("REFUSALS", "RefusalCase"),
)
"""The tables of a test module, in order: (constant, row class); each has one parametrized test in the template."""
TEMPLATE_CONSTANTS = (
    "BASE_URL",
    "NO_RETRY",
    "CHUNKS",
    "ERROR_BODY",
    "CREDENTIAL_HEADERS",
    "CREDENTIAL_QUERY",
    "MODES",
    *(constant for constant, _ in TABLES),
)
_ERROR_CLASSES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}


@immutable
class StubTest:
    """One test: a row of one of the module's tables (``table``), else printed as ``test_sync_<name>`` and
    ``test_async_<name>``."""

    name: str
    api: tuple[str, ...] = ()
    """Responses the API's mock transport gives, in order (code)."""
    call: str = ""
    """The call on ``client`` (lambda form)."""
    runner: str = "call"
    """Helper running it: ``call`` (result), ``stream`` (the chunks read) or ``items`` (all items of an iterator)."""
    downloads: tuple[str, ...] | None = None
    """Responses of the download client's mock transport; None: not used."""
    steps: tuple[tuple[str, str], ...] = ()
    """Instead of ``call``: (variable, awaited expression) statements of a scenario function..."""
    returns: str = ""
    """...which returns this..."""
    returns_hint: str = ""
    """...of this type."""
    raises: str | None = None
    binds: str = ""
    """Variable(s) the result or error is assigned to, when the assertions use it."""
    asserts: tuple[str, ...] = ()
    needs_tmp: bool = False
    setup: tuple[str, ...] = ()
    """Statements before the recorders are made (shared test data)."""
    table: str = ""
    """The table (``TABLES``) the test is a row of; "": a test of its own (the fields above)."""
    fields: tuple[str, ...] = ()
    """The row's fields after its name (code), when ``table`` is set."""

    @property
    def row(self) -> str:
        """The row in its table: ``Case("name", field, ...)``."""
        cls = dict(TABLES)[self.table]
        return f"{cls}({', '.join((py_literal(self.name), *self.fields))})"


def row(table: str, name: str, call: str, *fields: str, runner: str = "call") -> StubTest:
    """A row of ``table``: the call as a lambda on either client, then ``fields``; ``runner`` if not ``call``."""
    extra = () if runner == "call" else (f"runner={py_literal(runner)}",)
    return StubTest(name=name, table=table, fields=(f"lambda client: {call}", *fields, *extra))


@dataclass(slots=True)
class Spelled:
    """What a suite's tests make for the same schema again and again, made once: a big API takes and answers
    with the same models in many operations, and their tests write them each time (an argument, a body, what
    it decodes to, the values refused).

    A schema is known as ``example`` knows it (a reference by its name, any other by its identity), a value by
    its identity; both are kept here with what was made from them, so no other object takes their ids while
    the suite is built.
    """

    made: dict[tuple[Hashable, ...], tuple[object, tuple[object, ...], Any]] = field(default_factory=dict)

    def once(
        self, kind: str, schema: Schema | None, values: tuple[object, ...], make: Callable[[], T], *extra: Hashable
    ) -> T:
        """``make()``, what ``kind`` makes of ``values`` for ``schema`` (and ``extra``), made once."""
        key = (kind, schema if isinstance(schema, RefSchema) else id(schema), *map(id, values), *extra)
        if key not in self.made:
            self.made[key] = (schema, values, make())
        made: T = self.made[key][2]
        return made


@dataclass(slots=True)
class Constants(SharedLiterals):
    """A test module's long literals (each typed ``Any``: JSON data), with the suite's code made once."""

    spelled: Spelled = field(default_factory=Spelled)
    """The suite's code made once (shared by its modules)."""

    @classmethod
    def of(cls, spelled: Spelled) -> Constants:
        return cls(taken=set(TEMPLATE_CONSTANTS), spelled=spelled)


class OperationStubs:
    """The tests of one operation: request, responses, errors, refused arguments (helpers: ``HelperStubs``)."""

    def __init__(
        self,
        api: Api,
        mapper: TypeMapper,
        auth: TestCredentials,
        constants: Constants,
        resource: ResourceVM,
        vm: OperationVM,
    ) -> None:
        self.api, self.mapper, self.auth, self.vm, self.op = api, mapper, auth, vm, vm.source
        self.constants = constants
        self.target = f"client.{resource.attr}"
        self.runner = "stream" if vm.streamed else "call"
        self.success = json_success(vm, self.op)
        self.stream = stream_reply(success_status(self.op))
        """The operation's own streamed answer, with its documented success status."""
        self.bodies: dict[str, tuple[Any, str]] = {}
        """Success bodies by status, made once (the request test and the decoding test both answer with one)."""
        self.arguments: dict[int, tuple[ArgVM, Any, str | None]] = {}
        """By the id of an argument (kept alive here): its value and code, made once (every test calls with it)."""

    def tests(self) -> list[StubTest]:
        if not exchange.callable_in_tests(self.mapper, self.auth, self.op):
            return []
        result = [self._request(), *self._successes(), *self._errors(), *self._refusals()]
        for helper in self.vm.helpers:
            result.extend(self._helper(helper))
        return result

    # ------------------------------------------------------------------ arguments and calls

    def _value(self, arg: ArgVM) -> Any:
        if id(arg) not in self.arguments:
            self.arguments[id(arg)] = (arg, self._made_value(arg), None)
        return self.arguments[id(arg)][1]

    def _made_value(self, arg: ArgVM) -> Any:
        if arg.part in (PartKind.FILE, PartKind.FILES):
            return b"stub file" if arg.part is PartKind.FILE else [b"stub file"]
        schema = arg.schema
        if schema is None:
            return b"stub request body" if self.vm.body_kwarg == "content=body" else {}
        location, optional = arg.location or "", arg.default is not None

        def make() -> Any:
            value = exchange.argument_value(self.mapper, schema, location, optional=optional, required_nulls=True)
            return canonical(self.mapper, schema, value)

        return self.constants.spelled.once("argument", schema, (), make, location, optional)

    def _sent(self, arg: ArgVM, value: Any) -> exchange.SentArgument:
        """``arg`` with ``value`` for the expected request; a header or cookie as the runtime writes it there (a
        model, or an exploded header, goes by its JSON)."""
        params = [p for p in self.op.parameters if p.location == arg.location and p.name == arg.key]
        if arg.schema is None or self.mapper.is_model(arg.schema) or any(p.sent_as_json for p in params):
            return exchange.SentArgument(arg.key, arg.location or "", value, arg.default is not None)
        explode = any(p.explode for p in params)
        if arg.location == "cookie" or (arg.location == "header" and not explode):
            value = header_value(self.mapper, arg.schema, value)
        return exchange.SentArgument(arg.key, arg.location or "", value, arg.default is not None)

    def _argument_code(self, arg: ArgVM, value: Any) -> str:
        """``_code`` of the argument's own value (``_value``), made once."""
        _, _, code = self.arguments[id(arg)]
        if code is None:
            code = self._code(arg, value)
            self.arguments[id(arg)] = (arg, value, code)
        return code

    def _code(self, arg: ArgVM, value: Any) -> str:
        if isinstance(value, bytes) or arg.part is PartKind.FILES:
            return py_literal(value)
        if arg.schema is None:
            return render(value)
        schema = arg.schema
        if self.mapper.is_model(schema) and isinstance(value, dict):
            # the model made from its JSON, named apart: the request test's expected body is often the same JSON
            data = self.constants.spelled.once("json", schema, (value,), lambda: render(value))
            name = self.constants.share(f"{self.vm.name}_{arg.name}_json", data)
            return f"{model_name(self.mapper, schema)}.from_dict({name})"
        return self.constants.spelled.once("code", schema, (value,), lambda: arg_code(self.mapper, schema, value))

    def _body(self, status: str, schema: Schema) -> tuple[Any, str]:
        """A success body of the operation, and the name (or literal) tests use for it."""
        if status not in self.bodies:
            body = example(self.mapper, schema, reading=True)
            code = self.constants.spelled.once("body", schema, (body,), lambda: render(body))
            self.bodies[status] = body, self.constants.share(f"{self.vm.name}_{status}", code)
        return self.bodies[status]

    def _call(
        self, method: str, args: tuple[ArgVM, ...], extra: dict[str, str] | None = None, *, everything: bool = False
    ) -> str:
        """``client.<resource>.<method>(...)``: required arguments (or all) with valid values, ``extra`` as given."""
        extra = dict(extra or {})
        parts = []
        for arg in args:
            if arg.name in extra:
                code = extra.pop(arg.name)
            elif arg.default is None or everything:
                value = self._value(arg)
                if value is None and arg.default is not None:
                    continue  # an optional argument without a valid value is not passed
                code = self._argument_code(arg, value)
            else:
                continue
            parts.append(code if not arg.keyword_only else f"{arg.name}={code}")
        parts.extend(f"{name}={code}" for name, code in extra.items())
        return f"{self.target}.{method}({', '.join(parts)})"

    def _success_response(self) -> str:
        if self.vm.streamed:
            return self.stream
        if self.success is not None:
            status, schema = self.success
            return f"httpx.Response({status}, json={self._body(status, schema)[1]})"
        untyped = self._untyped()
        if untyped is not None:
            return untyped[1]
        status = next((r.status for r in self.op.responses if r.is_success and r.status.isdigit()), "204")
        return f"httpx.Response({status})"

    def _untyped(self) -> tuple[str, str, tuple[str, ...]] | None:
        """(status, response, decoding row fields) when the client returns the body as it is (no JSON schema).

        JSON and ``*/*`` bodies come back parsed; any other documented media type
        is answered as documented, and must come back as its text or bytes.
        """
        if self.vm.decode != "_data" or self.success is not None:
            return None
        response = success_response(self.op)  # the lowest 2xx, else ``default`` (answered as 200)
        if response is None:
            return None
        status = str(success_status(self.op))
        content = response.contents[0] if response.contents else None
        media = content.media_type if content is not None else "application/json"
        if content is None or content.is_json or media.split(";")[0].strip() in ("*/*", "application/*"):
            body = example(self.mapper, content.schema, reading=True) if content and content.schema else {}
            return (
                status,
                f"httpx.Response({status}, json={render(body)})",
                (render(body),),
            )
        headers = py_literal({"Content-Type": media})
        return (
            status,
            f'httpx.Response({status}, content=b"stub body", headers={headers})',
            ("True", 'encode=lambda result: result in ("stub body", b"stub body")'),
        )

    # ------------------------------------------------------------------ the four kinds of operation test

    def _request(self) -> StubTest:
        values = {a.name: self._value(a) for a in self.vm.args}
        call = self._call(self.vm.name, self.vm.args, everything=True)
        sent = exchange.expected_request(
            self.op,
            BASE_PATH,
            [self._sent(a, values[a.name]) for a in self.vm.args],
            self.auth,
            segment=lambda text: quote(text, safe=""),
            raw_path=True,
            text=scalar_text,
        )
        headers = dict(sent.headers)  # a credential replaces an argument of its header's name, as the client does
        media = self.vm.content_type
        if media not in (None, "application/json") and (sent.properties or sent.whole is not None):
            headers["Content-Type"] = media  # the body's own media type, not the one httpx writes for json=
        sent_names = {h.lower() for h in headers}
        absent = sorted({n for pairs in self.auth.headers.values() for n, _ in pairs if n.lower() not in sent_names})
        expect = [
            f"method={py_literal(self.vm.http_method)}",
            f"path={py_literal(sent.path)}",
            f"query=[{', '.join(pair_literal(name, value) for name, value in sent.query)}]",
            f"headers={py_literal(headers)}",
            f"absent={tuple_literal(py_literal(n) for n in absent)}",
        ]
        body = [a for a in self.vm.args if a.location == "body"]
        parts = _part_count(body, values)
        if parts is not None:
            # a multipart form: httpx writes the boundary, so the parts are counted rather than compared
            expect.append(f"parts={parts}")
        elif body and isinstance(sent.whole, bytes):
            expect.append(f"content={py_literal(sent.whole)}")
        elif body:
            # the model leaves an optional property out when it is None (as to_dict does)
            properties = all(a.key is not None for a in body)  # flattened (a whole model body is also to_dict()'s)
            sent_body = sent.properties if properties else sent.whole
            code = self.constants.spelled.once(
                "sent",
                None,
                tuple(values[a.name] for a in body),  # what ``sent_body`` is made of, by ``expected_request``
                lambda: render(sent_body),
                properties,
                *((a.key, a.default is None) for a in body),
            )
            # the body sent is often the JSON a model argument was made from: then it is that constant
            expect.append(f"json_body={self.constants.names.get(code, code)}")
        return row(
            "REQUESTS",
            f"{self.vm.name}_sends_request",
            call,
            f"lambda: {self._success_response()}",
            *expect,
            runner=self.runner,
        )

    def _successes(self) -> list[StubTest]:
        call = self._call(self.vm.name, self.vm.args)
        name = self.vm.name
        if self.vm.streamed:
            return [row("DECODINGS", f"{name}_streams_body", call, f"lambda: {self.stream}", "CHUNKS", runner="stream")]
        untyped = self._untyped()
        if untyped is not None:
            status, mocked, checks = untyped
            return [row("DECODINGS", f"{name}_returns_{status}", call, f"lambda: {mocked}", *checks)]
        if self.success is None:
            return []
        chosen = self.success[1]
        tests = []
        for response in self.op.responses:
            content = next((c for c in response.contents if c.is_json), None) if response.is_success else None
            if content is None or content.schema != chosen or not response.status.isdigit():
                continue
            body, code = self._body(response.status, chosen)
            reply = f"lambda: httpx.Response({response.status}, json={code})"
            fields: tuple[str, ...] = (self._expected(chosen, body),)
            if self.mapper.is_model(chosen):
                fields += (f"model={model_name(self.mapper, chosen)}", f"status={response.status}")
            else:
                fields += self._encoder(chosen)
            tests.append(row("DECODINGS", f"{name}_decodes_{response.status}", call, reply, *fields))
        return tests

    def _expected(self, schema: Schema, body: Any) -> str:
        """What the client's result for ``body`` compares equal to (by ``to_dict()`` for a model)."""
        code = self.constants.spelled.once(
            "decoded", schema, (body,), lambda: render(canonical(self.mapper, schema, body))
        )
        return self.constants.share(f"{self.vm.name}_decoded", code)

    def _encoder(self, schema: Schema) -> tuple[str, ...]:
        """The ``encode=`` field turning a result of ``schema`` into JSON data, when it is not the result itself."""
        encoded = self.mapper.encode(schema, "result").replace("_rt.", "_runtime.")
        return () if encoded == "result" else (f"encode=lambda result: {encoded}",)

    def _decoded(self, var: str, schema: Schema, body: Any, status: int | None) -> tuple[str, ...]:
        expected = self._expected(schema, body)
        if self.mapper.is_model(schema):
            lines = [
                f"assert isinstance({var}, {model_name(self.mapper, schema)})",
                f"assert {var}.to_dict() == {expected}",
            ]
            if status is not None:
                lines += [
                    f"assert {var}.raw_response is not None",
                    f"assert {var}.raw_response.status_code == {status}",
                ]
            return tuple(lines)
        encoded = self.mapper.encode(schema, var).replace("_rt.", "_runtime.")
        return (f"assert {encoded} == {expected}",)

    def _errors(self) -> list[StubTest]:
        tests = []
        call = self._call(self.vm.name, self.vm.args)
        for response in self.op.responses:
            status = _error_status(response)
            if status is None:
                continue
            cls = _ERROR_CLASSES.get(status) or ("InternalServerError" if status >= 500 else "APIStatusError")
            name = f"{self.vm.name}_{status}_raises_{naming.snake(cls)}"
            tests.append(row("ERRORS", name, call, str(status), cls, runner=self.runner))
        return tests

    def _refusals(self) -> list[StubTest]:
        tests = []
        for arg in self.vm.args:
            if arg.schema is None:
                continue
            for v, code in self._violations(arg.schema, arg.key or arg.name):
                tests.append(
                    row(
                        "REFUSALS",
                        f"{self.vm.name}_refuses_{naming.snake(v.label)}_{v.slug}",
                        self._call(self.vm.name, self.vm.args, {arg.name: code}),
                        py_literal(v.label),
                        runner=self.runner,
                    )
                )
        return tests

    def _violations(self, schema: Schema, label: str) -> list[tuple[Violation, str]]:
        """The values the client refuses for an argument of ``schema`` named ``label``, each with its code."""

        def make() -> list[tuple[Violation, str]]:
            found = []
            for v in violations(self.mapper, schema, label):
                code = arg_code(self.mapper, schema, v.value)
                found.append((v, code if self.mapper.is_model(schema) else f"bad({code})"))
            return found

        return self.constants.spelled.once("refused", schema, (), make, label)

    def _helper(self, helper: HelperVM) -> list[StubTest]:
        """The tests of one helper method; see ``stub_helpers.HelperStubs``."""
        return []


def pair_literal(name: str, value: str) -> str:
    return f"({py_literal(name)}, {py_literal(value)})"


def json_success(vm: OperationVM | None, op: Operation) -> tuple[str, Schema] | None:
    """(status, schema) of the success response the client decodes, when it is JSON."""
    if vm is not None and vm.decode is None:
        return None
    response = success_response(op)  # the lowest 2xx, else ``default`` (answered as 200), as the client reads it
    if not has_content(response):
        return None
    assert response is not None
    content = next((c for c in response.contents if c.is_json), None)
    if content is not None and content.schema is not None:
        return str(success_status(op)), content.schema
    return None


def _error_status(response: Response) -> int | None:
    """The status to answer for a documented error response: 4XX becomes 418, 5XX 503; None for others."""
    status = response.status
    if status.isdigit():
        return int(status) if int(status) >= 400 else None
    return {"4XX": 418, "5XX": 503}.get(status.upper())


def _part_count(body: list[ArgVM], values: dict[str, Any]) -> int | None:
    """How many parts a multipart form of these values has (None: the body is no form)."""
    if not any(a.part is not None for a in body):
        return None
    count = 0
    for arg in body:
        value = values[arg.name]
        if value is not None:
            count += len(value) if arg.part in (PartKind.FILES, PartKind.TEXTS) else 1
    return count
