// Copied by generator 0.1.0 from templates/typescript/runtime/downloads.ts. Do not edit.
/**
 * Streamed responses, and files fetched from presigned URLs and redirect targets without credentials.
 *
 * A presigned URL, like the `Location` of a 303 to a file, is its own authorisation. The
 * API's credentials must not travel with it, so these requests go through
 * `ClientCore.fetchBare`: none of the API client's headers, credentials or cookies. A link
 * known to be expired is refused before any request is made.
 */

import { signalOf, type ClientCore } from "./core.js";
import { DownloadError, LinkExpiredError } from "./errors.js";
import { checkTarget, saveResponse, type SaveOptions } from "./files.js";

/** Unix seconds (or milliseconds), an RFC 3339 date-time, or a Date. */
export type Expiry = number | string | Date;

/** Larger epoch numbers are milliseconds: as seconds they would be after the year 5000. */
const MILLISECONDS_THRESHOLD = 100_000_000_000;

/** A response whose body is the file itself: read it as a stream, or save it with `saveTo`. */
export class StreamedResponse {
  readonly response: Response;
  readonly url: string;
  readonly #idleTimeoutMs: number | undefined;

  constructor(response: Response, url: string, idleTimeoutMs?: number) {
    this.response = response;
    this.url = url;
    this.#idleTimeoutMs = idleTimeoutMs;
  }

  get status(): number {
    return this.response.status;
  }

  get headers(): Headers {
    return this.response.headers;
  }

  /** The body as a stream of bytes; read it once. */
  get body(): ReadableStream<Uint8Array> {
    if (this.response.body === null) return new ReadableStream({ start: (controller) => controller.close() });
    return this.response.body;
  }

  /** The whole body in memory (for small files). */
  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.response.arrayBuffer());
  }

  /** Save the body into `path` (a file, or a folder to put it in), atomically (Node); the call's signal stops it. */
  async saveTo(path: string, options: SaveOptions = {}): Promise<string> {
    const defaults = { idleTimeoutMs: this.#idleTimeoutMs, signal: signalOf(this.response) };
    return await saveResponse(this.response, path, this.url, { ...defaults, ...options });
  }

  /** Drop the body without reading it. */
  async cancel(): Promise<void> {
    await this.response.body?.cancel();
  }
}

/** Throw LinkExpiredError if the link expires within `leewayMs` from `now`; undefined never expires. */
export function ensureNotExpired(expiresAt: Expiry | null | undefined, now: number = Date.now(), leewayMs = 30_000): void {
  if (expiresAt === undefined || expiresAt === null) return;
  const expiry = asDate(expiresAt);
  if (expiry !== undefined && expiry.getTime() - leewayMs <= now) throw new LinkExpiredError(expiry);
}

/** Save the file at `url` to `path` with no credentials; see `StreamedResponse.saveTo`. */
export async function downloadUrl(
  core: ClientCore,
  url: string,
  path: string,
  options: SaveOptions & { readonly expiresAt?: Expiry | null | undefined } = {},
): Promise<string> {
  ensureNotExpired(options.expiresAt);
  await checkTarget(path, options.overwrite ?? false);
  const sent = await core.fetchBare(url, { stream: true, signal: options.signal });
  return await saveResponse(sent.response, path, sent.response.url || url, { idleTimeoutMs: core.timeoutMs, ...options });
}

/** The file at `url` as a stream, fetched with no credentials. */
export async function streamUrl(
  core: ClientCore,
  url: string,
  options: { readonly expiresAt?: Expiry | null | undefined; readonly signal?: AbortSignal } = {},
): Promise<StreamedResponse> {
  ensureNotExpired(options.expiresAt);
  const sent = await core.fetchBare(url, { stream: true, signal: options.signal });
  return new StreamedResponse(sent.response, sent.response.url || url, core.timeoutMs);
}

/** The size a HEAD request on `url` announces (Content-Length), or undefined if it announces none. */
export async function headSize(core: ClientCore, url: string): Promise<number | undefined> {
  const sent = await core.fetchBare(url, { method: "HEAD" });
  const length = sent.response.headers.get("content-length") ?? "";
  return /^\d+$/.test(length) ? Number(length) : undefined;
}

/** The absolute URL a redirect response points to (a relative Location is resolved against the request). */
export function redirectLocation(response: Response, requestUrl: string, header = "Location"): string {
  const location = response.headers.get(header);
  if (!location) throw new DownloadError(`the ${response.status} response names no ${header} to download from`);
  try {
    return new URL(location, requestUrl).toString();
  } catch {
    throw new DownloadError(`the ${response.status} response names an unusable ${header}`);
  }
}

function asDate(value: Expiry): Date | undefined {
  if (value instanceof Date) return value;
  let seconds: number;
  if (typeof value === "string") {
    const text = value.trim();
    if (!/^\d+(\.\d+)?$/.test(text)) {
      const parsed = Date.parse(text);
      return Number.isNaN(parsed) ? undefined : new Date(parsed);
    }
    seconds = Number(text);
  } else {
    seconds = value;
  }
  return new Date(seconds > MILLISECONDS_THRESHOLD ? seconds : seconds * 1000);
}
