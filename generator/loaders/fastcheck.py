"""A fast proof that openapi-spec-validator has nothing to report on a document.

openapi-spec-validator checks an OpenAPI 2.0 or 3.0 document in two steps:
the whole document against the OpenAPI JSON Schema it ships, then a walk over
paths, operations, parameters and schema objects (each schema object against
the draft 4 meta-schema, required properties an ``allOf`` never defines, path
parameters that are not declared, operation ids and parameters that repeat,
default values that break their schema). This module does the same checks,
with the same schemas compiled to predicates (``metaschema.py``) and plain
dictionary walks, in a fraction of the time.

It only answers "nothing to report" when it is sure: ``clean`` returns False
when a check fails and None when the document leaves its ground (OpenAPI 3.1,
a ``$ref`` to another file or that leads nowhere, a default value it cannot
judge). In both cases the validator itself runs and says what is wrong, so
findings keep its words and places; ``tests/test_fastcheck.py`` holds the two
to the same verdict on every corpus document and on broken ones.
"""

from __future__ import annotations

import json
import math
import string
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from ..patterns import search
from ..sources import resolve_pointer
from .metaschema import OAS31_DIALECT, URI_FORMATS, Predicate, predicates, uri_formats_asserted

OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DIALECTS = ("2.0", "3.0", "3.1")
_SIMPLE_DEFAULT_KEYWORDS = frozenset(
    {"type", "nullable", "enum", "description", "title", "example", "default", "deprecated", "readOnly", "writeOnly"}
    | {"format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern"}
    | {"items", "minItems", "maxItems", "xml", "externalDocs"}
    | {"name", "in", "required", "allowEmptyValue", "collectionFormat"}  # a Swagger 2.0 parameter is its own schema
)
_INTEGER_FORMATS = {"int32": 1 << 31, "int64": 1 << 63}
"""Formats the validator's checkers fail a number on (its string formats, dates among them, are left to it)."""
_CHECKED_STRING_FORMATS = frozenset(
    {"color", "date", "date-time", "duration", "email", "host-name", "hostname", "idn-email", "idn-hostname"}
    | {"ip-address", "ipv4", "ipv6", "iri", "iri-reference", "json-pointer", "regex", "relative-json-pointer"}
    | {"time", "uri", "uri-reference", "uri-template", "uuid", "byte"}
)
"""Formats a checker of the validator may fail a string on: every format ``jsonschema`` knows (some only with an
optional package installed), and OpenAPI's ``byte``; any other format name (``url``, ``int64``, ``password``, a
vendor's own) is no more than a word to it."""


class UnsureError(Exception):
    """The document leaves what this module can judge: let the validator decide."""


def clean(document: dict[str, Any], dialect: str) -> bool | None:
    """True when openapi-spec-validator would find nothing; False when it would; None when unsure."""
    if dialect not in _DIALECTS:
        return None
    if dialect == "3.1" and not (
        str(document.get("openapi", "")).startswith("3.1.")
        and document.get("jsonSchemaDialect", OAS31_DIALECT) == OAS31_DIALECT
    ):
        return None  # 3.2 has a validator of its own; another dialect, a meta-schema this module does not know
    try:
        whole, meta = predicates(dialect)
        if not whole(document):
            return False
        return _Walk(document, meta, dialect).clean()
    except Exception:  # unsure, or what the validator would trip over too (a bad regex...): it reports it
        return None


