"""Spec documents in, IR out: read, repair, validate, normalise per format, merge, overlay.

Two kinds of overlay: ``overlays`` (the command line's ``--overlay``, a provider's
``repairs:``) target each document as written, before it is validated, as Overlay
1.0 has it; ``normalised_overlays`` (a provider's ``overlays:``) target the merged
API normalised to OpenAPI 3.1 (``normalised.py``), so they survive a change of format.

Nothing raw leaves this package: callers get an ``ir.Api`` or diagnostics.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypedDict

from ..diagnostics import Diagnostics
from ..ir import Api, Origin
from ..overlay_trace import ActionRecord, Trace
from ..sources import Document, SourceError, Workspace, display_path, locate, read_document
from ..spec_files import SpecFiles
from .context import Dialect, LoadContext, Node
from .lenient import hint_read_past
from .load_run import LoadRun
from .merge import merge_apis
from .normalised import blame, overlay_normalised
from .openapi3 import load_openapi3
from .swagger2 import load_swagger2
from .validate import Validation, check_refs, finish_validation, start_validation, validate_document

BACKGROUND_VALIDATION_BYTES = 500_000
"""From this size a document is validated in a second process while the IR is read from it."""


def detect_dialect(document: Document, diagnostics: Diagnostics) -> Dialect | None:
    data: Any = document.data
    origin = document.origin()
    if not isinstance(data, dict):
        diagnostics.error("E003", f"the document's root is a {type(data).__name__}, not an object", origin)
        return None
    swagger, openapi = data.get("swagger"), data.get("openapi")
    if swagger is not None:
        if str(swagger) == "2.0":
            return "2.0"
        diagnostics.error(
            "E003", f"Swagger {swagger} is not read; convert it to 2.0 or OpenAPI 3", origin.child("swagger")
        )
        return None
    if isinstance(openapi, str):
        if openapi.startswith("3.0."):
            return "3.0"
        if openapi.startswith("3.1.") or openapi.startswith("3.2."):
            return "3.1"
        diagnostics.error("E003", f"OpenAPI {openapi} is not read (3.0, 3.1 are)", origin.child("openapi"))
        return None
    if openapi is not None:  # `openapi: 3.0` unquoted is a YAML number
        diagnostics.error(
            "E003", f'`openapi` must be a version string such as "3.0.3", not {openapi!r}', origin.child("openapi")
        )
        return None
    if data.get("swaggerVersion") is not None:
        diagnostics.error(
            "E003", "Swagger 1.x is not read; convert it to 2.0 or OpenAPI 3", origin.child("swaggerVersion")
        )
        return None
    diagnostics.error("E003", "neither `openapi` nor `swagger` says which format this is", origin)
    return None


class LoadOptions(TypedDict, total=False):
    """``load_api``'s optional keyword arguments, for the calls that pass them on (``pipeline.build_api``)."""

    validation: Validation
    files_read: list[Path] | None
    overlay_actions: list[ActionRecord] | None


def load_api(
    files: SpecFiles | Sequence[Path],
    *,
    diagnostics: Diagnostics,
    validation: Validation = "error",
    files_read: list[Path] | None = None,
    overlay_actions: list[ActionRecord] | None = None,
) -> Api | None:
    """The merged IR of ``files`` (one API, several documents), or None with errors in ``diagnostics``.

    ``files`` is the documents and their overlays, or the documents alone. ``files_read``, when given,
    receives every file the IR depends on (specs, ``$ref``'d files, overlays); ``overlay_actions`` what
    every overlay action matched and wrote.
    """
    if not isinstance(files, SpecFiles):
        files = SpecFiles.of(files)
    start = len(diagnostics.items)
    overlay_docs = _read_overlays(files.overlays, diagnostics)
    normalised_docs: list[Document] = []
    for overlay in _read_overlays(files.normalised_overlays, diagnostics):
        (overlay_docs if _extends_one_of(overlay, files.specs) else normalised_docs).append(overlay)
    run = LoadRun(diagnostics, validation, Trace())
    try:
        api = _load_all(files.specs, overlay_docs, normalised_docs, run, files_read)
    finally:
        if files_read is not None:
            files_read.extend(doc.path for doc in [*overlay_docs, *normalised_docs])
        if overlay_actions is not None:
            overlay_actions.extend(run.trace.actions)
    if api is None and validation == "error":
        # warn mode turns the validator's findings into warnings, so they never decide it: off reads past the
        # same as warn does, without the validator's time (most of a refused big document's run)
        again = partial(load_api, files, validation="off")
        hint_read_past(diagnostics, start, lambda found: again(diagnostics=found))
    return api


def _extends_one_of(overlay: Document, specs: Sequence[Path]) -> bool:
    """Whether ``overlay`` names one of ``specs`` as its ``extends``: then it targets that document as written.

    That is Overlay 1.0's meaning of ``extends``, and how an overlay written before ``repairs:`` and
    ``overlays:`` were kept apart (a provider folder at an older revision) still applies as it did.
    """
    extends = overlay.data.get("extends") if isinstance(overlay.data, dict) else None
    if not isinstance(extends, str) or "://" in extends:
        return False
    target = (overlay.path.parent / extends).resolve()
    return any(target == spec.resolve() for spec in specs)


def _read_overlays(paths: Sequence[Path], diagnostics: Diagnostics) -> list[Document]:
    documents: list[Document] = []
    for path in paths:
        try:
            documents.append(read_document(path, display_path(path)))
            diagnostics.extend(documents[-1].problems)
        except SourceError as exc:
            diagnostics.error(exc.code, exc.message, exc.origin)
    return documents


