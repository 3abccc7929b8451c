"""The test-double package of a Go module: ``<module>/<package>test`` (as ``net/http/httptest``).

Its ``fake.go`` holds the example table (``core.fakes``, one JSON line per operation, named
``Service.Method`` as a caller writes it) on the runtime's ``apicore.FakeAPI``, and
``NewClient`` builds the package's client on it. Its ``fake_test.go`` drives every helper
the fake can answer (pagers, saves, waits, jobs) through that client; the test is an
external test package that imports the package's names unqualified, as its own tests write
them, so the example arguments of ``stubs`` serve as they are.
"""

from __future__ import annotations

from typing import Any

from ...core.fakes import drivable, fake_table
from ...core.test_values import plain
from ...immutable import immutable
from ...ir import Api, AsyncJob, PresignedDownload
from .literals import gostr
from .operations import HelperVM, OperationVM, ServiceVM
from .package import PackageVM
from .stubs import GoTest, GoValues, OperationTests, package_index

BASE_URL = "https://api.example.test"
FILE_URL = "https://files.example.test/fake/file.bin"
"""Where the generated tests serve a file from the fake storage host."""
FAR_FUTURE = {"unix": "4102444800", "date-time": '"2100-01-01T00:00:00Z"'}
"""A presigned link's expiry in the generated tests, by ``expires-format`` (JSON text)."""
WAIT = "WaitOptions{PollInterval: time.Millisecond, Timeout: 10 * time.Second}"


@immutable
class TestingVM:
    """What the test-double package's templates print."""

    folder: str
    """The folder and package name: ``<package>test``."""
    table: tuple[str, ...]
    credentials: tuple[str, ...]
    """The client options giving every credential a test value."""
    tests: tuple[GoTest, ...]
    scripted: str
    """The name of the first operation, for the README's example of scripting it."""
    follows: bool
    """Whether a pager follows the answers (cursor, next URL, Link header): the README says how it stops."""


def testing_package(api: Api, pkg: PackageVM) -> TestingVM:
    index = package_index(pkg)
    operations = [(op.source, f"{s.field}.{op.name}") for s in pkg.services for op in s.operations]
    table = tuple(fake_table(index, operations))
    credentials = tuple(
        f"{pkg.go_package}.{cred.option}({', '.join(gostr('test-' + arg.name) for arg in cred.args)})"
        for cred in pkg.credentials
    )
    by_id = {op.operation_id: (s, op) for s in pkg.services for op in s.operations}
    tests: list[GoTest] = []
    names: set[str] = set()
    driven = drivable(index, operations)
    for service in pkg.services:
        for vm in service.operations:
            if f"{service.field}.{vm.name}" not in driven:
                continue
            values = OperationTests(api, index, pkg, service, vm)
            for helper in vm.helpers:
                for suffix, lines in _tests(values, service, vm, helper, by_id):
                    name = f"Test{helper.name}{suffix}"
                    if lines and name not in names:
                        names.add(name)
                        tests.append(GoTest(name, lines))
    scripted = operations[0][1] if operations else ""
    follows = any(h.plan.follow is not None for s in pkg.services for op in s.operations for h in op.helpers)
    return TestingVM(pkg.go_package + "test", table, credentials, tuple(tests), scripted, follows)


def _args(values: OperationTests, vm: OperationVM) -> tuple[list[str], list[str]] | None:
    """(the path arguments, the params argument if any) as Go expressions of the example values."""
    go = GoValues(values.pkg.models.types)
    path = []
    for arg in vm.path_args:
        expr = go.expr(plain(values.values[arg.name]), arg.type, lenient=False)
        if expr is None:
            return None
        path.append(expr)
    if vm.params_type is None:
        return path, []
    fields = []
    for arg in vm.members:
        value = values.values[arg.name]
        if value is None and not arg.required:
            continue
        expr = f"[]byte({gostr(value)})" if arg.type == "[]byte" else go.expr(plain(value), arg.type, lenient=False)
        if expr is None:
            if arg.required:
                return None
            continue
        fields.append(f"{arg.name}: {expr}")
    return path, [f"&{vm.params_type}{{{', '.join(fields)}}}"]


