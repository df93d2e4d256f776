/**
 * How the service serves the licence page (check a licence, the notices register): within its JavaScript
 * budget, every asset its own, and a policy that lets it read the chain through the announced RPC (or the
 * user's own) but load nothing from anywhere else, compile nothing, and use neither camera nor location.
 */
import { expect } from "chai";
import { LICENCES_SCRIPT_BUDGET_GZIP, oneLanguageScriptSize } from "../../scripts/build-app.ts";
import { serveBuiltApp, type BuiltApp } from "../helpers/static-app-server.ts";

const ANNOUNCED_RPC = "http://chain-node.example:8545/rpc";

describe("licence page (static)", function () {
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

  it("ships at most 200 kB of gzipped JavaScript to a reader of any one language, in a bundle of its own", async function () {
    // Split since issue 14: each language's catalogues are chunks of the page's own folder, one language fetched.
    const size = await oneLanguageScriptSize(outDir, "licences");
    expect(size.files).to.include("licences.js");
    expect(size.files.every((file) => file.startsWith("licences"))).to.equal(true);
    expect(size.gzip, `${size.gzip} bytes gzipped (${size.language})`).to.be.at.most(LICENCES_SCRIPT_BUDGET_GZIP);
  });

  it("serves the page at /licences, with every asset its own", async function () {
    const res = await fetch(`${url}/licences?work=0x01#notices`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.match(/^text\/html/);
    const html = await res.text();
    expect(html).to.contain('src="/licences/licences.js"').and.to.contain('href="/licences/licences.css"');
    expect(html).to.not.match(/(src|href)="(https?:)?\/\//);
    for (const asset of ["licences.js", "licences.css"]) expect((await fetch(`${url}/licences/${asset}`)).status).to.equal(200);
    // The verifier's look is bundled into the page's own stylesheet, not fetched from the verifier's folder.
    expect(await (await fetch(`${url}/licences/licences.css`)).text()).to.not.contain("@import");
  });

  it("may read the announced RPC, an HTTPS one or one on the device, and nothing else; no WebAssembly, camera or location", async function () {
    const res = await fetch(`${url}/licences`);
    const policy = Object.fromEntries(
      (res.headers.get("content-security-policy") ?? "").split(/;\s*/).map((directive) => {
        const [name, ...sources] = directive.split(" ");
        return [name, sources];
      }),
    );
    expect(policy["default-src"]).to.deep.equal(["'none'"]);
    expect(policy["script-src"]).to.deep.equal(["'self'"]);
    expect(policy["connect-src"]).to.deep.equal(["'self'", "http://chain-node.example:8545", "https:", "http://127.0.0.1:*", "http://localhost:*"]);
    expect(policy["frame-ancestors"]).to.deep.equal(["'none'"]);
    expect(res.headers.get("permissions-policy")).to.equal("camera=(), geolocation=(), microphone=()");
    expect(res.headers.get("x-content-type-options")).to.equal("nosniff");
  });
});
