// Copied by generator 0.1.0 from templates/typescript/runtime/transfer.ts. Do not edit.
/**
 * One file's download across attempts (Node): resumed after a cut, verified, from a link renewed when it expires.
 *
 * `fetchToFile` drives a transfer (the part file and what is known of the file) against a
 * source that opens the file's response: a link fetched without credentials (`linkSource`;
 * it asks the API for a new link when the storage host says the old one expired, up to
 * `MAX_LINK_REFRESHES` times), or a streamed API response (`streamSource`).
 *
 * With `resume` a cut transfer is continued in the same call (as often as the retry policy
 * allows) and, when it still fails, its `.part` file and a small side file (`.part.json`: the
 * URL without its query, the ETag or Last-Modified, the size and the digests first stated)
 * are kept beside the target, so a later call with the same target file continues where it
 * stopped. A continuation asks for the rest with `Range` and `If-Range`: a server that sends
 * the whole file again (200), or whose file changed, starts the part over; the part is never
 * completed from two versions. Without `resume` nothing partial is ever left.
 *
 * With `verify` (the default) the bytes are checked against the size and the strongest digest
 * the server states (see `checksums.ts`), or the digest the spec declares for the link, over
 * the whole file (a kept part is hashed again first); a mismatch throws ChecksumMismatchError
 * and leaves no file, not even the part.
 *
 * Transfers ask for the file unencoded (`Accept-Encoding: identity`); an answer encoded anyway
 * is never continued with byte ranges, and only the spec's digest (of the file itself) or, for
 * a coding fetch does not undo, the server's digest of the bytes as sent is checked.
 *
 * A resumable part has a predictable name, so it is created afresh with O_EXCL (whatever was at
 * its name removed first) and a kept one is taken only when it is a regular file, opened with
 * O_NOFOLLOW. For the whole transfer the download holds the part's lock (`partlock.ts`): a
 * second download of the same file fails with "another download of this file is in progress".
 */

import { chosenChecksum, fileMatches, statedChecksums, Verifier, type Checksum } from "./checksums.js";
import { retryDelay, sleep, type RetryPolicy } from "./config.js";
import type { ClientCore } from "./core.js";
import { ensureNotExpired, type Expiry, type StreamedResponse } from "./downloads.js";
import { APIStatusError, ChecksumMismatchError, DownloadError, LinkExpiredError } from "./errors.js";
import {
  checkTarget,
  DEFAULT_IDLE_TIMEOUT_MS,
  describe,
  nodeModules,
  publish,
  randomSuffix,
  readWithin,
  refuseFolder,
  safeFilename,
  track,
  untrack,
  urlFilename,
  writeAll,
  type SaveOptions,
} from "./files.js";
import { inProgress, lockPart, type PartLock } from "./partlock.js";

/** How many new links a download asks the API for when the storage host says a link expired. */
export const MAX_LINK_REFRESHES = 2;

/** A link to a file: its URL, its expiry if known, and the digest the spec says the file has. */
export interface Link {
  readonly url: string;
  readonly expiresAt?: Expiry | null | undefined;
  readonly checksum?: Checksum | undefined;
}

/** What a save helper takes besides `SaveOptions`. */
export interface TransferOptions extends SaveOptions {
  /** Keep the part of a cut download to continue it, also in a later call with the same path. */
  readonly resume?: boolean;
  /** Check the size and digest the server states (default true). */
  readonly verify?: boolean;
  /** A file already there with the server's size and digest (or Last-Modified) is kept, not fetched. */
  readonly skipIdentical?: boolean;
  /** Called when `skipIdentical` kept the file there instead of fetching it. */
  readonly onSkipped?: () => void;
  /**
   * Called with the target's absolute path once it is known (a folder's: when the answer names
   * the file), before any byte is read or written; false refuses the download as one of a file
   * another download writes (a `...Many` batch: the first of its items to resolve to a file keeps it).
   */
  readonly claimTarget?: (target: string) => boolean;
}

/** Where a download's bytes come from. */
export interface Source {
  identity(): string;
  checksum(): Checksum | undefined;
  open(headers: Record<string, string>, signal: AbortSignal | undefined): Promise<{ response: Response; url: string }>;
  renew(error: unknown): Promise<boolean>;
  /** The call's success is a 206, the part its own Range asks for: saved as it comes, never resumed. */
  readonly ranged?: boolean;
}

