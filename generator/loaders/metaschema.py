"""JSON Schema draft 4, compiled to Python predicates: is this value valid, yes or no.

The OpenAPI 2.0 and 3.0 schemas that openapi-spec-validator checks documents
against, and the draft 4 meta-schema it checks every schema object against, are
draft 4 documents. Walking them keyword by keyword for each node of a large
document is what makes that validator slow (seconds for Stripe). Compiled once
into nested closures, the same check is a few function calls a node.

The predicates answer with the semantics of ``jsonschema``'s Draft4Validator,
or more strictly: a value they accept, it accepts too (``enum`` compares types
exactly; ``uniqueItems`` counts ``1`` and ``1.0`` as the same item, as it does).
Only ``format: regex`` is checked, the one format a format checker applies in
these schemas. A keyword this module does not know makes ``compile_schema`` raise
``UnsupportedSchemaError``, so nothing is ever accepted by accident.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections.abc import Callable, Mapping, Sized
from pathlib import Path
from typing import Any

from ..sources import resolve_pointer

Predicate = Callable[[Any], bool]

DRAFT4_META = "http://json-schema.org/draft-04/schema"
_IGNORED = frozenset(
    {"id", "$schema", "title", "description", "default", "definitions", "example", "examples", "readOnly"}
)
_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


class UnsupportedSchemaError(Exception):
    """The schema uses a keyword or reference this compiler does not know."""


def draft4_meta_schema() -> dict[str, Any]:
    """The draft 4 meta-schema as ``jsonschema-specifications`` ships it (read as a file: nothing is imported)."""
    found = importlib.util.find_spec("jsonschema_specifications")
    if found is None or found.origin is None:
        raise UnsupportedSchemaError("jsonschema-specifications is not installed")
    path = Path(found.origin).parent / "schemas" / "draft4" / "metaschema.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


class Compiler:
    """Compiles one root schema; ``$ref``s point into it (``#/...``) or at a schema of ``known``, by URI."""

    def __init__(self, root: Mapping[str, Any], known: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.root = root
        self.known = dict(known or {})
        self.compiled: dict[int, Predicate] = {}
        self.others: dict[str, Compiler] = {}
        """One compiler per other document a reference leads into: its own ``#/...`` point into it."""

    def compile(self, schema: Any) -> Predicate:
        key = id(schema)
        found = self.compiled.get(key)
        if found is not None:
            return found
        slot: list[Predicate] = []
        self.compiled[key] = lambda value: slot[0](value)  # recursive schemas call through the slot
        predicate = self._build(schema)
        slot.append(predicate)
        self.compiled[key] = predicate
        return predicate

    def _reference(self, ref: str) -> Predicate:
        base, _, fragment = ref.partition("#")
        if not base:
            return self.compile(follow(self.root, fragment, ref))
        if base not in self.known:
            raise UnsupportedSchemaError(f"reference to {base!r}")
        other = self.others.get(base)
        if other is None:
            other = self.others[base] = Compiler(self.known[base], self.known)
        return other.compile(follow(other.root, fragment, ref))

    def _build(self, schema: Any) -> Predicate:
        if not isinstance(schema, dict):
            raise UnsupportedSchemaError(f"a schema that is a {type(schema).__name__}")
        if "$ref" in schema:  # draft 4: a reference replaces every other keyword beside it
            return self._reference(schema["$ref"])
        checks: list[Predicate] = []
        unknown = set(schema) - _KEYWORDS.keys() - _IGNORED
        if unknown:
            raise UnsupportedSchemaError(f"keywords {sorted(unknown)}")
        for keyword, build in _KEYWORDS.items():
            if keyword in schema:
                check = build(self, schema)
                if check is not None:
                    checks.append(check)
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(check(value) for check in checks)


def follow(node: Any, fragment: str, ref: str) -> Any:
    """The schema at the JSON pointer ``fragment`` of ``node`` (``ref`` names it in the error)."""
    try:
        return resolve_pointer(node, fragment)
    except (KeyError, ValueError) as exc:
        raise UnsupportedSchemaError(f"unresolvable reference {ref!r}") from exc


def _always(value: Any) -> bool:
    return True


def compile_schema(root: Mapping[str, Any], known: Mapping[str, Mapping[str, Any]] | None = None) -> Predicate:
    return Compiler(root, known).compile(root)


# ------------------------------------------------------------------ keywords


def _type(c: Compiler, s: dict[str, Any]) -> Predicate:
    return type_test(s["type"])


def type_test(kind: Any) -> Predicate:
    """``type`` as draft 4 reads it (an integer is an ``int``, never a float with no fraction)."""
    names = kind if isinstance(kind, list) else [kind]
    if any(not isinstance(name, str) or name not in _TYPES for name in names):
        raise UnsupportedSchemaError(f"type {kind!r}")
    tests = [_TYPES[name] for name in names]
    if len(tests) == 1:
        return tests[0]
    return lambda value: any(test(value) for test in tests)


def _properties(c: Compiler, s: dict[str, Any]) -> Predicate | None:
    """``properties``, ``patternProperties`` and ``additionalProperties`` together: one pass over the keys."""
    named = {name: c.compile(sub) for name, sub in (s.get("properties") or {}).items()}
    patterns = [(re.compile(p), c.compile(sub)) for p, sub in (s.get("patternProperties") or {}).items()]
    extra = s.get("additionalProperties", True)
    others = None if extra is True or extra == {} else never if extra is False else c.compile(extra)
    if not named and not patterns and others is None:
        return None
    return members(named, patterns, others)


def members(
    named: Mapping[str, Predicate], patterns: list[tuple[re.Pattern[str], Predicate]], others: Predicate | None
) -> Predicate:
    """Each property of an object against its schema: by name, by every pattern its key matches, else ``others``."""

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key, item in value.items():
            matched = False
            own = named.get(key)
            if own is not None:
                matched = True
                if not own(item):
                    return False
            for pattern, sub in patterns:
                if pattern.search(key):
                    matched = True
                    if not sub(item):
                        return False
            if not matched and others is not None and not others(item):
                return False
        return True

    return check


def never(value: Any) -> bool:
    return False


def _required(c: Compiler, s: dict[str, Any]) -> Predicate:
    names = tuple(s["required"])
    return lambda value: not isinstance(value, dict) or all(name in value for name in names)


def _enum(c: Compiler, s: dict[str, Any]) -> Predicate:
    options = [canonical(v, exact=True) for v in s["enum"]]
    return lambda value: canonical(value, exact=True) in options


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


def _unique(c: Compiler, s: dict[str, Any]) -> Predicate | None:
    return unique_items if s["uniqueItems"] is True else None


def unique_items(value: Any) -> bool:
    if not isinstance(value, list):
        return True
    seen = [canonical(item, exact=False) for item in value]
    return len(set(seen)) == len(seen)


def _items(c: Compiler, s: dict[str, Any]) -> Predicate | None:
    items = s["items"]
    if isinstance(items, dict):
        each = c.compile(items)
        return lambda value: not isinstance(value, list) or all(each(item) for item in value)
    positional = [c.compile(sub) for sub in items]
    extra = s.get("additionalItems", True)
    extra_check = None if extra is True else c.compile(extra) if isinstance(extra, dict) else None
    forbid = extra is False

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        if forbid and len(value) > len(positional):
            return False
        for index, item in enumerate(value):
            sub = positional[index] if index < len(positional) else extra_check
            if sub is not None and not sub(item):
                return False
        return True

    return check


Builder = Callable[["Compiler", dict[str, Any]], Predicate | None]


def _count(name: str, kind: type[Sized], compare: Callable[[int, int], bool]) -> Builder:
    def build(c: Compiler, s: dict[str, Any]) -> Predicate:
        limit = s[name]
        return lambda value: not isinstance(value, kind) or compare(len(value), limit)

    return build


def _bound(name: str) -> Builder:
    def build(c: Compiler, s: dict[str, Any]) -> Predicate:
        limit = s[name]
        exclusive = bool(s.get("exclusiveMinimum" if name == "minimum" else "exclusiveMaximum"))

        def check(value: Any) -> bool:
            if not _TYPES["number"](value):
                return True
            if name == "minimum":
                return bool(value > limit if exclusive else value >= limit)
            return bool(value < limit if exclusive else value <= limit)

        return check

    return build


def _multiple_of(c: Compiler, s: dict[str, Any]) -> Predicate:
    divisor = s["multipleOf"]

    def check(value: Any) -> bool:
        if not _TYPES["number"](value):
            return True
        if isinstance(divisor, float):
            quotient = value / divisor
            return bool(math.isfinite(quotient) and int(quotient) == quotient)
        return not value % divisor

    return check


def _pattern(c: Compiler, s: dict[str, Any]) -> Predicate:
    pattern = re.compile(s["pattern"])
    return lambda value: not isinstance(value, str) or pattern.search(value) is not None


def _format(c: Compiler, s: dict[str, Any]) -> Predicate | None:
    return is_regex if s["format"] == "regex" else None


def is_regex(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    try:
        re.compile(value)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


def _dependencies(c: Compiler, s: dict[str, Any]) -> Predicate:
    rules: list[tuple[str, Predicate]] = []
    for name, dependency in s["dependencies"].items():
        if isinstance(dependency, list):
            needed = tuple(dependency)
            rules.append((name, _requires(needed)))
        else:
            rules.append((name, c.compile(dependency)))
    return lambda value: not isinstance(value, dict) or all(rule(value) for name, rule in rules if name in value)


def _requires(names: tuple[str, ...]) -> Predicate:
    return lambda value: all(name in value for name in names)


def _all_of(c: Compiler, s: dict[str, Any]) -> Predicate:
    return all_of([c.compile(sub) for sub in s["allOf"]])


def _any_of(c: Compiler, s: dict[str, Any]) -> Predicate:
    return any_of([c.compile(sub) for sub in s["anyOf"]])


def _one_of(c: Compiler, s: dict[str, Any]) -> Predicate:
    return one_of([c.compile(sub) for sub in s["oneOf"]])


def _not(c: Compiler, s: dict[str, Any]) -> Predicate:
    sub = c.compile(s["not"])
    return lambda value: not sub(value)


def all_of(subs: list[Predicate]) -> Predicate:
    return lambda value: all(sub(value) for sub in subs)


def any_of(subs: list[Predicate]) -> Predicate:
    return lambda value: any(sub(value) for sub in subs)


def one_of(subs: list[Predicate]) -> Predicate:
    return lambda value: sum(1 for sub in subs if sub(value)) == 1


def _skip(c: Compiler, s: dict[str, Any]) -> None:
    """Read together with another keyword (``additionalItems`` with ``items``...)."""
    return None


_KEYWORDS: dict[str, Builder] = {
    "type": _type,
    "enum": _enum,
    "required": _required,
    "properties": _properties,
    "patternProperties": lambda c, s: None if "properties" in s else _properties(c, s),
    "additionalProperties": lambda c, s: None if "properties" in s or "patternProperties" in s else _properties(c, s),
    "items": _items,
    "additionalItems": _skip,
    "uniqueItems": _unique,
    "minItems": _count("minItems", list, lambda n, limit: n >= limit),
    "maxItems": _count("maxItems", list, lambda n, limit: n <= limit),
    "minLength": _count("minLength", str, lambda n, limit: n >= limit),
    "maxLength": _count("maxLength", str, lambda n, limit: n <= limit),
    "minProperties": _count("minProperties", dict, lambda n, limit: n >= limit),
    "maxProperties": _count("maxProperties", dict, lambda n, limit: n <= limit),
    "minimum": _bound("minimum"),
    "maximum": _bound("maximum"),
    "exclusiveMinimum": _skip,
    "exclusiveMaximum": _skip,
    "multipleOf": _multiple_of,
    "pattern": _pattern,
    "format": _format,
    "dependencies": _dependencies,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "not": _not,
}
