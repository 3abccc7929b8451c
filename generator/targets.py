"""What one run makes: a target is one package of one style, from its documents, into one folder."""

from __future__ import annotations

from pathlib import Path

from .immutable import immutable
from .ir import Origin
from .spec_files import SpecFiles


@immutable(kw_only=True)
class Target:
    label: str
    files: SpecFiles
    """What the API is loaded from: its documents and overlays."""
    package: str
    title: str | None
    base_url: str | None
    style: str
    out: Path
    source: str
    """What the header names as the source (``specs/topaz`` or the spec files)."""
    manifest: Path | None = None
    style_path: tuple[Path, ...] = ()
    """Folders of styles the user named (``--style-path``); built-in and installed styles need none."""
    templates: Path | None = None
    """The user's template overrides for this style (``--templates``, or ``templates:`` in ``provider.yaml``)."""
    origin: Origin | None = None
    """Where the style was named (``provider.yaml``'s ``styles``), for errors about it."""
    version: str = "0.1.0"
    """The package's version (``provider.yaml``'s ``version``)."""
    changelog: Path | None = None
    """A changelog to copy into the package as ``CHANGELOG.md``."""
