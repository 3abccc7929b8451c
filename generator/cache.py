"""A content-addressed cache for the two slow steps: spec validation and black formatting.

Entries are keyed by the sha256 of everything the result depends on (the
tool's version and the exact input), so a stale entry can never be used: a
changed input is a different key. The folder is ``$GENERATOR_CACHE_DIR``, else
``$XDG_CACHE_HOME/image-client-generator``, else ``~/.cache/image-client-generator``;
it is always safe to delete. ``GENERATOR_NO_CACHE=1`` turns the cache off.

Entries built with the install (``SHIPPED``: ``python -m generator.precompile``, run by ``make``)
are looked up after the user's: the built-in templates compiled, the copied runtime proven to
compile. They are keyed the same way, so they are used only for the same inputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent / "_precompiled"
"""Read only; not in git (the folder ignores itself); nothing depends on it being there."""


def cache_dir() -> Path | None:
    if os.environ.get("GENERATOR_NO_CACHE"):
        return None
    explicit = os.environ.get("GENERATOR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "image-client-generator"


def key(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def entry_path(root: Path, kind: str, entry: str) -> Path:
    return root / kind / entry[:2] / entry


def get(kind: str, entry: str) -> bytes | None:
    """The user's entry, else the one built with the install, else None."""
    root = cache_dir()
    for folder in ([root] if root is not None else []) + [SHIPPED]:
        try:
            return entry_path(folder, kind, entry).read_bytes()
        except OSError:
            continue
    return None


def put(kind: str, entry: str, data: bytes) -> None:
    """Store atomically (write beside, rename); a cache that cannot be written is simply not used."""
    root = cache_dir()
    if root is None:
        return
    folder = root / kind / entry[:2]
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, folder / entry)
    except OSError:  # no space, a file-size limit, no permission: the run goes on without this entry
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
