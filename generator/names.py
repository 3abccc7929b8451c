"""Remembered names: what a provider's clients call its operations and schemas, kept across vendor versions.

``specs/<provider>/names.yaml`` records the neutral base names every style derives
its method and type names from: the operation id for each ``METHOD /path``, and
the name of each schema (with a fingerprint of its shape)::

    operations:
      GET /download/{id}: get_download_output
    groups:                       # the tag that makes each operation's resource
      GET /download/{id}: Downloads
    schemas:
      DownloadResponse: {name: DownloadResponse, shape: 3f0c1a9e5b7d2c44}

When a new version of the documents keeps an operation (same method and path),
it keeps its remembered id whatever its operationId says now; a schema keeps its
remembered name when it keeps its own name, or when a schema of a new name has
the shape of a remembered one that is gone (a vendor renaming ``Download`` to
``DownloadResult``, or an inline schema named after a changed operationId).
New operations and schemas get derived names, which are added to the file.
Renaming is an explicit choice: edit the file, or ``generate --rename``.

``apply_names(api, names)`` is the one place names are applied; ``diff`` can call
it on both sides so that a cosmetic operationId change is no rename.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from .diagnostics import Diagnostics
from .immutable import immutable
from .ir import (
    Api,
    ArraySchema,
    AsyncJob,
    Discriminator,
    EnumSchema,
    Link,
    NamedSchema,
    ObjectSchema,
    Operation,
    Origin,
    PrimitiveSchema,
    RefSchema,
    Schema,
    UnionSchema,
    rewrite,
)
from .sources import display_path, read_reported

NAMES_FILE = "names.yaml"

_HEADER = (
    "# The names the generated clients use for this API (every style derives its method and type names from them).\n"
    "# Written by `generator generate` when an operation or schema is new; kept when the vendor renames things.\n"
    "# Renaming is a choice: edit a name here, or run `generator generate --rename` to derive them all again.\n"
)


@immutable
class Names:
    operations: dict[str, str]
    """``METHOD /path`` -> operation id."""
    schemas: dict[str, tuple[str, str]]
    """Schema name in the documents -> (the name the clients use, shape fingerprint)."""
    groups: dict[str, str] = dataclasses.field(default_factory=dict)
    """``METHOD /path`` -> the tag that groups it (its resource); ``""``: no tag."""


EMPTY = Names({}, {})


def operation_key(op: Operation) -> str:
    return f"{op.method.upper()} {op.path}"


def shape(named: NamedSchema) -> str:
    """A fingerprint of a schema's structure: its kinds, property names, requiredness and references.

    Titles, descriptions, examples and constraints are left out, and so is anything the IR may
    learn later, so the fingerprint stays as it is while the schema does.
    """
    return hashlib.sha256(json.dumps(_structure(named.schema), sort_keys=True).encode()).hexdigest()[:16]


def _structure(schema: Schema) -> object:
    if isinstance(schema, ObjectSchema):
        extra = schema.additional_properties
        return {
            "object": sorted([p.name, p.required, _structure(p.schema)] for p in schema.properties),
            "more": extra if isinstance(extra, bool) else _structure(extra),
        }
    if isinstance(schema, ArraySchema):
        return {"array": _structure(schema.items)}
    if isinstance(schema, UnionSchema):
        return {"union": [_structure(v) for v in schema.variants]}
    if isinstance(schema, RefSchema):
        return {"ref": schema.name}
    if isinstance(schema, EnumSchema):
        return {"enum": [schema.kind, *map(repr, schema.values)]}
    if isinstance(schema, PrimitiveSchema):
        return {"primitive": [schema.kind, schema.format]}
    return "any"


def names_of(api: Api) -> Names:
    """The names ``api`` uses now."""
    return Names(
        {operation_key(op): op.operation_id for op in api.operations},
        {named.name: (named.name, shape(named)) for named in api.schemas},
        {operation_key(op): op.tags[0] if op.tags else "" for op in api.operations},
    )


def read_names(folder: Path, diagnostics: Diagnostics) -> Names | None:
    """The provider's remembered names; ``EMPTY`` when it has none yet, None (with an error) when unreadable."""
    path = folder / NAMES_FILE
    if not path.is_file():
        return EMPTY
    display = display_path(path)
    document = read_reported(path, display, diagnostics)
    if document is None:
        return None
    data = document.data
    origin = Origin(file=display)
    if data is None:
        return EMPTY
    if not isinstance(data, dict) or set(data) - {"operations", "groups", "schemas"}:
        diagnostics.error("E063", "must be a mapping with `operations`, `groups` and `schemas`", origin)
        return None
    for key in ("operations", "groups", "schemas"):
        if not isinstance(data.get(key) or {}, dict):
            diagnostics.error("E063", f"`{key}` must be a mapping", origin.child(key))
            return None
    operations: dict[str, str] = {}
    for key, value in (data.get("operations") or {}).items():
        if not isinstance(key, str) or not isinstance(value, str) or not value.strip():
            diagnostics.error("E063", "an operation's name must be a non-empty string", origin.child("operations", key))
            continue
        operations[key] = value
    groups: dict[str, str] = {}
    for key, value in (data.get("groups") or {}).items():
        if not isinstance(key, str) or not isinstance(value, str):
            diagnostics.error("E063", "an operation's group must be a string (a tag)", origin.child("groups", str(key)))
            continue
        groups[key] = value
    schemas: dict[str, tuple[str, str]] = {}
    for key, value in (data.get("schemas") or {}).items():
        where = origin.child("schemas", str(key))
        if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
            diagnostics.error("E063", "a schema's entry must be {name: NAME, shape: FINGERPRINT}", where)
            continue
        schemas[str(key)] = (value["name"], str(value.get("shape", "")))
    if len(set(operations.values())) != len(operations):
        diagnostics.error("E063", "two operations have the same name", origin.child("operations"))
    if len({name for name, _ in schemas.values()}) != len(schemas):
        diagnostics.error("E063", "two schemas have the same name", origin.child("schemas"))
    return None if diagnostics.errors else Names(operations, schemas, groups)


