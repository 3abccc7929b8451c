# Copied by generator 0.1.0 from templates/python/runtime/_files.py. Do not edit.
"""Saving a streamed response to disk: safe file names, no clobbering, no partial files.

The body goes chunk by chunk into a hidden ``.part`` file beside the target,
is flushed to disk, and only then takes the target's name, so memory stays
bounded whatever the size, and the target either does not exist or is complete.
If anything fails, including Ctrl-C or task cancellation, the ``.part`` file is
removed and the error raised again. Without ``overwrite`` an existing target is
refused with ``FileExistsError``, also when it appears while downloading.
"""

from __future__ import annotations

import asyncio
import codecs
import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias
from urllib.parse import unquote

import httpx

from ._errors import DownloadError

ProgressCallback: TypeAlias = Callable[[int, int | None], None]
"""Called after each chunk with the bytes written so far and the expected total, when known."""
PathLike: TypeAlias = str | os.PathLike[str]

NAME_LIMIT = 200
"""Longest file name taken from a response, in UTF-8 bytes (file systems allow 255)."""

_PARAMETER = re.compile(r"""(?:^|;)\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)""")
_UNSAFE_CHARACTERS = re.compile(r'[<>:"|?*]')
_EDGE_DOTS_AND_BLANKS = re.compile(r"^[\s.]+|[\s.]+$")
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_read_umask()
"""What a newly created file gets here; ``mkstemp`` itself makes private 0600 files."""


def safe_filename(content_disposition: str | None, fallback: str) -> str:
    """A plain file name from a Content-Disposition header (RFC 6266, ``filename*`` preferred), else ``fallback``.

    The result never contains a path separator or a control or invisible
    character, never starts with a dot, is never ``..`` and is at most
    NAME_LIMIT bytes; when nothing usable is left the fallback is used.
    """
    for name in (_disposition_filename(content_disposition or ""), fallback):
        cleaned = _clean(name or "")
        if cleaned:
            return cleaned
    return "download"


def check_target(path: PathLike, overwrite: bool) -> None:
    """Refuse a target before anything is downloaded: its folder must exist, and a file only with ``overwrite``."""
    target = Path(path).expanduser()
    if target.is_dir():
        return
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "the target's folder does not exist", str(target.parent))
    if not overwrite and (target.exists() or target.is_symlink()):
        raise FileExistsError(errno.EEXIST, "refusing to overwrite (pass overwrite=True)", str(target))


def save_response(
    response: httpx.Response,
    path: PathLike,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    chunk_size: int | None = None,
) -> Path:
    """Stream ``response``'s body into ``path`` (a file, or a folder to put it in) and return the file's path.

    Chunks are written as the network delivers them (``chunk_size`` None): cutting
    them to a fixed size copies every byte once more and cost 40% of the throughput.
    """
    target = _target(response, path, overwrite)
    part = _PartFile(target, _expected_size(response))
    try:
        for chunk in response.iter_bytes(chunk_size):
            part.write(chunk, progress)
        part.finish(overwrite)
    except httpx.RequestError as error:
        part.discard()
        raise DownloadError(f"download of {target.name} failed: {str(error) or type(error).__name__}") from error
    except BaseException:
        part.discard()
        raise
    return target


async def async_save_response(
    response: httpx.Response,
    path: PathLike,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    chunk_size: int | None = None,
) -> Path:
    """The async twin of ``save_response``; the final flush to disk runs in a worker thread."""
    target = _target(response, path, overwrite)
    part = _PartFile(target, _expected_size(response))
    try:
        async for chunk in response.aiter_bytes(chunk_size):
            part.write(chunk, progress)
        await asyncio.to_thread(part.finish, overwrite)
    except httpx.RequestError as error:
        part.discard()
        raise DownloadError(f"download of {target.name} failed: {str(error) or type(error).__name__}") from error
    except BaseException:
        part.discard()
        raise
    return target


