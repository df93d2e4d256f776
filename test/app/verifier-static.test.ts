/**
 * How the service serves the verifier page: within its JavaScript budget, its QR decoder's WebAssembly from
 * the service itself, and a policy that lets the page read the chain but load nothing from anywhere else.
 */
import { expect } from "chai";
import { pageScriptSize, VERIFIER_SCRIPT_BUDGET_GZIP } from "../../scripts/build-app.ts";
import { serveBuiltApp, type BuiltApp } from "../helpers/static-app-server.ts";

const ANNOUNCED_RPC = "http://chain-node.example:8545/rpc";

describe("verifier page (static)", function () {
  let served: BuiltApp;
  let outDir: string;
  let url: string;

  before(async function () {
    served = await serveBuiltApp(ANNOUNCED_RPC);
    ({ outDir, url } = served);
  });

  after(async function () {
    await served?.close();
  });

  it("ships at most 200 kB of gzipped JavaScript, its service workers included (its WebAssembly decoder apart)", async function () {
    const size = await pageScriptSize(outDir, "verifier");
    // The page's script, the chunks it loads (the QR decoders after the verdict, each language but English),
    // and both workers: all counted, every language included.
    const fixed = ["sw.js", "label-links-sw.js", "verifier.js"];
    expect(size.files).to.include.members(fixed);
    expect(size.files.filter((file) => !fixed.includes(file))).to.satisfy((chunks: string[]) => chunks.every((file) => /^verifier-[a-zA-Z0-9-]+-[A-Z0-9]+\.js$/.test(file)));
    expect(size.files.some((file) => file.startsWith("verifier-decoder-"))).to.equal(true);
    expect(size.gzip, `${size.gzip} bytes gzipped`).to.be.at.most(VERIFIER_SCRIPT_BUDGET_GZIP);
    console.log(`      served verifier JavaScript: ${(size.raw / 1024).toFixed(1)} kB raw, ${(size.gzip / 1024).toFixed(1)} kB gzipped`);
  });

  it("serves the page at /verify, with every asset its own", async function () {
    const res = await fetch(`${url}/verify?code=anything`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.match(/^text\/html/);
    const html = await res.text();
    expect(html).to.contain('src="/verify/verifier.js"').and.to.contain('href="/verify/verifier.css"');
    expect(html).to.not.match(/(src|href)="(https?:)?\/\//);
    for (const asset of ["verifier.js", "verifier.css"]) expect((await fetch(`${url}/verify/${asset}`)).status).to.equal(200);
  });

  it("serves the decoder's WebAssembly itself, as application/wasm (which streaming compilation needs)", async function () {
    const res = await fetch(`${url}/verify/zxing_reader.wasm`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.equal("application/wasm");
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4)).to.deep.equal(Buffer.from([0, 0x61, 0x73, 0x6d]));
  });

  it("lets the page compile WebAssembly and read the announced RPC, an HTTPS one or one on the device, and nothing else", async function () {
    const policy = Object.fromEntries(
      ((await fetch(`${url}/verify`)).headers.get("content-security-policy") ?? "").split(/;\s*/).map((directive) => {
        const [name, ...sources] = directive.split(" ");
        return [name, sources];
      }),
    );
    expect(policy["default-src"]).to.deep.equal(["'none'"]);
    expect(policy["script-src"]).to.deep.equal(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy["connect-src"]).to.deep.equal(["'self'", "http://chain-node.example:8545", "https:", "http://127.0.0.1:*", "http://localhost:*"]);
    expect(policy["frame-ancestors"]).to.deep.equal(["'none'"]);
  });

  it("allows the camera and location to the verifier only", async function () {
    expect((await fetch(`${url}/verify`)).headers.get("permissions-policy")).to.contain("camera=(self)").and.to.contain("geolocation=(self)");
    const console = await fetch(`${url}/console`);
    expect(console.headers.get("permissions-policy")).to.contain("camera=()");
    const consolePolicy = console.headers.get("content-security-policy") ?? "";
    expect(consolePolicy).to.match(/connect-src 'self'(;|$)/).and.not.to.contain("wasm-unsafe-eval");
  });
});
