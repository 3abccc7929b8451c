// Copied by generator 0.1.0 from templates/typescript/runtime/pagination.ts. Do not edit.
/**
 * Iterating over every item of a paginated list, one page request at a time.
 *
 * The generated method fetches one page given its number (or offset); the iterator asks
 * for the next page only when the previous page's items are used up, and stops at an empty
 * page, once `total` items were seen, or after a page shorter than the requested
 * `pageSize`. `maxPages` bounds a server that never signals the end.
 */

import type { Answered, RequestOptions } from "./config.js";
import { APIError } from "./errors.js";

export const MAX_PAGES = 1000;

/** One page: its items, the total item count if the API reports it, and the page size that was asked for. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total?: number | null | undefined;
  readonly pageSize?: number | null | undefined;
}

/** Every item of every page; `fetchPage` gets a page number, or an item offset when `step` is "offset". */
export async function* iteratePages<T>(
  fetchPage: (position: number) => Promise<Page<T>>,
  options: { readonly firstPage?: number; readonly step?: "page" | "offset"; readonly maxPages?: number } = {},
): AsyncGenerator<T, void, undefined> {
  let position = options.firstPage ?? 1;
  const maxPages = options.maxPages ?? MAX_PAGES;
  let pages = 0;
  let seen = 0;
  let more = maxPages > 0;
  while (more) {
    const page = await fetchPage(position);
    const count = page.items.length;
    pages += 1;
    seen += count;
    position += options.step === "offset" ? count : 1;
    more = !(
      count === 0 ||
      (typeof page.total === "number" && seen >= page.total) ||
      (typeof page.pageSize === "number" && count < page.pageSize) ||
      pages >= maxPages
    );
    yield* page.items;
  }
}

/** A pager refused the next page: the server repeated a cursor, or a next link left the API's host. */
export class PaginationError extends APIError {}

/** How an answer names the next page (the spec's `x-pagination`); paths are JSON property names. */
export interface Follow {
  readonly kind: "cursor" | "next-url" | "link";
  /** The property holding the items (empty: the body is the list). */
  readonly items?: readonly string[];
  readonly nextUrl?: readonly string[];
  readonly nextCursor?: readonly string[];
  /** cursor: the item property whose value, on the last item, is the next cursor. */
  readonly lastItem?: string;
  /** A boolean property that is false on the last page. */
  readonly hasMore?: readonly string[];
}

/**
 * Every item of every page, each page named by the answer before it: a cursor sent back
 * (`fetchPage` gets it; undefined for the first page), a next URL in the body, or the
 * `Link` header (RFC 8288, `rel="next"`). A relative next URL is resolved against the
 * request it answers, and sent through `options.nextUrl`, which the client refuses
 * unless it is on the API's host. The same cursor or URL twice is a `PaginationError`.
 */
export async function* iterateFollowed<T>(
  fetchPage: (cursor: string | undefined, options: RequestOptions) => Promise<readonly T[]>,
  follow: Follow,
  options: RequestOptions = {},
  maxPages: number = MAX_PAGES,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  let nextUrl: string | undefined;
  for (let pages = 0; pages < maxPages; pages += 1) {
    let answer: Answered | undefined;
    const items = await fetchPage(cursor, {
      ...options,
      nextUrl,
      onResponse: (sent) => {
        answer = sent;
      },
    });
    const following = answer === undefined ? undefined : nextOf(follow, answer);
    yield* items;
    if (following === undefined) return;
    if (seen.has(following)) {
      throw new PaginationError(`the server named the same next page twice (${JSON.stringify(following)}); stopped`);
    }
    seen.add(following);
    if (follow.kind === "cursor") cursor = following;
    else nextUrl = following;
  }
}

function nextOf(follow: Follow, answer: Answered): string | undefined {
  if (follow.kind === "link") {
    const target = nextLink(answer.response.headers.get("link") ?? "");
    return target === undefined ? undefined : resolve(target, answer.url);
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text ?? "");
  } catch {
    return undefined;
  }
  if (follow.hasMore?.length && at(body, follow.hasMore) !== true) return undefined;
  if (follow.kind === "next-url") {
    const target = at(body, follow.nextUrl ?? []);
    return typeof target === "string" && target !== "" ? resolve(target, answer.url) : undefined;
  }
  let value: unknown;
  if (follow.nextCursor?.length) {
    value = at(body, follow.nextCursor);
  } else {
    const items = follow.items?.length ? at(body, follow.items) : body;
    const last: unknown = Array.isArray(items) && items.length ? items[items.length - 1] : undefined;
    value = follow.lastItem === undefined ? undefined : at(last, [follow.lastItem]);
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function resolve(target: string, base: string): string | undefined {
  try {
    return new URL(target, base).href;
  } catch {
    return undefined;
  }
}

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** `url` if it is on the API's host (same scheme, host and port as `baseUrl`); else a PaginationError. */
export function sameOrigin(baseUrl: string, url: string): string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new PaginationError(`the next page's link ${JSON.stringify(url)} is not a URL; refused`);
  }
  const base = new URL(baseUrl);
  if (target.origin !== base.origin) {
    throw new PaginationError(
      `the next page's link ${JSON.stringify(url)} is not on the API's host (${base.origin}); ` +
        "refused, the API's credentials are never sent elsewhere",
    );
  }
  return target.href;
}

/** The target of the first link with relation type `next` in a `Link` header value (RFC 8288). */
export function nextLink(value: string): string | undefined {
  for (const [target, params] of links(value)) {
    if ((params.get("rel") ?? "").toLowerCase().split(/\s+/).includes("next")) return target;
  }
  return undefined;
}

/** Each `<target>; name=value; name="quoted, value"` of a Link header value, in order. */
function* links(value: string): Generator<[string, Map<string, string>]> {
  let i = 0;
  const n = value.length;
  while (i < n) {
    const start = value.indexOf("<", i);
    if (start < 0) return;
    const end = value.indexOf(">", start);
    if (end < 0) return;
    const target = value.slice(start + 1, end).trim();
    const params = new Map<string, string>();
    i = end + 1;
    while (i < n) {
      while (i < n && (value[i] === " " || value[i] === "\t")) i += 1;
      if (i >= n || value[i] === ",") {
        i += 1;
        break;
      }
      if (value[i] !== ";") {
        while (i < n && value[i] !== ",") i += 1; // not a parameter: on to the next link-value
        continue;
      }
      i += 1;
      const nameStart = i;
      while (i < n && !"=;,".includes(value[i] ?? "")) i += 1;
      const name = value.slice(nameStart, i).trim().toLowerCase().replace(/\*$/, "");
      let text = "";
      if (i < n && value[i] === "=") {
        i += 1;
        while (i < n && (value[i] === " " || value[i] === "\t")) i += 1;
        if (value[i] === '"') {
          i += 1;
          let chars = "";
          while (i < n && value[i] !== '"') {
            if (value[i] === "\\" && i + 1 < n) i += 1;
            chars += value[i];
            i += 1;
          }
          i += 1;
          text = chars;
        } else {
          const textStart = i;
          while (i < n && value[i] !== ";" && value[i] !== ",") i += 1;
          text = value.slice(textStart, i).trim();
        }
      }
      if (!params.has(name)) params.set(name, text);
    }
    yield [target, params];
  }
}
