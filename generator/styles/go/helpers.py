"""The helper methods of an operation, as the core plans them, in Go.

A helper reads the success response's fields through the model's struct, so it is
offered only when those fields have Go types it can use (text for a URL or a status, a
number for a page position); otherwise the operation simply has no such helper.
"""

from __future__ import annotations

from dataclasses import replace

from ...core.operations import HelperKind, HelperPlan, JobPlan, helper_plans
from ...ir import ObjectSchema
from . import naming
from .literals import gostr
from .models import ModelSet, field_name
from .operations import OPTS, HelperVM, OperationVM

SAVE = "save apicore.SaveOptions"
WAIT = "wait apicore.WaitOptions"


def add_helpers(models: ModelSet, vm: OperationVM, members: set[str], by_id: dict[str, OperationVM]) -> OperationVM:
    """``vm`` with the helpers its behaviours call for; their names are added to ``members``."""
    helpers: list[HelperVM] = []
    base = naming.local(vm.name)
    without_get = base[3:] if base.startswith("get") and len(base) > 3 else base
    for plan in helper_plans(models.types.resolve, vm.source, lambda oid: by_id[oid].source if oid in by_id else None):
        name = naming.unique([naming.exported(plan.kind.base_name(base, without_get))], members)[0]
        helper = _Helper(models, vm, by_id).build(plan, name)
        if helper is not None:
            members.add(name)
            helpers.append(helper)
    return replace(vm, helpers=tuple(helpers))


