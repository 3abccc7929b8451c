"""The style interface: what the generator asks of a style, and what it hands one.

A style turns the IR (``generator.ir.Api``) into the files of one package. It is a
subclass of ``Style`` with a name, a version and a template folder, found by
``generator.core.registry.find_style``:

- built in: ``python``, ``typescript`` (``generator.core.registry.BUILTIN``);
- installed: a distribution's entry point in the group ``generator.styles``
  (``markdown = my_package:STYLE``) naming a ``Style`` instance;
- a folder: ``--style-path DIR`` where ``DIR/<name>/__init__.py`` defines ``STYLE``.
  Only the command line names code to run: a ``provider.yaml`` may name a style,
  never a path to code.

The generator calls ``render_package`` once per package, with the package's
``PackageSpec`` and a ``StyleContext`` (diagnostics to report into, the templates
to render: the style's folder, replaced file by file by the user's overrides);
then ``check_files`` on the result before anything is written. The lock file of
every package records ``name``, ``version`` and ``formatter`` (``identity``) and the
sha256 of every override used, so ``check`` reports a package made by another
version of its style, or with other overrides, as drift. ``package_name`` turns a
user's ``--name`` into the style's package name; ``public_names`` tells ``diff``
what an operation is called in the style's public API.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from ..diagnostics import Diagnostics
from ..immutable import immutable
from ..ir import Api
from .templating import Templates


@immutable(kw_only=True)
class PackageSpec:
    """The package to make: its name and what the user said about it."""

    package: str
    """The package's import name (Python) or module name (other styles)."""
    title: str | None
    base_url: str | None
    env_prefix: str
    """Prefix of the environment variables credentials are read from (``TOPAZ`` -> ``TOPAZ_API_KEY``)."""
    header: str
    """The "generated, do not edit" line every file starts with (each style writes it as a comment)."""
    version: str = "0.1.0"
    """The package's own version (not the API's)."""


@immutable(kw_only=True)
class RenderedFile:
    path: str
    """Relative to the package's output folder, with forward slashes."""
    text: str
    """The file's final text, written as it is (UTF-8)."""
    template: str | None = None
    """The template it was rendered from, if any: named when ``check_files`` finds it broken."""
    once: bool = False
    """The user's file, created once: written only where it is missing, never compared by ``check``."""


@immutable
class StyleContext:
    """What a style gets besides the IR and the package: where to report, and its templates."""

    diagnostics: Diagnostics
    templates: Templates


class RenderError(Exception):
    """A style cannot render its output (a formatter refused generated code): reported as an error, nothing written."""


class ScratchWriteError(RenderError):
    """A style's scratch files (a formatter's input) cannot be written: the system's cause (a full disk, a
    file size limit), reported as the output's own write failure (E091) at the package folder."""

    def __init__(self, exc: OSError, path: str) -> None:
        super().__init__(f"{path}: {exc.strerror or exc}")
        self.reason = exc.strerror or str(exc)
        self.path = path
        """A file of the package (relative to its folder) in the batch whose scratch copies could not be written."""


@immutable(kw_only=True)
class OutputProblem:
    """A generated file that is not valid code: a bug in a template or a view-model."""

    path: str
    line: int | None
    message: str
    template: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        made = f" (from template {self.template})" if self.template else ""
        return f"{where}{made}: {self.message}"


class Style(ABC):
    """One kind of package (a language, or any other rendering of an API); subclass and instantiate once."""

    name: ClassVar[str]
    """How users name the style (``--style NAME``): lowercase letters, digits and ``-``."""
    version: ClassVar[str]
    """The style's own version, recorded in every lock file; change it whenever the output changes."""
    formatter: ClassVar[str]
    """The formatter and version the output is in (or what writes it), recorded in every lock file."""
    templates: ClassVar[Path]
    """The style's own template folder, which ``--templates DIR`` overrides file by file."""

    @abstractmethod
    def render_package(self, api: Api, spec: PackageSpec, context: StyleContext) -> list[RenderedFile]:
        """Every file of the package, in final form; problems with the API go to ``context.diagnostics``.

        Render templates with ``context.templates.render(filters, "path/in/folder.j2", **values)``;
        a style's filters are the only way spec text may reach code (escape per context).
        Deterministic: the same API and spec give the same files, in the same order.
        """

    def check_files(self, files: Sequence[RenderedFile]) -> list[OutputProblem]:
        """Problems in the rendered files (they are written only when there are none); none by default.

        A style that can prove its output is valid cheaply (compile it, parse it) does it here, so a
        broken template or view-model is an internal error naming the file and template, not a broken
        package on disk.
        """
        return []

    def package_name(self, name: str) -> str:
        """The package name the style uses for a user's ``--name`` (the caller warns when it differs).

        By default the name as given; a style whose packages must be identifiers of its language
        maps it here, deterministically.
        """
        return name

    def public_names(self, api: Api) -> dict[str, str]:
        """What each operation is called in the package's public API: operationId -> name; empty by default.

        ``diff`` uses it to say what a change means to code using a package of this style.
        """
        return {}

    def member_name(self, name: str) -> str:
        """What a parameter or property called ``name`` in the spec is called in the package's public API."""
        return name

    def identity(self) -> dict[str, str]:
        """What the lock file records of the style."""
        return {"name": self.name, "version": self.version, "formatter": self.formatter}


class BrokenOutputError(Exception):
    """``check_files`` found problems: a bug in the style, not in the user's input (an internal error)."""

    def __init__(self, style: str, problems: Sequence[OutputProblem]) -> None:
        shown = "; ".join(str(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"style {style} rendered invalid code: {shown}{more}")
        self.problems = list(problems)
