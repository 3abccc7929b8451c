"""The tests of an operation's helpers: save to a file, presigned links, redirects, waits, pages and jobs.

Downloads are answered by the same recording ``fetch`` as the API, so each test also
checks that no credential went with them.
"""

from __future__ import annotations

from typing import Any

from ...core import test_exchange as exchange
from ...core.test_values import example
from ...ir import ArraySchema, ObjectSchema, PrimitiveSchema
from .operations import HelperVM
from .stub_cases import FILE_URL, OperationTests, TsTest
from .test_values import ts_value
from .types import ts_literal


class HelperTests(OperationTests):
    """The tests of one operation and of its helpers."""

    def tests(self) -> list[TsTest]:
        if not exchange.callable_in_tests(self.mapper, self.auth, self.vm.source):
            return []
        found = super().tests()
        for helper in self.vm.helpers:
            found.extend(getattr(self, f"_helper_{helper.kind.value}")(helper.name, helper))
        return found

    def _save_call(self, name: str) -> str:
        return f"{self.target}.{name}({self._args(self.values, 'target')})"

    def _saves(self, name: str, file: str, text: str) -> list[str]:
        """The lines checking that the helper ``name`` saves to ``file`` in a new folder and that it holds ``text``."""
        return [
            f"const target = join(await tempDir(), {ts_literal(file)});",
            f"assert.equal(await {self._save_call(name)}, target);",
            f'assert.equal(await readFile(target, "utf8"), {text});',
        ]

    def _rejects(self, call: str, error: str) -> list[str]:
        """The lines checking that ``call`` rejects with the runtime's ``error`` (then imported by the test file)."""
        self.used.add(error)
        return [f"const error = await rejection({call});", f"assert.ok(error instanceof {error}, String(error));"]

    def _file_checks(self) -> list[str]:
        return [
            "assert.equal(m.seen.length, 2);",
            f"assert.equal(m.seen[1]?.url, {ts_literal(FILE_URL)});",
            "assertNoCredentials(m.seen[1]);",
        ]

    def _helper_save_stream(self, name: str, helper: HelperVM) -> list[TsTest]:
        return [
            self._test(
                f"{name} writes the body to a file and refuses to overwrite it",
                f"const m = mock({self._reply()});",
                *self._saves(name, "out.bin", 'CHUNKS.join("")'),
                *self._rejects(self._save_call(name), "FileExistsError"),
                "assert.equal(m.seen.length, 1);",
                "assert.deepEqual(await partFiles(target), []);",
            )
        ]

    def _link(self, field: str, expiry: str | None, expires_in: str) -> str:
        value = self._success_value()
        base = self._success_json() if isinstance(value, dict) else ts_value({})
        parts = [f"...{base}", f"[{field}]: {ts_literal(FILE_URL)}"]
        if expiry:
            parts.append(f"[{expiry}]: {self._expiry(expiry, expires_in)}")
        return "{ " + ", ".join(parts) + " }"

    def _expiry(self, field: str, seconds: str) -> str:
        schema = self._success_schema()
        resolved = self.mapper.resolve(schema) if schema is not None else None
        prop = None
        if isinstance(resolved, ObjectSchema):
            prop = next((p for p in resolved.properties if ts_literal(p.name) == field), None)
        kind = self.mapper.resolve(prop.schema) if prop is not None else None
        if isinstance(kind, PrimitiveSchema) and kind.kind in ("integer", "number"):
            return f"Math.floor(Date.now() / 1000) + {seconds}"
        return f"new Date(Date.now() + {seconds} * 1000).toISOString()"

    def _helper_save_presigned(self, name: str, helper: HelperVM) -> list[TsTest]:
        expiry = helper.expires or None
        found = [
            self._test(
                f"{name} fetches the presigned link without credentials",
                f"const m = mock(json({self._link(helper.url, expiry, '3600')}), fileReply());",
                *self._saves(name, "file.bin", "FILE_TEXT"),
                *self._file_checks(),
            )
        ]
        if expiry:
            found.append(
                self._test(
                    f"{name} refuses an expired link before downloading, after asking for new ones",
                    # the first link and the new ones asked for (the runtime's MAX_LINK_REFRESHES) all expired
                    "const m = mock(" + ", ".join([f"json({self._link(helper.url, expiry, '-60')})"] * 3) + ");",
                    'const target = join(await tempDir(), "file.bin");',
                    *self._rejects(self._save_call(name), "LinkExpiredError"),
                    "assert.equal(m.seen.length, 3);",
                )
            )
        return found

    def _helper_save_many(self, name: str, helper: HelperVM) -> list[TsTest]:
        return []  # each file is saved by the helper saving one, tested above; the flows test the batch

    def _helper_presigned_size(self, name: str, helper: HelperVM) -> list[TsTest]:
        link = self._link(helper.head, helper.expires or None, "3600")
        return [
            self._test(
                f"{name} asks the storage with HEAD, without credentials",
                f'const m = mock(json({link}), new Response(null, {{ headers: {{ "content-length": "1234" }} }}));',
                f"assert.equal(await {self.target}.{name}({self._args(self.values)}), 1234);",
                'assert.equal(m.seen[1]?.method, "HEAD");',
                f"assert.equal(m.seen[1]?.url, {ts_literal(FILE_URL)});",
                "assertNoCredentials(m.seen[1]);",
            )
        ]

    def _helper_save_redirect(self, name: str, helper: HelperVM) -> list[TsTest]:
        location = f"new Response(null, {{ status: 303, headers: {{ location: {ts_literal(FILE_URL)} }} }})"
        trigger = helper.trigger
        return [
            self._test(
                f"{name} follows the redirect without credentials",
                f"const m = mock({location}, fileReply());",
                *self._saves(name, "file.bin", "FILE_TEXT"),
                f"assert.equal(queryValue(m.seen[0], {trigger}), {ts_literal(helper.value)});",
                *self._file_checks(),
            )
        ]

    def _helper_wait_ready(self, name: str, helper: HelperVM) -> list[TsTest]:
        value = self._success_json()
        args = self._args(self.values)

        def call(wait: str) -> str:  # the wait options follow the arguments, when there are any
            return f"{self.target}.{name}({', '.join(part for part in (args, wait) if part)})"

        return [
            self._test(
                f"{name} calls again while the API answers 409",
                f"const m = mock(json(ERROR_BODY, 409), json(ERROR_BODY, 409), json({value}));",
                f"assert.deepEqual(await {call('{ timeoutMs: 5000, pollIntervalMs: 1 }')}, {value});",
                "assert.equal(m.seen.length, 3);",
            ),
            self._test(
                f"{name} gives up at its deadline",
                "const m = mock(...Array.from({ length: 50 }, () => json(ERROR_BODY, 409)));",
                *self._rejects(call("{ timeoutMs: 20, pollIntervalMs: 5 }"), "NotReadyTimeoutError"),
            ),
        ]

    def _helper_paginate(self, name: str, helper: HelperVM) -> list[TsTest]:
        value = self._success_value()
        base = value if isinstance(value, dict) else {}
        plan = helper.plan.page
        if plan is None:  # pages named by each answer: proven by the flow tests
            return []
        items_key, total_key = plan.items_field, plan.total_field
        schema = self._success_schema()
        response = self.mapper.resolve(schema) if schema is not None else None
        item: Any = {}
        if isinstance(response, ObjectSchema):
            prop = next((p for p in response.properties if p.name == items_key), None)
            items = self.mapper.resolve(prop.schema) if prop is not None else None
            if isinstance(items, ArraySchema):
                item = example(self.mapper, items.items, reading=True)

        def page(count: int) -> str:
            body = {**base, items_key: [item] * count}
            if total_key is not None:
                body[total_key] = 3
            return f"json({ts_value(body)})"

        call = self._helper_call(name)
        page_member = next((a for a in self.vm.params if f"{a.name}: position" in call), None)
        size_member = helper.size.removeprefix("params.") or None
        values = {**self.values, **({size_member: 2} if size_member else {})}
        args = self._args(values, skip=page_member.name if page_member else None)
        requests = 2 if total_key is not None or size_member else 3
        return [
            self._test(
                f"{name} walks the pages until the last one",
                f"const m = mock({page(2)}, {page(1)}, {page(0)});",
                "const items = [];",
                f"for await (const item of {self.target}.{name}({args})) items.push(item);",
                "assert.equal(items.length, 3);",
                f"assert.equal(m.seen.length, {requests});",
            )
        ]

    def _helper_job(self, name: str, helper: HelperVM) -> list[TsTest]:
        started = self._success_json()
        job = helper.plan.job
        assert job is not None
        status_key, url_key = job.status_field, job.url_field
        succeeded, failed = str(job.succeeded[0]), [str(v) for v in job.failed]
        poll_vm = next(vm for vm in self.resource.operations if vm.name == helper.poll)
        poll_tests = OperationTests(self.api, self.auth, self.resource, poll_vm, self.spelled)
        poll_base = poll_tests._success_value()
        poll_base = poll_base if isinstance(poll_base, dict) else {}

        def poll(state: str, link: bool = False) -> str:
            body = {**poll_base, status_key: state}
            if link:
                body[url_key] = FILE_URL
            return f"json({ts_value(body)})"

        found = [
            self._test(
                f"{name} polls until the job succeeds, then saves its result without credentials",
                f"const m = mock(json({started}), {poll('still-running')}, {poll(succeeded, True)}, fileReply());",
                f"const job = await {self.target}.{name}({self._args(self.values)});",
                'const target = join(await tempDir(), "result.bin");',
                "assert.equal(await job.saveTo(target, { pollIntervalMs: 1 }), target);",
                'assert.equal(await readFile(target, "utf8"), FILE_TEXT);',
                "assert.equal(m.seen.length, 4);",
                f"assert.equal(m.seen[3]?.url, {ts_literal(FILE_URL)});",
                "assertNoCredentials(m.seen[3]);",
            )
        ]
        if failed:
            found.append(
                self._test(
                    f"{name} throws JobFailedError when the job fails",
                    f"const m = mock(json({started}), {poll(failed[0])});",
                    f"const job = await {self.target}.{name}({self._args(self.values)});",
                    *self._rejects("job.wait({ pollIntervalMs: 1 })", "JobFailedError"),
                    f"assert.equal(error.status, {ts_literal(failed[0])});",
                )
            )
        return found
