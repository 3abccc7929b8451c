// Copied by generator 0.1.0 from templates/typescript/runtime/config.ts. Do not edit.
/**
 * Timeouts, the retry policy, per-call options, and reading a server's Retry-After.
 *
 * Retries use exponential backoff with full jitter: before retry `n` (0-based) the client
 * sleeps a random time in `[0, min(maxDelayMs, initialDelayMs * 2 ** n)]`. A server's
 * `Retry-After` replaces the backoff and is honoured exactly. Every wait must also fit in
 * what is left of `maxElapsedMs`; when it does not, the client gives up at once and throws
 * the last error (`RateLimitError` for a 429, with `retryAfterMs`) instead of sleeping past
 * the budget.
 *
 * `Retry-After` is read as delta-seconds (digits; a decimal or exponent form such as `1.5`
 * or `1e9` is read too) or as an IMF-fixdate HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`);
 * `Retry-After-Ms` as milliseconds. A date in the past or `0` means "now". A value that
 * cannot be read (`soon`, `-5`, `inf`, another date format) is not taken as "now": the
 * client waits `maxDelayMs`, the longest backoff, before the retry.
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
  /** Pagers: an absolute next-page link sent instead of the operation's path and query (on the API's host only). */
  readonly nextUrl?: string | undefined;
  /** Pagers: called with the final response before it is decoded (to read its Link header or body). */
  readonly onResponse?: ((answered: Answered) => void) | undefined;
}

/** A response, its body text (unless streamed) and the URL it answers. */
export interface Answered {
  readonly response: Response;
  readonly text: string | undefined;
  readonly url: string;
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

/**
 * The wait a response asks for, in ms: `Retry-After-Ms`, or `Retry-After` as seconds or an HTTP-date.
 * Undefined when the response asks for no wait, or asks in a form that cannot be read.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = nonNegative(headers.get("retry-after-ms"));
  if (milliseconds !== undefined) return milliseconds;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = nonNegative(value);
  if (seconds !== undefined) return seconds * 1000;
  if (!HTTP_DATE.test(value.trim())) return undefined;
  const when = Date.parse(value);
  return Number.isNaN(when) ? undefined : Math.max(0, when - now);
}

/** The wait to honour before retrying this response, in ms: what it asks for, `maxDelayMs` when unreadable. */
export function requestedWaitMs(headers: Headers, policy: RetryPolicy): number | undefined {
  const asked = parseRetryAfter(headers);
  if (asked === undefined && (headers.has("retry-after") || headers.has("retry-after-ms"))) return policy.maxDelayMs;
  return asked;
}

/** Delta-seconds as digits, also with a fraction or an exponent; never a sign, `Infinity` or `NaN`. */
const NUMBER = /^\s*\d+(?:\.\d*)?(?:[eE][+-]?\d+)?\s*$/;
/** The IMF-fixdate form RFC 9110 requires of senders. */
const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A non-negative number (Infinity when too large), or undefined when `value` is not one. */
function nonNegative(value: string | null): number | undefined {
  return value !== null && NUMBER.test(value) ? Number(value) : undefined;
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