class _PartFile:
    """The hidden temporary file a download is written to until it is complete."""

    def __init__(self, target: Path, expected_size: int | None) -> None:
        self.target = target
        self.expected_size = expected_size
        descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
        self.path = Path(name)
        self.file = os.fdopen(descriptor, "wb")
        self.written = 0

    def write(self, chunk: bytes, progress: ProgressCallback | None) -> None:
        self.file.write(chunk)
        self.written += len(chunk)
        if progress is not None:
            progress(self.written, self.expected_size)

    def finish(self, overwrite: bool) -> None:
        """Check the body is complete, flush it to disk and give it the target's name."""
        if self.expected_size is not None and self.written != self.expected_size:
            raise DownloadError(
                f"download of {self.target.name} is incomplete: {self.written} of {self.expected_size} bytes"
            )
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.chmod(self.path, _FILE_MODE)
        _publish(self.path, self.target, overwrite)

    def discard(self) -> None:
        self.file.close()
        self.path.unlink(missing_ok=True)


def _publish(part: Path, target: Path, overwrite: bool) -> None:
    """Rename ``part`` to ``target``; without ``overwrite``, atomically refuse a target that exists by now."""
    if overwrite:
        os.replace(part, target)
        return
    try:
        os.link(part, target)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "refusing to overwrite (pass overwrite=True)", str(target)) from None
    except OSError:  # no hard links on this file system: check, then rename
        check_target(target, overwrite=False)
        os.replace(part, target)
        return
    part.unlink()


def _target(response: httpx.Response, path: PathLike, overwrite: bool) -> Path:
    target = Path(path).expanduser()
    if target.is_dir():
        target = target / safe_filename(response.headers.get("content-disposition"), _url_filename(response.url))
        if target.is_dir():
            raise DownloadError(f"the file name the server chose is a folder in the target, never replaced: {target}")
    check_target(target, overwrite)
    return target


def _expected_size(response: httpx.Response) -> int | None:
    """Content-Length, when it counts the bytes we write (not a compressed transfer)."""
    declared = response.headers.get("content-length", "")
    if response.headers.get("content-encoding", "identity") != "identity" or not declared.isdigit():
        return None
    return int(declared)


def _disposition_filename(header: str) -> str | None:
    plain: str | None = None
    extended: str | None = None
    for match in _PARAMETER.finditer(header):
        name, value = match.group(1).lower(), match.group(2).strip()
        if name == "filename*":
            extended = extended or _decode_extended(value)
        elif name == "filename" and plain is None:
            plain = re.sub(r"\\(.)", r"\1", value[1:-1]) if value.startswith('"') else value
    return extended or plain


def _decode_extended(value: str) -> str | None:
    """An RFC 8187 ``charset'language'percent-encoded`` value."""
    charset, _, rest = value.strip('"').partition("'")
    _, _, encoded = rest.partition("'")
    try:
        return unquote(encoded, encoding=codecs.lookup(charset or "utf-8").name, errors="strict")
    except (LookupError, UnicodeDecodeError):
        return None


def _url_filename(url: httpx.URL) -> str:
    return unquote(url.path.rsplit("/", 1)[-1])


def _clean(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(character for character in name if unicodedata.category(character) not in _INVISIBLE)
    name = _EDGE_DOTS_AND_BLANKS.sub("", _UNSAFE_CHARACTERS.sub("_", name))
    if name.split(".")[0].upper() in _WINDOWS_DEVICES:
        name = "_" + name
    return _truncate(name)


def _truncate(name: str) -> str:
    if len(name.encode()) <= NAME_LIMIT:
        return name
    stem, extension = os.path.splitext(name)
    if len(extension.encode()) > 20:
        stem, extension = name, ""
    room = NAME_LIMIT - len(extension.encode())
    return stem.encode()[:room].decode("utf-8", "ignore").rstrip(" .") + extension
