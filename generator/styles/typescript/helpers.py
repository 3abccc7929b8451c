"""The helper methods of an operation, as the core plans them, in TypeScript's names and literals.

Behaviour fields are read from responses with ``rt.pick`` and converted by the runtime
(``rt.linkOf``, ``rt.asExpiry``, ``rt.asItems``, ``rt.asCount``), so a helper compiles
whatever type the spec gives those fields, and a response without them fails clearly.
"""

from __future__ import annotations

from dataclasses import replace

from ...core.operations import FollowPlan, HelperKind, HelperPlan, JobPlan, helper_plans
from . import naming
from .models import ModelSet
from .operations import OPTIONS, HelperVM, OperationVM
from .types import literal_from_json, ts_literal

SAVE = "save: rt.TransferOptions = {}"
MANY = "many: rt.ManyOptions = {}"
WAIT = "wait: rt.WaitOptions = {}"


def add_helpers(models: ModelSet, vm: OperationVM, members: set[str], by_id: dict[str, OperationVM]) -> OperationVM:
    """``vm`` with the helpers its behaviours call for; their names are added to ``members``."""
    helpers: list[HelperVM] = []
    without_get = vm.name[3:] if vm.name.startswith("get") and len(vm.name) > 3 else vm.name
    for plan in helper_plans(models.types.resolve, vm.source, lambda oid: by_id[oid].source if oid in by_id else None):
        name = naming.unique([naming.camel(plan.kind.base_name(vm.name, without_get))], members)[0]
        members.add(name)
        if plan.kind is HelperKind.SAVE_MANY:
            single = next(h for h in reversed(helpers) if h.saves_file)
            helpers.append(_many(vm, single, plan, name))
        else:
            helpers.append(_helper(models, vm, plan, name, by_id))
    return replace(vm, helpers=tuple(helpers))


def _many(vm: OperationVM, single: HelperVM, plan: HelperPlan, name: str) -> HelperVM:
    """A helper saving many files with ``single``, taking a list of the one path argument."""
    [key] = vm.path_args
    parts = [f"ids: Iterable<{key.type}>", "folder: string"]
    call = ["id", "folder"]
    if vm.params_type is not None:
        parts.append(f"params: {vm.params_type} = {{}}" if vm.params_optional else f"params: {vm.params_type}")
        call.append("params")
    parts += [MANY, OPTIONS]
    call += ["{ skipIdentical: true, ...each, ...item }", "options"]
    signature, single_call = ", ".join(parts), ", ".join(call)
    return HelperVM(
        plan.kind, name, signature, "", plan, single=single.name, single_call=single_call, key_type=key.type
    )


def _key(field: str | None) -> str:
    return ts_literal(field) if field else ""


def _checksum(plan: HelperPlan, value: str) -> str:
    """The runtime call reading the digest the spec declares (``x-checksum``) from the expression ``value``."""
    assert plan.checksum is not None
    algorithm, encoding = ts_literal(plan.checksum.algorithm), ts_literal(plan.checksum.encoding)
    return f"rt.declaredChecksum({algorithm}, {encoding}, {value})"


