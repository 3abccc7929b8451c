// Copied by generator 0.1.0 from templates/typescript/runtime/fields.ts. Do not edit.
/** Reading the fields a download behaviour names out of a decoded response, whatever type the spec gave them. */

import type { RequestSpec } from "./core.js";
import { DownloadError } from "./errors.js";
import type { Expiry } from "./downloads.js";

/** The own property `key` of `value`, or undefined (never a prototype's). */
export function pick(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
  return (value as Record<string, unknown>)[key];
}

/** The link in field `field`: a non-empty string, or a DownloadError naming the field. */
export function linkOf(value: unknown, field: string): string {
  if (typeof value !== "string" || value === "") {
    throw new DownloadError(`the response has no link in ${JSON.stringify(field)}`);
  }
  return value;
}

/** An expiry field as the download functions take it; anything else counts as none. */
export function asExpiry(value: unknown): Expiry | undefined {
  return typeof value === "number" || typeof value === "string" || value instanceof Date ? value : undefined;
}

/** A list of items (an absent or non-list field is no items). */
export function asItems<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A count (an absent or non-numeric field is no count). */
export function asCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `spec` with the query parameter `name` sent as `value` instead. */
export function withQuery(spec: RequestSpec, name: string, value: unknown): RequestSpec {
  const query = (spec.query ?? []).map((param) =>
    param[0] === name ? ([param[0], value, param[2], param[3]] as const) : param,
  );
  return { ...spec, query };
}
