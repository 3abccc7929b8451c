"""A precompiled store: one ``marshal`` dict behind a first line naming the Python build it was made for.

``dataclass_code`` (the code of the dataclasses' methods) and ``regex_code`` (the regular expressions' programs)
each keep one in ``cache.SHIPPED``. A store of another build, cut short or not marshal data reads as empty, so
everything is compiled as if there were none; it is written atomically (a reader sees the old file or the new).
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any


def read(path: Path, build: bytes) -> dict[Any, Any]:
    """The entries stored at ``path`` for ``build`` (the file's first line); empty when there are none or not whole."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(build):
        return {}
    try:
        entries = marshal.loads(data[len(build) :])
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def write(path: Path, build: bytes, entries: dict[Any, Any]) -> None:
    """Store ``entries`` for ``build`` at ``path``, atomically."""
    payload = build + marshal.dumps(entries)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        temporary.write_bytes(payload)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
