# Copied by generator 0.1.0 from templates/python/runtime/_transfer.py. Do not edit.
"""One file's download across attempts: resumed after a cut, verified, from a link renewed when it expires.

``fetch_to_file`` drives a ``Transfer`` (the part file and what is known of the
file) against a source that opens the file's response: a link fetched without
credentials (``LinkSource``; it can ask the API for a new link when the storage
host says the old one expired, up to ``max_refreshes`` times), or a streamed API
response (``StreamSource``).

With ``resume`` a cut transfer is continued in the same call (as often as the
retry policy allows) and, when it still fails, its ``.part`` file and a small
side file (``.part.json``: the URL without its query, the ETag or Last-Modified,
the size and the digests first stated) are kept beside the target, so a later
call with the same target file continues where it stopped. A folder as the target is
resumed only within the call: the file's name comes with the first answer, and a
record of it keyed by the link would not serve a streamed API download (no stable URL),
so a later call into a folder starts over. A continuation asks
for the rest with ``Range`` and ``If-Range``: a server that sends the whole file
again (200), or whose file changed, starts the part over; the part is never
completed from two versions. Without ``resume`` nothing partial is ever left.

With ``verify`` (the default) the bytes are checked against the size and the
strongest digest the server states (see ``_checksums``), or the digest the spec
declares for the link, over the whole file (a kept part is hashed again first); a
mismatch raises ChecksumMismatchError and leaves no file, not even the part.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Protocol

import httpx

from ._bulk import claim_target, note_skipped
from ._checksums import Checksum, ChecksumMismatchError, Verifier, chosen, file_matches, stated_checksums
from ._config import DEFAULT_RETRY, RequestOptions, RetryPolicy
from ._downloads import Expiry, async_stream_url, stream_url
from ._errors import APIStatusError, DownloadError, LinkExpiredError
from ._files import _FILE_MODE, PathLike, ProgressCallback, _publish, _url_filename, check_target, safe_filename
from ._partfiles import append_part, create_part, kept_part_size, make_readable
from ._partlock import PartLock

DEFAULT_MAX_REFRESHES = 2
"""How many new links a download asks the API for when the storage host says a link expired."""

_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")
_DECODED_ENCODINGS = frozenset({"gzip", "x-gzip", "deflate", "br"})
"""The content codings the HTTP client undoes: a body in any other is written as it came."""
TRANSFER_HEADERS = {"Accept-Encoding": "identity"}
"""Sent with every file request: byte ranges and digests count the file's own bytes."""
_SIDE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a file: its URL, its expiry if known, and the digest the spec says the file has."""

    url: str
    expires_at: Expiry | None = None
    checksum: Checksum | None = None


def url_identity(url: str | httpx.URL) -> str:
    """The URL without its user information, query and fragment (where a presigned link keeps its signature)."""
    parsed = httpx.URL(url)
    if parsed.userinfo:
        parsed = parsed.copy_with(username=None, password=None)
    return str(parsed.copy_with(query=None, fragment=None))


def content_codings(response: httpx.Response) -> list[str]:
    """The codings ``Content-Encoding`` names, in order (``identity`` left out)."""
    header = response.headers.get("content-encoding", "")
    return [name for name in (part.strip().lower() for part in header.split(",")) if name and name != "identity"]


def decoded(codings: list[str]) -> bool:
    """Whether the HTTP client undid every coding, so the bytes written are not the bytes sent."""
    return bool(codings) and all(name in _DECODED_ENCODINGS for name in codings)


def with_headers(options: RequestOptions | None, headers: Mapping[str, str]) -> RequestOptions | None:
    """``options`` that also send ``headers`` (a streamed API download continued with ``Range``)."""
    if not headers:
        return options
    base = options or RequestOptions()
    return replace(base, extra_headers={**base.extra_headers, **headers})


def is_expired_link(error: APIStatusError) -> bool:
    """Whether a storage host's error says the link no longer works: 401, 403, or a 400 about expiry."""
    if error.status_code in (401, 403):
        return True
    return error.status_code == 400 and "expire" in f"{error.message} {error.body}".lower()


