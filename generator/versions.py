"""The version of an installed distribution, without importing ``importlib.metadata`` on every run.

``importlib.metadata`` (with the email, zipfile and compression modules under it) is a noticeable part
of a small document's run, and every run needs black's version (the Python style's identity, the
freshness fingerprint). The first ``<name>-<version>.dist-info`` folder on ``sys.path`` holds it, as
``importlib.metadata.version`` finds it; anything else (eggs, zip files, a missing ``METADATA``) is
asked of ``importlib.metadata`` itself.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache

_SEPARATORS = re.compile(r"[-_.]+")


def _normalised(name: str) -> str:
    return _SEPARATORS.sub("_", name).lower()


@cache
def installed_version(distribution: str) -> str:
    """``importlib.metadata.version(distribution)``: from its ``dist-info`` folder when that is plain."""
    wanted = _normalised(distribution)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem, dot, kind = name.rpartition(".")
            if not dot or kind not in ("dist-info", "egg-info") or _normalised(stem.partition("-")[0]) != wanted:
                continue
            found = _metadata_version(os.path.join(entry or ".", name)) if kind == "dist-info" else None
            return found if found is not None else _from_importlib(distribution)
    return _from_importlib(distribution)


def _metadata_version(folder: str) -> str | None:
    try:
        with open(os.path.join(folder, "METADATA"), encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    break
                if line.startswith("Version:"):
                    return line.partition(":")[2].strip()
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _from_importlib(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)
