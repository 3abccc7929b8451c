"""Example calls for the README, with values made from the spec (its own examples where it gives them).

Values come from the language-neutral ``readme_json``, so every style documents the
same calls.
"""

from __future__ import annotations

from ...core.examples import readme_json
from ...core.identity import by_identity
from ...core.multipart import PartKind
from ...core.schemas import SchemaIndex, body_roots, schema_index
from ...core.test_values import runnable_scalar
from ...ir import Api
from .operations import ArgVM, HelperVM, OperationVM
from .package import PackageVM
from .types import ts_literal


@by_identity
def schema_mapper(api: Api) -> SchemaIndex:
    """The index of the API's schemas the shared example and test-value functions read them through."""
    return schema_index(api, body_roots(api))


FILE_EXAMPLE = 'new Blob(["file"])'
"""A file part of a multipart form (its member is a ``Blob``, never the bytes a raw body also takes)."""
RAW_BODY_EXAMPLE = "new Uint8Array([1, 2, 3])"


def example_value(api: Api, arg: ArgVM, *, runnable: bool = False) -> str:
    """``arg``'s README example as TypeScript; ``runnable``: one the client takes (``runnable_scalar``), for a test."""
    if arg.part is PartKind.FILE:
        return FILE_EXAMPLE
    if arg.part is PartKind.FILES:
        return f"[{FILE_EXAMPLE}]"
    if arg.schema is None:
        return '"..."' if arg.location != "body" or "Blob" not in arg.type else RAW_BODY_EXAMPLE
    taken = runnable_scalar(schema_mapper(api), arg.schema) if runnable else None
    return ts_literal(taken if taken is not None else readme_json(schema_mapper(api), arg.schema))


def call_args(
    api: Api, vm: OperationVM, *, extra: tuple[str, ...] = (), skip: str | None = None, runnable: bool = False
) -> list[str]:
    """Path arguments, ``extra`` ones, then the params object with its required members (``runnable``: values
    the client takes, for a test that runs the call)."""
    args = [example_value(api, a, runnable=runnable) for a in vm.path_args] + list(extra)
    if vm.params_type is not None:
        members = [
            f"{a.name}: {example_value(api, a, runnable=runnable)}"
            for a in vm.params
            if not a.optional and a.name != skip
        ]
        if members:
            args.append("{ " + ", ".join(members) + " }")
        elif extra or skip is None:
            args.append("{}")
    return args


def readme_examples(api: Api, pkg: PackageVM) -> tuple[dict[str, str], dict[str, str]]:
    """Code for each operation (by operationId) and each helper (by ``operationId/helper``)."""
    calls: dict[str, str] = {}
    helpers: dict[str, str] = {}
    for resource in pkg.resources:
        for vm in resource.operations:
            target = f"client.{resource.attr}.{vm.name}"
            args = call_args(api, vm)
            if args and args[-1] == "{}":
                args = args[:-1]
            if vm.returns_stream:
                calls[vm.operation_id] = (
                    f"const streamed = await {target}({', '.join(args)});\n"
                    "const body = streamed.body; // ReadableStream<Uint8Array>"
                )
            elif vm.returns_nothing:
                calls[vm.operation_id] = f"await {target}({', '.join(args)});"
            else:
                calls[vm.operation_id] = f"const result = await {target}({', '.join(args)});"
            for helper in vm.helpers:
                helpers[f"{vm.operation_id}/{helper.name}"] = _helper_example(api, resource.attr, vm, helper)
    return calls, helpers


def _helper_example(api: Api, attr: str, vm: OperationVM, helper: HelperVM) -> str:
    target = f"client.{attr}.{helper.name}"
    if helper.saves_file:
        args = call_args(api, vm, extra=('"./downloads"',))
        return f"const file = await {target}({', '.join(args)}, {{ overwrite: false }}); // Node"
    if helper.waits_ready:
        args = call_args(api, vm, extra=())
        if vm.params_type is not None and not args[len(vm.path_args) :]:
            args.append("{}")
        return f"const ready = await {target}({', '.join(args)}, {{ timeoutMs: 300_000, pollIntervalMs: 5_000 }});"
    if helper.paginates:
        page = next((a.name for a in vm.params if f"{a.name}: position" in helper.call), None)
        args = [a for a in call_args(api, vm, skip=page) if a != "{}"]
        return f"for await (const item of {target}({', '.join(args)})) {{\n  console.log(item);\n}}"
    if helper.follows_job:
        args = [a for a in call_args(api, vm) if a != "{}"]
        return (
            f"const job = await {target}({', '.join(args)});\n"
            "const url = await job.wait({ timeoutMs: 600_000 });\n"
            'const file = await job.saveTo("./downloads"); // Node'
        )
    args = [a for a in call_args(api, vm) if a != "{}"]
    return f"const value = await {target}({', '.join(args)});"
