// Copied by generator 0.1.0 from templates/typescript/runtime/oauth2.ts. Do not edit.
/**
 * OAuth2 access tokens the client gets for itself: fetched on first use, cached, refreshed before they expire.
 *
 * `OAuth2Tokens` runs one grant of the security scheme's flows against its token endpoint
 * (`client_credentials`, the resource-owner `password` grant, or only `refresh_token` when that
 * is all it was given), keeps the token with its expiry, and asks again `marginMs` before it
 * ends (half the lifetime for a short one), with the refresh token when the endpoint gave one,
 * else with the grant itself. One fetch serves every concurrent caller: they all wait on the
 * same promise. A 401 from the API drops the token it was sent with, so the call is sent once
 * more with a new one (`core.ts`).
 *
 * Tokens go only to the API: the token endpoint is asked with a request of its own (the form
 * and `Accept`, nothing of the API's headers), and presigned or redirect targets are fetched
 * without credentials (`fetchBare`). No token, secret or password is a public property (they
 * are `#private`), so none shows in `util.inspect`, `JSON.stringify` or an error: a failing
 * token endpoint is a `TokenError` carrying its `error` and `errorDescription`.
 */

import { jsonTooDeep } from "./bodies.js";
import type { FetchLike } from "./core.js";
import { APIConnectionError, APITimeoutError, AuthenticationError } from "./errors.js";

/** Milliseconds before its expiry a token is replaced. */
export const DEFAULT_TOKEN_MARGIN_MS = 60_000;
/** Bytes of a token endpoint's answer read at most. */
export const TOKEN_BODY_LIMIT = 64 * 1024;

export type GrantType = "client_credentials" | "password" | "refresh_token";

/** A grant a security scheme's flow allows, and where its tokens are asked for and refreshed. */
export interface OAuth2Grant {
  readonly grant: GrantType;
  readonly tokenUrl: string;
  readonly refreshUrl: string;
}

/** What the grants take; a part left out is not sent. */
export interface OAuth2Secrets {
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly refreshToken?: string | undefined;
  /** Asked for with every token (space-separated in the form). */
  readonly scopes?: readonly string[] | undefined;
}

/** How a token is asked for: where relative token URLs are resolved, the timeout, the caller's signal. */
export interface TokenRequest {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The token endpoint refused to issue a token (or answered without one). `error` and
 * `errorDescription` are the endpoint's own (RFC 6749, 5.2); the message names the endpoint by
 * its path, never a secret.
 */
export class TokenError extends AuthenticationError {
  readonly error: string | undefined;
  readonly errorDescription: string | undefined;

  constructor(response: Response, init: { error: string | undefined; description: string | undefined; path: string }) {
    const words = [init.error, init.description].filter((part) => part).join(": ") || "no access token in the answer";
    super(response, { message: `token endpoint refused: ${words}`, body: undefined, method: "POST", path: init.path });
    this.error = init.error;
    this.errorDescription = init.description;
  }
}

/** Access tokens of one security scheme, got by one grant and cached; see the module's description. */
export class OAuth2Tokens {
  /** The grant these tokens come from (no secret in it). */
  readonly grant: OAuth2Grant;
  /** How many times the token endpoint answered with a token (for tests and metrics). */
  fetches = 0;
  readonly #clientId: string | undefined;
  readonly #clientSecret: string | undefined;
  readonly #username: string | undefined;
  readonly #password: string | undefined;
  readonly #scopes: readonly string[];
  readonly #marginMs: number;
  readonly #clock: () => number;
  #refreshToken: string | undefined;
  #token: string | undefined;
  #expiresAt: number | undefined;
  #pending: Promise<string> | undefined;

  constructor(
    grant: OAuth2Grant,
    secrets: OAuth2Secrets,
    options: { marginMs?: number; clock?: () => number } = {},
  ) {
    this.grant = grant;
    this.#clientId = secrets.clientId;
    this.#clientSecret = secrets.clientSecret;
    this.#username = secrets.username;
    this.#password = secrets.password;
    this.#refreshToken = secrets.refreshToken;
    this.#scopes = [...(secrets.scopes ?? [])];
    this.#marginMs = options.marginMs ?? DEFAULT_TOKEN_MARGIN_MS;
    this.#clock = options.clock ?? Date.now;
  }

  /** The cached token while it is fresh, else undefined. */
  get current(): string | undefined {
    if (this.#token === undefined || (this.#expiresAt !== undefined && this.#clock() >= this.#expiresAt)) return undefined;
    return this.#token;
  }

  /** Forget `token` (the API refused it) unless another caller has already replaced it. */
  invalidate(token: string): void {
    if (this.#token === token) this.#token = undefined;
  }

  /** A fresh token, asking the endpoint (once for every waiting caller) when there is none. */
  async token(fetcher: FetchLike, request: TokenRequest): Promise<string> {
    if (request.signal?.aborted) throw request.signal.reason;
    const token = this.current;
    if (token !== undefined) return token;
    this.#pending ??= this.#ask(fetcher, request).finally(() => {
      this.#pending = undefined;
    });
    return untilAborted(this.#pending, request.signal);
  }

  toString(): string {
    return `OAuth2Tokens(${this.grant.grant}, ${this.grant.tokenUrl})`;
  }

  /** The endpoint's token: with the refresh token first, then with the grant itself if that is refused. */
  async #ask(fetcher: FetchLike, request: TokenRequest): Promise<string> {
    let refusal: TokenError | undefined;
    for (const [url, form] of this.#attempts()) {
      try {
        return this.#store(await askEndpoint(fetcher, new URL(url, request.baseUrl).href, form, request.timeoutMs));
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        refusal = error;
        // the refresh token is forgotten only when the endpoint says it is no good
        if (form["grant_type"] === "refresh_token" && error.error === "invalid_grant") this.#refreshToken = undefined;
      }
    }
    if (refusal !== undefined) throw refusal;
    // the refresh token was refused (invalid_grant) and no other grant is left to try
    throw new TokenError(new Response(null, { status: 400 }), {
      error: "invalid_grant",
      description: "the refresh token was refused and there is no other grant to try",
      path: new URL(this.grant.refreshUrl, request.baseUrl).pathname,
    });
  }