def _helper(models: ModelSet, vm: OperationVM, plan: HelperPlan, name: str, by_id: dict[str, OperationVM]) -> HelperVM:
    if plan.kind.saves_file:
        signature = vm.signature("path: string", options=f"{SAVE}, {OPTIONS}")
    elif plan.kind is HelperKind.WAIT_READY:
        signature = vm.signature(options=f"{WAIT}, {OPTIONS}")
    else:
        signature = vm.signature()
    if plan.redirect is not None:
        redirect = plan.redirect
        value = literal_from_json(redirect.value_json) or "true"
        trigger, header = ts_literal(redirect.parameter), ts_literal(redirect.header)
        header_checksum = plan.checksum.header if plan.checksum is not None else None
        checksum = _checksum(plan, f"sent.response.headers.get({_key(header_checksum)})") if header_checksum else ""
        return HelperVM(
            plan.kind, name, signature, vm.call(), plan, trigger=trigger, value=value, header=header, checksum=checksum
        )
    if plan.presigned is not None:
        link = plan.presigned
        url, expires, head = _key(link.url_field), _key(link.expires_field), _key(link.head_field)
        field = plan.checksum.body_field if plan.checksum is not None and plan.kind.saves_file else None
        checksum = _checksum(plan, f"rt.pick(link, {_key(field)})") if field else ""
        return HelperVM(
            plan.kind, name, signature, vm.call(), plan, url=url, expires=expires, head=head, checksum=checksum
        )
    if plan.page is not None:
        page = plan.page
        position = next(a.name for a in vm.params if a.key == page.page and a.location == "query")
        size = next((a.name for a in vm.params if a.key == page.size and a.location == "query"), None)
        return HelperVM(
            plan.kind,
            name,
            vm.signature(params_type=f"Omit<{vm.params_type}, {ts_literal(position)}>"),
            vm.call(params=f"{{ ...params, {position}: position }}"),
            plan,
            items_field=ts_literal(page.items_field),
            total=_key(page.total_field),
            size=f"params.{size}" if size else "",
            item_type=models.types.type(page.item) if page.item is not None else "unknown",
            first_page=str(page.first_page),
            step=ts_literal(page.step),
        )
    if plan.follow is not None:
        return _follow(models, vm, plan, plan.follow, name)
    if plan.job is not None:
        return _job(vm, plan, plan.job, name, signature, by_id)
    return HelperVM(plan.kind, name, signature, vm.call(), plan)


def _follow(models: ModelSet, vm: OperationVM, plan: HelperPlan, follow: FollowPlan, name: str) -> HelperVM:
    """A pager whose answers name the next page: a cursor sent back, a next URL in the body, the Link header."""
    cursor = next((a.name for a in vm.params if a.key == follow.cursor and a.location == "query"), None)
    if cursor is not None:
        signature = vm.signature(params_type=f"Omit<{vm.params_type}, {ts_literal(cursor)}>")
        call = vm.call(params=f"{{ ...params, {cursor}: cursor }}", options="pageOptions")
    else:
        signature, call = vm.signature(), vm.call(options="pageOptions")
    members = [f"kind: {ts_literal(follow.style)}"]
    members += [f"{naming.camel(key)}: [{', '.join(ts_literal(p) for p in path)}]" for key, path in follow.paths]
    if follow.last_item:
        members.append(f"lastItem: {ts_literal(follow.last_item)}")
    return HelperVM(
        plan.kind,
        name,
        signature,
        call,
        plan,
        items_field=_key(follow.items_field),
        item_type=models.types.type(follow.item) if follow.item is not None else "unknown",
        follow="{ " + ", ".join(members) + " }",
    )


def _job(
    vm: OperationVM, plan: HelperPlan, job: JobPlan, name: str, signature: str, by_id: dict[str, OperationVM]
) -> HelperVM:
    poll = by_id[job.poll.operation_id]
    sources = dict(job.forwards)
    positional = [f"rt.pick(started, {ts_literal(sources[a.key or ''])}) as {a.type}" for a in poll.path_args]
    members = [
        f"{a.name}: rt.pick(started, {ts_literal(sources[a.key])}) as {a.type}"
        for a in poll.params
        if a.key is not None and a.key in sources
    ]
    call = positional + ([("{ " + ", ".join(members) + " }") if members else "{}"] if poll.params_type else [])
    call.append("options")
    return HelperVM(
        plan.kind,
        name,
        signature,
        vm.call(),
        plan,
        poll=poll.name,
        poll_call=", ".join(call),
        status_type=poll.return_type,
        status=ts_literal(job.status_field),
        url=ts_literal(job.url_field),
        job_id=f'String(rt.pick(started, {ts_literal(job.id_field)}) ?? "")' if job.id_field else '""',
        succeeded="[" + ", ".join(ts_literal(str(v)) for v in job.succeeded) + "]",
        failed="[" + ", ".join(ts_literal(str(v)) for v in job.failed) + "]",
    )
