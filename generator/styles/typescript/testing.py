"""The table of the package's ``src/testing.ts``: each operation's default answer, by its TypeScript name."""

from __future__ import annotations

from ...core import fakes
from ...immutable import immutable
from ...ir import Api, AsyncJob, Operation, PresignedDownload
from .examples import call_args, schema_mapper
from .operations import HelperVM, OperationVM
from .package import PackageVM
from .types import ts_literal


def fake_table(api: Api, pkg: PackageVM) -> list[str]:
    """One JSON line per operation (``core.fakes``), named ``<resource>.<method>`` as the client calls it."""
    return fakes.fake_table(schema_mapper(api), _operations(pkg))


def _operations(pkg: PackageVM) -> list[tuple[Operation, str]]:
    return [(op.source, f"{resource.attr}.{op.name}") for resource in pkg.resources for op in resource.operations]


FILE_URL = "https://files.example.test/fake/file.bin"
"""Where the generated tests serve a file from the fake storage host."""
FAR_FUTURE = {"unix": "4102444800", "date-time": '"2100-01-01T00:00:00Z"'}
"""A presigned link's expiry in the generated tests, by ``expires-format``."""


@immutable
class FakeTestVM:
    """One generated test of a helper on the fake API: its title and the lines of its body."""

    title: str
    lines: tuple[str, ...]


def fake_tests(api: Api, pkg: PackageVM) -> list[FakeTestVM]:
    """A test per helper the fake can drive (pagers, saves, waits, jobs), each on example arguments."""
    by_id = {op.operation_id: (resource.attr, op) for resource in pkg.resources for op in resource.operations}
    tests = []
    driven = fakes.drivable(schema_mapper(api), _operations(pkg))
    for resource in pkg.resources:
        for op in resource.operations:
            if f"{resource.attr}.{op.name}" not in driven:
                continue
            for helper in op.helpers:
                lines = _lines(api, resource.attr, op, helper, by_id)
                if lines:
                    tests.append(FakeTestVM(f"{resource.attr}.{helper.name} on the fake API", lines))
    return tests


def _lines(
    api: Api, attr: str, vm: OperationVM, helper: HelperVM, by_id: dict[str, tuple[str, OperationVM]]
) -> tuple[str, ...]:
    name = ts_literal(f"{attr}.{vm.name}")
    target = f"client.{attr}.{helper.name}"
    served = f"fake.serveFile({ts_literal(FILE_URL)}, {ts_literal('fake file')});"
    check_saved = f"assert.equal(await readFile(saved, {ts_literal('utf8')}), {ts_literal('fake file')});"
    if helper.paginates:
        args = [a for a in call_args(api, vm, skip=_position(vm, helper), runnable=True) if a != "{}"]
        return (
            "const items: unknown[] = [];",
            f"for await (const item of {target}({', '.join(args)})) items.push(item);",
            "assert.ok(items.length > 0);",
            f"assert.ok(fake.calls({name}).length > 0);",
        )
    if helper.waits_ready:
        args = call_args(api, vm, runnable=True)
        if vm.params_type is not None and not args[len(vm.path_args) :]:
            args.append("{}")
        return (
            f"fake.notReady({name}, {{ times: 1 }});",
            f"await {target}({', '.join([*args, '{ pollIntervalMs: 0 }'])});",
            f"assert.equal(fake.calls({name}).length, 2);",
        )
    save = f"const saved = await {target}({', '.join(call_args(api, vm, extra=('target',), runnable=True))});"
    if helper.saves_stream:
        return (save, f"assert.equal(await readFile(saved, {ts_literal('utf8')}), {ts_literal(EXAMPLE_TEXT)});")
    if helper.saves_redirect:
        return (
            served,
            f"fake.script({name}, {{ status: 303, headers: {{ Location: {ts_literal(FILE_URL)} }} }});",
            save,
            check_saved,
        )
    if helper.saves_presigned:
        link = next((b for b in vm.source.behaviours if isinstance(b, PresignedDownload)), None)
        if link is None:
            return ()
        members = [f"{ts_literal(link.url_field)}: {ts_literal(FILE_URL)}"]
        if link.expires_field:
            members.append(f"{ts_literal(link.expires_field)}: {FAR_FUTURE[link.expires_format]}")
        body = f"{{ ...(fake.body({name}) as object), {', '.join(members)} }}"
        return (served, f"fake.script({name}, {{ json: {body} }});", save, check_saved)
    if helper.follows_job:
        job = next((b for b in vm.source.behaviours if isinstance(b, AsyncJob)), None)
        if job is None or not job.result_url_field or job.poll_operation_id not in by_id:
            return ()
        poll_attr, poll = by_id[job.poll_operation_id]
        poll_name = ts_literal(f"{poll_attr}.{poll.name}")
        status, url = ts_literal(job.status_field), ts_literal(job.result_url_field)
        state = ts_literal(job.succeeded[0])
        done = f"{{ ...(fake.body({poll_name}) as object), {status}: {state}, {url}: {ts_literal(FILE_URL)} }}"
        args = [a for a in call_args(api, vm, runnable=True) if a != "{}"]
        return (
            served,
            f"fake.job({poll_name}, null, {done}, {{ polls: 0 }});",
            f"const job = await {target}({', '.join(args)});",
            "const saved = await job.saveTo(target, { pollIntervalMs: 0 });",
            check_saved,
        )
    return ()


def _position(vm: OperationVM, helper: HelperVM) -> str | None:
    return next((a.name for a in vm.params if f"{a.name}: position" in helper.call), None)


EXAMPLE_TEXT = "example file content"