# ---------------------------------------------------------------------------- the part file


@dataclass
class _Side:
    """What the side file records: enough to ask for the rest of the same file."""

    identity: str
    etag: str | None
    last_modified: str | None
    total: int | None
    checksums: dict[str, str]

    @property
    def validator(self) -> str | None:
        """What If-Range may carry: a strong ETag, else the Last-Modified date."""
        if self.etag and not self.etag.startswith("W/"):
            return self.etag
        return self.last_modified

    @staticmethod
    def read(path: Path) -> _Side | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != _SIDE_VERSION:
                return None
            total = data.get("total")
            checksums = data.get("checksums") or {}
            return _Side(
                identity=str(data["identity"]),
                etag=_text_or_none(data.get("etag")),
                last_modified=_text_or_none(data.get("last_modified")),
                total=total if isinstance(total, int) and total >= 0 else None,
                checksums={str(k): str(v) for k, v in checksums.items()} if isinstance(checksums, dict) else {},
            )
        except (OSError, ValueError, KeyError, AttributeError, RecursionError):  # nested too deep: no side file
            return None

    def write(self, path: Path) -> None:
        data = {"version": _SIDE_VERSION, **self.__dict__}
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(name, path)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class Transfer:
    """The part file of one target and what the server said of the file, across attempts."""

    def __init__(
        self,
        path: Path,
        *,
        overwrite: bool,
        resume: bool,
        verify: bool,
        skip_identical: bool = False,
        progress: ProgressCallback | None = None,
        ranged: bool = False,
    ) -> None:
        self.folder = path if path.is_dir() else None
        self.target: Path | None = None if self.folder is not None else path
        self.overwrite = overwrite
        self.resume = resume
        self.verify = verify
        self.skip_identical = skip_identical
        self.progress = progress
        self.ranged = ranged
        """The call asks for a part with its own Range: a 206 is its answer, saved as it comes, never resumed."""
        self.part: Path | None = None
        self.file: IO[bytes] | None = None
        self.side: _Side | None = None
        self.written = 0
        self.offered = 0
        """The offset the last request asked for with Range (0: the whole file)."""
        self.verifier = Verifier(None)
        self.skipped = False
        self.lock: PartLock | None = None
        if self.target is not None:
            self._claim(self.target)

    def _claim(self, target: Path) -> None:
        """Hold ``target`` for this download (in a batch, and with resume its part's lock), then take its part."""
        claim_target(target)
        if self.resume:
            self.lock = PartLock(_resume_part(target), target)
            self.lock.acquire()
            try:
                self._adopt(target)
            except BaseException:
                self.release()  # the download ends here: its lock must not outlive it
                raise

    def release(self) -> None:
        """Let another download of the same file start (the call has ended)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- before a request

    def request_headers(self, identity: str) -> dict[str, str]:
        """Range and If-Range asking for the rest of a kept part, or nothing (the whole file)."""
        self.offered = 0
        side, part = self.side, self.part
        if self.ranged or side is None or part is None or not side.validator:
            return {}
        if identity and side.identity and identity != side.identity:
            return {}
        size = self._part_size()
        if size <= 0 or (side.total is not None and size >= side.total):
            return {}
        self.offered = size
        return {"Range": f"bytes={size}-", "If-Range": side.validator}

    # -- when the response's headers arrive

    def begin(self, response: httpx.Response, identity: str, spec_checksum: Checksum | None) -> bool:
        """Get ready to write ``response``'s body; False when the file present is already identical."""
        if self.target is None:
            self.target = self._name_in_folder(response)
            self._claim(self.target)
        target = self.target
        if self.skip_identical and self._identical(response, target, spec_checksum):
            self.skipped = True
            return False
        check_target(target, self.overwrite)
        codings = content_codings(response)
        partial = response.status_code == 206
        if partial and not self.ranged:
            if not (self.offered and self.side is not None and self._continues(response)):
                self.restart_or_fail()
                raise _RestartError
            self._open(append=True)
        else:
            # an encoded body's bytes are not the file's, nor a part the call asked for: never continued with ranges;
            # a part is as long as its own Content-Length, and the digests stated are of the whole file
            fixed = bool(codings) or partial
            whole = {} if partial else stated_checksums(response.headers, whole_body=True)
            self.side = _Side(
                identity=identity or url_identity(response.request.url),
                etag=None if fixed else response.headers.get("etag"),
                last_modified=None if fixed else response.headers.get("last-modified"),
                total=_content_length(response) if partial else _declared_length(response),
                checksums={k: c.hex for k, c in whole.items()},
            )
            self._open(append=False)
            if self.resume:
                self.side.write(self._side_path())
        # the spec's digest is of the file itself; the server's may be of the encoded bytes the client undid
        stated = {} if decoded(codings) else self.side.checksums
        expected = spec_checksum or chosen({name: Checksum(name, value) for name, value in stated.items()})
        self.verifier = Verifier(expected if self.verify else None)
        if self.written:
            self.verifier.update_from(self._part_path(), self.written)
        return True

    def write(self, chunk: bytes) -> None:
        assert self.file is not None
        self.file.write(chunk)
        self.verifier.update(chunk)
        self.written += len(chunk)
        if self.progress is not None:
            self.progress(self.written, self.side.total if self.side else None)

    # -- at the end

    def finish(self) -> Path:
        """Check the size and digest, flush to disk and give the part the target's name."""
        assert self.file is not None and self.target is not None and self.part is not None and self.side is not None
        total = self.side.total
        if total is not None and self.written != total:
            raise DownloadError(f"download of {self.target.name} is incomplete: {self.written} of {total} bytes")
        self.verifier.check(self.target.name)
        self.file.flush()
        os.fsync(self.file.fileno())
        make_readable(self.file, _FILE_MODE, self.part)
        self.file.close()
        self.file = None
        _publish(self.part, self.target, self.overwrite or self.skip_identical)
        self._side_path().unlink(missing_ok=True)
        if self.skip_identical:
            _stamp(self.target, self.side.last_modified)
        return self.target

    def restart_or_fail(self) -> None:
        """A 206 that does not continue the part: start over, unless the whole file was asked for."""
        if not self.restart():
            name = self.target.name if self.target is not None else "the file"
            raise DownloadError(f"download of {name} failed: a partial answer (206) to a request for the whole file")

    def restart(self) -> bool:
        """Forget the part after a 416 to a Range request; False when no range was asked for."""
        if not self.offered:
            return False
        self.discard()
        self.side = None
        return True

    def pause(self) -> None:
        """A cut: keep what was written (on disk) for the next attempt."""
        if self.file is not None:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            self.file = None

    @property
    def resumable(self) -> bool:
        return self.resume and self.side is not None and bool(self.side.validator) and self.written > 0

    def abandon(self, error: BaseException | None) -> None:
        """The call ends without a file: keep the part for a later call only if it can be resumed."""
        if self.resumable and not isinstance(error, ChecksumMismatchError):
            self.pause()
        else:
            self.discard()

    def discard(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        if self.part is not None:
            self.part.unlink(missing_ok=True)
            if self.resume:
                self._side_path().unlink(missing_ok=True)
        self.part = None
        self.written = 0

    # -- helpers

    def _adopt(self, target: Path) -> None:
        """Take the kept part and side file of ``target``, if both are there."""
        part = _resume_part(target)
        side = _Side.read(_side_of(part))
        if side is not None and kept_part_size(part) is not None:
            self.part, self.side = part, side
            self.written = self._part_size()

    def _part_size(self) -> int:
        return kept_part_size(self._part_path()) or 0

    def _part_path(self) -> Path:
        assert self.part is not None
        return self.part

    def _side_path(self) -> Path:
        return _side_of(self._part_path())

    def _open(self, *, append: bool) -> None:
        if self.file is not None:
            self.file.close()
        assert self.target is not None
        if not self.resume:
            if self.part is not None:
                self.part.unlink(missing_ok=True)
            descriptor, name = tempfile.mkstemp(dir=self.target.parent, prefix=".", suffix=".part")
            self.part = Path(name)
            self.file = os.fdopen(descriptor, "wb")
            self.written = 0
            return
        self.part = _resume_part(self.target)
        kept = append_part(self.part) if append else None
        if kept is not None:
            self.file = kept
            self.written = kept.tell()
        else:
            if append:  # the kept part is gone or is not a regular file: the answer cannot continue it
                self.restart_or_fail()
                raise _RestartError
            self.file = create_part(self.part)
            self.written = 0

    def _continues(self, response: httpx.Response) -> bool:
        """Whether a 206 answers our Range for the same file: it starts at the part's end, same total."""
        assert self.side is not None
        match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
        if match is None or int(match.group(1)) != self.offered or int(match.group(1)) != self._part_size():
            return False
        total = None if match.group(3) == "*" else int(match.group(3))
        if self.side.total is not None and total is not None and total != self.side.total:
            return False
        etag = response.headers.get("etag")
        if etag and self.side.etag and etag != self.side.etag:
            return False
        if self.side.total is None:
            self.side.total = total
        return True

    def _name_in_folder(self, response: httpx.Response) -> Path:
        assert self.folder is not None
        name = safe_filename(response.headers.get("content-disposition"), _url_filename(response.url))
        target = self.folder / name
        if target.is_dir():
            raise DownloadError(f"the file name the server chose is a folder in the target, never replaced: {target}")
        return target

    def _identical(self, response: httpx.Response, target: Path, spec_checksum: Checksum | None) -> bool:
        """Whether ``target`` already holds the file ``response`` (a 200) announces."""
        if response.status_code != 200 or not target.is_file() or target.is_symlink():
            return False
        size = _declared_length(response)
        if size is None or target.stat().st_size != size:
            return False
        checksum = spec_checksum or chosen(stated_checksums(response.headers, whole_body=True))
        if checksum is not None:
            return file_matches(target, checksum)
        stamp = _timestamp(response.headers.get("last-modified"))
        return stamp is not None and int(target.stat().st_mtime) == stamp


class _RestartError(Exception):
    """The answer cannot continue the part: ask again for the whole file."""


def _resume_part(target: Path) -> Path:
    """The part file a resumable download of ``target`` keeps: the same name on every call."""
    digest = hashlib.sha256(target.name.encode()).hexdigest()[:12]
    return target.parent / f".{target.name[:100]}.{digest}.part"


def _side_of(part: Path) -> Path:
    return part.with_name(part.name + ".json")


def _declared_length(response: httpx.Response) -> int | None:
    """The whole file's size: Content-Range's total for a 206, Content-Length for an unencoded 200."""
    if response.status_code == 206:
        match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
        return int(match.group(3)) if match and match.group(3) != "*" else None
    return _content_length(response)


def _content_length(response: httpx.Response) -> int | None:
    """The body's length as sent, when it is unencoded."""
    declared = response.headers.get("content-length", "")
    if response.headers.get("content-encoding", "identity") != "identity" or not declared.isdigit():
        return None
    return int(declared)


def _timestamp(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(email.utils.parsedate_to_datetime(value).timestamp())
    except (TypeError, ValueError, IndexError):
        return None


def _stamp(target: Path, last_modified: str | None) -> None:
    """Give the saved file the server's Last-Modified time, so a later run can tell it is the same."""
    stamp = _timestamp(last_modified)
    if stamp is not None:
        with contextlib.suppress(OSError):
            os.utime(target, (time.time(), stamp))


# ---------------------------------------------------------------------------- sources


class Source(Protocol):
    @property
    def identity(self) -> str: ...

    @property
    def checksum(self) -> Checksum | None: ...

    @property
    def ranged(self) -> bool: ...

    def open(self, headers: Mapping[str, str]) -> AbstractContextManager[httpx.Response]: ...

    def renew(self, error: APIStatusError | LinkExpiredError) -> bool: ...


class AsyncSource(Protocol):
    @property
    def identity(self) -> str: ...

    @property
    def checksum(self) -> Checksum | None: ...

    @property
    def ranged(self) -> bool: ...

    def open(self, headers: Mapping[str, str]) -> AbstractAsyncContextManager[httpx.Response]: ...

    async def renew(self, error: APIStatusError | LinkExpiredError) -> bool: ...


class StreamSource:
    """A streamed API response; ``open(headers)`` sends the call with extra headers. It cannot be renewed."""

    checksum: Checksum | None = None

    def __init__(
        self, open_: Callable[[Mapping[str, str]], AbstractContextManager[httpx.Response]], *, ranged: bool = False
    ) -> None:
        self._open = open_
        self.identity = ""
        self.ranged = ranged
        """The call's success is a 206, the part its own Range asks for (see ``Transfer.ranged``)."""

    def open(self, headers: Mapping[str, str]) -> AbstractContextManager[httpx.Response]:
        return self._open(headers)

    def renew(self, error: APIStatusError | LinkExpiredError) -> bool:
        return False


class AsyncStreamSource:
    """The async twin of ``StreamSource``."""

    checksum: Checksum | None = None

    def __init__(
        self, open_: Callable[[Mapping[str, str]], AbstractAsyncContextManager[httpx.Response]], *, ranged: bool = False
    ) -> None:
        self._open = open_
        self.identity = ""
        self.ranged = ranged

    def open(self, headers: Mapping[str, str]) -> AbstractAsyncContextManager[httpx.Response]:
        return self._open(headers)

    async def renew(self, error: APIStatusError | LinkExpiredError) -> bool:
        return False


class _LinkState:
    ranged = False
    """A file behind a link is fetched whole."""

    def __init__(self, link: Link | None, max_refreshes: int) -> None:
        self.link = link
        self.refreshes = 0
        self.max_refreshes = max_refreshes

    @property
    def identity(self) -> str:
        return url_identity(self.link.url) if self.link is not None else ""

    @property
    def checksum(self) -> Checksum | None:
        return self.link.checksum if self.link is not None else None

    def may_renew(self, error: APIStatusError | LinkExpiredError) -> bool:
        expired = isinstance(error, LinkExpiredError) or is_expired_link(error)
        return expired and self.refreshes < self.max_refreshes


class LinkSource(_LinkState):
    """A link fetched without credentials; ``fetch_link``, when given, asks the API for a new one."""

    def __init__(
        self,
        link: Link | None,
        fetch_link: Callable[[], Link] | None,
        *,
        http_client: httpx.Client | None,
        retry: RetryPolicy,
        max_refreshes: int = DEFAULT_MAX_REFRESHES,
    ) -> None:
        super().__init__(link if link is not None else fetch_link() if fetch_link is not None else None, max_refreshes)
        self._fetch = fetch_link
        self._client = http_client
        self._retry = retry

    def open(self, headers: Mapping[str, str]) -> AbstractContextManager[httpx.Response]:
        assert self.link is not None
        return stream_url(
            self.link.url,
            http_client=self._client,
            expires_at=self.link.expires_at,
            retry=self._retry,
            headers=headers,
        )

    def renew(self, error: APIStatusError | LinkExpiredError) -> bool:
        if self._fetch is None or not self.may_renew(error):
            return False
        self.refreshes += 1
        self.link = self._fetch()
        return True


class AsyncLinkSource(_LinkState):
    """The async twin of ``LinkSource``; the first link is fetched by ``async_fetch_to_file``."""

    def __init__(
        self,
        link: Link | None,
        fetch_link: Callable[[], Awaitable[Link]] | None,
        *,
        http_client: httpx.AsyncClient | None,
        retry: RetryPolicy,
        max_refreshes: int = DEFAULT_MAX_REFRESHES,
    ) -> None:
        super().__init__(link, max_refreshes)
        self._fetch = fetch_link
        self._client = http_client
        self._retry = retry

    async def ready(self) -> None:
        if self.link is None and self._fetch is not None:
            self.link = await self._fetch()

    def open(self, headers: Mapping[str, str]) -> AbstractAsyncContextManager[httpx.Response]:
        assert self.link is not None
        return async_stream_url(
            self.link.url,
            http_client=self._client,
            expires_at=self.link.expires_at,
            retry=self._retry,
            headers=headers,
        )

    async def renew(self, error: APIStatusError | LinkExpiredError) -> bool:
        if self._fetch is None or not self.may_renew(error):
            return False
        self.refreshes += 1
        self.link = await self._fetch()
        return True


# ---------------------------------------------------------------------------- the loop


def fetch_to_file(
    source: Source,
    path: PathLike,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    resume: bool = False,
    verify: bool = True,
    skip_identical: bool = False,
    retry: RetryPolicy = DEFAULT_RETRY,
    chunk_size: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Path:
    """Save the file ``source`` opens into ``path`` (a file, or a folder to put it in); see the module's text."""
    check_target(path, overwrite or skip_identical)
    transfer = Transfer(
        Path(path).expanduser(),
        overwrite=overwrite,
        resume=resume,
        verify=verify,
        skip_identical=skip_identical,
        progress=progress,
        ranged=source.ranged,
    )
    started, cuts = time.monotonic(), 0
    try:
        while True:
            try:
                with source.open({**transfer.request_headers(source.identity), **TRANSFER_HEADERS}) as response:
                    if not transfer.begin(response, source.identity, source.checksum):
                        assert transfer.target is not None
                        note_skipped()
                        return transfer.target
                    for chunk in response.iter_bytes(chunk_size):
                        transfer.write(chunk)
                return transfer.finish()
            except _RestartError:
                continue
            except (APIStatusError, LinkExpiredError) as error:
                if source.renew(error):
                    continue
                if isinstance(error, APIStatusError) and error.status_code == 416 and transfer.restart():
                    continue
                raise
            except httpx.RequestError as error:
                wait = retry.delay(cuts, elapsed=time.monotonic() - started) if transfer.resumable else None
                if wait is None:
                    raise _cut(transfer, error) from error
                transfer.pause()
                sleep(wait)
                cuts += 1
    except BaseException as error:
        transfer.abandon(error)
        raise
    finally:
        transfer.release()


async def async_fetch_to_file(
    source: AsyncSource,
    path: PathLike,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    resume: bool = False,
    verify: bool = True,
    skip_identical: bool = False,
    retry: RetryPolicy = DEFAULT_RETRY,
    chunk_size: int | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Path:
    """The async twin of ``fetch_to_file``; the final flush to disk runs in a worker thread."""
    check_target(path, overwrite or skip_identical)
    if isinstance(source, AsyncLinkSource):
        await source.ready()
    transfer = Transfer(
        Path(path).expanduser(),
        overwrite=overwrite,
        resume=resume,
        verify=verify,
        skip_identical=skip_identical,
        progress=progress,
        ranged=source.ranged,
    )
    started, cuts = time.monotonic(), 0
    try:
        while True:
            try:
                async with source.open({**transfer.request_headers(source.identity), **TRANSFER_HEADERS}) as response:
                    if not transfer.begin(response, source.identity, source.checksum):
                        assert transfer.target is not None
                        note_skipped()
                        return transfer.target
                    async for chunk in response.aiter_bytes(chunk_size):
                        transfer.write(chunk)
                return await asyncio.to_thread(transfer.finish)
            except _RestartError:
                continue
            except (APIStatusError, LinkExpiredError) as error:
                if await source.renew(error):
                    continue
                if isinstance(error, APIStatusError) and error.status_code == 416 and transfer.restart():
                    continue
                raise
            except httpx.RequestError as error:
                wait = retry.delay(cuts, elapsed=time.monotonic() - started) if transfer.resumable else None
                if wait is None:
                    raise _cut(transfer, error) from error
                transfer.pause()
                await sleep(wait)
                cuts += 1
    except BaseException as error:
        transfer.abandon(error)
        raise
    finally:
        transfer.release()


def _cut(transfer: Transfer, error: httpx.RequestError) -> DownloadError:
    name = transfer.target.name if transfer.target is not None else "the file"
    kept = " (the part is kept: call again with resume to continue)" if transfer.resumable else ""
    return DownloadError(f"download of {name} failed: {str(error) or type(error).__name__}{kept}")
