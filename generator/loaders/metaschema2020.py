"""JSON Schema draft 2020-12, compiled to Python predicates: the OpenAPI 3.1 schemas.

The companion of ``metaschema.py`` (draft 4) for OpenAPI 3.1 documents: the
document schema openapi-spec-validator ships, and the OpenAPI 3.1 dialect every
schema object is checked against (draft 2020-12's meta-schemas plus the OAS
vocabulary). It answers with the semantics of ``jsonschema``'s
Draft202012Validator, or more strictly, for what these schemas use:

- ``$ref`` beside other keywords, resolved against ``$id`` among the documents
  it is given; ``$dynamicRef: "#meta"`` goes to the anchor of the document the
  check starts from (every ``#meta`` of these schemas means "a schema object");
- ``unevaluatedProperties``, with the properties counted as evaluated as
  ``jsonschema`` 4.26 counts them (``find_evaluated_property_keys_by_schema``);
- ``format: regex`` asserted; ``uri`` and ``uri-reference`` are asserted by
  ``jsonschema`` only when rfc3987 or rfc3986-validator is installed, in which
  case compiling refuses (the validator then decides).

A keyword it does not know makes compiling raise ``UnsupportedSchemaError``.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable, Mapping, Sized
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

from .metaschema import (
    UnsupportedSchemaError,
    all_of,
    any_of,
    canonical,
    follow,
    is_regex,
    members,
    never,
    one_of,
    type_test,
    unique_items,
)

Valid = Callable[[Any], bool]
Evaluated = Callable[[dict[str, Any]], set[str]]

_IGNORED = frozenset(
    {
        "$schema", "$id", "$comment", "$defs", "$vocabulary", "$anchor", "$dynamicAnchor",
        "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples", "example",
        "contentMediaType", "contentEncoding", "contentSchema",
    }
)  # fmt: skip
_URI_FORMATS = ("uri", "uri-reference", "iri", "iri-reference")


def uri_formats_asserted() -> bool:
    """Whether ``jsonschema`` can assert ``uri`` formats here (it needs one of these packages)."""
    return any(importlib.util.find_spec(name) is not None for name in ("rfc3987", "rfc3986_validator"))


def schemas_in(folder: Path) -> dict[str, dict[str, Any]]:
    """Every JSON schema file under ``folder`` (any name), by its ``$id``."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(data, dict) and isinstance(data.get("$id"), str):
                found[data["$id"].rstrip("#")] = data
    return found


