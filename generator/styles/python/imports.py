"""Import blocks computed from the code that uses them.

A template writes ``# <imports>`` where its imports go; after rendering, the
module's names (NAME tokens only, so words in docstrings never count) decide
which imports it needs. No template keeps an import list in step by hand, and
no generated module imports what it does not use.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Mapping

from ...pycode import LINE_LENGTH

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


_LEXEME = re.compile(
    r"""(?P<string>(?P<prefix>[rRbBuUfF]{0,2})(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))"""
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
)


def used_names(source: str) -> set[str]:
    """Identifiers of the code, not of its strings or comments (f-strings count: they hold code).

    One regular-expression scan: the generated modules are large (tens of
    thousands of lines for the biggest specs), where ``tokenize`` took seconds.
    """
    names: set[str] = set()
    for match in _LEXEME.finditer(source):
        name = match.group("name")
        if name is not None:
            names.add(name)
        elif match.group("string") and "f" in match.group("prefix").lower():
            names.update(n for n in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", match.group("string")))
    return {n for n in names if not keyword.iskeyword(n)}


def defined_names(source: str) -> set[str]:
    """Names a module defines at top level (classes, functions, assignments)."""
    names: set[str] = set()
    for line in source.splitlines():
        for prefix in ("class ", "def ", "async def "):
            if line.startswith(prefix):
                names.add(line[len(prefix) :].split("(")[0].split(":")[0].strip())
        head = line.split(":")[0].split("=")[0].strip()
        if line and not line[0].isspace() and head.isidentifier() and ("=" in line or ":" in line):
            names.add(head)
    return names


RUNTIME_ALIAS = "_rt"
"""Generated code reaches the runtime only as ``_rt.name``: no spec-made name can shadow it."""


def resolve_imports(
    source: str,
    local: Mapping[str, Iterable[str]],
    *,
    depth: int = 1,
    extra_names: Mapping[str, str] | None = None,
    extra_modules: Iterable[str] = (),
) -> str:
    """Replace the marker in ``source`` by the imports its code uses.

    ``local`` maps a relative module (``.models``) to the names it offers; ``depth``
    is how many dots lead from this module to the package (for the runtime import).
    ``extra_names`` (name -> standard module) and ``extra_modules`` add to STANDARD
    and MODULES for one module whose own names cannot clash with them (tests).
    """
    used = used_names(source.replace(MARKER, "")) - defined_names(source)
    lines: list[str] = ["from __future__ import annotations", ""]
    std_modules = sorted(m for m in {*MODULES, *extra_modules} if m in used and m != "httpx")
    std_from: dict[str, list[str]] = {}
    for name, module in {**STANDARD, **(extra_names or {})}.items():
        if name in used:
            std_from.setdefault(module, []).append(name)
    lines += [f"import {m}" for m in std_modules]
    lines += [from_import(m, sorted(n)) for m, n in sorted(std_from.items())]
    if "httpx" in used:
        lines += ["", "import httpx"]
    local_lines = []
    if RUNTIME_ALIAS in used:
        local_lines.append(f"from {'.' * depth} import _runtime as {RUNTIME_ALIAS}")
    for module, offered in sorted(local.items()):
        names = sorted(set(offered) & used)
        if names:
            local_lines.append(from_import(module, names))
    if local_lines:
        lines += ["", *local_lines]
    block = "\n".join(lines).replace("\n\n\n", "\n\n").strip("\n")
    return source.replace(MARKER, block, 1)


def from_import(module: str, names: list[str]) -> str:
    """``from module import names``; one name a line, in parentheses, when it does not fit (as black writes it)."""
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    return "\n".join([f"from {module} import (", *(f"    {name}," for name in names), ")"])


def export_order(names: Iterable[str]) -> list[str]:
    """``__all__`` order as ruff's RUF022 wants it: CONSTANTS, then Classes, then functions; natural within each."""

    def key(name: str) -> tuple[int, list[tuple[int, int | str]]]:
        category = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
        parts = re.split(r"(\d+)", name)
        return category, [(1, int(p)) if p.isdigit() else (0, p) for p in parts if p]

    return sorted(set(names), key=key)
