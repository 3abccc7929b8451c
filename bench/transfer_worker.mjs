// One measured transfer of the compiled generated Topaz TypeScript client; prints a JSON line.
//
// argv: the compiled index.js, the API's URL, then the JSON command of bench/transfer_worker.py
// ("one" with "resume", "many" with "concurrency", or "loop"). Prints {"ok", "seconds", "attempts",
// "peak_kib", "baseline_kib"}: the peak (VmHWM) and the resident memory once the client was built.

import { readFileSync } from "node:fs";

const [index, api, text] = process.argv.slice(2);
const memoryKib = (field) => {
  const line = readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith(`${field}:`));
  return line === undefined ? 0 : Number(line.split(/\s+/)[1]);
};
const command = JSON.parse(text);
const topaz = await import(new URL(`file://${index}`).href);
const client = new topaz.TopazImages({ apiKey: "bench", baseUrl: api, timeoutMs: 30_000, retry: { initialDelayMs: 50, maxDelayMs: 100 } });
const helpers = client.download;
await (await fetch(`${api}/download/warm-up`)).text(); // Node loads fetch on first use: keep it out of the measure
const baseline = memoryKib("VmRSS");
const started = performance.now();
let ok = false;
let attempts = 0;
let error = "";
if (command.run === "one") {
  while (!ok && attempts < 2) {
    attempts += 1;
    try {
      await helpers.getDownloadOutputToFile(command.id, command.target, { resume: command.resume });
      ok = true;
    } catch (failure) {
      error = String(failure?.message ?? failure);
    }
  }
} else if (command.run === "many") {
  const items = await helpers.getDownloadOutputMany(command.ids, command.folder, { concurrency: command.concurrency, skipIdentical: false });
  ok = items.every((item) => item.status === "saved");
  attempts = 1;
} else {
  for (const id of command.ids) await helpers.getDownloadOutputToFile(id, command.folder);
  ok = true;
  attempts = 1;
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ ok, seconds, attempts, error, peak_kib: memoryKib("VmHWM"), baseline_kib: baseline }));
