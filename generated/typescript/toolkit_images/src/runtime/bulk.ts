// Copied by generator 0.1.0 from templates/typescript/runtime/bulk.ts. Do not edit.
/**
 * Many downloads at once: bounded concurrency, one progress for all, a result per item.
 *
 * `downloadMany` runs `save(key, item)` for every key, at most `concurrency`
 * at a time (a promise pool). A failure of one item never stops the others: each item gets an
 * ItemResult, saved, skipped (the file present was already the server's, see `skipIdentical`)
 * or failed with its error. Two items whose files resolve to the same target (names the server
 * chose) are never both written: each item claims its target as soon as it is known, before any
 * byte of it is read or written, and holds it for the whole batch, so the later one fails with
 * "another download of this file is in progress" whether or not the two transfers overlap.
 */

import type { ProgressCallback } from "./files.js";
import type { TransferOptions } from "./transfer.js";

export const DEFAULT_CONCURRENCY = 8;

/** How far a batch is: items finished of all, and bytes written so far (by every item). */
export interface BulkState {
  readonly finished: number;
  readonly total: number;
  readonly bytesWritten: number;
}

/** What a `...Many` helper takes: the save options for every item, the pool's size and the batch's progress. */
export interface ManyOptions extends Omit<TransferOptions, keyof BatchItem> {
  readonly concurrency?: number;
  readonly onProgress?: (state: BulkState) => void;
}

/** What became of one item: `saved`, `skipped` (already identical) or `failed` with its error. */
export interface ItemResult<K> {
  readonly key: K;
  readonly status: "saved" | "skipped" | "failed";
  readonly path?: string;
  readonly error?: unknown;
}

/** What `downloadMany` gives the save of one item: the options that tie it to the batch. */
export interface BatchItem {
  readonly onProgress: ProgressCallback;
  readonly onSkipped: () => void;
  readonly claimTarget: (target: string) => boolean;
}

/**
 * The key of a batch's claim on `target` (an absolute path) on `platform`: the path, its case
 * folded on Windows, where names differing only in case are one file (as Python's `normcase`).
 */
export function claimKey(target: string, platform: string): string {
  return platform === "win32" ? target.toLowerCase() : target;
}

/** Save each of `keys` with `save`, `concurrency` at a time; the results in the order of `keys`. */
export async function downloadMany<K>(
  keys: Iterable<K>,
  save: (key: K, item: BatchItem) => Promise<string>,
  options: { readonly concurrency?: number; readonly onProgress?: (state: BulkState) => void } = {},
): Promise<ItemResult<K>[]> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!(concurrency >= 1)) throw new TypeError(`concurrency must be at least 1, got ${concurrency}`);
  const items = Array.from(keys);
  const claims = new Set<string>();
  const results: ItemResult<K>[] = new Array<ItemResult<K>>(items.length);
  let finished = 0;
  let bytesWritten = 0;
  let next = 0;
  const report = (): void => options.onProgress?.({ finished, total: items.length, bytesWritten });
  /** The first item resolving to a target keeps it for the whole batch. */
  const claimTarget = (target: string): boolean => {
    const key = claimKey(target, process.platform);
    if (claims.has(key)) return false;
    claims.add(key);
    return true;
  };
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const key = items[index] as K;
      let last = 0;
      let skipped = false;
      const onProgress: ProgressCallback = (written) => {
        bytesWritten += written - last;
        last = written;
        report();
      };
      try {
        const onSkipped = (): void => {
          skipped = true;
        };
        const path = await save(key, { onProgress, onSkipped, claimTarget });
        results[index] = { key, status: skipped ? "skipped" : "saved", path };
      } catch (error) {
        results[index] = { key, status: "failed", error };
      }
      finished += 1;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
