"""``python -m generator.diff``: print ``docs/diff-rules.md`` from the rule table."""

from __future__ import annotations

from .rules import rules_markdown

print(rules_markdown(), end="")
