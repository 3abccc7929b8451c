"""Import blocks computed from the code that uses them.

A template writes ``# <imports>`` where its imports go; after rendering, the
module's names (NAME tokens only, so words in docstrings never count) decide
which imports it needs. No template keeps an import list in step by hand, and
no generated module imports what it does not use.
"""

from __future__ import annotations

import bisect
import keyword
import re
from collections.abc import Iterable, Iterator, Mapping

from .pycode import LINE_LENGTH

MARKER = "# <imports>"

STANDARD: dict[str, str] = {
    "Mapping": "collections.abc",
    "Iterable": "collections.abc",
    "Iterator": "collections.abc",
    "AsyncIterator": "collections.abc",
    "Callable": "collections.abc",
    "Sequence": "collections.abc",
    "AbstractContextManager": "contextlib",
    "AbstractAsyncContextManager": "contextlib",
    "partial": "functools",
    "dataclass": "dataclasses",
    "field": "dataclasses",
    "Enum": "enum",
    "Path": "pathlib",
    "Any": "typing",
    "Literal": "typing",
    "TypeAlias": "typing",
    "TYPE_CHECKING": "typing",
    "cast": "typing",
}
MODULES = ("datetime", "httpx", "os", "types")


_QUOTED = (
    r"'''[^']*(?:'(?!'')[^']*)*'''",
    r'"""[^"]*(?:"(?!"")[^"]*)*"""',
    r"'[^'\\\n]*(?:\\.[^'\\\n]*)*'",
    r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"',
)
"""A string literal from its quote to the first closing quote(s), as runs of plain characters (fast to match)."""
_STRING_OR_COMMENT = re.compile(
    "|".join(
        [
            *(f"{first}[rRbBuU]?(?:{'|'.join(_QUOTED)})" for first in "rRbBuU"),  # a string with its prefix
            *_QUOTED,
            r"#[^\n]*",
        ]
    )
)
"""A string literal or a comment. Each alternative starts with one fixed character, so the engine skips to the
next place one may start at C speed instead of trying every position."""
_F_STRING = re.compile(f"[fF][rR]?(?:{'|'.join(_QUOTED)})")
"""An f-string where it starts a word (``_at_word_starts``)."""
_CAST_TYPE = re.compile(r"""cast\(\s*(?:"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)')""")
"""The type of a ``cast("X | datetime.date", ...)``: a string, yet code that names what it needs."""
_WORD = re.compile(r"\w+")
_IDENTIFIER_START = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NOT_WORD = str.maketrans({chr(code): " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")})
"""Every ASCII character but ``[A-Za-z0-9_]`` to a blank: the runs of word characters of an ASCII text, by ``split``."""
_PART = 1 << 18
"""Characters of a module translated and split at a time (``_identifiers``)."""
_DEFINES = r"(?:(?:async )?def |class )([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::|=(?!=))"
_DEFINED = re.compile(f"\\n(?:{_DEFINES})")
"""What a line defines at the first column, from the line break before it: the engine skips from one line
break to the next at C speed (a ``^`` is tried at every position)."""
_DEFINED_FIRST = re.compile(_DEFINES)
"""The same, on the first line."""


def used_names(source: str) -> set[str]:
    """Identifiers of the code, not of its strings or comments (f-strings count: they hold code).

    Regular expressions only: the generated modules are large (tens of thousands
    of lines for the biggest specs), where ``tokenize`` took seconds. F-strings
    and the type strings of ``cast`` are read first, then every string and comment
    is blanked out at C speed.
    """
    names = _identifiers(" ".join(match.group() for match in _at_word_starts(_F_STRING, source)))
    names.update(_identifiers(_cast_types(source)))
    names.update(_identifiers(_STRING_OR_COMMENT.sub(" ", source)))
    return {n for n in names if not keyword.iskeyword(n)}


def _identifiers(code: str) -> set[str]:
    r"""What ``\b[A-Za-z_][A-Za-z0-9_]*`` finds in ``code``, as a set.

    A pattern that starts with ``\b`` is tried at every position; one that starts with a
    character class is skipped to at C speed. So each run of word characters is found
    once, and only the distinct runs are read: an identifier starts a run and ends at its
    first character outside ``[A-Za-z0-9_]``, after which no word boundary lets another start.
    """
    if code.isascii():  # ``\w`` is ``[A-Za-z0-9_]``: the runs, split at C speed without a regular expression
        runs: set[str] = set()
        start = 0
        while start < len(code):  # a part at a time, cut at line breaks: a big module's runs are never all held
            end = code.find("\n", start + _PART)
            end = len(code) if end < 0 else end
            runs.update(code[start:end].translate(_NOT_WORD).split())
            start = end
        return {run for run in runs if not run[0].isdigit()}
    names: set[str] = set()
    for run in set(_WORD.findall(code)):
        found = _IDENTIFIER_START.match(run)
        if found is not None:
            names.add(found.group())
    return names


