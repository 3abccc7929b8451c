"""Finding a style by name: built in, installed (an entry point), or in a folder the user names.

Built-in styles are imported only when asked for, so a run that renders one style
never imports another. An installed style is an entry point in the group
``generator.styles`` naming a ``Style`` instance. A folder style is
``DIR/<name>/__init__.py`` defining ``STYLE``; folders come only from the command
line (``--style-path``), never from a spec folder, so reading a spec never runs
code.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .style import Style

ENTRY_POINT_GROUP = "generator.styles"
BUILTIN = {
    "python": "generator.styles.python",
    "typescript": "generator.styles.typescript",
    "go": "generator.styles.go",
}
"""Built-in styles: name -> module defining ``STYLE``."""
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class StyleNotFoundError(Exception):
    """No style of that name, or what was found is not a style: one line saying which and why."""


def find_style(name: str, search: Sequence[Path] = ()) -> Style:
    """The style called ``name``: built in first, then the folders of ``search`` in order, then entry points."""
    if not _NAME.match(name):
        raise StyleNotFoundError(f"{name!r} is not a style name (lowercase letters, digits and '-')")
    if name in BUILTIN:
        return _checked(name, importlib.import_module(BUILTIN[name]).STYLE, f"module {BUILTIN[name]}")
    for folder in search:
        init = folder / name / "__init__.py"
        if init.is_file():
            return _checked(name, _load_folder(name, init), str(init))
    from importlib.metadata import entry_points  # only for a style neither built in nor in a folder

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            try:
                style = entry.load()
            except Exception as exc:  # an installed package that fails to import is the user's environment
                raise StyleNotFoundError(f"style {name!r} ({entry.value}) failed to load: {exc}") from exc
            return _checked(name, style, f"entry point {entry.value}")
    raise StyleNotFoundError(f"unknown style {name!r}; known: {', '.join(known_styles(search))}")


def known_styles(search: Sequence[Path] = ()) -> list[str]:
    """Every style name that ``find_style`` would find, sorted (built-in ones first)."""
    found = {p.name for folder in search if folder.is_dir() for p in folder.iterdir() if (p / "__init__.py").is_file()}
    from importlib.metadata import entry_points

    found |= {entry.name for entry in entry_points(group=ENTRY_POINT_GROUP)}
    return list(BUILTIN) + sorted(found - BUILTIN.keys())


def _load_folder(name: str, init: Path) -> object:
    # one module per folder: two --style-path folders may each hold a style of the same name
    where = hashlib.sha256(str(init.resolve()).encode()).hexdigest()[:12]
    module_name = f"generator_style_{name.replace('-', '_')}_{where}"
    if module_name in sys.modules:
        return getattr(sys.modules[module_name], "STYLE", None)
    spec = importlib.util.spec_from_file_location(module_name, init, submodule_search_locations=[str(init.parent)])
    if spec is None or spec.loader is None:
        raise StyleNotFoundError(f"{init}: cannot be loaded as a Python package")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[module_name]
        raise StyleNotFoundError(f"{init}: failed to load: {type(exc).__name__}: {exc}") from exc
    return getattr(module, "STYLE", None)


def _checked(name: str, style: object, where: str) -> Style:
    if not isinstance(style, Style):
        raise StyleNotFoundError(f"{where}: STYLE is not an instance of generator.core.style.Style")
    if style.name != name:
        raise StyleNotFoundError(f"{where}: STYLE is named {style.name!r}, not {name!r}")
    return style
