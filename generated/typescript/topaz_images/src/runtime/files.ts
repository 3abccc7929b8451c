// Copied by generator 0.1.0 from templates/typescript/runtime/files.ts. Do not edit.
/**
 * Saving a response body to disk (Node): safe file names, no clobbering, no partial files.
 *
 * The body goes chunk by chunk into a hidden `.part` file beside the target, is flushed to
 * disk, and only then takes the target's name, so memory stays bounded whatever the size,
 * and the target either does not exist or is complete. If anything fails the `.part` file
 * is removed and the error thrown again. Without `overwrite` an existing target is refused
 * with FileExistsError, also when it appears while downloading. Node modules are loaded
 * only when a file is saved, so the rest of the client runs in browsers too.
 *
 * Aborting the save's `signal` stops it and removes the `.part` file. While a save is in
 * progress the process also listens for SIGINT and SIGTERM: on one it removes every `.part`
 * file in progress and, unless the program listens for that signal itself, raises it again
 * so that the process ends as it would have (exit status 128 + the signal's number).
 */

import { DownloadError, FileExistsError } from "./errors.js";

/** Called after each chunk with the bytes written so far and the expected total, when known. */
export type ProgressCallback = (written: number, total: number | undefined) => void;

export interface SaveOptions {
  /** Replace an existing file (default: refuse it). */
  readonly overwrite?: boolean;
  readonly onProgress?: ProgressCallback;
  /** Give up when no byte arrives for this long, in ms (default: the client's timeout). */
  readonly idleTimeoutMs?: number;
  /** Stop the save (rejecting with the signal's reason) and remove its `.part` file. */
  readonly signal?: AbortSignal | undefined;
}

/** How long a download waits for its next bytes when neither the call nor the client says. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/** Longest file name taken from a response, in UTF-8 bytes. */
export const NAME_LIMIT = 200;

const PARAMETER = /(?:^|;)\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
const UNSAFE_CHARACTERS = /[<>:"|?*]/g;
const EDGE_DOTS_AND_BLANKS = /^[\s.]+|[\s.]+$/g;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const WINDOWS_DEVICES = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/i;

/** @internal */
export async function nodeModules(): Promise<{
  fs: typeof import("node:fs/promises");
  path: typeof import("node:path");
  syncFs: typeof import("node:fs");
}> {
  const fs = await import("node:fs/promises");
  const path = await import("node:path");
  const syncFs = await import("node:fs");
  return { fs, path, syncFs };
}

const INTERRUPTIONS = ["SIGINT", "SIGTERM"] as const;
/** The `.part` files of the saves in progress in this process. */
const partsInProgress = new Set<string>();
let removeOnSignal: ((signal: NodeJS.Signals) => void) | undefined;

/** Remove `part` if the process gets SIGINT or SIGTERM before `untrack(part)`. */
export function track(part: string, syncFs: typeof import("node:fs")): void {
  partsInProgress.add(part);
  if (removeOnSignal !== undefined) return;
  const handler = (signal: NodeJS.Signals): void => {
    for (const file of partsInProgress) syncFs.rmSync(file, { force: true });
    partsInProgress.clear();
    detach();
    // the program's own listeners decide what happens; without any, end as the signal would have
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  removeOnSignal = handler;
  for (const signal of INTERRUPTIONS) process.on(signal, handler);
}

export function untrack(part: string): void {
  partsInProgress.delete(part);
  if (partsInProgress.size === 0) detach();
}

function detach(): void {
  if (removeOnSignal === undefined) return;
  for (const signal of INTERRUPTIONS) process.removeListener(signal, removeOnSignal);
  removeOnSignal = undefined;
}

/** A plain file name from a Content-Disposition header (`filename*` preferred), else `fallback`. */
export function safeFilename(contentDisposition: string | null, fallback: string): string {
  for (const name of [dispositionFilename(contentDisposition ?? ""), fallback]) {
    const cleaned = clean(name ?? "");
    if (cleaned) return cleaned;
  }
  return "download";
}

/** Refuse a file name the server chose that names a folder: it is never replaced. */
export async function refuseFolder(file: string): Promise<void> {
  const { fs } = await nodeModules();
  const stat = await fs.stat(file).catch(() => null);
  if (stat?.isDirectory()) {
    throw new DownloadError(`the file name the server chose is a folder in the target, never replaced: ${file}`);
  }
}

/** Refuse a target before anything is downloaded: its folder must exist, and a file only with `overwrite`. */
export async function checkTarget(target: string, overwrite: boolean): Promise<void> {
  const { fs, path } = await nodeModules();
  const stat = await fs.lstat(target).catch(() => null);
  if (stat?.isDirectory()) return;
  const parent = await fs.stat(path.dirname(path.resolve(target))).catch(() => null);
  if (!parent?.isDirectory()) throw new DownloadError(`the folder of ${target} does not exist`);
  if (stat !== null && !overwrite) throw new FileExistsError(target);
}

/**
 * Stream `response`'s body into `target` (a file, or a folder to put it in) and return the file's path.
 * `url` names the file when `target` is a folder and the response gives no Content-Disposition.
 */
export async function saveResponse(
  response: Response,
  target: string,
  url: string,
  options: SaveOptions = {},
): Promise<string> {
  const { fs, path, syncFs } = await nodeModules();
  const overwrite = options.overwrite ?? false;
  const signal = options.signal;
  if (signal?.aborted) throw signal.reason;
  let file = target;
  const stat = await fs.stat(target).catch(() => null);
  if (stat?.isDirectory()) {
    file = path.join(target, safeFilename(response.headers.get("content-disposition"), urlFilename(url)));
    await refuseFolder(file);
  }
  await checkTarget(file, overwrite);
  const expected = expectedSize(response);
  const part = path.join(path.dirname(file), `.${path.basename(file).slice(0, 100)}.${randomSuffix()}.part`);
  const handle = await fs.open(part, "wx", 0o666);
  track(part, syncFs);
  let closed = false;
  try {
    let written = 0;
    if (response.body !== null) {
      const reader = response.body.getReader();
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await readWithin(reader, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, signal);
        } catch (error) {
          reader.cancel().catch(() => undefined);
          if (signal?.aborted) throw signal.reason;
          throw new DownloadError(`download of ${path.basename(file)} failed: ${describe(error)}`, { cause: error });
        }
        if (chunk.done) break;
        await writeAll(handle, chunk.value);
        written += chunk.value.byteLength;
        options.onProgress?.(written, expected);
      }
    }
    if (expected !== undefined && written !== expected) {
      throw new DownloadError(`download of ${path.basename(file)} is incomplete: ${written} of ${expected} bytes`);
    }
    await handle.sync();
    await handle.close();
    closed = true;
    await publish(fs, part, file, overwrite);
  } catch (error) {
    if (!closed) await handle.close().catch(() => undefined);
    await fs.rm(part, { force: true });
    throw error;
  } finally {
    untrack(part);
  }
  return file;
}

