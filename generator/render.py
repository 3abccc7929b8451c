"""Jinja environment, the escaping filters, and formatting of rendered Python.

Strings from a spec reach generated code only through one filter per context:
``pystr`` (a string literal), ``docstring`` (text inside triple quotes),
``comment`` (one line after ``#``) and ``md`` (Markdown prose). Each makes any
input inert: no quote, backslash or newline can end the context early.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache as memoize
from pathlib import Path
from typing import Any

import jinja2

from .pycode import LINE_LENGTH, fit, fit_lines, quote

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


def pystr(value: object) -> str:
    """A Python string literal holding ``value``, quoted as black quotes it."""
    return quote(_clean(str(value)))


def _clean(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        text.encode("utf-8")  # fails only on a lone surrogate, which no file can hold
    except UnicodeEncodeError:
        return "".join(ch for ch in text if unicodedata.category(ch) != "Cs")
    return text


def docstring(value: object, indent: int = 0, closing: bool = False) -> str:
    """Text safe inside a triple-quoted docstring, in the form black leaves as it is.

    No closing quotes, escapes or control characters survive; lines after the
    first lose the indentation they share and are indented by ``indent``, without
    trailing spaces. A leading quote gets a space before it, as black pads it.
    With ``closing``, the text is the end of the docstring: a trailing quote gets
    a space after it, and when the last line and the closing quotes would not fit
    in a line, the quotes go on a line of their own, as black puts them.
    """
    text = _clean(str(value or "")).strip()
    text = _CONTROL.sub(" ", text).replace("\t", "    ")
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    pad = " " * indent
    lines = [line.rstrip() for line in text.split("\n")]
    common = min((len(line) - len(line.lstrip(" ")) for line in lines[1:] if line), default=0)
    lines = lines[:1] + [pad + line[common:] if line else "" for line in lines[1:]]
    text = "\n".join(lines)
    if text.startswith('"'):
        text = " " + text
    if closing and text.endswith('"'):
        text += " "
    if closing and len(lines) > 1 and len(lines[-1]) + 3 > LINE_LENGTH:
        text += "\n" + pad
    return text


def comment(value: object) -> str:
    """One line of text safe after ``#``."""
    return " ".join(_CONTROL.sub(" ", _clean(str(value or ""))).split())


def md(value: object) -> str:
    """Prose for a Markdown file (README): control characters removed, HTML tags defused."""
    text = _CONTROL.sub(" ", _clean(str(value or ""))).strip()
    return text.replace("<", "&lt;").replace(">", "&gt;")


@memoize
def environment(style: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / style)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(pystr=pystr, docstring=docstring, comment=comment, md=md, fit=fit, fit_lines=fit_lines)
    return env


def render(style: str, template: str, **context: Any) -> str:
    return environment(style).get_template(template).render(**context)


class RenderError(Exception):
    """Generated output is broken: a bug in a template or view-model, reported with its file."""
