"""Python code written the way black writes it, so that black never has to run.

Templates and view-models write black's style from the start: double quotes
where black prefers them, black's blank lines, numbers as black spells them.
What depends on the data is where a statement must be split because it does
not fit in a line. ``fit`` does that for one statement at a time, the way a
black fixed point looks: a bracket that does not fit is exploded, one item per
line, each followed by a comma. Black never joins a bracket that ends in such
a "magic" trailing comma, and every line that is left fits, so black leaves the
result as it is.

``fit`` lays out (with ``pysplit``) only shapes whose black form it knows;
anything else (several brackets competing on one line, an operator outside the
brackets, wide characters) goes to black itself, one statement at a time
(``formatting.black_statement``), cached. ``tests/test_pycode.py``
and the black check of every generated package hold the whole output to black.
"""

from __future__ import annotations

import functools
import re

from .formatting import black_statement
from .pyliterals import literal_statement
from .pysplit import INDENT, LINE_LENGTH, fits, statement
from .pysplit import item as split_item

__all__ = ["LINE_LENGTH", "fit", "fit_lines", "fits", "number", "quote"]

_ESCAPE_OR_QUOTE = re.compile(r'\\.|"')


def quote(value: str | bytes) -> str:
    """The literal black would write for ``value``: double quotes unless they need more escapes."""
    if isinstance(value, str) and value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'  # nothing to escape: the common case, without repr
    text = repr(value)
    prefix = "b" if isinstance(value, bytes) else ""
    body = text[len(prefix) + 1 : -1]
    if text[len(prefix)] == '"':
        return text  # repr chose double quotes: the value holds ' and no "
    text_value = value.decode("latin-1") if isinstance(value, bytes) else value
    doubles = text_value.count('"')
    singles = text_value.count("'")
    if doubles > singles:
        return text
    if not doubles and not singles:
        return f'{prefix}"{body}"'
    return f'{prefix}"{_ESCAPE_OR_QUOTE.sub(_swap_escape, body)}"'


def _swap_escape(match: re.Match[str]) -> str:
    found = match.group()
    return "'" if found == "\\'" else '\\"' if found == '"' else found


def number(value: int | float) -> str:
    """A number as black spells it (``1e16``, not ``1e+16``)."""
    text = repr(value)
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
        text = f"{mantissa}e{exponent.removeprefix('+')}"
    return text


def fit(code: str, indent: int, item: bool = False) -> str:
    """``code`` (one statement; its first line without indentation) laid out for ``indent`` spaces.

    Returned as given when every line fits. Lines of code that a template already
    split (an exploded call) are laid out one by one, as items inside brackets;
    with ``item``, so is the first line (an item with its comma, inside brackets).
    """
    lines = code.split("\n")
    if fits(" " * indent + lines[0]) and all(fits(line) for line in lines[1:]):
        return code
    if len(code) > REMEMBERED_SIZE:  # a big data constant is written once: nothing to gain from holding it
        return _laid_out.__wrapped__(code, indent, item)
    return _laid_out(code, indent, item)


REMEMBERED_SIZE = 4000
"""The longest statement (and the longest docstring text) a run remembers how it laid out."""


@functools.lru_cache(maxsize=4096)
def _laid_out(code: str, indent: int, item: bool) -> str:
    """``fit`` for code that does not fit as it is; remembered, as a big spec repeats many statements
    (the same headers, checks or enum values in every operation)."""
    lines = code.split("\n")
    if not code.isascii():  # black measures wide and combining characters its own way: let it decide
        return _literal(code, indent, item) or black_statement(code, indent, item=item)
    laid: list[str] = []
    for row, line in enumerate(lines):
        depth = indent if row == 0 else len(line) - len(line.lstrip(" "))
        text = line if row == 0 else line[depth:]
        if fits(" " * depth + text):
            laid.append(" " * depth + text)
            continue
        result = statement(text, depth) if row == 0 and not item else split_item(text, depth)
        if result is None or (row == 0 and not all(fits(line) for line in result)):
            # a data statement with a value too long for any line is laid out as black lays out its one-line form
            literal = _literal(code, indent, item)
            if literal is not None or result is None:
                return literal or black_statement(code, indent, item=item)
        laid.extend(result)
    return "\n".join(laid)[indent:]


def _literal(code: str, indent: int, item: bool) -> str | None:
    """A one-line data statement (``NAME: Any = {...}``) as black lays it out, without black; None if not one."""
    if item or "\n" in code:
        return None
    lines = literal_statement(code, indent) or _repeated_data(code, indent)
    return None if lines is None else "\n".join(lines)[indent:]


_REPEATED_DATA = re.compile(
    r"(?P<head>assert \[[^\[\]\"'#]*(?:\[[^\[\]\"'#]*\][^\[\]\"'#]*)*\] == )\[(?P<data>.+)\](?P<tail> \* [0-9a-z_]+)"
)
"""``assert [a for a in b] == [data] * n``: what a test checks of a page of equal items (no string before ``==``)."""


def _repeated_data(code: str, indent: int) -> list[str] | None:
    """``assert [...] == [data] * n`` as black lays it out: split at the list of data, as the data statement
    ``_ = [data]`` is, with the comparison before its bracket and the repetition after it.

    Black leaves out the parentheses it could put around what ``assert`` checks,
    as the line up to the list's bracket fits; every line must fit (a line black
    cannot split could make it choose otherwise).
    """
    match = _REPEATED_DATA.fullmatch(code)
    if match is None:
        return None
    pad = " " * indent
    data = literal_statement(f"_ = [{match.group('data')}]", indent)
    if data is None:
        return None
    if len(data) == 1:  # the data fits alone on its line
        data = [f"{pad}_ = [", pad + INDENT + match.group("data"), f"{pad}]"]
    lines = [pad + match.group("head") + "[", *data[1:-1], data[-1] + match.group("tail")]
    return lines if data[-1] == f"{pad}]" and all(fits(line) for line in lines) else None


def fit_lines(lines: list[str] | tuple[str, ...], indent: int) -> str:
    """Statements, one a line with their indentation relative to the block, laid out at ``indent``.

    The text has every line indented, the first one included, and no final newline.
    """
    out: list[str] = []
    for line in lines:
        code = line.lstrip(" ")
        depth = indent + len(line) - len(code)
        out.append(" " * depth + fit(code, depth))
    return "\n".join(out)
