"""Validation findings in words: one short line a problem, never a dumped object or schema.

openapi-spec-validator reports through jsonschema, whose messages print the
whole instance (``{'type': 'object', ...} is not valid under any of the given
schemas``). ``word`` goes down a ``oneOf``/``anyOf`` error to the sub-error
that says what is wrong (choosing the alternative the author meant: not the
``Reference`` one for an object without ``$ref``, not the ``in: body`` one for
a header parameter), then words it from its keyword, with values shortened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

MAX_VALUE_CHARS = 60
"""A quoted string longer than this is cut, its length given."""
MAX_MESSAGE_CHARS = 160
"""A message is cut past this (the location and the code come in front of it)."""
MAX_LISTED = 8
"""Names or values listed in one message before "…"."""

MAX_NAMED = 3
"""Alternatives named in one message (a security scheme has four, a Swagger 2.0 one six)."""

_WEAK = frozenset({"oneOf", "anyOf"})


class Worded(NamedTuple):
    """A finding relative to the instance the error was raised on: the path down to the problem, words, a kind."""

    path: tuple[str | int, ...]
    message: str
    kind: str
    """What caps group by: the keyword (``type``, ``required``...) or the validator's own check."""


def word(error: Any) -> Worded:
    """The deepest, most specific cause of a jsonschema ``ValidationError``, in words."""
    leaf, named = _cause(error, None)
    path = tuple(_absolute_path(leaf))
    message, extra = _words(leaf)
    if named is not None and named[0] == path and not message.startswith("not a valid"):
        message = f"not a valid {named[1]}: {message}"
    return Worded(path + extra, shorten(message), str(leaf.validator))


def _absolute_path(error: Any) -> list[str | int]:
    return list(getattr(error, "absolute_path", ()) or ())


def _cause(error: Any, named: tuple[tuple[str | int, ...], str] | None) -> tuple[Any, tuple[Any, str] | None]:
    """Down ``oneOf``/``anyOf`` errors to the alternative the instance was meant to be, and its deepest error."""
    for _ in range(64):  # the validator's schemas nest a few levels; a bound all the same
        if error.validator not in _WEAK or not error.context:
            return error, named
        branches: dict[Any, list[Any]] = {}
        for sub in error.context:
            branches.setdefault(_branch(sub), []).append(sub)
        meant = [errors for errors in branches.values() if not any(_rejects(sub) for sub in errors)]
        if not meant and any(_wrong_type(errors) for errors in branches.values()):
            return error, named  # the instance is none of the alternatives: said by `_words`
        chosen = min(meant or branches.values(), key=lambda errors: (sum(map(_rejects, errors)), len(errors)))
        index = _branch(chosen[0])
        name = _alternative_name(error, index) if meant and isinstance(error.instance, dict) else None
        if name is not None:
            named = (tuple(_absolute_path(error)), name)
        error = max(chosen, key=_relevance)
    return error, named


def _branch(sub: Any) -> Any:
    path = list(getattr(sub, "relative_schema_path", ()) or ())
    return path[0] if path else None


def _relevance(error: Any) -> tuple[int, bool]:
    """Deeper first, then a keyword other than oneOf/anyOf (jsonschema's ``best_match`` order, but deepest wins)."""
    return len(list(getattr(error, "path", ()) or ())), error.validator not in _WEAK


def _wrong_type(errors: list[Any]) -> bool:
    return any(sub.validator == "type" and not list(getattr(sub, "path", ()) or ()) for sub in errors)


def _rejects(sub: Any) -> bool:
    """True for an error that says the instance is not this alternative at all, rather than a faulty one of it."""
    at_instance = not list(getattr(sub, "path", ()) or ())
    validator, value = sub.validator, sub.validator_value
    if validator == "type" and at_instance:
        return True
    if validator == "enum" and at_instance and isinstance(sub.instance, (dict, list)):
        return not any(isinstance(v, (dict, list)) for v in value or ())  # an object where a word is expected
    if validator == "required" and at_instance and "$ref" in (value or ()):
        return isinstance(sub.instance, dict) and "$ref" not in sub.instance
    if validator == "const" or (validator == "enum" and isinstance(value, list) and len(value) == 1):
        return len(list(getattr(sub, "path", ()) or ())) == 1  # a discriminating field such as `in: body`
    return False


