"""IR to IR passes that every style relies on."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..ir import Api
from .behaviours import detect_behaviours
from .headers import drop_unsendable_header_values


def run_passes(api: Api, diagnostics: Diagnostics) -> Api:
    return detect_behaviours(drop_unsendable_header_values(api, diagnostics), diagnostics)


__all__ = ["run_passes"]
