"""The Python style's escaping filters, one per context, and how it renders a template.

Strings from a spec reach generated code only through one filter per context:
``pystr`` (a string literal), ``docstring`` (text inside triple quotes),
``comment`` (one line after ``#``) and ``md`` (Markdown prose, both from
``generator.core.text``). Each makes any input inert: no quote, backslash or
newline can end the context early. ``fit``/``fit_lines`` lay code out as black
would (``pycode``).
"""

from __future__ import annotations

import functools
from typing import Any

from ...core.templating import Filter, Templates
from ...core.text import CONTROL, clean, comment, md
from .pycode import LINE_LENGTH, REMEMBERED_SIZE, fit, fit_lines, quote


def pystr(value: object) -> str:
    """A Python string literal holding ``value``, quoted as black quotes it."""
    return quote(clean(str(value)))


def docstring(value: object, indent: int = 0, closing: bool = False) -> str:
    """Text safe inside a triple-quoted docstring, in the form black leaves as it is.

    No closing quotes, escapes or control characters survive; lines after the
    first lose the indentation they share and are indented by ``indent``, without
    trailing spaces. A leading quote gets a space before it, as black pads it.
    With ``closing``, the text is the end of the docstring: a trailing quote gets
    a space after it, and when the last line and the closing quotes would not fit
    in a line, the quotes go on a line of their own, as black puts them.
    """
    text = str(value or "")
    if len(text) > REMEMBERED_SIZE:  # a long text is not held for the rest of the run
        return _docstring.__wrapped__(text, indent, closing)
    return _docstring(text, indent, closing)


@functools.lru_cache(maxsize=4096)
def _docstring(value: str, indent: int, closing: bool) -> str:
    """``docstring`` of a text, remembered: each operation's text is written for both clients, and a big
    spec repeats its descriptions."""
    text = clean(value).strip()
    text = CONTROL.sub(" ", text).replace("\t", "    ")
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


FILTERS: dict[str, Filter] = {
    "pystr": pystr,
    "docstring": docstring,
    "comment": comment,
    "md": md,
    "fit": fit,
    "fit_lines": fit_lines,
}


def render(templates: Templates, template: str, **context: Any) -> str:
    """``template`` (relative to the style's template folder, or the user's override of it) rendered."""
    return templates.render(FILTERS, template, **context)
