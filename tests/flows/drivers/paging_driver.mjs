// Runs one pager of a compiled Paging Gallery TypeScript client and prints a JSON line.
//
// argv: the compiled index.js, the API's URL, then a JSON command {"method", "args"}: the pager
// method of `client.photos` and its arguments. Prints {"ok": true, "ids"} or {"ok": false, "error"}.

const [index, api, text] = process.argv.slice(2);
const command = JSON.parse(text);
const gallery = await import(new URL(`file://${index}`).href);
const client = new gallery.PagingGallery({ apiKey: "gallery-key", baseUrl: api, timeoutMs: 10_000 });
let result;
try {
  const ids = [];
  for await (const photo of client.photos[command.method](...command.args)) ids.push(photo.id);
  result = { ok: true, ids };
} catch (error) {
  result = { ok: false, error: `${error?.constructor?.name ?? typeof error}: ${error?.message ?? String(error)}` };
}
console.log(JSON.stringify(result));