def _alternative_name(error: Any, index: Any) -> str | None:
    """``header parameter`` for an alternative written ``{"$ref": "#/definitions/headerParameterSubSchema"}``."""
    alternatives = error.validator_value
    if not isinstance(alternatives, list) or not isinstance(index, int) or index >= len(alternatives):
        return None
    ref = alternatives[index].get("$ref") if isinstance(alternatives[index], dict) else None
    if not isinstance(ref, str):
        return None
    name = ref.rsplit("/", 1)[-1]
    if name in _ALTERNATIVE_NAMES:
        return _ALTERNATIVE_NAMES[name]
    if name[:1].isupper():
        return f"{name} Object"  # OpenAPI 3.0 names its definitions as the specification does
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|[-_]", " ", name).lower().split()
    return " ".join(words).replace(" sub schema", "").replace("json ", "").strip() or name


_ALTERNATIVE_NAMES = {"nonBodyParameter": "non-body parameter", "jsonReference": "Reference"}


def _words(error: Any) -> tuple[str, tuple[str | int, ...]]:
    """The message for one error and, where it is about one field, the path from the error's place to it."""
    validator, value, instance = error.validator, error.validator_value, error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if validator == "required":
        missing = [name for name in value or () if isinstance(instance, dict) and name not in instance]
        return f"missing required field {listed(missing or value or ())}", ()
    if validator == "type":
        return f"must be {_types(value)}, not {described(instance)}", ()
    if validator == "enum":
        wanted = quoted(value[0]) if isinstance(value, list) and len(value) == 1 else f"one of {listed(value or ())}"
        return f"must be {wanted}, not {described(instance)}", ()
    if validator == "const":
        return f"must be {quoted(value)}, not {described(instance)}", ()
    if validator in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        return _unexpected(instance, schema, validator)
    if validator == "pattern":
        return f"{quoted(instance)} does not match {quoted(value)}", ()
    if validator == "format":
        return f"{quoted(instance)} is not a valid {value}", ()
    if validator in _BOUNDS:
        return f"must be {_BOUNDS[validator]} {quoted(value)}, not {quoted(instance)}", ()
    if validator in _SIZES:
        unit, least = _SIZES[validator]
        if least and value == 1:
            return "must not be empty", ()
        return f"must have {'at least' if least else 'at most'} {value} {unit}, not {_size(instance)}", ()
    if validator == "uniqueItems":
        return "has repeated items", ()
    if validator == "multipleOf":
        return f"must be a multiple of {quoted(value)}, not {quoted(instance)}", ()
    if validator in _WEAK:
        return _none_of(error), ()
    if validator == "not":
        return _not(error), ()
    if validator in ("dependencies", "dependentRequired"):
        return f"a field needs another: {plain(str(error.message))}", ()
    return plain(str(error.message)), ()


_BOUNDS = {
    "minimum": "at least",
    "maximum": "at most",
    "exclusiveMinimum": "greater than",
    "exclusiveMaximum": "less than",
}
_SIZES = {
    "minLength": ("characters", True),
    "maxLength": ("characters", False),
    "minItems": ("items", True),
    "maxItems": ("items", False),
    "minProperties": ("fields", True),
    "maxProperties": ("fields", False),
}


def _unexpected(instance: dict[str, Any], schema: dict[str, Any], validator: str) -> tuple[str, tuple[str | int, ...]]:
    known = schema.get("properties") or {}
    patterns = [p for p in schema.get("patternProperties") or {} if isinstance(p, str)]
    extra = [k for k in instance if k not in known and not any(re.search(p, str(k)) for p in patterns)]
    hint = " (extensions start with x-)" if "^x-" in patterns else ""
    if len(extra) == 1:
        return f"unknown field {quoted(extra[0])}{hint}", (extra[0],)
    if not extra:
        return f"has fields its schema does not allow ({validator})", ()
    return f"unknown fields {listed(extra)}{hint}", ()


