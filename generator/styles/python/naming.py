"""Python identifiers from spec names: snake_case, PascalCase, keyword-safe and collision-safe.

Every name from a spec reaches code through these functions, so whatever a
spec calls a thing (``class``, ``2fast``, ``with space``, ``__init__``), the
result is a plain identifier that shadows nothing it should not.
"""

from __future__ import annotations

import keyword
import sys
from collections.abc import Iterable

from ...core import naming as core
from ...core.naming import claim, constant, unique, unique_families

__all__ = [
    "AMBIGUOUS",
    "RESERVED",
    "claim",
    "constant",
    "member",
    "package_name",
    "pascal",
    "snake",
    "unique",
    "unique_families",
]
AMBIGUOUS = frozenset({"l", "O", "I"})
"""Names pycodestyle (ruff's E741-E743) refuses for a variable, class or function: too like ``1`` and ``0``."""

# Names a generated method or attribute must not take: keywords, builtins used in generated code,
# and the names of the runtime's own members.
RESERVED = frozenset(
    {
        *keyword.kwlist,
        *keyword.softkwlist,
        *AMBIGUOUS,
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


def snake(name: str, *, reserved: Iterable[str] = RESERVED, fallback: str = "value") -> str:
    """``getDownloadOutput`` -> ``get_download_output``; never empty, never a keyword or reserved name."""
    return core.snake(name, reserved=reserved, fallback=fallback)


def pascal(name: str, *, fallback: str = "Model") -> str:
    """``download-response`` -> ``DownloadResponse``; never empty, never starting with a digit, never a keyword."""
    return core.pascal(name, reserved=[*keyword.kwlist, *AMBIGUOUS], fallback=fallback)


def member(name: str) -> str:
    """An enum member's name: ``image/png`` -> ``IMAGE_PNG``, ``o`` -> ``O_`` (``O`` is ambiguous)."""
    result = constant(name)
    return f"{result}_" if result in AMBIGUOUS else result


CLIENT_DEPENDENCIES = frozenset(
    {"httpx", "httpcore", "anyio", "certifi", "idna", "h11", "sniffio", "typing_extensions", "pytest", "tests"}
)
"""Top-level modules a generated package, its tests and its dependencies import."""


def package_name(name: str, *, taken: Iterable[str] = ()) -> str:
    """A package name that shadows no standard module, no module the client imports, and no keyword.

    ``--name typing`` would hide the standard ``typing`` from everything the package imports;
    such a name gets ``_client`` added (``typing_client``).
    """
    shadowed = {*sys.stdlib_module_names, *CLIENT_DEPENDENCIES, *taken}
    return core.package_name(name, shadowed=shadowed, keywords={*keyword.kwlist, *keyword.softkwlist})
