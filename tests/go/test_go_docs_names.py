"""The docs of a generated Go package speak of its own exported names, never of ``internal/apicore``'s.

Go refuses to import an ``internal`` package from another module, so a doc comment, a README
line or an exported signature saying ``apicore.SaveOptions`` or ``*apicore.NotFoundError``
names something the user cannot write; the package re-exports those names (``exports.go``).
The generic ``apicore.Pager``, ``Job`` and ``ItemResult`` stay: Go 1.19 has no generic alias.
"""

from __future__ import annotations

import re
from pathlib import Path

from go_support import PACKAGES

_EXPORTED_FUNC = re.compile(r"^func (?:\([^)]*\) )?[A-Z]\w*\((.*)$")
_GENERIC = re.compile(r"apicore\.(?:Pager|Job|ItemResult|Page)\[")


def _sources(package: Path) -> list[Path]:
    return sorted(p for p in package.glob("*.go") if not p.name.endswith("_test.go"))


def test_go_doc_comments_and_readme_name_the_package_s_own_types(go_packages: Path) -> None:
    found: list[str] = []
    for package in PACKAGES.values():
        folder = go_packages / package
        readme = (folder / "README.md").read_text(encoding="utf-8")
        found += [f"{package}/README.md: {line}" for line in readme.splitlines() if "apicore." in line]
        for source in _sources(folder):
            for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
                comment = line.strip().startswith("//") and "apicore." in line
                signature = _EXPORTED_FUNC.match(line) and "apicore." in _GENERIC.sub("", line.split(" {")[0])
                if comment or signature:
                    found.append(f"{package}/{source.name}:{number}: {line.strip()}")
    assert found == []


def test_go_readme_shows_errors_as_with_the_package_s_error_type(go_packages: Path) -> None:
    readme = (go_packages / "topaz_images" / "README.md").read_text(encoding="utf-8")
    assert "var notFound *topazimages.NotFoundError\nif errors.As(err, &notFound) {" in readme
    assert "`topazimages.SaveOptions`" in readme
