// Copied by generator 0.1.0 from templates/typescript/runtime/serialization.ts. Do not edit.
/**
 * Turning argument values into path segments, query pairs and header values.
 *
 * Path parameters and headers follow OpenAPI's `simple` style (path parameters also `label` and `matrix`).
 *
 * Query parameters follow the OpenAPI `style`/`explode` rules: `form` with explode repeats
 * the name for each item (`id=1&id=2`), `form` without it joins with commas,
 * `spaceDelimited` and `pipeDelimited` join with a space or a bar, and `deepObject` spells
 * an object as `name[key]=value`.
 */

import { RequestValidationError } from "./errors.js";

/** One query parameter as a generated method hands it over: name, value, style, explode. */
export type QueryParam = readonly [string, unknown, string, boolean];

const DELIMITERS: Readonly<Record<string, string>> = { form: ",", spaceDelimited: " ", pipeDelimited: "|" };
const PATH_PARAMETER = /\{([^{}]+)\}/g;
/** A surrogate that is not half of a pair (with the `u` flag, a pair is one code point and does not match). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const NOT_HEADER_TEXT = /[^\t\x20-\x7E]/u;
/** What a cookie value cannot hold as it is: no RFC 6265 cookie-octet, or `%` (percent-encoded as UTF-8). */
const NOT_COOKIE_OCTET = /[^\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]|%/gu;

/**
 * A scalar as it goes into a URL or header: booleans in lower case, dates in ISO 8601; an object or array inside
 * a value (an object in an array) as compact JSON with its keys sorted.
 */
export function formatValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "object" && value !== null) return JSON.stringify(value, sortedKeys);
  return String(value);
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A `date` value: a Date becomes its UTC calendar day (`YYYY-MM-DD`); anything else is passed as it is. */
export function formatDate<T>(value: T): Exclude<T, Date> | string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : (value as Exclude<T, Date>);
}

/** A `date-time` value: a Date becomes RFC 3339 in UTC; anything else is passed as it is. */
export function formatDateTime<T>(value: T): Exclude<T, Date> | string {
  return value instanceof Date ? value.toISOString() : (value as Exclude<T, Date>);
}

/** Query pairs from `[name, value, style, explode]`; undefined and null values and empty lists are left out. */
export function encodeQuery(params: readonly QueryParam[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value, style, explode] of params) pairs.push(...encodeOne(name, value, style, explode));
  return pairs;
}

function encodeOne(name: string, value: unknown, style: string, explode: boolean): [string, string][] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    const texts = value.filter((item) => item !== undefined && item !== null).map(formatValue);
    if (texts.length === 0) return [];
    if (explode && style === "form") return texts.map((text) => [name, text]);
    return [[name, texts.join(DELIMITERS[style] ?? ",")]];
  }
  if (typeof value === "object" && !(value instanceof Date)) {
    const items: [string, string][] = Object.entries(value)
      .filter(([, item]) => item !== undefined && item !== null)
      .map(([key, item]) => [key, formatValue(item)]);
    if (style === "deepObject") return items.map(([key, item]) => [`${name}[${key}]`, item]);
    if (explode) return items;
    return items.length ? [[name, items.flat().join(",")]] : [];
  }
  return [[name, formatValue(value)]];
}

/**
 * The `Cookie` header for `[name, value]` pairs, undefined and null values left out; undefined when none is set.
 * A value is written as in a URL (an array's items joined by `,`), then percent-encoded where RFC 6265 needs it.
 */
export function cookieHeader(cookies: readonly (readonly [string, unknown])[]): string | undefined {
  const sent: string[] = [];
  for (const [name, value] of cookies) {
    if (value === undefined || value === null) continue;
    let text: string;
    if (Array.isArray(value)) text = value.map(formatValue).join(",");
    else if (typeof value === "object" && !(value instanceof Date)) {
      text = Object.entries(value)
        .map(([key, item]) => `${key},${formatValue(item)}`)
        .join(",");
    } else text = formatValue(value);
    checkText(name, text);
    sent.push(`${name}=${text.replace(NOT_COOKIE_OCTET, (c) => encodeURIComponent(c))}`);
  }
  return sent.length > 0 ? sent.join("; ") : undefined;
}

/** A path parameter already written by its style, percent-encoded (`expandPath` puts it in as it is). */
export class PathSegment {
  constructor(readonly text: string) {}
}

/**
 * A path parameter by OpenAPI's `style`: `simple` (`1,2`; an object `k,v`, exploded `k=v`),
 * `label` (`.1,2`, exploded `.1.2`) or `matrix` (`;id=1,2`, exploded `;id=1;id=2`).
 * Every name, key and item is percent-encoded, the delimiters are not.
 */
