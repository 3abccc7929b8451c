"""The escaping filters of ``templates/typescript``, one per context, and how the style renders a template.

Strings from a spec reach TypeScript only through these filters: ``tsstr`` (a string
literal, JSON-escaped, with U+2028/U+2029 and ``</`` escaped too), ``jsdoc`` (text inside
``/** ... */`` that cannot close the comment), ``comment`` (one line after ``//``) and
``md`` (Markdown prose, shared with the other styles).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from ...core.templating import Filter, Templates
from ...core.text import comment, md

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def tsstr(value: object) -> str:
    """A TypeScript string literal holding ``value``."""
    return _string_literal(str(value))


@lru_cache(maxsize=1 << 16)
def _string_literal(text: str) -> str:
    """``tsstr`` of a text; the same names and descriptions are quoted thousands of times in a big package."""
    return json.dumps(_SURROGATES.sub("\ufffd", text), ensure_ascii=True).replace("</", "<\\/")


def jsdoc(value: object, indent: int = 0) -> str:
    """Text for the lines of a JSDoc block: no ``*/``, no control characters, each line prefixed `` * ``.

    The first line is returned bare (the template puts it after `` * ``); the following
    lines carry ``indent`` spaces and `` * ``.
    """
    return _jsdoc_text(str(value or ""), indent)


@lru_cache(maxsize=1 << 14)
def _jsdoc_text(text: str, indent: int) -> str:
    """``jsdoc`` of a text; a big API repeats the same descriptions (a parameter's, a model's) in every operation."""
    text = _SURROGATES.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n").strip()
    text = _CONTROL.sub(" ", text).replace("\t", "    ")
    text = text.replace("*/", "*\\/").replace("/*", "/\\*").replace("@", "\\@")
    pad = " " * indent
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines[:1] + [f"{pad} *" + (" " + line if line else "") for line in lines[1:]])


def ts_comment(value: object) -> str:
    """One line of text safe after ``//``."""
    return comment(_SURROGATES.sub("\ufffd", str(value or "")))


FILTERS: dict[str, Filter] = {"tsstr": tsstr, "jsdoc": jsdoc, "comment": ts_comment, "md": md}


def render(templates: Templates, template: str, **context: Any) -> str:
    """``template`` (relative to the style's template folder, or the user's override of it) rendered."""
    return templates.render(FILTERS, template, **context)
