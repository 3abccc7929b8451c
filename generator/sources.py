"""Reading spec documents safely, JSON pointers, and ``$ref`` resolution inside one folder.

A document is read once, checked against size, depth and node-count limits
(a YAML alias bomb expands into too many nodes and is refused), and its keys
are normalised to strings (YAML reads ``200:`` as an integer). ``$ref``s are
resolved only to files inside the spec's folder; nothing is fetched from the
network.

What JSON cannot carry is reported where it sits, as ``Document.problems``
(``readcheck.py`` finds them): numbers that are not finite or beyond a
double's range, ``NaN``/``Infinity`` literals, lone surrogates in strings,
and keys written twice in one object.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from .diagnostics import Diagnostic, Diagnostics
from .ir import Origin, escape_pointer
from .readcheck import LimitExceededError, Marks, json_hooks, long_integer, marking_yaml_loader, marks_for, normalise
from .yaml_events import NotPlainError, TooDeepError, read_plain

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 200
MAX_NODES = 3_000_000

if TYPE_CHECKING:
    import yaml


@cache
def _yaml_loaders() -> tuple[type[yaml.SafeLoader], type[yaml.SafeLoader]]:
    """(libyaml's loader where it is built, else Python's; that loader marking what JSON cannot carry).

    PyYAML is imported only here, for a YAML document: a JSON one is read without it.
    """
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader, marking_yaml_loader(loader)


class SourceError(Exception):
    """A document cannot be used; ``code`` is a diagnostics code."""

    def __init__(self, code: str, message: str, origin: Origin) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.origin = origin


@dataclass(slots=True)
class Document:
    """One parsed file: its path on disk, the name it is shown by, and its content."""

    path: Path
    display: str
    data: Any
    raw: bytes = field(repr=False, default=b"")
    problems: list[Diagnostic] = field(default_factory=list, repr=False)
    """What reading found (see ``readcheck.py``), each at its pointer; the loaders report them."""
    _lines: dict[str, int] | None = field(default=None, repr=False)

    def origin(self, pointer: str = "") -> Origin:
        return Origin(file=self.display, pointer=pointer)

    def line_of(self, pointer: str) -> int | None:
        """The 1-based line where ``pointer`` starts, found by reparsing on demand (errors only).

        A text on one line (a minified JSON document, as API directories ship them) is not read again:
        its root, so every node of it, is on line 1.
        """
        if self._lines is None:
            self._lines = {"": 1} if _on_one_line(self.raw) else _line_index(self.raw)
        parts = pointer.split("/")
        while parts:
            line = self._lines.get("/".join(parts))
            if line is not None:
                return line
            parts.pop()
        return None


_UTF8_BREAKS = (b"\n", b"\r", "\x85".encode(), "\u2028".encode(), "\u2029".encode())
"""What YAML counts as a line break, in UTF-8."""


def _on_one_line(raw: bytes) -> bool:
    """Whether the text has nodes and every one starts on its first line (breaks after the last one move none)."""
    written = raw.rstrip()
    return bool(written) and not any(brk in written for brk in _UTF8_BREAKS)


def _line_index(raw: bytes) -> dict[str, int]:
    """Map every JSON pointer of a YAML/JSON text to its line (empty when it cannot be parsed).

    A JSON text is read by ``_json_line_index`` (a tenth of composing it as YAML, and right
    where YAML is not: keys over 1024 characters, a surrogate pair's escape); the result is
    the same as ``_yaml_line_index``'s wherever that one is right. Anything else is YAML.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}
    if _JSON_START.match(text):
        index = _json_line_index(text)
        if index is not None:
            return index
    return _yaml_line_index(raw)


def _yaml_line_index(raw: bytes) -> dict[str, int]:
    """``_line_index`` by composing the text as YAML: each node's ``start_mark``, the first of duplicates."""
    import yaml

    index: dict[str, int] = {}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return index
    root = None
    # libyaml first (depth was checked when the document was read); it refuses what Python's reader
    # takes (a JSON escape of a lone surrogate), so the pure-Python composer is the fallback
    loaders: list[type[yaml.SafeLoader]] = list(dict.fromkeys((_yaml_loaders()[0], yaml.SafeLoader)))
    for loader in loaders:
        try:
            root = yaml.compose(text, Loader=loader)
            break
        except (yaml.YAMLError, RecursionError):
            continue
    stack: list[tuple[str, yaml.Node]] = [("", root)] if root is not None else []
    while stack:
        pointer, node = stack.pop()
        index[pointer] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((pointer + "/" + escape_pointer(str(key.value)), value))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                stack.append((f"{pointer}/{i}", value))
    return index


_JSON_START = re.compile(r"[ \t\r\n]*[\[{]")
_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_JSON_TOKENS = re.compile(_JSON_STRING + r'(?:[ \t\r\n]*:)?|[{}\[\]]|\r\n?|\n|[^\s,:{}\[\]"]+')
"""A key with its colon, a string, a bracket, a line break, or a number/true/false/null (commas and blanks skipped)."""
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break (JSON's blanks hold only the first three)."""
_BREAK_BEFORE_COLON = re.compile("[\r\n][ \t\r\n]*:")
"""A line break between a key and its colon (in JSON a colon after blanks only ever follows a key)."""


def _ignore(_: object) -> None:
    return None


def _json_line_index(text: str) -> dict[str, int] | None:
    """``_line_index`` of a JSON text in one pass over its tokens; None when it is not JSON.

    The line of a value is the line of its first character, the first of duplicates wins, and
    lines are counted as YAML counts them (a raw U+2028 in a string ends a line), all as composing
    the text as YAML does.
    """
    try:  # valid JSON, so the tokens below are all there is; the values themselves are not needed
        json.loads(text, object_pairs_hook=_ignore, parse_int=_ignore, parse_float=_ignore, parse_constant=_ignore)
    except (ValueError, RecursionError):
        return None
    index: dict[str, int] = {}
    line = 1
    # a line break inside a token (raw in a string, or before a key's colon) is rare, and searched for once
    breaks_inside = any(c in text for c in "\x85\u2028\u2029") or (
        ("\n" in text or "\r" in text) and _BREAK_BEFORE_COLON.search(text) is not None
    )
    stack: list[tuple[str, int]] = []
    container = ""  # pointer of the innermost array or object
    item = -1  # index of the next value in an array; -1 in an object or at the top
    pointer = ""  # pointer of the next value
    try:
        for token in _JSON_TOKENS.findall(text):
            first = token[0]
            if first == '"':
                if token[-1] == ":":
                    if breaks_inside:
                        line += len(_LINE_BREAK.findall(token))
                    key = token[1:-2] if token[-2] == '"' else token[1 : token.rindex('"')]
                    if "\\" in key:
                        key = str(json.loads(f'"{key}"'))
                    if "~" in key or "/" in key:
                        key = escape_pointer(key)
                    pointer = f"{container}/{key}"
                    continue
                if item >= 0:
                    pointer = f"{container}/{item}"
                    item += 1
                if pointer not in index:
                    index[pointer] = line
                if breaks_inside:
                    line += len(_LINE_BREAK.findall(token))
            elif first == "{" or first == "[":
                if item >= 0:
                    pointer = f"{container}/{item}"
                    item += 1
                if pointer not in index:
                    index[pointer] = line
                stack.append((container, item))
                container = pointer
                item = 0 if first == "[" else -1
            elif first == "}" or first == "]":
                container, item = stack.pop()
            elif first == "\n" or first == "\r":
                line += 1
            else:
                if item >= 0:
                    pointer = f"{container}/{item}"
                    item += 1
                if pointer not in index:
                    index[pointer] = line
    except Exception:  # a shape this reading did not foresee: YAML's reading answers
        return None
    return index if not stack and index else None


def parse_document(raw: bytes, origin: Origin) -> tuple[Any, list[Diagnostic]]:
    """Parse YAML or JSON text into plain JSON values, with what JSON cannot carry reported where it sits."""
    if len(raw) > MAX_BYTES:
        raise SourceError("E004", f"document is over {MAX_BYTES} bytes, the limit", origin)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError("E002", f"not UTF-8: invalid byte at offset {exc.start}", origin) from None
    if not text.strip():
        raise SourceError("E002", "document is empty", origin)
    marks = marks_for(text)
    unshared = from_json = text.lstrip().startswith("{")
    try:
        if from_json:
            data = _load_json(text, marks)
        else:
            data, unshared = _read_yaml(text, marks, origin)
    except json.JSONDecodeError as exc:
        raise SourceError("E002", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", origin) from None
    except RecursionError:
        raise SourceError("E004", f"document nests deeper than {MAX_DEPTH} levels", origin) from None
    except ValueError as exc:
        raise SourceError("E002", f"invalid document: {exc}", origin) from None
    if data is None:  # only comments, or a lone `null`
        raise SourceError("E002", "document is empty (nothing but comments or null)", origin)
    try:
        data, found = normalise(data, marks, max_nodes=MAX_NODES, max_depth=MAX_DEPTH, unshared=unshared)
    except LimitExceededError as exc:
        raise SourceError("E004", str(exc), origin) from None
    problems = [
        Diagnostic(severity=p.severity, code=p.code, message=p.message, origin=replace(origin, pointer=p.pointer))
        for p in found
    ]
    return data, problems


def _load_json(text: str, marks: Marks) -> Any:
    pairs, constant = json_hooks(marks)
    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError) or "integer string conversion" not in str(exc):
            raise
    marks.repeated.clear()  # an integer too long for int(): read again, leaving it to be located
    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_int=long_integer)


def _read_yaml(text: str, marks: Marks, origin: Origin) -> tuple[Any, bool]:
    """A YAML text's value, and whether it holds no value twice (read from its events: ``yaml_events``).

    A text that reading leaves to PyYAML's full reader is read by it, its depth checked first;
    invalid YAML is a ``SourceError`` at its place.
    """
    import yaml

    events = _yaml_loaders()[1](text)
    events.read_marks = marks  # type: ignore[attr-defined]
    try:
        return read_plain(events, MAX_DEPTH), True
    except TooDeepError:
        raise SourceError("E004", f"document nests deeper than {MAX_DEPTH} levels", origin) from None
    except (NotPlainError, yaml.YAMLError):
        pass  # read again from its start by the full reader, which reports the error
    finally:
        events.dispose()
    try:
        _check_yaml_depth(text, origin)
        return _load_yaml(text, marks), False
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError("E002", f"invalid YAML{where}: {problem}", origin) from None


def _load_yaml(text: str, marks: Marks) -> Any:
    loader = _yaml_loaders()[1](text)
    loader.read_marks = marks  # type: ignore[attr-defined]
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _check_yaml_depth(text: str, origin: Origin) -> None:
    """Refuse YAML nesting deeper than MAX_DEPTH before composing it.

    libyaml's composer (CSafeLoader) recurses in C: ``[[[[...`` 100,000 deep
    overflows the C stack and kills the process (SIGSEGV) before any Python
    RecursionError. The parser's event stream is flat, so its depth is counted
    first; aliases are single events here, so an alias bomb costs nothing yet.
    """
    import yaml

    opening = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    closing = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    parser = _yaml_loaders()[0](text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, opening):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SourceError("E004", f"document nests deeper than {MAX_DEPTH} levels", origin)
            elif isinstance(event, closing):
                depth -= 1
    finally:
        parser.dispose()


def read_document(path: Path, display: str) -> Document:
    origin = Origin(file=display)
    try:
        with path.open("rb") as handle:  # never more than one byte past the limit, however big the file
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SourceError("E001", f"cannot read file: {exc.strerror or exc}", origin) from None
    data, problems = parse_document(raw, origin)
    return Document(path=path, display=display, data=data, raw=raw, problems=problems)


def read_reported(path: Path, display: str, diagnostics: Diagnostics) -> Document | None:
    """The document at ``path``; None when it cannot be read, its error reported at the file."""
    try:
        return read_document(path, display)
    except SourceError as exc:
        diagnostics.error(exc.code, exc.message, exc.origin)
        return None


def split_pointer(pointer: str) -> list[str]:
    if pointer in ("", "/"):
        return [] if pointer == "" else [""]
    if not pointer.startswith("/"):
        raise ValueError(f"JSON pointer must start with '/': {pointer!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def resolve_pointer(data: Any, pointer: str) -> Any:
    """The value at ``pointer``; raises KeyError naming the first missing part."""
    node = data
    for part in split_pointer(pointer):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(part)
    return node


@dataclass(slots=True)
class Workspace:
    """All documents of one spec: the roots the user named and the files they ``$ref``."""

    root: Path
    """Folder outside which no ``$ref`` may point."""
    diagnostics: Diagnostics
    documents: dict[Path, Document] = field(default_factory=dict)
    _resolved: dict[tuple[Path, str], tuple[Any, Document, Any, str, Any]] = field(default_factory=dict, repr=False)
    """(base's path, ``$ref``) -> (base's data, target document, its data, pointer, value) of a ``$ref`` resolved
    before: a big document refers to one schema or parameter thousands of times. Used only while both documents
    still hold the data it was found in (an overlay replaces a document's data)."""

    def add(self, document: Document) -> Document:
        self.documents[document.path.resolve()] = document
        return document

    def load(self, path: Path, display: str) -> Document:
        resolved = path.resolve()
        if resolved in self.documents:
            return self.documents[resolved]
        document = self.add(read_document(path, display))
        self.diagnostics.extend(document.problems)
        return document

    def resolve(self, ref: str, base: Document, origin: Origin) -> tuple[Document, str, Any]:
        """Resolve ``ref`` written in ``base``: the target document, its pointer and value."""
        if not isinstance(ref, str):
            raise SourceError("E010", "$ref must be a string", origin)
        key = (base.path, ref)
        known = self._resolved.get(key)
        if known is not None and known[0] is base.data and known[2] is known[1].data:
            return known[1], known[3], known[4]
        document, pointer, value = self._resolve(ref, base, origin)
        self._resolved[key] = (base.data, document, document.data, pointer, value)
        return document, pointer, value

    def _resolve(self, ref: str, base: Document, origin: Origin) -> tuple[Document, str, Any]:
        target, _, fragment = ref.partition("#")
        pointer = unquote(fragment)
        if pointer and not pointer.startswith("/"):
            raise SourceError("E010", f"$ref fragment must be a JSON pointer: {ref!r}", origin)
        document = base
        if target:
            if "://" in target or target.startswith("//"):
                raise SourceError("E011", f"remote $ref is not fetched: {ref!r}", origin)
            path = (base.path.parent / unquote(target)).resolve()
            if not path.is_relative_to(self.root.resolve()):
                raise SourceError("E011", f"$ref leaves the spec's folder: {ref!r}", origin)
            display = posixpath.normpath(posixpath.join(posixpath.dirname(base.display), unquote(target)))
            try:
                document = self.load(path, display)
            except SourceError as exc:  # reported at the $ref, so say which file and what is wrong with it
                code = "E010" if exc.code == "E001" else exc.code
                raise SourceError(code, f"$ref {ref!r}: {display}: {exc.message}", origin) from None
        try:
            value = resolve_pointer(document.data, pointer)
        except (KeyError, ValueError) as exc:
            raise SourceError("E010", f"$ref {ref!r} not found: no {exc}", origin) from None
        return document, pointer, value


def display_path(path: Path) -> str:
    """A stable name for a path: relative to the working directory when inside it."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()


def locate(diagnostics: Diagnostics, documents: list[Document], start: int = 0) -> None:
    """Give diagnostics from ``start`` on the line numbers of their origins, where a document knows them."""
    by_name = {doc.display: doc for doc in documents}
    for i in range(start, len(diagnostics.items)):
        diag = diagnostics.items[i]
        if diag.origin is None or diag.line is not None or diag.origin.file not in by_name:
            continue
        line = by_name[diag.origin.file].line_of(diag.origin.pointer)
        if line is not None:
            diagnostics.items[i] = replace(diag, line=line)
