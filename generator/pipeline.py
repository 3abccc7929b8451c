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


def build_api(
    specs: Sequence[Path],
    overlays: Sequence[Path] = (),
    *,
    diagnostics: Diagnostics,
    **options: Unpack[LoadOptions],
) -> Api | None:
    """``load_api`` (its ``options``), then the passes; None with errors in ``diagnostics``."""
    api = load_api(specs, overlays, diagnostics=diagnostics, **options)
    if api is None:
        return None
    before = len(diagnostics.errors)
    api = run_passes(api, diagnostics)
    return None if len(diagnostics.errors) > before else api


def provider_api(provider: Provider, diagnostics: Diagnostics, validation: Validation = "error") -> Api | None:
    """The provider's API under its remembered names (``specs/<provider>/names.yaml``, see ``names.py``)."""
    from .names import read_names, remembered

    names = read_names(provider.folder, diagnostics)
    api = build_api(
        provider.documents,
        provider.repairs,
        normalised_overlays=provider.overlays,
        diagnostics=diagnostics,
        validation=validation,
    )
    return None if api is None or names is None else remembered(api, names)[0]