class Compiler2020:
    """Compiles a schema of ``documents`` (by ``$id``); ``$dynamicRef``s go to the entry document's anchors."""

    def __init__(self, documents: Mapping[str, Mapping[str, Any]], entry: str) -> None:
        self.documents = documents
        self.entry = entry.rstrip("#")
        self.valid: dict[int, Valid] = {}
        self.evaluated: dict[int, Evaluated] = {}

    # ------------------------------------------------------------------ references

    def resolve(self, ref: str, base: str) -> tuple[Any, str]:
        """The schema ``ref`` names from a document whose URI is ``base``, and that schema's own base."""
        absolute = urljoin(base, ref)
        uri, fragment = urldefrag(absolute)
        document = self.documents.get(uri)
        if document is None:
            raise UnsupportedSchemaError(f"reference to {uri!r}")
        if fragment.startswith("/") or not fragment:
            return follow(document, fragment, absolute), uri
        anchored = _anchor(document, fragment)
        if anchored is None:
            raise UnsupportedSchemaError(f"no anchor {fragment!r} in {uri!r}")
        return anchored, uri

    def dynamic(self, ref: str, base: str) -> tuple[Any, str]:
        """``$dynamicRef``: the entry document's dynamic anchor of that name, else the static target."""
        fragment = ref.partition("#")[2]
        anchored = _anchor(self.documents[self.entry], fragment, dynamic=True)
        if anchored is not None:
            return anchored, self.entry
        return self.resolve(ref, base)

    # ------------------------------------------------------------------ validity

    def compile(self, schema: Any, base: str) -> Valid:
        key = id(schema)
        found = self.valid.get(key)
        if found is not None:
            return found
        slot: list[Valid] = []
        self.valid[key] = lambda value: slot[0](value)  # recursive schemas call through the slot
        predicate = self._build(schema, base)
        slot.append(predicate)
        self.valid[key] = predicate
        return predicate

    def _build(self, schema: Any, base: str) -> Valid:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise UnsupportedSchemaError(f"a schema that is a {type(schema).__name__}")
        if "$id" in schema and urljoin(base, schema["$id"]).rstrip("#") != base:
            raise UnsupportedSchemaError("a schema resource inside another")
        unknown = set(schema) - _KEYWORDS.keys() - _IGNORED
        if unknown:
            raise UnsupportedSchemaError(f"keywords {sorted(unknown)}")
        checks = [
            check for keyword, build in _KEYWORDS.items() if keyword in schema if (check := build(self, schema, base))
        ]
        return lambda value: all(check(value) for check in checks)

    # ------------------------------------------------------------------ evaluated properties, as jsonschema counts them

    def evaluated_by(self, schema: Any, base: str) -> Evaluated:
        key = id(schema)
        found = self.evaluated.get(key)
        if found is not None:
            return found
        slot: list[Evaluated] = []
        self.evaluated[key] = lambda value: slot[0](value)
        counter = self._counter(schema, base)
        slot.append(counter)
        self.evaluated[key] = counter
        return counter

    def _counter(self, schema: Any, base: str) -> Evaluated:
        if not isinstance(schema, dict):
            return lambda value: set()
        parts: list[Evaluated] = []
        if "$ref" in schema:
            parts.append(self.evaluated_by(*self.resolve(schema["$ref"], base)))
        if "$dynamicRef" in schema:  # jsonschema looks it up statically here
            parts.append(self.evaluated_by(*self.resolve(schema["$dynamicRef"], base)))
        if isinstance(schema.get("properties"), dict):
            parts.append(_present(frozenset(schema["properties"])))
        for keyword in ("additionalProperties", "unevaluatedProperties"):
            if keyword in schema:  # every key whose value the subschema accepts, as jsonschema counts it
                parts.append(_accepted(self.compile(schema[keyword], base)))
        if "patternProperties" in schema:
            patterns = [re.compile(p) for p in schema["patternProperties"]]
            parts.append(lambda value: {k for k in value if any(p.search(k) for p in patterns)})
        for name, sub in (schema.get("dependentSchemas") or {}).items():
            parts.append(_when(_has(name), self.evaluated_by(sub, base)))
        for keyword in ("allOf", "oneOf", "anyOf"):
            for sub in schema.get(keyword) or []:
                parts.append(_when(self.compile(sub, base), self.evaluated_by(sub, base)))
        if "if" in schema:
            test, if_part = self.compile(schema["if"], base), self.evaluated_by(schema["if"], base)
            then_part = self.evaluated_by(schema["then"], base) if "then" in schema else None
            else_part = self.evaluated_by(schema["else"], base) if "else" in schema else None

            def conditional(value: dict[str, Any]) -> set[str]:
                if test(value):
                    return if_part(value) | (then_part(value) if then_part else set())
                return else_part(value) if else_part else set()

            parts.append(conditional)
        return lambda value: set().union(*(part(value) for part in parts))


def _has(name: str) -> Callable[[Any], bool]:
    return lambda value: name in value


def _accepted(valid: Valid) -> Evaluated:
    return lambda value: {key for key, item in value.items() if valid(item)}


def _present(names: frozenset[str]) -> Evaluated:
    return lambda value: set(names & value.keys())


def _when(condition: Callable[[Any], bool], inner: Evaluated) -> Evaluated:
    return lambda value: inner(value) if condition(value) else set()


