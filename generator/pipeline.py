"""The front half of the pipeline as one call: documents and overlays in, checked IR out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Unpack

from .diagnostics import Diagnostics
from .ir import Api
from .loaders import LoadOptions, Validation, load_api
from .passes import run_passes
from .providers import Provider
from .sources import SourceError, display_path, locate, read_document
from .spec_files import SpecFiles


def build_api(
    files: SpecFiles | Sequence[Path], *, diagnostics: Diagnostics, **options: Unpack[LoadOptions]
) -> Api | None:
    """``load_api`` (its ``options``), then the passes; None with errors in ``diagnostics``."""
    if not isinstance(files, SpecFiles):
        files = SpecFiles.of(files)
    api = load_api(files, diagnostics=diagnostics, **options)
    if api is None:
        return None
    before, start = len(diagnostics.errors), len(diagnostics.items)
    api = run_passes(api, diagnostics)
    if len(diagnostics.errors) == before:
        return api
    _locate(diagnostics, files.paths, start)
    return None


def _locate(diagnostics: Diagnostics, paths: Sequence[Path], start: int) -> None:
    """Line numbers for the passes' findings, read again from the documents named (only when there are errors)."""
    documents = []
    for path in paths:
        try:
            documents.append(read_document(path, display_path(path)))
        except (OSError, SourceError):
            continue
    locate(diagnostics, documents, start)


def provider_api(provider: Provider, diagnostics: Diagnostics, validation: Validation = "error") -> Api | None:
    """The provider's API under its remembered names (``specs/<provider>/names.yaml``, see ``names.py``)."""
    from .names import read_names, remembered

    names = read_names(provider.folder, diagnostics)
    api = build_api(provider.files, diagnostics=diagnostics, validation=validation)
    return None if api is None or names is None else remembered(api, names)[0]
