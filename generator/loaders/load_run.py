"""What every step of one load shares: where findings go, what the validator's findings count as, what overlays did."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..immutable import immutable
from ..overlay_trace import Trace
from .validate import Validation


@immutable
class LoadRun:
    diagnostics: Diagnostics
    validation: Validation
    """``--validation``: ``error``, ``warn`` or ``off``."""
    trace: Trace
    """What each overlay action matched and wrote, for blame and drift."""

    @property
    def lenient(self) -> bool:
        """Whether what the loader can read past is a warning (``lenient.py``); ``off`` reads past all ``warn`` does."""
        return self.validation != "error"
