"""Data statements (``NAME: Any = {...}``) laid out exactly as black lays out their one-line form.

The test suite holds response bodies and model arguments as module-level
constants: dicts and lists of strings, numbers, ``True``, ``False`` and
``None``, nested deep and often thousands of characters long. ``pysplit``
writes a black fixed point; this module writes black's own output for such a
statement, so it can stand in for black where ``pysplit`` declines, byte for
byte. For this grammar black's rules come down to:

- a line that fits stays as it is;
- otherwise the value is split at its brackets (right-hand split): the opening
  bracket ends the first line, the closing one starts the last;
- a bracket of two items or more is exploded one item a line, each followed by
  a comma (black adds one to the last); a bracket of one item puts it alone on
  its line, without a comma, and splits it again if it still does not fit;
- a line with no bracket to split at (a long string, maybe after its key)
  stays as it is, however long;
- widths count a wide character twice: a line whose width depends on whether
  a character from ``FIRST_WIDE`` on is wide is left to black.

The value may also be the one argument of a call (``models.X.from_dict({...})``):
black splits at the call's parentheses first, or, when the line opening the call
would not fit, puts the call in parentheses of its own. Anything else (an operator,
another call, a type hint with brackets, a line too long either way) gives None, and
the caller asks black.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ...immutable import immutable
from .pysplit import INDENT, LINE_LENGTH

_SCALAR = re.compile(
    r"""[bB]?(?:"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')"""  # a one-line string literal
    r"|-?[0-9]+(?:\.[0-9]+)?(?:e-?[0-9]+)?"  # a number, as ``pycode.number`` spells it
    r"|True|False|None"
)
_KEY = re.compile(r"""[bB]?(?:"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')(?=: )""")
_TARGET = re.compile(
    r"[A-Za-z_][A-Za-z0-9_]*(?:: [A-Za-z_][A-Za-z0-9_.]*)? = "
    r"(?P<call>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\()?(?=[\[{])"
)
_CLOSING = {"{": "}", "[": "]"}
FIRST_WIDE = "\u1100"
"""The first character black's width table counts twice (Hangul Jamo); every one before it is one column."""
_MAY_BE_WIDE = re.compile(f"[{FIRST_WIDE}-\U0010ffff]")
MAX_DEPTH = 200
"""Deeper data is left to black (and keeps the recursion here bounded)."""


class _OutsideGrammarError(Exception):
    """The text is outside the grammar this module lays out."""


@immutable
class _Value:
    start: int
    end: int
    items: tuple[tuple[int, _Value], ...] | None
    """For a dict or list: (where the item's text starts, its value); a dict item starts at its key. None: a scalar."""


def literal_statement(text: str, indent: int) -> list[str] | None:
    """The lines black makes of the one-line statement ``text`` at ``indent`` spaces, or None if unknown here."""
    target = _TARGET.match(text)
    if target is None:
        return None
    call = target.group("call")
    end = len(text) - 1 if call else len(text)
    try:
        value = _parse(text, target.end(), 0)
        if value.end != end or not value.items or (call and text[end] != ")"):
            return None  # trailing text, or an empty bracket (black would wrap it in parentheses)
        lines: list[str] = []
        layout = _Layout(text, lines)
        if not call:
            return lines if layout.lay(0, value, "", indent) else None
        # a call of one data argument (``models.X.from_dict({...})``) is split at its parentheses first
        if not layout.fits(indent, 0, target.end(), 0):
            return _wrapped(layout, target, value, indent)
        lines.append(" " * indent + text[: target.end()])
        if not layout.lay(value.start, value, "", indent + len(INDENT)):
            return None
        lines.append(" " * indent + ")")
    except _OutsideGrammarError:
        return None
    return lines


