"""What overlay actions did: the nodes each matched and wrote, to blame findings on them and to see drift.

Kept apart from ``overlay.py`` so reading a record costs no JSONPath import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .immutable import immutable
from .ir import Origin

BLAMED_WORDS = 4
"""How many words of an action's description a finding blamed on it quotes."""


@immutable
class ActionRecord:
    """What one action of one overlay did to one document."""

    overlay: str
    """The overlay's display name."""
    index: int
    line: int | None
    """The line of ``/actions/<index>`` in the overlay."""
    description: str
    document: str
    """The display name of the document it was applied to."""
    matched: tuple[str, ...]
    """The JSON pointers its target selected, in document order."""
    written: tuple[str, ...]
    """The JSON pointers of the nodes its update added or replaced, or its removal took away."""

    @property
    def origin(self) -> Origin:
        """Where the action is written (``line`` is its line)."""
        return Origin(file=self.overlay, pointer=f"/actions/{self.index}")

    def blame(self) -> str:
        """``(set by overlay.yaml#/actions/3:57 'Both download endpoints answer ...')``."""
        where = f"{self.overlay}#/actions/{self.index}" + (f":{self.line}" if self.line is not None else "")
        words = self.description.split()
        quoted = " ".join(words[:BLAMED_WORDS]) + (" ..." if len(words) > BLAMED_WORDS else "")
        return f"(set by {where}" + (f" {quoted!r})" if quoted else ")")


@dataclass(slots=True)
class Trace:
    """The records of every action applied while it was passed along, in the order they ran."""

    actions: list[ActionRecord] = field(default_factory=list)

    def blamed(self, document: str, pointer: str) -> ActionRecord | None:
        """The last action that wrote the deepest node holding ``pointer`` in ``document``, if any."""
        best: tuple[int, ActionRecord] | None = None
        for record in self.actions:
            if record.document != document:
                continue
            for written in record.written:
                if (pointer == written or pointer.startswith(written + "/")) and (
                    best is None or len(written) >= best[0]
                ):
                    best = (len(written), record)
        return None if best is None else best[1]

    def inside(self, document: str, pointer: str) -> ActionRecord | None:
        """The last action that wrote a node inside the one at ``pointer`` in ``document``, if any."""
        found: ActionRecord | None = None
        for record in self.actions:
            if record.document == document and any(w.startswith(pointer + "/") for w in record.written):
                found = record
        return found
