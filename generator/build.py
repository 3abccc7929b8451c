"""From targets to files on disk: load each API, render its package, format, and write all-or-nothing.

Every target is rendered and formatted in memory first; only when all of them
succeeded is anything written, and each package folder is then swapped in
whole (written beside it, renamed into place), so a failing or interrupted run
leaves the previous tree as it was.
"""

from __future__ import annotations

import shutil
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .diagnostics import Diagnostic, Diagnostics
from .freshness import Skipped, remember, unchanged
from .ir import Origin
from .lock import LOCK_NAME, make_lock
from .output import OutputError, Swapped, check_replaceable, discard, restore, shown, stage, swap
from .progress import Progress
from .providers import MANIFEST, load_provider, provider_names
from .sources import display_path
from .styles import STYLES, PackageSpec, load_style

if TYPE_CHECKING:
    from .ir import Api
    from .loaders import Validation


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    label: str
    specs: tuple[Path, ...]
    overlays: tuple[Path, ...]
    package: str
    title: str | None
    base_url: str | None
    style: str
    out: Path
    source: str
    """What the header names as the source (``specs/topaz`` or the spec files)."""
    manifest: Path | None = None


@dataclass(frozen=True, slots=True)
class Output:
    target: Target
    api: Api
    files: dict[str, bytes]
    inputs: list[Path]
    """Every file the API was read from (manifest, documents, $ref'd files, overlays)."""
    warnings: list[Diagnostic]
    """What building it warned about."""


def provider_targets(
    specs_dir: Path, generated_dir: Path, names: Sequence[str], styles: Sequence[str], diagnostics: Diagnostics
) -> list[Target]:
    """One target per provider and style: ``generated/<style>/<package>``."""
    targets: list[Target] = []
    for name in names or provider_names(specs_dir):
        provider = load_provider(specs_dir, name, diagnostics)
        if provider is None:
            continue
        targets.extend(
            Target(
                label=provider.name,
                specs=provider.documents,
                overlays=provider.overlays,
                package=provider.package,
                title=provider.title,
                base_url=provider.base_url,
                style=style,
                out=generated_dir / style / provider.package,
                source=display_path(provider.folder),
                manifest=provider.folder / MANIFEST,
            )
            for style in styles
        )
    if not targets and not diagnostics.errors:
        diagnostics.error("E061", f"no providers found in {display_path(specs_dir)}")
    return targets


def spec_target(
    specs: Sequence[Path], overlays: Sequence[Path], name: str, out: Path, style: str, diagnostics: Diagnostics
) -> Target:
    from .styles.python.naming import package_name
    from .styles.typescript.naming import package_name as npm_package_name

    package = npm_package_name(name) if style == "typescript" else package_name(name)
    if package != name:
        diagnostics.warning("W003", f"package name {name!r} is used as {package!r}")
    return Target(
        label=name,
        specs=tuple(specs),
        overlays=tuple(overlays),
        package=package,
        title=None,
        base_url=None,
        style=style,
        out=out,
        source=", ".join(display_path(p) for p in specs),
    )


@dataclass(frozen=True, slots=True)
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
) -> Build | None:
    """Render every target in memory; None (with diagnostics) if any of them failed.

    Targets that share their documents (one provider in several styles) share one load.
    With ``reuse``, a target that ``freshness`` finds unchanged is skipped.
    """
    progress = progress or Progress(len(targets), quiet=True)
    try:
        return _build(targets, diagnostics, validation, reuse, progress)
    finally:
        progress.done()


def _build(
    targets: Sequence[Target], diagnostics: Diagnostics, validation: Validation, reuse: bool, progress: Progress
) -> Build | None:
    from .pipeline import build_api  # loading and rendering are imported only when a target needs building
    from .render import RenderError

    outputs: list[Output] = []
    skipped: list[Skipped] = []
    apis: dict[tuple[tuple[Path, ...], tuple[Path, ...]], tuple[Api | None, list[Path]]] = {}
    for target in targets:
        if target.style not in STYLES:
            diagnostics.error("E061", f"unknown style {target.style!r}; known: {', '.join(STYLES)}")
            return None
        progress.start(f"{target.label} ({target.style})")
        if reuse and (same := unchanged(target, validation, diagnostics)) is not None:
            skipped.append(same)
            continue
        style = load_style(target.style)
        assert style is not None
        first_warning = len(diagnostics.warnings)
        documents = (target.specs, target.overlays)
        if documents not in apis:
            inputs: list[Path] = [target.manifest] if target.manifest else []
            api = build_api(
                target.specs, target.overlays, diagnostics=diagnostics, validation=validation, files_read=inputs
            )
            apis[documents] = (api, inputs)
        api, inputs = apis[documents]
        if api is None:
            continue
        spec = PackageSpec(
            package=target.package,
            title=target.title,
            base_url=target.base_url,
            env_prefix=target.label.upper().replace("-", "_"),
            header=f"Generated by generator {__version__} (style {target.style}) from {target.source}. Do not edit.",
        )
        try:
            progress.step("rendering")
            rendered = style.render_package(api, spec, diagnostics)
            progress.step("formatting")
            texts = style.format_files(rendered)
            files = {f.path: text.encode("utf-8") for f, text in zip(rendered, texts, strict=True)}
        except RenderError as exc:
            diagnostics.error("E080", f"{target.label}: {exc}")
            continue
        files[LOCK_NAME] = make_lock(target.style, style.FORMATTER, inputs, files)
        warnings = diagnostics.warnings[first_warning:]
        outputs.append(Output(target, api, dict(sorted(files.items())), inputs, warnings))
    if diagnostics.errors:
        return None
    return Build(outputs, skipped)


def remember_all(outputs: Sequence[Output], validation: Validation) -> None:
    """Record each output as what is on disk now, so the next run can skip it while nothing changes."""
    for output in outputs:
        remember(output.target, validation, output.inputs, output.files, output.warnings)


def check_outputs(targets: Sequence[Target], diagnostics: Diagnostics, *, hint: str) -> None:
    """An error for each target whose folder may not be replaced (see ``output.check_replaceable``)."""
    for target in targets:
        try:
            check_replaceable(target.out, [*target.specs, *target.overlays], hint)
        except OutputError as exc:
            diagnostics.error(exc.code, exc.reason, Origin(file=shown(exc.path)))
        except OSError as exc:
            diagnostics.error("E090", f"cannot read: {exc.strerror or exc}", Origin(file=shown(target.out)))


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
            staged.append((stage_tree(output.target.out, output.files), output.target.out))
        for staging, out in staged:
            swapped.append(swap_tree(staging, out))
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
        lines.append(
            f"{output.target.label}: {len(api.operations)} operations, {len(api.schemas)} schemas -> "
            f"{display_path(output.target.out)} ({len(output.files)} files)"
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


def stage_tree(out: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` into a new hidden folder beside ``out`` (``.<name>.XXXX``) and return it."""
    return stage(out, files)


def swap_tree(staging: Path, out: Path) -> Swapped:
    """Put ``staging`` in place of ``out`` by renames, the user's files carried over; undone by ``restore``."""
    return swap(staging, out)


def replace_tree(out: Path, files: dict[str, bytes]) -> None:
    """Replace the folder ``out`` with exactly ``files`` and the user's files its ``.gitignore`` names."""
    staging = stage_tree(out, files)
    try:
        done = swap_tree(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    discard(done)
