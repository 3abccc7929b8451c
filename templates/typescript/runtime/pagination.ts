/**
 * Iterating over every item of a paginated list, one page request at a time.
 *
 * The generated method fetches one page given its number (or offset); the iterator asks
 * for the next page only when the previous page's items are used up, and stops at an empty
 * page, once `total` items were seen, or after a page shorter than the requested
 * `pageSize`. `maxPages` bounds a server that never signals the end.
 */

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
