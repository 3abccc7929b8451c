"""A YAML document read straight from libyaml's events into plain values, when it is plain.

PyYAML reads a document in three passes over it: the parser's events, a graph of nodes
composed from them (in C), and Python values constructed from the nodes (in Python); the
reader first walked the events once more, to refuse a document nested too deep for
libyaml's composer, which recurses in C. On GitHub's REST description as YAML (8.7 MB)
those were 0.6 s of events, 0.9 s composing and 0.9 s constructing, and the values were
then copied once more (``readcheck.normalise``), since composed values may be shared.

Here one pass over the events builds the values, counting the depth as it goes (no
recursion, so no depth check first). It takes only what it reads exactly as PyYAML's safe
loader would, marked as ``sources`` marks it: maps and sequences without tags, scalars
resolved by the loader's own resolver and built by its own constructors (strings, integers,
floats, booleans, null, and timestamps written as the copy writes them), and keys that are
scalars turned into strings as the copy turns them. On anything else (an alias, an explicit
tag, a merge key, a key that is a collection or that two keys read as, a second document, a
scalar its constructor refuses) it gives up with ``NotPlainError`` and the full reader reads
the text from its start; so do invalid YAML texts, whose errors the full reader reports.
What it builds holds no value twice, so ``normalise`` need not copy it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .readcheck import LARGEST_INTEGER

if TYPE_CHECKING:
    import yaml

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BUILT = frozenset(
    ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", _TIMESTAMP)
)
"""Scalar tags built by the loader's constructor (their values are immutable, so one is built once a text); a
timestamp is then written as the copy writes it (ISO 8601)."""


class NotPlainError(Exception):
    """The text holds something this reading leaves to PyYAML's full reader."""


class TooDeepError(Exception):
    """The text nests collections deeper than the limit given (the caller reports it)."""


def read_plain(loader: yaml.SafeLoader, max_depth: int) -> Any:
    """The value of the single document ``loader`` (a libyaml loader over the text) parses, built from its events.

    ``NotPlainError`` when the text holds something left to the full reader (see the module's text), ``TooDeepError``
    when its collections nest deeper than ``max_depth``; a ``yaml.YAMLError`` of the parser is let through.
    """
    import yaml

    scalars: dict[str, Any] = {}
    """Each plain scalar's value by its text: resolved and built once (a document repeats its keys)."""

    def scalar(event: yaml.ScalarEvent) -> Any:
        if event.tag is not None:
            raise NotPlainError
        if not event.implicit[0]:  # quoted: a string
            return event.value
        known = scalars.get(event.value, scalars)
        if known is not scalars:
            return known
        tag = loader.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
        if tag == _STR:
            value: Any = event.value
        elif tag not in _BUILT:
            raise NotPlainError
        else:
            try:
                value = loader.construct_object(yaml.ScalarNode(tag, event.value, style=event.style))
            except Exception as exc:  # a date that is no date, say: the full reader reports it where it reports it
                raise NotPlainError from exc
            if tag == _TIMESTAMP:
                value = value.isoformat()  # as the copy writes a date
        scalars[event.value] = value
        return value

    def key_of(value: Any) -> str:
        kind = type(value)
        if kind is str:
            return value  # type: ignore[no-any-return]
        if kind is bool:
            return "true" if value else "false"
        if value is None:
            return "null"
        if kind is int and -LARGEST_INTEGER <= value <= LARGEST_INTEGER:
            return str(value)
        if kind is float and math.isfinite(value):
            return str(value)
        raise NotPlainError  # the copy reports such a key

    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = yaml.CollectionEndEvent
    if not isinstance(loader.get_event(), yaml.StreamStartEvent):  # type: ignore[no-untyped-call]
        raise NotPlainError
    if not isinstance(loader.get_event(), yaml.DocumentStartEvent):  # type: ignore[no-untyped-call]
        raise NotPlainError  # an empty stream
    containers: list[Any] = []
    """The open collections, innermost last."""
    keys: list[str | None] = []
    """For each open collection, the key read and waiting for its value (None: none, or a sequence)."""
    root: Any = None
    done = False
    while not done:
        event = loader.get_event()  # type: ignore[no-untyped-call]
        kind = type(event)
        if kind is scalar_event:
            value = scalar(event)
        elif kind is mapping_start or kind is sequence_start:
            if event.tag is not None:
                raise NotPlainError
            if len(containers) >= max_depth:
                raise TooDeepError
            value = {} if kind is mapping_start else []
        elif issubclass(kind, collection_end):
            value = containers.pop()
            keys.pop()
            if not containers:
                root, done = value, True
            continue
        else:  # an alias, or the document's end where a value was expected
            raise NotPlainError
        if containers:
            into = containers[-1]
            if type(into) is list:
                into.append(value)
            elif keys[-1] is None:
                if type(value) is dict or type(value) is list:
                    raise NotPlainError  # a collection as a key
                name = key_of(value)
                if name in into:
                    raise NotPlainError  # the full reader marks the repeated key
                keys[-1] = name
            else:
                into[keys[-1]] = value
                keys[-1] = None
        elif type(value) is not dict and type(value) is not list:
            root, done = value, True
        if type(value) is dict or type(value) is list:
            containers.append(value)
            keys.append(None)
    if not isinstance(loader.get_event(), yaml.DocumentEndEvent):  # type: ignore[no-untyped-call]
        raise NotPlainError
    if not isinstance(loader.get_event(), yaml.StreamEndEvent):  # type: ignore[no-untyped-call]
        raise NotPlainError  # a second document: the full reader says so
    return root
