"""Checks before normalisation: where ``$ref``s point, and openapi-spec-validator on the overlaid document."""

from __future__ import annotations

from typing import Any, Literal

from ..diagnostics import Diagnostics
from ..ir import Origin, escape_pointer
from ..sources import Document, Workspace
from .context import Dialect

Validation = Literal["error", "warn", "off"]
MAX_REPORTED = 25


def check_refs(workspace: Workspace, document: Document, diagnostics: Diagnostics) -> bool:
    """Refuse remote ``$ref``s and ones that leave the spec's folder, before any tool could follow them."""
    ok = True
    root = workspace.root.resolve()
    stack: list[tuple[str, Any]] = [("", document.data)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                target = ref.partition("#")[0]
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
    return ok


def validate_document(document: Document, dialect: Dialect, diagnostics: Diagnostics, mode: Validation) -> bool:
    """Run openapi-spec-validator; False when it found errors and ``mode`` makes them errors."""
    if mode == "off":
        return True
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
    report = diagnostics.error if mode == "error" else diagnostics.warning
    found = 0
    try:
        validator = validator_class(document.data, base_uri=document.path.resolve().as_uri())
        for error in validator.iter_errors():
            found += 1
            if found > MAX_REPORTED:
                continue
            path = getattr(error, "absolute_path", ())
            pointer = "".join("/" + escape_pointer(str(p)) for p in path)
            report("E020", _shorten(str(getattr(error, "message", error))), document.origin(pointer))
    except RecursionError:
        report("E020", "the validator gave up: references nest too deeply", document.origin())
        found += 1
    except Exception as exc:
        report("E020", f"the validator failed: {type(exc).__name__}: {_shorten(str(exc))}", document.origin())
        found += 1
    if found > MAX_REPORTED:
        report("E020", f"{found - MAX_REPORTED} more validation problems not shown", document.origin())
    return found == 0 or mode != "error"


def _shorten(message: str, limit: int = 300) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 3] + "..."
