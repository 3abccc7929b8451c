// Calls every JSON operation of the four compiled TypeScript clients against Prism mocking each spec.
//
// Prism validates every request against the spec and answers an invalid one with an error
// status and an `sl-violations` header, so a call that succeeds here sent what the spec asks
// for. Environment: TS_PACKAGES and PRISM_URLS, JSON objects keyed by provider. Prints one JSON
// line: {"results": [{provider, operationId, name, ok, error}]}.

const packages = JSON.parse(process.env.TS_PACKAGES ?? "{}");
const urls = JSON.parse(process.env.PRISM_URLS ?? "{}");
const PROCESS_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

/** A fetch that keeps every response it returned, to look at its status and headers afterwards. */
function recording() {
  const responses = [];
  const fetchImpl = async (input, init) => {
    const response = await fetch(input, init);
    responses.push({ url: input, status: response.status, violations: response.headers.get("sl-violations") });
    return response;
  };
  return { fetchImpl, responses };
}

async function load(provider) {
  return await import(new URL(`file://${packages[provider]}`).href);
}

const CASES = [
  ["topaz", "getDownloadOutput", (c) => c.download.getDownloadOutput(PROCESS_ID)],
  ["topaz", "getDownloadOutput", (c) => c.download.waitForDownloadOutput(PROCESS_ID, { timeoutMs: 10_000, pollIntervalMs: 50 })],
  ["topaz", "getDownloadInput", (c) => c.download.getDownloadInput(PROCESS_ID)],
  [
    "getty",
    "Downloads_GetDownloads",
    (c) =>
      c.images.getDownloads({
        acceptLanguage: "en-US",
        companyDownloads: true,
        startDate: new Date(Date.UTC(2024, 0, 1)),
        endDate: "2024-12-31",
        page: 2,
        pageSize: 50,
        productType: "premiumaccess",
      }),
  ],
  [
    "getty",
    "Downloads_GetDownloads",
    async (c) => {
      const items = [];
      for await (const item of c.images.iterDownloads({ pageSize: 100, productType: "easyaccess" })) {
        items.push(item);
        if (items.length >= 5) break;
      }
      if (items.length === 0) throw new Error("Prism's page had no items");
      return items;
    },
  ],
  [
    "getty",
    "Downloads_PostDownloads",
    (c) =>
      c.images.postDownloads("1234567", {
        acceptLanguage: "de",
        fileType: "jpg",
        height: 1024,
        productId: 42,
        productType: "imagepack",
        body: { download_notes: "brochure", project_code: "P-7" },
      }),
  ],
  ["getty", "Downloads_PostDownloads", (c) => c.images.postDownloads("1234567")],
  [
    "scenario",
    "requestBatchDownload",
    (c) =>
      c.download.requestBatchDownload({
        options: { fileNameTemplate: "{seed}-{index}", flat: false },
        query: { assetIds: ["asset_1"], inferenceIds: ["inf_1"], modelIds: [] },
      }),
  ],
  [
    "scenario",
    "getBatchDownloadStatus",
    async (c) => {
      const job = await c.download.requestBatchDownloadJob({
        options: { fileNameTemplate: "{seed}-{index}" },
        query: { assetIds: ["asset_1"], inferenceIds: [], modelIds: [] },
      });
      if (!job.jobId) throw new Error("the job handle has no id");
      return await job.status();
    },
  ],
  ["scenario", "getBatchDownloadStatus", (c) => c.download.getBatchDownloadStatus("job_aZ67MsuuyQ5JawJekta3V7yD")],
  ["scenario", "requestAssetDownload", (c) => c.download.requestAssetDownload("asset_img001", { targetFormat: "webp" })],
  ["scenario", "requestAssetDownload", (c) => c.download.requestAssetDownload("asset_img001")],
];

const CREDENTIALS = {
  topaz: { apiKey: "topaz-key" },
  getty: { apiKey: "getty-key", accessToken: "getty-token" },
  toolkit: { apiKey: "toolkit-key" },
  scenario: { apiKey: "scenario-key", apiSecret: "scenario-secret" },
};
const CLIENTS = { topaz: "TopazImages", getty: "GettyImages", toolkit: "ToolkitImages", scenario: "ScenarioAssets" };

const results = [];
for (const [provider, operationId, call] of CASES) {
  const name = call.toString().slice(0, 80);
  const { fetchImpl, responses } = recording();
  try {
    const module = await load(provider);
    const client = new module[CLIENTS[provider]]({ ...CREDENTIALS[provider], baseUrl: urls[provider], fetch: fetchImpl, timeoutMs: 10_000 });
    const result = await call(client);
    const items = Array.isArray(result) ? result : [result];
    if (!items.every((item) => item !== null && typeof item === "object")) throw new Error(`not a model: ${JSON.stringify(result)}`);
    const bad = responses.filter((r) => r.status !== 200 || r.violations !== null);
    if (bad.length) throw new Error(`responses with violations: ${JSON.stringify(bad)}`);
    if (!responses.every((r) => r.url.startsWith(urls[provider]))) throw new Error("a request went elsewhere");
    results.push({ provider, operationId, name, ok: true, error: null });
  } catch (error) {
    results.push({ provider, operationId, name, ok: false, error: String(error?.stack ?? error) });
  }
}
console.log(JSON.stringify({ results }));
