"""The table of the package's ``testing`` module: each operation's default answer, by its Python name."""

from __future__ import annotations

from ...core import fakes
from ...core.operations import HelperKind
from ...core.test_values import runnable_scalar
from ...immutable import immutable
from ...ir import AsyncJob, Operation, PresignedDownload
from .examples import example_code
from .operations import HelperVM, OperationVM
from .package import PackageVM
from .types import py_literal


def fake_table(pkg: PackageVM) -> list[str]:
    """One JSON line per operation (``core.fakes``), named ``<resource>.<method>`` as the client calls it."""
    return fakes.fake_table(pkg.models.mapper, _operations(pkg))


def _operations(pkg: PackageVM) -> list[tuple[Operation, str]]:
    return [(op.source, f"{resource.attr}.{op.name}") for resource in pkg.resources for op in resource.operations]


def fake_count(pkg: PackageVM) -> int:
    """How many operations the fake answers."""
    return sum(len(resource.operations) for resource in pkg.resources)


def fake_example(pkg: PackageVM) -> str:
    """The name of the first operation, for the README's example of the fake."""
    return next((f"{r.attr}.{op.name}" for r in pkg.resources for op in r.operations), "resource.method")


FILE_URL = "https://files.example.test/fake/file.bin"
"""Where the generated tests serve a file from the fake storage host."""
FAR_FUTURE = {"unix": "4102444800", "date-time": '"2100-01-01T00:00:00Z"'}
"""A presigned link's expiry in the generated tests, by ``expires-format`` (as Python literals)."""


@immutable
class FakeTestVM:
    """One generated test of a helper on the fake API: its name, whether it takes ``tmp_path``, its body."""

    name: str
    uses_path: bool
    lines: tuple[str, ...]


def fake_tests(pkg: PackageVM) -> list[FakeTestVM]:
    """A test per helper the fake can drive (pagers, saves, waits, jobs), each on example arguments."""
    by_id = {op.operation_id: (resource.attr, op) for resource in pkg.resources for op in resource.operations}
    tests: list[FakeTestVM] = []
    driven = fakes.drivable(pkg.models.mapper, _operations(pkg))
    for resource in pkg.resources:
        for op in resource.operations:
            if f"{resource.attr}.{op.name}" not in driven:
                continue
            for helper in op.helpers:
                arguments = _arguments(pkg, helper)
                if arguments is None:
                    continue
                test = _test(f"{resource.attr}.{op.name}", op, helper, arguments, by_id)
                if test is not None:
                    tests.append(test)
    return tests


def _arguments(pkg: PackageVM, helper: HelperVM) -> str | None:
    """The helper's required arguments as example code; None when one has no example (a raw body)."""
    parts = []
    for arg in helper.args:
        if arg.default is not None:
            continue
        if arg.schema is None:
            return None
        runnable = runnable_scalar(pkg.models.mapper, arg.schema)  # the call runs: a value the client takes
        code = (
            py_literal(runnable) if runnable is not None else arg.example or example_code(pkg.models.mapper, arg.schema)
        )
        parts.append(code if not arg.keyword_only else f"{arg.name}={code}")
    return ", ".join(parts)


def _test(
    name: str, op: OperationVM, helper: HelperVM, arguments: str, by_id: dict[str, tuple[str, OperationVM]]
) -> FakeTestVM | None:
    resource = name.split(".")[0]
    call = f"client.{resource}.{helper.name}({arguments}"
    test = f"test_{resource}_{helper.name}_on_the_fake"
    if helper.kind is HelperKind.PAGINATE:
        lines: tuple[str, ...] = (f"items = list({call}))", "assert items", f"assert fake.calls({py_literal(name)})")
        return FakeTestVM(test, False, lines)
    if helper.kind is HelperKind.WAIT_READY:
        lines = (
            f"fake.not_ready({py_literal(name)}, times=1)",
            f"{call}{', ' if arguments else ''}poll_interval=0.0)",
            f"assert len(fake.calls({py_literal(name)})) == 2",
        )
        return FakeTestVM(test, False, lines)
    save = f"{call}{', ' if arguments else ''}path=tmp_path / {py_literal('file.bin')})"
    served = f"fake.serve_file({py_literal(FILE_URL)}, {py_literal(b'fake file')})"
    if helper.kind is HelperKind.SAVE_STREAM:
        return FakeTestVM(
            test, True, (f"saved = {save}", f"assert saved.read_bytes() == {py_literal(b'example file content')}")
        )
    if helper.kind is HelperKind.SAVE_REDIRECT:
        reply = f"Reply(303, headers={{{py_literal('Location')}: {py_literal(FILE_URL)}}})"
        lines = (served, f"fake.script({py_literal(name)}, {reply})", f"saved = {save}", _saved)
        return FakeTestVM(test, True, lines)
    if helper.kind is HelperKind.SAVE_PRESIGNED:
        link = next((b for b in op.source.behaviours if isinstance(b, PresignedDownload)), None)
        if link is None:
            return None
        fields = {link.url_field: py_literal(FILE_URL)}
        if link.expires_field:
            fields[link.expires_field] = FAR_FUTURE[link.expires_format]
        body = (
            "{**fake.body(" + py_literal(name) + "), " + ", ".join(f"{py_literal(k)}: {v}" for k, v in fields.items())
        )
        lines = (served, f"fake.script({py_literal(name)}, Reply(200, json={body}}}))", f"saved = {save}", _saved)
        return FakeTestVM(test, True, lines)
    if helper.kind is HelperKind.JOB:
        job = next((b for b in op.source.behaviours if isinstance(b, AsyncJob)), None)
        if job is None or not job.result_url_field or job.poll_operation_id not in by_id:
            return None
        poll_resource, poll = by_id[job.poll_operation_id]
        poll_name = py_literal(f"{poll_resource}.{poll.name}")
        status, url = py_literal(job.status_field), py_literal(job.result_url_field)
        done = "{**fake.body(" + poll_name + "), " + f"{status}: {py_literal(job.succeeded[0])}, {url}: "
        lines = (
            served,
            f"fake.job({poll_name}, None, {done}{py_literal(FILE_URL)}}}, polls=0)",
            f"handle = {call})",
            f"saved = handle.save(tmp_path / {py_literal('file.bin')}, poll_interval=0.0)",
            _saved,
        )
        return FakeTestVM(test, True, lines)
    return None


_saved = f"assert saved.read_bytes() == {py_literal(b'fake file')}"
