"""``python -m generator.precompile [FOLDER]``: what every run would otherwise redo, done once with the install.

``make`` runs it after installing the generator (and again when a template, the runtime or the generator's code
changes), into ``cache.SHIPPED``: the built-in styles' templates compiled (most of a small document's run was
compiling them), the Python style's copied runtime proven to compile (``selfcheck``; another large share),
the code of every dataclass method the generator's modules declare (``dataclass_code``; a third of what was left),
the matching engine's program of every regular expression they compile (``regex_code``), and the sha256 of
each of the generator's files, by size and time (``freshness.record``). A run looks entries up there after the
user's cache, by the same keys, so a changed template, runtime or source file, an override or another Python
simply misses them and is compiled (or hashed) as before. The folder is rebuilt from scratch each time: the
same inputs give the same entries, and an entry no longer built is removed.
"""

from __future__ import annotations

import compileall
import contextlib
import importlib
import pkgutil
import sys
from pathlib import Path

from . import cache, dataclass_code, freshness, regex_code
from .core.builtin import BuiltinStyle
from .core.templating import JINJA, Filter, Templates, precompile
from .styles.go import STYLE as GO
from .styles.go.literals import FILTERS as GO_FILTERS
from .styles.python import STYLE as PYTHON
from .styles.python.render import FILTERS as PYTHON_FILTERS
from .styles.python.selfcheck import CACHE_KIND, proof, syntax_error
from .styles.typescript import STYLE as TYPESCRIPT
from .styles.typescript.escaping import FILTERS as TYPESCRIPT_FILTERS

STYLES: list[tuple[BuiltinStyle, dict[str, Filter]]] = [
    (PYTHON, PYTHON_FILTERS),
    (TYPESCRIPT, TYPESCRIPT_FILTERS),
    (GO, GO_FILTERS),
]
"""Each built-in style with the filters its templates are rendered with."""


def build(into: Path) -> int:
    """Fill ``into`` (a ``cache.SHIPPED``); the number of entries it holds."""
    into.mkdir(parents=True, exist_ok=True)
    (into / ".gitignore").write_text("*\n", "utf-8")
    written: set[Path] = set()
    for style, filters in STYLES:
        written.update(into / JINJA / name for name in precompile(style.templates, filters, into / JINJA))
    for file in PYTHON.runtime_files(Templates(PYTHON.templates), "runtime"):
        if syntax_error(file.text, file.path) is None:
            path = cache.entry_path(into, CACHE_KIND, proof(file.text))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"")
            written.add(path)
    for old in [*(into / JINJA).glob("*"), *(into / CACHE_KIND).glob("*/*")]:
        if old not in written:
            with contextlib.suppress(OSError):
                old.unlink()
    compile_bytecode(Path(__file__).parent)
    _import_every_module()
    dataclass_code.save(into / dataclass_code.FILE)
    written.add(into / dataclass_code.FILE)
    regex_code.save(into / regex_code.FILE)
    written.add(into / regex_code.FILE)
    freshness.record(into / freshness.RECORD)
    written.add(into / freshness.RECORD)
    (into / ".gitignore").touch()  # make's stamp: newer than every file it was built from
    return len(written)


def compile_bytecode(folder: Path) -> None:
    """Write the ``.pyc`` of each module under ``folder`` (the generator) whose source changed since its last one.

    Python refreshes a stale ``.pyc`` as it imports the module, but not under ``PYTHONDONTWRITEBYTECODE``: there
    every run would compile the changed modules from source again (a fifth of a small document's run).
    ``compileall`` writes them whatever that setting says; a folder it cannot write only costs that time.
    """
    with contextlib.suppress(OSError):
        compileall.compile_dir(folder, quiet=2, workers=1)


def _import_every_module() -> None:
    """Import each of the generator's modules, so that every dataclass they declare is compiled and kept.

    A module that cannot be imported here is left out: its classes are compiled by the run, as before.
    """
    package = sys.modules[__package__ or "generator"]
    for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}.", onerror=lambda name: None):
        if not module.name.endswith(".__main__"):
            with contextlib.suppress(Exception):
                importlib.import_module(module.name)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    into = Path(args[0]) if args else cache.SHIPPED
    try:
        count = build(into)
    except OSError as exc:
        print(f"{into}: error: cannot write the precompiled entries: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"{count} entries precompiled into {into}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
