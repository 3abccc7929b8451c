// Copied by generator 0.1.0 from templates/typescript/runtime/config.ts. Do not edit.
/**
 * Timeouts, the retry policy, per-call options, and reading a server's Retry-After.
 *
 * Retries use exponential backoff with full jitter: before retry `n` (0-based) the client
 * sleeps a random time in `[0, min(maxDelayMs, initialDelayMs * 2 ** n)]`. A server's
 * `Retry-After` replaces the backoff and is honoured exactly. Every wait must also fit in
 * what is left of `maxElapsedMs`; when it does not, the client gives up at once and throws
 * the last error instead of sleeping past the budget.
 */

/** Milliseconds a request may take until its response headers (and a JSON body) arrive. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** When and how long to wait before sending a failed request again. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxElapsedMs: number;
  readonly retryStatuses: readonly number[];
  /** POST and PATCH are retried only when the server cannot have acted on them (408, 429), unless this is set. */
  readonly retryUnsafeMethods: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxElapsedMs: 60_000,
  retryStatuses: Object.freeze([408, 429, 500, 502, 503, 504]),
  retryUnsafeMethods: false,
});

/** Per-call overrides; a field left out keeps the client's setting. */
export interface RequestOptions {
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: readonly (readonly [string, string])[];
  readonly signal?: AbortSignal;
}

/** The policy with `overrides` applied. */
export function retryPolicy(base: RetryPolicy, overrides?: Partial<RetryPolicy>): RetryPolicy {
  return overrides ? { ...base, ...overrides } : base;
}

/** Milliseconds to wait before retry number `attempt` (0-based), or undefined to give up. */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  elapsedMs: number,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxRetries) return undefined;
  const wait =
    retryAfterMs === undefined
      ? random() * Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt)
      : Math.max(0, retryAfterMs);
  return elapsedMs + wait <= policy.maxElapsedMs ? wait : undefined;
}

/** The wait a response asks for, in ms: `Retry-After-Ms`, or `Retry-After` as seconds or an HTTP-date. */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = finite(headers.get("retry-after-ms"));
  if (milliseconds !== undefined) return Math.max(0, milliseconds);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = finite(value);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const when = Date.parse(value);
  return Number.isNaN(when) ? undefined : Math.max(0, when - now);
}

function finite(value: string | null): number | undefined {
  if (value === null || !/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** Wait `ms` milliseconds, or less if `signal` aborts (then rejects with its reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
