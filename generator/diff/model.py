"""What ``diff`` reports: a change found by one rule, and what it means in each style's public names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Literal

from ..core.style import Style
from ..immutable import immutable
from ..ir import Operation
from .rules import RULES_BY_ID, Level


@immutable
class Change:
    kind: str
    """The id of the rule that found it (``docs/diff-rules.md``)."""
    level: Level
    where: str
    """The operation (``GET /images/{id}``) or the part of the API (``servers``, ``security scheme key``)."""
    message: str
    meaning: dict[str, str] = field(default_factory=dict)
    """Style name -> what it means for code using that style's generated package."""

    @property
    def breaking(self) -> bool:
        return self.level == "breaking"

    @property
    def python(self) -> str:
        """What it means for code using the generated Python client."""
        return self.meaning.get("python", "")


Side = Literal["old", "new"]


@immutable
class Names:
    """One style's public names on both sides."""

    style: Style
    old: dict[str, str]
    new: dict[str, str]

    def method(self, op: Operation, side: Side) -> str:
        names = self.old if side == "old" else self.new
        return names.get(op.operation_id, op.operation_id)

    def call(self, op: Operation, side: Side = "new") -> str:
        return f"`{self.method(op, side)}()`"

    def member(self, name: str) -> str:
        return self.style.member_name(name)


Meaning = Callable[[Names], str]
"""What a change means, in one style's names."""


@immutable
class Found:
    """A change before its meaning is spelled in each style."""

    rule: str
    where: str
    message: str
    meaning: Meaning

    def __post_init__(self) -> None:
        if self.rule not in RULES_BY_ID:
            raise ValueError(f"no diff rule {self.rule}")

    def spelled(self, names: list[Names]) -> Change:
        return Change(
            self.rule,
            RULES_BY_ID[self.rule].level,
            self.where,
            self.message,
            {n.style.name: self.meaning(n) for n in names},
        )