def _none_of(error: Any) -> str:
    """Every alternative of a oneOf/anyOf rejected the instance outright, or (oneOf) more than one took it."""
    alternatives = error.validator_value if isinstance(error.validator_value, list) else []
    names = [name for name in (_alternative_name(error, i) for i in range(len(alternatives))) if name]
    if "is valid under each of" in str(error.message):
        both = " and ".join(names) if 0 < len(names) <= MAX_NAMED else "its forms"
        return f"matches more than one of {both}; exactly one is allowed"
    wanted: list[str] = []
    for sub in error.context or ():
        if not list(getattr(sub, "path", ()) or ()):
            want = _types(sub.validator_value) if sub.validator == "type" else None
            if sub.validator == "enum" and isinstance(sub.validator_value, list):
                want = f"one of {listed(sub.validator_value)}"
            if want is not None and want not in wanted:
                wanted.append(want)
    kinds = f" ({' or '.join(names)})" if 0 < len(names) <= MAX_NAMED else ""
    if not wanted:
        return f"is not {' or '.join(names)}" if kinds else "is none of the forms allowed here"
    return f"must be {' or '.join(wanted)}{kinds}, not {described(error.instance)}"


def _not(error: Any) -> str:
    excluded = error.validator_value
    schema_path = list(getattr(error, "relative_schema_path", ()) or ())
    if isinstance(excluded, dict) and list(excluded) == ["required"]:
        given = ""
        if "dependentSchemas" in schema_path:
            at = schema_path.index("dependentSchemas")
            given = f" when {quoted(schema_path[at + 1])} is given" if at + 1 < len(schema_path) else ""
        return f"must not have {listed(excluded['required'])}{given}"
    return "matches a form that is not allowed here"


def _types(value: Any) -> str:
    names = [value] if isinstance(value, str) else [str(v) for v in value or ()]
    articles = {"integer": "an integer", "object": "an object", "array": "an array", "null": "null"}
    words = [articles.get(name, f"a {name}") for name in names]
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def _size(value: Any) -> str:
    return str(len(value)) if isinstance(value, (str, list, dict)) else described(value)


def plain(message: str) -> str:
    """A jsonschema message with any dumped object or list replaced by a short description."""
    return re.sub(r"[\[{].*[\]}]", "a value", message) if ("{'" in message or "['" in message) else message


def quoted(value: Any) -> str:
    """A value as the document would write it, a long string cut: ``'abc…' (120 chars)``."""
    if isinstance(value, str):
        if len(value) > MAX_VALUE_CHARS:
            return repr(value[: MAX_VALUE_CHARS - 20] + "…") + f" ({len(value)} chars)"
        return repr(value)
    if value is None or isinstance(value, (bool, int, float)):
        return json.dumps(value)
    return described(value)


def described(value: Any) -> str:
    """What a value is, in words: ``the string '100'``, ``an object``, ``an array of 3 items``, ``null``."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, str):
        return f"the string {quoted(value)}"
    if isinstance(value, (int, float)):
        return f"the number {quoted(value)}"
    if isinstance(value, dict):
        return "an empty object" if not value else f"an object (fields {listed(list(value))})"
    if isinstance(value, list):
        return "an empty array" if not value else f"an array of {len(value)} item{'s' * (len(value) != 1)}"
    return type(value).__name__


def listed(values: Sequence[Any]) -> str:
    shown = [
        quoted(v) if isinstance(v, str) or v is None or isinstance(v, (bool, int, float)) else described(v)
        for v in list(values)[:MAX_LISTED]
    ]
    more = f", … ({len(values)} in all)" if len(values) > MAX_LISTED else ""
    return ", ".join(shown) + more


def shorten(message: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"
