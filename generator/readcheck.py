"""What a parsed document carries that JSON cannot: found while its values are copied, reported where each sits.

Python's ``json`` and PyYAML accept more than an OpenAPI document may hold, and
say nothing about it: ``NaN`` and ``Infinity`` literals, numbers beyond a
double's range (``1e400``, a 4000-digit integer), lone surrogates in strings
(``"\\udfff"``, which no UTF-8 output can carry), YAML sets and ordered maps,
and a key written twice in one object (both keep the last). The parsers mark
what only they can see (repeated keys, integers too long to convert); the copy
into plain values (``normalise``) finds the rest. It runs without building
pointers; only when it meets a problem does it run again with them, so a clean
document costs one pass as before.

Choices, the same for every string and number a document carries (names,
descriptions, enum values, examples, keys):

- a lone surrogate is a warning (W006) and becomes U+FFFD: the text is the
  vendor's, an overlay may replace it, and nothing else about it is wrong;
- a number that is not finite or beyond a double's range is an error (E005),
  and ``NaN``/``Infinity`` literals and YAML sets or ordered maps are errors
  (E002): no client could hold their value;
- a repeated key is a warning (W007): the OpenAPI specification requires unique
  keys, but JSON only recommends them and every parser keeps the last, as this
  one does; the warning names each repeated key where it sits.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .immutable import immutable
from .ir import escape_pointer

if TYPE_CHECKING:
    import yaml

Severity = Literal["error", "warning"]

LARGEST_INTEGER = int(sys.float_info.max)
"""Integers beyond a double's range are refused (JSON numbers are read as doubles by most clients)."""

_LONGEST_INTEGER_TEXT = 1100
"""More characters than any integer within range needs (binary digits, underscores aside): not converted."""

