"""Proving rendered Python parses, without holding a whole big module's code objects at once.

Compiling Stripe's 2.8 MB ``models.py`` in one piece doubles a cold run's peak memory. The
text is cut before each top-level ``def``, ``async def``, ``class`` or decorator that follows
a blank line, and each piece is compiled alone. When every piece compiles, so does their
concatenation: each is a sequence of whole top-level statements (a piece cut inside a string
or a bracket does not compile on its own), and ``from __future__`` imports stay in the first
piece. When a piece fails, the whole text is compiled to report the error as Python words
and places it.

A big class (a resource of hundreds of methods is megabytes, and compiling it whole costs
more than the rest of a run) is cut again before each member at four spaces that follows a
blank line, when no line but its first starts at the first column (nor holds a carriage return
or form feed, which would start one). The part before the first cut is compiled followed by
``    pass``: it proves a statement at four spaces may follow there. Each member is compiled
inside ``class _:``. No line dedents to the first column, so a member leaves the indentation
levels it found plus deeper ones, and the next member at four spaces follows as validly as the
first; a class body is stricter than any other block (no ``return``, ``yield`` or ``await``).

A big table (``NAME = [`` at the first column, its elements, then ``]`` at the first column: a
test module's cases) is compiled in three proofs. The text before the elements followed by
``]`` compiles: it ends in one open list, outside any string. The piece with the elements
replaced by ``0`` compiles. Each run of elements, cut after a line at four spaces ending in a
comma (no ``#`` in it: a comment's comma would let the ``0`` complete ``2 +``) before another line
at four spaces (not a closing bracket), compiles as ``X = [`` run
``0]`` at the first column: it is whole elements, each followed by a comma. The last run compiles
as ``X = [`` run ``]``: whole elements, the last one's comma optional (before a ``0`` an element cut
short, such as ``2 +``, would be completed by it). So the runs together are what a list may hold in
place of the ``0``.

A ``global`` or ``nonlocal`` statement is checked against the whole scope it stands in (a name
assigned or annotated before it, in another piece, is an error), so a text that may hold one is
compiled whole.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence

from ... import cache, forked

CACHE_KIND = "compiles"
"""The cache's folder for texts proven to compile."""
_CUT = re.compile(r"\n\n(?=@|def |async def |class )")
_MEMBER_CUT = re.compile(r"\n\n(?=    (?:@|def |async def ))")
_FIRST_COLUMN = re.compile(r"\n[^ \t\n]")
"""A line that starts at the first column (searched from its line break: the engine skips from one to the next)."""
_TABLE = re.compile(r"^[A-Za-z_]\w*(?:: [^\n=]+)? = \[\n", re.MULTILINE)
_ELEMENT_CUT = re.compile(r"^    [^ \t\n#][^\n#]*,\n(?=    [^ \t\n)\]}])", re.MULTILINE)
"""After a line at four spaces ending in a comma, where no ``#`` could make that comma a comment's."""
MEMBER_SIZE = 100_000
"""From this many characters, a class is compiled member by member, a table by runs of elements."""
FORK_SIZE = 2_000_000
"""From this many characters left to compile, a second process compiles about half of them."""
_PROVEN: set[str] = set()
"""Entries proven in this process, or by the forked child that rendered the text (``remember``)."""
_PROVEN_PIECES: set[bytes] = set()
"""The sha256 of each piece this process compiled (``_compile_piece``)."""

Error = tuple[int | None, str]


def proof(text: str) -> str:
    """The cache entry that says ``text`` compiles (with this interpreter)."""
    return cache.key(CACHE_KIND, sys.version, text)


