"""IR to IR passes that every style relies on."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..ir import Api
from .behaviours import detect_behaviours
from .head import drop_head_bodies
from .headers import drop_unsendable_header_values
from .null_answers import drop_null_contents


def run_passes(api: Api, diagnostics: Diagnostics) -> Api:
    answers = drop_null_contents(drop_head_bodies(drop_unsendable_header_values(api, diagnostics)))
    return detect_behaviours(answers, diagnostics)


__all__ = ["run_passes"]
