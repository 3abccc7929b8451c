"""The helper methods of an operation, as the core plans them, in Python's names and literals.

A helper reads the response's fields as the attributes of its model, and the
status method of a job gets its arguments from the started job's attributes.
"""

from __future__ import annotations

from ...core.operations import (
    FollowPlan,
    HelperKind,
    HelperPlan,
    helper_plans,
    many_key,
    sorted_parameters,
    success_schema,
)
from ...ir import DeclaredChecksum, ObjectSchema, Operation
from . import naming
from .operations import ArgVM, HelperVM, OperationVM, argument_names
from .types import TypeMapper, frozenset_literal, literal_from_json, py_literal


def build_helpers(
    mapper: TypeMapper, vm: OperationVM, members: set[str], by_id: dict[str, OperationVM]
) -> tuple[HelperVM, ...]:
    """The helpers of ``vm``; their names are added to ``members`` (the resource's method names)."""
    op = vm.source
    if op is None:
        return ()
    helpers: list[HelperVM] = []
    for plan in helper_plans(mapper.resolve, op, lambda oid: by_id[oid].source if oid in by_id else None):
        name = naming.unique([plan.kind.base_name(vm.name, vm.name.removeprefix("get_"))], members)[0]
        members.add(name)
        if plan.kind is HelperKind.SAVE_MANY:
            single = next(h for h in reversed(helpers) if h.saves_file)
            helpers.append(_many(op, vm, single, plan, name))
        else:
            helpers.append(_helper(mapper, op, vm, plan, name, by_id))
    return tuple(helpers)


def _many(op: Operation, vm: OperationVM, single: HelperVM, plan: HelperPlan, name: str) -> HelperVM:
    """A helper saving many files with ``single``, taking a list of its one required argument."""
    key = many_key(op, plan)
    assert key is not None
    key_arg = _argument(op, key.name)
    hint = next(a.hint for a in vm.args if a.name == key_arg)
    ids = ArgVM("ids", f"Iterable[{hint}]", None, None, keyword_only=False)
    return HelperVM(plan.kind, name, (ids,), single=single.name, key_arg=key_arg, key_hint=hint)


def _helper(
    mapper: TypeMapper, op: Operation, vm: OperationVM, plan: HelperPlan, name: str, by_id: dict[str, OperationVM]
) -> HelperVM:
    if plan.redirect is not None:
        trigger = _argument(op, plan.redirect.parameter)
        value = literal_from_json(plan.redirect.value_json) or "True"
        args = _without(vm.args, trigger)
        return HelperVM(
            plan.kind,
            name,
            args,
            trigger=trigger,
            trigger_key=plan.redirect.parameter,
            value=value,
            checksum=_header_checksum(plan.checksum, "_response"),
        )
    if plan.presigned is not None:
        link = plan.presigned
        url, expires, head = (_attr(mapper, op, key) for key in (link.url_field, link.expires_field, link.head_field))
        if plan.kind is HelperKind.PRESIGNED_SIZE:
            return HelperVM(plan.kind, name, vm.args, head=head, expires=expires)
        field = _attr(mapper, op, plan.checksum.body_field) if plan.checksum is not None else ""
        checksum = _checksum(plan.checksum, f"_got.{field}") if field else ""
        return HelperVM(plan.kind, name, vm.args, url=url, expires=expires, head=head, checksum=checksum)
    if plan.page is not None:
        page = plan.page
        page_arg = _argument(op, page.page)
        return HelperVM(
            plan.kind,
            name,
            _without(vm.args, page_arg),
            page_arg=page_arg,
            items_attr=_attr(mapper, op, page.items_field),
            total=_attr(mapper, op, page.total_field),
            size_arg=_argument(op, page.size) if page.size else "",
            item_hint=mapper.hint(page.item) if page.item is not None else "Any",
            first_page=str(page.first_page),
        )
    if plan.follow is not None:
        follow = plan.follow
        cursor_arg = _argument(op, follow.cursor) if follow.cursor else ""
        return HelperVM(
            plan.kind,
            name,
            _without(vm.args, cursor_arg),
            items_attr=_attr(mapper, op, follow.items_field),
            item_hint=mapper.hint(follow.item) if follow.item is not None else "Any",
            follow=_follow_literal(follow),
            cursor_arg=cursor_arg,
        )
    if plan.job is not None:
        job = plan.job
        poll = by_id[job.poll.operation_id]
        by_key = {a.key: a.name for a in poll.args if a.location != "body"}
        forwards = tuple(f"{by_key[param]}=_started.{_attr(mapper, op, key)}" for param, key in job.forwards)
        return HelperVM(
            plan.kind,
            name,
            vm.args,
            poll=poll.name,
            forwards=forwards,
            status=_attr(mapper, job.poll, job.status_field),
            status_hint=poll.return_hint,
            url=_attr(mapper, job.poll, job.url_field),
            job_id=f"_started.{_attr(mapper, op, job.id_field)}" if job.id_field else "''",
            succeeded=frozenset_literal(job.succeeded),
            failed=frozenset_literal(job.failed),
        )
    return HelperVM(plan.kind, name, vm.args, ranged=plan.ranged)


def _follow_literal(follow: FollowPlan) -> str:
    """The ``_rt.Follow(...)`` that tells the runtime where each answer names the next page."""
    args = [py_literal(follow.style)]
    args.extend(f"{key}={_tuple(path)}" for key, path in follow.paths)
    if follow.last_item:
        args.append(f"last_item={py_literal(follow.last_item)}")
    return f"_rt.Follow({', '.join(args)})"


def _tuple(items: tuple[str, ...]) -> str:
    texts = [py_literal(item) for item in items]
    return f"({texts[0]},)" if len(texts) == 1 else f"({', '.join(texts)})"


def _without(args: tuple[ArgVM, ...], name: str) -> tuple[ArgVM, ...]:
    return tuple(a for a in args if a.name != name)


def _checksum(plan: DeclaredChecksum | None, value: str) -> str:
    """The runtime call reading the digest the spec declares (``x-checksum``) from the expression ``value``."""
    if plan is None:
        return ""
    return f"_rt.declared_checksum({py_literal(plan.algorithm)}, {py_literal(plan.encoding)}, {value})"


def _header_checksum(plan: DeclaredChecksum | None, response: str) -> str:
    """The digest a redirect's header holds (a body field has no place on a redirect)."""
    if plan is None or plan.header is None:
        return ""
    return _checksum(plan, f"{response}.headers.get({py_literal(plan.header)})")


def _argument(op: Operation, key: str) -> str:
    """The argument of the parameter ``key`` (also of a pinned one, which the method itself does not take)."""
    params = sorted_parameters(op)
    return next(py for p, py in zip(params, argument_names(params), strict=True) if p.name == key)


def _attr(mapper: TypeMapper, op: Operation, key: str | None) -> str:
    """The attribute of the success model that holds JSON property ``key`` (empty when there is none)."""
    schema = success_schema(op)
    resolved = mapper.resolve(schema) if schema is not None else None
    if key is None or not isinstance(resolved, ObjectSchema):
        return ""
    names = naming.unique(naming.snake(p.name, fallback="field") for p in resolved.properties)
    return next((py for p, py in zip(resolved.properties, names, strict=True) if p.name == key), "")
