"""``generator update PROVIDER NEWFILE...``: a vendor's new documents in, a pull request's worth of change out.

1. The new documents replace the manifest's ``documents`` in a staged copy of the
   provider's folder (a new file name is written into ``provider.yaml``); nothing
   the provider had besides the old documents is dropped.
2. The staged folder is built as ``generate`` builds it: overlays re-applied, the
   remembered names (``names.yaml``) kept. An overlay action that matches nothing
   any more is listed under "Needs attention".
3. The new API is compared with the one the committed client was generated from
   (``diff``); the packages' ``version`` in ``provider.yaml`` goes up a major for a
   breaking change, a minor for any other change, a patch otherwise; an entry is
   added on top of ``CHANGELOG.md`` (copied into every package).
4. The staged folder is swapped in and every package regenerated, all or nothing:
   if anything fails, the provider's folder and ``generated/`` stay as they were.

The report (markdown, for a pull request) goes to ``--report FILE`` or standard output;
when the update is refused it says what to fix.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import EXIT_INVALID, EXIT_OK, Diagnostic, Diagnostics
from .immutable import immutable
from .ir import Api, Origin
from .loaders import Validation
from .providers import CHANGELOG, DEFAULT_VERSION, MANIFEST, VERSION, Provider, load_provider
from .sources import display_path


@immutable
class Plan:
    """What an update found before anything is swapped in."""

    old_version: str
    new_version: str
    bump: str
    changes_markdown: str
    breaking: int
    changes: int
    attention: list[str]


def bump_version(version: str, *, breaking: bool, changed: bool) -> tuple[str, str]:
    """(the next version, which part went up): breaking -> major, any other change -> minor, else patch."""
    match = VERSION.match(version)
    major, minor, patch = (int(g) for g in match.groups()) if match else (0, 1, 0)
    if breaking:
        return f"{major + 1}.0.0", "major"
    if changed:
        return f"{major}.{minor + 1}.0", "minor"
    return f"{major}.{minor}.{patch + 1}", "patch"


def changelog_text(previous: str, version: str, api: Api, documents: Sequence[str], changes: str) -> str:
    """``previous`` with an entry for ``version`` on top (under the ``# Changelog`` title)."""
    title = "# Changelog\n"
    rest = previous[len(title) :] if previous.startswith(title) else previous
    entry = (
        f"\n## {version}\n\n"
        f"From the vendor's {', '.join(f'`{d}`' for d in documents)} (API version `{_one_line(api.version)}`).\n\n"
        f"{changes.strip()}\n"
    )
    return title + entry + rest


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("`", "'")


def manifest_text(text: str, documents: Sequence[str] | None, version: str) -> str:
    """``provider.yaml`` with new ``documents`` (when given) and ``version``; every other line as it was."""
    lines = text.splitlines(keepends=True)
    if documents is not None:
        value = "[" + ", ".join(_yaml_string(d) for d in documents) + "]"
        lines = _set_key(lines, "documents", value)
    lines = _set_key(lines, "version", _yaml_string(version))
    return "".join(lines)


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _set_key(lines: list[str], key: str, value: str) -> list[str]:
    """The top-level ``key`` (with any indented or list lines under it) replaced by ``key: value``."""
    out: list[str] = []
    skipping = False
    done = False
    for line in lines:
        if skipping and (line.startswith((" ", "\t", "-")) or not line.strip()):
            continue
        skipping = False
        if re.match(rf"^{key}\s*:", line) and not done:
            out.append(f"{key}: {value}\n")
            skipping = done = True
            continue
        out.append(line)
    if not done:
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        out.append(f"{key}: {value}\n")
    return out


def update(
    specs_dir: Path,
    generated_dir: Path,
    name: str,
    new_files: Sequence[Path],
    diagnostics: Diagnostics,
    *,
    styles: Sequence[str] = (),
    validation: Validation = "error",
    strict: bool = False,
) -> tuple[int, str]:
    """Apply a vendor update; (exit code, the markdown report). Nothing changes unless everything succeeds."""
    provider = load_provider(specs_dir, name, diagnostics)
    if provider is None or not _files_ok(provider, new_files, diagnostics):
        return EXIT_INVALID, _refused(name, diagnostics)
    from .pipeline import provider_api

    old_api = provider_api(provider, diagnostics, validation)
    if old_api is None:
        diagnostics.error("E064", "the current documents do not build: fix them (or `generate`) before updating")
        return EXIT_INVALID, _refused(name, diagnostics)
    try:
        scratch = Path(tempfile.mkdtemp(prefix=f".{name}-update-", dir=specs_dir))
    except OSError as exc:
        diagnostics.error(
            "E091", f"cannot stage the update: {exc.strerror or exc}", Origin(file=display_path(specs_dir))
        )
        return EXIT_INVALID, _refused(name, diagnostics)
    try:
        run = _Run(scratch, specs_dir, generated_dir, diagnostics, tuple(styles), validation, strict)
        return _update(provider, old_api, new_files, run)
    except OSError as exc:  # reading the new files or staging the copy: the user's environment
        where = exc.filename if isinstance(exc.filename, str) else str(specs_dir)
        diagnostics.error(
            "E091", f"cannot stage the update: {exc.strerror or exc}", Origin(file=display_path(Path(where)))
        )
        return EXIT_INVALID, _refused(name, diagnostics)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _files_ok(provider: Provider, new_files: Sequence[Path], diagnostics: Diagnostics) -> bool:
    names = [f.name for f in new_files]
    before = len(diagnostics.errors)
    if not new_files:
        diagnostics.error("E064", "name the vendor's new documents")
    keep = {MANIFEST, CHANGELOG, "names.yaml", *(p.name for p in (*provider.repairs, *provider.overlays))}
    for path in new_files:
        origin = Origin(file=display_path(path))
        if not path.is_file():
            diagnostics.error("E001", "is not a file", origin)
        elif path.name in keep:
            diagnostics.error(
                "E064", f"a document may not be named {path.name!r}: the provider's folder has one", origin
            )
        elif names.count(path.name) > 1:
            diagnostics.error("E064", f"two new documents are named {path.name!r}", origin)
    return len(diagnostics.errors) == before


@immutable
class _Run:
    """What every step of one update shares: its scratch folder, the folders it writes, how it builds."""

    scratch: Path
    specs_dir: Path
    generated_dir: Path
    diagnostics: Diagnostics
    styles: tuple[str, ...]
    validation: Validation
    strict: bool


def _update(provider: Provider, old_api: Api, new_files: Sequence[Path], run: _Run) -> tuple[int, str]:
    from .diff import diff_apis, format_changes
    from .pipeline import provider_api

    diagnostics, validation = run.diagnostics, run.validation
    staged_specs = run.scratch / "specs"
    staged = staged_specs / provider.name
    shutil.copytree(provider.folder, staged, symlinks=True)
    for old in provider.documents:
        if old.parent == provider.folder:
            (staged / old.name).unlink(missing_ok=True)
    for path in new_files:
        shutil.copyfile(path, staged / path.name)
    documents = [path.name for path in new_files]
    same_documents = documents == [p.name for p in provider.documents]
    manifest = (provider.folder / MANIFEST).read_text("utf-8")
    (staged / MANIFEST).write_text(manifest_text(manifest, None if same_documents else documents, provider.version))

    staged_diagnostics = Diagnostics()
    staged_provider = load_provider(staged_specs, provider.name, staged_diagnostics)
    new_api = provider_api(staged_provider, staged_diagnostics, validation) if staged_provider else None
    located = _relocated(staged_diagnostics, staged, provider.folder, new_files)
    diagnostics.extend(located)
    attention = [d.format() for d in located if d.code == "W002"]
    if new_api is None or diagnostics.has_errors(strict=run.strict):
        return EXIT_INVALID, _refused(provider.name, diagnostics, attention)

    changes = diff_apis(old_api, new_api)
    breaking = sum(1 for c in changes if c.breaking)
    version, bump = bump_version(provider.version, breaking=breaking > 0, changed=bool(changes))
    markdown = format_changes(changes, "markdown", f"{provider.name} {provider.version}", f"{provider.name} {version}")
    plan = Plan(provider.version, version, bump, markdown, breaking, len(changes), attention)
    (staged / MANIFEST).write_text(manifest_text(manifest, None if same_documents else documents, version))
    previous = provider.changelog.read_text("utf-8") if provider.changelog else ""
    (staged / CHANGELOG).write_text(changelog_text(previous, version, new_api, documents, markdown), "utf-8")
    code = _swap_and_generate(provider, staged, run)
    if code != EXIT_OK:
        return code, _refused(provider.name, diagnostics, attention)
    return EXIT_OK, _report(provider.name, plan)


def _swap_and_generate(provider: Provider, staged: Path, run: _Run) -> int:
    """Swap the staged folder in, build every package in memory, write them all; on any failure, swap back."""
    from .build import build_targets, provider_targets, remember_all, uninterrupted, write_names, write_targets
    from .output import OutputError

    diagnostics, validation = run.diagnostics, run.validation
    backup = run.scratch / "previous"
    with uninterrupted(until_exit=False):
        ok = False
        moved_aside = swapped_in = False
        try:
            os.rename(provider.folder, backup)
            moved_aside = True
            os.rename(staged, provider.folder)
            swapped_in = True
            targets = provider_targets(run.specs_dir, run.generated_dir, [provider.name], list(run.styles), diagnostics)
            build = None if diagnostics.errors else build_targets(targets, diagnostics, validation=validation)
            if build is not None and not diagnostics.has_errors(strict=run.strict):
                try:
                    write_targets(build.outputs)
                except (OutputError, OSError) as exc:
                    diagnostics.error(
                        "E091", f"cannot write the packages: {exc}", Origin(file=display_path(run.generated_dir))
                    )
                else:
                    write_names(build.outputs)
                    remember_all(build.outputs, validation)
                    ok = True
        except OSError as exc:  # the folders could not be swapped: the user's folder goes back below
            diagnostics.error(
                "E091",
                f"cannot replace the provider folder: {exc.strerror or exc}",
                Origin(file=display_path(provider.folder)),
            )
        finally:
            if not ok and moved_aside:  # never leave the user's folder in the scratch folder that gets deleted
                if swapped_in:
                    shutil.rmtree(provider.folder)
                os.rename(backup, provider.folder)
    return EXIT_OK if ok else EXIT_INVALID


def _relocated(found: Diagnostics, staged: Path, folder: Path, new_files: Sequence[Path]) -> list[Diagnostic]:
    """The staged run's findings, placed in the user's files: new documents where they were given, others in place."""
    where = {display_path(staged / path.name): display_path(path) for path in new_files}
    prefix = display_path(staged)
    result: list[Diagnostic] = []
    for diag in found:
        origin = diag.origin
        if origin is not None:
            file = where.get(origin.file)
            if file is None and origin.file.startswith(prefix):
                file = display_path(folder) + origin.file[len(prefix) :]
            if file is not None:
                origin = dataclasses.replace(origin, file=file)
        message = diag.message.replace(prefix, display_path(folder))
        result.append(dataclasses.replace(diag, origin=origin, message=message))
    return result


def _report(name: str, plan: Plan) -> str:
    lines = [
        f"# Vendor update: {name} {plan.old_version} -> {plan.new_version} ({plan.bump})",
        "",
        f"{plan.changes} change(s), {plan.breaking} breaking: the packages' version goes up a {plan.bump}.",
        "",
    ]
    if plan.attention:
        lines += ["## Needs attention", "", "Overlay actions that match nothing in the new documents:", ""]
        lines += [f"- `{line}`" for line in plan.attention] + [""]
    lines += ["## Changes", "", plan.changes_markdown.strip() or "No change to the clients' API.", ""]
    return "\n".join(lines)


def _refused(name: str, diagnostics: Diagnostics, attention: Sequence[str] = ()) -> str:
    lines = [f"# Vendor update: {name} refused", "", "Nothing was changed. Fix these, then run the update again:", ""]
    lines += [f"- `{d.format()}`" for d in diagnostics.errors]
    if attention:
        lines += ["", "Overlay actions that match nothing in the new documents:", ""]
        lines += [f"- `{line}`" for line in attention]
    return "\n".join(lines) + "\n"


__all__ = ["DEFAULT_VERSION", "bump_version", "changelog_text", "manifest_text", "update"]
