// Copied by generator 0.1.0 from templates/typescript/runtime/core.ts. Do not edit.
/**
 * The client core generated operations call: builds the request, attaches credentials,
 * retries, and throws typed errors.
 *
 * Redirects of API requests are never followed (`redirect: "manual"`): a redirect would
 * carry custom credential headers such as `X-API-Key` to whatever host `Location` names.
 * A redirect to a file is returned instead (`expectRedirect`) and its target fetched with
 * `fetchBare`, which sends no credentials.
 *
 * A call's `signal` works at every stage: an aborted signal rejects the call at once without
 * sending, and aborting later stops the wait for headers, the reading of the body (also of a
 * streamed download while it is saved, whose `.part` file is then removed) and the sleeps
 * between retries. The rejection is the signal's reason: the standard `AbortError`
 * (a `DOMException`) unless another reason was given to `abort()`.
 *
 * Every call runs the client's `hooks` (`hooks.ts`). An OAuth2 token source is asked for a
 * fresh token before the request is built; a 401 answered to it drops that token, and the
 * request is sent once more with a new one.
 */

import { applySecurity, oauth2InUse, type Credentials } from "./auth.js";
import { DEFAULT_MAX_BODY_SIZE, MAX_JSON_DEPTH, jsonTooDeep } from "./bodies.js";
import {
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  requestedWaitMs,
  retryDelay,
  retryPolicy,
  sleep,
  type RequestOptions,
  type RetryPolicy,
} from "./config.js";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  ResponseDecodeError,
  ResponseTooLargeError,
  statusError,
} from "./errors.js";
import { hooksOf, type HookLists, type HookRequest, type Hooks } from "./hooks.js";
import type { OAuth2Tokens } from "./oauth2.js";
import { sameOrigin } from "./pagination.js";
import { checkHeaderValue, checkText, encodeQuery, expandPath, type PathSegment, type QueryParam } from "./serialization.js";

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
  readonly pathParams?: Readonly<Record<string, string | PathSegment>>;
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
  /** Bytes a success body read into memory may have (default 64 MiB); streamed downloads are not capped. */
  readonly maxBodySize?: number | undefined;
  /** Interceptors run around every call: a `Hooks` (kept as it is) or the lists to start with. */
  readonly hooks?: Hooks | HookLists | undefined;
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
  readonly maxBodySize: number;
  /** The interceptors run around every call: push to `beforeRequest`, `afterResponse`, `onError`. */
  readonly hooks: Hooks;
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
    this.maxBodySize = options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
    if (!(this.maxBodySize >= 0)) throw new TypeError(`maxBodySize must be a number of bytes, got ${this.maxBodySize}`);
    this.hooks = hooksOf(options.hooks);
  }

  /** The names of the security schemes this client has credentials for (never the secrets). */
  get credentialNames(): string[] {
    return Object.keys(this.#credentials).sort();
  }

  /** Send the call; throws a typed error for an error status (and for a 3xx unless `expectRedirect`). */
  async request(spec: RequestSpec, options: RequestOptions = {}): Promise<Sent> {
    if (options.signal?.aborted) throw options.signal.reason;
    try {
      return await this.#request(spec, options);
    } catch (error) {
      if (error instanceof APIError) await this.hooks.runError(error);
      throw error;
    }
  }

  async #request(spec: RequestSpec, options: RequestOptions): Promise<Sent> {
    const path = expandPath(spec.path, spec.pathParams ?? {});
    const query = encodeQuery(spec.query ?? []);
    const given = { "User-Agent": this.userAgent, ...this.#defaultHeaders, ...(spec.headers ?? {}), ...(options.headers ?? {}) };
    for (const [name, value] of Object.entries(given)) checkHeaderValue(name, value);
    // one header a name, whatever its case: a later source replaces an earlier one (an operation's own
    // `user-agent` parameter replaces the client's User-Agent; a record's two keys were both sent)
    const headers = new Headers();
    for (const source of [{ "User-Agent": this.userAgent }, this.#defaultHeaders, spec.headers ?? {}]) {
      for (const [name, value] of Object.entries(source)) headers.set(name, value);
    }
    const fresh = await this.#freshTokens(oauth2InUse(spec.security, this.#credentials), options.signal);
    applySecurity(headers, query, spec.security, this.#credentials, this.#hints, fresh);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    query.push(...(options.query ?? []).map(([name, value]): [string, string] => [name, value]));
    for (const [name, value] of query) checkText(name, value);
    let body: BodyInit | undefined;
    if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers.set("Content-Type", spec.contentType ?? "application/json");
    } else if (spec.body !== undefined) {
      body = spec.body;
      if (spec.contentType) headers.set("Content-Type", spec.contentType);
    }
    let url: string;
    if (options.nextUrl === undefined) {
      url = this.baseUrl + path + (query.length ? "?" + new URLSearchParams(query).toString() : "");
    } else {
      // a next page's link replaces the path and the operation's query, on the API's host only
      const next = new URL(sameOrigin(this.baseUrl, options.nextUrl));
      const operation = new Set((spec.query ?? []).map((param) => param[0]));
      for (const [name, value] of query) {
        if (operation.has(name)) continue;
        next.searchParams.set(name, value);
      }
      url = next.href;
    }
    const init: RequestInit = { method: spec.method, headers, redirect: "manual" };
    if (body !== undefined) init.body = body;
    const hooked: HookRequest = { method: spec.method, url, headers };
    await this.hooks.runBefore(hooked);
    const sendOptions: SendOptions = {
      policy: retryPolicy(this.retry, options.retry),
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      signal: options.signal,
      stream: spec.stream ?? false,
      maxBodySize: this.maxBodySize,
    };
    let sent = await send(this.fetch, url, init, sendOptions);
    // a 401 to a token of ours: that token is dropped and the call sent once more with a new one
    if (sent.response.status === 401 && fresh.size > 0 && !(body instanceof ReadableStream)) {
      for (const [source, token] of fresh) {
        source.invalidate(token);
        const renewed = await source.token(this.fetch, this.#tokenRequest(options.signal));
        checkHeaderValue("Authorization", renewed);
        headers.set("Authorization", `Bearer ${renewed}`);
      }
      sent = await send(this.fetch, url, init, sendOptions);
    }
    await this.hooks.runAfter(sent.response, hooked);
    await raiseForStatus(sent, spec.method, spec.expectRedirect ?? false);
    options.onResponse?.(sent);
    return sent;
  }

  /** Each OAuth2 token source the call will use, with the fresh token it gave (asked for now if needed). */
  async #freshTokens(sources: readonly OAuth2Tokens[], signal: AbortSignal | undefined): Promise<Map<OAuth2Tokens, string>> {
    const fresh = new Map<OAuth2Tokens, string>();
    for (const source of sources) fresh.set(source, await source.token(this.fetch, this.#tokenRequest(signal)));
    return fresh;
  }

  #tokenRequest(signal: AbortSignal | undefined): { baseUrl: string; timeoutMs: number; signal: AbortSignal | undefined } {
    return { baseUrl: this.baseUrl, timeoutMs: this.timeoutMs, signal };
  }

  /** GET (or HEAD) `url` without any credential, header or cookie of the API's, following redirects. */
  async fetchBare(
    url: string,
    options: { method?: string; stream?: boolean; signal?: AbortSignal | undefined; headers?: Readonly<Record<string, string>> } = {},
  ): Promise<Sent> {
    const method = options.method ?? "GET";
    const init: RequestInit = {
      method,
      headers: { ...(options.headers ?? {}), "User-Agent": this.userAgent },
      redirect: "follow",
      credentials: "omit",
    };
    const sent = await send(this.fetch, url, init, {
      policy: this.retry,
      timeoutMs: this.timeoutMs,
      signal: options.signal,
      stream: options.stream ?? false,
      maxBodySize: this.maxBodySize,
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
  readonly maxBodySize?: number;
}

/** The signal each streamed response was requested with, so that saving its body stops when it aborts. */
const streamSignals = new WeakMap<Response, AbortSignal>();

/** The signal `response` was requested with, if it is a streamed response whose call had one. */
export function signalOf(response: Response): AbortSignal | undefined {
  return streamSignals.get(response);
}

/** The response to the request after any retries the policy allows; throws APIConnectionError if none came. */
export async function send(fetcher: FetchLike, url: string, init: RequestInit, options: SendOptions): Promise<Sent> {
  const started = Date.now();
  const method = (init.method ?? "GET").toUpperCase();
  const retrySafe = options.policy.retryUnsafeMethods || IDEMPOTENT_METHODS.has(method);
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw options.signal.reason;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
    const stopOnAbort = (): void => timeout.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", stopOnAbort, { once: true });
    let keepLinked = false;
    let wait: number | undefined;
    let failure: unknown;
    try {
      const response = await fetcher(url, { ...init, signal: timeout.signal });
      const streamed = options.stream && response.status < 300;
      const text = streamed
        ? undefined
        : response.status >= 400
          ? await readText(response, ERROR_BODY_LIMIT, true)
          : await readText(response, options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE, false);
      const status = response.status;
      if (options.policy.retryStatuses.includes(status) && (retrySafe || UNSENT_STATUSES.has(status))) {
        wait = retryDelay(options.policy, attempt, requestedWaitMs(response.headers, options.policy), Date.now() - started);
      }
      if (wait === undefined) {
        // a streamed body is read after this returns: aborting must still stop it
        keepLinked = streamed && options.signal !== undefined;
        if (keepLinked && options.signal !== undefined) streamSignals.set(response, options.signal);
        return { response, text, url };
      }
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (error instanceof APIError) throw error;
      const timedOut = timeout.signal.aborted;
      failure = connectionError(method, url, error, timedOut);
      if (retrySafe) wait = retryDelay(options.policy, attempt, undefined, Date.now() - started);
      if (wait === undefined) throw failure;
    } finally {
      clearTimeout(timer);
      if (!keepLinked) options.signal?.removeEventListener("abort", stopOnAbort);
    }
    await sleep(wait, options.signal);
  }
}

/** Throw the typed error for a status >= 400, or for a 3xx unless `allowRedirect`. */
export async function raiseForStatus(sent: Sent, method: string, allowRedirect: boolean): Promise<void> {
  const status = sent.response.status;
  if (status >= 400 || (status >= 300 && status < 400 && !allowRedirect)) {
    const text = sent.text ?? (await readText(sent.response, ERROR_BODY_LIMIT, true));
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
    if (jsonTooDeep(text)) throw new ResponseDecodeError(status, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
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

/**
 * The body as text. An error body (`truncate`) is cut at `limit`, and whatever arrived is
 * enough if the connection fails; any other body past `limit` throws ResponseTooLargeError,
 * before reading when Content-Length says so.
 */
async function readText(response: Response, limit: number, truncate: boolean): Promise<string> {
  const declared = declaredSize(response);
  if (!truncate && declared !== undefined && declared > limit) {
    response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(response.status, limit, declared);
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch (error) {
    if (!truncate) throw error;
    // whatever arrived before the connection failed is enough for a message
  } finally {
    reader.cancel().catch(() => undefined);
  }
  if (!truncate && size > limit) throw new ResponseTooLargeError(response.status, limit);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(truncate ? all.subarray(0, limit) : all);
}

function declaredSize(response: Response): number | undefined {
  const declared = response.headers.get("content-length") ?? "";
  const encoding = response.headers.get("content-encoding") ?? "identity";
  return encoding === "identity" && /^\d+$/.test(declared) ? Number(declared) : undefined;
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
