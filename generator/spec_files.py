"""The files one API is loaded from, as one record.

A target, a provider and a source ``diff`` compares each hold one; ``pipeline.build_api`` loads one;
a build loads each only once for all the targets that share it (one provider in several styles).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .immutable import immutable


@immutable
class SpecFiles:
    specs: tuple[Path, ...]
    """The API's documents (several are merged into one API)."""
    overlays: tuple[Path, ...] = ()
    """Overlays applied to each document as written (``--overlay``, a provider's ``repairs:``)."""
    normalised_overlays: tuple[Path, ...] = ()
    """Overlays applied to the API normalised to OpenAPI 3.1 (``--overlay-normalised``, a provider's ``overlays:``)."""

    @classmethod
    def of(
        cls, specs: Iterable[Path], overlays: Iterable[Path] = (), normalised_overlays: Iterable[Path] = ()
    ) -> SpecFiles:
        return cls(tuple(specs), tuple(overlays), tuple(normalised_overlays))

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every file named: the documents, then the overlays in the order they apply."""
        return (*self.specs, *self.overlays, *self.normalised_overlays)