/** The URL without its query and fragment (where a presigned link keeps its signature). */
export function urlIdentity(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  } catch {
    return url.split(/[?#]/)[0] ?? url;
  }
}

/** Whether a storage host's error says the link no longer works: 401, 403, or a 400 about expiry. */
export function isExpiredLink(error: unknown): boolean {
  if (error instanceof LinkExpiredError) return true;
  if (!(error instanceof APIStatusError)) return false;
  if (error.status === 401 || error.status === 403) return true;
  return error.status === 400 && /expire/i.test(`${error.message} ${JSON.stringify(error.body) ?? ""}`);
}

/** A link fetched without credentials; `fetchLink` asks the API for it, and again when it expired. */
export function linkSource(core: ClientCore, fetchLink: () => Promise<Link>, maxRefreshes = MAX_LINK_REFRESHES): Source {
  let link: Link | undefined;
  let refreshes = 0;
  return {
    identity: () => (link === undefined ? "" : urlIdentity(link.url)),
    checksum: () => link?.checksum,
    async open(headers, signal) {
      link ??= await fetchLink();
      ensureNotExpired(link.expiresAt);
      const sent = await core.fetchBare(link.url, { stream: true, signal, headers });
      return { response: sent.response, url: sent.response.url || link.url };
    },
    async renew(error) {
      if (!isExpiredLink(error) || refreshes >= maxRefreshes) return false;
      refreshes += 1;
      link = await fetchLink();
      return true;
    },
  };
}

/** A streamed API response; `open(headers)` sends the call with extra headers. It cannot be renewed. */
export function streamSource(open: (headers: Record<string, string>) => Promise<StreamedResponse>, ranged = false): Source {
  return {
    ranged,
    identity: () => "",
    checksum: () => undefined,
    async open(headers) {
      const streamed = await open(headers);
      return { response: streamed.response, url: streamed.url };
    },
    renew: async () => false,
  };
}

interface Side {
  identity: string;
  etag: string | null;
  last_modified: string | null;
  total: number | null;
  checksums: Record<string, string>;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;
/** The content codings fetch undoes: a body in any other is written as it came. */
const DECODED_CODINGS = new Set(["gzip", "x-gzip", "deflate", "br"]);
/** Sent with every file request: byte ranges and digests count the file's own bytes. */
export const TRANSFER_HEADERS: Readonly<Record<string, string>> = { "Accept-Encoding": "identity" };

/** The codings `Content-Encoding` names, in order (`identity` left out). */
function contentCodings(response: Response): string[] {
  return (response.headers.get("content-encoding") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "" && name !== "identity");
}

class RestartError extends Error {}

/** The part file of one target and what the server said of the file, across attempts. */
class Transfer {
  target: string | undefined;
  readonly folder: string | undefined;
  part: string | undefined;
  side: Side | undefined;
  written = 0;
  offered = 0;
  skipped = false;
  verifier: Verifier | undefined;
  handle: import("node:fs/promises").FileHandle | undefined;
  lock: PartLock | undefined;
  readonly options: TransferOptions;
  /** The call asks for a part with its own Range: a 206 is its answer, saved as it comes, never resumed. */
  ranged = false;

  constructor(target: string, isFolder: boolean, options: TransferOptions) {
    this.folder = isFolder ? target : undefined;
    this.target = isFolder ? undefined : target;
    this.options = options;
  }

  get resume(): boolean {
    return this.options.resume ?? false;
  }

  get resumable(): boolean {
    return this.resume && this.side !== undefined && validator(this.side) !== undefined && this.written > 0;
  }

  /** Hold `target` (in a batch, and with resume its part's lock), then take its kept part. */
  async claim(target: string): Promise<void> {
    const { path } = await nodeModules();
    if (this.options.claimTarget?.(path.resolve(target)) === false) throw await inProgress(target);
    if (!this.resume) return;
    this.lock = await lockPart(await resumePart(target), target);
    await this.adopt(target);
  }

  async release(): Promise<void> {
    const lock = this.lock;
    this.lock = undefined;
    await lock?.release();
  }

  async adopt(target: string): Promise<void> {
    const { fs } = await nodeModules();
    const part = await resumePart(target);
    const side = await readSide(part + ".json");
    const stat = await fs.lstat(part).catch(() => null);
    if (side !== undefined && stat?.isFile()) {
      this.part = part;
      this.side = side;
      this.written = stat.size;
    }
  }

  requestHeaders(identity: string): Record<string, string> {
    this.offered = 0;
    const side = this.side;
    const check = side !== undefined ? validator(side) : undefined;
    if (this.ranged || side === undefined || this.part === undefined || check === undefined) return {};
    if (identity && side.identity && identity !== side.identity) return {};
    if (this.written <= 0 || (side.total !== null && this.written >= side.total)) return {};
    this.offered = this.written;
    return { Range: `bytes=${this.written}-`, "If-Range": check };
  }

  /** Get ready to write the body; false when the file present is already identical. */
  async begin(response: Response, url: string, identity: string, specChecksum: Checksum | undefined): Promise<boolean> {
    const { path } = await nodeModules();
    if (this.target === undefined) {
      this.target = path.join(this.folder ?? ".", safeFilename(response.headers.get("content-disposition"), urlFilename(url)));
      await refuseFolder(this.target);
      await this.claim(this.target);
    }
    const target = this.target;
    if (this.options.skipIdentical && (await identical(response, target, specChecksum))) {
      this.skipped = true;
      return false;
    }
    await checkTarget(target, this.options.overwrite ?? false);
    const codings = contentCodings(response);
    const partial = response.status === 206;
    if (partial && !this.ranged) {
      if (!(this.offered && this.side !== undefined && this.continues(response))) {
        if (!this.offered) throw new DownloadError(`download of ${path.basename(target)} failed: a partial answer (206) to a request for the whole file`);
        await this.discard();
        this.side = undefined;
        throw new RestartError();
      }
      await this.open(true);
    } else {
      // an encoded body's bytes are not the file's, nor a part the call asked for: never continued with ranges;
      // a part is as long as its own Content-Length, and the digests stated are of the whole file
      const fixed = codings.length > 0 || partial;
      this.side = {
        identity: identity || urlIdentity(url),
        etag: fixed ? null : response.headers.get("etag"),
        last_modified: fixed ? null : response.headers.get("last-modified"),
        total: (partial ? contentLength(response) : declaredLength(response)) ?? null,
        checksums: partial
          ? {}
          : Object.fromEntries(Object.entries(statedChecksums(response.headers, true)).map(([k, c]) => [k, c.hex])),
      };
      await this.open(false);
      if (this.resume && this.part !== undefined) await writeSide(this.part + ".json", this.side);
    }
    // the spec's digest is of the file itself; the server's may be of the encoded bytes fetch undid
    const undone = codings.length > 0 && codings.every((name) => DECODED_CODINGS.has(name));
    const stated = Object.fromEntries(
      Object.entries(undone ? {} : (this.side?.checksums ?? {})).map(([k, hex]) => [k, { algorithm: k, hex } as Checksum]),
    );
    const expected = specChecksum ?? chosenChecksum(stated);
    this.verifier = await Verifier.of((this.options.verify ?? true) ? expected : undefined);
    if (this.written && this.part !== undefined) await this.verifier.updateFrom(this.part, this.written);
    return true;
  }

  continues(response: Response): boolean {
    const side = this.side;
    const match = CONTENT_RANGE.exec(response.headers.get("content-range") ?? "");
    if (side === undefined || match === null || Number(match[1]) !== this.offered || Number(match[1]) !== this.written) return false;
    const total = match[3] === "*" ? null : Number(match[3]);
    if (side.total !== null && total !== null && total !== side.total) return false;
    const etag = response.headers.get("etag");
    if (etag && side.etag && etag !== side.etag) return false;
    if (side.total === null) side.total = total;
    return true;
  }

  async open(append: boolean): Promise<void> {
    const { fs, path, syncFs } = await nodeModules();
    await this.handle?.close().catch(() => undefined);
    const target = this.target ?? "";
    if (!this.resume) {
      if (this.part !== undefined) await fs.rm(this.part, { force: true });
      this.part = path.join(path.dirname(target), `.${path.basename(target).slice(0, 100)}.${randomSuffix()}.part`);
      this.handle = await fs.open(this.part, "wx", 0o666);
      track(this.part, syncFs);
      this.written = 0;
      return;
    }
    this.part = await resumePart(target);
    const kept = append ? await fs.lstat(this.part).catch(() => null) : null;
    if (kept?.isFile()) {
      const { O_WRONLY, O_APPEND, O_NOFOLLOW } = syncFs.constants;
      this.handle = await fs.open(this.part, O_WRONLY | O_APPEND | (O_NOFOLLOW ?? 0));
      return;
    }
    if (append) {
      // the kept part is gone or is not a regular file: this answer cannot continue it
      await this.discard();
      this.side = undefined;
      throw new RestartError();
    }
    await fs.rm(this.part, { force: true });
    this.handle = await fs.open(this.part, "wx", 0o666);
    this.written = 0;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.handle !== undefined) await writeAll(this.handle, chunk);
    this.verifier?.update(chunk);
    this.written += chunk.byteLength;
    this.options.onProgress?.(this.written, this.side?.total ?? undefined);
  }

  async finish(): Promise<string> {
    const { fs, path } = await nodeModules();
    const target = this.target ?? "";
    const total = this.side?.total ?? null;
    if (total !== null && this.written !== total) {
      throw new DownloadError(`download of ${path.basename(target)} is incomplete: ${this.written} of ${total} bytes`);
    }
    this.verifier?.check(path.basename(target));
    await this.handle?.sync();
    await this.handle?.close();
    this.handle = undefined;
    const part = this.part ?? "";
    await publish(fs, part, target, (this.options.overwrite ?? false) || (this.options.skipIdentical ?? false));
    untrack(part);
    if (this.resume) await fs.rm(part + ".json", { force: true });
    const stamp = timestamp(this.side?.last_modified ?? null);
    if (this.options.skipIdentical && stamp !== undefined) await fs.utimes(target, new Date(), stamp).catch(() => undefined);
    return target;
  }

  async pause(): Promise<void> {
    if (this.handle === undefined) return;
    await this.handle.sync().catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    this.handle = undefined;
  }

  async restart(): Promise<boolean> {
    if (!this.offered) return false;
    await this.discard();
    this.side = undefined;
    return true;
  }

  async abandon(error: unknown): Promise<void> {
    if (this.resumable && !(error instanceof ChecksumMismatchError)) await this.pause();
    else await this.discard();
  }

  async discard(): Promise<void> {
    const { fs } = await nodeModules();
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    if (this.part !== undefined) {
      await fs.rm(this.part, { force: true });
      untrack(this.part);
      if (this.resume) await fs.rm(this.part + ".json", { force: true });
    }
    this.part = undefined;
    this.written = 0;
  }
}

/** Write the side file through a new file renamed over it: never through what is at its name. */
async function writeSide(file: string, side: Side): Promise<void> {
  const { fs } = await nodeModules();
  const temporary = `${file}.${randomSuffix()}.tmp`;
  try {
    await fs.writeFile(temporary, JSON.stringify({ version: 1, ...side }), { flag: "wx", mode: 0o600 });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

function validator(side: Side): string | undefined {
  if (side.etag && !side.etag.startsWith("W/")) return side.etag;
  return side.last_modified ?? undefined;
}

async function resumePart(target: string): Promise<string> {
  const { path } = await nodeModules();
  const { createHash } = await import("node:crypto");
  const name = path.basename(target);
  const digest = createHash("sha256").update(name).digest("hex").slice(0, 12);
  return path.join(path.dirname(target), `.${name.slice(0, 100)}.${digest}.part`);
}

async function readSide(file: string): Promise<Side | undefined> {
  const { fs } = await nodeModules();
  try {
    const data = JSON.parse(await fs.readFile(file, "utf8")) as Record<string, unknown>;
    if (data.version !== 1 || typeof data.identity !== "string") return undefined;
    const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);
    const total = typeof data.total === "number" && data.total >= 0 ? data.total : null;
    const checksums = data.checksums !== null && typeof data.checksums === "object" ? (data.checksums as Record<string, string>) : {};
    return { identity: data.identity, etag: text(data.etag), last_modified: text(data.last_modified), total, checksums };
  } catch {
    return undefined;
  }
}

function declaredLength(response: Response): number | undefined {
  if (response.status === 206) {
    const match = CONTENT_RANGE.exec(response.headers.get("content-range") ?? "");
    return match !== null && match[3] !== "*" ? Number(match[3]) : undefined;
  }
  return contentLength(response);
}

/** The body's length as sent, when it is unencoded. */
function contentLength(response: Response): number | undefined {
  const declared = response.headers.get("content-length") ?? "";
  const encoding = response.headers.get("content-encoding") ?? "identity";
  return encoding === "identity" && /^\d+$/.test(declared) ? Number(declared) : undefined;
}

function timestamp(value: string | null): Date | undefined {
  if (!value) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

/** Whether `target` already holds the file `response` (a 200) announces. */
async function identical(response: Response, target: string, specChecksum: Checksum | undefined): Promise<boolean> {
  const { fs } = await nodeModules();
  const stat = await fs.lstat(target).catch(() => null);
  const size = declaredLength(response);
  if (response.status !== 200 || !stat?.isFile() || size === undefined || stat.size !== size) return false;
  const checksum = specChecksum ?? chosenChecksum(statedChecksums(response.headers, true));
  if (checksum !== undefined) return await fileMatches(target, size, checksum);
  const stamp = timestamp(response.headers.get("last-modified"));
  return stamp !== undefined && Math.floor(stat.mtimeMs / 1000) === Math.floor(stamp.getTime() / 1000);
}

/** Save the file `source` opens into `path` (a file, or a folder to put it in); see the module's text. */
export async function fetchToFile(
  source: Source,
  path: string,
  options: TransferOptions & { readonly retry?: RetryPolicy | undefined },
): Promise<string> {
  const { fs } = await nodeModules();
  const signal = options.signal;
  if (signal?.aborted) throw signal.reason;
  const skip = options.skipIdentical ?? false;
  const stat = await fs.stat(path).catch(() => null);
  if (!stat?.isDirectory()) await checkTarget(path, (options.overwrite ?? false) || skip);
  const transfer = new Transfer(path, stat?.isDirectory() ?? false, options);
  transfer.ranged = source.ranged ?? false;
  const started = Date.now();
  let cuts = 0;
  try {
    if (transfer.target !== undefined) await transfer.claim(transfer.target);
    for (;;) {
      let opened: { response: Response; url: string };
      try {
        opened = await source.open({ ...transfer.requestHeaders(source.identity()), ...TRANSFER_HEADERS }, signal);
      } catch (error) {
        if (await source.renew(error)) continue;
        if (error instanceof APIStatusError && error.status === 416 && (await transfer.restart())) continue;
        throw error;
      }
      const { response, url } = opened;
      try {
        if (!(await transfer.begin(response, url, source.identity(), source.checksum()))) {
          await response.body?.cancel().catch(() => undefined);
          options.onSkipped?.();
          return transfer.target ?? path;
        }
      } catch (error) {
        await response.body?.cancel().catch(() => undefined);
        if (error instanceof RestartError) continue;
        throw error;
      }
      let failure: unknown;
      if (response.body !== null) {
        const reader = response.body.getReader();
        for (;;) {
          let chunk: ReadableStreamReadResult<Uint8Array>;
          try {
            chunk = await readWithin(reader, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, signal);
          } catch (error) {
            reader.cancel().catch(() => undefined);
            if (signal?.aborted) throw signal.reason;
            failure = error;
            break;
          }
          if (chunk.done) break;
          await transfer.write(chunk.value);
        }
      }
      if (failure === undefined) return await transfer.finish();
      const wait = transfer.resumable ? retryDelay(options.retry ?? NO_RETRY, cuts, undefined, Date.now() - started) : undefined;
      const name = transfer.target ?? path;
      if (wait === undefined) throw new DownloadError(`download of ${name} failed: ${describe(failure)}`, { cause: failure });
      await transfer.pause();
      await sleep(wait, signal);
      cuts += 1;
    }
  } catch (error) {
    await transfer.abandon(signal?.aborted ? undefined : error);
    throw error;
  } finally {
    await transfer.release();
  }
}

const NO_RETRY: RetryPolicy = {
  maxRetries: 0,
  initialDelayMs: 0,
  maxDelayMs: 0,
  maxElapsedMs: 0,
  retryStatuses: [],
  retryUnsafeMethods: false,
};
