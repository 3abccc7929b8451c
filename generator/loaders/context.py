"""What a loader carries while it walks one spec: documents, problems, and the named schemas found so far.

Named schemas are registered when first referenced and built afterwards from a
queue, so a schema that refers to itself (directly or through others) is legal:
the reference becomes a ``RefSchema`` by name and the body is built once.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from ..diagnostics import Diagnostics
from ..immutable import immutable
from ..ir import NamedSchema, Origin, Schema
from ..sources import Document, SourceError, Workspace

Dialect = Literal["2.0", "3.0", "3.1"]

UNRESOLVED = frozenset({"E010", "E011"})
"""Codes of a ``$ref`` that resolves nowhere (no such target, or one outside the spec's folder or remote)."""


@immutable
class Node:
    """A value of a document together with where it sits."""

    value: Any
    document: Document
    pointer: str

    @property
    def origin(self) -> Origin:
        return Origin(file=self.document.display, pointer=self.pointer)  # ``document.origin`` spelled out

    def child(self, *parts: str | int) -> Node:
        value = self.value
        pointer = self.pointer
        for part in parts:
            value = value[part]
            pointer += "/" + str(part).replace("~", "~0").replace("/", "~1")
        return Node(value, self.document, pointer)

    def get(self, key: str) -> Node | None:
        value = self.value
        if isinstance(value, dict) and key in value:  # ``child(key)`` spelled out: called for every keyword read
            return Node(value[key], self.document, self.pointer + "/" + key.replace("~", "~0").replace("/", "~1"))
        return None

    def items(self) -> list[tuple[str, Node]]:
        if not isinstance(self.value, dict):
            return []
        document, prefix = self.document, self.pointer + "/"  # ``child(key)`` spelled out: every property
        return [
            (key, Node(value, document, prefix + key.replace("~", "~0").replace("/", "~1")))
            for key, value in self.value.items()
        ]

    def elements(self) -> list[Node]:
        if not isinstance(self.value, list):
            return []
        return [self.child(i) for i in range(len(self.value))]


SchemaBuilder = Callable[[Node], Schema]
T = TypeVar("T")


@dataclass(slots=True)
class LoadContext:
    workspace: Workspace
    diagnostics: Diagnostics
    dialect: Dialect
    named: dict[tuple[Path, str], str] = field(default_factory=dict)
    """(document path, pointer) of a named schema's definition -> its name."""
    built: dict[str, NamedSchema] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    """The names in ``named``, to find a free one without listing them all."""
    queue: deque[tuple[str, Node]] = field(default_factory=deque)
    inlining: list[tuple[Path, str]] = field(default_factory=list)
    """Non-component ``$ref`` targets being inlined right now (cycle detection)."""
    inlined: dict[tuple[Path, str], Schema] = field(default_factory=dict)
    """The schema built for each target inlined so far: a target copied to many places is built once and shared."""
    sizes: dict[int, tuple[int, Schema]] = field(default_factory=dict)
    """id() of a built schema -> (how many schemas it holds through nesting, the schema itself)."""
    body: tuple[Path, str] | None = None
    """The named schema whose body is being built (itself, not a use of it)."""
    cycles_cut: int = 0
    """How many inlined bodies were cut short where they included themselves (such a body is not shared)."""
    lenient: bool = False
    """``--validation warn`` or ``off``: findings the loader can read past are warnings (see ``read_past``)."""
    read_once: dict[tuple[str, Path, str], Any] = field(default_factory=dict)
    """(kind, document path, pointer) -> what ``once`` read there."""

    def key(self, target: Node) -> tuple[Path, str]:
        """Where ``target`` is defined, the same however the document was reached."""
        return (_resolved(target.document.path), target.pointer)

    def once(self, kind: str, node: Node, read: Callable[[], T]) -> T:
        """``read()``, the ``kind`` of object at ``node``, read once however many operations refer to it.

        What it read is kept only when reading it found nothing to say: each place then says it again, as before.
        """
        key = (kind, *self.key(node))
        if key in self.read_once:
            return cast(T, self.read_once[key])
        start = len(self.diagnostics.items)
        value = read()
        if len(self.diagnostics.items) == start:
            self.read_once[key] = value
        return value

    # ------------------------------------------------------------------ problems

    def error(self, code: str, message: str, node: Node | Origin) -> None:
        self.diagnostics.error(code, message, node.origin if isinstance(node, Node) else node)

    def warning(self, code: str, message: str, node: Node | Origin) -> None:
        self.diagnostics.warning(code, message, node.origin if isinstance(node, Node) else node)

    def read_past(self, code: str, message: str, node: Node | Origin, *, read_as: str = "") -> None:
        """A finding the loader reads past under ``--validation warn`` (a warning then, saying ``read_as``).

        Otherwise an error, as before (``lenient.hint_read_past`` says on the last error whether warn mode generates).
        """
        origin = node.origin if isinstance(node, Node) else node
        if self.lenient:
            self.diagnostics.warning(code, f"{message}; {read_as}" if read_as else message, origin)
        else:
            self.diagnostics.error(code, message, origin)

    # ------------------------------------------------------------------ references

    def deref(self, node: Node, *, limit: int = 50, skipped: str = "") -> Node | None:
        """Follow ``$ref``s until a node without one; None (and a diagnostic) if that fails.

        ``skipped``: what the caller leaves out when it does (``core/coverage.py``'s ``SKIPPED_*``), said in the
        warning ``--validation warn`` gives, so the coverage counts it.
        """
        found = self.follow(node, limit=limit, read_as=skipped)
        return found if isinstance(found, Node) else None

    def follow(self, node: Node, *, limit: int = 50, read_as: str = "") -> Node | Origin:
        """Follow ``$ref``s until a node without one; if that fails, the node where it did (with a diagnostic).

        A reference that resolves nowhere (no target, out of the spec's folder, a cycle of references only)
        is a finding ``read_past``: under ``--validation warn`` what holds it reads as any value (or, said
        by ``read_as``, is left out).
        """
        seen: set[tuple[Path, str]] = set()
        while isinstance(node.value, dict) and "$ref" in node.value:
            key = (node.document.path, node.pointer)
            if key in seen or len(seen) > limit:
                self.read_past("E012", "$ref cycle: the reference leads back to itself", node, read_as=read_as)
                return node.origin
            seen.add(key)
            try:
                document, pointer, value = self.workspace.resolve(node.value["$ref"], node.document, node.origin)
            except SourceError as exc:
                if exc.code in UNRESOLVED:
                    self.read_past(exc.code, exc.message, node.child("$ref"), read_as=read_as)
                else:  # a referenced file that cannot be read or parsed: what it holds is unknown
                    self.error(exc.code, exc.message, node.child("$ref"))
                return node.origin
            node = Node(value, document, pointer)
        return node

    def schema_name_for(self, target: Node) -> str | None:
        """The model name a ``$ref`` target gets when it is a named definition, else None."""
        key = self.key(target)
        if key in self.named:
            return self.named[key]
        parts = target.pointer.split("/")
        if len(parts) == 4 and parts[1] == "components" and parts[2] == "schemas":
            base = parts[3]
        elif len(parts) == 3 and parts[1] == "definitions":
            base = parts[2]
        elif target.pointer == "":
            base = target.document.path.stem
        else:
            return None
        base = base.replace("~1", "/").replace("~0", "~")
        return self.register(base, target)

    def register(self, base: str, target: Node) -> str:
        """Reserve a unique model name for ``target`` and queue it to be built."""
        key = self.key(target)
        name = base
        taken = self.taken
        counter = 2
        while name in taken:
            name = f"{base}{counter}"
            counter += 1
        if name != base:
            self.warning("W003", f"schema name {base!r} is already used; this one is named {name!r}", target)
        self.named[key] = name
        taken.add(name)
        self.queue.append((name, target))
        return name

    def build_queued(self, build: SchemaBuilder) -> None:
        while self.queue:
            name, node = self.queue.popleft()
            self.body = self.key(node)
            try:
                self.built[name] = NamedSchema(name=name, schema=build(node), origin=node.origin)
            finally:
                self.body = None

    def named_schemas(self) -> tuple[NamedSchema, ...]:
        return tuple(self.built[name] for name in sorted(self.built))


@lru_cache(maxsize=256)
def _resolved(path: Path) -> Path:
    return path.resolve()


def canonical_json(value: Any) -> str:
    """The one JSON text of a value (sorted keys, no spaces), as the IR stores defaults and examples."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def text(node: Node | None) -> str | None:
    """A string field's value; non-strings become None."""
    if node is None or not isinstance(node.value, str):
        return None
    return node.value


def flag(node: Node | None) -> bool:
    return node is not None and node.value is True
