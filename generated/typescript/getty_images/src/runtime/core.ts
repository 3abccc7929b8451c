// Copied by generator 0.1.0 from templates/typescript/runtime/core.ts. Do not edit.
/**
 * The client core generated operations call: builds the request, attaches credentials,
 * retries, and throws typed errors.
 *
 * Redirects of API requests are never followed (`redirect: "manual"`): a redirect would
 * carry custom credential headers such as `X-API-Key` to whatever host `Location` names.
 * A redirect to a file is returned instead (`expectRedirect`) and its target fetched with
 * `fetchBare`, which sends no credentials.
 */

import { applySecurity, type Credentials } from "./auth.js";
import {
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  parseRetryAfter,
  retryDelay,
  retryPolicy,
  sleep,
  type RequestOptions,
  type RetryPolicy,
} from "./config.js";
import { APIConnectionError, APITimeoutError, ResponseDecodeError, statusError } from "./errors.js";
import { encodeQuery, expandPath, type QueryParam } from "./serialization.js";

/** The `fetch` function the client uses: the global one by default, or one of your own. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Largest part of an error body read for its message, in bytes. */
export const ERROR_BODY_LIMIT = 64 * 1024;
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
const UNSENT_STATUSES = new Set([408, 429]);

/** One call as a generated method describes it. */
export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: readonly QueryParam[];
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (already encoded as JSON values). */
  readonly json?: unknown;
  /** A raw body, sent as it is with `contentType`. */
  readonly body?: BodyInit;
  readonly contentType?: string;
  readonly security: readonly (readonly string[])[];
  /** Return a 3xx response instead of throwing. */
  readonly expectRedirect?: boolean;
  /** Leave the body unread (a download); the timeout then covers the response headers only. */
  readonly stream?: boolean;
}

export interface CoreOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly credentialHints: Readonly<Record<string, string>>;
  readonly userAgent: string;
  readonly fetch?: FetchLike | undefined;
  readonly timeoutMs?: number | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  readonly defaultHeaders?: Readonly<Record<string, string>> | undefined;
}

/** A response together with the request it answers (method and URL path, for messages). */
export interface Sent {
  readonly response: Response;
  /** The body text, read within the timeout, unless the request asked for a stream. */
  readonly text: string | undefined;
  readonly url: string;
}

export class ClientCore {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly userAgent: string;
  readonly fetch: FetchLike;
  readonly #credentials: Credentials;
  readonly #hints: Readonly<Record<string, string>>;
  readonly #defaultHeaders: Readonly<Record<string, string>>;

  constructor(options: CoreOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = retryPolicy(DEFAULT_RETRY, options.retry);
    this.userAgent = options.userAgent;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#credentials = options.credentials;
    this.#hints = options.credentialHints;
    this.#defaultHeaders = options.defaultHeaders ?? {};
  }