def _load_all(
    specs: Sequence[Path],
    overlay_docs: list[Document],
    normalised_docs: list[Document],
    run: LoadRun,
    files_read: list[Path] | None,
) -> Api | None:
    diagnostics = run.diagnostics
    apis: list[Api] = []
    documents: list[Document] = [*overlay_docs]
    for path in specs:
        start = len(diagnostics.items)
        workspace = Workspace(root=path.resolve().parent, diagnostics=diagnostics)
        api = _load_one(path, workspace, overlay_docs, run)
        documents.extend(workspace.documents.values())
        locate(diagnostics, documents, start)
        for document in workspace.documents.values():
            blame(diagnostics, run.trace, document, start)
        if files_read is not None:
            files_read.extend(doc.path for doc in workspace.documents.values())
        if api is not None:
            apis.append(api)
    if diagnostics.errors or not apis:
        return None
    start = len(diagnostics.items)
    merged = merge_apis(apis, diagnostics)
    locate(diagnostics, documents, start)  # a conflict names places in several documents
    if merged is None or not normalised_docs:
        return merged
    start = len(diagnostics.items)
    merged = overlay_normalised(merged, specs, normalised_docs, run, read=partial(_normalise, lenient=run.lenient))
    locate(diagnostics, documents, start)
    return merged


def _load_one(path: Path, workspace: Workspace, overlays: list[Document], run: LoadRun) -> Api | None:
    diagnostics, validation = run.diagnostics, run.validation
    display = display_path(path)
    before = len(diagnostics.errors)
    try:
        document = workspace.load(path, display)
    except SourceError as exc:
        diagnostics.error(exc.code, exc.message, exc.origin)
        return None
    if len(diagnostics.errors) > before:  # values no client could hold: nothing to validate or read
        return None
    for overlay in overlays:
        from ..overlay import apply_overlay  # jsonpath costs a quarter second: only with overlays

        if _written_for(overlay, document, diagnostics):
            document.data = apply_overlay(document.data, overlay, diagnostics, run.trace, document=document.display)
    dialect = detect_dialect(document, diagnostics)
    if dialect is None or len(diagnostics.errors) > before:
        return None
    checked, external = check_refs(workspace, document, diagnostics, lenient=run.lenient)
    if checked is None:
        return None
    if external or validation == "off" or len(document.raw) < BACKGROUND_VALIDATION_BYTES:
        if not validate_document(checked, dialect, diagnostics, validation, cacheable=not external):
            return None
        return _normalise(document, dialect, workspace, diagnostics, lenient=run.lenient)
    # A big document: validate it in a second process while this one reads it into the IR. What the
    # reading found counts only once the document is known to be valid (as when one followed the other).
    pending = start_validation(checked, dialect, validation, cacheable=True, in_background=True)
    read = Diagnostics()
    try:
        try:
            api = _normalise(document, dialect, workspace, read, lenient=run.lenient)
        except Exception:
            if finish_validation(pending, checked, diagnostics, validation):
                raise
            return None
        if not finish_validation(pending, checked, diagnostics, validation):
            return None
    finally:
        pending.cancel()
    diagnostics.extend(read)
    return api


_FORMAT_NAMES: dict[str, str] = {"2.0": "Swagger 2.0", "3.0": "OpenAPI 3.0", "3.1": "OpenAPI 3.1"}
FOR_FORMAT = "x-for-format"
"""An overlay's field naming the one format (``"2.0"``, ``"3.0"``, ``"3.1"``) its targets are written for."""


def _written_for(overlay: Document, document: Document, diagnostics: Diagnostics) -> bool:
    """Whether ``overlay`` applies to ``document``: it names no format, or the document's (else W002)."""
    wanted = overlay.data.get(FOR_FORMAT) if isinstance(overlay.data, dict) else None
    if wanted is None:
        return True
    where = overlay.origin(f"/{FOR_FORMAT}")
    if wanted not in _FORMAT_NAMES:
        known = ", ".join(f'"{name}"' for name in _FORMAT_NAMES)
        diagnostics.error("E050", f"`{FOR_FORMAT}` must be one of {known}, not {wanted!r}", where)
        return False
    found = detect_dialect(document, Diagnostics())
    if found is None or found == wanted:
        return True
    message = (
        f"written for {_FORMAT_NAMES[wanted]}, but {document.display} is {_FORMAT_NAMES[found]}: "
        "not applied (these repairs target a document as written; write new ones if the new format needs any)"
    )
    diagnostics.warning("W002", message, where)
    return False


def _normalise(
    document: Document, dialect: Dialect, workspace: Workspace, diagnostics: Diagnostics, *, lenient: bool = False
) -> Api | None:
    """The IR of a checked document (None, with errors, when it cannot be read as one).

    ``lenient`` (``--validation warn``): what the loader can read past is a warning (``lenient.py``).
    """
    before = len(diagnostics.errors)
    ctx = LoadContext(workspace=workspace, diagnostics=diagnostics, dialect=dialect, lenient=lenient)
    root = Node(document.data, document, "")
    try:
        api = load_swagger2(ctx, root) if dialect == "2.0" else load_openapi3(ctx, root)
    except ValueError as exc:  # an IR invariant the loader did not catch first
        diagnostics.error("E030", str(exc), Origin(file=document.display))
        return None
    return None if len(diagnostics.errors) > before else api


__all__ = ["LoadOptions", "Validation", "detect_dialect", "load_api"]
