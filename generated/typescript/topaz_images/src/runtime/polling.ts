// Copied by generator 0.1.0 from templates/typescript/runtime/polling.ts. Do not edit.
/**
 * Waiting for things the API prepares in the background.
 *
 * `waitUntilReady` repeats a call while it fails with "not ready yet" (a 409 by default),
 * up to a deadline. `JobHandle` follows an asynchronous job: it polls the job's status
 * until a success state comes with a result URL, a failure state is reported, or the wait
 * times out, and can then download the result without credentials.
 */

import type { ClientCore } from "./core.js";
import { sleep } from "./config.js";
import { downloadUrl, streamUrl, type StreamedResponse } from "./downloads.js";
import { ConflictError, JobFailedError, JobTimeoutError, NotReadyTimeoutError } from "./errors.js";
import { checkTarget, type SaveOptions } from "./files.js";

export interface WaitOptions {
  /** How long to wait in all, in ms. */
  readonly timeoutMs?: number;
  /** How long to wait between two calls, in ms. */
  readonly pollIntervalMs?: number;
  readonly signal?: AbortSignal;
}

/** The default "not ready yet" test: the API answered 409 Conflict. */
export function isConflict(error: unknown): boolean {
  return error instanceof ConflictError;
}

/**
 * `call()`'s result, calling again every `pollIntervalMs` while it throws a not-ready error.
 * Other errors pass through at once; after `timeoutMs` throws NotReadyTimeoutError.
 */
export async function waitUntilReady<R>(
  call: () => Promise<R>,
  options: WaitOptions & { readonly isNotReady?: (error: unknown) => boolean } = {},
): Promise<R> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const deadline = Date.now() + timeoutMs;
  const isNotReady = options.isNotReady ?? isConflict;
  for (;;) {
    if (options.signal?.aborted) throw options.signal.reason;
    try {
      return await call();
    } catch (error) {
      if (!isNotReady(error)) throw error;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new NotReadyTimeoutError(timeoutMs, error);
      await sleep(Math.min(options.pollIntervalMs ?? 5_000, remaining), options.signal);
    }
  }
}

/** How to read a job's status: its state, its result URL, and which states end it. */
export interface JobRules<S> {
  readonly poll: () => Promise<S>;
  readonly statusOf: (status: S) => string;
  readonly urlOf: (status: S) => string | null | undefined;
  readonly succeeded: readonly string[];
  readonly failed: readonly string[];
}

/** An asynchronous job: poll its status, wait for its result URL, save its result. */
export class JobHandle<S> {
  readonly jobId: string;
  readonly #core: ClientCore;
  readonly #rules: JobRules<S>;

  constructor(core: ClientCore, jobId: string, rules: JobRules<S>) {
    this.#core = core;
    this.jobId = jobId;
    this.#rules = rules;
  }

  /** The job's current status, as the API reports it. */
  async status(): Promise<S> {
    return await this.#rules.poll();
  }

  /** The result URL once the job succeeded; throws JobFailedError, or JobTimeoutError after `timeoutMs`. */
  async wait(options: WaitOptions = {}): Promise<string> {
    const timeoutMs = options.timeoutMs ?? 600_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (options.signal?.aborted) throw options.signal.reason;
      const status = await this.#rules.poll();
      const state = this.#rules.statusOf(status);
      if (this.#rules.failed.includes(state)) throw new JobFailedError(this.jobId, state, status);
      const url = this.#rules.succeeded.includes(state) ? this.#rules.urlOf(status) : undefined;
      if (url) return url;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new JobTimeoutError(this.jobId, state, timeoutMs);
      await sleep(Math.min(options.pollIntervalMs ?? 2_000, remaining), options.signal);
    }
  }

  /** Wait for the job, then stream its result (fetched without credentials). */
  async stream(options: WaitOptions = {}): Promise<StreamedResponse> {
    return await streamUrl(this.#core, await this.wait(options), { signal: options.signal });
  }

  /** Wait for the job, then save its result to `path` (Node); an existing target is refused before waiting. */
  async saveTo(path: string, options: WaitOptions & SaveOptions = {}): Promise<string> {
    await checkTarget(path, options.overwrite ?? false);
    const url = await this.wait(options);
    return await downloadUrl(this.#core, url, path, options);
  }
}