  /** The names of the security schemes this client has credentials for (never the secrets). */
  get credentialNames(): string[] {
    return Object.keys(this.#credentials).sort();
  }

  /** Send the call; throws a typed error for an error status (and for a 3xx unless `expectRedirect`). */
  async request(spec: RequestSpec, options: RequestOptions = {}): Promise<Sent> {
    const query = encodeQuery(spec.query ?? []);
    const headers = new Headers({ "User-Agent": this.userAgent, ...this.#defaultHeaders, ...(spec.headers ?? {}) });
    applySecurity(headers, query, spec.security, this.#credentials, this.#hints);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    query.push(...(options.query ?? []).map(([name, value]): [string, string] => [name, value]));
    let body: BodyInit | undefined;
    if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers.set("Content-Type", spec.contentType ?? "application/json");
    } else if (spec.body !== undefined) {
      body = spec.body;
      if (spec.contentType) headers.set("Content-Type", spec.contentType);
    }
    const search = query.length ? "?" + new URLSearchParams(query).toString() : "";
    const url = this.baseUrl + expandPath(spec.path, spec.pathParams ?? {}) + search;
    const init: RequestInit = { method: spec.method, headers, redirect: "manual" };
    if (body !== undefined) init.body = body;
    const sent = await send(this.fetch, url, init, {
      policy: retryPolicy(this.retry, options.retry),
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      signal: options.signal,
      stream: spec.stream ?? false,
    });
    await raiseForStatus(sent, spec.method, spec.expectRedirect ?? false);
    return sent;
  }

  /** GET (or HEAD) `url` without any credential, header or cookie of the API's, following redirects. */
  async fetchBare(url: string, options: { method?: string; stream?: boolean; signal?: AbortSignal } = {}): Promise<Sent> {
    const method = options.method ?? "GET";
    const init: RequestInit = {
      method,
      headers: { "User-Agent": this.userAgent },
      redirect: "follow",
      credentials: "omit",
    };
    const sent = await send(this.fetch, url, init, {
      policy: this.retry,
      timeoutMs: this.timeoutMs,
      signal: options.signal,
      stream: options.stream ?? false,
    });
    await raiseForStatus(sent, method, false);
    return sent;
  }
}

interface SendOptions {
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly stream: boolean;
}

/** The response to the request after any retries the policy allows; throws APIConnectionError if none came. */
export async function send(fetcher: FetchLike, url: string, init: RequestInit, options: SendOptions): Promise<Sent> {
  const started = Date.now();
  const method = (init.method ?? "GET").toUpperCase();
  const retrySafe = options.policy.retryUnsafeMethods || IDEMPOTENT_METHODS.has(method);
  for (let attempt = 0; ; attempt++) {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
    const stopOnAbort = (): void => timeout.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", stopOnAbort, { once: true });
    let wait: number | undefined;
    let failure: unknown;
    try {
      const response = await fetcher(url, { ...init, signal: timeout.signal });
      const text = options.stream && response.status < 300 ? undefined : await readText(response, response.status >= 400);
      const status = response.status;
      if (options.policy.retryStatuses.includes(status) && (retrySafe || UNSENT_STATUSES.has(status))) {
        wait = retryDelay(options.policy, attempt, parseRetryAfter(response.headers), Date.now() - started);
      }
      if (wait === undefined) return { response, text, url };
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const timedOut = timeout.signal.aborted;
      failure = connectionError(method, url, error, timedOut);
      if (retrySafe) wait = retryDelay(options.policy, attempt, undefined, Date.now() - started);
      if (wait === undefined) throw failure;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", stopOnAbort);
    }
    await sleep(wait, options.signal);
  }
}

/** Throw the typed error for a status >= 400, or for a 3xx unless `allowRedirect`. */
export async function raiseForStatus(sent: Sent, method: string, allowRedirect: boolean): Promise<void> {
  const status = sent.response.status;
  if (status >= 400 || (status >= 300 && status < 400 && !allowRedirect)) {
    const text = sent.text ?? (await readText(sent.response, true));
    throw statusError(sent.response, text, method.toUpperCase(), pathOf(sent.url));
  }
}

/** The body of a JSON response, checked with `check` (which returns a problem, or undefined when it fits). */
export function decodeJson<T>(sent: Sent, check?: (data: unknown) => string | undefined): T {
  const status = sent.response.status;
  const media = (sent.response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const text = sent.text ?? "";
  let data: unknown;
  if (media && !(media === "application/json" || media.endsWith("+json"))) {
    data = text;
  } else {
    try {
      data = JSON.parse(text) as unknown;
    } catch (error) {
      throw new ResponseDecodeError(status, `not JSON (${String(error)})`);
    }
  }
  const problem = check?.(data);
  if (problem !== undefined) throw new ResponseDecodeError(status, problem);
  return data as T;
}

/** A check for `decodeJson`: the body is an object that has every one of `required`. */
export function expectObject(required: readonly string[]): (data: unknown) => string | undefined {
  return (data) => {
    if (data === null || typeof data !== "object" || Array.isArray(data)) return `expected an object, got ${kindOf(data)}`;
    const missing = required.filter((key) => !Object.hasOwn(data, key));
    return missing.length ? `missing required properties ${missing.map((key) => JSON.stringify(key)).join(", ")}` : undefined;
  };
}

/** A check for `decodeJson`: the body is a list. */
export function expectArray(data: unknown): string | undefined {
  return Array.isArray(data) ? undefined : `expected a list, got ${kindOf(data)}`;
}

function kindOf(data: unknown): string {
  return data === null ? "null" : Array.isArray(data) ? "a list" : typeof data;
}

async function readText(response: Response, limited: boolean): Promise<string> {
  if (!limited || response.body === null) return await response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_BODY_LIMIT) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // whatever arrived before the connection failed is enough for a message
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all.subarray(0, ERROR_BODY_LIMIT));
}

function connectionError(method: string, url: string, error: unknown, timedOut: boolean): APIConnectionError {
  const where = `${method} ${originAndPath(url)}`;
  if (timedOut) return new APITimeoutError(`${where}: timed out`, { cause: error });
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  const detail = error instanceof Error ? error.message + (cause ? ` (${cause})` : "") : String(error);
  return new APIConnectionError(`${where}: ${detail}`, { cause: error });
}

function originAndPath(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  } catch {
    return "(invalid URL)";
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}
