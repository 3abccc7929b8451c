"""The schemas openapi-spec-validator checks a document against, compiled by jsonschema-rs.

openapi-spec-validator checks a document in two steps with JSON Schema: the whole
document against the OpenAPI schema it ships (draft 4 for Swagger 2.0 and OpenAPI
3.0, draft 2020-12 for 3.1), then each schema object against a meta-schema (draft
4's; for 3.1 the OAS dialect, draft 2020-12 plus the OAS vocabulary). Here both are
compiled once a process by jsonschema-rs (a compiled validator, a hundred times
faster than walking the schemas in Python) with the same options the validator
uses:

- formats: none asserted on the whole document (the validator gives that step no
  format checker); on schema objects only the formats of the meta-schemas, each by
  the validator's own rule: ``regex`` is whatever Python's ``re`` compiles (the
  rule of ``jsonschema``'s draft 4 checker and of the validator's engine,
  ``patterns.LinearRegex``); ``uri`` and ``uri-reference`` are asserted by the
  validator only when rfc3987 or rfc3986-validator is installed, in which case no
  predicate is built (``UnsupportedSchemaError``: the validator then decides);
- references: only to the schemas shipped with the validator and
  jsonschema-specifications, given by ``$id``; anything else fails to compile,
  nothing is ever fetched.

A predicate raises (``ValueError``) on what JSON has no word for (a key that is
not a string, as YAML allows): the caller takes that as "unsure".
``tests/test_fastcheck.py`` holds the verdicts to the validator's.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

Predicate = Callable[[Any], bool]

DRAFT4_META = "http://json-schema.org/draft-04/schema"
OAS31_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base"
_SCHEMA_FILES = {"2.0": "v2.0", "3.0": "v3.0", "3.1": "v3.1"}
URI_FORMATS = ("uri", "uri-reference", "iri", "iri-reference")


class UnsupportedSchemaError(Exception):
    """The schemas cannot be compiled to the validator's verdicts here."""


def package_folder(name: str) -> Path:
    found = importlib.util.find_spec(name)
    if found is None or found.origin is None:
        raise UnsupportedSchemaError(f"{name} is not installed")
    return Path(found.origin).parent


def uri_formats_asserted() -> bool:
    """Whether ``jsonschema`` asserts ``uri`` formats here (it needs one of these packages)."""
    return any(importlib.util.find_spec(name) is not None for name in ("rfc3987", "rfc3986_validator"))


def schemas_in(folder: Path) -> dict[str, dict[str, Any]]:
    """Every JSON schema file under ``folder`` (any name), by its ``$id`` (or draft 4's ``id``)."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(data, dict):
                name = data.get("$id", data.get("id"))
                if isinstance(name, str):
                    found[name.rstrip("#")] = data
    return found


_HOSTS = {
    "http://json-schema.org/": "http://json-schema.invalid/",
    "https://json-schema.org/": "https://json-schema.invalid/",
}


def _moved(node: Any) -> Any:
    """``node`` with the identifiers and references of the JSON Schema meta-schemas under another host.

    jsonschema-rs resolves ``http://json-schema.org/...`` to meta-schemas of its own, which differ from the ones
    the validator uses (its draft 4 ``enum`` admits ``[]`` and repeated values); moved, they resolve to the
    validator's own copies, given by ``$id``. ``$schema`` stays: it names the draft.
    """
    if isinstance(node, dict):
        return {
            key: _moved_uri(value) if key in ("$id", "id", "$ref") else _moved(value) for key, value in node.items()
        }
    if isinstance(node, list):
        return [_moved(value) for value in node]
    return node


def _moved_uri(value: Any) -> Any:
    if not isinstance(value, str):
        return _moved(value)
    for host, other in _HOSTS.items():
        if value.startswith(host):
            return other + value[len(host) :]
    return value


def is_regex(value: Any) -> bool:
    """``format: regex`` as the validator asserts it: Python's ``re`` compiles it."""
    if not isinstance(value, str):
        return True
    try:
        re.compile(value)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


def _anything(value: Any) -> bool:
    return True


def _refuse(uri: str) -> Any:
    raise UnsupportedSchemaError(f"reference to {uri!r}, which is not shipped with the validator")


@cache
def predicates(dialect: str) -> tuple[Predicate, Predicate]:
    """(the OpenAPI document schema, the schema objects' meta-schema) of ``dialect``, compiled once a process."""
    import jsonschema_rs

    path = package_folder("openapi_spec_validator") / "resources" / "schemas" / _SCHEMA_FILES[dialect] / "schema.json"
    document_schema = _moved(json.loads(path.read_text(encoding="utf-8")))
    if dialect == "3.1":
        if uri_formats_asserted():
            raise UnsupportedSchemaError("uri formats are asserted by the validator here")
        known = schemas_in(package_folder("jsonschema_specifications") / "schemas" / "draft202012")
        known |= schemas_in(package_folder("openapi_schema_validator") / "schemas" / "oas3.1")
        validator: Any = jsonschema_rs.Draft202012Validator
        meta_id = OAS31_DIALECT
        formats: dict[str, Predicate] = {"regex": is_regex} | {name: _anything for name in URI_FORMATS}
    else:
        known = schemas_in(package_folder("jsonschema_specifications") / "schemas" / "draft4")
        validator = jsonschema_rs.Draft4Validator
        meta_id = DRAFT4_META
        formats = {"regex": is_regex}
    if meta_id not in known:
        raise UnsupportedSchemaError(f"{meta_id} is not installed")
    known = {_moved_uri(name): _moved(schema) for name, schema in known.items()}
    meta_id = _moved_uri(meta_id)
    registry = jsonschema_rs.Registry(
        [(uri, schema) for name, schema in known.items() for uri in (name, name + "#")], retriever=_refuse
    )
    try:
        whole = validator(document_schema, validate_formats=False, registry=registry, retriever=_refuse)
        meta = validator(
            known[meta_id],
            validate_formats=True,
            formats=formats,
            ignore_unknown_formats=True,
            registry=registry,
            retriever=_refuse,
        )
    except (ValueError, jsonschema_rs.ReferencingError) as exc:
        raise UnsupportedSchemaError(str(exc)) from exc
    return whole.is_valid, meta.is_valid
