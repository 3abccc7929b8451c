"""Checks before normalisation: where ``$ref``s point, and openapi-spec-validator on the overlaid document."""

from __future__ import annotations

import json
from typing import Any, Literal

from .. import cache
from ..diagnostics import Diagnostics
from ..ir import Origin, escape_pointer
from ..sources import Document, Workspace
from .context import Dialect

Validation = Literal["error", "warn", "off"]
MAX_REPORTED = 25


def check_refs(workspace: Workspace, document: Document, diagnostics: Diagnostics) -> tuple[bool, bool]:
    """Refuse remote ``$ref``s and ones that leave the spec's folder, before any tool could follow them.

    Returns (no refused ref, some ref points at another file).
    """
    ok = True
    external = False
    root = workspace.root.resolve()
    stack: list[tuple[str, Any]] = [("", document.data)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                target = ref.partition("#")[0]
                external = external or bool(target)
                origin = Origin(file=document.display, pointer=pointer + "/$ref")
                if "://" in target or target.startswith("//"):
                    diagnostics.error("E011", f"remote $ref is not fetched: {ref!r}", origin)
                    ok = False
                elif target and not (document.path.parent / target).resolve().is_relative_to(root):
                    diagnostics.error("E011", f"$ref leaves the spec's folder: {ref!r}", origin)
                    ok = False
            stack.extend((f"{pointer}/{escape_pointer(str(k))}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(value))
    return ok, external


def validate_document(
    document: Document, dialect: Dialect, diagnostics: Diagnostics, mode: Validation, *, cacheable: bool = True
) -> bool:
    """Run openapi-spec-validator; False when it found errors and ``mode`` makes them errors.

    A document whose ``$ref``s stay inside it is validated once per content: the
    findings are cached by the hash of its canonical JSON and the validator's version.
    """
    if mode == "off":
        return True
    entry = None
    if cacheable:
        from importlib.metadata import version

        text = json.dumps(document.data, sort_keys=True, ensure_ascii=False)
        entry = cache.key("openapi-spec-validator", version("openapi-spec-validator"), dialect, text)
        cached = cache.get("validation", entry)
        if cached is not None:
            findings = [(str(p), str(m)) for p, m in json.loads(cached)]
            return _report(document, diagnostics, mode, findings)
    findings = _findings(document, dialect)
    if entry is not None:
        cache.put("validation", entry, json.dumps(findings).encode("utf-8"))
    return _report(document, diagnostics, mode, findings)


def _report(document: Document, diagnostics: Diagnostics, mode: Validation, findings: list[tuple[str, str]]) -> bool:
    report = diagnostics.error if mode == "error" else diagnostics.warning
    for pointer, message in findings[:MAX_REPORTED]:
        report("E020", message, document.origin(pointer))
    if len(findings) > MAX_REPORTED:
        report("E020", f"{len(findings) - MAX_REPORTED} more validation problems not shown", document.origin())
    return not findings or mode != "error"


def _findings(document: Document, dialect: Dialect) -> list[tuple[str, str]]:
    """(pointer, message) for each problem openapi-spec-validator reports."""
    from openapi_spec_validator import (
        OpenAPIV2SpecValidator,
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
        OpenAPIV32SpecValidator,
    )

    version = str(document.data.get("openapi", "")) if dialect != "2.0" else "2.0"
    validator_class: Any = {
        "2.0": OpenAPIV2SpecValidator,
        "3.0": OpenAPIV30SpecValidator,
        "3.1": OpenAPIV32SpecValidator if version.startswith("3.2") else OpenAPIV31SpecValidator,
    }[dialect]
    findings: list[tuple[str, str]] = []
    try:
        validator = validator_class(document.data, base_uri=document.path.resolve().as_uri())
        for error in validator.iter_errors():
            path = getattr(error, "absolute_path", ())
            pointer = "".join("/" + escape_pointer(str(p)) for p in path)
            findings.append((pointer, _shorten(str(getattr(error, "message", error)))))
    except RecursionError:
        findings.append(("", "the validator gave up: references nest too deeply"))
    except Exception as exc:  # the validator's own failure is a finding about the document, not a crash
        findings.append(("", f"the validator failed: {type(exc).__name__}: {_shorten(str(exc))}"))
    return findings


def _shorten(message: str, limit: int = 300) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 3] + "..."
