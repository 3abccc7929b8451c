"""What the generator and the clients do with a spec's ``pattern``: one policy for every style.

A pattern is ECMA-262 text from a document, so it is treated as hostile. The
generator evaluates patterns only with RE2 (``re2``), which runs in linear time;
the generated clients stay free of dependencies and check patterns with their
own backtracking engines (Python ``re``, JavaScript ``RegExp``). Each pattern is
classified once:

- ``unsupported``: RE2 cannot take it (lookaround, a backreference, an invalid
  or oversized pattern), or the Python client's engine cannot compile it. The
  generator never evaluates it and the clients do not check it.
- ``backtracking``: RE2 takes it, but a backtracking engine can take
  exponential time on it: a repeated group whose iterations can split one
  text in several ways (``(a+)+``, ``(\\s*\\w+)*``, ``(a|ab)+``). The generator
  evaluates it with RE2; the clients do not check it.
- ``checked``: the clients check it as before; the generator evaluates it with RE2.

``translate`` turns ECMA-262 syntax into RE2 syntax (``.``, ``\\d``, ``\\s``,
``\\w`` and ``$`` with JavaScript's meaning, ``\\uXXXX``, identity escapes such as
``\\/``) and finds what RE2 cannot express; ``analyse`` works on the same parse.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from .immutable import immutable

Kind = Literal["checked", "backtracking", "unsupported"]
MAX_PATTERN = 4096
"""Characters of a pattern the generator reads at all; a longer one is ``unsupported``."""
_MAX_RE2_MEMORY = 8 << 20
_TOP = 0x10FFFF
_BRACES = re.compile(r"\{(\d+)(?:(,)(\d*))?\}")
"""A ``{n}``, ``{n,}`` or ``{n,m}`` quantifier (any other ``{`` is a literal brace, as JavaScript reads it)."""
_PYTHON_END = re.compile(r"(\\.|\[(?:\\.|[^\]\\])*\])|\$")
"""The Python client's own translation (``$`` becomes ``\\Z``), to know whether its ``re`` compiles a pattern."""


class UnsupportedPatternError(Exception):
    """The pattern is not valid ECMA-262, or uses what RE2 cannot express."""


@immutable
class Verdict:
    kind: Kind
    reason: str = ""
    """Why the clients do not check the pattern (empty when they do)."""

    @property
    def client_checks(self) -> bool:
        return self.kind == "checked"


# ---------------------------------------------------------------------------- character sets


@immutable
class CharSet:
    """Code points as sorted, disjoint, non-adjacent inclusive ranges."""

    ranges: tuple[tuple[int, int], ...]

    @staticmethod
    def of(*ranges: tuple[int, int]) -> CharSet:
        merged: list[tuple[int, int]] = []
        for low, high in sorted(r for r in ranges if r[0] <= r[1]):
            if merged and low <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], high))
            else:
                merged.append((low, high))
        return CharSet(tuple(merged))

    def __or__(self, other: CharSet) -> CharSet:
        return CharSet.of(*self.ranges, *other.ranges)

    def invert(self) -> CharSet:
        result: list[tuple[int, int]] = []
        start = 0
        for low, high in self.ranges:
            if low > start:
                result.append((start, low - 1))
            start = high + 1
        if start <= _TOP:
            result.append((start, _TOP))
        return CharSet(tuple(result))

    def overlaps(self, other: CharSet) -> bool:
        return any(a <= d and c <= b for a, b in self.ranges for c, d in other.ranges)

    def re2(self) -> str:
        """An RE2 class for this set (an empty set is a class nothing matches)."""
        if not self.ranges:
            return rf"[^\x00-\x{{{_TOP:x}}}]"
        body = "".join(rf"\x{{{a:x}}}" if a == b else rf"\x{{{a:x}}}-\x{{{b:x}}}" for a, b in self.ranges)
        return f"[{body}]"


