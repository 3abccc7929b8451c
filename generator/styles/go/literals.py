"""Go literals and the escaping filters of ``templates/go``.

Strings from a spec reach Go only through these functions: ``gostr`` (an interpreted
string literal: every character outside printable ASCII escaped, a lone surrogate as the
bytes WTF-8 gives it), ``golit`` (any JSON value as a Go literal of its natural type),
``comment`` (one line after ``//``) and ``md`` (Markdown prose, shared with the other styles).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ...core.templating import Filter, Templates
from ...core.text import comment, md

_SPECIAL = re.compile(r"[^ !#-\[\]-~]+")
"""Runs of what ``gostr`` escapes: everything but printable ASCII other than ``"`` and ``\\``."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def gostr(value: object) -> str:
    """A Go interpreted string literal holding ``value`` (printable ASCII as is, everything else escaped)."""
    text = str(value)
    if not text.isascii():
        return '"' + _SPECIAL.sub(_escape, text) + '"'
    if _CONTROL.search(text) is None:  # the common case, in C: only backslashes and quotes to escape
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return '"' + text.translate(_ASCII_ESCAPES) + '"'


def _escape(found: re.Match[str]) -> str:
    return "".join(map(_escape_char, found.group(0)))


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if ch in ('"', "\\"):
        return "\\" + ch
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if 0x20 <= code < 0x7F:
        return ch
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xD800 <= code <= 0xDFFF:  # no code point: the bytes WTF-8 would write
        return "".join(f"\\x{b:02x}" for b in ch.encode("utf-8", "surrogatepass"))
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


_ASCII_ESCAPES = {code: _escape_char(chr(code)) for code in range(0x80) if _escape_char(chr(code)) != chr(code)}
"""``gostr``'s escape of each ASCII character it changes, as a ``str.translate`` table."""


def gonumber(value: float) -> str:
    """A number as Go source (an integer stays an integer; a float keeps a point or exponent)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value) or math.isinf(value):
        return "0"
    text = repr(float(value))
    return text


def json_text(value: Any) -> str:
    """``value`` as compact JSON text with sorted keys (the generated tests decode it)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


_BOM = "\ufeff"
"""The byte order mark: Go source may hold it only as its first character (gofmt refuses it elsewhere)."""


def go_comment(value: object) -> str:
    """One line of text safe after ``//``."""
    return comment(str(value or "").replace(_BOM, ""))


def godoc(value: object, indent: str = "") -> str:
    """Text as consecutive ``//`` lines (the first bare, the template writes its ``// ``)."""
    text = str(value or "").replace(_BOM, "").replace("\r\n", "\n").replace("\r", "\n").strip()
    lines = [comment(line) for line in text.split("\n")]
    return "\n".join(lines[:1] + [f"{indent}//" + (" " + line if line else "") for line in lines[1:]])


FILTERS: dict[str, Filter] = {"gostr": gostr, "comment": go_comment, "godoc": godoc, "md": md}


def render(templates: Templates, template: str, **context: Any) -> str:
    """``template`` (relative to the style's template folder, or the user's override of it) rendered."""
    return templates.render(FILTERS, template, **context)