/** Write all of `chunk`: a short write is continued until every byte is written. */
export async function writeAll(handle: import("node:fs/promises").FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    if (bytesWritten <= 0) throw new DownloadError(`the disk took none of ${chunk.byteLength - offset} bytes`);
    offset += bytesWritten;
  }
}

export async function publish(
  fs: typeof import("node:fs/promises"),
  part: string,
  target: string,
  overwrite: boolean,
): Promise<void> {
  if (overwrite) {
    await fs.rename(part, target);
    return;
  }
  try {
    await fs.link(part, target);
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") throw new FileExistsError(target);
    // no hard links on this file system: check, then rename
    if (await fs.lstat(target).catch(() => null)) throw new FileExistsError(target);
    await fs.rename(part, target);
    return;
  }
  await fs.rm(part, { force: true });
}

/** The next chunk, or an error when none comes within `ms` or `signal` aborts. */
export async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no data for ${ms} ms`)), ms);
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([reader.read(), stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener("abort", onAbort);
  }
}

function expectedSize(response: Response): number | undefined {
  const declared = response.headers.get("content-length") ?? "";
  const encoding = response.headers.get("content-encoding") ?? "identity";
  return encoding === "identity" && /^\d+$/.test(declared) ? Number(declared) : undefined;
}

function dispositionFilename(header: string): string | undefined {
  let plain: string | undefined;
  let extended: string | undefined;
  for (const match of header.matchAll(PARAMETER)) {
    const name = (match[1] ?? "").toLowerCase();
    const value = (match[2] ?? "").trim();
    if (name === "filename*") extended ??= decodeExtended(value);
    else if (name === "filename" && plain === undefined) {
      plain = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value;
    }
  }
  return extended ?? plain;
}

function decodeExtended(value: string): string | undefined {
  const [charset = "", , encoded = ""] = value.replace(/^"|"$/g, "").split("'");
  if (charset && !/^utf-?8$/i.test(charset)) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

export function urlFilename(url: string): string {
  try {
    const last = new URL(url).pathname.split("/").pop() ?? "";
    return decodeURIComponent(last);
  } catch {
    return "";
  }
}

function clean(name: string): string {
  let result = name.normalize("NFC").replace(/\\/g, "/").split("/").pop() ?? "";
  result = result.replace(INVISIBLE, "").replace(UNSAFE_CHARACTERS, "_").replace(EDGE_DOTS_AND_BLANKS, "");
  if (WINDOWS_DEVICES.test(result.split(".")[0] ?? "")) result = "_" + result;
  return truncate(result);
}

function truncate(name: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(name).byteLength <= NAME_LIMIT) return name;
  const dot = name.lastIndexOf(".");
  let stem = dot > 0 ? name.slice(0, dot) : name;
  let extension = dot > 0 ? name.slice(dot) : "";
  if (encoder.encode(extension).byteLength > 20) {
    stem = name;
    extension = "";
  }
  const room = NAME_LIMIT - encoder.encode(extension).byteLength;
  const bytes = encoder.encode(stem).slice(0, room);
  return new TextDecoder().decode(bytes).replace(/\uFFFD+$/, "").replace(/[ .]+$/, "") + extension;
}

export function randomSuffix(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