EMPTY = CharSet(())
_DIGITS = CharSet.of((0x30, 0x39))
_WORD = CharSet.of((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))
_SPACE = CharSet.of(
    *((c, c) for c in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)),
    (0x2000, 0x200A),
    (0xFEFF, 0xFEFF),
)
"""JavaScript's ``\\s``: white space and line terminators."""
_DOT = CharSet.of((0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)).invert()
"""JavaScript's ``.`` without the ``s`` flag: anything but a line terminator."""
_CLASS_ESCAPES = {
    "d": _DIGITS,
    "D": _DIGITS.invert(),
    "w": _WORD,
    "W": _WORD.invert(),
    "s": _SPACE,
    "S": _SPACE.invert(),
}
_CONTROL = {"t": 0x09, "n": 0x0A, "v": 0x0B, "f": 0x0C, "r": 0x0D}


def _single(code: int) -> CharSet:
    return CharSet.of((code, code))


# ---------------------------------------------------------------------------- parse tree facts


@dataclass(slots=True)
class _Node:
    """What the backtracking analysis needs to know of a piece of pattern, and its RE2 text."""

    text: str
    first: CharSet = EMPTY
    """Characters a match can start with."""
    nullable: bool = True
    tail: CharSet = EMPTY
    """Characters a variable repetition at the end of a match could still absorb."""
    risky: list[str] = field(default_factory=list)
    overlapping: bool = False
    """It holds a choice between alternatives that can start alike (or both match nothing)."""


def _atom(text: str, chars: CharSet) -> _Node:
    return _Node(text, first=chars, nullable=False)


def _sequence(items: list[_Node]) -> _Node:
    node = _Node("".join(i.text for i in items), overlapping=any(i.overlapping for i in items))
    for item in items:
        node.risky += item.risky
    first = EMPTY
    for item in items:
        first |= item.first
        if not item.nullable:
            node.nullable = False
            break
    tail = EMPTY
    for item in reversed(items):
        tail |= item.tail
        if not item.nullable:
            break
        tail |= item.first  # what this optional item can start with also follows the items before it
    node.first, node.tail = first, tail
    return node


def _alternation(branches: list[_Node]) -> _Node:
    node = _Node("|".join(b.text for b in branches), nullable=any(b.nullable for b in branches))
    for branch in branches:
        node.first |= branch.first
        node.tail |= branch.tail
        node.risky += branch.risky
        node.overlapping = node.overlapping or branch.overlapping
    node.overlapping = node.overlapping or any(
        a.first.overlaps(b.first) or (a.nullable and b.nullable)
        for i, a in enumerate(branches)
        for b in branches[i + 1 :]
    )
    return node


def _repeat(body: _Node, low: int, high: int | None, suffix: str) -> _Node:
    quantifier = {(0, None): "*", (1, None): "+", (0, 1): "?"}.get((low, high))
    if quantifier is None:
        quantifier = f"{{{low},}}" if high is None else f"{{{low}}}" if low == high else f"{{{low},{high}}}"
    node = _Node(f"(?:{body.text}){quantifier}{suffix}", first=body.first, nullable=low == 0 or body.nullable)
    node.risky = list(body.risky)
    node.overlapping = body.overlapping
    variable = high is None or high > low
    node.tail = body.tail | (body.first if variable else EMPTY)
    if high is None or high > 1:
        if body.tail.overlaps(body.first):
            node.risky.append("a repeated group whose iterations can split the same text in several ways")
        elif body.overlapping:
            node.risky.append("a repeated choice between alternatives that can start alike")
    return node


_SIMPLE_QUANTIFIERS: dict[str, tuple[int, int | None]] = {"*": (0, None), "+": (1, None), "?": (0, 1)}


def quantifier(text: str, pos: int) -> tuple[int, int | None, int] | None:
    """The bounds of the quantifier at ``pos`` (``*``, ``+``, ``?``, ``{n}``, ``{n,}``, ``{n,m}``) and where it
    ends, as (least, most or None for no limit, end), or None where none stands; ECMA-262 and RE2 write them alike."""
    simple = _SIMPLE_QUANTIFIERS.get(text[pos : pos + 1])
    if simple is not None:
        return (*simple, pos + 1)
    braces = _BRACES.match(text, pos)
    if braces is None:
        return None
    low = int(braces[1])
    high = low if braces[2] is None else (int(braces[3]) if braces[3] else None)
    return low, high, braces.end()


