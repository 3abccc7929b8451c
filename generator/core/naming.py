"""Names from spec names, for every language: words, casing, and collision handling.

A style gives its own reserved words and fallbacks; how a name is split into
words, cased, kept from starting with a digit, and made unique among its
neighbours (or among whole families of derived names) is decided here once.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

_WORD_BREAK = re.compile(r"[^0-9A-Za-z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def words(name: str) -> list[str]:
    """The ASCII words of ``name``: split at non-alphanumerics and at camelCase humps."""
    return list(_words(name))


@functools.lru_cache(maxsize=1 << 16)
def _words(name: str) -> tuple[str, ...]:
    """``words``, remembered: a big API names the same parameters and properties in every operation and model."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    found: list[str] = []
    for chunk in _WORD_BREAK.split(ascii_name):
        found.extend(w for w in _CAMEL.split(chunk) if w)
    return tuple(found)


def snake(name: str, *, reserved: Iterable[str] = (), fallback: str = "value") -> str:
    """``getDownloadOutput`` -> ``get_download_output``; never empty, never reserved, never ``__`` first."""
    result = "_".join(w.lower() for w in words(name)) or fallback
    if result[0].isdigit():
        result = f"{fallback}_{result}"
    if result in _set(reserved) or result.startswith("__"):
        result += "_"
    return result


def _set(names: Iterable[str]) -> set[str] | frozenset[str]:
    """``names`` as a set: itself when it is one (a style's reserved words, asked about for every name)."""
    return names if isinstance(names, (set, frozenset)) else set(names)


def camel(name: str, *, reserved: Iterable[str] = (), fallback: str = "value") -> str:
    """``get_download_output`` -> ``getDownloadOutput``; never empty, never reserved."""
    parts = words(name)
    result = "".join([p.lower() if i == 0 else p[:1].upper() + p[1:].lower() for i, p in enumerate(parts)])
    result = result or fallback
    if result[0].isdigit():
        result = fallback + result[:1].upper() + result[1:]
    if result in _set(reserved):
        result += "_"
    return result


def pascal(name: str, *, reserved: Iterable[str] = (), fallback: str = "Model") -> str:
    """``download-response`` -> ``DownloadResponse``; never empty, never reserved, never starting with a digit."""
    result = "".join(w[:1].upper() + w[1:] for w in words(name)) or fallback
    if result[0].isdigit():
        result = f"{fallback}{result}"
    if result in _set(reserved):
        result += "_"
    return result


def constant(name: str) -> str:
    """A constant's name: ``image/png`` -> ``IMAGE_PNG``, ``1`` -> ``VALUE_1``."""
    result = "_".join(w.upper() for w in words(name)) or "EMPTY"
    if result[0].isdigit():
        result = f"VALUE_{result}"
    return result


def unique(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """The same names, with ``_2``, ``_3``... added where one repeats an earlier one or a taken name."""
    return unique_families(names, _alone, taken, joint="_")


def unique_file_names(names: Iterable[str]) -> list[str]:
    """The same names, with ``_2``, ``_3``... where one equals an earlier one once case is ignored.

    File names: on a case-insensitive file system (macOS, Windows) ``emailTemplates`` and ``emailtemplates``
    are one file, and ``tsc`` refuses a program holding both (TS1149).
    """
    return unique_families(names, _folded, joint="_")


def _folded(name: str) -> tuple[str]:
    return (name.casefold(),)


def claim(name: str, taken: set[str], *, joint: str = "_") -> str:
    """``name``, else the first of ``name_2``, ``name_3``... (``joint`` before the number) not in ``taken``,
    which receives it.

    The names of one namespace (a package's types, a module's constants) are claimed one
    at a time from one set, so two things that would be called alike never share a name.
    """
    claimed = unique_families([name], _alone, taken, joint=joint)[0]
    taken.add(claimed)
    return claimed


def claim_all(names: Iterable[str], taken: set[str], *, joint: str = "_") -> list[str]:
    """``claim`` for each of ``names`` in turn: distinct from each other and from ``taken``, which receives them."""
    claimed = unique_families(names, _alone, taken, joint=joint)
    taken.update(claimed)
    return claimed


def _alone(name: str) -> tuple[str]:
    return (name,)


def unique_families(
    names: Iterable[str], family: Callable[[str], Iterable[str]], taken: Iterable[str] = (), *, joint: str = ""
) -> list[str]:
    """Base names whose every derived name (``family(base)``) is free: a name registry that reserves them all.

    A tag ``X`` makes ``XResource`` and ``AsyncXResource``; a tag ``AsyncX`` would make
    ``AsyncXResource`` again, so it becomes ``AsyncX2`` (``AsyncX2Resource``, ``AsyncAsyncX2Resource``).
    """
    # ``taken`` is read, never copied (a resource adds its helpers' names one call at a time); each
    # base name resumes at the counter it stopped at, so n repeats of one name cost time linear in n.
    held = taken if isinstance(taken, (set, frozenset)) else set(taken)
    seen: set[str] = set()
    counters: dict[str, int] = {}
    result: list[str] = []
    for name in names:
        counter = counters.get(name, 1)
        candidate = name if counter == 1 else f"{name}{joint}{counter}"
        counter = max(counter + 1, 2)
        while any(derived in seen or derived in held for derived in family(candidate)):
            candidate = f"{name}{joint}{counter}"
            counter += 1
        counters[name] = counter
        seen.update(family(candidate))
        result.append(candidate)
    return result


def package_name(name: str, *, shadowed: Iterable[str], keywords: Iterable[str] = ()) -> str:
    """A package name that shadows none of ``shadowed`` (modules) or ``keywords``: ``typing`` -> ``typing_client``."""
    result = snake(name, fallback="client").rstrip("_") or "client"
    if result in set(shadowed) or result in set(keywords) or result.startswith("_"):
        result = f"{result.lstrip('_') or 'api'}_client"
    return result


def environment_names(prefix: str, bases: Iterable[str], taken: set[str]) -> list[str]:
    """The environment variable each credential part is read from (``TOPAZ`` + ``api_key`` -> ``TOPAZ_API_KEY``).

    The same in every style; ``taken`` holds the names given before and receives these, claimed in one pass
    (one at a time, the thousandth ``access_token`` tried the 999 taken before it again).
    """
    return [f"{prefix}_{name.upper()}" for name in claim_all((snake(base) for base in bases), taken)]
