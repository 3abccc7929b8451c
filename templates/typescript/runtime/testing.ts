/**
 * Test doubles: a fake API that answers every operation from the spec's examples, without a server.
 *
 * `FakeAPI.fetch` replaces the global `fetch` for one client (the package's `fakeClient`): every
 * request, file downloads included, is answered here. Each operation answers its success example
 * until a test scripts it: `script(name, ...replies)` (in turn, the last repeats), `job(name,
 * pending, done)`, `notReady(name, times)`, `serveFile(url, content, { expiresAt })` (a storage
 * host answering 403 once a link expired), `{ cutAfter: n }` (a body that breaks off). Every
 * request is recorded in `requests`; `calls(name)` gives one operation's.
 */

import type { FetchLike } from "./core.js";

/** One operation as the fake API answers it by default. */
export interface FakeOperation {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  readonly media_type: string | null;
  readonly binary: boolean;
  /** A paged list: past the first position the example's items are empty. */
  readonly paging?: { readonly parameter: string; readonly first: number; readonly items: string };
}

/** The table a package ships: one JSON object per operation. */
export function fakeOperations(entries: readonly string[]): FakeOperation[] {
  const operations: FakeOperation[] = [];
  for (const entry of entries) {
    // body_of: an earlier entry whose body is this one's too (written once)
    const { body_of: bodyOf, ...fields } = JSON.parse(entry) as FakeOperation & { body_of?: number };
    operations.push(bodyOf === undefined ? fields : { ...fields, body: operations[bodyOf]?.body });
  }
  return operations;
}

/** An answer: a status, a JSON body (or raw `body`), headers; `cutAfter` cuts the body short. */
export interface Reply {
  readonly status?: number;
  readonly json?: unknown;
  readonly body?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cutAfter?: number;
}

/** A request the fake received. */
export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string;
}

export type Answer = Reply | ((request: FakeRequest) => Reply);

export const EXAMPLE_FILE = "example file content";

export class FakeAPI {
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: FakeRequest[] = [];
  /** Milliseconds since the epoch, for the expiry of served files. */
  clock: () => number;
  readonly #operations: Map<string, FakeOperation>;
  readonly #routes: [FakeOperation, RegExp][];
  readonly #scripts = new Map<string, Answer[]>();
  readonly #files = new Map<string, { content: Uint8Array; expiresAt: number | undefined; mediaType: string }>();
  readonly #seen: [string, FakeRequest][] = [];

