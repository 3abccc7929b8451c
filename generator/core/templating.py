"""Jinja for every style: a style's template folder, a user's overrides file by file, and their hashes.

A style renders through a ``Templates``: its own folder, and optionally a folder
of the user's templates (``--templates DIR`` or ``templates:`` in
``provider.yaml``) whose files replace the style's files of the same relative
name. Environments are configured as the house style wants them
(``StrictUndefined``, ``trim_blocks``, ``lstrip_blocks``, ``keep_trailing_newline``,
no autoescaping: each style escapes with its own filters). Once overrides are
in play the environment is a ``SandboxedEnvironment``: a user's template can
print what it is given and call the style's filters, but not reach into
Python (attributes starting with ``_``, unsafe callables).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.exceptions
import jinja2.sandbox

from .. import cache

Filter = Callable[..., Any]


class TemplateError(Exception):
    """A template could not be found, parsed or rendered: which one (file and line when known), and why."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.path and self.line else f"{self.path}: " if self.path else ""
        return where + self.message


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled once, kept in the generator's cache (``generator.cache``) under their source's hash.

    Compiling the big templates is most of a small package's rendering time. An entry that cannot be read
    or written is simply not used.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    root = cache.cache_dir()
    return None if root is None else _CompiledTemplates(str(root / "jinja"))


@dataclass(frozen=True, slots=True)
class Templates:
    """Where a style's templates come from: its own folder, then (first) the user's overrides."""

    folder: Path
    overrides: Path | None = None
    _environments: dict[tuple[tuple[str, int], ...], jinja2.Environment] = field(
        default_factory=dict, compare=False, repr=False
    )

    def environment(self, filters: Mapping[str, Filter]) -> jinja2.Environment:
        """The environment with ``filters`` installed (one per set of filters, reused)."""
        key = tuple(sorted((name, id(function)) for name, function in filters.items()))
        env = self._environments.get(key)
        if env is None:
            folders = [str(self.overrides)] if self.overrides is not None else []
            folders.append(str(self.folder))
            cls = jinja2.sandbox.SandboxedEnvironment if self.overrides is not None else jinja2.Environment
            env = cls(
                loader=jinja2.FileSystemLoader(folders),
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=True,
                autoescape=False,
                bytecode_cache=_bytecode_cache(),
            )
            env.filters.update(filters)
            self._environments[key] = env
        return env

    def render(self, filters: Mapping[str, Filter], template: str, **context: Any) -> str:
        """Render ``template`` (a path relative to the template folders) with ``context``.

        Every failure of a user's template is a ``TemplateError`` naming the file (and line);
        without overrides, an exception other than Jinja's own is a bug of the style and propagates.
        """
        env = self.environment(filters)
        try:
            return env.get_template(template).render(**context)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template {exc.name} not found in {self._where()}") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(exc.message or "syntax error", exc.filename or template, exc.lineno) from exc
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(f"not allowed in a template: {exc}", self.path_of(template)) from exc
        except jinja2.UndefinedError as exc:
            raise TemplateError(exc.message or "undefined value", self.path_of(template)) from exc
        except Exception as exc:
            if self.overrides is None:
                raise
            raise TemplateError(f"{type(exc).__name__}: {exc}", self.path_of(template)) from exc

    def path_of(self, template: str) -> str:
        """The file ``template`` is read from: the user's override when there is one."""
        if self.overrides is not None and (self.overrides / template).is_file():
            return str(self.overrides / template)
        return str(self.folder / template)

    def source(self, name: str) -> str:
        """The text of a file copied as it is (a runtime module): the user's override of it, or the style's."""
        return Path(self.path_of(name)).read_text("utf-8")

    def overridden(self) -> dict[str, str]:
        """Every override file (relative path) with its sha256, for the lock file; empty without overrides.

        Hidden files and folders (``.git``, editor backups starting with ``.``) are not overrides.
        """
        if self.overrides is None:
            return {}
        found: dict[str, str] = {}
        for path in sorted(self.overrides.rglob("*")):
            relative = path.relative_to(self.overrides).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in relative.split("/")):
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        return found

    def unknown_overrides(self) -> list[str]:
        """Override files that replace nothing of the style's (probably a typo): relative paths."""
        return [name for name in self.overridden() if not (self.folder / name).is_file()]

    def _where(self) -> str:
        return f"{self.overrides} or {self.folder}" if self.overrides else str(self.folder)