class _Helper:
    def __init__(self, models: ModelSet, vm: OperationVM, by_id: dict[str, OperationVM]) -> None:
        self.models = models
        self.types = models.types
        self.vm = vm
        self.by_id = by_id

    def field(self, vm: OperationVM, key: str | None, var: str) -> tuple[str, str] | None:
        """(Go expression of the field ``key`` of ``var``, its type as held) in ``vm``'s result struct."""
        if key is None or not vm.struct_result:
            return None
        schema = self.types.resolve(_success_schema(vm))
        if not isinstance(schema, ObjectSchema):
            return None
        prop = next((p for p in schema.properties if p.name == key), None)
        if prop is None:
            return None
        held, _ = self.types.field(prop.schema, required=prop.required)
        return f"{var}.{field_name(schema, key)}", held

    def text(self, vm: OperationVM, key: str | None, var: str) -> str | None:
        """A Go expression giving the field as text ("" when unset); None when it is not text."""
        found = self.field(vm, key, var)
        if found is None:
            return None
        expr, held = found
        base = held.lstrip("*")
        if base != "string" and base not in self.types.string_enums:
            return None
        value = f"deref({expr})" if held.startswith("*") else expr
        return value if base == "string" else f"string({value})"

    def build(self, plan: HelperPlan, name: str) -> HelperVM | None:
        vm = self.vm
        kind = plan.kind
        body: tuple[str, ...]
        doc: tuple[str, ...]
        if kind is HelperKind.SAVE_STREAM:
            body = (
                "if err := apicore.CheckTarget(path, save.Overwrite); err != nil {",
                '\treturn "", err',
                "}",
                f"download, err := s.{vm.name}({vm.call()})",
                "if err != nil {",
                '\treturn "", err',
                "}",
                "return download.Save(ctx, path, save)",
            )
            doc = (f"{name} streams the response of {vm.name} into path (a file, or a folder to put it in).",)
            return HelperVM(kind, name, vm.signature("path string", SAVE), "(string, error)", body, doc, plan)
        if kind is HelperKind.SAVE_REDIRECT and plan.redirect is not None:
            redirect = plan.redirect
            value = "true" if redirect.value_json in (None, "true") else _json_text(redirect.value_json)
            key = gostr(redirect.parameter)
            body = (
                "if err := apicore.CheckTarget(path, save.Overwrite); err != nil {",
                '\treturn "", err',
                "}",
                f"req, err := s.{vm.builder}({vm.builder_call})",
                "if err != nil {",
                '\treturn "", err',
                "}",
                "kept := req.Query[:0]",
                "for _, pair := range req.Query {",
                f"\tif pair.Name != {key} {{",
                "\t\tkept = append(kept, pair)",
                "\t}",
                "}",
                f"req.Query = append(kept, apicore.QueryParam{{Name: {key}, Value: {gostr(value)}}})",
                "req.ExpectRedirect = true",
                "resp, err := s.t.Do(ctx, req, opts...)",
                "if err != nil {",
                '\treturn "", err',
                "}",
                "return s.t.FollowRedirect(ctx, resp, path, save)",
            )
            doc = (
                f"{name} asks {vm.name} for a redirect to the file and saves the file into path.",
                "The file is fetched without the API's credentials.",
            )
            return HelperVM(kind, name, vm.signature("path string", SAVE), "(string, error)", body, doc, plan)
        if kind in (HelperKind.SAVE_PRESIGNED, HelperKind.PRESIGNED_SIZE) and plan.presigned is not None:
            return self._presigned(plan, name)
        if kind is HelperKind.WAIT_READY:
            result = vm.result
            body = (
                f"return apicore.WaitUntilReady(ctx, func(ctx context.Context) ({result}, error) {{",
                f"\treturn s.{vm.name}({vm.call()})",
                "}, apicore.IsConflict, wait)",
            )
            doc = (f"{name} calls {vm.name} until the result is ready (no more 409 Conflict), up to wait.Timeout.",)
            return HelperVM(kind, name, vm.signature(WAIT), f"({result}, error)", body, doc, plan)
        if kind is HelperKind.PAGINATE and plan.page is not None:
            return self._pages(plan, name)
        if kind is HelperKind.JOB and plan.job is not None:
            return self._job(plan, plan.job, name)
        return None

    def _presigned(self, plan: HelperPlan, name: str) -> HelperVM | None:
        vm = self.vm
        link = plan.presigned
        assert link is not None
        url_field = link.head_field if plan.kind is HelperKind.PRESIGNED_SIZE else link.url_field
        address = self.text(vm, url_field, "link")
        if address is None:
            return None
        fail = '"", ' if plan.kind.saves_file else "0, "
        lines = [
            f"link, err := s.{vm.name}({vm.call()})",
            "if err != nil {",
            f"\treturn {fail}err",
            "}",
        ]
        expires = self.field(vm, link.expires_field, "link")
        if expires is not None:
            expr, held = expires
            pointer = held.startswith("*") or self.types.holds_nil(held)
            value = f"*{expr}" if held.startswith("*") else expr
            read = [
                f"expiresAt, err := apicore.ParseExpiry({value})",
                "if err != nil {",
                f"\treturn {fail}err",
                "}",
            ]
            if plan.kind.saves_file:
                read.append("save.ExpiresAt = expiresAt")
            else:
                read += [
                    "if err := apicore.EnsureNotExpired(expiresAt, time.Now()); err != nil {",
                    f"\treturn {fail}err",
                    "}",
                ]
            lines += [f"if {expr} != nil {{", *("\t" + r for r in read), "}"] if pointer else read
        if plan.kind.saves_file:
            lines.append(f"return s.t.DownloadURL(ctx, {address}, path, save)")
            doc = (
                f"{name} asks {vm.name} for a presigned link and saves the file it points at into path.",
                "The file is fetched without the API's credentials; an expired link is a *apicore.LinkExpiredError.",
            )
            return HelperVM(
                plan.kind, name, vm.signature("path string", SAVE), "(string, error)", tuple(lines), doc, plan
            )
        lines.append(f"return s.t.HeadSize(ctx, {address})")
        doc = (
            f"{name} is the file's size in bytes from a HEAD request on the presigned link of {vm.name}",
            "(-1 when the storage announces none); sent without the API's credentials.",
        )
        return HelperVM(plan.kind, name, vm.signature(), "(int64, error)", tuple(lines), doc, plan)

    def _pages(self, plan: HelperPlan, name: str) -> HelperVM | None:
        vm = self.vm
        page = plan.page
        assert page is not None and vm.params_type is not None
        position = next((a for a in vm.members if a.key == page.page and a.location == "query"), None)
        size = next((a for a in vm.members if a.key == page.size and a.location == "query"), None)
        items = self.field(vm, page.items_field, "out")
        if position is None or items is None or position.type.lstrip("*") != "int64":
            return None
        items_expr, items_type = items
        if not items_type.startswith("[]"):
            return None
        item = items_type[2:]
        page_type = f"apicore.Page[{item}]"
        set_position = (
            ["value := int64(position)", f"call.{position.name} = &value"]
            if position.type.startswith("*")
            else [f"call.{position.name} = int64(position)"]
        )
        lines = [
            f"var base {vm.params_type}",
            "if params != nil {",
            "\tbase = *params",
            "}",
            f"return apicore.NewPager(func(ctx context.Context, position int) ({page_type}, error) {{",
            "\tcall := base",
            *("\t" + line for line in set_position),
            f"\tout, err := s.{vm.name}({vm.call(params='&call')})",
            "\tif err != nil {",
            f"\t\treturn {page_type}{{}}, err",
            "\t}",
            f"\tpage := {page_type}{{Items: {items_expr}}}",
        ]
        total = self.field(vm, page.total_field, "out")
        if total is not None and total[1].lstrip("*") == "int64":
            expr, held = total
            if held.startswith("*"):
                lines += [f"\tif {expr} != nil {{", f"\t\tpage.Total, page.HasTotal = int(*{expr}), true", "\t}"]
            else:
                lines.append(f"\tpage.Total, page.HasTotal = int({expr}), true")
        if size is not None and size.type.lstrip("*") == "int64":
            if size.type.startswith("*"):
                lines += [f"\tif call.{size.name} != nil {{", f"\t\tpage.PageSize = int(*call.{size.name})", "\t}"]
            else:
                lines.append(f"\tpage.PageSize = int(call.{size.name})")
        step = "apicore.StepOffset" if page.step == "offset" else "apicore.StepPage"
        lines += ["\treturn page, nil", f"}}, {page.first_page}, {step})"]
        signature = ", ".join([*(f"{a.name} {a.type}" for a in vm.path_args), f"params *{vm.params_type}", OPTS])
        doc = (
            f"{name} iterates over every item of {vm.name}, page after page (params.{position.name} is set for you):",
            "for pager.Next(ctx) { use(pager.Item()) }; then check pager.Err().",
        )
        return HelperVM(plan.kind, name, signature, f"*apicore.Pager[{item}]", tuple(lines), doc, plan)

    def _job(self, plan: HelperPlan, job: JobPlan, name: str) -> HelperVM | None:
        vm = self.vm
        poll = self.by_id.get(job.poll.operation_id)
        if poll is None or not poll.struct_result:
            return None
        sources = dict(job.forwards)
        args: list[str] = ["ctx"]
        for arg in poll.path_args:
            found = self.field(vm, sources.get(arg.key or ""), "started")
            if found is None or found[1].lstrip("*") != arg.type:
                return None
            args.append(f"deref({found[0]})" if found[1].startswith("*") else found[0])
        if poll.params_type is not None:
            pairs = []
            for member in poll.members:
                if member.key not in sources:
                    continue
                found = self.field(vm, sources[member.key], "started")
                if found is None or found[1] != member.type:
                    return None
                pairs.append(f"{member.name}: {found[0]}")
            args.append(f"&{poll.params_type}{{{', '.join(pairs)}}}")
        args.append("opts...")
        status = self.text(poll, job.status_field, "status")
        address = self.text(poll, job.url_field, "status")
        if status is None or address is None:
            return None
        job_id = self.text(vm, job.id_field, "started") if job.id_field else None
        result = poll.result
        lines = (
            f"started, err := s.{vm.name}({vm.call()})",
            "if err != nil {",
            "\treturn nil, err",
            "}",
            f"return &apicore.Job[{result}]{{",
            f"\tID: {job_id or chr(34) * 2},",
            f"\tPoll: func(ctx context.Context) ({result}, error) {{",
            f"\t\treturn s.{poll.name}({', '.join(args)})",
            "\t},",
            f"\tStatusOf: func(status {result}) string {{ return {status} }},",
            f"\tURLOf: func(status {result}) string {{ return {address} }},",
            "\tSucceeded: []string{" + ", ".join(gostr(str(v)) for v in job.succeeded) + "},",
            "\tFailed: []string{" + ", ".join(gostr(str(v)) for v in job.failed) + "},",
            "\tTransport: s.t,",
            "}, nil",
        )
        doc = (
            f"{name} starts {vm.name} and returns the job: Wait for its result URL, or Save the result to a file;",
            f"its status comes from {poll.name}.",
        )
        return HelperVM(plan.kind, name, vm.signature(), f"(*apicore.Job[{result}], error)", lines, doc, plan)


def _success_schema(vm: OperationVM) -> ObjectSchema:
    from ...core.operations import success_schema

    schema = success_schema(vm.source)
    assert schema is not None
    return schema  # type: ignore[return-value]


def _json_text(value_json: str | None) -> str:
    import json

    value = json.loads(value_json or "true")
    return value if isinstance(value, str) else json.dumps(value)
