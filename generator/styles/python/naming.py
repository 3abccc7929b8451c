"""Python identifiers from spec names: snake_case, PascalCase, keyword-safe and collision-safe.

Every name from a spec reaches code through these functions, so whatever a
spec calls a thing (``class``, ``2fast``, ``with space``, ``__init__``), the
result is a plain identifier that shadows nothing it should not.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable

_WORD_BREAK = re.compile(r"[^0-9A-Za-z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Names a generated method or attribute must not take: keywords, builtins used in generated code,
# and the names of the runtime's own members.
RESERVED = frozenset(
    {
        *keyword.kwlist,
        *keyword.softkwlist,
        "self",
        "cls",
        "bool",
        "int",
        "float",
        "str",
        "bytes",
        "list",
        "dict",
        "type",
        "object",
        "id",
        "json",
        "any",
        "request_options",
        "additional_properties",
        "from_dict",
        "to_dict",
        "check",
        "raw_response",
        # standard-library names generated modules import
        "field",
        "dataclass",
        "partial",
        "cast",
        "datetime",
        "httpx",
        "os",
        "types",
    }
)


def _words(name: str) -> list[str]:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words: list[str] = []
    for chunk in _WORD_BREAK.split(ascii_name):
        words.extend(w for w in _CAMEL.split(chunk) if w)
    return words


def snake(name: str, *, reserved: Iterable[str] = RESERVED, fallback: str = "value") -> str:
    """``getDownloadOutput`` -> ``get_download_output``; never empty, never a keyword or reserved name."""
    result = "_".join(w.lower() for w in _words(name)) or fallback
    if result[0].isdigit():
        result = f"{fallback}_{result}"
    if result in set(reserved) or result.startswith("__"):
        result += "_"
    return result


def pascal(name: str, *, fallback: str = "Model") -> str:
    """``download-response`` -> ``DownloadResponse``; never empty, never starting with a digit."""
    result = "".join(w[:1].upper() + w[1:] for w in _words(name)) or fallback
    if result[0].isdigit():
        result = f"{fallback}{result}"
    if keyword.iskeyword(result) or result in {"None", "True", "False"}:
        result += "_"
    return result


def constant(name: str) -> str:
    """An enum member name: ``image/png`` -> ``IMAGE_PNG``, ``1`` -> ``VALUE_1``."""
    result = "_".join(w.upper() for w in _words(name)) or "EMPTY"
    if result[0].isdigit():
        result = f"VALUE_{result}"
    return result


def unique(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """The same names, with ``_2``, ``_3``... added where one repeats an earlier one or a taken name."""
    seen = set(taken)
    result: list[str] = []
    for name in names:
        candidate = name
        counter = 2
        while candidate in seen:
            candidate = f"{name}_{counter}"
            counter += 1
        seen.add(candidate)
        result.append(candidate)
    return result


CLIENT_DEPENDENCIES = frozenset(
    {"httpx", "httpcore", "anyio", "certifi", "idna", "h11", "sniffio", "typing_extensions", "pytest", "tests"}
)
"""Top-level modules a generated package, its tests and its dependencies import."""


def package_name(name: str, *, taken: Iterable[str] = ()) -> str:
    """A package name that shadows no standard module, no module the client imports, and no keyword.

    ``--name typing`` would hide the standard ``typing`` from everything the package imports;
    such a name gets ``_client`` added (``typing_client``).
    """
    result = snake(name, reserved=(), fallback="client").rstrip("_") or "client"
    shadowed = {*sys.stdlib_module_names, *CLIENT_DEPENDENCIES, *taken}
    if result in shadowed or keyword.iskeyword(result) or keyword.issoftkeyword(result) or result.startswith("_"):
        result = f"{result.lstrip('_') or 'api'}_client"
    return result


def unique_families(
    names: Iterable[str], family: Callable[[str], Iterable[str]], taken: Iterable[str] = ()
) -> list[str]:
    """Base names whose every derived name (``family(base)``) is free: a name registry that reserves them all.

    A tag ``X`` makes ``XResource`` and ``AsyncXResource``; a tag ``AsyncX`` would make
    ``AsyncXResource`` again, so it becomes ``AsyncX2`` (``AsyncX2Resource``, ``AsyncAsyncX2Resource``).
    """
    seen = set(taken)
    result: list[str] = []
    for name in names:
        candidate = name
        counter = 2
        while any(derived in seen for derived in family(candidate)):
            candidate = f"{name}{counter}"
            counter += 1
        seen.update(family(candidate))
        result.append(candidate)
    return result