def _wrapped(layout: _Layout, target: re.Match[str], value: _Value, indent: int) -> list[str] | None:
    """The call in parentheses of its own, as black lays it out when the line that opens the call does not fit
    (``NAME = (``, the call on one line or split at its parentheses, ``)``); None unless every line fits.

    Black first splits at the call's parentheses; its first line too long, black tries again with the
    value in parentheses, and keeps that when all its lines fit.
    """
    text, lines = layout.text, layout.lines
    call = target.start("call")
    pad, inner = " " * indent, " " * (indent + len(INDENT))
    lines.append(f"{pad}{text[:call]}(")
    whole = layout.fits(indent + len(INDENT), call, len(text), 0)
    if whole:
        lines.append(inner + text[call:])
    elif whole is None or not layout.fits(indent + len(INDENT), call, target.end(), 0):
        return None
    else:
        lines.append(inner + text[call : target.end()])
        if not layout.lay(value.start, value, "", indent + 2 * len(INDENT)):
            return None
        lines.append(f"{inner})")
    lines.append(f"{pad})")
    return lines if all(_surely_fits(line) for line in lines) else None


def _surely_fits(line: str) -> bool:
    """Whether black's width of ``line`` is at most ``LINE_LENGTH`` whichever of its characters are wide."""
    return len(line) + len(_MAY_BE_WIDE.findall(line)) <= LINE_LENGTH


def _parse(text: str, position: int, depth: int) -> _Value:
    if depth > MAX_DEPTH:
        raise _OutsideGrammarError
    opening = text[position : position + 1]
    if opening not in _CLOSING:
        scalar = _SCALAR.match(text, position)
        if scalar is None:
            raise _OutsideGrammarError
        return _Value(position, scalar.end(), None)
    closing = _CLOSING[opening]
    items: list[tuple[int, _Value]] = []
    position += 1
    if text.startswith(closing, position):
        return _Value(position - 1, position + 1, ())
    while True:
        start = position
        if opening == "{":
            key = _KEY.match(text, position)
            if key is None:
                raise _OutsideGrammarError
            position = key.end() + 2
        value = _parse(text, position, depth + 1)
        items.append((start, value))
        position = value.end
        if text.startswith(", ", position):
            position += 2
        elif text.startswith(closing, position):
            return _Value(items[0][0] - 1, position + 1, tuple(items))
        else:
            raise _OutsideGrammarError


class _Layout:
    """Lines of one statement; a width is computed from counts, so the work stays linear however deep the data."""

    def __init__(self, text: str, lines: list[str]) -> None:
        self.text = text
        self.lines = lines
        self.wide = [match.start() for match in _MAY_BE_WIDE.finditer(text)]
        """Where the characters that may be wide stand, in order."""

    def lay(self, start: int, value: _Value, suffix: str, indent: int) -> bool:
        """``text[start:value.end] + suffix`` at ``indent``, as black lays it out, appended to ``lines``.

        False when a width is unsure or the first line of a split would not fit
        (black would try other splits: left to black).
        """
        fits = self.fits(indent, start, value.end, len(suffix))
        if fits is None:
            return False
        pad = " " * indent
        if fits or not value.items:
            self.lines.append(pad + self.text[start : value.end] + suffix)  # black leaves it as it is
            return True
        if not self.fits(indent, start, value.start + 1, 0):
            return False
        self.lines.append(pad + self.text[start : value.start + 1])
        inner = indent + len(INDENT)
        comma = "," if len(value.items) > 1 else ""
        for item_start, item in value.items:
            if not self.lay(item_start, item, comma, inner):
                return False
        self.lines.append(pad + self.text[value.end - 1] + suffix)
        return True

    def fits(self, indent: int, start: int, end: int, extra: int) -> bool | None:
        """Whether black's width of ``text[start:end]`` after ``indent`` spaces and before ``extra`` ASCII
        characters is at most ``LINE_LENGTH``; None if that depends on how wide some characters are.

        Black counts an East Asian wide character twice, any other once; no
        character before ``FIRST_WIDE`` is wide, one after it may be.
        """
        length = indent + end - start + extra
        if length + bisect_left(self.wide, end) - bisect_left(self.wide, start) <= LINE_LENGTH:
            return True
        if length > LINE_LENGTH:
            return False
        return None
