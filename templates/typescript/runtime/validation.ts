/**
 * Checks run before a request is sent, so a bad argument fails at once and names its parameter.
 *
 * Each check throws RequestValidationError. The server stays the final judge: a spec
 * pattern this JavaScript engine cannot compile is not enforced here.
 */

import { RequestValidationError } from "./errors.js";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const patterns = new Map<string, RegExp | null>();

/** The value is present (not undefined or null). */
export function checkRequired(parameter: string, value: unknown): void {
  if (value === undefined || value === null) throw new RequestValidationError(parameter, "is required");
}

/** A hyphenated UUID string; braces, URNs and missing hyphens are refused. */
export function checkUuid(parameter: string, value: unknown): void {
  if (typeof value !== "string" || !UUID.test(value)) {
    throw new RequestValidationError(parameter, `must be a hyphenated UUID, got ${show(value)}`);
  }
}

/** The value contains a match of the spec's (ECMA-262) `pattern`, which is not implicitly anchored. */
export function checkPattern(parameter: string, value: unknown, pattern: string): void {
  const compiled = compile(pattern);
  if (compiled !== null && !(typeof value === "string" && compiled.test(value))) {
    throw new RequestValidationError(parameter, `must match ${JSON.stringify(pattern)}, got ${show(value)}`);
  }
}

/** The value is one of `allowed` (JSON equality: `true` and `1` differ). */
export function checkEnum(parameter: string, value: unknown, allowed: readonly unknown[]): void {
  if (!allowed.some((option) => jsonEqual(value, option))) {
    const choices = allowed.map((option) => JSON.stringify(option)).join(", ");
    throw new RequestValidationError(parameter, `must be one of ${choices}, got ${show(value)}`);
  }
}

/** Length in characters (code points) for text. */
export function checkLength(
  parameter: string,
  value: unknown,
  bounds: { readonly minLength?: number; readonly maxLength?: number },
): void {
  if (typeof value !== "string") throw new RequestValidationError(parameter, `must be text, got ${show(value)}`);
  const length = [...value].length;
  if (bounds.minLength !== undefined && length < bounds.minLength) {
    throw new RequestValidationError(parameter, `must be at least ${bounds.minLength} long, got ${length}`);
  }
  if (bounds.maxLength !== undefined && length > bounds.maxLength) {
    throw new RequestValidationError(parameter, `must be at most ${bounds.maxLength} long, got ${length}`);
  }
}

/** A number within the spec's bounds. */
export function checkRange(
  parameter: string,
  value: unknown,
  bounds: {
    readonly minimum?: number;
    readonly maximum?: number;
    readonly exclusiveMinimum?: number;
    readonly exclusiveMaximum?: number;
  },
): void {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new RequestValidationError(parameter, `must be a number, got ${show(value)}`);
  }
  if (bounds.minimum !== undefined && value < bounds.minimum) {
    throw new RequestValidationError(parameter, `must be >= ${bounds.minimum}, got ${value}`);
  }
  if (bounds.maximum !== undefined && value > bounds.maximum) {
    throw new RequestValidationError(parameter, `must be <= ${bounds.maximum}, got ${value}`);
  }
  if (bounds.exclusiveMinimum !== undefined && value <= bounds.exclusiveMinimum) {
    throw new RequestValidationError(parameter, `must be > ${bounds.exclusiveMinimum}, got ${value}`);
  }
  if (bounds.exclusiveMaximum !== undefined && value >= bounds.exclusiveMaximum) {
    throw new RequestValidationError(parameter, `must be < ${bounds.exclusiveMaximum}, got ${value}`);
  }
}

/** Item count bounds, and JSON-style uniqueness. */
export function checkItems(
  parameter: string,
  values: unknown,
  bounds: { readonly minItems?: number; readonly maxItems?: number; readonly unique?: boolean },
): void {
  if (!Array.isArray(values)) throw new RequestValidationError(parameter, `must be a list, got ${show(values)}`);
  if (bounds.minItems !== undefined && values.length < bounds.minItems) {
    throw new RequestValidationError(parameter, `needs at least ${bounds.minItems} items, got ${values.length}`);
  }
  if (bounds.maxItems !== undefined && values.length > bounds.maxItems) {
    throw new RequestValidationError(parameter, `takes at most ${bounds.maxItems} items, got ${values.length}`);
  }
  if (bounds.unique) {
    values.forEach((item: unknown, index: number) => {
      if (values.slice(0, index).some((earlier: unknown) => jsonEqual(item, earlier))) {
        throw new RequestValidationError(parameter, `items must be unique, ${show(item)} repeats`);
      }
    });
  }
}

function compile(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let compiled: RegExp | null = null;
    for (const flags of ["u", ""]) {
      try {
        compiled = new RegExp(pattern, flags);
        break;
      } catch {
        compiled = null;
      }
    }
    patterns.set(pattern, compiled);
  }
  return patterns.get(pattern) ?? null;
}

function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== "object" || typeof right !== "object" || left === null || right === null) return false;
  return JSON.stringify(left) === JSON.stringify(right);
}

function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length <= 80 ? text : text.slice(0, 77) + "...";
}