# ---------------------------------------------------------------------------- the parser


class _Parser:
    """ECMA-262 pattern syntax (as ``new RegExp(p, "u")``, with the non-unicode escapes JavaScript also takes)."""

    def __init__(self, pattern: str) -> None:
        self.src = pattern
        self.pos = 0

    def parse(self) -> _Node:
        node = self._disjunction()
        if self.pos < len(self.src):
            raise UnsupportedPatternError(f"unbalanced `)` at offset {self.pos}")
        return node

    def _peek(self, ahead: int = 0) -> str:
        index = self.pos + ahead
        return self.src[index] if index < len(self.src) else ""

    def _disjunction(self) -> _Node:
        branches = [self._alternative()]
        while self._peek() == "|":
            self.pos += 1
            branches.append(self._alternative())
        return branches[0] if len(branches) == 1 else _alternation(branches)

    def _alternative(self) -> _Node:
        items: list[_Node] = []
        while self._peek() not in ("", "|", ")"):
            items.append(self._term())
        return _sequence(items)

    def _term(self) -> _Node:
        char = self._peek()
        if char in "^$":
            self.pos += 1
            return _Node(char)  # RE2 without (?m): start and end of the text, as in JavaScript
        if char == "\\" and self._peek(1) in ("b", "B"):  # "" is in every string: a final backslash is no \b
            self.pos += 2
            return _Node("\\" + self.src[self.pos - 1])
        atom = self._atom()
        bounds = quantifier(self.src, self.pos)
        if bounds is None:
            return atom
        low, high, self.pos = bounds
        if high is not None and high < low:
            raise UnsupportedPatternError("numbers out of order in a `{}` quantifier")
        suffix = ""
        if self._peek() == "?":
            self.pos += 1
            suffix = "?"
        return _repeat(atom, low, high, suffix)

    def _atom(self) -> _Node:
        char = self._peek()
        if char == "(":
            return self._group()
        if quantifier(self.src, self.pos) is not None:
            raise UnsupportedPatternError(f"nothing to repeat at offset {self.pos}")
        if char == "[":
            chars = self._class()
        elif char == ".":
            self.pos += 1
            chars = _DOT
        elif char == "\\":
            chars = self._escape()
        else:
            self.pos += 1
            chars = _single(ord(char))
        single = len(chars.ranges) == 1 and chars.ranges[0][0] == chars.ranges[0][1]
        return _atom(_literal(chars) if single else chars.re2(), chars)

    def _group(self) -> _Node:
        self.pos += 1
        head = self.src[self.pos : self.pos + 4]
        if head.startswith(("?=", "?!")):
            raise UnsupportedPatternError("RE2 cannot take lookahead")
        if head.startswith(("?<=", "?<!")):
            raise UnsupportedPatternError("RE2 cannot take lookbehind")
        if head.startswith("?:"):
            self.pos += 2
        elif head.startswith("?<"):
            end = self.src.find(">", self.pos)
            if end < 0:
                raise UnsupportedPatternError("unterminated group name")
            self.pos = end + 1
        elif head.startswith("?"):
            raise UnsupportedPatternError(f"unknown group syntax `({head}` ")
        inner = self._disjunction()
        if self._peek() != ")":
            raise UnsupportedPatternError("missing `)`")
        self.pos += 1
        return _Node(f"({inner.text})", inner.first, inner.nullable, inner.tail, inner.risky, inner.overlapping)

    def _class(self) -> CharSet:
        self.pos += 1
        negated = self._peek() == "^"
        if negated:
            self.pos += 1
        chars = EMPTY
        while self._peek() != "]":
            if self._peek() == "":
                raise UnsupportedPatternError("missing `]`")
            low = self._class_atom()
            if self._peek() == "-" and self._peek(1) not in ("]", ""):
                self.pos += 1
                high = self._class_atom()
                if len(low.ranges) != 1 or len(high.ranges) != 1 or low.ranges[0][0] != low.ranges[0][1]:
                    raise UnsupportedPatternError("a class escape as a range bound")
                if high.ranges[0][0] != high.ranges[0][1] or high.ranges[0][0] < low.ranges[0][0]:
                    raise UnsupportedPatternError("a character range out of order")
                chars |= CharSet.of((low.ranges[0][0], high.ranges[0][0]))
            else:
                chars |= low
        self.pos += 1
        return chars.invert() if negated else chars

    def _class_atom(self) -> CharSet:
        if self._peek() == "\\":
            if self._peek(1) == "b":
                self.pos += 2
                return _single(0x08)
            return self._escape()
        self.pos += 1
        return _single(ord(self.src[self.pos - 1]))

    def _escape(self) -> CharSet:
        self.pos += 1
        char = self._peek()
        if char == "":
            raise UnsupportedPatternError("a `\\` at the end of the pattern")
        self.pos += 1
        if char in _CLASS_ESCAPES:
            return _CLASS_ESCAPES[char]
        if char in _CONTROL:
            return _single(_CONTROL[char])
        if char.isdigit():
            if char == "0" and not self._peek().isdigit():
                return _single(0)
            raise UnsupportedPatternError("RE2 cannot take a backreference")
        if char == "k" and self._peek() == "<":
            raise UnsupportedPatternError("RE2 cannot take a backreference")
        if char == "c" and self._peek().isascii() and self._peek().isalpha():
            self.pos += 1
            return _single(ord(self.src[self.pos - 1]) % 32)
        if char == "x":
            return _single(self._hex(2))
        if char == "u":
            return _single(self._unicode())
        if char in "pP" and self._peek() == "{":
            end = self.src.find("}", self.pos)
            if end < 0:
                raise UnsupportedPatternError("unterminated `\\p{`")
            name = self.src[self.pos + 1 : end]
            self.pos = end + 1
            raise _PropertyError(char, name)
        return _single(ord(char))  # an identity escape: `\/`, `\-`, `\.`

    def _hex(self, digits: int) -> int:
        text = self.src[self.pos : self.pos + digits]
        if len(text) != digits or any(c not in "0123456789abcdefABCDEF" for c in text):
            raise UnsupportedPatternError("a malformed hexadecimal escape")
        self.pos += digits
        return int(text, 16)

    def _unicode(self) -> int:
        if self._peek() == "{":
            end = self.src.find("}", self.pos)
            text = self.src[self.pos + 1 : end] if end > 0 else ""
            if not text or len(text) > 6 or any(c not in "0123456789abcdefABCDEF" for c in text):
                raise UnsupportedPatternError("a malformed `\\u{...}` escape")
            self.pos = end + 1
            code = int(text, 16)
        else:
            code = self._hex(4)
            if 0xD800 <= code <= 0xDBFF and self.src.startswith("\\u", self.pos):
                saved = self.pos
                self.pos += 2
                low = self._hex(4)
                if 0xDC00 <= low <= 0xDFFF:
                    return 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                self.pos = saved
        if code > _TOP or 0xD800 <= code <= 0xDFFF:
            raise UnsupportedPatternError("a lone surrogate or a code point out of range")
        return code


