"""``diff``: the changes between two versions of one API, by rule (``docs/diff-rules.md``)."""

from __future__ import annotations

from .compare import diff_apis
from .formats import FORMATS, format_changes
from .model import Change
from .rules import RULES, RULES_BY_ID, Level, Rule
from .schemas import signature

__all__ = ["FORMATS", "RULES", "RULES_BY_ID", "Change", "Level", "Rule", "diff_apis", "format_changes", "signature"]
