// Copied by generator 0.1.0 from templates/typescript/runtime/checksums.ts. Do not edit.
/**
 * Checking a downloaded file against the digests the server (or the spec) states for it.
 *
 * A storage host states a file's digest in one of several headers: `Content-MD5` (base64, of
 * this response's body only), an S3 `ETag` that is a plain MD5 in hex (not a multipart
 * `"...-N"` one, not an object encrypted with KMS), `x-goog-hash` (`md5=` and `crc32c=`,
 * base64), `x-amz-checksum-sha256` and `x-amz-checksum-crc32c` (base64, not a composite
 * `"...-N"` one). The strongest one is computed while the bytes arrive: SHA-256, else MD5
 * (both with `node:crypto`), else CRC32C (table-driven, here).
 */

import { ChecksumMismatchError, DownloadError } from "./errors.js";

/** Strongest first: the first one stated is the one checked. */
export const ALGORITHMS = ["sha256", "md5", "crc32c"] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** A digest a file must have: its algorithm and its value in lower-case hex. */
export interface Checksum {
  readonly algorithm: Algorithm;
  readonly hex: string;
}

const SIZES: Readonly<Record<Algorithm, number>> = { sha256: 32, md5: 16, crc32c: 4 };

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let value = byte;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? (value >>> 1) ^ 0x82f63b78 : value >>> 1;
    table[byte] = value >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli, the polynomial of iSCSI, GCS and S3). */
export class Crc32c {
  #crc = 0xffffffff;

  update(data: Uint8Array): this {
    let crc = this.#crc;
    for (let index = 0; index < data.length; index++) {
      crc = (CRC32C_TABLE[(crc ^ (data[index] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
    }
    this.#crc = crc >>> 0;
    return this;
  }

  hexdigest(): string {
    return ((this.#crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, "0");
  }
}

/** A digest written in hex or base64, or undefined when `value` is neither or the algorithm unknown. */
export function parseChecksum(algorithm: string, value: string): Checksum | undefined {
  const name = algorithm.toLowerCase().replace(/-/g, "");
  if (!(name in SIZES)) return undefined;
  const known = name as Algorithm;
  const size = SIZES[known];
  const text = value.trim().replace(/^"|"$/g, "");
  if (new RegExp(`^[0-9a-fA-F]{${size * 2}}$`).test(text)) return { algorithm: known, hex: text.toLowerCase() };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  let raw: string;
  try {
    raw = atob(text);
  } catch {
    return undefined;
  }
  if (raw.length !== size) return undefined;
  const hex = Array.from(raw, (character) => character.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  return { algorithm: known, hex };
}

/**
 * The digest the API's answer states where the spec declares it (`x-checksum`); undefined when it states none.
 *
 * `value` must be `algorithm`'s digest in `encoding` (hex or base64): anything else throws a
 * DownloadError before a byte is fetched, as the file could not be checked.
 */
export function declaredChecksum(algorithm: Algorithm, encoding: "hex" | "base64", value: unknown): Checksum | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const size = SIZES[algorithm];
  const text = typeof value === "string" ? value.trim() : "";
  let hex: string | undefined;
  if (encoding === "hex" && new RegExp(`^[0-9a-fA-F]{${size * 2}}$`).test(text)) hex = text.toLowerCase();
  if (encoding === "base64" && /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0) {
    const raw = atob(text);
    if (raw.length === size) hex = Array.from(raw, (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  }
  if (hex === undefined) {
    const shown = JSON.stringify(value)?.slice(0, 80) ?? String(value);
    throw new DownloadError(`the API stated a ${algorithm} digest that is not ${size} bytes in ${encoding}: ${shown}`);
  }
  return { algorithm, hex };
}

/** The digests `headers` state for the whole file; `wholeBody`: the response carries the whole file (not a 206). */
export function statedChecksums(headers: Headers, wholeBody: boolean): Partial<Record<Algorithm, Checksum>> {
  const found: Partial<Record<Algorithm, Checksum>> = {};
  const add = (checksum: Checksum | undefined): void => {
    if (checksum !== undefined && found[checksum.algorithm] === undefined) found[checksum.algorithm] = checksum;
  };
  const contentMd5 = headers.get("content-md5");
  if (wholeBody && contentMd5) add(parseChecksum("md5", contentMd5));
  for (const part of (headers.get("x-goog-hash") ?? "").split(",")) {
    const at = part.indexOf("=");
    const name = part.slice(0, at).trim();
    if ((name === "md5" || name === "crc32c") && at > 0) add(parseChecksum(name, part.slice(at + 1)));
  }
  const composite = (headers.get("x-amz-checksum-type") ?? "").toUpperCase() === "COMPOSITE";
  for (const name of ["sha256", "crc32c"] as const) {
    const value = headers.get(`x-amz-checksum-${name}`) ?? "";
    if (value && !value.includes("-") && !composite) add(parseChecksum(name, value));
  }
  const etag = (headers.get("etag") ?? "").trim();
  const kms = (headers.get("x-amz-server-side-encryption") ?? "").startsWith("aws:kms");
  if (!etag.startsWith("W/") && /^"?[0-9a-fA-F]{32}"?$/.test(etag) && !kms) add(parseChecksum("md5", etag));
  return found;
}

/** The strongest of `checksums`: the one worth computing. */
export function chosenChecksum(checksums: Partial<Record<Algorithm, Checksum>>): Checksum | undefined {
  for (const name of ALGORITHMS) {
    const checksum = checksums[name];
    if (checksum !== undefined) return checksum;
  }
  return undefined;
}

interface Hasher {
  update(data: Uint8Array): unknown;
  hexdigest(): string;
}

/** Computes one digest over the bytes written and checks it at the end. */
export class Verifier {
  readonly expected: Checksum | undefined;
  readonly #hasher: Hasher | undefined;

  private constructor(expected: Checksum | undefined, hasher: Hasher | undefined) {
    this.expected = expected;
    this.#hasher = hasher;
  }

  static async of(expected: Checksum | undefined): Promise<Verifier> {
    if (expected === undefined) return new Verifier(undefined, undefined);
    if (expected.algorithm === "crc32c") return new Verifier(expected, new Crc32c());
    const { createHash } = await import("node:crypto");
    const hash = createHash(expected.algorithm);
    return new Verifier(expected, { update: (data) => hash.update(data), hexdigest: () => hash.digest("hex") });
  }

  update(chunk: Uint8Array): void {
    this.#hasher?.update(chunk);
  }

  /** Hash the first `size` bytes of the file at `path` (a part kept from an earlier attempt). */
  async updateFrom(path: string, size: number): Promise<void> {
    if (this.#hasher === undefined || size <= 0) return;
    const { createReadStream } = await import("node:fs");
    for await (const block of createReadStream(path, { start: 0, end: size - 1 })) this.#hasher.update(block as Uint8Array);
  }

  check(name: string): void {
    if (this.expected === undefined || this.#hasher === undefined) return;
    const actual = this.#hasher.hexdigest();
    if (actual !== this.expected.hex) throw new ChecksumMismatchError(name, this.expected.algorithm, this.expected.hex, actual);
  }
}

/** Whether the file at `path` (of `size` bytes) has the digest `checksum`. */
export async function fileMatches(path: string, size: number, checksum: Checksum): Promise<boolean> {
  const verifier = await Verifier.of(checksum);
  await verifier.updateFrom(path, size);
  try {
    verifier.check(path);
  } catch {
    return false;
  }
  return true;
}