  constructor(operations: readonly FakeOperation[], baseUrl: string, clock: () => number = Date.now) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.clock = clock;
    this.#operations = new Map(operations.map((op) => [op.name, op]));
    this.#routes = operations
      .map((op): [FakeOperation, RegExp] => [op, template(op.path)])
      .sort((a, b) => a[0].path.split("{").length - b[0].path.split("{").length);
  }

  /** The names operations are scripted by. */
  get operations(): string[] {
    return [...this.#operations.keys()];
  }

  /** Answer the next calls of operation `name` with `answers` in turn; the last one repeats. */
  script(name: string, ...answers: Answer[]): void {
    if (!this.#operations.has(name)) {
      throw new RangeError(`no operation ${JSON.stringify(name)}; the operations are ${this.operations.join(", ")}`);
    }
    if (answers.length === 0) throw new RangeError("script at least one answer");
    this.#scripts.set(name, [...answers]);
  }

  /** A polled job: `name` answers `pending` `polls` times, then `done` (a success or a failure). */
  job(name: string, pending: unknown, done: unknown, options: { polls?: number; status?: number } = {}): void {
    const status = options.status ?? 200;
    const waiting: Reply[] = Array.from({ length: options.polls ?? 2 }, () => ({ status, json: pending }));
    this.script(name, ...waiting, { status, json: done });
  }

  /** `name` answers 409 Conflict `times` times (not ready yet), then its example. */
  notReady(name: string, options: { times?: number; retryAfter?: number } = {}): void {
    const headers: Record<string, string> = options.retryAfter === undefined ? {} : { "Retry-After": String(options.retryAfter) };
    const conflict: Reply = { status: 409, json: { message: "not ready yet" }, headers };
    this.script(name, ...Array.from({ length: options.times ?? 1 }, () => conflict), this.example(name));
  }

  /** A copy of operation `name`'s example JSON body, to change and script. */
  body(name: string): unknown {
    const body = this.#operation(name).body;
    return body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as unknown);
  }

  /** The answer `name` gives unless scripted: its success example. */
  example(name: string): Reply {
    const op = this.#operation(name);
    if (op.binary) return { status: op.status, body: EXAMPLE_FILE, headers: { "Content-Type": op.media_type ?? "" } };
    if (op.media_type === null) return { status: op.status };
    return { status: op.status, body: JSON.stringify(op.body), headers: { "Content-Type": op.media_type } };
  }

  /** Serve `content` at `url` (any query); at or past `expiresAt` (epoch ms) it answers 403. */
  serveFile(url: string, content: string | Uint8Array, options: { expiresAt?: number; mediaType?: string } = {}): string {
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    this.#files.set(fileKey(url), { content: bytes, expiresAt: options.expiresAt, mediaType: options.mediaType ?? "application/octet-stream" });
    return url;
  }

  /** The requests operation `name` received. */
  calls(name: string): FakeRequest[] {
    return this.#seen.filter(([called]) => called === name).map(([, request]) => request);
  }

  /** A `fetch` for the client: every request is answered by this fake. */
  readonly fetch: FetchLike = async (input, init) => {
    const request: FakeRequest = {
      method: (init.method ?? "GET").toUpperCase(),
      url: new URL(input),
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : init.body === undefined || init.body === null ? "" : "(body)",
    };
    if (init.signal?.aborted) throw init.signal.reason;
    this.requests.push(request);
    return respond(this.#answer(request), request);
  };

  #operation(name: string): FakeOperation {
    const op = this.#operations.get(name);
    if (op === undefined) throw new RangeError(`no operation ${JSON.stringify(name)}`);
    return op;
  }

  #answer(request: FakeRequest): Reply {
    const file = this.#files.get(fileKey(request.url.href));
    if (file !== undefined) {
      if (file.expiresAt !== undefined && this.clock() >= file.expiresAt) {
        const expired = "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";
        return { status: 403, body: expired, headers: { "Content-Type": "application/xml" } };
      }
      const headers = { "Content-Type": file.mediaType, "Content-Length": String(file.content.length) };
      return { status: 200, body: request.method === "HEAD" ? "" : file.content, headers };
    }
    const op = this.#route(request);
    if (op === undefined) return { status: 404, json: { message: `no operation answers ${request.method} ${request.url.pathname}` } };
    this.#seen.push([op.name, request]);
    const script = this.#scripts.get(op.name);
    if (script === undefined || script.length === 0) return this.#default(op, request);
    const answer = (script.length > 1 ? script.shift() : script[0]) as Answer;
    return typeof answer === "function" ? answer(request) : answer;
  }

  #default(op: FakeOperation, request: FakeRequest): Reply {
    const paging = op.paging;
    const body = op.body;
    if (paging === undefined || body === null || typeof body !== "object" || Array.isArray(body)) return this.example(op.name);
    const position = request.url.searchParams.get(paging.parameter);
    if (position === null || position === String(paging.first)) return this.example(op.name);
    return { status: op.status, json: { ...(body as Record<string, unknown>), [paging.items]: [] } };
  }

  #route(request: FakeRequest): FakeOperation | undefined {
    const base = new URL(this.baseUrl);
    if (request.url.origin !== base.origin) return undefined;
    const prefix = base.pathname.replace(/\/+$/, "");
    if (prefix && !request.url.pathname.startsWith(prefix)) return undefined;
    const path = request.url.pathname.slice(prefix.length);
    return this.#routes.find(([op, pattern]) => op.method === request.method && pattern.test(path))?.[0];
  }
}

function respond(reply: Reply, request: FakeRequest): Response {
  const headers = new Headers(reply.headers ?? {});
  let bytes: Uint8Array;
  if (reply.body !== undefined) {
    bytes = typeof reply.body === "string" ? new TextEncoder().encode(reply.body) : reply.body;
  } else if (reply.json !== undefined) {
    bytes = new TextEncoder().encode(JSON.stringify(reply.json));
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  } else {
    bytes = new Uint8Array();
  }
  const status = reply.status ?? 200;
  const empty = status === 204 || status === 304 || request.method === "HEAD";
  if (reply.cutAfter === undefined || empty) {
    return new Response(empty ? null : new Uint8Array(bytes), { status, headers });
  }
  if (!headers.has("Content-Length")) headers.set("Content-Length", String(bytes.length));
  const part = bytes.slice(0, reply.cutAfter);
  let sent = part.length === 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(part);
        return;
      }
      controller.error(new TypeError("terminated: the connection closed before the body was complete"));
    },
  });
  return new Response(stream, { status, headers });
}

function template(path: string): RegExp {
  const parts = path.split(/(\{[^}]*\})/);
  return new RegExp("^" + parts.map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("") + "$");
}

function fileKey(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