def syntax_error(text: str, path: str) -> Error | None:
    """None when ``text`` is valid Python; else the line and message of its first error.

    A text proven valid is remembered in the cache (``generator.cache``) by its sha256 and the
    interpreter's version: when one operation of a big API changes, only the modules it changed are
    compiled again.
    """
    entry = proof(text)
    if not _unproven(entry):
        return None
    try:
        for piece in _pieces(text):
            _compile_piece(piece, path)
        _PROVEN.add(entry)
        cache.put(CACHE_KIND, entry, b"")
        return None
    except (SyntaxError, ValueError):
        pass
    try:
        compile(text, path, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return exc.lineno, exc.msg
    except ValueError as exc:  # NUL characters in the source
        return None, str(exc)
    return None  # pieces that fail alone but not together: the text is valid


def _compile_piece(piece: str, path: str) -> None:
    """``compile`` a piece, unless this process compiled the same text before: the modules of a package repeat
    their template's own functions and tables (a tenth of a big package's test modules)."""
    digest = hashlib.sha256(piece.encode("utf-8", "surrogatepass")).digest()
    if digest not in _PROVEN_PIECES:
        compile(piece, path, "exec", dont_inherit=True)
        _PROVEN_PIECES.add(digest)


def _pieces(text: str) -> Iterator[str]:
    """The parts compiled alone, each a sequence of whole statements (see the module's text).

    A big class is read where it stands in ``text``: only its members are copied, one at a time.
    """
    if _may_declare(text):
        yield text  # its declarations are checked against the whole scope
        return
    for start, end in _spans(_CUT, text, 0, len(text)):
        if end - start < MEMBER_SIZE:
            yield text[start:end]
        elif text.startswith("class ", start) and not _leaves_first_column(text, start, end):
            members = _spans(_MEMBER_CUT, text, start, end)
            first, last = next(members)
            yield f"{text[first:last]}\n    pass\n"
            for first, last in members:
                yield f"class _:\n{text[first:last]}"
        else:
            yield from _table_pieces(text[start:end])


def _leaves_first_column(text: str, start: int, end: int) -> bool:
    """Whether a line of ``text[start:end]`` but its first starts at the first column, or may (a carriage return or
    form feed would start one): by ``str.find`` and a search for line breaks, a megabyte class in milliseconds."""
    if text.find("\r", start, end) >= 0 or text.find("\f", start, end) >= 0:
        return True
    return _FIRST_COLUMN.search(text, start, end) is not None


def _may_declare(text: str) -> bool:
    """Whether ``text`` may hold a ``global`` or ``nonlocal`` statement: the word first on a line or after a ``;``,
    then a blank or a backslash (a line of a string that reads so too). Found by ``str.find``, at C speed."""
    for word in ("global", "nonlocal"):
        at = text.find(word)
        while at >= 0:
            before = at - 1
            while before >= 0 and text[before] in " \t":
                before -= 1
            if (before < 0 or text[before] in "\n;") and text[at + len(word) : at + len(word) + 1] in (" ", "\t", "\\"):
                return True
            at = text.find(word, at + len(word))
    return False


def _spans(cut: re.Pattern[str], text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where the parts of ``cut.split(text[start:end])`` stand in ``text``, one at a time: the parts of a big
    module together are a copy of it."""
    for match in cut.finditer(text, start, end):
        yield start, match.start()
        start = match.end()
    yield start, end


def _table_pieces(piece: str) -> Iterator[str]:
    """The proofs of a piece holding a big table, or the piece itself (see the module's text)."""
    opening = _TABLE.search(piece)
    end = piece.find("\n]", opening.end()) if opening else -1
    if opening is None or end < 0:
        yield piece
        return
    head, elements, tail = piece[: opening.end() - 1], piece[opening.end() : end], piece[end + 1 :]
    yield f"{head}\n]\n"
    yield f"{head}\n    0\n{tail}"
    start = 0
    for cut in [*(match.end() - 1 for match in _ELEMENT_CUT.finditer(elements)), len(elements)]:
        if cut == len(elements):
            yield f"X = [\n{elements[start:cut]}\n]\n"
        elif cut - start >= MEMBER_SIZE // 4:
            yield f"X = [\n{elements[start:cut]}\n    0]\n"
            start = cut + 1


def _unproven(entry: str) -> bool:
    return entry not in _PROVEN and cache.get(CACHE_KIND, entry) is None


def proven(files: Iterable[tuple[str, str]]) -> list[str]:
    """The entries of the texts (text, path) that compile: a forked child hands them to ``remember``."""
    return [proof(text) for text, path in files if syntax_error(text, path) is None]


def prove_while(files: Iterable[tuple[str, str]], going: Callable[[], bool]) -> None:
    """Compile the texts (text, path) in the order given for as long as ``going()``: those that compile are
    remembered, so ``syntax_errors`` does not compile them again; the rest are left to it."""
    for text, path in files:
        if not going():
            return
        syntax_error(text, path)


def remember(entries: Iterable[str]) -> None:
    """Entries proven elsewhere (by a forked child, with this interpreter): not compiled again here."""
    _PROVEN.update(entries)


def syntax_errors(files: Sequence[tuple[str, str]]) -> list[Error | None]:
    """``syntax_error`` of each (text, path); a second process compiles about half of a large amount.

    The texts not yet proven go, largest first, to whichever process has less to compile so
    far; each process compiles its share in order. The answer is the same either way.
    """
    shares: tuple[list[int], list[int]] = ([], [])
    sizes = [0, 0]
    entries = [proof(text) for text, _ in files]
    unproven = [i for i, entry in enumerate(entries) if _unproven(entry)]
    for index in sorted(unproven, key=lambda i: -len(files[i][0])):
        lighter = 0 if sizes[0] <= sizes[1] else 1
        shares[lighter].append(index)
        sizes[lighter] += len(files[index][0])
    child = forked.start(lambda: _errors(files, sorted(shares[1])), worth_it=sum(sizes) >= FORK_SIZE)
    try:
        found = _errors(files, sorted(shares[0]))
        found.update(child.result())
    finally:
        child.cancel()
    return [found.get(index) for index in range(len(files))]


def _errors(files: Sequence[tuple[str, str]], indexes: list[int]) -> dict[int, Error | None]:
    return {index: syntax_error(*files[index]) for index in indexes}
