"""Styles: each turns the IR into the files of one client package.

A style is a module with ``render_package(api, spec, diagnostics) -> list[RenderedFile]``
``format_files(files) -> list[str]`` (their final texts) and ``FORMATTER`` (named in each
package's lock file), plus a folder of templates under ``templates/``; see the README's
"Adding a style".
"""

from __future__ import annotations

from types import ModuleType

from .base import PackageSpec, RenderedFile

STYLES = ("python", "typescript")


def load_style(name: str) -> ModuleType | None:
    if name == "python":
        from . import python

        return python
    if name == "typescript":
        from . import typescript

        return typescript
    return None


__all__ = ["STYLES", "PackageSpec", "RenderedFile", "load_style"]