def _tests(
    values: OperationTests,
    service: ServiceVM,
    vm: OperationVM,
    helper: HelperVM,
    by_id: dict[str, tuple[ServiceVM, OperationVM]],
) -> list[tuple[str, tuple[str, ...]]]:
    """(name suffix, body lines) of each test of ``helper`` on the fake; none when its arguments cannot be written."""
    found = _args(values, vm) if values.ok else None
    if found is None:
        return []
    path, params = found
    name = gostr(f"{service.field}.{vm.name}")
    target = f"client.{service.field}.{helper.name}"
    serve = f"fake.ServeFile(fileURL, []byte({gostr('fake file')}), time.Time{{}})"
    save = f"saved, err := {target}({', '.join(['ctx', *path, 'target', 'SaveOptions{}', *params])})"
    if helper.paginates:
        return [
            (
                "_WalksTheExample",
                (
                    f"items, err := {target}({', '.join([*path, *params])}).All(ctx)",
                    "if err != nil || len(items) == 0 {",
                    '\tt.Fatalf("items %v, error %v", items, err)',
                    "}",
                    f"expectCalls(t, fake, {name}, len(fake.Calls({name})))",
                ),
            )
        ]
    if helper.waits_ready:
        return [
            (
                "_WaitsOut409",
                (
                    f"fake.NotReady({name}, 1)",
                    f"if _, err := {target}({', '.join(['ctx', *path, WAIT, *params])}); err != nil {{",
                    '\tt.Fatalf("error %v", err)',
                    "}",
                    f"expectCalls(t, fake, {name}, 2)",
                ),
            )
        ]
    if helper.saves_stream:
        streamed: tuple[str, ...] = (save, "expectSaved(t, saved, err, fakes.ExampleFile)")
        cut = (
            f"fake.Script({name}, fakes.Reply{{Body: []byte({gostr('0123456789')}), CutAfter: 4}})",
            save,
            "if err == nil {",
            '\tt.Fatalf("a cut body was saved as %s", saved)',
            "}",
        )
        return [("_SavesTheExample", streamed), ("_RefusesACutBody", cut)]
    if helper.saves_redirect:
        redirect = f'fake.Script({name}, fakes.Reply{{Status: 303, Headers: map[string]string{{"Location": fileURL}}}})'
        return [("_FollowsTheRedirect", (serve, redirect, save, 'expectSaved(t, saved, err, "fake file")'))]
    if helper.saves_presigned:
        link = next((b for b in vm.source.behaviours if isinstance(b, PresignedDownload)), None)
        if link is None:
            return []
        lines = [f"body := fake.Body({name})", f"body[{gostr(link.url_field)}] = fileURL"]
        if link.expires_field:
            lines.append(f"body[{gostr(link.expires_field)}] = jsonValue(t, {gostr(FAR_FUTURE[link.expires_format])})")
        lines.append(f"fake.Script({name}, fakes.Reply{{JSON: body}})")
        saved = (serve, *lines, save, 'expectSaved(t, saved, err, "fake file")')
        expired = (
            f"fake.ServeFile(fileURL, []byte({gostr('fake file')}), time.Now().Add(-time.Minute))",
            *lines,
            save,
            "var denied *PermissionDeniedError",
            "if !errors.As(err, &denied) {",
            '\tt.Fatalf("saved %s, error %v; want the storage host\'s *PermissionDeniedError", saved, err)',
            "}",
            "if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {",
            '\tt.Fatalf("a file was left at %s", target)',
            "}",
            f"expectCalls(t, fake, {name}, 3)",
        )
        return [("_SavesThePresignedFile", saved), ("_AsksAgainThenStopsAtAnExpiredLink", expired)]
    if helper.follows_job:
        return _job_tests(vm, helper, target, path, params, serve, by_id)
    return []


def _job_tests(
    vm: OperationVM,
    helper: HelperVM,
    target: str,
    path: list[str],
    params: list[str],
    serve: str,
    by_id: dict[str, tuple[ServiceVM, OperationVM]],
) -> list[tuple[str, tuple[str, ...]]]:
    job = next((b for b in vm.source.behaviours if isinstance(b, AsyncJob)), None)
    if job is None or not job.result_url_field or job.poll_operation_id not in by_id or not job.succeeded:
        return []
    poll_service, poll = by_id[job.poll_operation_id]
    poll_name = gostr(f"{poll_service.field}.{poll.name}")
    start = f"job, err := {target}({', '.join(['ctx', *path, *params])})"
    started = ("if err != nil {", '\tt.Fatalf("starting: %v", err)', "}")

    def state(value: Any, var: str) -> list[str]:
        return [
            f"{var} := fake.Body({poll_name})",
            f"{var}[{gostr(job.status_field)}] = jsonValue(t, {gostr(_json(value))})",
            f"{var}[{gostr(job.result_url_field or '')}] = fileURL",
        ]

    waiting = next(v for v in ("pending", "queued", "waiting") if v not in (*job.succeeded, *job.failed))
    succeeded = (
        serve,
        *state(job.succeeded[0], "done"),
        *state(waiting, "pending"),
        f"fake.Job({poll_name}, pending, done, 1)",
        start,
        *started,
        f"saved, err := job.Save(ctx, target, {WAIT}, SaveOptions{{}})",
        'expectSaved(t, saved, err, "fake file")',
        f"expectCalls(t, fake, {poll_name}, 2)",
    )
    tests = [("_PollsThenSaves", succeeded)]
    if job.failed:
        failed = (
            *state(job.failed[0], "failed"),
            f"fake.Job({poll_name}, fake.Body({poll_name}), failed, 0)",
            start,
            *started,
            f"_, err = job.Wait(ctx, {WAIT})",
            "var jobFailed *JobFailedError",
            "if !errors.As(err, &jobFailed) {",
            '\tt.Fatalf("want a *JobFailedError, got %v", err)',
            "}",
        )
        tests.append(("_ReportsAFailedJob", failed))
    return tests


def _json(value: Any) -> str:
    import json

    return json.dumps(value)
