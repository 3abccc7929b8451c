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

Compiled templates are loaded, not compiled, whenever they are current: the built-in
styles' templates from ``cache.SHIPPED`` (built by ``make``), anything else from the
generator's cache, each entry keyed by the template and the kind of environment
that compiled it, and used only for the same source and Python.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.exceptions

from .. import cache
from ..immutable import immutable

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


JINJA = "jinja"
"""The folder of compiled templates, in the user's cache and in ``cache.SHIPPED``.

The built-in styles' templates are compiled ahead of time into ``cache.SHIPPED`` (``python -m
generator.precompile``, run by ``make``). An entry is used only while the template's source is the one it was
compiled from (Jinja checks the source's checksum and the Python version); otherwise the template is compiled
as if the folder were not there.
"""

_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    "autoescape": False,
}


def _flavour(cls: type[jinja2.Environment], filters: Mapping[str, Filter]) -> str:
    """What compiled code depends on besides the template: Jinja's version, the environment, the filters' kinds.

    A sandboxed environment compiles calls differently (``environment.call``), and a filter's ``pass_context``
    changes how it is called, so code compiled for one environment must never be loaded into another.
    """
    kinds = sorted((name, str(getattr(function, "jinja_pass_arg", ""))) for name, function in filters.items())
    options = sorted((name, repr(value)) for name, value in _OPTIONS.items())
    return repr((jinja2.__version__, f"{cls.__module__}.{cls.__qualname__}", options, kinds))


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates: looked up in ``read`` folders in order, new ones written to ``write``.

    The entry's name is the hash of the template's name and file and of the environment's flavour; Jinja then
    checks that the entry was compiled from the same source by the same Python. An entry that cannot be read
    or written is simply not used.
    """

    def __init__(self, read: Sequence[Path], write: Path | None, flavour: str) -> None:
        self.read = tuple(read)
        self.write = write
        self.flavour = flavour

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return cache.key(self.flavour, name, filename or "")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        for folder in self.read:
            try:
                with open(folder / f"{bucket.key}.cache", "rb") as handle:
                    bucket.load_bytecode(handle)
            except Exception:  # unreadable, or cut short (Jinja unpickles the checksum without catching)
                bucket.reset()
            if bucket.code is not None:
                return

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.write is not None:
            with contextlib.suppress(OSError):
                _write_atomically(self.write / f"{bucket.key}.cache", bucket.bytecode_to_string())


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _sandboxed() -> type[jinja2.Environment]:
    """The environment for a user's templates (imported only by a run that has some)."""
    import jinja2.sandbox

    return jinja2.sandbox.SandboxedEnvironment


def _environment(
    cls: type[jinja2.Environment], folders: Sequence[Path], filters: Mapping[str, Filter], compiled: _CompiledTemplates
) -> jinja2.Environment:
    env = cls(loader=jinja2.FileSystemLoader([str(folder) for folder in folders]), bytecode_cache=compiled, **_OPTIONS)
    env.filters.update(filters)
    return env


def precompile(folder: Path, filters: Mapping[str, Filter], into: Path) -> list[str]:
    """Compile every template (``*.j2``) of a style's ``folder`` into ``into``, as ``Templates`` loads them.

    Returns the names of the entries written (``into`` may hold other styles' entries too). A template that
    does not compile is left out: a run that renders it reports it as it always does.
    """
    compiled = _CompiledTemplates((), into, _flavour(jinja2.Environment, filters))
    env = _environment(jinja2.Environment, [folder], filters, compiled)
    written = []
    for path in sorted(folder.rglob("*.j2")):
        name = path.relative_to(folder).as_posix()
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        bucket = compiled.get_bucket(env, name, filename, source)
        try:
            bucket.code = env.compile(source, name, filename)
        except jinja2.TemplateSyntaxError:
            continue
        _write_atomically(into / f"{bucket.key}.cache", bucket.bytecode_to_string())
        written.append(f"{bucket.key}.cache")
    return written


@immutable
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
            folders = [self.overrides, self.folder] if self.overrides is not None else [self.folder]
            cls = _sandboxed() if self.overrides is not None else jinja2.Environment
            flavour = _flavour(cls, filters)
            user = cache.cache_dir()
            # the shipped folder holds the style's own templates compiled for the plain environment only: a
            # sandboxed environment (overrides) has another flavour, so it compiles (and caches) as before
            read = [cache.SHIPPED / JINJA] if self.overrides is None else []
            write = None if user is None else user / JINJA
            if write is not None:
                read.append(write)
            env = _environment(cls, folders, filters, _CompiledTemplates(read, write, flavour))
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