  #attempts(): [string, Record<string, string>][] {
    const attempts: [string, Record<string, string>][] = [];
    const client: Record<string, string> = {};
    if (this.#clientId) client["client_id"] = this.#clientId;
    if (this.#clientSecret) client["client_secret"] = this.#clientSecret;
    const scope: Record<string, string> = this.#scopes.length ? { scope: this.#scopes.join(" ") } : {};
    if (this.#refreshToken) {
      const refresh = { grant_type: "refresh_token", refresh_token: this.#refreshToken };
      attempts.push([this.grant.refreshUrl, { ...refresh, ...client }]);
    }
    if (this.grant.grant === "client_credentials") {
      attempts.push([this.grant.tokenUrl, { grant_type: "client_credentials", ...client, ...scope }]);
    } else if (this.grant.grant === "password") {
      const user = { username: this.#username ?? "", password: this.#password ?? "" };
      attempts.push([this.grant.tokenUrl, { grant_type: "password", ...user, ...client, ...scope }]);
    }
    return attempts;
  }

  #store(answer: Record<string, unknown>): string {
    const token = answer["access_token"] as string;
    let lifetime = answer["expires_in"];
    if (typeof lifetime === "string" && /^\s*\d+\s*$/.test(lifetime)) lifetime = Number(lifetime);
    if (typeof lifetime === "number" && Number.isFinite(lifetime) && lifetime >= 0) {
      const ms = lifetime * 1000;
      this.#expiresAt = this.#clock() + ms - Math.min(this.#marginMs, ms / 2);
    } else {
      this.#expiresAt = undefined;
    }
    const refresh = answer["refresh_token"];
    if (typeof refresh === "string" && refresh) this.#refreshToken = refresh;
    this.#token = token;
    this.fetches += 1;
    return token;
  }
}

/**
 * Tokens by the first grant the secrets allow: password (user name and password), client credentials
 * (client id and secret), else a refresh token alone; undefined when they allow none.
 */
export function oauth2Tokens(grants: readonly OAuth2Grant[], secrets: OAuth2Secrets): OAuth2Tokens | undefined {
  const byKind = new Map<GrantType, OAuth2Grant>();
  for (const grant of [...grants].reverse()) byKind.set(grant.grant, grant);
  let chosen: OAuth2Grant | undefined;
  const password = byKind.get("password");
  const credentials = byKind.get("client_credentials");
  const first = grants[0];
  if (secrets.username && secrets.password && password !== undefined) chosen = password;
  else if (secrets.clientId && secrets.clientSecret && credentials !== undefined) chosen = credentials;
  else if (secrets.refreshToken && first !== undefined) {
    chosen = { grant: "refresh_token", tokenUrl: first.refreshUrl, refreshUrl: first.refreshUrl };
  }
  return chosen === undefined ? undefined : new OAuth2Tokens(chosen, secrets);
}

/** `promise`, or the signal's reason as soon as it aborts (the shared fetch itself goes on for the others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The endpoint's JSON answer holding an `access_token`; TokenError otherwise. */
async function askEndpoint(
  fetcher: FetchLike,
  url: string,
  form: Record<string, string>,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetcher(url, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
      credentials: "omit",
      signal: timeout.signal,
    });
    text = await readLimited(response);
  } catch (error) {
    const where = `token endpoint ${originAndPath(url)}`;
    if (timeout.signal.aborted) throw new APITimeoutError(`${where}: timed out`);
    throw new APIConnectionError(`${where}: ${error instanceof Error ? error.name : "failed"}`);
  } finally {
    clearTimeout(timer);
  }
  let body: unknown;
  try {
    body = jsonTooDeep(text) ? undefined : (JSON.parse(text) as unknown);
  } catch {
    body = undefined;
  }
  const answer = body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const token = answer["access_token"];
  if (response.status >= 200 && response.status < 300 && typeof token === "string" && token) return answer;
  const error = answer["error"];
  const description = answer["error_description"];
  throw new TokenError(response, {
    error: typeof error === "string" ? short(error) : undefined,
    description: typeof description === "string" ? short(description) : undefined,
    path: new URL(url).pathname,
  });
}

async function readLimited(response: Response): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= TOKEN_BODY_LIMIT) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  if (size > TOKEN_BODY_LIMIT) return "";
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

function short(text: string): string {
  const words = text.split(/\s+/).filter((word) => word).join(" ");
  return words.length <= 300 ? words : words.slice(0, 299) + "…";
}

function originAndPath(url: string): string {
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname;
}
