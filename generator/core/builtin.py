"""What the styles shipped with the generator share: their version, a copied runtime, public names.

A built-in style (``generator/styles/<name>``) is versioned with the generator, copies
its hand-written runtime folder into every package with a "do not edit" line in the
language's comment syntax, and names an operation in its public API with its own
``method_name``. Its ``render_package`` is its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from .. import __version__
from ..ir import Api, Operation
from .style import RenderedFile, Style
from .templating import Templates

RUNTIME = "runtime"
"""The folder of a style's templates that is copied, not rendered."""


class BuiltinStyle(Style):
    """A ``Style`` shipped with the generator; a subclass names itself, its runtime's files and comment syntax.

    ``class GoStyle(BuiltinStyle, name="go", runtime_suffix=".go", comment_prefix="//")``: its
    templates are ``templates/<name>``; it sets its ``formatter`` itself.
    """

    version = __version__
    runtime_suffix: ClassVar[str]
    """The runtime's source files (``.py``, ``.ts``)."""
    comment_prefix: ClassVar[str]
    """How a line comment starts in the runtime's language (``#``, ``//``)."""

    def __init_subclass__(cls, *, name: str, runtime_suffix: str, comment_prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.name = name
        cls.templates = templates_of(name)
        cls.runtime_suffix = runtime_suffix
        cls.comment_prefix = comment_prefix

    def operation_name(self, operation: Operation) -> str:
        """An operation's name in the package's public API; the operationId unless a style says otherwise."""
        return operation.operation_id

    def public_names(self, api: Api) -> dict[str, str]:
        return {op.operation_id: self.operation_name(op) for op in api.operations}

    def runtime_files(self, templates: Templates, into: str) -> list[RenderedFile]:
        """The runtime's files, each as its override or as shipped, below ``into`` (a folder of the package)."""
        files: list[RenderedFile] = []
        for source in sorted((self.templates / RUNTIME).glob(f"*{self.runtime_suffix}")):
            header = (
                f"{self.comment_prefix} Copied by generator {__version__} from "
                f"templates/{self.name}/{RUNTIME}/{source.name}. Do not edit.\n"
            )
            template = f"{RUNTIME}/{source.name}"
            files.append(
                RenderedFile(path=f"{into}/{source.name}", text=header + templates.source(template), template=template)
            )
        return files


def templates_root(package: Path) -> Path:
    """The built-in styles' template folder for the ``generator`` package at ``package``.

    An install (a wheel) carries them inside the package, as ``generator/templates`` (see ``setup.py``); a
    checkout keeps them beside it, at the repository's top level. The installed folder is asked first: beside an
    installed package is ``site-packages``, where a ``templates`` folder would be another distribution's.
    """
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


TEMPLATES = templates_root(Path(__file__).resolve().parents[1])
"""The built-in styles' templates, one folder per style (``templates_of``)."""


def templates_of(style: str) -> Path:
    """The template folder of the built-in style ``style``."""
    return TEMPLATES / style
