// Runs calls of a compiled Getty TypeScript client that gets its own OAuth2 tokens; prints one JSON line.
//
// argv: the compiled index.js, the API's URL, the token server's URL, then a JSON command:
//   {"options": {...client options}, "hooks": bool, "steps": [{"call", "args", "sleepMs", "parallel"}]}
// Getty's token URL is rewritten to the token server by the client's own `fetch` option, so the
// generated code runs unchanged. With "hooks", the client logs each response and error and adds
// an `X-Team` header (an async afterResponse, to show async interceptors are awaited).
// Prints {"results": [...], "log": [...], "inspected": "..."}; a result is {"ok", "value"} or
// {"ok": false, "error": {"name", "message", "text", "inspected", "json", "status", "error",
// "errorDescription", "authentication", "token"}}.

import { inspect } from "node:util";

const [index, api, tokenServer, text] = process.argv.slice(2);
const command = JSON.parse(text);
const getty = await import(new URL(`file://${index}`).href);
const GETTY_TOKEN_HOST = "https://authentication.gettyimages.com";

const fetchVia = (input, init) =>
  globalThis.fetch(input.startsWith(GETTY_TOKEN_HOST) ? tokenServer + input.slice(GETTY_TOKEN_HOST.length) : input, init);
const client = new getty.GettyOauth({ apiKey: "getty-key", baseUrl: api, timeoutMs: 10_000, fetch: fetchVia, ...command.options });

const log = [];
if (command.hooks) {
  client.hooks.beforeRequest.push((request) => request.headers.set("X-Team", "imaging"));
  client.hooks.afterResponse.push(async (response, request) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.push(`${response.status} ${new URL(request.url).pathname}`);
  });
  client.hooks.onError.push((error) => log.push(error.name));
}

function described(error) {
  return {
    name: error?.constructor?.name ?? typeof error,
    message: error?.message ?? String(error),
    text: String(error),
    inspected: inspect(error, { depth: 6, showHidden: true }),
    json: JSON.stringify(error),
    status: error?.status,
    error: error?.error,
    errorDescription: error?.errorDescription,
    authentication: error instanceof getty.AuthenticationError,
    token: error instanceof getty.TokenError,
  };
}

async function call(step) {
  try {
    return { ok: true, value: await client.images[step.call](...(step.args ?? [])) };
  } catch (error) {
    return { ok: false, error: described(error) };
  }
}

const results = [];
for (const step of command.steps) {
  if (step.sleepMs) await new Promise((resolve) => setTimeout(resolve, step.sleepMs));
  if (step.parallel) results.push(...(await Promise.all(Array.from({ length: step.parallel }, () => call(step)))));
  else results.push(await call(step));
}
console.log(JSON.stringify({ results, log, inspected: inspect(client, { depth: 8, showHidden: true }) }));
