"""What every style gets and gives: the package to make, and the files it rendered."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class PackageSpec:
    package: str
    """The package's import name (Python) or module name (other styles)."""
    title: str | None
    base_url: str | None
    env_prefix: str
    """Prefix of the environment variables credentials are read from (``TOPAZ`` -> ``TOPAZ_API_KEY``)."""
    header: str
    """The "generated, do not edit" line every file starts with."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedFile:
    path: str
    """Relative to the package's output folder, with forward slashes."""
    text: str
    python: bool = False
    """Formatted with black before writing."""
    verbatim: bool = False
    """Copied as it is (hand-written runtime): never reformatted."""
