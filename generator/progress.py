"""One status line on a terminal while a long run works: which package, which step.

Written to standard error and only when it is a terminal, so logs and pipes
never see it; the line is cleared when the run ends.
"""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    def __init__(self, total: int, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = not quiet and self.stream.isatty()
        self.index = 0
        self.width = 0

    def start(self, label: str) -> None:
        """A new target begins."""
        self.index += 1
        self.label = label
        self.step("loading")

    def step(self, what: str) -> None:
        if not self.enabled:
            return
        text = f"[{self.index}/{self.total}] {self.label}: {what}"
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def done(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
