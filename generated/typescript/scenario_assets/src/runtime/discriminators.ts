// Copied by generator 0.1.0 from templates/typescript/runtime/discriminators.ts. Do not edit.
/**
 * Discriminated unions wherever they are in a decoded body: a model's property, a list's item,
 * a map's value, nested or recursive. Each reader walks the JSON the API sent and returns the
 * first problem, naming where it is (`at $.pets[2]: ...`), or undefined when every discriminator
 * value chooses a variant. Generated models compose them (`models.readPet`); only what
 * a discriminator decides is checked here, the rest of the body is taken as it is.
 */

/** A check of a decoded value at `at` (a JSONPath from the body's root, `$`): the problem, or undefined. */
export type Reader = (data: unknown, at: string) => string | undefined;

/** A variant of a discriminated union: the values that choose it, and the reader of what is inside it. */
export type Variant = readonly [values: readonly string[], read?: Reader];

function isRecord(data: unknown): data is Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data);
}

/** `at` one key further down: `.name`, or `["a b"]` for a key that is no identifier. */
export function pathTo(at: string, key: string | number): string {
  if (typeof key === "number") return `${at}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
}

/**
 * A union whose `property` chooses the variant. When the values are a closed set (`closed`: the
 * spec maps them, or every variant is named), an object whose property names no variant, or that
 * lacks it, is a problem; in an open union such an object may be a variant written inline.
 */
export function taggedOf(property: string, variants: readonly Variant[], closed: boolean): Reader {
  return (data, at) => {
    if (!isRecord(data)) return undefined;
    const known = () => variants.flatMap(([values]) => values.map((value) => JSON.stringify(value))).join(", ");
    if (!Object.hasOwn(data, property)) {
      return closed ? `at ${at}: ${property} is missing; it chooses the variant (${known()})` : undefined;
    }
    const tag = data[property];
    const chosen = typeof tag === "string" ? variants.find(([values]) => values.includes(tag)) : undefined;
    if (chosen !== undefined) return chosen[1]?.(data, at);
    if (!closed) return undefined;
    return `at ${at}: ${property} is ${JSON.stringify(tag) ?? String(tag)}, none of the values the spec maps (${known()})`;
  };
}

/** An object's properties that hold unions (`fields`: key and reader), and the reader of its other values, if typed. */
export function fieldsOf(fields: readonly (readonly [key: string, read: Reader])[], others?: Reader): Reader {
  return (data, at) => {
    if (!isRecord(data)) return undefined;
    const listed = new Set<string>();
    for (const [key, read] of fields) {
      listed.add(key);
      if (!Object.hasOwn(data, key)) continue;
      const problem = read(data[key], pathTo(at, key));
      if (problem !== undefined) return problem;
    }
    if (others === undefined) return undefined;
    for (const key of Object.keys(data)) {
      if (listed.has(key)) continue;
      const problem = others(data[key], pathTo(at, key));
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

/** A list whose items hold unions. */
export function listOf(item: Reader): Reader {
  return (data, at) => {
    if (!Array.isArray(data)) return undefined;
    for (let index = 0; index < data.length; index++) {
      const problem = item(data[index], pathTo(at, index));
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

/** A map whose values hold unions. */
export function mapOf(value: Reader): Reader {
  return fieldsOf([], value);
}

/** A check for `decodeJson`: `first` (a shape check), then `read` from the body's root. */
export function expectRead(read: Reader, first?: (data: unknown) => string | undefined): (data: unknown) => string | undefined {
  return (data) => first?.(data) ?? read(data, "$");
}
