// Copied by generator 0.1.0 from templates/typescript/runtime/hooks.ts. Do not edit.
/**
 * Interceptors a client runs around every API call: before the request, after the response, on an error.
 *
 * `Hooks` holds three lists, run in order, each hook awaited (a hook may be a plain or an
 * `async` function). `beforeRequest` gets the request about to be sent (once per call, before
 * any retry; it may add or change `headers`), `afterResponse` the final `Response` (its body is
 * already read unless the call streams it) with that request, `onError` the `APIError` the call
 * is about to throw (a refused argument, a missing credential, a `TokenError`, an error status,
 * a connection failure). What a hook returns is ignored; what it throws is what the call throws.
 * Downloads from presigned or redirect links (no credentials) run no hooks.
 *
 * The request a hook sees carries the call's credentials: a hook that logs should log the
 * method and the path, not the headers.
 */

import type { APIError } from "./errors.js";

/** The request a hook sees: `headers` are the ones that will be sent, and may be changed. */
export interface HookRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
}

export type BeforeRequest = (request: HookRequest) => void | Promise<void>;
export type AfterResponse = (response: Response, request: HookRequest) => void | Promise<void>;
export type OnError = (error: APIError) => void | Promise<void>;

/** The hooks to start a client with (the `hooks` option); a list left out starts empty. */
export interface HookLists {
  readonly beforeRequest?: readonly BeforeRequest[] | undefined;
  readonly afterResponse?: readonly AfterResponse[] | undefined;
  readonly onError?: readonly OnError[] | undefined;
}

/** The interceptors of one client: give them as the `hooks` option, or push to `client.hooks` later. */
export class Hooks {
  readonly beforeRequest: BeforeRequest[];
  readonly afterResponse: AfterResponse[];
  readonly onError: OnError[];

  constructor(init: HookLists = {}) {
    this.beforeRequest = [...(init.beforeRequest ?? [])];
    this.afterResponse = [...(init.afterResponse ?? [])];
    this.onError = [...(init.onError ?? [])];
  }

  async runBefore(request: HookRequest): Promise<void> {
    for (const hook of [...this.beforeRequest]) await hook(request);
  }

  async runAfter(response: Response, request: HookRequest): Promise<void> {
    for (const hook of [...this.afterResponse]) await hook(response, request);
  }

  async runError(error: APIError): Promise<void> {
    for (const hook of [...this.onError]) await hook(error);
  }
}

/** The client's hooks: `given` itself when it is a `Hooks`, else new ones holding its lists. */
export function hooksOf(given: Hooks | HookLists | undefined): Hooks {
  return given instanceof Hooks ? given : new Hooks(given);
}