def _at_word_starts(pattern: re.Pattern[str], source: str) -> Iterator[re.Match[str]]:
    r"""The matches of ``\b`` + ``pattern``, for a ``pattern`` that starts with a word character.

    Without ``\b`` the engine skips at C speed to where the pattern's first character
    stands; a match there that follows a word character is none of ``\b`` + ``pattern``,
    and the search goes on one character further, as it would have.
    """
    position = 0
    while (match := pattern.search(source, position)) is not None:
        start = match.start()
        if start and (source[start - 1].isalnum() or source[start - 1] == "_"):
            position = start + 1
            continue
        yield match
        position = match.end()


def _cast_types(source: str) -> str:
    """The type strings of the code's ``cast(...)`` calls (one in a docstring or comment is prose)."""
    found = [(m.start(), m.group(1) or m.group(2) or "") for m in _at_word_starts(_CAST_TYPE, source)]
    if not found:
        return ""
    spans = [m.span() for m in _STRING_OR_COMMENT.finditer(source)]
    starts = [start for start, _ in spans]
    types = []
    for position, text in found:
        i = bisect.bisect_right(starts, position) - 1
        if i < 0 or spans[i][1] <= position:
            types.append(text)
    return " ".join(types)


def defined_names(source: str) -> set[str]:
    """Names a module defines at top level (classes, functions, assignments)."""
    found = _DEFINED.findall(source)  # not in a copy of ``source`` after a line break: a big module is megabytes
    first = _DEFINED_FIRST.match(source)
    if first is not None:
        found.append(first.groups())
    return {def_name or assigned for def_name, assigned in found}


RUNTIME_ALIAS = "_rt"
"""Generated code reaches the runtime only as ``_rt.name``: no spec-made name can shadow it."""


def resolve_imports(
    source: str,
    local: Mapping[str, Iterable[str]],
    *,
    depth: int = 1,
    extra_names: Mapping[str, str] | None = None,
    extra_modules: Iterable[str] = (),
    third_party: Iterable[str] = (),
) -> str:
    """Replace the marker in ``source`` by the imports its code uses.

    ``local`` maps a relative module (``.models``) to the names it offers; ``depth``
    is how many dots lead from this module to the package (for the runtime import).
    ``extra_names`` (name -> standard module) and ``extra_modules`` add to STANDARD
    and MODULES for one module whose own names cannot clash with them (tests); ``third_party``
    names modules imported beside ``httpx`` when used (``pytest`` in tests).
    """
    used = used_names(source) - defined_names(source)  # the marker is a comment: no copy of a big module without it
    lines: list[str] = ["from __future__ import annotations", ""]
    std_modules = sorted((m for m in {*MODULES, *extra_modules} if m in used and m != "httpx"), key=module_key)
    std_from: dict[str, list[str]] = {}
    for name, module in {**STANDARD, **(extra_names or {})}.items():
        if name in used:
            std_from.setdefault(module, []).append(name)
    lines += [f"import {m}" for m in std_modules]
    lines += [from_import(m, sorted(n, key=member_key)) for m, n in sorted(std_from.items(), key=_by_module)]
    external = sorted((m for m in {"httpx", *third_party} if m in used), key=module_key)
    if external:
        lines += ["", *(f"import {m}" for m in external)]
    local_lines = []
    if RUNTIME_ALIAS in used:
        local_lines.append(f"from {'.' * depth} import _runtime as {RUNTIME_ALIAS}")
    for module, offered in sorted(local.items(), key=_by_module):
        names = sorted(set(offered) & used, key=member_key)
        if names:
            local_lines.append(from_import(module, names))
    if local_lines:
        lines += ["", *local_lines]
    block = "\n".join(lines).replace("\n\n\n", "\n\n").strip("\n")
    return source.replace(MARKER, block, 1)


def _by_module(item: tuple[str, object]) -> tuple[tuple[int, int], ...]:
    return module_key(item[0])


def from_import(module: str, names: list[str]) -> str:
    """``from module import names``; one name a line, in parentheses, when it does not fit (as black writes it)."""
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    return "\n".join([f"from {module} import (", *(f"    {name}," for name in names), ")"])


def export_order(names: Iterable[str]) -> list[str]:
    """``__all__`` order as ruff's RUF022 wants it: CONSTANTS, then Classes, then functions; natural within each."""

    def key(name: str) -> tuple[int, list[tuple[int, int | str]]]:
        parts = re.split(r"(\d+)", name)
        return _kind(name), [(1, int(p)) if p.isdigit() else (0, p) for p in parts if p]

    return sorted(set(names), key=key)


def _kind(name: str) -> int:
    """0 for a CONSTANT, 1 for a Class, 2 for anything else: the order of names by type in ruff's sorting."""
    return 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2


_RUNS = re.compile(r"\d+|\D")


def module_key(module: str) -> tuple[tuple[int, int], ...]:
    """The order of modules in an import block as ruff's isort rule (I001) sorts them: natural (a run of digits
    by its number, ``v2`` before ``v10``) and without regard to case (``PermissionDenied`` before ``PLogo``)."""
    return tuple((0x30, int(run)) if run.isdigit() else (ord(run), 0) for run in _RUNS.findall(module.lower()))


def member_key(name: str) -> tuple[int, tuple[tuple[int, int], ...], str]:
    """The order of the names one ``from`` import takes, as ruff's isort rule sorts them: by type, then naturally
    without regard to case (``module_key``), then as written."""
    return _kind(name), module_key(name), name
