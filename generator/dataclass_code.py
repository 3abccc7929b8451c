"""The code of the generator's dataclasses' methods, compiled once with the install instead of at every start.

Python (before 3.13) writes each method a dataclass gets (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, a frozen class's ``__setattr__`` and ``__delattr__``) as source text and compiles each
text on its own: about 800 compilations, a third of a small document's run, before it reads anything.
``install`` (done by ``generator/__init__.py`` before any of its modules is imported) gives the
``dataclasses`` module an ``exec`` that looks each text up in the code ``python -m generator.precompile``
stored (``save``), and compiles only what it does not find, exactly as ``exec`` would have. The text is
the key, so an edited class simply misses; the entry is for one exact Python build (its version line
heads the file), so another Python never loads code it cannot run. Without the file (``make`` not run
yet), or with one cut short, every text is compiled as before.
"""

from __future__ import annotations

import builtins
import dataclasses
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from . import marshal_store

FILE = "dataclasses.marshal"
"""Its name in the precompiled folder (``cache.SHIPPED``)."""

_BUILD = f"{sys.implementation.cache_tag} {sys.version}\n".encode()
"""The first line of the file: the Python build its code objects were compiled by."""

_stored: dict[Any, Any] = {}
"""The stored code by text, as loaded: each entry is checked only when its text is looked up (``compiled``)."""
used: dict[str, CodeType] = {}
"""The texts compiled (or found) in this process, with their code, up to ``MAX_USED``: what ``save`` stores."""
MAX_USED = 8192
"""How many texts ``used`` holds at most (the generator's modules need about a thousand): ``install`` replaces
``exec`` for the whole process, and a program that imports the generator and declares dataclasses by the
thousand (``make_dataclass`` in a loop) must not keep every method's code alive."""


def load(path: Path) -> dict[Any, Any]:
    """The code stored at ``path`` by this very Python build, by text; empty when there is none or it is not whole.

    The entries are not checked one by one here (a run looks up fewer than it loads): ``compiled`` takes an
    entry only when it is code.
    """
    return marshal_store.read(path, _BUILD)


def save(path: Path) -> None:
    """Store every text this process compiled or found (atomically: a reader sees the old file or the new)."""
    marshal_store.write(path, _BUILD, dict(sorted(used.items())))


def compiled(text: str) -> CodeType:
    """The code of ``text`` as ``exec`` compiles it: stored, else compiled now (the caller's ``__future__``
    imports left out, as ``dataclasses`` has none)."""
    code = used.get(text)
    if code is not None:
        return code
    code = _stored.get(text)
    if not isinstance(code, CodeType):
        code = compile(text, "<string>", "exec", dont_inherit=True)
    if len(used) < MAX_USED:
        used[text] = code
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    builtins.exec(compiled(source) if isinstance(source, str) else source, globals, locals)


def install(folder: Path) -> None:
    """Make ``dataclasses`` take its methods' code from ``folder`` (a precompiled folder) where it is there."""
    _stored.clear()
    _stored.update(load(folder / FILE))
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # found before the builtin by its functions
