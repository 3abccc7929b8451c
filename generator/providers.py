"""Provider folders under ``specs/``: a manifest naming the documents, overlays and package.

```yaml
provider: topaz                       # the folder's name
package: topaz_images                 # the generated package's import name
title: Topaz Labs Image API
base_url: https://api.topazlabs.com/image/v1
documents: [download-output.json, download-input.json]
repairs: [repairs.yaml]               # optional: overlays applied in order to every document as written
overlays: [overlay.yaml]              # overlays applied in order to the merged API normalised to OpenAPI 3.1
styles: [python, typescript]          # optional: style names (never a path to code); default: the built-in styles
templates: {python: templates-python} # optional: per style, a folder of template overrides inside this folder
version: 1.4.0                        # optional: the packages' version (default 0.1.0); `generator update` bumps it
```

``repairs:`` are needed only where a document cannot be read as shipped (a ``$ref`` to
nothing, a field its format requires); they target the vendor's format and may have
to be rewritten when the vendor changes it. ``overlays:`` target the one OpenAPI 3.1
document the documents normalise to (``generator export``), so they survive a vendor's
move from Swagger 2.0 to OpenAPI 3.0 or 3.1 (docs/overlays.md).
"""

from __future__ import annotations

import keyword
import re
from dataclasses import field
from pathlib import Path

from .diagnostics import Diagnostics
from .immutable import immutable
from .ir import Origin
from .sources import display_path, read_reported
from .spec_files import SpecFiles

MANIFEST = "provider.yaml"
CHANGELOG = "CHANGELOG.md"
"""A provider's changelog (kept by ``generator update``), copied into each of its packages."""
DEFAULT_VERSION = "0.1.0"
VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_PACKAGE = re.compile(r"^[a-z][a-z0-9_]*$")
_KEYS = {"provider", "package", "title", "base_url", "documents", "overlays"}
_OPTIONAL = {"version", "styles", "templates", "repairs"}
_STYLE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@immutable(kw_only=True)
class Provider:
    name: str
    package: str
    title: str
    base_url: str
    folder: Path
    documents: tuple[Path, ...]
    overlays: tuple[Path, ...]
    """Applied to the merged API normalised to OpenAPI 3.1."""
    repairs: tuple[Path, ...] = ()
    """Applied to every document as written, before it is validated."""
    styles: tuple[str, ...] = ()
    """The styles to generate by default (names only); empty: the built-in styles."""
    templates: dict[str, Path] = field(default_factory=dict)
    """Style name -> folder of template overrides, inside the provider's folder."""
    version: str = DEFAULT_VERSION
    """The version of the provider's packages (``major.minor.patch``)."""

    @property
    def changelog(self) -> Path | None:
        path = self.folder / CHANGELOG
        return path if path.is_file() else None

    @property
    def files(self) -> SpecFiles:
        """What its API is loaded from: the documents, the ``repairs:`` and the ``overlays:``."""
        return SpecFiles(self.documents, self.repairs, self.overlays)

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every file the provider's output depends on."""
        return (self.folder / MANIFEST, *self.files.paths)


def provider_names(specs_dir: Path) -> list[str]:
    if not specs_dir.is_dir():
        return []
    return sorted(p.name for p in specs_dir.iterdir() if (p / MANIFEST).is_file())


def load_provider(specs_dir: Path, name: str, diagnostics: Diagnostics) -> Provider | None:
    folder = specs_dir / name
    path = folder / MANIFEST
    display = display_path(path)
    if not path.is_file():
        known = ", ".join(provider_names(specs_dir)) or "none"
        diagnostics.error("E061", f"no provider {name!r} in {display_path(specs_dir)} (known: {known})")
        return None
    document = read_reported(path, display, diagnostics)
    if document is None:
        return None
    data = document.data
    origin = Origin(file=display)
    before = len(diagnostics.errors)
    if not isinstance(data, dict):
        diagnostics.error("E060", "the manifest must be a mapping", origin)
        return None
    for key in sorted(set(data) - _KEYS - _OPTIONAL):
        diagnostics.error("E060", f"unknown key {key!r}", origin.child(key))
    for key in sorted(_KEYS - set(data)):
        diagnostics.error("E060", f"missing key {key!r}", origin)
    if diagnostics.errors[before:]:
        return None
    if data["provider"] != name:
        diagnostics.error("E060", f"`provider` must be the folder's name {name!r}", origin.child("provider"))
    package = data["package"]
    if not isinstance(package, str) or not _PACKAGE.match(package) or keyword.iskeyword(package):
        diagnostics.error("E060", "`package` must be a lower-case Python identifier", origin.child("package"))
    for key in ("title", "base_url"):
        if not isinstance(data[key], str) or not data[key]:
            diagnostics.error("E060", f"`{key}` must be a non-empty string", origin.child(key))
    files: dict[str, tuple[Path, ...]] = {}
    for key in ("documents", "overlays", "repairs"):
        files[key] = _files(folder, data.get(key, []), origin.child(key), diagnostics, allow_empty=key != "documents")
    styles = _styles(data.get("styles"), origin.child("styles"), diagnostics) if "styles" in data else ()
    templates = _templates(folder, data.get("templates"), origin.child("templates"), diagnostics)
    version = data.get("version", DEFAULT_VERSION)
    if not isinstance(version, str) or not VERSION.match(version):
        diagnostics.error(
            "E060", "`version` must be a string MAJOR.MINOR.PATCH, such as '1.4.0'", origin.child("version")
        )
    if diagnostics.errors[before:]:
        return None
    return Provider(
        styles=styles,
        templates=templates,
        version=version,
        name=name,
        package=package,
        title=data["title"],
        base_url=data["base_url"],
        folder=folder,
        documents=files["documents"],
        overlays=files["overlays"],
        repairs=files["repairs"],
    )


def _files(
    folder: Path, value: object, origin: Origin, diagnostics: Diagnostics, *, allow_empty: bool
) -> tuple[Path, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or (not value and not allow_empty):
        diagnostics.error("E060", "must be a list of file names in the provider's folder", origin)
        return ()
    paths: list[Path] = []
    for i, name in enumerate(value):
        path = folder / name
        if not path.resolve().is_relative_to(folder.resolve()) or not path.is_file():
            diagnostics.error("E060", f"{name!r} is not a file in {display_path(folder)}", origin.child(i))
        paths.append(path)
    return tuple(paths)


def _styles(value: object, origin: Origin, diagnostics: Diagnostics) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        diagnostics.error("E060", "must be a non-empty list of style names", origin)
        return ()
    for i, name in enumerate(value):
        if not _STYLE_NAME.match(name):
            diagnostics.error(
                "E060",
                f"{name!r} is not a style name (lowercase letters, digits and '-'; never a path)",
                origin.child(i),
            )
    if len(set(value)) != len(value):
        diagnostics.error("E060", "a style is named twice", origin)
    return tuple(value)


def _templates(folder: Path, value: object, origin: Origin, diagnostics: Diagnostics) -> dict[str, Path]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        diagnostics.error("E060", "must map style names to folders of template overrides", origin)
        return {}
    found: dict[str, Path] = {}
    for style, name in value.items():
        where = origin.child(str(style))
        if not isinstance(style, str) or not _STYLE_NAME.match(style):
            diagnostics.error("E060", f"{style!r} is not a style name", where)
            continue
        path = folder / name if isinstance(name, str) and name else None
        if path is None or not path.resolve().is_relative_to(folder.resolve()) or not path.is_dir():
            diagnostics.error("E060", f"{name!r} is not a folder inside {display_path(folder)}", where)
            continue
        found[style] = path
    return found
