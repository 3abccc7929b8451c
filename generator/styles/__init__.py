"""Styles: each turns the IR into the files of one client package.

A style is a module with ``render_package(api, spec, diagnostics) -> list[RenderedFile]``
and ``format_files(files) -> list[str]`` (their final texts), plus a folder of templates under ``templates/``.
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
