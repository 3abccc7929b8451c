// Copied by generator 0.1.0 from templates/typescript/runtime/auth.ts. Do not edit.
/**
 * Credentials, and attaching the right ones to a request from the operation's security requirements.
 *
 * An operation's requirements are alternatives (any one will do), each a list of scheme
 * names that must all be present. Only the credentials of the chosen alternative are sent,
 * so an operation never receives a secret it did not ask for.
 *
 * An `oauth2` credential is a token source (`OAuth2Tokens`): the client core asks it for a
 * fresh token (`oauth2InUse`) before the request is built, and that token is sent as a bearer.
 */

import { MissingCredentialsError } from "./errors.js";
import type { OAuth2Tokens } from "./oauth2.js";
import { checkHeaderValue, checkText } from "./serialization.js";

export type Credential =
  | { readonly kind: "apiKey"; readonly value: string; readonly name: string; readonly location: "header" | "query" | "cookie" }
  | { readonly kind: "bearer"; readonly token: string }
  | { readonly kind: "basic"; readonly username: string; readonly password: string }
  | { readonly kind: "oauth2"; readonly tokens: OAuth2Tokens };

/** Credentials by the name of the security scheme they satisfy. */
export type Credentials = Readonly<Record<string, Credential>>;

/**
 * Add to `headers` and `query` the credentials of the first satisfiable alternative.
 *
 * An empty alternative makes authentication optional: it is used only when no other
 * alternative can be satisfied. Throws MissingCredentialsError when none can be. An OAuth2
 * credential sends the token `fresh` holds for it (from `oauth2InUse`'s sources).
 */
export function applySecurity(
  headers: Headers,
  query: [string, string][],
  requirements: readonly (readonly string[])[],
  credentials: Credentials,
  hints: Readonly<Record<string, string>> = {},
  fresh: ReadonlyMap<OAuth2Tokens, string> = new Map(),
): void {
  if (requirements.length === 0) return;
  const chosen = chosenAlternative(requirements, credentials);
  if (chosen === undefined) {
    if (requirements.some((group) => group.length === 0)) return;
    throw new MissingCredentialsError(requirements, hints);
  }
  for (const name of chosen) {
    const credential = credentials[name];
    if (credential !== undefined) apply(headers, query, credential, fresh);
  }
}

/** The OAuth2 token sources of the alternative `applySecurity` will send (none when it sends none). */
export function oauth2InUse(requirements: readonly (readonly string[])[], credentials: Credentials): OAuth2Tokens[] {
  const chosen = chosenAlternative(requirements, credentials) ?? [];
  return chosen.flatMap((name) => {
    const credential = credentials[name];
    return credential?.kind === "oauth2" ? [credential.tokens] : [];
  });
}

function chosenAlternative(
  requirements: readonly (readonly string[])[],
  credentials: Credentials,
): readonly string[] | undefined {
  return requirements.find((group) => group.length > 0 && group.every((name) => Object.hasOwn(credentials, name)));
}

/** The value of environment variable `name` (Node, Deno, Bun) without surrounding blanks; undefined elsewhere. */
export function credentialFromEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value ? value : undefined;
}

function apply(
  headers: Headers,
  query: [string, string][],
  credential: Credential,
  fresh: ReadonlyMap<OAuth2Tokens, string>,
): void {
  switch (credential.kind) {
    case "bearer":
      checkHeaderValue("Authorization", credential.token);
      headers.set("Authorization", `Bearer ${credential.token}`);
      return;
    case "oauth2": {
      const token = fresh.get(credential.tokens) ?? credential.tokens.current ?? "";
      checkHeaderValue("Authorization", token);
      headers.set("Authorization", `Bearer ${token}`);
      return;
    }
    case "basic":
      checkText("Authorization", `${credential.username}:${credential.password}`);
      headers.set("Authorization", "Basic " + base64(`${credential.username}:${credential.password}`));
      return;
    case "apiKey":
      if (credential.location === "header") {
        checkHeaderValue(credential.name, credential.value);
        headers.set(credential.name, credential.value);
      } else if (credential.location === "query") query.push([credential.name, credential.value]);
      else {
        checkHeaderValue("Cookie", credential.value);
        const cookie = `${credential.name}=${credential.value}`;
        const existing = headers.get("Cookie");
        headers.set("Cookie", existing ? `${existing}; ${cookie}` : cookie);
      }
  }
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
