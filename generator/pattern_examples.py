"""A text that matches a spec's ``pattern``, for examples and test values no fixed shape fits.

Read from the RE2 text ``patterns.translate`` makes of the ECMA-262 pattern, a
small regular syntax: literals (alphanumerics and ``\\x{...}``), classes of
``\\x{...}`` ranges, groups, alternation, quantifiers and the anchors. Each part
gives its shortest text; a repetition takes more iterations where a
``minLength`` asks for a longer text. The result is checked against the pattern
with RE2 (``patterns.search``) and the length bounds, so a text that does not
match is never returned: anything this reading gets wrong gives None.
"""

from __future__ import annotations

import re

from .immutable import immutable
from .patterns import UnsupportedPatternError, quantifier, search, translate
from .value_limits import MAX_VALUE_SIZE

_HEX = re.compile(r"\\x\{([0-9a-f]+)\}")
_PREFERRED = ((0x61, 0x7A), (0x41, 0x5A), (0x30, 0x39), (0x21, 0x7E), (0x20, 0x20))
"""Where a character of a class is taken from, in this order: letters, digits, printable ASCII."""


class _UnreadableError(Exception):
    """The RE2 text holds something this reading does not know, or the text would be too long."""


@immutable
class _Text:
    value: str

    @property
    def shortest(self) -> int:
        return len(self.value)

    def text(self, extra: int) -> str:
        return self.value


@immutable
class _Sequence:
    items: tuple[_Part, ...]

    @property
    def shortest(self) -> int:
        return sum(item.shortest for item in self.items)

    def text(self, extra: int) -> str:
        out: list[str] = []
        for item in self.items:
            piece = item.text(extra)
            extra = max(0, extra - (len(piece) - item.shortest))
            out.append(piece)
        return _bounded("".join(out))


@immutable
class _Choice:
    branches: tuple[_Part, ...]

    @property
    def shortest(self) -> int:
        return min(branch.shortest for branch in self.branches)

    def text(self, extra: int) -> str:
        """The first branch long enough, else the longest."""
        want = self.shortest + extra
        texts = [branch.text(max(0, want - branch.shortest)) for branch in self.branches]
        return next((t for t in texts if len(t) >= want), max(texts, key=len))


@immutable
class _Repeat:
    body: _Part
    low: int
    high: int | None

    @property
    def shortest(self) -> int:
        return self.body.shortest * self.low

    def text(self, extra: int) -> str:
        unit = self.body.text(0)
        count = self.low
        if extra and unit:
            count += -(-extra // len(unit))
            count = count if self.high is None else min(count, self.high)
        if count and len(unit) * count > MAX_VALUE_SIZE:
            raise _UnreadableError("too long")
        if count == 0:
            return ""
        grown = extra - len(unit) * (count - self.low)
        return _bounded(unit * (count - 1) + self.body.text(max(0, grown)))


_Part = _Text | _Sequence | _Choice | _Repeat


def _bounded(text: str) -> str:
    if len(text) > MAX_VALUE_SIZE:
        raise _UnreadableError("too long")
    return text


class _Reader:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0

    def read(self) -> _Part:
        part = self._choice()
        if self.pos != len(self.src):
            raise _UnreadableError(f"unexpected {self.src[self.pos]!r}")
        return part

    def _peek(self) -> str:
        return self.src[self.pos] if self.pos < len(self.src) else ""

    def _choice(self) -> _Part:
        branches = [self._sequence()]
        while self._peek() == "|":
            self.pos += 1
            branches.append(self._sequence())
        return branches[0] if len(branches) == 1 else _Choice(tuple(branches))

    def _sequence(self) -> _Part:
        items: list[_Part] = []
        while self._peek() not in ("", "|", ")"):
            items.append(self._term())
        return _Sequence(tuple(items))

    def _term(self) -> _Part:
        atom = self._atom()
        bounds = quantifier(self.src, self.pos)
        if bounds is None:
            return atom
        low, high, self.pos = bounds
        if self._peek() == "?":  # lazy: the same texts match
            self.pos += 1
        return _Repeat(atom, low, high)

    def _atom(self) -> _Part:
        char = self._peek()
        if char == "(":
            self.pos += 3 if self.src.startswith("(?:", self.pos) else 1
            inner = self._choice()
            if self._peek() != ")":
                raise _UnreadableError("missing )")
            self.pos += 1
            return inner
        if char == "[":
            return _Text(self._class())
        if char in ("^", "$"):
            self.pos += 1
            return _Text("")
        if self.src.startswith(("\\b", "\\B"), self.pos):
            self.pos += 2
            return _Text("")
        if char == "\\":
            return _Text(chr(self._hex()))
        if char.isascii() and char.isalnum():
            self.pos += 1
            return _Text(char)
        raise _UnreadableError(f"unexpected {char!r}")

    def _hex(self) -> int:
        found = _HEX.match(self.src, self.pos)
        if found is None:
            raise _UnreadableError("unknown escape")
        self.pos = found.end()
        return int(found[1], 16)

    def _class(self) -> str:
        self.pos += 1
        negated = self._peek() == "^"
        self.pos += negated
        ranges: list[tuple[int, int]] = []
        while self._peek() != "]":
            low = self._hex()
            high = low
            if self._peek() == "-":
                self.pos += 1
                high = self._hex()
            ranges.append((low, high))
        self.pos += 1
        if negated:
            raise _UnreadableError("a negated class")  # only the class nothing matches is written negated
        return _pick(ranges)


def _pick(ranges: list[tuple[int, int]]) -> str:
    for low, high in _PREFERRED:
        for a, b in ranges:
            if a <= high and low <= b:
                return chr(max(a, low))
    for a, b in ranges:
        code = next((c for c in (a, 0xE000) if a <= c <= b and not 0xD800 <= c <= 0xDFFF), None)
        if code is not None:
            return chr(code)
    raise _UnreadableError("no character")


def matching_text(pattern: str, min_length: int | None, max_length: int | None) -> str | None:
    """A text ``pattern`` matches (RE2, as the clients search) within the lengths, or None if none is found."""
    want = min_length or 0
    if want > MAX_VALUE_SIZE:
        return None
    try:
        tree = _Reader(translate(pattern)).read()
        text = tree.text(max(0, want - tree.shortest))
    except (UnsupportedPatternError, _UnreadableError, RecursionError):
        return None
    if len(text) < want:
        text += "x" * (want - len(text))  # a pattern without `$` still matches
    if max_length is not None and len(text) > max_length:
        return None
    return text if search(pattern, text) else None
