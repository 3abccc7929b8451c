"""The generator's regular expressions, compiled once with the install instead of at every start.

Python's ``re`` turns each pattern into a program for its matching engine (``re._compiler``, written in
Python): a hundred patterns at import time, a tenth of a small document's run, before it reads anything.
``install`` (done by ``generator/__init__.py`` before the generator's modules are imported) makes ``re`` take
that program from the ones ``python -m generator.precompile`` stored (``save``) for the same pattern and flags,
and compile only what it does not find, exactly as before. The pattern is the key, so an edited pattern
simply misses; the entry is for one exact Python build (its version line heads the file), and ``save`` keeps
only a program proven to make the very pattern ``re`` makes (the same flags, program, groups and group
names), so another Python, or one whose ``re`` works otherwise, compiles everything as before. Without the
file (``make`` not run yet), or with one cut short, every pattern is compiled as before.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import marshal_store

_sre: Any = importlib.import_module("_sre")  # the matching engine (no type stubs)

FILE = "regexes.marshal"
"""Its name in the precompiled folder (``cache.SHIPPED``)."""

_BUILD = f"{sys.implementation.cache_tag} {sys.version} sre {_sre.MAGIC}\n".encode()
"""The first line of the file: the Python build (and engine) its programs were made for."""

_Key = tuple["str | bytes", int]
_Args = tuple[Any, ...]
"""What ``_sre.compile`` takes: the pattern, its flags, the program, the groups, their names both ways."""

_UNCACHED = re.DEBUG.value | re.LOCALE.value
"""Flags whose patterns are always compiled: a listing printed as they compile, a program made for the locale."""

_stored: dict[_Key, _Args] = {}
used: dict[_Key, None] = {}
"""The patterns compiled (or found) in this process, up to ``MAX_USED``: what ``save`` stores."""
MAX_USED = 8192
"""How many patterns ``used`` holds at most: ``install`` serves ``re`` for the whole process, and a program that
imports the generator and compiles patterns by the thousand must not keep them all alive."""

_compile_now: Callable[..., Any] | None = None
"""``re._compiler.compile`` as it was before ``install``."""


def load(path: Path) -> dict[_Key, _Args]:
    """The programs stored at ``path`` for this very Python build; empty when there are none or not whole."""
    entries = marshal_store.read(path, _BUILD)
    return {key: args for key, args in entries.items() if _well_formed(key, args)}


def _well_formed(key: Any, args: Any) -> bool:
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], (str, bytes))
        and isinstance(key[1], int)
        and isinstance(args, tuple)
        and len(args) == 6
        and args[0] == key[0]
    )


def program(pattern: str | bytes, flags: int) -> _Args | None:
    """What ``_sre.compile`` is given for ``pattern``, proven to make the very pattern ``re`` makes; else None."""
    parser: Any = getattr(re, "_parser", None)
    compiler: Any = getattr(re, "_compiler", None)
    try:
        parsed = parser.parse(pattern, flags)
        code = [int(item) for item in compiler._code(parsed, flags)]  # plain numbers, as marshal stores them
        names = {name: int(index) for name, index in parsed.state.groupdict.items()}
        by_index: list[str | None] = [None] * parsed.state.groups
        for name, index in names.items():
            by_index[index] = name
        args = (pattern, int(flags | parsed.state.flags), code, int(parsed.state.groups) - 1, names, tuple(by_index))
        made = _sre.compile(*args)
        expected = (_compile_now or compiler.compile)(pattern, flags)
    except Exception:  # a pattern that does not compile, or an ``re`` that works otherwise: not stored
        return None
    same = (made.flags, made.groups, made.groupindex) == (expected.flags, expected.groups, expected.groupindex)
    return args if same and made == expected else None


def save(path: Path) -> None:
    """Store the program of every pattern this process compiled or found (atomically: a reader sees the old
    file or the new)."""
    entries = {}
    for pattern, flags in sorted(used, key=lambda key: (isinstance(key[0], bytes), repr(key))):
        args = _stored.get((pattern, flags)) or program(pattern, flags)
        if args is not None:
            entries[pattern, flags] = args
    marshal_store.write(path, _BUILD, entries)


def _compile(pattern: Any, flags: int = 0) -> Any:
    if type(pattern) in (str, bytes) and type(flags) is int and not flags & _UNCACHED:  # what marshal stores
        key = (pattern, flags)
        if len(used) < MAX_USED:
            used[key] = None
        args = _stored.get(key)
        if args is not None:
            try:
                return _sre.compile(*args)
            except Exception:  # a program the engine refuses: compiled as if it were not stored
                _stored.pop(key, None)
    assert _compile_now is not None
    return _compile_now(pattern, flags)


def install(folder: Path) -> None:
    """Make ``re`` take its patterns' programs from ``folder`` (a precompiled folder) where they are there."""
    global _compile_now
    compiler: Any = getattr(re, "_compiler", None)
    if compiler is None or not callable(getattr(compiler, "compile", None)):
        return  # a Python whose ``re`` is laid out otherwise: everything is compiled as before
    _stored.clear()
    _stored.update(load(folder / FILE))
    if _compile_now is None:
        _compile_now = compiler.compile
        compiler.compile = _compile
