import { expect } from "chai";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generatePrivateKey } from "viem/accounts";
import { ItemDigester, registryDomain } from "../../core/eip712.ts";
import { buildDigitalLink, parseDigitalLink } from "../../core/gs1/index.ts";
import { encodeSignature, signDigest } from "../../core/signature.ts";
import { startRpcBridge } from "../helpers/rpc-bridge.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { unzip } from "../helpers/zip.ts";
import { runCli, show } from "./run-cli.ts";

describe("veritrace verify (CLI)", function () {
  let svc: TestService;
  let bridge: Awaited<ReturnType<typeof startRpcBridge>>;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let batchId: string;
  let uris: string[];
  let dir: string;

  before(async function () {
    svc = await startTestService();
    bridge = await startRpcBridge(svc.connection.provider);
    // What VERIFIER_RPC_URL does on a real deployment: the service announces where to read the chain.
    svc.ctx.verifierRpcUrl = bridge.url;
    brand = await svc.newBrand("Acme");
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "9506000134352", lot: "CLI1", expiry: "270228", quantity: 4 } });
    batchId = created.body.id;
    await svc.waitForBatch(brand.apiKey, batchId);
    const csv = await fetch(`${svc.url}/api/v1/batches/${batchId}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    uris = (await csv.text()).trim().split(/\r?\n/).slice(1).map((row) => row.split(",").at(-1)!);
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-verify-"));
  });

  after(async function () {
    await bridge?.close();
    await svc?.close();
  });

  const verify = (...args: string[]) => runCli(["verify", ...args], { url: svc.url });

  it("says GENUINE for a printed label read from its PNG, with what the chain holds, and exits 0", async function () {
    const zip = await fetch(`${svc.url}/api/v1/batches/${batchId}/labels?format=png`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    const [first] = (await unzip(Buffer.from(await zip.arrayBuffer()))).values();
    const file = path.join(dir, "label.png");
    await writeFile(file, first!);
    const run = await verify(file);
    expect(run.code, show(run)).to.equal(0);
    expect(run.stdout).to.match(/^✔ GENUINE/);
    expect(run.stdout).to.include(`Brand      ${brand.brandId}`);
    expect(run.stdout).to.include("GTIN 09506000134352");
    expect(run.stdout).to.include("Expiry     2027-02-28");
    expect(run.stdout).to.match(/Registered +\d{4}-\d\d-\d\dT.* in block \d+ \(transaction 0x[0-9a-f]{64}\)/);
    expect(run.stdout).to.include(`via ${bridge.url}`);
  });

  it("gives the verdict as JSON with --json", async function () {
    const run = await verify(uris[1]!, "--json");
    expect(run.code, show(run)).to.equal(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.verdict).to.include({ verdict: "GENUINE", brandId: brand.brandId, itemStatus: "Active", batchStatus: "Active" });
    expect(doc.verdict.signerRemovedAt).to.equal("0");
    expect(doc.chain.rpcUrl).to.equal(bridge.url);
  });

  it("says COUNTERFEIT for the same fields signed by another key, and exits 5", async function () {
    const { code } = parseDigitalLink(uris[2]!);
    const digest = new ItemDigester(registryDomain(svc.ctx.deployment.chainId, svc.ctx.deployment.productRegistry.address)).digest(code);
    const forged = buildDigitalLink({ base: "https://id.example.com", code, signature: encodeSignature(signDigest(digest, generatePrivateKey())) });
    const run = await verify(forged);
    expect(run.code, show(run)).to.equal(5);
    expect(run.stdout).to.match(/^✘ COUNTERFEIT/);
    expect(run.stdout).to.include("SIGNER_NOT_REGISTERED");
  });

  it("says REVOKED right after a recall, read through --rpc", async function () {
    const serial = parseDigitalLink(uris[3]!).code.serial;
    await svc.api("POST", `/api/v1/batches/${batchId}/items/${serial}/status`, { key: brand.apiKey, body: { status: "recalled" } });
    const run = await verify(uris[3]!, "--rpc", bridge.url);
    expect(run.code, show(run)).to.equal(5);
    expect(run.stdout).to.match(/^⊘ REVOKED/);
    expect(run.stdout).to.include("ITEM_RECALLED");
  });

  it("names the problem for text that is no label, and for an image without a QR code", async function () {
    const text = await verify("hello");
    expect(text.code, show(text)).to.equal(5);
    expect(text.stdout).to.include("UNPARSEABLE_CODE");
    const blank = path.join(dir, "blank.txt");
    await writeFile(blank, "not an image");
    const run = await verify(blank);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/is not a PNG image/);
  });

  it("says UNVERIFIED when the chain cannot be reached, and does not guess", async function () {
    const run = await verify(uris[0]!, "--rpc", "http://127.0.0.1:9");
    expect(run.code, show(run)).to.equal(5);
    expect(run.stdout).to.match(/^\? UNVERIFIED/);
    expect(run.stdout).to.include("CHAIN_UNREACHABLE");
  });
});
