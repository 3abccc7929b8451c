"""Overlays that outlive the vendor's format: applied to the API normalised to OpenAPI 3.1.

A provider's ``overlays:`` do not target the vendor's documents as written but
the one OpenAPI 3.1 document ``generator export`` writes for them: the
documents are read (with their ``repairs:``) and merged into the IR, the IR is
written back as OpenAPI 3.1, the overlays are applied to that, and the result is
validated and read again. So one overlay serves a vendor's Swagger 2.0, OpenAPI
3.0 and 3.1 documents alike: its targets name 3.1 places (``components/schemas``,
``content``, ``schema`` of a parameter) whatever the vendor wrote.

Findings in the normalised document are shown at its pointers, under the name
``NORMALISED_SUFFIX`` after the first document's (``generator export`` writes
the same document, to look at). A finding at a node an action wrote names that
action (see ``blame``). The IR read back keeps the vendor's origins, or the
action's where an action wrote the node (``origins.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from ..diagnostics import Diagnostics
from ..export import export_api
from ..ir import Api
from ..overlay_trace import Trace
from ..sources import Document, Workspace, display_path
from .context import Dialect
from .load_run import LoadRun
from .origins import restore_origins
from .validate import check_refs, validate_document

NORMALISED_SUFFIX = " (normalised to OpenAPI 3.1)"

Reader = Callable[[Document, Dialect, Workspace, Diagnostics], "Api | None"]
"""The loaders' last step: a checked document of a format into the IR."""


def normalised_name(specs: Sequence[Path]) -> str:
    """The display name of the normalised document of ``specs``."""
    return display_path(specs[0]) + NORMALISED_SUFFIX


def overlay_normalised(
    api: Api, specs: Sequence[Path], overlays: Sequence[Document], run: LoadRun, *, read: Reader
) -> Api | None:
    """``api`` exported as OpenAPI 3.1, with ``overlays`` applied, checked and ``read`` again (None on errors)."""
    from ..overlay import apply_overlay  # jsonpath costs a quarter second: only with overlays

    diagnostics, trace = run.diagnostics, run.trace
    display = normalised_name(specs)
    before = len(diagnostics.errors)
    data = export_api(api)
    for overlay in overlays:
        data = apply_overlay(data, overlay, diagnostics, trace, document=display)
    if len(diagnostics.errors) > before:
        return None
    raw = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    document = Document(path=specs[0].resolve().parent / display, display=display, data=data, raw=raw)
    # What the first reading found was reported at the vendor's places; read again, only what an
    # overlay caused is new: errors, and warnings at nodes an action wrote.
    found = Diagnostics()
    api_again: Api | None = None
    workspace = Workspace(root=specs[0].resolve().parent, diagnostics=found)
    workspace.add(document)
    checked, external = check_refs(workspace, document, found, lenient=run.lenient)
    if checked is not None and validate_document(checked, "3.1", found, run.validation, cacheable=not external):
        api_again = read(document, "3.1", workspace, found)
    blamed = blame(found, trace, document, 0)
    diagnostics.extend(d for i, d in enumerate(found) if d.severity == "error" or i in blamed)
    if api_again is None or len(diagnostics.errors) > before:
        return None
    restored: Api = restore_origins(api_again, api, trace, display)
    return restored


def blame(diagnostics: Diagnostics, trace: Trace, document: Document, start: int) -> set[int]:
    """Name, in findings from ``start`` on that lie in ``document``, the overlay action that wrote their node.

    Returns the indexes of the findings blamed.
    """
    blamed: set[int] = set()
    for i in range(start, len(diagnostics.items)):
        diag = diagnostics.items[i]
        if diag.origin is None or diag.origin.file != document.display:
            continue
        record = trace.blamed(document.display, diag.origin.pointer)
        if record is not None and record.blame() not in diag.message:
            line = diag.line if diag.line is not None else document.line_of(diag.origin.pointer)
            diagnostics.items[i] = replace(diag, message=f"{diag.message} {record.blame()}", line=line)
            blamed.add(i)
    return blamed
