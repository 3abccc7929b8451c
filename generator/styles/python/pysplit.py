"""Splitting one line of Python that does not fit, into the lines black leaves as they are.

The rule is black's magic trailing comma: a bracket exploded one item a line,
each item followed by a comma, is never joined again by black, so the result is
stable whatever black would have chosen itself. Items that still do not fit
are split the same way, inside out. Besides that rule, only shapes black
produces itself are written: a subscript with one item hugs it, a long type
hint goes in parentheses with one ``|`` operand a line, a conditional
expression splits at ``if`` and ``else``, an entry set to a call (``table["key"] = f(...)``) is split
at the call with black's own joined arguments.

A line is parsed once into a tree of brackets (positions in the line; strings
skipped). Anything outside the shapes above (an operator beside the bracket,
two brackets competing at the top) gives None, and the caller asks black.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...immutable import immutable

LINE_LENGTH = 120
INDENT = "    "

_QUOTED = (r'"[^"\\]*(?:\\.[^"\\]*)*"', r"'[^'\\]*(?:\\.[^'\\]*)*'")
"""A one-line string literal from its quote, written as runs of plain characters between escapes (fast to match)."""
_STRING_BODY = "|".join(_QUOTED)
_SCAN = re.compile(
    rf"((?:[^\"'()\[\]{{}},:lf]+|{_STRING_BODY}|(?!(?<!\w)lambda\b|(?<!\w)for\b)[lf]|[\"'])*+)"
    r"([()\[\]{},:]|lambda|for|\Z)"
)
"""What the bracket tree is read from, as (text skipped, token) pairs: a bracket, a comma, a colon, ``lambda`` or
``for`` as words, or the end. What lies between (strings with their prefixes, a quote that opens none, any other
text) is skipped by the engine in one run, at C speed: the loop below sees only the tokens."""
_SCAN_PLAIN = re.compile(rf"((?:[^\"'()\[\]{{}},]+|{_STRING_BODY}|[\"'])*+)([()\[\]{{}},]|\Z)")
"""``_SCAN`` for a text without ``lambda`` or ``for``: its colons change nothing, so they are skipped too."""
_OPENING = "([{"
_CLOSING = ")]}"
_PAIRS = {")": "(", "]": "[", "}": "{"}

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_DOTTED = rf"{_NAME}(?:\.{_NAME})*"
_STRING = r"""(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')"""
# What may stand before the bracket that is exploded: text black splits at that bracket too.
_HEAD = re.compile(
    rf"(?:return |await |assert {_DOTTED}(?:\([^()\[\]{{}}]*\))? == )?"
    rf"(?:{_DOTTED}(?:: {_DOTTED})? = |{_NAME}: )?"
    rf"(?:{_NAME}=|{_STRING}: )?"
    rf"(?:lambda(?: {_NAME})?: )?"
    rf"(?:await )?"
    rf"(?:{_DOTTED})?"
)
_DEF_HEAD = re.compile(rf"(?:async )?def {_NAME}|class {_NAME}")
_DEF_TAIL = re.compile(r"(?: -> .*)?:")
_RETURNS = re.compile(r"\) -> (?P<hint>.+):")
_WITH_HEAD = re.compile(rf"(?:async )?with {_DOTTED}")
_WITH_TAIL = re.compile(rf" as {_NAME}:")
_ITEM_TAIL = re.compile(rf"(?: as {_NAME}| = (?:{_QUOTED[0]}|{_DOTTED}|-?[0-9][0-9_.]*))?")
"""What may follow the bracket an item is split at: ``as name`` (a ``with`` item), or a parameter's default black
has nothing to split in (``region: Literal[...] = "us-east-1"``)."""
_ATOM = re.compile(rf"(?:{_NAME}=|{_STRING}: )?(?:lambda(?: {_NAME})?: )?(?:{_STRING}|{_DOTTED}(?:\(\))?)")
_ANNOTATED = re.compile(rf"(?P<name>{_NAME}): (?P<hint>[^=]+?)(?P<default> = (?:None|{_NAME}))?")
_STRING_AT = re.compile(_STRING)
_HIDDEN = "\0"
"""What stands for a character inside brackets or strings in ``_top_level``'s view (never in code outside them)."""
_UNION = rf"(?:{_DOTTED})(?: \| (?:{_DOTTED}))+"
_ASSIGNED = re.compile(rf"(?P<head>{_NAME} = )(?P<value>.+)")
_UNSPLIT_PART = re.compile(r"lambda\b| and | or | for | if | else |, |:=")
_UNION_VALUE = re.compile(rf"(?P<head>{_NAME}(?:: {_DOTTED})? = )(?P<union>{_UNION})")
_UNION_SUBSCRIPT = re.compile(rf"(?P<head>{_NAME}: {_DOTTED}\[)(?P<union>{_UNION})\]")
_DOTTED_END = re.compile(rf"{_DOTTED}$")
_DOTTED_WHOLE = re.compile(_DOTTED)
_ATOM_VALUE = re.compile(rf"(?P<head>{_NAME}(?:: {_DOTTED})? = |{_NAME}: )(?P<value>{_QUOTED[0]}|{_DOTTED})")
_SUBSCRIPT_CALL = re.compile(rf"{_NAME}\[{_STRING}\] = {_DOTTED}")


@immutable
class _Bracket:
    opening: int
    closing: int
    items: tuple[tuple[int, int], ...]
    """(start, end) of each item between the brackets, without the commas."""
    inner: tuple[_Bracket, ...]
    """The brackets directly inside this one."""
    generator: tuple[bool, ...]
    """For each item: whether a ``for`` stands in it outside its own brackets (a comprehension)."""

    def within(self, start: int, end: int) -> list[_Bracket]:
        return [b for b in self.inner if start <= b.opening < end]


def fits(line: str) -> bool:
    """Whether black would leave ``line`` (indentation included) on one line, for sure.

    Black counts a wide character twice: a line with any non-ASCII character is
    only sure to fit if it would at two columns a character.
    """
    return len(line) <= LINE_LENGTH and (line.isascii() or 2 * len(line) <= LINE_LENGTH)


def statement(text: str, indent: int) -> list[str] | None:
    """The lines of a statement that does not fit at ``indent``, or None when black must split it."""
    annotated = _ANNOTATED.fullmatch(text)
    if annotated and annotated.group("default"):
        head = " " * indent + text[: annotated.start("default")] + " = ("
        if fits(head):  # black wraps the value rather than the type hint when all before it fits
            return [head, " " * (indent + 4) + annotated.group("default")[3:], " " * indent + ")"]
    if annotated and " | " in annotated.group("hint"):
        laid = _union_annotation(annotated, indent, "") or _union_in_subscript(text, indent)
        if laid is not None or annotated.group("default") or _top_union(annotated.group("hint")):
            return laid
        # a union only inside a subscript (``dict[str, A | B]``): black splits at the subscript, as below
    brackets = _parse(text)
    if not brackets:
        if brackets is None:
            return None
        return _union_value(text, indent) or _conditional_value(text, indent) or _wrapped_atom(text, indent)
    end = len(text)
    if _DEF_HEAD.fullmatch(text, 0, brackets[0].opening):
        params = brackets[0]  # black splits a def (or a class's bases) at its first bracket, whatever follows
        if not _DEF_TAIL.fullmatch(text, params.closing + 1):
            return None
        if not fits(" " * indent + text[: params.opening + 1]):
            return _under_long_head(text, params, indent)
        if not fits(" " * indent + text[params.closing :]):
            return _long_return(text, params, indent)
        return _explode(text, 0, end, params, indent, "")
    if len(brackets) == 2 and _SUBSCRIPT_CALL.fullmatch(text, 0, brackets[1].opening):
        return _hugged_arguments(text, brackets[1], indent)
    last = brackets[-1]  # the only one, but for the call an assert compares
    if (
        len(brackets) == 1
        and _WITH_HEAD.fullmatch(text, 0, last.opening)
        and _WITH_TAIL.fullmatch(text, last.closing + 1)
    ):
        return _explode(text, 0, end, last, indent, "")
    if last.closing + 1 != end or not _HEAD.fullmatch(text, 0, last.opening):
        return _conditional_value(text, indent)
    return _explode(text, 0, end, last, indent, "")


def item(text: str, indent: int) -> list[str] | None:
    """The lines of an item inside brackets (with its comma) that does not fit at ``indent``."""
    if not text.endswith(","):
        return None
    brackets = _parse(text)
    if brackets is None:
        return None
    return _part(text, 0, len(text) - 1, brackets, indent, ",")


def _part(text: str, start: int, end: int, brackets: list[_Bracket], indent: int, tail: str) -> list[str] | None:
    """``text[start:end]``, an item inside brackets followed by ``tail`` (its comma, or nothing).

    An item black cannot split (a name, a string or a call without arguments, maybe as a keyword argument, a
    dictionary's value or a lambda's body) stays as it is, however long.
    """
    if _ATOM.fullmatch(text, start, end):
        return [" " * indent + text[start:end] + tail]
    annotated = _ANNOTATED.fullmatch(text, start, end)
    if annotated and " | " in annotated.group("hint"):
        return _union_annotation(annotated, indent, tail)
    if len(brackets) != 1:
        return None
    bracket = brackets[0]
    if bracket.opening == start and bracket.closing == end - 1 and text[start] == "(" and len(bracket.items) == 1:
        if _one_tuple(text, bracket):  # black splits ``(x,)`` like any bracket: ``x,`` alone inside it
            return _explode(text, start, end, bracket, indent, tail)
        return _conditional(text[start:end], indent, tail)
    if not _HEAD.fullmatch(text, start, bracket.opening) or not _ITEM_TAIL.fullmatch(text, bracket.closing + 1, end):
        return None
    return _explode(text, start, end, bracket, indent, tail, long_head=True)


def _explode(
    text: str,
    start: int,
    end: int,
    bracket: _Bracket,
    indent: int,
    tail: str,
    *,
    long_head: bool = False,
) -> list[str] | None:
    """``text[start:end]`` split at ``bracket``, one item a line, each with a comma; ``tail`` ends the last line.

    A subscript with one item takes no comma: its item goes alone on the line
    between the brackets, as black puts it. With ``long_head`` (an item), the
    line that opens the bracket may stay too long: black, too, leaves a head it
    has no bracket to split at. An item of a subscript that is a union goes one operand a line.
    """
    hug = _single_subscript(text, start, bracket)
    if not hug and not _explodable(text, start, bracket):
        return None
    pad = " " * indent
    first = pad + text[start : bracket.opening + 1]
    last = pad + text[bracket.closing : end] + tail
    head_ok = fits(first) or (long_head and first.isascii() and "(" not in text[start : bracket.opening])
    if not head_ok or not fits(last):
        return None
    lines = [first]
    inner = indent + len(INDENT)
    comma = "" if hug else ","
    subscript = text[bracket.opening] == "[" and _DOTTED_END.search(text, start, bracket.opening) is not None
    for item_start, item_end in bracket.items:
        line = " " * inner + text[item_start:item_end] + comma
        if fits(line):
            lines.append(line)
            continue
        union = _union_lines(text[item_start:item_end], inner, comma) if subscript else None
        if union is not None:
            lines.extend(union)
            continue
        nested = _part(text, item_start, item_end, bracket.within(item_start, item_end), inner, comma)
        if nested is None:
            return None
        lines.extend(nested)
    lines.append(last)
    return lines


def _single_subscript(text: str, start: int, bracket: _Bracket) -> bool:
    if text[bracket.opening] != "[" or len(bracket.items) != 1:
        return False
    return bool(_DOTTED_END.search(text, start, bracket.opening))


def _explodable(text: str, start: int, bracket: _Bracket) -> bool:
    """Whether a trailing comma in this bracket is one black keeps exploded (and is valid Python)."""
    count = len(bracket.items)
    if count == 0 or any(bracket.generator):
        return False  # nothing to explode, or a comprehension (its commas are no items; a comma after it is wrong)
    before = text[start : bracket.opening].rstrip()
    trailer = bool(before) and (before[-1].isalnum() or before[-1] in "_)]\"'") and not before.endswith(" in")
    kind = text[bracket.opening]
    if kind == "(" and not trailer:
        return count > 1 or _one_tuple(text, bracket)  # a one-tuple, but not a parenthesised expression
    if kind == "[" and trailer:
        return count > 1  # a subscript with one item takes no magic comma
    return True


def _one_tuple(text: str, bracket: _Bracket) -> bool:
    """Whether the bracket's only item is followed by a comma: ``(x,)``, a tuple of one.

    Black does not keep such a comma exploded, but splits the tuple the same way
    when it does not fit, so it only ever stands exploded in a line too long.
    """
    return len(bracket.items) == 1 and text[bracket.items[0][1] : bracket.closing].strip() == ","


@dataclass(slots=True)
class _Frame:
    """A bracket being read: what is known of it so far."""

    opening: int
    item_start: int
    items: list[tuple[int, int]] = field(default_factory=list)
    inner: list[_Bracket] = field(default_factory=list)
    generators: list[bool] = field(default_factory=list)
    bare_for: bool = False
    """The current item has a ``for`` of its own (outside inner brackets)."""
    in_lambda: bool = False
    """Between ``lambda`` and its colon: commas there separate parameters, not items."""

    def end_item(self, text: str, position: int) -> None:
        self.items.append(_stripped(text, self.item_start, position))
        self.generators.append(self.bare_for)
        self.item_start, self.bare_for = position + 1, False


def _parse(text: str) -> list[_Bracket] | None:
    """The brackets at the top level of ``text``, each with its items and inner brackets; None if unbalanced."""
    top: list[_Bracket] = []
    stack: list[_Frame] = []
    position = 0
    scan = _SCAN if "lambda" in text or "for" in text else _SCAN_PLAIN
    for skipped, token in scan.findall(text):
        position += len(skipped)
        if not token:
            break  # the end
        if token in _OPENING:
            stack.append(_Frame(position, position + 1))
        elif token in _CLOSING:
            if not stack or text[stack[-1].opening] != _PAIRS[token]:
                return None
            frame = stack.pop()
            if text[frame.item_start : position].strip():
                frame.end_item(text, position)
            bracket = _Bracket(frame.opening, position, tuple(frame.items), tuple(frame.inner), tuple(frame.generators))
            (stack[-1].inner if stack else top).append(bracket)
        elif not stack:
            pass
        elif token == "lambda":
            stack[-1].in_lambda = True
        elif token == ":":
            stack[-1].in_lambda = False
        elif token == "for":
            stack[-1].bare_for = True
        elif not stack[-1].in_lambda:  # a comma
            stack[-1].end_item(text, position)
        position += len(token)
    return None if stack else top


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


# ------------------------------------------------------------------ shapes black writes itself


def _union_annotation(annotated: re.Match[str], indent: int, tail: str) -> list[str] | None:
    """``name: A | B = default`` as black splits a long type hint: in parentheses, one ``|`` a line if need be."""
    operands = _top_union(annotated.group("hint"))
    if operands is None:
        return None  # no union at the top (one inside a subscript is split at the subscript)
    pad = " " * indent
    inner = " " * (indent + 4)
    lines = [f"{pad}{annotated.group('name')}: ("]
    flat = inner + " | ".join(operands)
    if fits(flat):
        lines.append(flat)
    else:
        for number, operand in enumerate(operands):
            text = ("| " if number else "") + operand
            if fits(inner + text) or _DOTTED_WHOLE.fullmatch(operand):  # a name black cannot split stays, however long
                lines.append(inner + text)
                continue
            brackets = _parse(text)
            if not brackets or len(brackets) != 1 or brackets[0].closing != len(text) - 1:
                return None
            exploded = _explode(text, 0, len(text), brackets[0], indent + 4, "")
            if exploded is None:
                return None
            lines.extend(exploded)
    lines.append(f"{pad}){annotated.group('default') or ''}{tail}")
    return lines if fits(lines[-1]) and fits(lines[0]) else None


def _conditional(body: str, indent: int, tail: str) -> list[str] | None:
    """``(a if b else c)`` split as black splits it: one part a line inside the parentheses."""
    parts = _if_else(body[1:-1])
    if parts is None:
        return None
    pad = " " * indent
    lines = [f"{pad}(", *_if_else_lines(parts, indent + 4), f"{pad}){tail}"]
    return lines if all(fits(line) for line in lines) else None


def _if_else(text: str) -> tuple[str, str, str] | None:
    """The value, the condition and the alternative of ``text``, a conditional expression (cut outside brackets and
    strings), or None when it is not one."""
    value = _split_top(text, " if ")
    rest = _split_top(value[1], " else ") if value is not None and len(value) == 2 else None
    if value is None or rest is None or len(rest) != 2:
        return None
    return value[0], rest[0], rest[1]


def _if_else_lines(parts: tuple[str, str, str], indent: int) -> list[str]:
    """A conditional expression's parts, one a line at ``indent``, as black writes them inside brackets."""
    inner = " " * indent
    return [inner + parts[0], f"{inner}if {parts[1]}", f"{inner}else {parts[2]}"]


def _split_top(text: str, separator: str) -> list[str] | None:
    """``text`` cut at each ``separator`` outside brackets and strings; None if a part is empty."""
    seen = _top_level(text)
    if seen is None:
        return None
    parts: list[str] = []
    start = 0
    for piece in seen.split(separator):
        parts.append(text[start : start + len(piece)].strip())
        start += len(piece) + len(separator)
    return parts if all(parts) else None


def _top_level(text: str) -> str | None:
    """``text`` as it stands outside brackets and strings, character for character: the brackets and what they
    hold hidden (``_HIDDEN``), each string as ``""`` around hidden characters; None when a string is not closed."""
    seen: list[str] = []
    depth = 0
    position = 0
    while position < len(text):
        char = text[position]
        if char in "\"'":
            string = _STRING_AT.match(text, position)
            if string is None:
                return None
            seen.append('"' + _HIDDEN * (string.end() - position - 2) + '"')
            position = string.end()
            continue
        if char in _OPENING or char in _CLOSING:
            depth += 1 if char in _OPENING else -1
            seen.append(_HIDDEN)
        else:
            seen.append(char if depth == 0 else _HIDDEN)
        position += 1
    return "".join(seen)


def _union_value(text: str, indent: int) -> list[str] | None:
    """``Alias: TypeAlias = A | B | C`` as black splits it: the value in parentheses, one ``|`` a line if need be."""
    match = _UNION_VALUE.fullmatch(text)
    return None if match is None else _union_body(match, indent, "(", ")")


def _union_in_subscript(text: str, indent: int) -> list[str] | None:
    """``name: list[A | B | C]`` as black splits it: at the subscript, one ``|`` a line if need be."""
    match = _UNION_SUBSCRIPT.fullmatch(text)
    return None if match is None else _union_body(match, indent, "", "]")


def _union_body(match: re.Match[str], indent: int, opening: str, closing: str) -> list[str] | None:
    pad, inner = " " * indent, " " * (indent + 4)
    head = pad + match.group("head") + opening
    if not fits(head):
        return None
    flat = inner + match.group("union")
    if fits(flat):
        return [head, flat, pad + closing]
    lines = _union_lines(match.group("union"), indent + 4, "")
    return None if lines is None else [head, *lines, pad + closing]


def _top_union(text: str) -> list[str] | None:
    """The operands of ``text`` when it is a union at the top (``A | B[C] | None``), each written without a blank
    or another ``|`` outside its brackets (an operator binding less tightly, ``or`` or ``if``, would be split
    first); else None."""
    operands = _split_top(text, " | ")
    if operands is None or len(operands) < 2:
        return None
    for operand in operands:
        outside = _outside_brackets(operand)
        if " " in outside or "|" in outside:
            return None
    return operands


def _union_lines(union: str, indent: int, tail: str) -> list[str] | None:
    """``A | B | C`` (then ``tail``) one operand a line at ``indent``, as black splits a union inside brackets;
    None when it is no union or an operand that does not fit has brackets black would split too."""
    operands = _top_union(union)
    if operands is None:
        return None
    pad = " " * indent
    lines = [pad + operands[0], *(f"{pad}| {operand}" for operand in operands[1:])]
    if not all(fits(line) or _DOTTED_WHOLE.fullmatch(operand) for line, operand in zip(lines, operands, strict=True)):
        return None
    lines[-1] += tail
    return lines if fits(lines[-1]) or _DOTTED_WHOLE.fullmatch(operands[-1]) else None


def _wrapped_atom(text: str, indent: int) -> list[str] | None:
    """``NAME = "text"`` or ``name: Type`` too long, as black writes it: the value in parentheses when it fits
    there, else (a string or a plain name set or declared without a type hint's value) the line as it is: black
    has nothing to split it at. None otherwise, or when the line up to the parenthesis does not fit (black may
    split a type hint before it, or wrap a dotted name however long)."""
    match = _ATOM_VALUE.fullmatch(text)
    if match is None:
        return None
    head = " " * indent + match.group("head") + "("
    if not fits(head) or (head.endswith(": (") and match.group("value").startswith('"')):
        return None  # a string as a type hint: not a shape compared with black
    value = " " * (indent + 4) + match.group("value")
    if fits(value):
        return [head, value, " " * indent + ")"]
    annotated_value = ": " in match.group("head") and match.group("head").endswith(" = ")
    dotted = "." in match.group("value") and not match.group("value").startswith(("'", '"'))
    return None if annotated_value or dotted else [" " * indent + text]


def _under_long_head(text: str, params: _Bracket, indent: int) -> list[str] | None:
    """A ``def`` or ``class`` whose line up to its bracket does not fit, as black writes it: that line as it is,
    then the bracket's items on one line when they fit there, else one a line with commas. A ``def``'s one
    parameter takes a comma (which keeps it exploded) when it holds none of its own; a parameter whose type hint, a
    union, does not fit its line is split as under any other head (``select: (list[...] | None) = None``). None
    when an item does not fit its line otherwise (black would split it its own way)."""
    if not params.items or any(params.generator):
        return None
    pad, inner = " " * indent, " " * (indent + 4)
    first, last = pad + text[: params.opening + 1], pad + text[params.closing :]
    items = [text[start:end] for start, end in params.items]
    joined = inner + ", ".join(items)
    magic = bool(text[params.items[-1][1] : params.closing].strip())
    if text.startswith("class ") or len(items) > 1:
        if fits(joined) and not magic:
            return [first, joined, last] if fits(last) else None
        if len(items) == 1:
            return None  # one base that does not fit alone: black leaves it without a comma
    elif "," in items[0]:
        return None  # black adds no comma to a parameter that holds one
    lines = [first]
    for (start, end), item in zip(params.items, items, strict=True):
        line = f"{inner}{item},"
        annotated = None if fits(line) else _ANNOTATED.fullmatch(text, start, end)
        nested = [line] if annotated is None else _union_annotation(annotated, indent + 4, ",")
        if nested is None or not all(fits(nested_line) for nested_line in nested):
            return None
        lines.extend(nested)
    return [*lines, last] if fits(last) else None


def _long_return(text: str, params: _Bracket, indent: int) -> list[str] | None:
    """A ``def`` whose return type, a union, does not fit after its parameters, as black writes it: the parameters
    one a line, the union in parentheses, on one line when it fits there, else one ``|`` a line (Microsoft Graph's
    operations that return any of its 400 entities)."""
    returns = _RETURNS.fullmatch(text, params.closing)
    if returns is None:
        return None
    lines = _explode(text, 0, params.closing + 1, params, indent, " -> (")
    pad, inner = " " * indent, " " * (indent + 4)
    flat = inner + returns.group("hint")
    union = (
        [flat]
        if fits(flat) and _top_union(returns.group("hint"))
        else _union_lines(returns.group("hint"), indent + 4, "")
    )
    if lines is None or union is None:
        return None
    return [*lines, *union, pad + "):"]


def _conditional_value(text: str, indent: int) -> list[str] | None:
    """``name = a if b else c`` as black splits it: the value in parentheses, one part a line if need be.

    Only parts without a lower operator of their own (``lambda``, ``and``/``or``,
    another conditional, a comma) outside their brackets: black would split those too.
    """
    match = _ASSIGNED.fullmatch(text)
    parts = _if_else(match.group("value")) if match else None
    if match is None or parts is None:
        return None
    if any(_UNSPLIT_PART.search(_outside_brackets(part)) for part in parts):
        return None
    pad = " " * indent
    head = pad + match.group("head") + "("
    flat = " " * (indent + 4) + match.group("value")
    body = [flat] if fits(flat) else _if_else_lines(parts, indent + 4)
    lines = [head, *body, pad + ")"]
    return lines if all(fits(line) for line in lines) else None


def _outside_brackets(text: str) -> str:
    """``text`` with what stands inside brackets and strings left out (a string of a part ``_split_top`` cut, so
    closed, stays as ``""``)."""
    return (_top_level(text) or "").replace(_HIDDEN, "")


def _hugged_arguments(text: str, call: _Bracket, indent: int) -> list[str] | None:
    """``table["key"] = f(a, b=c)`` as black splits it: at the call, its arguments on one line if they fit there,
    else one a line with a comma; None when an argument does not fit alone (black would split it its own way).

    Black's own layout, not a fixed point of this module's: the arguments were never
    written exploded, so black joins them again when they fit.
    """
    if call.closing != len(text) - 1 or not call.items or any(call.generator):
        return None
    if text[call.items[-1][1] : call.closing].strip():
        return None  # a trailing comma of the code's own
    pad, inner = " " * indent, " " * (indent + len(INDENT))
    joined = inner + text[call.opening + 1 : call.closing].strip()
    arguments = [joined] if fits(joined) else [f"{inner}{text[start:end]}," for start, end in call.items]
    lines = [pad + text[: call.opening + 1], *arguments, pad + ")"]
    return lines if all(fits(line) for line in lines) else None
