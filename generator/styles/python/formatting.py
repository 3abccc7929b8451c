"""The pinned black, for the statements the Python style cannot lay out by itself.

Generated Python is written in black's style from the start
(``pycode.py``); black runs only on a statement whose
split that module does not know, one statement at a time, with its results
cached by content hash. A statement is formatted where it stands: it is put
inside as many ``if _:`` blocks as its indentation needs (black splits a line by
its own content and depth only) and taken out again.
"""

from __future__ import annotations

import re

from ... import cache
from ...core.style import RenderError
from ...versions import installed_version
from .pysplit import LINE_LENGTH

BLACK_VERSION = installed_version("black")
CACHE_KIND = "black-statement"
WRAPPING = "2"
"""Part of the cache key: changed whenever how a statement is put into black and taken out changes."""
_WRAPPER = "if _:\n"
_BODY = "pass"


class FormatError(RenderError):
    """Black could not parse a statement: the generated code is broken (a bug in a template or view-model)."""


def black_statement(code: str, indent: int, *, item: bool = False) -> str:
    """``code`` (one statement, first line without indentation) as black formats it at ``indent`` spaces.

    With ``item``, ``code`` is an item inside brackets, ending in its comma: it is
    formatted as the only item of a call (a dict for ``key: value``, a ``with`` for
    ``... as name``), which black keeps exploded for that comma.
    """
    entry = cache.key(CACHE_KIND, WRAPPING, BLACK_VERSION, f"{LINE_LENGTH}-py310", str(indent), str(item), code)
    cached = cache.get(CACHE_KIND, entry)
    if cached is not None:
        return cached.decode("utf-8")
    result = _format(code, indent, item)
    cache.put(CACHE_KIND, entry, result.encode("utf-8"))
    return result


def _format(code: str, indent: int, item: bool) -> str:
    import black

    depth, rest = divmod(indent, 4)
    if rest or (item and not depth):
        raise FormatError(f"a statement indented by {indent} spaces: {code[:80]!r}")
    closing = ""
    if item:
        depth -= 1
        opening, closing = _item_brackets(code, indent)
        code = f"{opening}\n{' ' * indent}{code}\n{' ' * (indent - 4)}{closing}"
        indent -= 4
    wrappers = "".join("    " * level + _WRAPPER for level in range(depth))
    compound = code.rstrip().endswith(":")
    body = f"\n{' ' * (indent + 4)}{_BODY}" if compound else ""
    source = f"{wrappers}{' ' * indent}{code}{body}\n"
    mode = black.Mode(line_length=LINE_LENGTH, target_versions={black.mode.TargetVersion.PY310})
    try:
        formatted = black.format_str(source, mode=mode)
    except black.parsing.InvalidInput as exc:
        raise FormatError(f"generated code does not parse: {exc}: {code[:200]!r}") from exc
    lines = formatted.rstrip("\n").split("\n")[depth:]
    while lines and not lines[0]:
        lines.pop(0)  # black puts a blank line before a function inside a block
    if compound:
        lines = lines[:-1]
    if item:
        end = len(lines) - 1 - lines[::-1].index(" " * indent + closing.split("\n")[0])
        return "\n".join(lines[1:end])[indent + 4 :]
    return "\n".join(lines)[indent:]


_AS_NAME = re.compile(r" as [A-Za-z_][A-Za-z0-9_]*,$")
_DICT_KEY = re.compile(r"""(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'): """)


def _item_brackets(code: str, indent: int) -> tuple[str, str]:
    """Brackets in which ``code`` (an item with its comma, at ``indent``) is valid Python, as the only item."""
    if _AS_NAME.search(code):
        return "with (", f"):\n{' ' * indent}pass"
    if _DICT_KEY.match(code):
        return "_ = {", "}"
    return "_(", ")"
