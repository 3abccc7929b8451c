"""Go identifiers from spec names: exported and unexported names, initialisms, reserved words, package names.

Every name from a spec reaches Go code through these functions, so whatever a spec
calls a thing (``type``, ``func``, ``2fast``, ``with space``, ``download_url``), the
result is a plain identifier: exported names in PascalCase with Go's initialisms
(``DownloadURL``, ``ProcessID``), locals in camelCase that shadow no keyword, no
predeclared identifier and no imported package.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ...core import naming as core
from ...core.naming import unique_families, words

__all__ = ["INITIALISMS", "KEYWORDS", "exported", "local", "package_ident", "package_name", "unique"]

KEYWORDS = frozenset(
    [
        "break",
        "case",
        "chan",
        "const",
        "continue",
        "default",
        "defer",
        "else",
        "fallthrough",
        "for",
        "func",
        "go",
        "goto",
        "if",
        "import",
        "interface",
        "map",
        "package",
        "range",
        "return",
        "select",
        "struct",
        "switch",
        "type",
        "var",
    ]
)
PREDECLARED = frozenset(
    [
        "any",
        "append",
        "bool",
        "byte",
        "cap",
        "clear",
        "close",
        "comparable",
        "complex",
        "complex128",
        "complex64",
        "copy",
        "delete",
        "error",
        "false",
        "float32",
        "float64",
        "imag",
        "int",
        "int16",
        "int32",
        "int64",
        "int8",
        "iota",
        "len",
        "make",
        "max",
        "min",
        "new",
        "nil",
        "panic",
        "print",
        "println",
        "real",
        "recover",
        "rune",
        "string",
        "true",
        "uint",
        "uint16",
        "uint32",
        "uint64",
        "uint8",
        "uintptr",
    ]
)
IMPORTS = frozenset(
    [
        "apicore",
        "bytes",
        "context",
        "errors",
        "fmt",
        "http",
        "io",
        "json",
        "os",
        "strconv",
        "strings",
        "testing",
        "time",
        "url",
    ]
)
"""Packages a generated file imports: a local of the same name would shadow them."""
LOCALS = frozenset(
    [
        "c",
        "ctx",
        "err",
        "out",
        "params",
        "query",
        "headers",
        "req",
        "resp",
        "body",
        "opts",
        "path",
        "save",
        "wait",
        "form",
        "item",
        "items",
        "cookie",
        "cookies",
    ]
)
"""Names the generated methods use for their own variables."""
RESERVED = KEYWORDS | PREDECLARED | IMPORTS | LOCALS

INITIALISMS = frozenset(
    [
        "ACL",
        "API",
        "ASCII",
        "CPU",
        "CSS",
        "DNS",
        "EOF",
        "GUID",
        "HTML",
        "HTTP",
        "HTTPS",
        "ID",
        "IP",
        "JSON",
        "LHS",
        "QPS",
        "RAM",
        "RHS",
        "RPC",
        "SLA",
        "SMTP",
        "SQL",
        "SSH",
        "TCP",
        "TLS",
        "TTL",
        "UDP",
        "UI",
        "UID",
        "UUID",
        "URI",
        "URL",
        "UTF8",
        "VM",
        "XML",
        "XMPP",
        "XSRF",
        "XSS",
    ]
)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def unique(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """The same names, with ``2``, ``3``... added where one repeats an earlier one or a taken name (Go's habit)."""
    return unique_families(names, lambda name: (name,), taken)


def claim(name: str, taken: set[str]) -> str:
    """``name`` or its first free numbered form (``unique``'s), which ``taken`` receives."""
    return core.claim(name, taken, joint="")


def claim_all(names: Iterable[str], taken: set[str]) -> list[str]:
    """``claim`` for each of ``names`` in turn."""
    return core.claim_all(names, taken, joint="")


def _word(word: str) -> str:
    return word.upper() if word.upper() in INITIALISMS else word[:1].upper() + word[1:]


@functools.lru_cache(maxsize=1 << 16)  # a big spec names the same properties and types thousands of times
def exported(name: str, *, fallback: str = "Value") -> str:
    """``download_url`` -> ``DownloadURL``, ``processId`` -> ``ProcessID``; never empty, never a digit first."""
    result = "".join(_word(w) for w in words(name)) or fallback
    if result[0].isdigit():
        result = fallback + result
    return result


def local(name: str, *, reserved: Iterable[str] = RESERVED, fallback: str = "value") -> str:
    """``process_id`` -> ``processID``, ``type`` -> ``type_``: an unexported name that shadows nothing."""
    parts = words(name)
    if not parts:
        result = fallback
    else:
        first = parts[0].lower() if parts[0].upper() in INITIALISMS else parts[0][:1].lower() + parts[0][1:]
        result = first + "".join(_word(w) for w in parts[1:])
    if result[0].isdigit():
        result = fallback + result[:1].upper() + result[1:]
    if result in (reserved if isinstance(reserved, (set, frozenset)) else set(reserved)):
        result += "_"
    return result


def package_name(name: str) -> str:
    """The package (folder and module) name of a user's ``--name``: snake case that shadows no import."""
    return core.package_name(name, shadowed=IMPORTS | {"internal", "main"}, keywords=KEYWORDS | PREDECLARED)


def package_ident(package: str) -> str:
    """The Go package clause of a package folder: lowercase letters and digits (``topaz_images`` -> ``topazimages``)."""
    result = "".join(ch for ch in package.lower() if ch.isascii() and ch.isalnum()) or "client"
    if result[0].isdigit():
        result = "client" + result
    if result in KEYWORDS | PREDECLARED | IMPORTS | {"main", "internal"}:
        result += "client"
    return result


def is_identifier(text: str) -> bool:
    return bool(_IDENT.match(text)) and text not in KEYWORDS
