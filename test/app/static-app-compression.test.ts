/**
 * The built pages as a slow phone link receives them: each file as the brotli or gzip copy made at build
 * time when the browser accepts it (the same bytes once decoded, the original type), as it is otherwise;
 * and the verifier's HTML that fits how it was opened (a label's `?code=` link, or no label).
 */
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect } from "chai";
import { serveBuiltApp, type BuiltApp } from "../helpers/static-app-server.ts";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A GET with exactly these headers, its body as sent (node's fetch would decode it and add its own). */
function get(url: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("appRoutes: precompressed files and the verifier's two first views", function () {
  this.timeout(120_000);
  let app: BuiltApp;

  before(async function () {
    app = await serveBuiltApp("http://127.0.0.1:8545");
  });

  after(async function () {
    await app?.close();
  });

  const built = (file: string) => readFile(path.join(app.outDir, file));

  it("sends the verifier's script as brotli to a browser that accepts it, the same bytes once decoded", async function () {
    const res = await get(`${app.url}/verify/verifier.js`, { "accept-encoding": "gzip, deflate, br" });
    expect(res.status).to.equal(200);
    expect(res.headers["content-encoding"]).to.equal("br");
    expect(res.headers["content-type"]).to.match(/^(text|application)\/javascript/);
    expect(res.headers.vary).to.match(/accept-encoding/i);
    expect(res.headers["cache-control"]).to.equal("no-cache");
    expect(res.headers["content-security-policy"]).to.contain("script-src 'self'");
    const original = await built("verifier/verifier.js");
    expect(brotliDecompressSync(res.body).equals(original)).to.equal(true);
    expect(res.body.length).to.be.below(original.length / 3);
  });

  it("sends gzip where only gzip is accepted, and the file as it is where nothing is", async function () {
    const gz = await get(`${app.url}/verify/verifier.css`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).to.equal("gzip");
    expect(gz.headers["content-type"]).to.match(/^text\/css/);
    expect(gunzipSync(gz.body).equals(await built("verifier/verifier.css"))).to.equal(true);

    const plain = await get(`${app.url}/verify/verifier.css`, {});
    expect(plain.headers["content-encoding"]).to.equal(undefined);
    expect(plain.body.equals(await built("verifier/verifier.css"))).to.equal(true);

    const refused = await get(`${app.url}/verify/zxing_reader.wasm`, { "accept-encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).to.equal(undefined);
    expect(refused.headers["content-type"]).to.equal("application/wasm");
  });

  it("sends the decoder's WebAssembly compressed with its own type, so that it still compiles while streaming", async function () {
    const res = await get(`${app.url}/verify/zxing_reader.wasm`, { "accept-encoding": "br" });
    expect(res.headers["content-encoding"]).to.equal("br");
    expect(res.headers["content-type"]).to.equal("application/wasm");
    expect(brotliDecompressSync(res.body).equals(await built("verifier/zxing_reader.wasm"))).to.equal(true);
  });

  it("opens with 'Checking this label…' for a label's link, with the scan panel without one, both compressed", async function () {
    const label = await get(`${app.url}/verify?code=${encodeURIComponent("https://id.example.com/01/09506000134352/10/L1/21/S1?s=00")}`, { "accept-encoding": "br" });
    const labelHtml = brotliDecompressSync(label.body).toString("utf8");
    expect(labelHtml).to.contain('<section id="checking" class="panel checking" aria-labelledby="checking-title">');
    expect(labelHtml).to.contain('<section id="scan" class="panel" aria-labelledby="scan-title" hidden>');
    expect(labelHtml).to.equal((await built("verifier/index.html")).toString("utf8"));

    const scan = await get(`${app.url}/verify`, { "accept-encoding": "br" });
    const scanHtml = brotliDecompressSync(scan.body).toString("utf8");
    expect(scanHtml).to.contain('<section id="checking" class="panel checking" aria-labelledby="checking-title" hidden>');
    expect(scanHtml).to.contain('<section id="scan" class="panel" aria-labelledby="scan-title">');
    for (const res of [label, scan]) {
      expect(res.headers["content-type"]).to.match(/^text\/html/);
      expect(res.headers["cache-control"]).to.equal("no-cache");
    }
  });

  it("preloads the chunks the verifier's script imports, so that none waits for the file naming it", async function () {
    const html = (await built("verifier/index.html")).toString("utf8");
    const script = (await built("verifier/verifier.js")).toString("utf8");
    const imported = [...script.matchAll(/from"\.\/(verifier-chunk-[A-Z0-9]+\.js)"/g)].map((match) => match[1]);
    expect(imported).to.not.deep.equal([]);
    for (const chunk of imported) expect(html).to.contain(`<link rel="modulepreload" href="/verify/${chunk}" />`);
    // The decoders are not among them: they load after the verdict.
    expect(html).to.not.contain("verifier-decoder-");
  });

  it("never sends a compressed copy asked for by name, nor a file outside the page's folder", async function () {
    expect((await get(`${app.url}/verify/verifier.js.br`, { "accept-encoding": "br" })).headers["content-encoding"]).to.equal(undefined);
    const outside = await get(`${app.url}/verify/..%2fconsole%2fconsole.js`, { "accept-encoding": "br" });
    expect(outside.status).to.not.equal(200);
  });
});
