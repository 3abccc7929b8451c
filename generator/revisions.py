"""What ``diff`` compares: a spec file, a provider's committed spec, or either at a git revision.

``REV:path`` takes the folder holding ``path`` out of git at ``REV`` into a
temporary folder (so relative ``$ref``s and overlays come along) and reads it
from there. A path that is a provider folder (or a provider's name) brings its
manifest's documents and overlays.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .diagnostics import Diagnostics
from .immutable import immutable
from .providers import MANIFEST, load_provider
from .spec_files import SpecFiles


@immutable
class SpecSource:
    label: str
    files: SpecFiles
    folder: Path | None = None
    """A provider's folder: its remembered names (``names.yaml``) apply to what is compared."""


def resolve_source(argument: str, specs_dir: Path, scratch: Path, diagnostics: Diagnostics) -> SpecSource | None:
    path = Path(argument)
    if ":" in argument and not path.exists():
        revision, _, inside = argument.partition(":")
        extracted = _from_git(revision, inside, scratch, diagnostics)
        if extracted is None:
            return None
        path = extracted
    elif not path.exists() and (specs_dir / argument / MANIFEST).is_file():
        path = specs_dir / argument
    if path.is_dir():
        if not (path / MANIFEST).is_file():
            diagnostics.error("E061", f"{argument}: a folder must be a provider folder with {MANIFEST}")
            return None
        provider = load_provider(path.parent, path.name, diagnostics)
        if provider is None:
            return None
        return SpecSource(label=argument, files=provider.files, folder=provider.folder)
    if not path.is_file():
        diagnostics.error("E001", f"{argument}: no such spec file, provider or REV:path")
        return None
    return SpecSource(label=argument, files=SpecFiles((path,)))


def _from_git(revision: str, inside: str, scratch: Path, diagnostics: Diagnostics) -> Path | None:
    """Extract the folder holding ``inside`` at ``revision``; the path of ``inside`` in the copy."""
    folder = str(Path(inside).parent) if Path(inside).suffix else inside
    try:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", revision, "--", folder or "."],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        diagnostics.error("E001", f"{revision}:{inside}: git is not usable here ({exc})")
        return None
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip().splitlines()
        diagnostics.error("E001", f"{revision}:{inside}: {message[-1] if message else 'git archive failed'}")
        return None
    target = Path(tempfile.mkdtemp(prefix="rev-", dir=scratch))
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / inside
