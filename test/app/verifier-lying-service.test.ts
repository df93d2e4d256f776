/**
 * The verifier page against a service that lies, in Chromium, on a real chain (anvil over HTTP). A proxy in
 * front of the honest service passes the page and its trust roots through unchanged (whoever hosts the page
 * chooses its roots) and lies in everything the API says: it announces a copy of the registry with a brand
 * of the same name, which has anchored a forged batch; it serves the forged batch's proofs; it offers a node
 * of its own. A shopper must never see GENUINE for the forged label, and must still see it for a genuine one.
 */
import { readFile } from "node:fs/promises";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { createPublicClient, createWalletClient, http, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { productRegistryAbi } from "../../core/abi/index.ts";
import { ItemDigester, registryDomain } from "../../core/eip712.ts";
import { buildDigitalLink } from "../../core/gs1/index.ts";
import { batchIdOf, brandIdOf, itemIdOf, leafOf } from "../../core/ids.ts";
import { ItemMerkleTree } from "../../core/merkle.ts";
import { encodeSignature, signDigest } from "../../core/signature.ts";
import { buildApp } from "../../scripts/build-app.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { startHttpStack, type HttpStack } from "../helpers/http-stack.ts";
import { decodeQrPng } from "../helpers/qr.ts";
import { unzip } from "../helpers/zip.ts";

const ROOT_DIR = path.resolve(import.meta.dirname, "..", "..");
const SCREENSHOT_DIR = path.join(ROOT_DIR, "test-output", "verifier");
/** anvil's published development keys #1 and #2: the attacker's deployer and signer. */
const ATTACKER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;
const FORGER_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a" as const;
const BRAND = "Acme Lying";
const LOT = "L-LIE-1";

type Proxy = { url: string; requests: string[]; close(): Promise<void> };

/** An HTTP proxy to `target` whose answers `rewrite` may replace (return undefined to pass one through). */
async function startProxy(target: string, rewrite: (req: IncomingMessage, body: Buffer) => Promise<unknown> | unknown): Promise<Proxy> {
  const requests: string[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    requests.push(`${req.method} ${req.url}`);
    const lie = await rewrite(req, body);
    if (lie !== undefined) {
      res.setHeader("content-type", "application/json");
      // A node answers pages of any origin, as anvil does.
      res.setHeader("access-control-allow-origin", "*");
      res.end(JSON.stringify(lie));
      return;
    }
    const upstream = request(new URL(req.url!, target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("verifier page behind a lying service (Chromium, real chain over HTTP)", function () {
  this.timeout(180_000);
  let stack: HttpStack;
  let browser: Browser;
  let service: Proxy;
  let lyingRpc: Proxy;
  let genuineUri: string;
  let forged: { uri: string; proof: Hex[]; registry: Address };
  let chainId: number;
  /** When set, the lying RPC reports this chain id. */
  let lyingChainId: number | undefined;

  before(async function () {
    await buildApp();
    stack = await startHttpStack();
    const brand = await stack.newBrand(BRAND);
    const batch = await stack.confirmedBatch(brand.apiKey, { gtin: "09506000134352", lot: LOT, quantity: 2 });
    const download = await stack.api("GET", `/api/v1/batches/${batch.id}/labels?format=png`, { key: brand.apiKey });
    genuineUri = decodeQrPng([...(await unzip(download.body)).values()][0]!);
    chainId = stack.ctx.deployment.chainId;

    // The attacker's copy of the registry on the same chain: a brand with the same name (so the same brand
    // id), the same GS1 prefix, its own signer, and a forged batch anchored under it.
    const transport = http(stack.rpcUrl);
    const chain = { id: chainId } as never;
    const attacker = createWalletClient({ account: privateKeyToAccount(ATTACKER_KEY), transport, chain });
    const forger = privateKeyToAccount(FORGER_KEY);
    const reader = createPublicClient({ transport });
    const { bytecode } = JSON.parse(await readFile(path.join(ROOT_DIR, "artifacts/contracts/ProductRegistry.sol/ProductRegistry.json"), "utf8")) as { bytecode: Hex };
    const deployed = await reader.waitForTransactionReceipt({
      hash: await attacker.deployContract({ abi: productRegistryAbi, bytecode, args: [attacker.account.address, attacker.account.address] }),
    });
    const fake = deployed.contractAddress!;
    const send = async (account: typeof attacker.account | typeof forger, functionName: string, args: readonly unknown[]) => {
      const wallet = createWalletClient({ account, transport, chain });
      await reader.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: fake, abi: productRegistryAbi, functionName, args } as never) });
    };
    const brandId = brandIdOf(BRAND);
    const code = { gtin: "09506000134352", lot: "L-FAKE", serial: "FAKE0001" };
    const tree = ItemMerkleTree.fromLeaves([leafOf(itemIdOf(batchIdOf(brandId, code.gtin, code.lot), code.serial), 0)]);
    await send(attacker.account, "admitBrand", [BRAND, "0x4742", attacker.account.address, ""]);
    await send(attacker.account, "assignPrefix", [brandId, "9506000"]);
    await send(attacker.account, "addSigner", [brandId, forger.address]);
    await send(forger, "registerBatch", [BigInt(code.gtin), code.lot, 0, 1, tree.root, ""]);

    // A node that forwards to the real chain, and lies about its chain id when told to.
    type Call = { id: unknown; method: string };
    const answer = async (call: Call) => {
      if (call.method === "eth_chainId") return { jsonrpc: "2.0", id: call.id, result: `0x${lyingChainId!.toString(16)}` };
      const res = await fetch(stack.rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(call) });
      return res.json();
    };
    lyingRpc = await startProxy(stack.rpcUrl, (_req, body) => {
      if (lyingChainId === undefined || body.length === 0) return undefined;
      const call = JSON.parse(body.toString("utf8")) as Call | Call[];
      // viem batches a page's reads into one request: answer each call of it.
      return Array.isArray(call) ? Promise.all(call.map(answer)) : answer(call);
    });

    // The lying service: its labels point to itself, it announces the attacker's registry and node, and
    // serves the forged batch's proof.
    service = await startProxy(stack.url, (req) => {
      const url = new URL(req.url!, "http://proxy");
      if (url.pathname === "/api/v1/network") return { chainId, registry: fake, registryBlock: 0, rpcUrl: lyingRpc.url };
      if (url.pathname === "/api/v1/proof" && (url.searchParams.get("code") ?? "").includes(code.serial)) {
        return { code, proof: tree.proof(0), transactionHash: `0x${"ab".repeat(32)}`, blockNumber: 1 };
      }
      return undefined;
    });
    // The look-alike's own record lists its own site as the brand's label host.
    await send(attacker.account, "addLabelDomain", [brandId, new URL(service.url).host]);
    const digest = new ItemDigester(registryDomain(chainId, fake)).digest(code);
    forged = {
      uri: buildDigitalLink({ base: service.url, code, signature: encodeSignature(signDigest(digest, FORGER_KEY)) }),
      proof: tree.proof(0),
      registry: fake,
    };
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
    await service?.close();
    await lyingRpc?.close();
    await stack?.close();
  });

  const open = async (uri: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${service.url}/verify?code=${encodeURIComponent(uri)}`);
    await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    return page;
  };
  const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? "").replace(/\s+/g, " ").trim();
  /** The value shown for a term of the result card's facts. */
  const fact = (page: Page, term: string) =>
    page.locator("#verdict-facts dt", { hasText: term }).evaluate((dt) => (dt.nextElementSibling?.textContent ?? "").replace(/\s+/g, " ").trim());
  const reasonCodes = (page: Page) => page.locator("#verdict-reasons li").evaluateAll((items) => items.map((li) => li.getAttribute("data-code")));

  it("never shows GENUINE for a label of the announced copy of the registry, and says the site is not trusted", async function () {
    const page = await open(forged.uri);
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("UNVERIFIED");
    expect(await reasonCodes(page)).to.deep.equal(["UNTRUSTED_REGISTRY"]);
    expect(await text(page, "#verdict-summary")).to.contain("not one this verifier trusts");
    expect(await text(page, "#untrusted-site")).to.contain("never against the website's record").and.not.to.contain(forged.registry);
    expect(await fact(page, "Record this website points to")).to.contain(forged.registry);
    // Checked against the page's own root, the service's deployment, through the root's node.
    expect(await text(page, "#checked-against")).to.contain(stack.ctx.deployment.productRegistry.address).and.to.contain(stack.rpcUrl);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "lying-service-forged.png"), fullPage: true });
    await page.context().close();
  });

  it("still shows a genuine label GENUINE behind the same lying service, with the brand's name from the chain", async function () {
    const page = await open(genuineUri);
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("GENUINE");
    expect(await fact(page, "Signed by brand")).to.equal(BRAND);
    expect(await fact(page, "Product number owner")).to.equal(`${BRAND}, GS1 company prefix 9506000`);
    expect(await fact(page, "Label link")).to.equal(`${new URL(stack.url).host} — registered for this brand`);
    // The transaction is the chain's BatchRegistered event, not the made-up one the service could send.
    const stored = (await stack.ctx.store.listBatches((await stack.ctx.store.listOrganisations()).find((o) => o.name === BRAND)!.id))[0]!;
    // In the details, folded: there once the page has read the chain's own event.
    await page.locator(".registration", { hasText: stored.transactionHash! }).waitFor({ state: "attached" });
    expect(await page.locator("#untrusted-site").isVisible()).to.equal(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "lying-service-genuine.png"), fullPage: true });
    await page.context().close();
  });

  it("never reads the chain through the node the service offers, unless the user agrees", async function () {
    lyingRpc.requests.length = 0;
    const page = await open(genuineUri);
    expect(lyingRpc.requests).to.deep.equal([]);
    // The service's own verdict is never asked for, nor its word on the brand's name.
    expect(service.requests.some((r) => r.includes("/api/v1/verify?"))).to.equal(false);
    await page.context().close();
  });

  it("is UNVERIFIED with RPC_WRONG_CHAIN when the node the user chose answers for another chain", async function () {
    lyingChainId = 1;
    try {
      const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
      await page.goto(`${service.url}/verify`);
      await page.locator("#settings > summary").click();
      await page.getByLabel("Your own RPC URL").fill(lyingRpc.url);
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByLabel("Or paste the link from the label").fill(genuineUri);
      await page.getByRole("button", { name: "Check link" }).click();
      await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
      expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("UNVERIFIED");
      expect(await reasonCodes(page)).to.deep.equal(["RPC_WRONG_CHAIN"]);
      expect(lyingRpc.requests.length).to.be.greaterThan(0);
      await page.context().close();
    } finally {
      lyingChainId = undefined;
    }
  });

  it("believes a deployment only once the user adds it by hand, and then says so on every answer", async function () {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await page.goto(`${service.url}/verify`);
    await page.locator("#settings > summary").click();
    await page.locator("#add-root > summary").click();
    expect(await text(page, "#add-root .warning")).to.contain("A wrong one lets a counterfeiter's own record make fakes look genuine");
    // A malformed entry is refused, naming what is wrong, and nothing is added.
    await page.getByLabel("Who runs it").fill("Someone");
    await page.getByLabel("Chain id").fill(String(chainId));
    await page.getByLabel("ProductRegistry address").fill("0x1234");
    await page.getByRole("button", { name: "Trust this deployment" }).click();
    expect(await text(page, "#root-error")).to.contain("productRegistry is not an address");
    await page.getByLabel("ProductRegistry address").fill(forged.registry);
    await page.getByLabel("RPC URL", { exact: true }).fill(stack.rpcUrl);
    await page.getByRole("button", { name: "Trust this deployment" }).click();
    await page.locator("#notice", { hasText: "a deployment you added by hand" }).waitFor();
    await page.goto(`${service.url}/verify?code=${encodeURIComponent(forged.uri)}`);
    await page.locator("#result").waitFor({ state: "visible", timeout: 30_000 });
    expect(await page.locator("#result").getAttribute("data-verdict")).to.equal("GENUINE");
    const checked = await text(page, "#checked-against");
    expect(checked).to.contain("a deployment you added by hand");
    expect(checked.toLowerCase()).to.contain(forged.registry.toLowerCase());
    expect(await page.locator("#untrusted-site").isVisible()).to.equal(false);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "lying-service-hand-added-root.png"), fullPage: true });
    await page.context().close();
  });
});
