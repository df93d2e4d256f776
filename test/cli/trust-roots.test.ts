import { expect } from "chai";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { rootFromDeployment, type TrustRoot } from "../../core/trust-roots.ts";
import { startRpcBridge } from "../helpers/rpc-bridge.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

/** A port nothing listens on: any request there would fail, so a usage error proves none was made first. */
const NOWHERE = "http://127.0.0.1:9";

describe("veritrace verify: trust roots (CLI)", function () {
  let svc: TestService;
  let bridge: Awaited<ReturnType<typeof startRpcBridge>>;
  let uri: string;
  let dir: string;
  let root: TrustRoot;
  let rootsFile: string;

  const file = async (name: string, content: unknown) => {
    const target = path.join(dir, name);
    await writeFile(target, typeof content === "string" ? content : JSON.stringify(content));
    return target;
  };

  before(async function () {
    svc = await startTestService();
    bridge = await startRpcBridge(svc.connection.provider);
    const brand = await svc.newBrand("Acme", { body: { country: "GB" } });
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "9506000134352", lot: "TR1", quantity: 1 } });
    await svc.waitForBatch(brand.apiKey, created.body.id);
    const csv = await fetch(`${svc.url}/api/v1/batches/${created.body.id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    uri = (await csv.text()).trim().split(/\r?\n/)[1]!.split(",").at(-1)!;
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-roots-"));
    root = rootFromDeployment(svc.ctx.deployment, { name: "Test consortium", rpcUrls: [bridge.url] });
    rootsFile = await file("roots.json", { version: 1, roots: [root] });
  });

  after(async function () {
    await bridge?.close();
    await svc?.close();
  });

  it("takes them from --roots", async function () {
    const run = await runCli(["verify", uri, "--roots", rootsFile], { url: svc.url });
    expect(run.code, show(run)).to.equal(0);
    expect(run.stdout).to.match(/^✔ GENUINE/);
    expect(run.stdout).to.include('Trust root "Test consortium"');
    expect(run.stdout).to.include('Brand      "Acme" (GB)');
  });

  it("takes them from VERITRACE_TRUST_ROOTS", async function () {
    const run = await runCli(["verify", uri], { url: svc.url, env: { VERITRACE_TRUST_ROOTS: rootsFile } });
    expect(run.code, show(run)).to.equal(0);
    expect(run.stdout).to.include('Trust root "Test consortium"');
  });

  it("prefers --roots to VERITRACE_TRUST_ROOTS", async function () {
    const broken = await file("broken-for-env.json", "{");
    const run = await runCli(["verify", uri, "--roots", rootsFile], { url: svc.url, env: { VERITRACE_TRUST_ROOTS: broken } });
    expect(run.code, show(run)).to.equal(0);
  });

  it("makes the deployment records of the data folder (VERITRACE_DATA_DIR) the roots when none is given, read through their rpcUrl", async function () {
    const data = path.join(dir, "data");
    await mkdir(data, { recursive: true });
    const { deployment } = svc.ctx;
    await writeFile(path.join(data, `deployment-${deployment.chainId}.json`), JSON.stringify({ ...deployment, protocol: 2, rpcUrl: bridge.url }));
    await writeFile(path.join(data, "veritrace.db"), "not a record");
    const run = await runCli(["verify", uri], { url: svc.url, env: { VERITRACE_DATA_DIR: data } });
    expect(run.code, show(run)).to.equal(0);
    expect(run.stdout).to.match(/^✔ GENUINE/);
    expect(run.stdout).to.include(`Trust root "Local development deployment": chain ${deployment.chainId}, registry ${deployment.productRegistry.address}`);
    expect(run.stdout).to.include(`Read via   ${bridge.url} (the trust root's RPC)`);
  });

  context("when there are none", function () {
    it("exits 2 before any request, saying how to give them", async function () {
      const empty = await mkdtemp(path.join(os.tmpdir(), "veritrace-no-roots-"));
      const run = await runCli(["verify", uri], { url: NOWHERE, env: { VERITRACE_DATA_DIR: empty } });
      expect(run.code, show(run)).to.equal(2);
      expect(run.stderr).to.include("NO_TRUST_ROOTS").and.to.include("--roots <file>").and.to.include("VERITRACE_TRUST_ROOTS");
      expect(run.stderr).not.to.include("UNREACHABLE");
    });
  });

  context("when the roots file is malformed", function () {
    it("exits 2 naming the field", async function () {
      const bad = await file("bad-chain.json", { version: 1, roots: [{ ...root, chainId: "31337" }] });
      const run = await runCli(["verify", uri, "--roots", bad], { url: NOWHERE });
      expect(run.code, show(run)).to.equal(2);
      expect(run.stderr).to.match(/^error: Trust roots: roots\[0\]\.chainId is not a positive integer \(in .*bad-chain\.json \(--roots\)\) \(TRUST_ROOTS_INVALID, field --roots\)$/m);
    });

    it("exits 2 naming the address that is not one", async function () {
      const bad = await file("bad-registry.json", { version: 1, roots: [root, { ...root, productRegistry: "0x1234" }] });
      const run = await runCli(["verify", uri], { url: NOWHERE, env: { VERITRACE_TRUST_ROOTS: bad } });
      expect(run.code, show(run)).to.equal(2);
      expect(run.stderr).to.include("roots[1].productRegistry is not an address").and.to.include("field VERITRACE_TRUST_ROOTS");
    });

    it("exits 2 when it is not JSON, or cannot be read", async function () {
      const notJson = await file("not-json.json", "{ version: 1");
      const garbled = await runCli(["verify", uri, "--roots", notJson], { url: NOWHERE });
      expect(garbled.code, show(garbled)).to.equal(2);
      expect(garbled.stderr).to.include("is not JSON").and.to.include("TRUST_ROOTS_INVALID");
      const missing = await runCli(["verify", uri, "--roots", path.join(dir, "missing.json")], { url: NOWHERE });
      expect(missing.code, show(missing)).to.equal(2);
      expect(missing.stderr).to.include("ENOENT").and.to.include("TRUST_ROOTS_UNREADABLE");
    });

    it("exits 2 for a deployment record that is not one, naming the file and the field", async function () {
      const data = path.join(dir, "bad-data");
      await mkdir(data, { recursive: true });
      await writeFile(path.join(data, "deployment-1.json"), JSON.stringify({ ...svc.ctx.deployment, protocol: 2, rpcUrl: "not a url" }));
      const run = await runCli(["verify", uri], { url: NOWHERE, env: { VERITRACE_DATA_DIR: data } });
      expect(run.code, show(run)).to.equal(2);
      expect(run.stderr).to.include("deployment-1.json").and.to.include("rpcUrls[0] is not a URL");
    });

    it("exits 2 for a deployment record of an older protocol, which this verifier cannot check", async function () {
      const data = path.join(dir, "old-data");
      await mkdir(data, { recursive: true });
      // What `npm start` wrote before brand names and GS1 prefixes: no `protocol` field.
      const { protocol: _none, ...older } = { ...svc.ctx.deployment, rpcUrl: bridge.url };
      await writeFile(path.join(data, "deployment-31337.json"), JSON.stringify(older));
      const run = await runCli(["verify", uri], { url: NOWHERE, env: { VERITRACE_DATA_DIR: data } });
      expect(run.code, show(run)).to.equal(2);
      expect(run.stderr).to.include("deployment-31337.json records a deployment of protocol 1").and.to.include("--roots <file>");
    });
  });
});
