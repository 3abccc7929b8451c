// Created once by generator (style typescript): your own code. Regenerating the package never overwrites this file.
/**
 * Your own additions to the Topaz Labs Image API client, kept across regeneration.
 *
 * The generator writes this module once, when the package is first generated (or when the
 * file is missing), and never again: `generate` carries it over as it is and `check` does not
 * compare it. `customize` is called at the end of every client's construction, so what it
 * registers applies to every client.
 *
 * Example (a logging interceptor and an extra header):
 *
 * ```ts
 * export function customize(client: TopazImages): void {
 *   client.hooks.beforeRequest.push((request) => console.info(request.method, new URL(request.url).pathname));
 *   client.hooks.beforeRequest.push((request) => request.headers.set("X-Team", "imaging"));
 * }
 * ```
 */

import type { TopazImages } from "./client.js";

/** Called by every new client once it is built: register interceptors on `client.hooks` here. */
export function customize(client: TopazImages): void {
  void client;
}
