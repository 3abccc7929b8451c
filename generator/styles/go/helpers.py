"""The helper methods of an operation, as the core plans them, in Go.

A helper reads the success response's fields through the model's struct, so it is
offered only when those fields have Go types it can use (text for a URL or a status, a
number for a page position); otherwise the operation simply has no such helper.
"""

from __future__ import annotations

from dataclasses import replace

from ...core.operations import HelperKind, HelperPlan, JobPlan, helper_plans, many_key
from ...ir import DeclaredChecksum
from . import naming
from .follow import follow_helper
from .literals import gostr
from .models import ModelSet
from .operations import OPTS, HelperVM, OperationVM
from .result_fields import result_field

SAVE = "save SaveOptions"
WAIT = "wait WaitOptions"
NO_LINK = "apicore.Link{}"
_SAVE_DOC = (
    "save.Resume keeps the part of a cut download to continue it, also in a later call with the same path;",
    "unless save.SkipVerify the file is checked against the size and digest the server states",
    "(*ChecksumMismatchError); save.SkipIdentical keeps a file already identical.",
)


def add_helpers(models: ModelSet, vm: OperationVM, members: set[str], by_id: dict[str, OperationVM]) -> OperationVM:
    """``vm`` with the helpers its behaviours call for; their names are added to ``members``."""
    helpers: list[HelperVM] = []
    base = naming.local(vm.name)
    without_get = base[3:] if base.startswith("get") and len(base) > 3 else base
    for plan in helper_plans(models.types.resolve, vm.source, lambda oid: by_id[oid].source if oid in by_id else None):
        name = naming.unique([naming.exported(plan.kind.base_name(base, without_get))], members)[0]
        builder = _Helper(models, vm, by_id)
        if plan.kind is HelperKind.SAVE_MANY:
            single = next((h for h in reversed(helpers) if h.saves_file), None)
            helper = builder._many(plan, name, single) if single is not None else None
        else:
            helper = builder.build(plan, name)
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
        return result_field(self.types, vm, key, var)

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
                "call := func(ctx context.Context, opts ...apicore.CallOption) (*apicore.Download, error) {",
                f"\treturn s.{vm.name}({vm.call()})",
                "}",
                f"return s.t.{'SaveRangedStream' if plan.ranged else 'SaveStream'}(ctx, call, opts, path, save)",
            )
            doc = (
                f"{name} streams the response of {vm.name} into path (a file, or a folder to put it in).",
                *_SAVE_DOC,
            )
            return HelperVM(kind, name, vm.signature("path string", SAVE), "(string, error)", body, doc, plan)
        if kind is HelperKind.SAVE_REDIRECT and plan.redirect is not None:
            redirect = plan.redirect
            value = "true" if redirect.value_json in (None, "true") else _json_text(redirect.value_json)
            key = gostr(redirect.parameter)
            lines = [
                f"req, err := s.{vm.builder}({vm.builder_call})",
                "if err != nil {",
                f"\treturn {NO_LINK}, err",
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
                f"\treturn {NO_LINK}, err",
                "}",
                "location, err := apicore.RedirectLocation(resp.Response)",
                "if err != nil {",
                f"\treturn {NO_LINK}, err",
                "}",
            ]
            checksum = plan.checksum
            if checksum is not None and checksum.header is not None:
                lines += _declared("resp.Header.Get(" + gostr(checksum.header) + ")", checksum)
                lines.append("return apicore.Link{URL: location, Checksum: checksum}, nil")
            else:
                lines.append("return apicore.Link{URL: location}, nil")
            doc = (
                f"{name} asks {vm.name} for a redirect to the file and saves the file into path.",
                "The file is fetched without the API's credentials; when the storage host says the link expired,",
                f"{vm.name} is asked again (at most twice).",
                *_SAVE_DOC,
            )
            return HelperVM(
                kind, name, vm.signature("path string", SAVE), "(string, error)", _save_link(lines), doc, plan
            )
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
        if kind is HelperKind.PAGINATE and plan.follow is not None:
            return follow_helper(self.types, vm, plan, name)
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
        if plan.kind.saves_file:
            return self._save_presigned(plan, name, address)
        lines = [
            f"link, err := s.{vm.name}({vm.call()})",
            "if err != nil {",
            "\treturn 0, err",
            "}",
        ]
        expires = self.field(vm, link.expires_field, "link")
        if expires is not None:
            expr, held = expires
            read = [
                f"expiresAt, err := apicore.ParseExpiry({f'*{expr}' if held.startswith('*') else expr})",
                "if err != nil {",
                "\treturn 0, err",
                "}",
                "if err := apicore.EnsureNotExpired(expiresAt, time.Now()); err != nil {",
                "\treturn 0, err",
                "}",
            ]
            lines += self._when_set(expr, held, read)
        lines.append(f"return s.t.HeadSize(ctx, {address})")
        doc = (
            f"{name} is the file's size in bytes from a HEAD request on the presigned link of {vm.name}",
            "(-1 when the storage announces none); sent without the API's credentials.",
        )
        return HelperVM(plan.kind, name, vm.signature(), "(int64, error)", tuple(lines), doc, plan)

    def _when_set(self, expr: str, held: str, lines: list[str]) -> list[str]:
        """``lines`` run only when the field ``expr`` (held as ``held``) is set."""
        if held.startswith("*") or self.types.holds_nil(held):
            return [f"if {expr} != nil {{", *("\t" + line for line in lines), "}"]
        return lines

    def _save_presigned(self, plan: HelperPlan, name: str, address: str) -> HelperVM:
        vm = self.vm
        link = plan.presigned
        assert link is not None
        lines = [
            f"link, err := s.{vm.name}({vm.call()})",
            "if err != nil {",
            f"\treturn {NO_LINK}, err",
            "}",
            f"out := apicore.Link{{URL: {address}}}",
        ]
        expires = self.field(vm, link.expires_field, "link")
        if expires is not None:
            expr, held = expires
            value = f"*{expr}" if held.startswith("*") else expr
            read = [
                f"if out.ExpiresAt, err = apicore.ParseExpiry({value}); err != nil {{",
                f"\treturn {NO_LINK}, err",
                "}",
            ]
            lines += self._when_set(expr, held, read)
        checksum = plan.checksum
        stated = self.text(vm, checksum.body_field, "link") if checksum is not None else None
        if checksum is not None and stated is not None:
            lines += [
                f"if out.Checksum, err = {_declared_call(stated, checksum)}; err != nil {{",
                f"\treturn {NO_LINK}, err",
                "}",
            ]
        lines.append("return out, nil")
        doc = (
            f"{name} asks {vm.name} for a presigned link and saves the file it points at into path.",
            "The file is fetched without the API's credentials; an expired link (by its expiry, or as the storage",
            "host answers) is asked for again, at most twice, then a *LinkExpiredError.",
            *_SAVE_DOC,
        )
        return HelperVM(
            plan.kind, name, vm.signature("path string", SAVE), "(string, error)", _save_link(lines), doc, plan
        )

    def _many(self, plan: HelperPlan, name: str, single: HelperVM) -> HelperVM | None:
        """A helper saving many files with ``single``, for a list of the one path argument."""
        vm = self.vm
        if len(vm.path_args) != 1 or many_key(vm.source, plan) is None:
            return None
        key = vm.path_args[0]
        call = ["ctx", "id", "folder", "save"]
        if vm.params_type is not None:
            call.append("params")
        call.append("opts...")
        lines = (
            f"save := func(ctx context.Context, id {key.type}, save apicore.SaveOptions) (string, error) {{",
            f"\treturn s.{single.name}({', '.join(call)})",
            "}",
            "return apicore.SaveMany(ctx, ids, many, save)",
        )
        parts = ["ctx context.Context", f"ids []{key.type}", "folder string", "many ManyOptions"]
        if vm.params_type is not None:
            parts.append(f"params *{vm.params_type}")
        parts.append(OPTS)
        doc = (
            f"{name} saves the file of each of ids into folder with {single.name}, many.Concurrency at a time",
            "(8 by default), each with many.Save. One result per id, in order: saved, skipped (Save.SkipIdentical:",
            "the file there already has the size and digest the server states, or the Last-Modified time an",
            "earlier save gave it) or failed with its error; a failure never stops the others.",
            "many.Progress follows the batch.",
        )
        return HelperVM(plan.kind, name, ", ".join(parts), f"[]apicore.ItemResult[{key.type}]", lines, doc, plan)

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


def _save_link(lines: list[str]) -> tuple[str, ...]:
    """A save helper's body: ``lines`` ask for the link (again when it expired), the runtime saves its file."""
    return (
        f"fetch := func(ctx context.Context) ({LINK}, error) {{",
        *("\t" + line for line in lines),
        "}",
        "return s.t.SaveLink(ctx, fetch, path, save)",
    )


LINK = "apicore.Link"


def _declared_call(value: str, checksum: DeclaredChecksum) -> str:
    """The runtime call reading the digest the spec declares (``x-checksum``) from the Go text ``value``."""
    return f"apicore.DeclaredChecksum({gostr(checksum.algorithm)}, {gostr(checksum.encoding)}, {value})"


def _declared(value: str, checksum: DeclaredChecksum) -> list[str]:
    return [
        f"checksum, err := {_declared_call(value, checksum)}",
        "if err != nil {",
        f"\treturn {NO_LINK}, err",
        "}",
    ]


def _json_text(value_json: str | None) -> str:
    import json

    value = json.loads(value_json or "true")
    return value if isinstance(value, str) else json.dumps(value)
