// The TypeScript runtime against hostile answers and a caller's abort signal, with stub `fetch`es.
//
// Environment: RUNTIME_INDEX (the compiled runtime/index.js of a package generated from the
// current templates). Runs every check in turn and prints one JSON line:
// {"<check>": {"ok": true, "value": ...} | {"ok": false, "error": "..."}}.

const rt = await import(new URL(`file://${process.env.RUNTIME_INDEX}`).href);

const errorName = (error) => `${error?.name ?? typeof error}: ${error?.message ?? String(error)}`;
const json = (status, body, headers = {}) =>
  new Response(body, { status, headers: { "Content-Type": "application/json", ...headers } });

/** A fetch stub answering `answers` in turn (the last repeats) and counting the calls. */
function stub(...answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push(url);
    const answer = answers[Math.min(calls.length, answers.length) - 1];
    return typeof answer === "function" ? await answer(init) : answer();
  };
  return { calls, fetch };
}

function core(fetch, retry = {}) {
  return new rt.ClientCore({ baseUrl: "http://127.0.0.1:9", credentials: {}, credentialHints: {}, userAgent: "t/1", fetch, retry });
}

const GET = { method: "GET", path: "/x", security: [] };

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return errorName(error);
  }
  return "resolved";
}

const CHECKS = {
  retry_after_values() {
    const headers = (value) => new Headers({ "Retry-After": value });
    const policy = { ...rt.DEFAULT_RETRY, maxDelayMs: 8000 };
    return Object.fromEntries(
      ["3", "1.5", "1e9", "0", "-4", "soon", "inf", "1_000", "Wed, 21 Oct 2015 07:28:05 GMT"].map((value) => [
        value,
        [rt.parseRetryAfter(headers(value), Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")) ?? null, rt.requestedWaitMs(headers(value), policy) ?? null],
      ]),
    );
  },
  async retry_after_past_the_budget_gives_up_at_once() {
    const { calls, fetch } = stub(() => json(429, '{"message": "later"}', { "Retry-After": "1e9" }));
    const started = Date.now();
    const error = await rejection(core(fetch).request(GET));
    return { error, calls: calls.length, ms: Date.now() - started };
  },
  async already_aborted_sends_nothing() {
    const { calls, fetch } = stub(() => json(200, "{}"));
    const error = await rejection(core(fetch).request(GET, { signal: AbortSignal.abort() }));
    return { error, calls: calls.length };
  },
  async abort_while_waiting_for_headers() {
    const { fetch } = stub((init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason))));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    return await rejection(core(fetch).request(GET, { signal: controller.signal }));
  },
  async abort_during_a_retry_sleep() {
    const { calls, fetch } = stub(() => json(503, "{}", { "Retry-After": "20" }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejection(core(fetch, { maxElapsedMs: 60_000 }).request(GET, { signal: controller.signal }));
    return { error, calls: calls.length, ms: Date.now() - started };
  },
  async abort_while_a_streamed_body_is_read() {
    let pulls = 0;
    const body = () =>
      new ReadableStream({
        pull(controller) {
          pulls += 1;
          if (pulls === 1) controller.enqueue(new Uint8Array(16));
          return new Promise(() => undefined); // then stalls
        },
      });
    const { fetch } = stub(() => new Response(body(), { status: 200 }));
    const controller = new AbortController();
    const sent = await core(fetch).request({ ...GET, stream: true }, { signal: controller.signal });
    const reading = new rt.StreamedResponse(sent.response, sent.url, 10_000);
    const { mkdtemp, readdir } = await import("node:fs/promises");
    const folder = await mkdtemp(`${process.env.TMPDIR ?? "/tmp"}/abort-`);
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejection(reading.saveTo(`${folder}/file.bin`));
    return { error, left: await readdir(folder), ms: Date.now() - started };
  },
  async abort_during_a_polling_wait() {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    let calls = 0;
    const call = async () => {
      calls += 1;
      throw new rt.ConflictError(new Response(null, { status: 409 }), { message: "not yet", body: null });
    };
    const started = Date.now();
    const error = await rejection(rt.waitUntilReady(call, { pollIntervalMs: 20_000, timeoutMs: 60_000, signal: controller.signal }));
    return { error, calls, ms: Date.now() - started };
  },
  async deep_json() {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const { fetch } = stub(() => json(200, deep));
    const sent = await core(fetch).request(GET);
    try {
      rt.decodeJson(sent);
    } catch (error) {
      return errorName(error);
    }
    return "decoded";
  },
  async declared_body_past_the_cap() {
    const { fetch } = stub(() => json(200, "x".repeat(2000)));
    const small = new rt.ClientCore({ baseUrl: "http://127.0.0.1:9", credentials: {}, credentialHints: {}, userAgent: "t/1", fetch, maxBodySize: 1000 });
    return await rejection(small.request(GET));
  },
  async unsendable_header() {
    const { calls, fetch } = stub(() => json(200, "{}"));
    const error = await rejection(core(fetch).request({ ...GET, headers: { "X-Trace": "a\r\nb" } }));
    return { error, calls: calls.length };
  },
  async header_named_in_another_case() {
    // an operation's own user-agent parameter (shutterstock's) replaces the client's User-Agent
    let sent;
    const { fetch } = stub((init) => ((sent = init.headers), json(200, "{}")));
    await core(fetch).request({ ...GET, headers: { "user-agent": "mine/2" } });
    return sent.get("User-Agent");
  },
};

const report = {};
for (const [name, run] of Object.entries(CHECKS)) {
  try {
    report[name] = { ok: true, value: await run() };
  } catch (error) {
    report[name] = { ok: false, error: `${errorName(error)}\n${error?.stack ?? ""}` };
  }
}
console.log(JSON.stringify(report));
