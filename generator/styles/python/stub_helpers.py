"""Test cases of the helper methods: saving streams, presigned links and redirects, waiting, pages and jobs.

Downloads go through a mock of the credential-free download client, and each
such test checks that the download request carried none of the API's credentials.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from ...core.identity import operations_by_id
from ...core.operations import HelperKind
from ...core.test_values import Code, Repeat, acceptable, example
from ...ir import (
    ArraySchema,
    AsyncJob,
    EnumSchema,
    ObjectSchema,
    Pagination,
    PresignedDownload,
    PrimitiveSchema,
    RedirectDownload,
    Schema,
)
from .operations import HelperVM
from .stub_cases import BASE_PATH, STREAM, OperationStubs, StubTest, json_success, pair_literal
from .test_values import canonical, path_segment, render, scalar_text
from .types import py_literal

FILE_URL = "https://files.example.test/download/file.bin?signature=abc"
"""Where presigned links, redirects and job results point (served by the download client's mock)."""
_FUTURE, _PAST = 4102444800, 1
"""Link expiries in Unix seconds: 2100-01-01, and one second after the epoch."""


LINK_REFRESHES = 2
"""How many new links a presigned download asks for when one expired (the runtimes' default)."""


class HelperStubs(OperationStubs):
    """The tests of one operation and of its helper methods."""

    def _helper(self, helper: HelperVM) -> list[StubTest]:
        if helper.kind is HelperKind.SAVE_STREAM:
            return [self._saved(helper, (self.stream,), None)]
        if helper.kind is HelperKind.SAVE_REDIRECT:
            return self._redirect(helper)
        if helper.kind is HelperKind.SAVE_PRESIGNED:
            return self._presigned(helper)
        if helper.kind is HelperKind.WAIT_READY:
            return self._wait_ready(helper)
        if helper.kind is HelperKind.PAGINATE:
            return self._paginate(helper)
        if helper.kind is HelperKind.JOB:
            return self._job(helper)
        return []

    def _saved(self, helper: HelperVM, api: tuple[str, ...], downloads: tuple[str, ...] | None) -> StubTest:
        asserts = [
            'assert result == tmp_path / "download.bin"',
            'assert result.read_bytes() == b"".join(CHUNKS)',
            f"assert len(api.requests) == {len(api)}",
        ]
        if downloads is not None:
            asserts += [
                f"assert str(files.single().url) == {py_literal(FILE_URL)}",
                "assert_no_credentials(files.single())",
            ]
        return StubTest(
            name=f"{helper.name}_saves_file",
            api=api,
            call=self._call(helper.name, helper.args, {"path": 'tmp_path / "download.bin"'}),
            downloads=downloads,
            binds="result",
            asserts=tuple(asserts),
            needs_tmp=True,
        )

    def _redirect(self, helper: HelperVM) -> list[StubTest]:
        redirect = next(b for b in self.op.behaviours if isinstance(b, RedirectDownload))
        location = py_literal({redirect.location_header: FILE_URL})
        test = self._saved(helper, (f"httpx.Response({redirect.status}, headers={location})",), (STREAM,))
        trigger = json.loads(redirect.trigger_value_json) if redirect.trigger_value_json is not None else True
        pair = pair_literal(str(redirect.trigger_parameter), scalar_text(trigger))
        check = f"assert {pair} in api.single().url.params.multi_items()"
        return [replace(test, asserts=(*test.asserts, check))]

    def _presigned(self, helper: HelperVM) -> list[StubTest]:
        presigned = next(b for b in self.op.behaviours if isinstance(b, PresignedDownload))
        if self.success is None:
            return []
        status, schema = self.success
        body = example(self.mapper, schema, reading=True)
        if not isinstance(body, dict):
            return []
        expiry = self._expiry_values(presigned)

        def response(expires: Any) -> str:
            fields = {**body, presigned.url_field: FILE_URL}
            if presigned.expires_field and expires is not None:
                fields[presigned.expires_field] = expires
            return f"httpx.Response({status}, json={render(fields)})"

        tests = [self._saved(helper, (response(expiry[0] if expiry else None),), (STREAM,))]
        if expiry:
            tests.append(
                StubTest(
                    name=f"{helper.name}_refuses_expired_link",
                    # the first link and the new ones asked for (the runtime's DEFAULT_MAX_REFRESHES) all expired
                    api=(response(expiry[1]),) * (1 + LINK_REFRESHES),
                    call=self._call(helper.name, helper.args, {"path": 'tmp_path / "download.bin"'}),
                    downloads=(),
                    raises="LinkExpiredError",
                    asserts=(
                        "assert not files.requests",
                        f"assert len(api.requests) == {1 + LINK_REFRESHES}",
                        'assert not (tmp_path / "download.bin").exists()',
                    ),
                    needs_tmp=True,
                )
            )
        return tests

    def _expiry_values(self, presigned: PresignedDownload) -> tuple[Any, Any] | None:
        """(future, past) values of the expiry field, in the type its schema gives."""
        schema = self._property(self.success[1] if self.success else None, presigned.expires_field)
        if not isinstance(schema, PrimitiveSchema):
            return None
        if schema.kind in ("integer", "number"):
            return (_FUTURE, _PAST) if schema.kind == "integer" else (float(_FUTURE), float(_PAST))
        if presigned.expires_format == "date-time" or schema.format == "date-time":
            return "2100-01-01T00:00:00Z", "1970-01-01T00:00:01Z"
        return str(_FUTURE), str(_PAST)

    def _property(self, schema: Schema | None, name: str | None) -> Schema | None:
        obj = self.mapper.resolve(schema) if schema is not None else None
        if not isinstance(obj, ObjectSchema) or name is None:
            return None
        prop = next((p for p in obj.properties if p.name == name), None)
        return None if prop is None else self.mapper.resolve(prop.schema)

    def _wait_ready(self, helper: HelperVM) -> list[StubTest]:
        if self.success is None:
            return []
        status, schema = self.success
        body, code = self._body(status, schema)
        api = ("httpx.Response(409, json=ERROR_BODY)", f"httpx.Response({status}, json={code})")
        call = self._call(helper.name, helper.args, {"poll_interval": "0.0"})
        asserts = (*self._decoded("result", schema, body, None), "assert len(api.requests) == 2")
        return [StubTest(f"{helper.name}_retries_until_ready", api, call, binds="result", asserts=asserts)]

    def _paginate(self, helper: HelperVM) -> list[StubTest]:
        page = next(b for b in self.op.behaviours if isinstance(b, Pagination))
        if page.style not in ("page", "offset"):  # pages named by each answer: proven by the flow tests
            return []
        items = self._property(self.success[1] if self.success else None, page.items_field)
        if self.success is None or not isinstance(items, ArraySchema):
            return []
        body = example(self.mapper, self.success[1], reading=True)
        item = example(self.mapper, items.items, reading=True)
        size_arg = helper.size_arg
        size_ok = bool(size_arg) and self._accepts(size_arg, 2)
        counts = [2, 2, 1] if size_ok or page.total_field else [2, 2, 1, 0]
        responses = []
        for count in counts:
            fields = {**(body if isinstance(body, dict) else {}), page.items_field: Repeat(Code("item"), count)}
            if page.total_field:
                fields[page.total_field] = 5
            responses.append(f"httpx.Response({self.success[0]}, json={render(fields)})")
        extra = {size_arg: "2"} if size_ok else {}
        expected = canonical(self.mapper, items.items, item)
        if self.mapper.is_model(items.items):
            check = f"assert [decoded.to_dict() for decoded in result] == [{render(expected)}] * 5"
        else:
            check = f"assert result == [{render(expected)}] * 5"
        pages = [str(page.first_page + i) for i in range(len(counts))]
        asserts = (
            check,
            f"assert [r.url.params[{py_literal(page.page_parameter)}] for r in api.requests] == {py_literal(pages)}",
        )
        call = self._call(helper.name, helper.args, extra)
        setup = (f"item = {render(item)}",)
        return [
            StubTest(
                f"{helper.name}_walks_pages",
                tuple(responses),
                call,
                "items",
                binds="result",
                asserts=asserts,
                setup=setup,
            )
        ]

    def _accepts(self, arg_name: str, number: int) -> bool:
        """Whether the argument ``arg_name`` may be ``number``."""
        arg = next((a for a in self.vm.args if a.name == arg_name), None)
        schema = self.mapper.resolve(arg.schema) if arg is not None and arg.schema is not None else None
        return isinstance(schema, PrimitiveSchema) and schema.kind != "string" and acceptable(schema, number)

    def _job(self, helper: HelperVM) -> list[StubTest]:
        job = next(b for b in self.op.behaviours if isinstance(b, AsyncJob))
        poll = operations_by_id(self.api)[job.poll_operation_id]
        poll_success = json_success(None, poll)
        if self.success is None or poll_success is None or job.result_url_field is None:
            return []
        started = example(self.mapper, self.success[1], reading=True)
        status_body = example(self.mapper, poll_success[1], reading=True)
        if not isinstance(started, dict) or not isinstance(status_body, dict):
            return []
        path = poll.path
        for param, source in job.parameters:
            path = path.replace("{" + param + "}", path_segment(started.get(source, "")))
        pending = self._pending_state(job, poll_success[1])

        def status(state: Any, url: str | None) -> str:
            fields = {k: v for k, v in status_body.items() if k != job.result_url_field}
            fields[job.status_field] = state
            if url is not None:
                fields[str(job.result_url_field)] = url
            return f"httpx.Response({poll_success[0]}, json={render(fields)})"

        start = f"httpx.Response({self.success[0]}, json={render(started)})"
        running = [status(pending, None)] if pending is not None else []
        done = status(job.succeeded[0], FILE_URL)
        call = self._call(helper.name, helper.args)
        polls = len(running) + 2
        tests = [
            StubTest(
                name=f"{helper.name}_waits_and_saves",
                api=(start, *running, done, done),
                downloads=(STREAM,),
                steps=(
                    ("handle", call),
                    ("url", "handle.wait(poll_interval=0.0)"),
                    ("saved", 'handle.save(tmp_path / "download.bin", poll_interval=0.0)'),
                ),
                returns="url, saved",
                returns_hint="tuple[str, Path]",
                binds="url, saved",
                asserts=(
                    f"assert url == {py_literal(FILE_URL)}",
                    'assert saved == tmp_path / "download.bin"',
                    'assert saved.read_bytes() == b"".join(CHUNKS)',
                    "assert_no_credentials(files.single())",
                    f"assert [raw_path(r) for r in api.requests[1:]] == [{py_literal(BASE_PATH + path)}] * {polls}",
                ),
                needs_tmp=True,
            )
        ]
        if job.failed:
            tests.append(
                StubTest(
                    name=f"{helper.name}_reports_failure",
                    api=(start, status(job.failed[0], None)),
                    steps=(("handle", call), ("url", "handle.wait(poll_interval=0.0)")),
                    returns="url",
                    returns_hint="str",
                    raises="JobFailedError",
                    asserts=("assert len(api.requests) == 2",),
                )
            )
        return tests

    def _pending_state(self, job: AsyncJob, status_schema: Schema) -> Any:
        """A state that is neither success nor failure (None if the schema allows none)."""
        done = {*job.succeeded, *job.failed}
        field_schema = self._property(status_schema, job.status_field)
        if isinstance(field_schema, EnumSchema):
            return next((v for v in field_schema.values if v not in done and v is not None), None)
        state = "running"
        while state in done:
            state += "-still"
        return state
