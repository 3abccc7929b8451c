// Download flows of the four compiled TypeScript clients against the local flow servers.
//
// Environment: TS_PACKAGES (JSON, provider -> compiled index.js), API_URL and FILES_URL (the
// servers, routes already set by the test), FLOW_DIR (a folder to download into) and the ids
// the routes use. Runs every scenario in turn and prints one JSON line:
// {"<scenario>": {"ok": true, "value": ...} | {"ok": false, "error": "Class: message"}}.

import { readdir } from "node:fs/promises";
import { join } from "node:path";

const env = process.env;
const packages = JSON.parse(env.TS_PACKAGES ?? "{}");
const load = async (provider) => await import(new URL(`file://${packages[provider]}`).href);
const dir = env.FLOW_DIR ?? ".";
const common = { baseUrl: env.API_URL, timeoutMs: 5_000 };

const topazModule = await load("topaz");
const gettyModule = await load("getty");
const toolkitModule = await load("toolkit");
const scenarioModule = await load("scenario");
const topaz = new topazModule.TopazImages({ ...common, apiKey: "topaz-secret" });
const getty = new gettyModule.GettyImages({ ...common, apiKey: "getty-key", accessToken: "getty-token" });
const toolkit = new toolkitModule.ToolkitImages({ ...common, apiKey: "toolkit-key" });
const scenario = new scenarioModule.ScenarioAssets({ ...common, apiKey: "scenario-key", apiSecret: "scenario-secret" });

const errorName = (error) => `${error?.constructor?.name ?? typeof error}: ${error?.message ?? String(error)}`;

const SCENARIOS = {
  async topaz_presigned() {
    const file = await topaz.download.getDownloadOutputToFile(env.TOPAZ_PRESIGNED, join(dir, "topaz.png"));
    const size = await topaz.download.getDownloadOutputSize(env.TOPAZ_PRESIGNED);
    return { file, size };
  },
  async topaz_overwrite_refused() {
    try {
      await topaz.download.getDownloadOutputToFile(env.TOPAZ_PRESIGNED, join(dir, "topaz.png"));
    } catch (error) {
      return errorName(error);
    }
    throw new Error("an existing file was overwritten");
  },
  async topaz_wait() {
    const ready = await topaz.download.waitForDownloadOutput(env.TOPAZ_WAIT, { pollIntervalMs: 10, timeoutMs: 5_000 });
    return ready.download_url;
  },
  async topaz_retry_after() {
    const started = Date.now();
    const result = await topaz.download.getDownloadOutput(env.TOPAZ_RETRY);
    return { elapsedMs: Date.now() - started, url: result.download_url };
  },
  async topaz_expired() {
    try {
      await topaz.download.getDownloadOutputToFile(env.TOPAZ_EXPIRED, join(dir, "expired.png"));
    } catch (error) {
      return errorName(error);
    }
    throw new Error("an expired link was used");
  },
  async getty_redirect() {
    return await getty.images.postDownloadsToFile("12345", join(dir, "getty.jpg"));
  },
  async getty_pages() {
    const ids = [];
    for await (const item of getty.images.iterDownloads({ pageSize: 2 })) ids.push(item.id);
    return ids;
  },
  async toolkit_stream() {
    let calls = 0;
    let last = 0;
    const file = await toolkit.download.downloadImageToFile(env.TOOLKIT_BIG, join(dir, "big.png"), {
      onProgress: (written) => {
        calls += 1;
        last = written;
      },
    });
    return { file, calls, last };
  },
  async toolkit_cut() {
    const folder = join(dir, "cut");
    await import("node:fs/promises").then((fs) => fs.mkdir(folder));
    try {
      await toolkit.download.downloadImageToFile(env.TOOLKIT_CUT, join(folder, "cut.png"));
    } catch (error) {
      return { error: errorName(error), left: await readdir(folder) };
    }
    throw new Error("a cut body was saved");
  },
  async toolkit_stall() {
    const folder = join(dir, "stall");
    await import("node:fs/promises").then((fs) => fs.mkdir(folder));
    const impatient = new toolkitModule.ToolkitImages({ ...common, timeoutMs: 1_000, apiKey: "toolkit-key" });
    try {
      await impatient.download.downloadImageToFile(env.TOOLKIT_STALL, join(folder, "stall.png"));
    } catch (error) {
      return { error: errorName(error), left: await readdir(folder) };
    }
    throw new Error("a stalled body was saved");
  },
  async toolkit_disposition() {
    const folder = join(dir, "a", "b");
    await import("node:fs/promises").then((fs) => fs.mkdir(folder, { recursive: true }));
    return await toolkit.download.downloadImageToFile(env.TOOLKIT_NAMED, folder);
  },
  async scenario_job() {
    const job = await scenario.download.requestBatchDownloadJob({
      options: { fileNameTemplate: "{seed}" },
      query: { assetIds: ["asset_1"], inferenceIds: [], modelIds: [] },
    });
    const file = await job.saveTo(join(dir, "archive.zip"), { pollIntervalMs: 10, timeoutMs: 5_000 });
    return { jobId: job.jobId, file };
  },
  async scenario_job_failed() {
    const job = await scenario.download.requestBatchDownloadJob({
      options: { fileNameTemplate: "{seed}" },
      query: { assetIds: ["asset_2"], inferenceIds: [], modelIds: [] },
    });
    try {
      await job.wait({ pollIntervalMs: 10, timeoutMs: 5_000 });
    } catch (error) {
      return { jobId: job.jobId, error: errorName(error), status: error.status };
    }
    throw new Error("a failed job was reported as done");
  },
};

const report = {};
for (const [name, run] of Object.entries(SCENARIOS)) {
  try {
    report[name] = { ok: true, value: await run() };
  } catch (error) {
    report[name] = { ok: false, error: `${errorName(error)}\n${error?.stack ?? ""}` };
  }
}
console.log(JSON.stringify(report));
