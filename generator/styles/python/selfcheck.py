"""Proving rendered Python parses, without holding a whole big module's code objects at once.

Compiling Stripe's 2.8 MB ``models.py`` in one piece doubles a cold run's peak memory. The
text is cut before each top-level ``def``, ``async def``, ``class`` or decorator that follows
a blank line, and each piece is compiled alone. When every piece compiles, so does their
concatenation: each is a sequence of whole top-level statements (a piece cut inside a string
or a bracket does not compile on its own), and ``from __future__`` imports stay in the first
piece. When a piece fails, the whole text is compiled to report the error as Python words
and places it.
"""

from __future__ import annotations

import re
import sys

from ... import cache

CACHE_KIND = "compiles"
"""The cache's folder for texts proven to compile."""
_CUT = re.compile(r"\n\n(?=@|def |async def |class )")


def proof(text: str) -> str:
    """The cache entry that says ``text`` compiles (with this interpreter)."""
    return cache.key(CACHE_KIND, sys.version, text)


def syntax_error(text: str, path: str) -> tuple[int | None, str] | None:
    """None when ``text`` is valid Python; else the line and message of its first error.

    A text proven valid is remembered in the cache (``generator.cache``) by its sha256 and the
    interpreter's version: when one operation of a big API changes, only the modules it changed are
    compiled again.
    """
    entry = proof(text)
    if cache.get(CACHE_KIND, entry) is not None:
        return None
    try:
        for piece in _CUT.split(text):
            compile(piece, path, "exec", dont_inherit=True)
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
