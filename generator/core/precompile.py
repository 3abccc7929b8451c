"""``python -m generator.core.precompile``: the built-in styles' templates compiled ahead of time.

``make`` runs it after installing the generator (and again when a template changes), so a run that uses the
built-in templates as they are loads their compiled code instead of compiling them (most of a small
document's run). The folder (``templating.SHIPPED``) is rebuilt from scratch each time: the same templates
give the same entries; an entry that no longer belongs to any template is removed. Nothing depends on the
folder being there or current: a template whose entry is missing or stale is compiled as before.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Mapping
from pathlib import Path

from .registry import BUILTIN
from .templating import SHIPPED, Filter, precompile

FILTERS = {
    "python": "generator.styles.python.render",
    "typescript": "generator.styles.typescript.escaping",
    "go": "generator.styles.go.literals",
}
"""Built-in style -> the module whose ``FILTERS`` its templates are rendered with."""


def style_filters(style: str) -> Mapping[str, Filter]:
    filters: Mapping[str, Filter] = importlib.import_module(FILTERS[style]).FILTERS
    return filters


def build(into: Path = SHIPPED) -> int:
    """Compile every built-in style's templates into ``into``; the number of entries written."""
    into.mkdir(parents=True, exist_ok=True)
    (into / ".gitignore").write_text("*\n", "utf-8")
    written: set[str] = set()
    for name in BUILTIN:
        style = importlib.import_module(BUILTIN[name]).STYLE
        written.update(precompile(style.templates, style_filters(name), into))
    for old in into.glob("*.cache"):
        if old.name not in written:
            with contextlib.suppress(OSError):
                old.unlink()
    (into / ".gitignore").touch()  # make's stamp: newer than every template it was built from
    return len(written)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    into = Path(args[0]) if args else SHIPPED
    try:
        count = build(into)
    except OSError as exc:
        print(f"{into}: error: cannot write compiled templates: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"{count} templates compiled into {into}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