class _Walk:
    """The validator's second step, over the document as parsed."""

    def __init__(self, document: dict[str, Any], meta: Predicate, dialect: str) -> None:
        self.document = document
        self.meta = meta
        self.nullable = dialect != "3.1"
        """``nullable: true`` admits None (OpenAPI 3.0 and Swagger 2.0; in 3.1 it is no keyword)."""
        self.meta_checked: set[int] = set()
        self.visited: set[int] = set()
        self.operation_ids: set[Any] = set()
        self.targets: dict[str, Any] = {}
        """A ``$ref`` followed before -> what it leads to (a big document refers to one node thousands of times)."""

    def clean(self) -> bool:
        names = [self.resolve(tag)["name"] for tag in self.document.get("tags") or []]
        if len(names) != len(set(names)):
            return False
        for url, item in (self.document.get("paths") or {}).items():
            if not self.path_item(url, self.resolve(item)):
                return False
        if "components" in self.document:
            schemas = self.resolve(self.document["components"]).get("schemas") or {}
            return all(self.schema(schema) for schema in self.resolve(schemas).values())
        return True

    def resolve(self, node: Any) -> Any:
        """``node``, or what its ``$ref`` points at inside the document (followed until it is not a reference)."""
        if not isinstance(node, dict):
            return node
        first = node.get("$ref")
        if not isinstance(first, str):  # a property may be named $ref
            return node
        if first in self.targets:
            return self.targets[first]
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#"):
                raise UnsureError(f"reference {ref!r}")
            try:  # a fragment is percent-encoded, then a pointer
                node = resolve_pointer(self.document, unquote(ref[1:]))
            except (KeyError, ValueError) as exc:
                raise UnsureError(f"unresolvable reference {ref!r}") from exc
            seen += 1
            if seen > 64:
                raise UnsureError("a reference cycle")
        self.targets[first] = node
        return node

    def path_item(self, url: str, item: dict[str, Any]) -> bool:
        shared = self.resolve(item["parameters"]) if "parameters" in item else None
        if shared is not None and not self.parameters(shared):
            return False
        for method, operation in item.items():
            if method in OPERATIONS and not self.operation(url, self.resolve(operation), shared):
                return False
        return True

    def operation(self, url: str, operation: dict[str, Any], shared: list[Any] | None) -> bool:
        operation_id = operation.get("operationId")
        if operation_id is not None:
            if operation_id in self.operation_ids:
                return False
            self.operation_ids.add(operation_id)
        for response in self.resolve(operation.get("responses") or {}).values():
            if not self.response(self.resolve(response)):
                return False
        names: list[str] = []
        if "parameters" in operation:
            own = self.resolve(operation["parameters"])
            if not self.parameters(own):
                return False
            names += self.path_names(own)
        if shared is not None:
            names += self.path_names(shared)
        try:
            in_url = {field for _, field, _, _ in string.Formatter().parse(url) if field}
        except ValueError as exc:  # the validator fails on such a path: let it say so
            raise UnsureError(str(exc)) from exc
        return set(names) == in_url

    def path_names(self, parameters: list[Any]) -> Iterator[str]:
        for parameter in parameters:
            resolved = self.resolve(parameter)
            if resolved.get("in") == "path":
                yield resolved["name"]

    def parameters(self, parameters: list[Any]) -> bool:
        seen: set[tuple[Any, Any]] = set()
        for parameter in parameters:
            resolved = self.resolve(parameter)
            if "schema" in resolved and not self.schema(resolved["schema"]):
                return False
            if "default" in resolved and not self.default_fits(resolved, resolved["default"]):
                return False  # only Swagger 2.0 parameters carry a default
            key = (resolved["name"], resolved["in"])
            if key in seen:
                return False
            seen.add(key)
        return True

    def response(self, response: dict[str, Any]) -> bool:
        if "schema" in response and not self.schema(response["schema"]):
            return False
        for media in (self.resolve(response.get("content") or {})).values():
            media = self.resolve(media)
            if "schema" in media and not self.schema(media["schema"]):
                return False
        return True

    def schema(self, node: Any, *, top: bool = True, meta_checked: bool = False) -> bool:
        schema = self.resolve(node)
        if not isinstance(schema, (dict, bool)):
            return False
        key = id(schema)
        if not meta_checked and key not in self.meta_checked:
            self.meta_checked.add(key)
            if not self.meta(schema):
                return False
        if key in self.visited:
            return True
        self.visited.add(key)
        if isinstance(schema, bool) or "$schema" in schema or "$id" in schema:
            raise UnsureError("a boolean schema, or one with a dialect or resource of its own")
        nested: set[str] = set()
        for keyword in ("allOf", "anyOf", "oneOf"):
            for inner in self.resolve(schema.get(keyword) or []):
                if not self.schema(inner, top=False, meta_checked=True):
                    return False
                if keyword == "allOf":
                    nested |= self.properties_of(inner)
        for keyword in ("not", "items"):
            if keyword in schema and not self.schema(schema[keyword], top=False, meta_checked=True):
                return False
        properties = self.resolve(schema.get("properties") or {})
        if not all(self.schema(inner, top=False, meta_checked=True) for inner in properties.values()):
            return False
        if top and "allOf" in schema and set(schema.get("required") or []) - set(properties) - nested:
            return False
        if "default" in schema:
            value = schema["default"]
            if (value is not None or schema.get("nullable") is not True) and not self.default_fits(schema, value):
                return False
        return True

    def properties_of(self, node: Any, depth: int = 0) -> set[str]:
        """Every property name a schema defines, through allOf, anyOf, oneOf, items and not."""
        schema = self.resolve(node)
        if depth > 64:
            raise UnsureError("properties nested too deeply (the validator recurses without end)")
        if not isinstance(schema, dict):
            return set()
        names = set(self.resolve(schema.get("properties") or {}))
        for keyword in ("allOf", "anyOf", "oneOf"):
            for inner in self.resolve(schema.get(keyword) or []):
                names |= self.properties_of(inner, depth + 1)
        for keyword in ("items", "not"):
            if keyword in schema:
                names |= self.properties_of(schema[keyword], depth + 1)
        return names

    def default_fits(self, schema: dict[str, Any], value: Any) -> bool:
        """A default value against the simple schemas real documents give one; the validator judges the rest."""
        if {k for k in schema if not str(k).startswith("x-")} - _SIMPLE_DEFAULT_KEYWORDS:
            raise UnsureError("a default value under a schema with more than simple constraints")
        if isinstance(schema.get("required"), list):
            raise UnsureError("a default object under required properties")  # (a 2.0 parameter's is a boolean)
        if isinstance(value, str) and _asserted_on_strings(schema.get("format")):
            raise UnsureError("a default string with a format: the validator checks dates, emails and more")
        kind = schema.get("type")
        admits_null = value is None and schema.get("nullable") is True and self.nullable
        if kind is not None and not admits_null and not _of_type(value, kind):
            return False
        if "enum" in schema and canonical(value, exact=True) not in {canonical(v, exact=True) for v in schema["enum"]}:
            return False
        if isinstance(value, list) and "items" in schema:
            items = self.resolve(schema["items"])
            if not isinstance(items, dict) or not all(self.default_fits(items, item) for item in value):
                return False
        return _within(schema, value) and _formatted(schema.get("format"), value)


