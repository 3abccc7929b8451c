"""Helpers built on an operation's download behaviours: save to a file, wait until ready, iterate pages, follow a job.

Behaviour fields are read from responses with ``rt.pick`` and converted by the runtime
(``rt.linkOf``, ``rt.asExpiry``, ``rt.asItems``, ``rt.asCount``), so a helper compiles
whatever type the spec gives those fields, and a response without them fails clearly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ...ir import ArraySchema, AsyncJob, ObjectSchema, Pagination, RedirectDownload
from . import naming
from .models import ModelSet
from .operations import OPTIONS, HelperVM, OperationVM, json_content, presigned, success_response
from .types import literal_from_json, ts_literal

SAVE = "save: rt.SaveOptions = {}"
WAIT = "wait: rt.WaitOptions = {}"
AddHelper = Callable[..., None]


def add_helpers(models: ModelSet, vm: OperationVM, members: set[str], by_id: dict[str, OperationVM]) -> OperationVM:
    """``vm`` with the helpers its behaviours call for; their names are added to ``members``."""
    helpers: list[HelperVM] = []
    op = vm.source

    def add(kind: str, base: str, signature: str, call: str, **extra: str) -> None:
        name = naming.unique([naming.camel(base)], members)[0]
        members.add(name)
        helpers.append(HelperVM(kind=kind, name=name, signature=signature, call=call, extra=extra))

    save_signature = vm.signature("path: string", options=f"{SAVE}, {OPTIONS}")
    redirect = next((b for b in op.behaviours if isinstance(b, RedirectDownload) and b.trigger_parameter), None)
    link = presigned(op)
    if vm.kind == "stream":
        add("save_stream", f"{vm.name}_to_file", save_signature, vm.call())
    elif redirect is not None and redirect.trigger_parameter is not None:
        add(
            "save_redirect",
            f"{vm.name}_to_file",
            save_signature,
            vm.call(),
            trigger=ts_literal(redirect.trigger_parameter),
            value=literal_from_json(redirect.trigger_value_json) or "true",
            header=ts_literal(redirect.location_header),
        )
    elif link is not None and vm.kind == "json":
        expires = ts_literal(link.expires_field) if link.expires_field else ""
        add(
            "save_presigned",
            f"{vm.name}_to_file",
            save_signature,
            vm.call(),
            url=ts_literal(link.url_field),
            expires=expires,
        )
        if link.head_url_field is not None:
            add(
                "presigned_size",
                f"{vm.name}_size",
                vm.signature(),
                vm.call(),
                head=ts_literal(link.head_url_field),
                expires=expires,
            )
    if op.method == "get" and any(r.status == "409" for r in op.responses) and vm.kind == "json":
        base = vm.name[3:] if vm.name.startswith("get") and len(vm.name) > 3 else vm.name
        add("wait_ready", f"wait_for_{base}", vm.signature(options=f"{WAIT}, {OPTIONS}"), vm.call())
    page = next((b for b in op.behaviours if isinstance(b, Pagination)), None)
    if page is not None:
        _pagination(models, vm, page, add)
    for job in (b for b in op.behaviours if isinstance(b, AsyncJob)):
        _job(vm, job, by_id, add)
    return replace(vm, helpers=tuple(helpers))


def _pagination(models: ModelSet, vm: OperationVM, page: Pagination, add: AddHelper) -> None:
    page_arg = next((a for a in vm.params if a.key == page.page_parameter and a.location == "query"), None)
    size_arg = next((a for a in vm.params if a.key == page.size_parameter and a.location == "query"), None)
    if page_arg is None or vm.kind != "json" or vm.params_type is None:
        return
    response = success_response(vm.source)
    content = json_content(response.contents) if response else None
    schema = models.types.resolve(content.schema) if content and content.schema else None
    item_type = "unknown"
    if isinstance(schema, ObjectSchema):
        prop = next((p for p in schema.properties if p.name == page.items_field), None)
        if prop is None:
            return
        items = models.types.resolve(prop.schema)
        if isinstance(items, ArraySchema):
            item_type = models.types.type(items.items)
    omitted = f"Omit<{vm.params_type}, {ts_literal(page_arg.name)}>"
    add(
        "paginate",
        f"iter_{vm.name[3:] if vm.name.startswith('get') and len(vm.name) > 3 else vm.name}",
        vm.signature(params_type=omitted),
        vm.call(params=f"{{ ...params, {page_arg.name}: position }}"),
        items_field=ts_literal(page.items_field),
        total=ts_literal(page.total_field) if page.total_field else "",
        size=f"params.{size_arg.name}" if size_arg else "",
        item_type=item_type,
        first_page=str(page.first_page),
        step=ts_literal(page.style),
    )


def _job(vm: OperationVM, job: AsyncJob, by_id: dict[str, OperationVM], add: AddHelper) -> None:
    poll_vm = by_id.get(job.poll_operation_id)
    if poll_vm is None or poll_vm.kind != "json" or vm.kind != "json" or not job.result_url_field:
        return  # the polling operation is in another resource or returns no JSON
    sources = dict(job.parameters)
    positional = []
    for arg in poll_vm.path_args:
        if arg.key not in sources:
            return
        positional.append(f"rt.pick(started, {ts_literal(sources[arg.key])}) as {arg.type}")
    members = []
    for arg in poll_vm.params:
        if arg.key in sources:
            members.append(f"{arg.name}: rt.pick(started, {ts_literal(sources[arg.key])}) as {arg.type}")
        elif not arg.optional:
            return
    call = positional + ([("{ " + ", ".join(members) + " }") if members else "{}"] if poll_vm.params_type else [])
    call.append("options")
    first = ts_literal(job.parameters[0][1]) if job.parameters else None
    status = job.status_field
    add(
        "job",
        f"{vm.name}_job",
        vm.signature(),
        vm.call(),
        poll=poll_vm.name,
        poll_call=", ".join(call),
        status_type=poll_vm.return_type,
        status=ts_literal(status),
        url=ts_literal(job.result_url_field),
        job_id=f'String(rt.pick(started, {first}) ?? "")' if first else '""',
        succeeded="[" + ", ".join(ts_literal(str(v)) for v in job.succeeded) + "]",
        failed="[" + ", ".join(ts_literal(str(v)) for v in job.failed) + "]",
    )
