// Runs one flow on a compiled package's testing module and prints a JSON line.
//
// argv: the compiled testing.js, the flow's name, the target file. Prints {"ok", "error"?,
// "saved", "polls"?}: whether the flow's call succeeded, the error's class, whether the target exists.

import { existsSync } from "node:fs";

const [testingJs, flow, target] = process.argv.slice(2);
const testing = await import(new URL(`file://${testingJs}`).href);
const FILE = "https://files.example.test/job/result.png";
const IMAGE = "\u0089PNG fake image bytes".repeat(50);
const ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const fake = new testing.FakeAPI({ clock: () => 1_000_000 });
const client = testing.fakeClient(fake, { retry: { maxRetries: 0 } });
const report = {};
const flows = {
  "job-succeeds": async () => {
    const pending = { jobId: "job-1", jobStatus: "pending" };
    fake.job("download.getBatchDownloadStatus", pending, { ...pending, jobStatus: "success", downloadUrl: FILE });
    fake.serveFile(FILE, IMAGE);
    const handle = await client.download.requestBatchDownloadJob(batch());
    await handle.saveTo(target, { pollIntervalMs: 0 });
    report.polls = fake.calls("download.getBatchDownloadStatus").length;
  },
  "job-fails": async () => {
    const pending = { jobId: "job-1", jobStatus: "pending" };
    fake.job("download.getBatchDownloadStatus", pending, { ...pending, jobStatus: "failure" }, { polls: 1 });
    const handle = await client.download.requestBatchDownloadJob(batch());
    await handle.saveTo(target, { pollIntervalMs: 0 });
  },
  "conflict-then-ready": async () => {
    fake.notReady("download.getDownloadOutput", { times: 2 });
    await client.download.waitForDownloadOutput(ID, { pollIntervalMs: 0 });
    report.polls = fake.calls("download.getDownloadOutput").length;
  },
  "presigned-valid": async () => presigned(2_000_000),
  "presigned-storage-expired": async () => presigned(999_999),
  "cut-body": async () => {
    fake.script("download.downloadImage", { body: IMAGE, headers: { "Content-Type": "image/png" }, cutAfter: 100 });
    await client.download.downloadImageToFile("0123456789abcdef0123456789abcdef.png", target);
  },
};

function batch() {
  return { options: { fileNameTemplate: "{assetId}" }, query: { assetIds: ["asset-1"], inferenceIds: [], modelIds: [] } };
}

async function presigned(expiresAt) {
  const link = { ...fake.body("download.getDownloadOutput"), download_url: FILE, expiry: Math.floor(Date.now() / 1000) + 3600 };
  fake.script("download.getDownloadOutput", { json: link });
  fake.serveFile(FILE, IMAGE, { expiresAt });
  await client.download.getDownloadOutputToFile(ID, target);
}

try {
  await flows[flow]();
  report.ok = true;
} catch (error) {
  report.ok = false;
  report.error = error?.constructor?.name ?? typeof error;
  report.message = String(error?.message ?? error);
}
report.saved = existsSync(target);
console.log(JSON.stringify(report));