def _anchor(node: Any, name: str, *, dynamic: bool = False) -> Any:
    """The subschema of ``node``'s resource with that anchor (``$dynamicAnchor`` only, with ``dynamic``)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if current.get("$dynamicAnchor") == name or (not dynamic and current.get("$anchor") == name):
                return current
            stack.extend(v for k, v in current.items() if k not in ("enum", "const", "default", "examples"))
        elif isinstance(current, list):
            stack.extend(current)
    return None


# ------------------------------------------------------------------ keywords

Builder = Callable[[Compiler2020, dict[str, Any], str], Valid | None]


def _ref(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    return c.compile(*c.resolve(s["$ref"], base))


def _dynamic_ref(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    return c.compile(*c.dynamic(s["$dynamicRef"], base))


def _type(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    return type_test(s["type"])


def _enum(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    options = {canonical(v, exact=True) for v in s["enum"]}
    return lambda value: canonical(value, exact=True) in options


def _const(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    wanted = canonical(s["const"], exact=True)
    return lambda value: canonical(value, exact=True) == wanted


def _properties(c: Compiler2020, s: dict[str, Any], base: str) -> Valid | None:
    named = {name: c.compile(sub, base) for name, sub in (s.get("properties") or {}).items()}
    patterns = [(re.compile(p), c.compile(sub, base)) for p, sub in (s.get("patternProperties") or {}).items()]
    extra = s.get("additionalProperties", True)
    others = None if extra is True else never if extra is False else c.compile(extra, base)
    return members(named, patterns, others)


def _unevaluated(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    rest = c.compile(s["unevaluatedProperties"], base)
    evaluated = c.evaluated_by(s, base)

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        seen = evaluated(value)
        return all(rest(item) for key, item in value.items() if key not in seen)

    return check


def _required(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    names = tuple(s["required"])
    return lambda value: not isinstance(value, dict) or all(name in value for name in names)


def _dependent_schemas(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    rules = [(name, c.compile(sub, base)) for name, sub in s["dependentSchemas"].items()]
    return lambda value: not isinstance(value, dict) or all(rule(value) for name, rule in rules if name in value)


def _property_names(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    sub = c.compile(s["propertyNames"], base)
    return lambda value: not isinstance(value, dict) or all(sub(key) for key in value)


def _items(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    each = c.compile(s["items"], base)
    return lambda value: not isinstance(value, list) or all(each(item) for item in value)


def _size(keyword: str, kind: type[Sized], low: bool) -> Builder:
    def build(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
        limit = s[keyword]
        if low:
            return lambda value: not isinstance(value, kind) or len(value) >= limit
        return lambda value: not isinstance(value, kind) or len(value) <= limit

    return build


def _unique(c: Compiler2020, s: dict[str, Any], base: str) -> Valid | None:
    return unique_items if s["uniqueItems"] is True else None


def _bound(keyword: str) -> Builder:
    def build(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
        limit = s[keyword]
        number = type_test("number")
        compare: Callable[[Any], bool] = {
            "minimum": lambda v: v >= limit,
            "maximum": lambda v: v <= limit,
            "exclusiveMinimum": lambda v: v > limit,
            "exclusiveMaximum": lambda v: v < limit,
        }[keyword]
        return lambda value: not number(value) or compare(value)

    return build


def _pattern(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    pattern = re.compile(s["pattern"])
    return lambda value: not isinstance(value, str) or pattern.search(value) is not None


def _format(c: Compiler2020, s: dict[str, Any], base: str) -> Valid | None:
    if s["format"] == "regex":
        return is_regex
    if s["format"] in _URI_FORMATS and uri_formats_asserted():
        raise UnsupportedSchemaError(f"format {s['format']} is asserted by the installed packages")
    return None


def _all_of(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    return all_of([c.compile(sub, base) for sub in s["allOf"]])


def _any_of(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    return any_of([c.compile(sub, base) for sub in s["anyOf"]])


def _one_of(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    return one_of([c.compile(sub, base) for sub in s["oneOf"]])


def _not(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    sub = c.compile(s["not"], base)
    return lambda value: not sub(value)


def _if(c: Compiler2020, s: dict[str, Any], base: str) -> Valid:
    test = c.compile(s["if"], base)
    then = c.compile(s["then"], base) if "then" in s else None
    otherwise = c.compile(s["else"], base) if "else" in s else None

    def check(value: Any) -> bool:
        if test(value):
            return then is None or then(value)
        return otherwise is None or otherwise(value)

    return check


def _skip(c: Compiler2020, s: dict[str, Any], base: str) -> None:
    """Read together with another keyword."""
    return None


_KEYWORDS: dict[str, Builder] = {
    "$ref": _ref,
    "$dynamicRef": _dynamic_ref,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "required": _required,
    "properties": _properties,
    "patternProperties": lambda c, s, b: None if "properties" in s else _properties(c, s, b),
    "additionalProperties": lambda c, s, b: (
        None if "properties" in s or "patternProperties" in s else _properties(c, s, b)
    ),
    "unevaluatedProperties": _unevaluated,
    "dependentSchemas": _dependent_schemas,
    "propertyNames": _property_names,
    "items": _items,
    "uniqueItems": _unique,
    "minItems": _size("minItems", list, True),
    "maxItems": _size("maxItems", list, False),
    "minLength": _size("minLength", str, True),
    "maxLength": _size("maxLength", str, False),
    "minProperties": _size("minProperties", dict, True),
    "maxProperties": _size("maxProperties", dict, False),
    "minimum": _bound("minimum"),
    "maximum": _bound("maximum"),
    "exclusiveMinimum": _bound("exclusiveMinimum"),
    "exclusiveMaximum": _bound("exclusiveMaximum"),
    "pattern": _pattern,
    "format": _format,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "not": _not,
    "if": _if,
    "then": _skip,
    "else": _skip,
}
