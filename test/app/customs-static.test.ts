/**
 * How the service serves the verifier's customs mode: a page of its own at /verify/customs, so shoppers
 * never download it, within the same JavaScript budget, under the verifier's policy (reads the chain,
 * loads nothing from elsewhere), with the camera allowed and location not.
 */
import { expect } from "chai";
import { CUSTOMS_SCRIPT_BUDGET_GZIP, oneLanguageScriptSize } from "../../scripts/build-app.ts";
import { serveBuiltApp, type BuiltApp } from "../helpers/static-app-server.ts";

describe("verifier customs mode (static)", function () {
  let served: BuiltApp;
  let outDir: string;
  let url: string;

  before(async function () {
    served = await serveBuiltApp("http://chain-node.example:8545/rpc");
    ({ outDir, url } = served);
  });

  after(async function () {
    await served?.close();
  });

  it("ships at most 200 kB of gzipped JavaScript to a reader of any one language, in a bundle of its own", async function () {
    // Split since issue 14: each language's catalogues are chunks of the page's own folder, one language fetched.
    const size = await oneLanguageScriptSize(outDir, "customs");
    expect(size.files).to.include("customs.js");
    expect(size.files.every((file) => file.startsWith("customs"))).to.equal(true);
    expect(size.gzip, `${size.gzip} bytes gzipped (${size.language})`).to.be.at.most(CUSTOMS_SCRIPT_BUDGET_GZIP);
    // Nothing of the customs mode reaches the shopper's page.
    const verifierScript = await (await fetch(`${url}/verify/verifier.js`)).text();
    expect(verifierScript).to.not.contain("customs.apiKey");
  });

  it("serves the page at /verify/customs with every asset its own, and the verifier still at /verify", async function () {
    const res = await fetch(`${url}/verify/customs?shipment=0x01`);
    expect(res.status).to.equal(200);
    const html = await res.text();
    expect(html).to.contain('src="/verify/customs/customs.js"').and.to.contain('href="/verify/customs/customs.css"');
    expect(html).to.not.match(/(src|href)="(https?:)?\/\//);
    for (const asset of ["customs.js", "customs.css"]) expect((await fetch(`${url}/verify/customs/${asset}`)).status).to.equal(200);
    expect(await (await fetch(`${url}/verify`)).text()).to.contain('src="/verify/verifier.js"');
  });

  it("has the verifier's policy, the camera allowed and location refused", async function () {
    const [customs, verifier] = await Promise.all([fetch(`${url}/verify/customs`), fetch(`${url}/verify`)]);
    expect(customs.headers.get("content-security-policy")).to.equal(verifier.headers.get("content-security-policy"));
    expect(customs.headers.get("permissions-policy")).to.contain("camera=(self)").and.to.contain("geolocation=()");
  });
});