def names_text(names: Names) -> str:
    """The file's text: sorted, so the same names always give the same bytes."""
    lines = [_HEADER, "operations:\n" if names.operations else "operations: {}\n"]
    lines += [f"  {_quote(key)}: {_quote(value)}\n" for key, value in sorted(names.operations.items())]
    lines.append("groups:\n" if names.groups else "groups: {}\n")
    lines += [f"  {_quote(key)}: {_quote(value)}\n" for key, value in sorted(names.groups.items())]
    lines.append("schemas:\n" if names.schemas else "schemas: {}\n")
    lines += [
        f"  {_quote(key)}: {{name: {_quote(name)}, shape: {_quote(fingerprint)}}}\n"
        for key, (name, fingerprint) in sorted(names.schemas.items())
    ]
    return "".join(lines)


def _quote(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar


def apply_names(api: Api, names: Names) -> Api:
    """``api`` with its remembered names: operation ids by ``METHOD /path``, schema names by name or shape.

    References follow: links' and jobs' operation ids, ``$ref``s and discriminator mappings.
    A remembered name wins over a new operation's (or schema's) derived one, which gets ``_2``.
    """
    return _apply(api, _operation_names(api, names), _schema_names(api, names), names.groups)


def remembered(api: Api, names: Names, *, rename: bool = False) -> tuple[Api, Names]:
    """``api`` under its remembered names (none with ``rename``), and the names to remember from now on.

    Schemas stay keyed by the documents' names, so a vendor's later rename is found by shape.
    """
    if rename:
        return api, names_of(api)
    op_names = _operation_names(api, names)
    schema_names = _schema_names(api, names)
    result = Names(
        {operation_key(op): op_names.get(op.operation_id, op.operation_id) for op in api.operations},
        {named.name: (schema_names.get(named.name, named.name), shape(named)) for named in api.schemas},
        {
            key: names.groups.get(key, op.tags[0] if op.tags else "")
            for op in api.operations
            for key in (operation_key(op),)
        },
    )
    return _apply(api, op_names, schema_names, names.groups), result


def _apply(api: Api, op_names: dict[str, str], schema_names: dict[str, str], groups: dict[str, str]) -> Api:
    regroup = {
        key: group
        for op in api.operations
        if (group := groups.get(key := operation_key(op))) is not None and group != (op.tags[0] if op.tags else "")
    }
    if not op_names and not schema_names and not regroup:
        return api

    def rename(node: object) -> object:
        if isinstance(node, Operation):
            group = regroup.get(operation_key(node))
            if group is not None:  # the remembered tag first: the operation stays in its resource
                node = dataclasses.replace(node, tags=(group, *(t for t in node.tags if t != group)) if group else ())
            if node.operation_id in op_names:
                node = dataclasses.replace(node, operation_id=op_names[node.operation_id])
            return node
        if isinstance(node, Link) and node.operation_id in op_names:
            return dataclasses.replace(node, operation_id=op_names[node.operation_id])
        if isinstance(node, AsyncJob) and node.poll_operation_id in op_names:
            return dataclasses.replace(node, poll_operation_id=op_names[node.poll_operation_id])
        if isinstance(node, (RefSchema, NamedSchema)) and node.name in schema_names:
            return dataclasses.replace(node, name=schema_names[node.name])
        if isinstance(node, Discriminator) and any(name in schema_names for _, name in node.mapping):
            mapping = tuple((value, schema_names.get(name, name)) for value, name in node.mapping)
            return dataclasses.replace(node, mapping=mapping)
        return node

    result = rewrite(api, rename)
    assert isinstance(result, Api)
    return result


def _settle(wanted: dict[str, str | None]) -> dict[str, str]:
    """Remembered names first; every other name kept unless taken, else given ``_2``, ``_3``...; only changes."""
    used = {new for new in wanted.values() if new is not None}
    final: dict[str, str] = {}
    for current, new in wanted.items():
        if new is None:
            candidate, counter = current, 2
            while candidate in used:
                candidate, counter = f"{current}_{counter}", counter + 1
            used.add(candidate)
            new = candidate
        if new != current:
            final[current] = new
    return final


def _operation_names(api: Api, names: Names) -> dict[str, str]:
    return _settle({op.operation_id: names.operations.get(operation_key(op)) for op in api.operations})


def _schema_names(api: Api, names: Names) -> dict[str, str]:
    present = {named.name for named in api.schemas}
    by_shape: dict[str, list[str]] = {}
    for key, (name, fingerprint) in sorted(names.schemas.items()):
        if key not in present:
            by_shape.setdefault(fingerprint, []).append(name)
    wanted: dict[str, str | None] = {}
    for named in api.schemas:
        if named.name in names.schemas:
            wanted[named.name] = names.schemas[named.name][0]
        elif by_shape.get(fingerprint := shape(named)):
            wanted[named.name] = by_shape[fingerprint].pop(0)
        else:
            wanted[named.name] = None
    return _settle(wanted)


def stable_names(
    api: Api, folder: Path, diagnostics: Diagnostics, *, rename: bool = False
) -> tuple[Api | None, tuple[Path, bytes] | None]:
    """A provider's API under its remembered names, and ``(names.yaml, new bytes)`` when the file must change."""
    names = read_names(folder, diagnostics)
    if names is None:
        return None, None
    api, now = remembered(api, names, rename=rename)
    path = folder / NAMES_FILE
    text = names_text(now).encode("utf-8")
    try:
        same = path.read_bytes() == text
    except OSError:
        same = False
    return api, None if same else (path, text)