def _within(schema: dict[str, Any], value: Any) -> bool:
    """Bounds, lengths and pattern, each only for the type it concerns.

    ``exclusiveMinimum``: a flag on ``minimum`` in draft 4 (2.0, 3.0), a bound of its own in 2020-12 (3.1).
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        if "minimum" in schema and (value < schema["minimum"] or (low is True and value == schema["minimum"])):
            return False
        if "maximum" in schema and (value > schema["maximum"] or (high is True and value == schema["maximum"])):
            return False
        if not isinstance(low, (bool, type(None))) and not value > low:
            return False
        if not isinstance(high, (bool, type(None))) and not value < high:
            return False
    if isinstance(value, list) and not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
        return False
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
            return False
        if "pattern" in schema:
            found = search(schema["pattern"], value) if isinstance(schema["pattern"], str) else None
            if found is None:
                raise UnsureError("a pattern RE2 cannot take")
            if not found:
                return False
    return True


def _asserted_on_strings(name: Any) -> bool:
    """Whether the validator may fail a string on format ``name`` (``uri`` only with rfc3987 or rfc3986-validator)."""
    if name in URI_FORMATS:
        return uri_formats_asserted()
    return name in _CHECKED_STRING_FORMATS


def _formatted(name: Any, value: Any) -> bool:
    if name in _INTEGER_FORMATS and isinstance(value, int) and not isinstance(value, bool):
        limit = _INTEGER_FORMATS[name]
        return -limit <= value < limit
    return True


def _of_type(value: Any, kind: Any) -> bool:
    if isinstance(kind, list):
        return any(_of_type(value, one) for one in kind)
    checks = {
        "null": lambda v: v is None,
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    if not isinstance(kind, str) or kind not in checks:
        raise UnsureError(f"type {kind!r}")
    return bool(checks[kind](value))


def canonical(value: Any, *, exact: bool) -> str:
    """A text equal for equal JSON values: ``exact`` tells 1 from 1.0; never tells True from 1 as the same."""

    def norm(v: Any) -> Any:
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return [type(v).__name__, v]
        if isinstance(v, (int, float)):
            if not exact and isinstance(v, float) and v.is_integer():
                return ["number", int(v)]
            number = "nan" if isinstance(v, float) and math.isnan(v) else v
            return [type(v).__name__ if exact else "number", number]
        if isinstance(v, list):
            return ["array", [norm(x) for x in v]]
        if isinstance(v, dict):
            return ["object", sorted((str(k), norm(x)) for k, x in v.items())]
        return ["other", repr(v)]

    return json.dumps(norm(value), sort_keys=True)
