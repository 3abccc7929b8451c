"""TypeScript identifiers from spec names: camelCase, PascalCase, reserved-word-safe and collision-safe.

Every name from a spec reaches TypeScript code through these functions, so whatever a
spec calls a thing (``class``, ``constructor``, ``__proto__``, ``2fast``, ``with space``),
the result is a plain identifier that shadows nothing it should not. Property names of
interfaces and object literals keep the spec's spelling, quoted when needed.
"""

from __future__ import annotations

import functools
import json
import re

from ...core import naming as core
from ...core.naming import unique, words

RESERVED = frozenset(
    {
        # reserved words, strict-mode reserved words and contextual keywords
        *[
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "debugger",
            "default",
            "delete",
            "do",
            "else",
            "enum",
            "export",
            "extends",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "import",
            "in",
            "instanceof",
            "new",
            "null",
            "return",
            "super",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "var",
            "void",
            "while",
            "with",
            "implements",
            "interface",
            "let",
            "package",
            "private",
            "protected",
            "public",
            "static",
            "yield",
            "as",
            "async",
            "await",
            "constructor",
            "declare",
            "get",
            "set",
            "module",
            "namespace",
            "of",
            "require",
            "type",
            "from",
            "any",
            "boolean",
            "number",
            "string",
            "symbol",
            "bigint",
            "object",
            "unknown",
            "never",
            "undefined",
            "readonly",
            "keyof",
            "infer",
            "is",
            "asserts",
            "abstract",
            "satisfies",
            "accessor",
            "override",
            "out",
        ],
        "arguments",
        "eval",
        "prototype",
        "toString",
        "valueOf",
        "hasOwnProperty",
    }
)
LOCALS = frozenset(
    {
        "rt",
        "models",
        "params",
        "options",
        "save",
        "wait",
        "path",
        "sent",
        "spec",
        "result",
        "link",
        "location",
        "started",
        "streamed",
        "position",
        "credentials",
        "form",
        "source",
        "url",
        "headers",
        "status",
        "concurrency",
        "onProgress",
    }
)
"""Names the generated methods use for their own variables and callbacks' parameters (``resource.ts.j2``): a
positional argument must not take them (opendatasoft.com's path parameter ``source`` met the save helper's
``const source``: TS2300)."""
TYPE_RESERVED = frozenset(
    {
        "Array",
        "AsyncGenerator",
        "Blob",
        "BodyInit",
        "Date",
        "Headers",
        "Object",
        "Omit",
        "Partial",
        "Promise",
        "ReadableStream",
        "Readonly",
        "Record",
        "Response",
        "String",
        "Number",
        "Boolean",
        "Symbol",
        "Uint8Array",
        "AbortSignal",
        "Function",
        "Map",
        "Set",
    }
)
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")

__all__ = ["camel", "object_key", "pascal", "property_key", "unique", "words"]


def camel(name: str, *, fallback: str = "value", reserved: frozenset[str] = RESERVED) -> str:
    """``get_download_output`` -> ``getDownloadOutput``; never empty, never a reserved word."""
    return _camel(name, fallback, reserved)


@functools.lru_cache(maxsize=1 << 14)
def _camel(name: str, fallback: str, reserved: frozenset[str]) -> str:
    """``camel``, remembered: a big API names the same parameters and properties in many operations."""
    return core.camel(name, reserved=reserved, fallback=fallback)


def pascal(name: str, *, fallback: str = "Model") -> str:
    """``download-response`` -> ``DownloadResponse``; never empty, never a reserved or global type name."""
    return core.pascal(name, reserved=TYPE_RESERVED, fallback=fallback)


def property_key(name: str) -> str:
    """The spec's property name as an interface member: bare when it is an identifier, else quoted."""
    return name if _IDENTIFIER.match(name) else json.dumps(name, ensure_ascii=True)


def object_key(name: str) -> str:
    """The spec's property name as a key of an object literal; ``__proto__`` is computed so it stays a property."""
    if name == "__proto__":
        return '["__proto__"]'
    return property_key(name)


NODE_BUILTINS = frozenset(
    {
        *("assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto"),
        *("dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https"),
        *("inspector", "module", "net", "os", "path", "perf_hooks", "process", "punycode", "querystring"),
        *("readline", "repl", "stream", "string_decoder", "sys", "timers", "tls", "trace_events", "tty"),
        *("url", "util", "v8", "vm", "wasi", "worker_threads", "zlib", "test", "sea", "sqlite"),
    }
)
"""Node's built-in modules: ``import "fs"`` finds the built-in before any npm package of that name."""


def package_name(name: str) -> str:
    """A package name that is no Node built-in and no reserved word (``fs`` -> ``fs_client``)."""
    return core.package_name(
        name, shadowed=NODE_BUILTINS | {n.replace("_", "-") for n in NODE_BUILTINS}, keywords=RESERVED
    )
