"""Python code written the way black writes it, so that black never has to run.

Templates and view-models write black's style from the start: double quotes
where black prefers them, black's blank lines, numbers as black spells them.
What depends on the data is where a statement must be split because it does
not fit in a line. ``fit`` does that for one statement at a time, the way a
black fixed point looks: a bracket that does not fit is exploded, one item per
line, each followed by a comma. Black never joins a bracket that ends in such
a "magic" trailing comma, and every line that is left fits, so black leaves the
result as it is.

``fit`` lays out only shapes whose black form it knows; anything else (several
brackets competing on one line, an operator outside the brackets, wide
characters) goes to black itself, one statement at a time
(``generator.formatting.black_statement``), cached. ``tests/test_pycode.py``
and the black check of every generated package hold the whole output to black.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE_LENGTH = 120
INDENT = "    "

_TOKEN = re.compile(
    r"""[rRbBuUfF]{0,2}(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')"""  # a one-line string literal
    r"|[()\[\]{}]|,|\blambda\b|:"
)
_FOR_OR_BRACKET = re.compile(r"""[rRbBuUfF]{0,2}(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|[()\[\]{}]|\bfor\b""")
_OPENING = "([{"
_CLOSING = ")]}"
_STRING_START = re.compile(r"""[rRbBuUfF]{0,2}["']""")
_ESCAPE_OR_QUOTE = re.compile(r'\\.|"')

# What may stand before the bracket that is exploded, or after it: text black splits at
# that bracket too. Anything else (an operator outside the brackets, a second bracket) goes
# to black.
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_DOTTED = rf"{_NAME}(?:\.{_NAME})*"
_STRING = r"""(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')"""
_HEAD = re.compile(
    rf"(?:return |await |assert {_DOTTED}(?:\([^()\[\]{{}}]*\))? == )?"
    rf"(?:{_DOTTED}(?:: {_DOTTED})? = |{_NAME}: )?"
    rf"(?:{_NAME}=|{_STRING}: )?"
    rf"(?:lambda(?: {_NAME})?: )?"
    rf"(?:await )?"
    rf"(?:{_DOTTED})?"
)
_DEF_HEAD = re.compile(rf"(?:async )?def {_NAME}|class {_NAME}")
_WITH_HEAD = re.compile(rf"(?:async )?with {_DOTTED}")
_WITH_TAIL = re.compile(rf" as {_NAME}:")
_ANNOTATED = re.compile(rf"(?P<name>{_NAME}): (?P<hint>[^=]+?)(?P<default> = (?:None|{_NAME}))?")
_STRING_AT = re.compile(_STRING)
_DOTTED_END = re.compile(rf"{_DOTTED}$")
_ITEM_TAIL = re.compile(rf"(?: as {_NAME})?")
_ATOM = re.compile(rf"(?:{_NAME}=)?(?:lambda(?: {_NAME})?: )?(?:{_STRING}|{_DOTTED}(?:\(\))?)")
_DEF_TAIL = re.compile(r"(?: -> .*)?:")


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


def fits(line: str) -> bool:
    """Whether black would leave ``line`` (indentation included) on one line."""
    return len(line) <= LINE_LENGTH and (line.isascii() or 2 * len(line) <= LINE_LENGTH)


def fit(code: str, indent: int, item: bool = False) -> str:
    """``code`` (one statement; its first line without indentation) laid out for ``indent`` spaces.

    Returned as given when every line fits. Lines of code that a template already
    split (an exploded call) are laid out one by one, as items inside brackets;
    with ``item``, so is the first line (an item with its comma, inside brackets).
    """
    lines = code.split("\n")
    if fits(" " * indent + lines[0]) and all(fits(line) for line in lines[1:]):
        return code
    laid: list[str] = []
    for row, line in enumerate(lines):
        depth = indent if row == 0 else len(line) - len(line.lstrip(" "))
        text = line if row == 0 else line[depth:]
        if fits(" " * depth + text):
            laid.append(" " * depth + text)
            continue
        result = _statement(text, depth) if row == 0 and not item else _item(text, depth)
        if result is None:
            from .formatting import black_statement

            return black_statement(code, indent, item=item)
        laid.extend(result)
    return "\n".join(laid)[indent:]


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


@dataclass(frozen=True, slots=True)
class _Bracket:
    opening: int
    closing: int
    items: tuple[tuple[int, int], ...]
    """(start, end) of each item between the brackets, without the commas."""


