"""The reference's view-model: every page, table row and sentence decided here; templates print."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.core.style import PackageSpec
from generator.ir import Api, NamedSchema, ObjectSchema, Operation

from .describe import behaviour, constraints, credential, type_of

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Row:
    """A table row: name, where, type, required, what it says (constraints, description)."""

    name: str
    where: str
    type: str
    required: bool
    notes: str


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str
    type: str
    description: str
    error: bool


@dataclass(frozen=True, slots=True)
class OperationPage:
    anchor: str
    operation_id: str
    method: str
    path: str
    summary: str
    description: str
    deprecated: bool
    arguments: tuple[Row, ...]
    body: str | None
    outcomes: tuple[Outcome, ...]
    behaviours: tuple[str, ...]
    credentials: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TagPage:
    tag: str
    file: str
    description: str
    operations: tuple[OperationPage, ...]


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    anchor: str
    type: str
    description: str
    fields: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    header: str
    title: str
    version: str
    description: str
    servers: tuple[str, ...]
    credentials: tuple[tuple[str, str], ...]
    """(scheme name, how its credential travels)."""
    env_prefix: str
    pages: tuple[TagPage, ...]
    models: tuple[Model, ...]


def build_reference(api: Api, spec: PackageSpec) -> Reference:
    schemes = {s.name: s for s in api.security_schemes}
    files: set[str] = {"README.md", "models.md"}
    pages = []
    for tag in _tags(api):
        file = _unique(f"{_slug(tag) or 'operations'}.md", files)
        ops = tuple(_operation(op, schemes) for op in api.operations if (op.tags[:1] or ("default",))[0] == tag)
        description = next((t.description or "" for t in api.tags if t.name == tag), "")
        pages.append(TagPage(tag=tag, file=file, description=description, operations=ops))
    servers = (spec.base_url,) if spec.base_url else tuple(s.url for s in api.servers)
    used = sorted({name for op in api.operations for req in op.security for name, _ in req.schemes})
    return Reference(
        header=spec.header,
        title=spec.title or api.title,
        version=api.version,
        description=api.description or "",
        servers=servers,
        credentials=tuple((name, credential(schemes[name])) for name in used if name in schemes),
        env_prefix=spec.env_prefix,
        pages=tuple(pages),
        models=tuple(_model(named) for named in api.schemas),
    )


def _tags(api: Api) -> list[str]:
    seen: dict[str, None] = {}
    for op in api.operations:
        seen.setdefault((op.tags[:1] or ("default",))[0], None)
    return list(seen)


def _operation(op: Operation, schemes: Mapping[str, object]) -> OperationPage:
    arguments = tuple(
        Row(p.name, p.location, type_of(p.schema), p.required, _notes(p.description, constraints(p.schema)))
        for p in op.parameters
    )
    body = None
    if op.request_body is not None:
        kinds = ", ".join(f"{c.media_type}: {type_of(c.schema)}" for c in op.request_body.contents)
        body = ("required; " if op.request_body.required else "optional; ") + kinds
    outcomes = tuple(
        Outcome(
            status=r.status,
            type=", ".join(type_of(c.schema) for c in r.contents) or "no body",
            description=r.description,
            error=not r.status.startswith(("1", "2", "3")),
        )
        for r in op.responses
    )
    names = sorted({name for req in op.security for name, _ in req.schemes if name in schemes})
    return OperationPage(
        anchor=_slug(op.operation_id),
        operation_id=op.operation_id,
        method=op.method.upper(),
        path=op.path,
        summary=op.summary or "",
        description=op.description or "",
        deprecated=op.deprecated,
        arguments=arguments,
        body=body,
        outcomes=outcomes,
        behaviours=tuple(behaviour(b) for b in op.behaviours),
        credentials=tuple(names),
    )


def _model(named: NamedSchema) -> Model:
    schema = named.schema
    fields: tuple[Row, ...] = ()
    if isinstance(schema, ObjectSchema):
        fields = tuple(
            Row(p.name, "", type_of(p.schema), p.required, _notes(p.schema.info.description, constraints(p.schema)))
            for p in schema.properties
        )
    return Model(
        name=named.name,
        anchor=_slug(named.name),
        type=type_of(schema),
        description=schema.info.description or "",
        fields=fields,
    )


def _notes(description: str | None, checks: list[str]) -> str:
    text = (description or "").strip()
    if checks:
        text += ("" if not text or text.endswith(".") else ".") + (" " if text else "")
        text += "Checked before sending: " + ", ".join(checks) + "."
    return text


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}{dot}{ext}", n + 1
    taken.add(candidate)
    return candidate
