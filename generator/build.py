"""From targets to files on disk: load each API, render its package, format, and write all-or-nothing.

Every target is rendered and formatted in memory first; only when all of them
succeeded is anything written, and each package folder is then swapped in
whole (written beside it, renamed into place), so a failing or interrupted run
leaves the previous tree as it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .core.coverage import Coverage, coverage
from .core.registry import BUILTIN, StyleNotFoundError, find_style
from .core.style import (
    BrokenOutputError,
    PackageSpec,
    RenderedFile,
    RenderError,
    ScratchWriteError,
    Style,
    StyleContext,
)
from .core.templating import TemplateError, Templates
from .diagnostics import Diagnostic, Diagnostics
from .freshness import Skipped, remember, unchanged
from .immutable import immutable
from .ir import Origin
from .lock import LOCK_NAME, make_lock, record_overlays
from .names import NAMES_FILE, stable_names
from .output import (
    OutputError,
    Swapped,
    check_replaceable,
    discard,
    folder_of,
    restore,
    shown,
    stage,
    swap,
    write_file,
)
from .progress import Progress
from .providers import CHANGELOG, MANIFEST, load_provider, provider_names
from .sources import display_path
from .spec_files import SpecFiles
from .targets import Target

if TYPE_CHECKING:
    from .ir import Api
    from .loaders import Validation
    from .overlay_trace import ActionRecord


@immutable
class Output:
    target: Target
    api: Api
    files: dict[str, bytes]
    inputs: list[Path]
    """Every file the API was read from (manifest, documents, $ref'd files, overlays)."""
    warnings: list[Diagnostic]
    """What building it warned about (replayed when a later run skips it)."""
    style: Style
    templates: Templates
    names: tuple[Path, bytes] | None = None
    """A provider's remembered names to write (``names.yaml``) when they are new or were extended."""
    coverage: Coverage | None = None
    """What the API left untyped or skipped (said on the ``generate`` line)."""
    once: dict[str, bytes] = field(default_factory=dict)
    """The user's files the style creates once (``RenderedFile.once``): written only where missing, never compared."""


def provider_targets(
    specs_dir: Path,
    generated_dir: Path,
    names: Sequence[str],
    styles: Sequence[str],
    diagnostics: Diagnostics,
    *,
    style_path: Sequence[Path] = (),
    templates: Path | None = None,
) -> list[Target]:
    """One target per provider and style: ``generated/<style>/<package>``.

    ``styles`` (from ``--style``) wins over the provider's ``styles:``; without either, the built-in
    styles. ``templates`` (from ``--templates``, only with one style) wins over the provider's ``templates:``.
    """
    targets: list[Target] = []
    for name in names or provider_names(specs_dir):
        provider = load_provider(specs_dir, name, diagnostics)
        if provider is None:
            continue
        manifest = provider.folder / MANIFEST
        chosen = list(styles) or list(provider.styles) or list(BUILTIN)
        for style in chosen:
            origin = Origin(file=display_path(manifest)).child("styles") if not styles and provider.styles else None
            targets.append(
                Target(
                    label=provider.name,
                    files=provider.files,
                    package=provider.package,
                    title=provider.title,
                    base_url=provider.base_url,
                    style=style,
                    out=generated_dir / style / provider.package,
                    source=display_path(provider.folder),
                    manifest=manifest,
                    version=provider.version,
                    changelog=provider.changelog,
                    style_path=tuple(style_path),
                    templates=templates if templates is not None else provider.templates.get(style),
                    origin=origin,
                )
            )
    if not targets and not diagnostics.errors:
        diagnostics.error("E061", f"no providers found in {display_path(specs_dir)}")
    return targets


def spec_target(
    files: SpecFiles,
    name: str,
    out: Path,
    style: str,
    diagnostics: Diagnostics,
    *,
    style_path: Sequence[Path] = (),
    templates: Path | None = None,
) -> Target:
    """The target of ``generate --spec``: the package name is the style's form of ``name`` (a warning if it differs)."""
    package = name
    found = load_styles([style], style_path, diagnostics).get(style)
    if found is not None:
        package = found.package_name(name)
        if package != name:
            diagnostics.warning("W003", f"package name {name!r} is used as {package!r}")
    return Target(
        label=name,
        files=files,
        package=package,
        title=None,
        base_url=None,
        style=style,
        out=out,
        source=", ".join(display_path(p) for p in files.specs),
        style_path=tuple(style_path),
        templates=templates,
    )


def load_styles(
    names: Sequence[str], style_path: Sequence[Path], diagnostics: Diagnostics, origin: Origin | None = None
) -> dict[str, Style]:
    """Each style of ``names`` that can be found and loaded; an error (E062) for each that cannot."""
    found: dict[str, Style] = {}
    for name in dict.fromkeys(names):
        try:
            found[name] = find_style(name, style_path)
        except StyleNotFoundError as exc:
            diagnostics.error("E062", str(exc), origin)
    return found


def target_templates(target: Target, style: Style, diagnostics: Diagnostics) -> Templates:
    """The templates ``target`` renders with: the style's folder and the user's overrides (warned if unused)."""
    templates = Templates(style.templates, target.templates)
    for name in templates.unknown_overrides():
        assert target.templates is not None
        diagnostics.warning(
            "W011",
            f"replaces no template of style {style.name!r} (its templates are in {display_path(style.templates)})",
            Origin(file=display_path(target.templates / name)),
        )
    return templates


@immutable
class Build:
    outputs: list[Output]
    """Targets rendered in memory, ready to write or compare."""
    skipped: list[Skipped]
    """Targets whose inputs, generator and output folder are as last time (only with ``reuse``)."""


def build_targets(
    targets: Sequence[Target],
    diagnostics: Diagnostics,
    *,
    validation: Validation,
    reuse: bool = False,
    progress: Progress | None = None,
    rename: bool = False,
) -> Build | None:
    """Render every target in memory; None (with diagnostics) if any of them failed.

    Targets that share their documents (one provider in several styles) share one load.
    With ``reuse``, a target that ``freshness`` finds unchanged is skipped.
    """
    progress = progress or Progress(len(targets), quiet=True)
    try:
        return _build(targets, diagnostics, validation, reuse, progress, rename)
    finally:
        progress.done()


def _build(
    targets: Sequence[Target],
    diagnostics: Diagnostics,
    validation: Validation,
    reuse: bool,
    progress: Progress,
    rename: bool = False,
) -> Build | None:
    from .core.inheritance import with_derived_unions
    from .pipeline import build_api  # loading and rendering are imported only when a target needs building

    styles: dict[tuple[str, tuple[Path, ...]], Style] = {}
    for target in targets:
        key = (target.style, target.style_path)
        if key not in styles:
            found = load_styles([target.style], target.style_path, diagnostics, target.origin)
            if target.style in found:
                styles[key] = found[target.style]
    if diagnostics.errors:
        return None
    outputs: list[Output] = []
    skipped: list[Skipped] = []
    apis: dict[SpecFiles, tuple[Api | None, list[Path], tuple[Path, bytes] | None]] = {}
    overlay_actions: dict[SpecFiles, list[ActionRecord]] = {}
    coverages: dict[SpecFiles, Coverage] = {}
    for target in targets:
        style = styles[(target.style, target.style_path)]
        progress.start(f"{target.label} ({target.style})")
        templates = target_templates(target, style, diagnostics)
        first_warning = len(diagnostics.warnings)  # what the build warns about, replayed when it is skipped
        if reuse and (same := unchanged(target, style, templates, validation, diagnostics)) is not None:
            skipped.append(same)
            continue
        documents = target.files
        if documents not in apis:
            inputs: list[Path] = [target.manifest] if target.manifest else []
            actions: list[ActionRecord] = []
            api = build_api(
                documents, diagnostics=diagnostics, validation=validation, files_read=inputs, overlay_actions=actions
            )
            overlay_actions[documents] = actions
            pending = None
            if api is not None and target.manifest is not None:
                api, pending = stable_names(api, target.manifest.parent, diagnostics, rename=rename)
                inputs.append(target.manifest.parent / NAMES_FILE)
            apis[documents] = (api, inputs, pending)
            if api is not None:
                coverages[documents] = coverage(api, diagnostics.warnings[first_warning:])
        api, inputs, pending = apis[documents]
        if api is None:
            continue
        spec = PackageSpec(
            package=target.package,
            title=target.title,
            base_url=target.base_url,
            env_prefix=target.label.upper().replace("-", "_"),
            header=f"Generated by generator {__version__} (style {target.style}) from {target.source}. Do not edit.",
            version=target.version,
        )
        try:
            progress.step("rendering")
            rendered = style.render_package(with_derived_unions(api), spec, StyleContext(diagnostics, templates))
            progress.step("checking")
            problems = style.check_files(rendered)
        except ScratchWriteError as exc:  # what stops the formatter's files stops the package's own
            diagnostics.error("E091", f"cannot write: {exc.reason}", Origin(file=shown(target.out / exc.path)))
            continue
        except RenderError as exc:  # or the checker could not run (a tool missing, no space for its files)
            diagnostics.error("E080", f"{target.label}: {exc}")
            continue
        except TemplateError as exc:
            origin = Origin(file=display_path(Path(exc.path))) if exc.path else None
            diagnostics.extend(
                [Diagnostic(severity="error", code="E081", message=exc.message, origin=origin, line=exc.line)]
            )
            continue
        overridden = templates.overridden()
        for problem in problems:  # from a user's template: the user's input is wrong, not the style
            if problem.template in overridden:
                origin = Origin(file=display_path(Path(templates.path_of(problem.template))))
                message = f"renders invalid code: {problem}"
                diagnostics.extend([Diagnostic(severity="error", code="E081", message=message, origin=origin)])
        if any(p.template not in overridden for p in problems):
            raise BrokenOutputError(style.name, [p for p in problems if p.template not in overridden])
        if problems:
            continue
        texts = list(rendered)  # the only reference to the texts from here: let go of one by one
        del rendered
        files, once = _encoded(texts)
        if target.changelog is not None:
            files[CHANGELOG] = target.changelog.read_bytes()
            inputs = [*inputs, target.changelog]
        files[LOCK_NAME] = make_lock(
            style.identity(), templates.overridden(), inputs, files, dict([pending] if pending else []), once
        )
        warnings = diagnostics.warnings[first_warning:]
        # drift is between this build and the lock it replaces: said once, never replayed by a later skip
        files[LOCK_NAME] = record_overlays(files[LOCK_NAME], target.out, overlay_actions[documents], diagnostics)
        untyped = coverages[documents]
        files_sorted = dict(sorted(files.items()))
        outputs.append(
            Output(
                target,
                api,
                files_sorted,
                inputs,
                warnings,
                style,
                templates,
                pending,
                untyped,
                dict(sorted(once.items())),
            )
        )
    if diagnostics.errors:
        return None
    return Build(outputs, skipped)


def _encoded(rendered: list[RenderedFile]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The files as UTF-8 (the package's, the user's created once), in order; ``rendered`` is emptied as it
    goes, so a big module's text and its bytes are not both kept."""
    files: dict[str, bytes] = {}
    once: dict[str, bytes] = {}
    rendered.reverse()
    while rendered:
        file = rendered.pop()
        (once if file.once else files)[file.path] = file.text.encode("utf-8")
    return files, once


def remember_all(outputs: Sequence[Output], validation: Validation) -> None:
    """Record each output as what is on disk now, so the next run can skip it while nothing changes."""
    for output in outputs:
        remember(
            output.target,
            output.style,
            output.templates,
            validation,
            output.inputs,
            output.files,
            output.warnings,
            once=output.once,
        )


def write_names(outputs: Sequence[Output]) -> list[str]:
    """Write each provider's remembered names that are new or were extended (once per file)."""
    written: dict[Path, bytes] = {}
    for output in outputs:
        if output.names is not None and output.names[0] not in written:
            path, data = output.names
            write_file(path, data)
            written[path] = data
    return [f"remembered names -> {display_path(path)}" for path in written]


def check_outputs(targets: Sequence[Target], diagnostics: Diagnostics, *, hint: str) -> None:
    """An error for each target whose folder may not be replaced (see ``output.check_replaceable``)."""
    for target in targets:
        try:
            check_replaceable(target.out, target.files.paths, hint)
        except OutputError as exc:
            diagnostics.error(exc.code, exc.reason, Origin(file=shown(exc.path)))
        except OSError as exc:
            diagnostics.error("E090", f"cannot read: {exc.strerror or exc}", Origin(file=shown(target.out)))


def missing_once(output: Output) -> dict[str, bytes]:
    """The user's files created once that the package folder does not have (any file there is the user's, kept)."""
    folder = folder_of(output.target.out)
    return {path: data for path, data in output.once.items() if not os.path.lexists(folder / path)}


def write_targets(outputs: Sequence[Output]) -> list[str]:
    """Stage every package beside its folder, then swap them in; one line per package saying what was written.

    Nothing under the output changes until every package is staged; the swaps
    are renames, and the previous folders are kept until the last swap is done,
    so a failure at any point (disk full, a bad path, Ctrl-C) puts back the
    previous tree, with the user's files in it, and removes the staging folders.
    A folder that is not the generator's to replace, and every OSError, is an
    ``OutputError`` (the path and the cause). The command line calls it inside
    ``uninterrupted()``: a Ctrl-C while it writes is held back, and the write
    completes (or fails and restores), so a run never ends as interrupted with
    the new tree in place.
    """
    staged: list[tuple[Path, Path]] = []
    swapped: list[Swapped] = []
    try:
        for output in outputs:
            check_replaceable(output.target.out)
        for output in outputs:
            staged.append((stage(output.target.out, {**output.files, **missing_once(output)}), output.target.out))
        for staging, out in staged:
            swapped.append(swap(staging, out))
    except BaseException:
        for done in reversed(swapped):
            restore(done)
        raise
    finally:
        for staging, _ in staged:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    for done in swapped:
        discard(done)
    lines: list[str] = []
    for output in outputs:
        api = output.api
        notes = "".join(f", {note}" for note in output.coverage.notes()) if output.coverage else ""
        inline = f" ({output.coverage.schema_nodes} counting inline ones)" if output.coverage else ""
        lines.append(
            f"{output.target.label}: {len(api.operations)} operations, {len(api.schemas)} schemas{inline}{notes} -> "
            f"{display_path(output.target.out)} ({len(output.files) + len(output.once)} files)"
        )
    return lines


@contextmanager
def uninterrupted(*, until_exit: bool = False) -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) for the block; if it completes, drop one that came meanwhile.

    For the short last step of a run (writing, recording): a Ctrl-C then either
    comes too late and the run succeeds, or the block fails, the old tree is put
    back and the Ctrl-C stops the run. With ``until_exit`` (a program about to
    end), Ctrl-C stays ignored after the block, so it cannot turn the finished run
    into an interrupted one on its way out. POSIX and the main thread only;
    elsewhere a no-op. Only this thread holds SIGINT back: in a process with
    other threads one of them may take it (the command line starts none).
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    completed = False
    try:
        yield
        completed = True
    finally:
        handler = signal.getsignal(signal.SIGINT)
        if completed:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # discards a pending Ctrl-C
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
        if not (completed and until_exit):
            signal.signal(signal.SIGINT, handler)