def _statement(text: str, indent: int) -> list[str] | None:
    annotated = _ANNOTATED.fullmatch(text)
    if annotated and annotated.group("default"):
        head = " " * indent + text[: annotated.start("default")] + " = ("
        if fits(head):  # black wraps the value rather than the type hint when all before it fits
            return [head, " " * (indent + 4) + annotated.group("default")[3:], " " * indent + ")"]
    if annotated and " | " in annotated.group("hint"):
        return _union_annotation(annotated, indent, "")
    brackets = _top_brackets(text)
    if not brackets:
        return None
    if _DEF_HEAD.fullmatch(text[: brackets[0].opening]):
        params = brackets[0]  # black splits a def (or a class's bases) at its first bracket, whatever follows
        if not _DEF_TAIL.fullmatch(text[params.closing + 1 :]):
            return None
        return _explode(text, params, indent, "")
    last = brackets[-1]  # the only one, but for the call an assert compares
    head, after = text[: last.opening], text[last.closing + 1 :]
    if len(brackets) == 1 and _WITH_HEAD.fullmatch(head) and _WITH_TAIL.fullmatch(after):
        return _explode(text, last, indent, "")
    if after or not _HEAD.fullmatch(head):
        return None
    return _explode(text, last, indent, "")


def _union_annotation(annotated: re.Match[str], indent: int, tail: str) -> list[str] | None:
    """``name: A | B = default`` as black splits a long type hint: in parentheses, one ``|`` a line if need be."""
    operands = _operands(annotated.group("hint"))
    if operands is None:
        return None
    pad = " " * indent
    inner = " " * (indent + 4)
    lines = [f"{pad}{annotated.group('name')}: ("]
    flat = inner + " | ".join(operands)
    if fits(flat):
        lines.append(flat)
    else:
        for number, operand in enumerate(operands):
            prefix = "| " if number else ""
            line = inner + prefix + operand
            if fits(line):
                lines.append(line)
                continue
            brackets = _top_brackets(operand)
            if not brackets or len(brackets) != 1 or operand[brackets[0].closing + 1 :]:
                return None
            exploded = _explode(prefix + operand, _shifted(brackets[0], len(prefix)), indent + 4, "")
            if exploded is None:
                return None
            lines.extend(exploded)
    lines.append(f"{pad}){annotated.group('default') or ''}{tail}")
    return lines if fits(lines[-1]) and fits(lines[0]) else None


def _operands(hint: str) -> list[str] | None:
    """The parts of a type hint joined by ``|`` outside brackets and strings."""
    return _split_top(hint, " | ")


def _split_top(text: str, separator: str) -> list[str] | None:
    """``text`` cut at each ``separator`` outside brackets and strings; None if a part is empty."""
    parts: list[str] = []
    depth = 0
    start = 0
    position = 0
    while position < len(text):
        char = text[position]
        if char in "\"'":
            string = _STRING_AT.match(text, position)
            if string is None:
                return None
            position = string.end()
            continue
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth -= 1
        elif depth == 0 and text.startswith(separator, position):
            parts.append(text[start:position].strip())
            start = position = position + len(separator)
            continue
        position += 1
    parts.append(text[start:].strip())
    return parts if all(parts) else None


def _conditional(body: str, indent: int, tail: str) -> list[str] | None:
    """``(a if b else c)`` split as black splits it: one part a line inside the parentheses."""
    inner = body[1:-1]
    value = _split_top(inner, " if ")
    rest = _split_top(value[1], " else ") if value is not None and len(value) == 2 else None
    if value is None or rest is None or len(rest) != 2:
        return None
    pad, inner_pad = " " * indent, " " * (indent + 4)
    lines = [f"{pad}(", inner_pad + value[0], f"{inner_pad}if {rest[0]}", f"{inner_pad}else {rest[1]}", f"{pad}){tail}"]
    return lines if all(fits(line) for line in lines) else None


def _shifted(bracket: _Bracket, by: int) -> _Bracket:
    return _Bracket(bracket.opening + by, bracket.closing + by, tuple((s + by, e + by) for s, e in bracket.items))


def _item(text: str, indent: int) -> list[str] | None:
    """A line inside brackets: an item with its comma."""
    if not text.endswith(","):
        return None
    return _part(text[:-1], indent, ",")