_ESCAPED_SURROGATE = re.compile(r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_MERGE_TAG = "tag:yaml.org,2002:merge"


class LimitExceededError(Exception):
    """The document is too big or too deep to copy (the caller reports it as E004)."""


@immutable
class Unusable:
    """A value a parser could not give as a JSON value; it stays in place until ``normalise`` locates it."""

    code: str
    message: str


@immutable
class Problem:
    severity: Severity
    code: str
    pointer: str
    message: str


@dataclass(slots=True)
class Marks:
    """What the parsers saw: repeated keys by the ``id`` of their (live) object, and escaped surrogates."""

    repeated: dict[int, list[Any]] = field(default_factory=dict)
    surrogates: bool = False


def marks_for(text: str) -> Marks:
    """New marks for ``text``; strings are searched for surrogates only when the text escapes one."""
    return Marks(surrogates=_ESCAPED_SURROGATE.search(text) is not None)


def _repeated(keys: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    repeated: list[Any] = []
    for key in keys:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    return repeated


def json_hooks(marks: Marks) -> tuple[Callable[[list[tuple[str, Any]]], dict[str, Any]], Callable[[str], Unusable]]:
    """``object_pairs_hook`` and ``parse_constant`` for ``json.loads``, marking repeated keys and non-JSON constants."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        data = dict(items)
        if len(data) != len(items):
            marks.repeated[id(data)] = _repeated([key for key, _ in items])
        return data

    def constant(name: str) -> Unusable:
        return Unusable("E002", f"`{name}` is not a JSON number")

    return pairs, constant


def long_integer(digits: str) -> int | Unusable:
    """``json.loads``'s ``parse_int`` for a document holding an integer too long for ``int()``."""
    if len(digits) > _LONGEST_INTEGER_TEXT:
        return Unusable("E005", f"an integer of {len(digits)} digits is beyond a double's range")
    return int(digits)


def marking_yaml_loader(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """``base`` that marks repeated keys and leaves integers too long to convert as ``Unusable``."""
    import yaml

    class MarkingLoader(base):  # type: ignore[valid-type,misc]
        read_marks: Marks = Marks()

        def construct_marked_map(self, node: yaml.MappingNode) -> Iterator[dict[Any, Any]]:
            data: dict[Any, Any] = {}
            yield data
            own = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.tag != _MERGE_TAG]
            data.update(self.construct_mapping(node))
            if len(set(own)) != len(own):
                self.read_marks.repeated[id(data)] = _repeated(own)

        def construct_bounded_int(self, node: yaml.ScalarNode) -> int | Unusable:
            text = str(self.construct_scalar(node))
            if len(text) > _LONGEST_INTEGER_TEXT:
                return Unusable("E005", f"an integer written with {len(text)} characters is beyond a double's range")
            value: int = super().construct_yaml_int(node)
            return value

    MarkingLoader.add_constructor("tag:yaml.org,2002:map", MarkingLoader.construct_marked_map)
    MarkingLoader.add_constructor("tag:yaml.org,2002:int", MarkingLoader.construct_bounded_int)
    return MarkingLoader


class _RelocateError(Exception):
    """Raised by the fast pass at the first problem: copy again, with pointers."""


def normalise(
    data: Any, marks: Marks, *, max_nodes: int, max_depth: int, unshared: bool = False
) -> tuple[Any, list[Problem]]:
    """Copy into plain JSON values (string keys, no dates), with the problems found and where.

    Values that hold no value twice (``unshared``: parsed JSON, or YAML read from its events without aliases)
    and already are plain, within the limits and without a problem, are returned as they are: a big document
    is not copied.
    """
    if unshared and _plain(data, marks, max_nodes, max_depth):
        return data, []
    try:
        return _Copy(marks, max_nodes, max_depth, located=False).value(data, 0, ""), []
    except _RelocateError:
        copy = _Copy(marks, max_nodes, max_depth, located=True)
        return copy.value(data, 0, ""), copy.problems


def _plain(data: Any, marks: Marks, max_nodes: int, max_depth: int) -> bool:
    """Whether ``data`` holds only plain JSON values that the copy would leave as they are, within the limits.

    Walked a level at a time (the level is the depth); on anything else the copy decides what to report.
    """
    if marks.repeated or marks.surrogates:
        return False
    budget = max_nodes
    level: list[Any] = [data]
    depth = 0
    while level:
        budget -= len(level)
        if budget < 0 or depth > max_depth:
            return False
        below: list[Any] = []
        for value in level:
            kind = type(value)
            if kind is str or kind is bool or value is None:
                continue
            if kind is dict:
                if not all(type(key) is str for key in value):
                    return False
                below.extend(value.values())
            elif kind is list:
                below.extend(value)
            elif kind is int:
                if not -LARGEST_INTEGER <= value <= LARGEST_INTEGER:
                    return False
            elif kind is not float or not math.isfinite(value):
                return False
        level = below
        depth += 1
    return True


def shown(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message: surrogates escaped, cut at ``limit`` characters."""
    cut = text if len(text) <= limit else text[:limit] + "..."
    return "'" + cut.encode("utf-8", "backslashreplace").decode("utf-8") + "'"


class _Copy:
    def __init__(self, marks: Marks, max_nodes: int, max_depth: int, *, located: bool) -> None:
        self.marks = marks
        self.budget = max_nodes
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.located = located
        self.problems: list[Problem] = []

    def problem(self, severity: Severity, code: str, pointer: str, message: str) -> None:
        if not self.located:
            raise _RelocateError
        self.problems.append(Problem(severity, code, pointer, message))

    def value(self, value: Any, depth: int, pointer: str) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise LimitExceededError(f"document expands to more than {self.max_nodes} nodes (YAML aliases?)")
        if depth > self.max_depth:
            raise LimitExceededError(f"document nests deeper than {self.max_depth} levels")
        kind = type(value)
        if kind is str:
            return self.string(value, pointer) if self.marks.surrogates else value
        if kind is dict:
            return self.mapping(value, depth, pointer)
        if kind is list:
            if self.located:
                return [self.value(v, depth + 1, f"{pointer}/{i}") for i, v in enumerate(value)]
            return [self.value(v, depth + 1, pointer) for v in value]
        if kind is int:
            if -LARGEST_INTEGER <= value <= LARGEST_INTEGER:
                return value
            self.problem(
                "error", "E005", pointer, f"an integer of {value.bit_length()} bits is beyond a double's range"
            )
            return None
        if kind is float:
            if math.isfinite(value):
                return value
            message = (
                "NaN is not a JSON number" if value != value else f"a number beyond a double's range (read as {value})"
            )
            self.problem("error", "E005", pointer, message)
            return None
        return self.other(value, pointer)

    def other(self, value: Any, pointer: str) -> Any:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, bytes):
            return value.decode("latin-1")
        if isinstance(value, Unusable):
            self.problem("error", value.code, pointer, value.message)
            return None
        self.problem("error", "E002", pointer, f"a YAML {type(value).__name__} is not a JSON value")
        return None

    def string(self, value: str, pointer: str) -> str:
        if _SURROGATE.search(value) is None:
            return value
        self.problem(
            "warning", "W006", pointer, f"string {shown(value)} holds a lone surrogate; read with U+FFFD in its place"
        )
        return _SURROGATE.sub("\ufffd", value)

    def mapping(self, value: dict[Any, Any], depth: int, pointer: str) -> dict[str, Any]:
        if not self.located:
            repeated = self.marks.repeated.get(id(value)) if self.marks.repeated else None
            out = {self.key(k, pointer): self.value(v, depth + 1, pointer) for k, v in value.items()}
            if repeated or len(out) != len(value):
                raise _RelocateError
            return out
        reported: set[str] = set()
        for key in self.marks.repeated.get(id(value), ()):
            name = self.key(key, pointer)
            reported.add(name)
            self.repeated(pointer, name)
        result: dict[str, Any] = {}
        for k, v in value.items():
            name = self.key(k, pointer)
            if name in result and name not in reported:  # two keys that read as one (YAML's 200 and "200")
                reported.add(name)
                self.repeated(pointer, name)
            result[name] = self.value(v, depth + 1, f"{pointer}/{escape_pointer(name)}")
        return result

    def repeated(self, pointer: str, name: str) -> None:
        self.problem(
            "warning",
            "W007",
            f"{pointer}/{escape_pointer(name)}",
            f"key {shown(name)} appears more than once in this object; the last one is used",
        )

    def key(self, key: Any, pointer: str) -> str:
        if type(key) is str:
            if not self.marks.surrogates or _SURROGATE.search(key) is None:
                return key
            fixed = _SURROGATE.sub("\ufffd", key)
            self.problem(
                "warning",
                "W006",
                f"{pointer}/{escape_pointer(fixed)}",
                f"key {shown(key)} holds a lone surrogate; read with U+FFFD in its place",
            )
            return fixed
        if isinstance(key, bool):
            return "true" if key else "false"
        if key is None:
            return "null"
        if isinstance(key, (datetime.date, datetime.datetime)):
            return key.isoformat()
        if isinstance(key, int) and not -LARGEST_INTEGER <= key <= LARGEST_INTEGER:
            self.problem("error", "E005", pointer, f"a key of {key.bit_length()} bits is beyond a double's range")
            return f"<integer of {key.bit_length()} bits>"
        if isinstance(key, float) and not math.isfinite(key):
            self.problem("error", "E005", pointer, f"the key {key} is not a finite number")
            return str(key)
        if isinstance(key, (int, float)):
            return str(key)
        if isinstance(key, Unusable):
            self.problem("error", key.code, pointer, f"a key: {key.message}")
            return f"<{key.message}>"
        self.problem("error", "E002", pointer, f"a YAML {type(key).__name__} as a key is not JSON")
        return repr(key)
