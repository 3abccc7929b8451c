"""Text filters every style may share: what no output context may carry, one line of comment, Markdown prose.

Strings from a spec reach generated files only through a style's escaping
filters; the ones here do not depend on the language: ``comment`` (one line of
text, for after ``#`` or ``//``) and ``md`` (Markdown prose, HTML tags defused).
``clean`` is the base of every filter: newlines normalised and lone surrogates,
which no UTF-8 file can hold, removed.
"""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
"""Characters that no one-line context keeps: controls (not tab or newline) and the Unicode line separators."""


def clean(text: str) -> str:
    """``text`` with ``\\r\\n`` and ``\\r`` as ``\\n`` and without lone surrogates."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        text.encode("utf-8")  # fails only on a lone surrogate, which no file can hold
    except UnicodeEncodeError:
        return "".join(ch for ch in text if unicodedata.category(ch) != "Cs")
    return text


def comment(value: object) -> str:
    """One line of text safe after ``#`` or ``//``."""
    return " ".join(CONTROL.sub(" ", clean(str(value or ""))).split())


def md(value: object) -> str:
    """Prose for a Markdown file (README): control characters removed, HTML tags defused."""
    text = CONTROL.sub(" ", clean(str(value or ""))).strip()
    return text.replace("<", "&lt;").replace(">", "&gt;")