class _PropertyError(UnsupportedPatternError):
    """``\\p{...}``: a Unicode property, which the clients' engines do not all know."""

    def __init__(self, sign: str, name: str) -> None:
        super().__init__(f"the Python client cannot check the Unicode property `\\{sign}{{{name}}}`")


def _literal(chars: CharSet) -> str:
    code = chars.ranges[0][0]
    char = chr(code)
    if char.isascii() and char.isalnum():
        return char
    return rf"\x{{{code:x}}}"


# ---------------------------------------------------------------------------- the policy


@functools.lru_cache(maxsize=1024)
def translate(pattern: str) -> str:
    """The ECMA-262 ``pattern`` in RE2 syntax; ``UnsupportedPatternError`` if RE2 cannot express it."""
    return _parse(pattern).text


def _parse(pattern: str) -> _Node:
    if len(pattern) > MAX_PATTERN:
        raise UnsupportedPatternError(f"the pattern is longer than {MAX_PATTERN} characters")
    try:
        return _Parser(pattern).parse()
    except RecursionError:
        raise UnsupportedPatternError("groups nest too deeply") from None


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str) -> object | None:
    try:
        return _re2(translate(pattern))
    except UnsupportedPatternError:
        return None


@functools.lru_cache(maxsize=1024)
def classify(pattern: str) -> Verdict:
    """How the generator and the clients treat ``pattern`` (see the module's docstring)."""
    try:
        tree = _parse(pattern)
    except UnsupportedPatternError as error:
        return Verdict("unsupported", str(error))
    if _compiled(pattern) is None:
        return Verdict("unsupported", "RE2 cannot compile it (too large, or a repetition count above 1000)")
    try:
        re.compile(_PYTHON_END.sub(lambda m: m.group(1) or r"\Z", pattern))
    except (re.error, OverflowError, RecursionError) as error:
        return Verdict("unsupported", f"Python's re cannot compile it ({error})")
    if tree.risky:
        return Verdict("backtracking", f"backtracking engines can take exponential time on it: {tree.risky[0]}")
    return Verdict("checked")


