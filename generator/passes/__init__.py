"""IR to IR passes that every style relies on."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..ir import Api
from .behaviours import detect_behaviours
from .head import drop_head_bodies
from .headers import drop_unsendable_header_values


def run_passes(api: Api, diagnostics: Diagnostics) -> Api:
    return detect_behaviours(drop_head_bodies(drop_unsendable_header_values(api, diagnostics)), diagnostics)


__all__ = ["run_passes"]
