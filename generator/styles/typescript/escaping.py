"""The Jinja environment of ``templates/typescript`` and its escaping filters, one per context.

Strings from a spec reach TypeScript only through these filters: ``tsstr`` (a string
literal, JSON-escaped, with U+2028/U+2029 and ``</`` escaped too), ``jsdoc`` (text inside
``/** ... */`` that cannot close the comment), ``comment`` (one line after ``//``) and
``md`` (Markdown prose, shared with the other styles).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import jinja2

from ...render import TEMPLATES, comment, md

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def tsstr(value: object) -> str:
    """A TypeScript string literal holding ``value``."""
    text = _SURROGATES.sub("\ufffd", str(value))
    return json.dumps(text, ensure_ascii=True).replace("</", "<\\/")


def jsdoc(value: object, indent: int = 0) -> str:
    """Text for the lines of a JSDoc block: no ``*/``, no control characters, each line prefixed `` * ``.

    The first line is returned bare (the template puts it after `` * ``); the following
    lines carry ``indent`` spaces and `` * ``.
    """
    text = _SURROGATES.sub("\ufffd", str(value or "")).replace("\r\n", "\n").replace("\r", "\n").strip()
    text = _CONTROL.sub(" ", text).replace("\t", "    ")
    text = text.replace("*/", "*\\/").replace("/*", "/\\*").replace("@", "\\@")
    pad = " " * indent
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines[:1] + [f"{pad} *" + (" " + line if line else "") for line in lines[1:]])


def ts_comment(value: object) -> str:
    """One line of text safe after ``//``."""
    return comment(_SURROGATES.sub("\ufffd", str(value or "")))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / "typescript")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(tsstr=tsstr, jsdoc=jsdoc, comment=ts_comment, md=md)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