def _part(body: str, indent: int, tail: str) -> list[str] | None:
    """An item inside brackets followed by ``tail`` (its comma, or nothing for the only item of a subscript).

    An item black cannot split (a name, a string or a call without arguments,
    maybe as a keyword argument or a lambda's body) stays as it is, however long.
    """
    if _ATOM.fullmatch(body):
        return [" " * indent + body + tail]
    annotated = _ANNOTATED.fullmatch(body)
    if annotated and " | " in annotated.group("hint"):
        return _union_annotation(annotated, indent, tail)
    brackets = _top_brackets(body)
    if not brackets or len(brackets) != 1:
        return None
    bracket = brackets[0]
    if bracket.opening == 0 and bracket.closing == len(body) - 1 and body[0] == "(" and len(bracket.items) == 1:
        return _conditional(body, indent, tail)
    if not _HEAD.fullmatch(body[: bracket.opening]) or not _ITEM_TAIL.fullmatch(body[bracket.closing + 1 :]):
        return None
    return _explode(body, bracket, indent, tail, long_head=True)


def _explode(text: str, bracket: _Bracket, indent: int, tail: str, *, long_head: bool = False) -> list[str] | None:
    """``text`` split at ``bracket``, one item a line, each with a comma; ``tail`` ends the last line.

    A subscript with one item takes no comma: its item goes alone on the line
    between the brackets, as black puts it. With ``long_head`` (an item), the
    line that opens the bracket may stay too long: black, too, leaves a head it
    has no bracket to split at.
    """
    hug = _single_subscript(text, bracket)
    if not hug and not _explodable(text, bracket):
        return None
    pad = " " * indent
    first = pad + text[: bracket.opening + 1]
    last = pad + text[bracket.closing :] + tail
    if not (fits(first) or (long_head and first.isascii() and "(" not in text[: bracket.opening])) or not fits(last):
        return None
    lines = [first]
    inner = indent + len(INDENT)
    comma = "" if hug else ","
    for start, end in bracket.items:
        item = text[start:end]
        line = " " * inner + item + comma
        if fits(line):
            lines.append(line)
            continue
        nested = _part(item, inner, comma)
        if nested is None:
            return None
        lines.extend(nested)
    lines.append(last)
    return lines


def _single_subscript(text: str, bracket: _Bracket) -> bool:
    before = text[: bracket.opening]
    return text[bracket.opening] == "[" and len(bracket.items) == 1 and bool(_DOTTED_END.search(before))


def _explodable(text: str, bracket: _Bracket) -> bool:
    """Whether a trailing comma in this bracket is one black keeps exploded (and is valid Python)."""
    count = len(bracket.items)
    if count == 0:
        return False
    before = text[: bracket.opening].rstrip()
    trailer = bool(before) and (before[-1].isalnum() or before[-1] in "_)]\"'") and not before.endswith(" in")
    kind = text[bracket.opening]
    if kind == "(" and not trailer:
        return count > 1  # a parenthesised expression; a one-tuple's comma is not magic
    if kind == "[" and trailer:
        return count > 1  # a subscript with one item takes no magic comma
    if kind == "(" and count == 1:
        start, end = bracket.items[0]
        return not _generator(text[start:end])  # f(x for x in y,) is not Python
    return True


def _generator(item: str) -> bool:
    """Whether ``item`` is a bare generator expression (a ``for`` outside its brackets)."""
    depth = 0
    for match in _FOR_OR_BRACKET.finditer(item):
        token = match.group()
        if token[0] in _OPENING:
            depth += 1
        elif token[0] in _CLOSING:
            depth -= 1
        elif token == "for" and depth == 0:
            return True
    return False


def _top_brackets(text: str) -> list[_Bracket] | None:
    """The brackets at the top level of ``text``, each with its items; None if it is not balanced."""
    found: list[_Bracket] = []
    stack: list[tuple[int, list[tuple[int, int]], int]] = []
    lambda_depth: int | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        position = match.start()
        if token[0] in _OPENING:
            stack.append((position, [], position + 1))
        elif token[0] in _CLOSING:
            if not stack or _OPENING[_CLOSING.index(token)] != text[stack[-1][0]]:
                return None
            opening, items, start = stack.pop()
            if text[start:position].strip():
                items.append(_stripped(text, start, position))
            if not stack:
                found.append(_Bracket(opening, position, tuple(items)))
        elif token == "lambda":
            lambda_depth = len(stack) if lambda_depth is None else lambda_depth
        elif token == ":":
            if lambda_depth == len(stack):
                lambda_depth = None
        elif token == "," and len(stack) == 1 and lambda_depth is None:
            opening, items, start = stack[-1]
            items.append(_stripped(text, start, position))
            stack[-1] = (opening, items, position + 1)
    if stack:
        return None
    return found


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end
