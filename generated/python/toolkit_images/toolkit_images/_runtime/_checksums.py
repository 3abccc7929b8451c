# Copied by generator 0.1.0 from templates/python/runtime/_checksums.py. Do not edit.
"""Checking a downloaded file against the digests the server (or the spec) states for it.

A storage host states a file's digest in one of several headers: ``Content-MD5``
(base64, of this response's body only), an S3 ``ETag`` that is a plain MD5 in hex
(not a multipart ``"...-N"`` one, not an object encrypted with KMS), ``x-goog-hash``
(``md5=`` and ``crc32c=``, base64), ``x-amz-checksum-sha256`` and
``x-amz-checksum-crc32c`` (base64, not a composite ``"...-N"`` one). The strongest
fast one is computed while the bytes arrive: SHA-256, else MD5, else CRC32C (pure
Python here, table-driven, so much slower: it is used only when nothing else is stated).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from ._errors import DownloadError

ALGORITHMS = ("sha256", "md5", "crc32c")
"""Strongest first: the first one stated is the one checked."""

_HEX_MD5 = re.compile(r"^[0-9a-fA-F]{32}$")
_READ_SIZE = 1024 * 1024


def _crc32c_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        value = byte
        for _ in range(8):
            value = (value >> 1) ^ 0x82F63B78 if value & 1 else value >> 1
        table.append(value)
    return tuple(table)


_CRC32C_TABLE = _crc32c_table()


class Crc32c:
    """CRC-32C (Castagnoli, the polynomial of iSCSI, GCS and S3), with hashlib's interface."""

    name = "crc32c"

    def __init__(self, data: bytes = b"") -> None:
        self._crc = 0xFFFFFFFF
        self.update(data)

    def update(self, data: bytes) -> None:
        crc = self._crc
        table = _CRC32C_TABLE
        for byte in data:
            crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
        self._crc = crc

    def digest(self) -> bytes:
        return (self._crc ^ 0xFFFFFFFF).to_bytes(4, "big")

    def hexdigest(self) -> str:
        return self.digest().hex()


class ChecksumMismatchError(DownloadError):
    """The bytes received are not the file the server stated: no file was left."""

    def __init__(self, name: str, algorithm: str, expected: str, actual: str) -> None:
        super().__init__(f"download of {name} is corrupt: its {algorithm} is {actual}, the server stated {expected}")
        self.algorithm = algorithm
        self.expected = expected
        self.actual = actual


@dataclass(frozen=True, slots=True)
class Checksum:
    """A digest a file must have: ``algorithm`` (one of ALGORITHMS) and its value in hex."""

    algorithm: str
    hex: str

    @staticmethod
    def parse(algorithm: str, value: str) -> Checksum | None:
        """A digest written in hex or base64, or None when ``value`` is neither or the algorithm unknown."""
        algorithm = algorithm.lower().replace("-", "")
        size = {"sha256": 32, "md5": 16, "crc32c": 4}.get(algorithm)
        if size is None:
            return None
        text = value.strip().strip('"')
        if re.fullmatch(rf"[0-9a-fA-F]{{{size * 2}}}", text):
            return Checksum(algorithm, text.lower())
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return None
        return Checksum(algorithm, raw.hex()) if len(raw) == size else None


_SIZES = {"sha256": 32, "md5": 16, "crc32c": 4}


def declared_checksum(algorithm: str, encoding: str, value: object) -> Checksum | None:
    """The digest the API's answer states where the spec declares it (``x-checksum``); None when it states none.

    ``value`` must be ``algorithm``'s digest in ``encoding`` (``hex`` or ``base64``): anything
    else raises DownloadError before a byte is fetched, as the file could not be checked.
    """
    if value is None or value == "":
        return None
    size = _SIZES[algorithm]
    text = value.strip() if isinstance(value, str) else ""
    raw: bytes | None = None
    if encoding == "hex" and re.fullmatch(rf"[0-9a-fA-F]{{{size * 2}}}", text):
        raw = bytes.fromhex(text)
    elif encoding == "base64":
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raw = None
    if raw is None or len(raw) != size:
        shown = repr(value)[:80]
        raise DownloadError(f"the API stated a {algorithm} digest that is not {size} bytes in {encoding}: {shown}")
    return Checksum(algorithm, raw.hex())


def stated_checksums(headers: httpx.Headers | Mapping[str, str], *, whole_body: bool) -> dict[str, Checksum]:
    """The digests ``headers`` state for the whole file, by algorithm.

    ``whole_body``: the response carries the whole file (200, not a 206), so a
    ``Content-MD5`` of its body is one of the whole file.
    """
    found: dict[str, Checksum] = {}

    def add(checksum: Checksum | None) -> None:
        if checksum is not None:
            found.setdefault(checksum.algorithm, checksum)

    get = headers.get
    if whole_body and get("content-md5"):
        add(Checksum.parse("md5", str(get("content-md5"))))
    for part in str(get("x-goog-hash") or "").split(","):
        name, _, value = part.strip().partition("=")
        if name in ("md5", "crc32c") and value:
            add(Checksum.parse(name, value))
    for algorithm in ("sha256", "crc32c"):
        value = str(get(f"x-amz-checksum-{algorithm}") or "")
        if value and "-" not in value and str(get("x-amz-checksum-type") or "").upper() != "COMPOSITE":
            add(Checksum.parse(algorithm, value))
    etag = str(get("etag") or "").strip()
    encrypted_with_kms = str(get("x-amz-server-side-encryption") or "").startswith("aws:kms")
    if not etag.startswith("W/") and _HEX_MD5.match(etag.strip('"')) and not encrypted_with_kms:
        add(Checksum.parse("md5", etag))
    return found


def chosen(checksums: Mapping[str, Checksum]) -> Checksum | None:
    """The strongest of ``checksums``: the one worth computing."""
    return next((checksums[name] for name in ALGORITHMS if name in checksums), None)


def new_hasher(algorithm: str) -> Crc32c | hashlib._Hash:
    return Crc32c() if algorithm == "crc32c" else hashlib.new(algorithm)


class Verifier:
    """Computes one digest over the bytes written and checks it at the end."""

    def __init__(self, expected: Checksum | None) -> None:
        self.expected = expected
        self._hasher = new_hasher(expected.algorithm) if expected is not None else None

    def update(self, chunk: bytes) -> None:
        if self._hasher is not None:
            self._hasher.update(chunk)

    def update_from(self, path: Path, size: int) -> None:
        """Hash the first ``size`` bytes of ``path`` (a part kept from an earlier attempt)."""
        if self._hasher is None:
            return
        with path.open("rb") as existing:
            left = size
            while left > 0:
                block = existing.read(min(_READ_SIZE, left))
                if not block:
                    break
                self._hasher.update(block)
                left -= len(block)

    def check(self, name: str) -> None:
        if self.expected is None or self._hasher is None:
            return
        actual = self._hasher.hexdigest()
        if actual != self.expected.hex:
            raise ChecksumMismatchError(name, self.expected.algorithm, self.expected.hex, actual)


def file_matches(path: Path, checksum: Checksum) -> bool:
    """Whether the file at ``path`` has the digest ``checksum``."""
    verifier = Verifier(checksum)
    verifier.update_from(path, path.stat().st_size)
    try:
        verifier.check(path.name)
    except ChecksumMismatchError:
        return False
    return True
