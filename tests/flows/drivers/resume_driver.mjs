// Runs one download scenario of a compiled Topaz TypeScript client and prints a JSON line.
//
// argv: the compiled index.js, the API's URL, then a JSON command: {"scenario": "one", "id",
// "target", "resume"} or {"scenario": "many", "ids", "folder"}. Prints {"ok", ..., "rss_growth"}:
// the peak resident memory (VmHWM) past what the process held once the client was built.

import { readFileSync } from "node:fs";

const [index, api, text] = process.argv.slice(2);
// VmRSS (now) or VmHWM (the peak), in bytes; not getrusage's maxRSS, which survives exec on Linux
const memory = (field) => {
  const line = readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith(`${field}:`));
  return line === undefined ? 0 : Number(line.split(/\s+/)[1]) * 1024;
};
const command = JSON.parse(text);
const topaz = await import(new URL(`file://${index}`).href);
const client = new topaz.TopazImages({
  apiKey: "topaz-secret",
  baseUrl: api,
  timeoutMs: 10_000,
  retry: { initialDelayMs: 50, maxDelayMs: 100 },
});
// Node loads its fetch implementation on first use: warm it up, so the baseline holds it
await (await fetch(`${api}/download/warm-up`)).text();
const baseline = memory("VmRSS");
let result;
try {
  if (command.scenario === "one") {
    const path = await client.download.getDownloadOutputToFile(command.id, command.target, { resume: command.resume ?? false });
    result = { ok: true, path };
  } else {
    const items = await client.download.getDownloadOutputMany(command.ids, command.folder, { concurrency: 8 });
    const errors = items.filter((i) => i.error !== undefined).map((i) => `${i.error?.constructor?.name}: ${i.error?.message}`);
    result = { ok: true, statuses: items.map((i) => i.status), errors: errors.slice(0, 3) };
  }
} catch (error) {
  result = { ok: false, error: `${error?.constructor?.name ?? typeof error}: ${error?.message ?? String(error)}` };
}
const peak = memory("VmHWM");
console.log(JSON.stringify({ ...result, rss_growth: peak - baseline }));
