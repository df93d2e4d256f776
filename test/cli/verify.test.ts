import { expect } from "chai";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { encode as encodeJpeg } from "jpeg-js";
import { PNG } from "pngjs";
import { getAddress, type Address, type Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";
import { ItemDigester, registryDomain } from "../../core/eip712.ts";
import { buildDigitalLink, parseDigitalLink } from "../../core/gs1/index.ts";
import { brandIdOf } from "../../core/ids.ts";
import { countryBytes } from "../../core/iso3166.ts";
import { encodeSignature, signDigest } from "../../core/signature.ts";
import { rootFromDeployment, type TrustRoot } from "../../core/trust-roots.ts";
import { buildBatch } from "../helpers/registry.ts";
import { startRpcBridge } from "../helpers/rpc-bridge.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { unzip } from "../helpers/zip.ts";
import { startHttpProxy, type HttpProxy } from "./http-proxy.ts";
import { runCli, show, type RunCliParameters } from "./run-cli.ts";

type Bridge = Awaited<ReturnType<typeof startRpcBridge>>;

const BRAND = "Acme";
const LABEL_BASE = "https://id.example.com";

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("veritrace verify (CLI)", function () {
  let svc: TestService;
  let bridge: Bridge;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let batchId: Hex;
  let batchTransaction: Hex;
  let uris: string[];
  let dir: string;
  /** The service's deployment as the one trust root, read through `bridge`. */
  let root: TrustRoot;
  let rootsFile: string;

  const writeRoots = async (name: string, document: unknown) => {
    const file = path.join(dir, name);
    await writeFile(file, JSON.stringify(document));
    return file;
  };

  before(async function () {
    svc = await startTestService();
    bridge = await startRpcBridge(svc.connection.provider);
    brand = await svc.newBrand(BRAND, { body: { country: "GB" } });
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "9506000134352", lot: "CLI1", expiry: "270228", quantity: 6 } });
    batchId = created.body.id;
    batchTransaction = (await svc.waitForBatch(brand.apiKey, batchId)).transactionHash;
    const csv = await fetch(`${svc.url}/api/v1/batches/${batchId}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    uris = (await csv.text()).trim().split(/\r?\n/).slice(1).map((row) => row.split(",").at(-1)!);
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-verify-"));
    root = rootFromDeployment(svc.ctx.deployment, { name: "Test consortium", rpcUrls: [bridge.url] });
    rootsFile = await writeRoots("roots.json", { version: 1, roots: [root] });
  });

  after(async function () {
    await bridge?.close();
    await svc?.close();
  });

  const verify = (args: string[], options: RunCliParameters = {}) => runCli(["verify", ...args], { url: svc.url, ...options });
  const verifyWithRoots = (...args: string[]) => verify([...args, "--roots", rootsFile]);

  it("says GENUINE for a printed label read from its PNG, with the brand's name and country, the GTIN's owner, the label host and the registration from the chain", async function () {
    const zip = await fetch(`${svc.url}/api/v1/batches/${batchId}/labels?format=png`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    const [first] = (await unzip(Buffer.from(await zip.arrayBuffer()))).values();
    const file = path.join(dir, "label.png");
    await writeFile(file, first!);
    const run = await verifyWithRoots(file);
    expect(run.code, show(run)).to.equal(0);
    expect(run.stdout).to.match(/^✔ GENUINE\n/);
    expect(run.stdout).not.to.include("Warning");
    expect(run.stdout).to.include(`Brand      "Acme" (GB), brand id ${brand.brandId}`);
    expect(run.stdout).to.include(`GTIN owner "Acme" (GB), GS1 company prefix ${brand.prefixes[0]} (the signing brand)`);
    expect(run.stdout).to.include("GTIN 09506000134352");
    expect(run.stdout).to.include("Expiry     2027-02-28");
    expect(run.stdout).to.include('Label host id.example.com, registered for "Acme" (GB)');
    expect(run.stdout).to.match(new RegExp(`Registered +\\d{4}-\\d\\d-\\d\\dT.* in block \\d+ \\(transaction ${batchTransaction}\\)`));
    expect(run.stdout).to.include(`Trust root "Test consortium": chain ${root.chainId}, registry ${root.productRegistry}`);
    expect(run.stdout).to.include(`Read via   ${bridge.url} (the trust root's RPC)`);
    expect(run.stdout).to.match(/History +0 session\(s\), 0 scan\(s\); no clone pattern \(service's claim\)/);
  });

  it("gives the whole verdict as JSON with --json", async function () {
    const run = await verifyWithRoots(uris[1]!, "--json");
    expect(run.code, show(run)).to.equal(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.verdict).to.include({ verdict: "GENUINE", brandId: brand.brandId, itemStatus: "Active", batchStatus: "Active", labelHost: "id.example.com" });
    expect(doc.verdict.brand).to.deep.equal({ brandId: brand.brandId, name: "Acme", country: "GB" });
    expect(doc.verdict.gtinOwner).to.deep.equal({ brandId: brand.brandId, name: "Acme", country: "GB", prefix: brand.prefixes[0] });
    expect(doc.verdict.root).to.deep.equal({ name: "Test consortium", chainId: root.chainId, registry: root.productRegistry });
    expect(doc.verdict.signerRemovedAt).to.equal("0");
    expect(doc.root).to.deep.equal({ name: "Test consortium", chainId: root.chainId, registry: root.productRegistry, addedByUser: false });
    expect(doc.chain).to.deep.equal({ chainId: root.chainId, registry: root.productRegistry, rpcUrl: bridge.url, rpcSource: "trust root" });
    expect(doc.labelHostRegistered).to.equal(true);
    expect(doc.registration.transactionHash).to.equal(batchTransaction);
    expect(doc.service.announced).to.include({ chainId: root.chainId, registry: root.productRegistry, trusted: true });
    expect(doc.warnings).to.deep.equal([]);
  });

  it("says COUNTERFEIT for the same fields signed by another key, and exits 5", async function () {
    const { code } = parseDigitalLink(uris[2]!);
    const digest = new ItemDigester(registryDomain(root.chainId, root.productRegistry)).digest(code);
    const forged = buildDigitalLink({ base: LABEL_BASE, code, signature: encodeSignature(signDigest(digest, generatePrivateKey())) });
    const run = await verifyWithRoots(forged);
    expect(run.code, show(run)).to.equal(5);
    expect(run.stdout).to.match(/^✘ COUNTERFEIT/);
    expect(run.stdout).to.include("SIGNER_NOT_REGISTERED");
    expect(run.stdout, "a copy is attributed to the GTIN's owner").to.include(`GTIN owner "Acme" (GB), GS1 company prefix ${brand.prefixes[0]}`);
  });

  it("says REVOKED right after a recall, read through --rpc", async function () {
    const serial = parseDigitalLink(uris[3]!).code.serial;
    await svc.api("POST", `/api/v1/batches/${batchId}/items/${serial}/status`, { key: brand.apiKey, body: { status: "recalled" } });
    const run = await verifyWithRoots(uris[3]!, "--rpc", bridge.url);
    expect(run.code, show(run)).to.equal(5);
    expect(run.stdout).to.match(/^⊘ REVOKED/);
    expect(run.stdout).to.include("ITEM_RECALLED");
    expect(run.stdout).to.include(`Read via   ${bridge.url} (your --rpc)`);
  });

  it("says SUSPICIOUS for a genuine code on a label pointing to a host the brand did not register", async function () {
    const { code, signature } = parseDigitalLink(uris[4]!);
    const lookAlike = buildDigitalLink({ base: "https://id.examp1e.com", code, signature: signature! });
    const run = await verifyWithRoots(lookAlike);
    expect(run.code, show(run)).to.equal(5);
    expect(run.stdout).to.match(/^⚠ SUSPICIOUS/);
    expect(run.stdout).to.include("LABEL_HOST_NOT_REGISTERED");
    expect(run.stdout).to.include('Label host id.examp1e.com, NOT registered for "Acme" (GB)');
  });

  it("names the problem for text that is no label, and for an image without a QR code", async function () {
    const text = await verifyWithRoots("hello");
    expect(text.code, show(text)).to.equal(5);
    expect(text.stdout).to.include("UNPARSEABLE_CODE");
    const blank = path.join(dir, "blank.txt");
    await writeFile(blank, "not an image");
    const run = await verifyWithRoots(blank);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include(`error: ${blank} is not a PNG or JPEG image`);
  });

  it("reads a JPEG photo of a label: GENUINE, with the brand's name", async function () {
    const zip = await fetch(`${svc.url}/api/v1/batches/${batchId}/labels?format=png`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    const [first] = (await unzip(Buffer.from(await zip.arrayBuffer()))).values();
    const label = PNG.sync.read(first!);
    const file = path.join(dir, "photo.jpg");
    await writeFile(file, encodeJpeg({ width: label.width, height: label.height, data: label.data }, 85).data);
    const run = await verifyWithRoots(file);
    expect(run.code, show(run)).to.equal(0);
    expect(run.stdout).to.match(/^✔ GENUINE\n/);
    expect(run.stdout).to.include(`Brand      "Acme" (GB), brand id ${brand.brandId}`);
  });

  it("calls a missing image file a usage error naming it (exit 2), not a verdict", async function () {
    for (const missing of [path.join(dir, "no-such-label.png"), "photos/label.jpg", "label.JPEG"]) {
      const run = await verifyWithRoots(missing);
      expect(run.code, show(run)).to.equal(2);
      expect(run.stdout, missing).to.equal("");
      expect(run.stderr, missing).to.include(`error: no such file: ${missing} (give a label's URI, https://…, or a PNG or JPEG image of the label) (FILE_NOT_FOUND, field code)`);
    }
    // A folder where an image was meant cannot be read: a usage error too.
    const folder = await verifyWithRoots(dir);
    expect(folder.code, show(folder)).to.equal(2);
    expect(folder.stderr).to.include(`error: cannot read ${dir}: EISDIR`);
  });

  it("says UNVERIFIED when the chain cannot be reached, and does not guess", async function () {
    const run = await verifyWithRoots(uris[0]!, "--rpc", "http://127.0.0.1:9");
    expect(run.code, show(run)).to.equal(5);
    expect(run.stdout).to.match(/^\? UNVERIFIED/);
    expect(run.stdout).to.include("CHAIN_UNREACHABLE");
  });

  context("when the trust root names several RPCs", function () {
    it("reads through the first that answers", async function () {
      const several = await writeRoots("several-rpcs.json", { version: 1, roots: [{ ...root, rpcUrls: ["http://127.0.0.1:9", bridge.url] }] });
      const run = await verify([uris[5]!, "--roots", several]);
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.include(`Read via   ${bridge.url} (the trust root's RPC)`);
    });
  });

  context("when --rpc is a node of another chain", function () {
    let other: Awaited<ReturnType<typeof network.create>>;
    let otherBridge: Bridge;

    beforeEach(async function () {
      other = await network.create({ override: { chainId: 1337 } });
      otherBridge = await startRpcBridge(other.provider);
    });

    afterEach(async function () {
      await otherBridge?.close();
      await other?.close();
    });

    it("says UNVERIFIED with RPC_WRONG_CHAIN when that chain has a registry at the same address", async function () {
      // The same deployer's first transaction: the address a deployment script gives on every chain.
      const [deployer] = await other.ethers.getSigners();
      const copy = await other.ethers.deployContract("ProductRegistry", [deployer!.address, deployer!.address]);
      expect(getAddress(await copy.getAddress())).to.equal(root.productRegistry);
      const run = await verifyWithRoots(uris[0]!, "--rpc", otherBridge.url);
      expect(run.code, show(run)).to.equal(5);
      expect(run.stdout).to.match(/^\? UNVERIFIED/);
      expect(run.stdout).to.include("RPC_WRONG_CHAIN");
    });

    it("says UNVERIFIED with RPC_WRONG_CHAIN when that chain has no registry there", async function () {
      const run = await verifyWithRoots(uris[0]!, "--rpc", otherBridge.url);
      expect(run.code, show(run)).to.equal(5);
      expect(run.stdout).to.match(/^\? UNVERIFIED/);
      expect(run.stdout, show(run)).to.include("RPC_WRONG_CHAIN");
    });
  });

  context("when the service cannot be reached", function () {
    it("still checks against the trust roots alone: the brand from the chain, and no proof (NOT_IN_BATCH), said in a note", async function () {
      const run = await verify([uris[0]!, "--roots", rootsFile], { url: `http://127.0.0.1:${await closedPort()}` });
      expect(run.code, show(run)).to.equal(5);
      expect(run.stdout).to.match(/^✘ COUNTERFEIT/);
      expect(run.stdout).to.include(`Brand      "Acme" (GB), brand id ${brand.brandId}`);
      expect(run.stdout).to.include("NOT_IN_BATCH");
      expect(run.stdout).to.match(/Note: the service could not be reached .*checked against your trust roots alone/);
      expect(run.stdout).not.to.include("History");
    });
  });

  describe("the RPC the service announces", function () {
    let announced: HttpProxy;
    let bare: string;

    before(async function () {
      // A second way into the same chain that counts its requests: the service announces it.
      announced = await startHttpProxy(bridge.url);
      svc.ctx.verifierRpcUrl = announced.url;
      bare = await writeRoots("bare-roots.json", { version: 1, roots: [{ ...root, rpcUrls: [] }] });
    });

    after(async function () {
      svc.ctx.verifierRpcUrl = undefined;
      await announced?.close();
    });

    it("is not contacted by default: the trust root's RPC is read", async function () {
      const before = announced.requests;
      const run = await verifyWithRoots(uris[5]!);
      expect(run.code, show(run)).to.equal(0);
      expect(announced.requests).to.equal(before);
    });

    it("is not used without consent even when the root names no RPC: a usage error says how to give one", async function () {
      const before = announced.requests;
      const run = await verify([uris[5]!, "--roots", bare]);
      expect(run.code, show(run)).to.equal(2);
      expect(run.stderr).to.include("NO_RPC").and.to.include("--rpc <url>").and.to.include("--use-service-rpc");
      expect(announced.requests).to.equal(before);
    });

    it("is read with --use-service-rpc, and the output says so", async function () {
      const before = announced.requests;
      const run = await verify([uris[5]!, "--roots", bare, "--use-service-rpc"]);
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.match(/^✔ GENUINE/);
      expect(run.stdout).to.include(`Read via   ${announced.url} (the service's RPC, allowed by --use-service-rpc)`);
      expect(announced.requests).to.be.greaterThan(before);
    });

    it("cannot be combined with --rpc", async function () {
      const run = await verify([uris[5]!, "--roots", rootsFile, "--rpc", bridge.url, "--use-service-rpc"]);
      expect(run.code, show(run)).to.equal(2);
      expect(run.stderr).to.include("cannot be used with");
    });
  });

  describe("when the service lies about the deployment", function () {
    let fakeRegistry: Address;
    let forgedUri: string;
    let lying: HttpProxy;
    let announcedRpc: HttpProxy;

    before(async function () {
      const { ethers } = svc.connection;
      const accounts = await ethers.getSigners();
      const registrar = accounts[7]!;
      // A registry of the forger's own, with a brand of the same name, prefix and a signer of theirs.
      const fake = await ethers.deployContract("ProductRegistry", [registrar.address, registrar.address], registrar);
      fakeRegistry = getAddress(await fake.getAddress());
      const brandId = brandIdOf(BRAND);
      await (await fake.connect(registrar).admitBrand(BRAND, countryBytes("GB"), registrar.address, "")).wait();
      await (await fake.connect(registrar).assignPrefix(brandId, brand.prefixes[0]!)).wait();
      await (await fake.connect(registrar).addLabelDomain(brandId, "id.example.com")).wait();
      const forgerKey = generatePrivateKey();
      const forger = new ethers.Wallet(forgerKey, ethers.provider);
      await (await registrar.sendTransaction({ to: forger.address, value: 10n ** 18n })).wait();
      await (await fake.connect(registrar).addSigner(brandId, forger.address)).wait();

      // The very code of a genuine item (GTIN, lot, serial, expiry), anchored and signed for the fake registry.
      const genuine = parseDigitalLink(uris[0]!).code;
      const batch = buildBatch(brandId, [genuine.serial], genuine.lot, genuine.expiry);
      const anchored = await (await fake.connect(forger).registerBatch(BigInt(genuine.gtin), genuine.lot, genuine.expiry!, 1, batch.tree.root, "")).wait();
      const digest = new ItemDigester(registryDomain(root.chainId, fakeRegistry)).digest(batch.codes[0]!);
      forgedUri = buildDigitalLink({ base: LABEL_BASE, code: batch.codes[0]!, signature: encodeSignature(signDigest(digest, forgerKey)) });

      announcedRpc = await startHttpProxy(bridge.url);
      const forgedProof = {
        code: batch.codes[0],
        uri: forgedUri,
        brandId,
        batchId: batch.batchId,
        proof: batch.tree.proof(0),
        registry: { chainId: root.chainId, address: fakeRegistry },
        transactionHash: anchored!.hash,
        blockNumber: anchored!.blockNumber,
      };
      lying = await startHttpProxy(svc.url, ({ url }) => {
        if (url.pathname === "/api/v1/network") return { chainId: root.chainId, registry: fakeRegistry, rpcUrl: announcedRpc.url };
        if (url.pathname === "/api/v1/proof" && url.searchParams.get("code") === forgedUri) return forgedProof;
        return undefined;
      });
    });

    after(async function () {
      await lying?.close();
      await announcedRpc?.close();
    });

    const throughLiar = (...args: string[]) => runCli(["verify", ...args, "--roots", rootsFile], { url: lying.url });

    it("forged a label its own deployment calls GENUINE (the attack is real)", async function () {
      const forgersRoots = await writeRoots("forgers-roots.json", { version: 1, roots: [{ ...root, name: "Forger", productRegistry: fakeRegistry }] });
      const run = await runCli(["verify", forgedUri, "--roots", forgersRoots], { url: lying.url });
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.match(/^✔ GENUINE/);
    });

    it("never says GENUINE for the forged label: UNVERIFIED with UNTRUSTED_REGISTRY, and a warning about the announcement", async function () {
      const run = await throughLiar(forgedUri);
      expect(run.code, show(run)).to.equal(5);
      expect(run.stdout).not.to.include("GENUINE");
      expect(run.stdout).to.match(/^\? UNVERIFIED\nWarning: the service announced registry 0x[0-9a-fA-F]{40} on chain \d+, which is not one of your trust roots/);
      expect(run.stdout).to.include(fakeRegistry);
      expect(run.stdout).to.include("UNTRUSTED_REGISTRY");
      expect(run.stdout).to.include(`Trust root "Test consortium": chain ${root.chainId}, registry ${root.productRegistry}`);
    });

    it("says so in --json too", async function () {
      const run = await throughLiar(forgedUri, "--json");
      expect(run.code, show(run)).to.equal(5);
      const doc = JSON.parse(run.stdout);
      expect(doc.verdict.verdict).to.equal("UNVERIFIED");
      expect(doc.verdict.reasons.map((r: { code: string }) => r.code)).to.include("UNTRUSTED_REGISTRY");
      expect(doc.service.announced).to.include({ registry: fakeRegistry, trusted: false });
      expect(doc.chain.registry).to.equal(root.productRegistry);
      expect(doc.warnings).to.have.length(1);
    });

    it("still says GENUINE for a genuine label through the same service, with the warning", async function () {
      const run = await throughLiar(uris[0]!);
      expect(run.code, show(run)).to.equal(0);
      expect(run.stdout).to.match(/^✔ GENUINE\nWarning: the service announced registry/);
      expect(run.stdout).to.include(`Brand      "Acme" (GB), brand id ${brand.brandId}`);
    });

    it("never contacts the RPC the service announces, even with --use-service-rpc", async function () {
      const before = announcedRpc.requests;
      const plain = await throughLiar(forgedUri);
      expect(plain.stdout).not.to.include("GENUINE");
      const consenting = await throughLiar(forgedUri, "--use-service-rpc");
      expect(consenting.code, show(consenting)).to.equal(5);
      expect(consenting.stdout).not.to.include("GENUINE");
      expect(consenting.stdout).to.include("--use-service-rpc: the service's RPC");
      expect(announcedRpc.requests).to.equal(before);
    });
  });
});