def client_pattern(pattern: str | None) -> str | None:
    """``pattern`` if the generated clients check it, else None."""
    return pattern if pattern is not None and classify(pattern).client_checks else None


def search(pattern: str, text: str) -> bool | None:
    """Whether ``text`` contains a match of ECMA-262 ``pattern``, in linear time; None if RE2 cannot take it."""
    compiled = _compiled(pattern)
    return None if compiled is None else compiled.search(text) is not None  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- I-Regexp (RFC 9485), for JSONPath


def iregexp(pattern: str, *, whole: bool) -> object | None:
    """An RE2 program for the I-Regexp ``pattern`` (whole-text for ``match``), or None if RE2 cannot take it.

    I-Regexp has no anchors (``^`` and ``$`` are characters) and its ``.`` is
    anything but a line feed or carriage return; the rest is RE2 syntax as written.
    """
    if len(pattern) > MAX_PATTERN:
        return None
    return _iregexp(pattern, whole)


@functools.lru_cache(maxsize=256)
def _iregexp(pattern: str, whole: bool) -> object | None:
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]" or out[-1] in ("[", "[^")
        elif char == "[":
            in_class = True
            if pattern.startswith("[^", index):
                out.append("[^")
                index += 2
                continue
        elif char == ".":
            char = r"[^\n\r]"
        elif char in "^$":
            char = "\\" + char
        out.append(char)
        index += 1
    text = "".join(out)
    return _re2(rf"\A(?:{text})\z" if whole else text)


def _re2(text: str) -> object | None:
    import re2  # type: ignore[import-untyped]  # imported only for a document with patterns

    options = re2.Options()
    options.log_errors = False
    options.max_mem = _MAX_RE2_MEMORY
    try:
        compiled: object = re2.compile(text, options)
    except re2.error:
        return None
    return compiled


# ---------------------------------------------------------------------------- the validator's engine


class LinearRegex:
    """openapi-schema-validator's ECMA-262 engine interface (``regress.Regex``), run by RE2.

    The validator checks ``default`` values against their schema's ``pattern``; with
    this engine it does so in linear time. A pattern RE2 cannot take is not evaluated:
    every text is taken as matching it, as the clients do not check it either.
    """

    def __init__(self, pattern: str) -> None:
        re.compile(pattern)  # a pattern is invalid where it was without an ECMA engine: re.error
        self.pattern = pattern

    def find(self, text: str) -> bool | None:
        return True if search(self.pattern, text) is not False else None


def use_re2_in_validator() -> None:
    """Make openapi-schema-validator evaluate ``pattern`` with ``LinearRegex`` in this process and its forks."""
    from openapi_schema_validator import _regex

    _regex._REGEX_CLASS = LinearRegex
    _regex._REGRESS_ERROR = re.error
