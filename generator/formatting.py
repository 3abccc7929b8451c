"""Formatting Python with the pinned black: in pieces, cached per piece, on every core.

A module is cut before each top-level ``class``, ``def`` or decorator that
follows a blank line (never inside a string). Black formats each piece on its
own and the pieces are joined by two blank lines, which is what black puts
before a top-level definition anyway, so the result is the bytes black gives
for the whole module; ``tests/test_formatting.py`` holds every generated
package to that.

Why pieces: black is the slowest step on big specs (Stripe renders well over
100k lines). Pieces are cached by content hash, so after a spec changes only
the classes and functions it touched are formatted again; and the pieces not
in the cache are shared between worker processes, one per core, when there are
enough of them to pay for starting the workers.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version

from . import cache
from .render import RenderError

BLACK_VERSION = version("black")
LINE_LENGTH = 120
CACHE_KIND = "black"
PARALLEL_MIN_CHARS = 400_000
"""Below this much unformatted text, worker processes cost more than they save."""

_STRING = re.compile(
    r"""[rRbBuUfF]{0,2}(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")|#[^\n]*"""
)
_DEFINITION = ("class ", "def ", "async def ", "@")


class FormatError(RenderError):
    """Black could not parse a piece: the generated code is broken (a bug in a template or view-model)."""


def pieces(source: str) -> list[str]:
    """``source`` cut before each top-level definition that follows a blank line, outside strings."""
    inside = _string_lines(source)
    lines = source.splitlines(keepends=True)
    cuts = [0]
    for number in range(1, len(lines)):
        if lines[number].startswith(_DEFINITION) and not lines[number - 1].strip() and number not in inside:
            cuts.append(number)
    cuts.append(len(lines))
    return ["".join(lines[start:end]) for start, end in itertools.pairwise(cuts) if start < end]


def _string_lines(source: str) -> set[int]:
    """Numbers of the lines that start inside a multi-line string."""
    inside: set[int] = set()
    for match in _STRING.finditer(source):
        text = match.group()
        if "\n" in text and not text.startswith("#"):
            first = source.count("\n", 0, match.start())
            inside.update(range(first + 1, first + text.count("\n") + 1))
    return inside


def format_modules(modules: Sequence[tuple[str, str]]) -> list[str]:
    """Format ``(filename, source)`` pairs; the formatted sources, in order. Raises FormatError."""
    split = [pieces(source) for _, source in modules]
    keys = {piece: cache.key(CACHE_KIND, BLACK_VERSION, f"{LINE_LENGTH}-py311", piece) for p in split for piece in p}
    done: dict[str, str] = {}
    todo: list[str] = []
    for piece, entry in keys.items():
        cached = cache.get(CACHE_KIND, entry)
        if cached is not None:
            done[piece] = cached.decode("utf-8")
        else:
            todo.append(piece)
    for piece, (ok, result) in zip(todo, _run(todo), strict=True):
        if not ok:
            owner = next(name for (name, _), p in zip(modules, split, strict=True) if piece in p)
            raise FormatError(f"{owner}: generated code does not parse: {result}")
        done[piece] = result
        cache.put(CACHE_KIND, keys[piece], result.encode("utf-8"))
    return ["\n\n\n".join(done[piece].strip("\n") for piece in p) + "\n" for p in split]


def _run(todo: list[str]) -> list[tuple[bool, str]]:
    workers = min(len(todo), _jobs())
    if workers < 2 or sum(map(len, todo)) < PARALLEL_MIN_CHARS:
        return [_black(piece) for piece in todo]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_black, todo, chunksize=max(1, len(todo) // (workers * 8))))


def _jobs() -> int:
    """Worker processes for black: ``$GENERATOR_JOBS`` when set to a positive number, else one per core."""
    setting = os.environ.get("GENERATOR_JOBS", "")
    return int(setting) if setting.isdigit() and int(setting) > 0 else os.cpu_count() or 1


def _black(source: str) -> tuple[bool, str]:
    import black

    mode = black.Mode(line_length=LINE_LENGTH, target_versions={black.mode.TargetVersion.PY311})
    try:
        return True, black.format_str(source, mode=mode)
    except black.parsing.InvalidInput as exc:
        return False, str(exc)
