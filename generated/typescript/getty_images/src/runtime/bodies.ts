// Copied by generator 0.1.0 from templates/typescript/runtime/bodies.ts. Do not edit.
/**
 * Bounds on the response bodies the client reads into memory: their size and their JSON nesting.
 *
 * A success body read whole (a JSON answer, not a streamed download) may be at most
 * `maxBodySize` bytes, `DEFAULT_MAX_BODY_SIZE` unless the client is told otherwise: a
 * Content-Length past it is refused before reading, and a body without one is refused as
 * soon as it grows past it. JSON is decoded only when it nests at most `MAX_JSON_DEPTH`
 * arrays and objects deep, so a hostile answer such as 100 000 `[` cannot exhaust the stack.
 */

/** Bytes a success body read into memory may have (64 MiB); streamed downloads to files have no such cap. */
export const DEFAULT_MAX_BODY_SIZE = 64 * 1024 * 1024;

/** Arrays and objects a JSON body may nest; real APIs stay far below. */
export const MAX_JSON_DEPTH = 256;

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether `text` nests more than `limit` arrays and objects (brackets inside strings do not count). */
export function jsonTooDeep(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) depth--;
  }
  return false;
}