export function pathSegment(name: string, value: unknown, style = "simple", explode = false): PathSegment {
  const escape = (text: string): string => {
    checkText(name, text);
    return encodeSegment(text);
  };
  const parts = simpleParts(value, explode, escape);
  const single = parts === undefined ? escape(formatValue(value)) : undefined;
  if (style === "label") {
    return new PathSegment("." + (single !== undefined ? [single] : (parts ?? [])).join(explode ? "." : ","));
  }
  if (style === "matrix") {
    const key = escape(name);
    if (single !== undefined || parts === undefined || parts.length === 0) {
      return new PathSegment(single ? `;${key}=${single}` : `;${key}`);
    }
    if (explode && isObject(value)) return new PathSegment(parts.map((part) => `;${part}`).join(""));
    if (explode) return new PathSegment(parts.map((part) => `;${key}=${part}`).join(""));
    return new PathSegment(`;${key}=` + parts.join(","));
  }
  return new PathSegment(single ?? (parts ?? []).join(","));
}

/**
 * A value by OpenAPI's `simple` style (a header's): a list's items joined by commas, an object as `k,v`
 * (exploded `k=v`); undefined for an empty list or object, which is not sent.
 */
export function simpleText(value: unknown, explode = false): string | undefined {
  const parts = simpleParts(value, explode, (text) => text);
  if (parts === undefined) return formatValue(value);
  return parts.length > 0 ? parts.join(",") : undefined;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A list's items or an object's keys and values (`key=value` exploded), each escaped; undefined for a scalar. */
function simpleParts(value: unknown, explode: boolean, escape: (text: string) => string): string[] | undefined {
  if (Array.isArray(value)) {
    return value.filter((item) => item !== undefined && item !== null).map((item) => escape(formatValue(item)));
  }
  if (!isObject(value)) return undefined;
  const pairs = Object.entries(value)
    .filter(([, item]) => item !== undefined && item !== null)
    .map(([key, item]) => [escape(key), escape(formatValue(item))] as const);
  return explode ? pairs.map(([key, item]) => `${key}=${item}`) : pairs.flat();
}

/** Every character but RFC 3986's unreserved ones percent-encoded as UTF-8. */
function encodeSegment(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * `template` with each `{name}` replaced by its value, percent-encoded so that it stays one segment
 * (a `PathSegment` is put in as it is).
 */
export function expandPath(template: string, values: Readonly<Record<string, string | PathSegment>>): string {
  return template.replace(PATH_PARAMETER, (_match, name: string) => {
    const given = Object.hasOwn(values, name) ? values[name] : undefined;
    if (given === undefined) throw new RequestValidationError(name, "is required");
    const value = given instanceof PathSegment ? given.text : given;
    if (value === "" || value === "." || value === "..") {
      throw new RequestValidationError(name, `${JSON.stringify(value)} is not a usable path segment`);
    }
    checkText(name, value);
    return given instanceof PathSegment ? value : encodeSegment(value);
  });
}

/** Refuse a value that cannot be sent as UTF-8: one holding a lone surrogate (U+D800 to U+DFFF). */
export function checkText(label: string, value: string): void {
  const found = LONE_SURROGATE.exec(value);
  if (found !== null) throw new RequestValidationError(label, surrogate(found[0]));
}

/** Refuse a header value that is not one line of ASCII text (CR or LF would end the header and start another). */
export function checkHeaderValue(name: string, value: string): void {
  const found = NOT_HEADER_TEXT.exec(value);
  if (found === null) return;
  const character = found[0];
  const code = character.codePointAt(0) ?? 0;
  let problem: string;
  if (LONE_SURROGATE.test(character)) problem = surrogate(character);
  else if (code < 0x20 || code === 0x7f) {
    problem = `contains the control character ${codePoint(code)}; a header value must be one line of text`;
  } else problem = `contains ${codePoint(code)}; a header value must be ASCII`;
  throw new RequestValidationError(name, problem);
}

function surrogate(character: string): string {
  return `contains a lone surrogate ${codePoint(character.charCodeAt(0))}, which is not text and cannot be sent`;
}

function codePoint(code: number): string {
  return "U+" + code.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * Header arguments as strings (OpenAPI's simple style); those left undefined or null, and empty lists and
 * objects, are not sent.
 */
export function headerValues(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const text = value === undefined || value === null ? undefined : simpleText(value);
    if (text !== undefined) define(result, name, text);
  }
  return result;
}

/** An object without the properties whose value is undefined (unset optional body properties). */
export function compact(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) define(result, key, item);
  }
  return result;
}

/** Set an own property, also one called `__proto__` (which an assignment would take as the prototype). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
