"""The generated ``go test`` suite of a package (filled in by ``stub_cases``)."""

from __future__ import annotations

from typing import Any

from ...ir import Api
from .package import PackageVM


def test_files(api: Api, pkg: PackageVM) -> list[tuple[str, str, dict[str, Any]]]:
    return []
