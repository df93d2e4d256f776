/**
 * The CLI as a program: `npm pack` bundles it (prepack → scripts/build-cli.ts) into plain JavaScript that
 * runs from the unpacked package, with no node_modules around it, under the oldest Node it targets.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import { rootFromDeployment } from "../../core/trust-roots.ts";
import { runCli, show, type RunCliParameters } from "../cli/run-cli.ts";
import { startRpcBridge } from "../helpers/rpc-bridge.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);

/** A Node older than 22 on this machine (the bundle targets 20), else this one. */
async function oldestNode(): Promise<{ node: string; version: string }> {
  const { stdout } = await run("sh", ["-c", "which -a node; true"]);
  const candidates = [...new Set([...stdout.split("\n").filter(Boolean), "/usr/bin/node"])];
  const found: { node: string; version: string }[] = [];
  for (const node of candidates) {
    const version = await run(node, ["--version"]).then((r) => r.stdout.trim(), () => undefined);
    if (version) found.push({ node, version });
  }
  const major = (v: string) => Number(v.replace(/^v/, "").split(".")[0]);
  return found.sort((a, b) => major(a.version) - major(b.version))[0] ?? { node: process.execPath, version: process.version };
}

describe("scripts/build-cli (the packed veritrace command)", function () {
  this.timeout(180_000);
  let packageDir: string;
  let node: { node: string; version: string };
  let svc: TestService;
  let bridge: Awaited<ReturnType<typeof startRpcBridge>>;

  before(async function () {
    const out = await mkdtemp(path.join(os.tmpdir(), "veritrace-pack-"));
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", out], { cwd: ROOT });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    expect(packed!.files.map((f) => f.path).sort()).to.include.members(["bin/veritrace.js", "package.json"]);
    await run("tar", ["-xzf", path.join(out, packed!.filename), "-C", out]);
    packageDir = path.join(out, "package");
    node = await oldestNode();
    svc = await startTestService();
    bridge = await startRpcBridge(svc.connection.provider);
  });

  after(async function () {
    await bridge?.close();
    await svc?.close();
  });

  const veritrace = (args: string[], options: RunCliParameters = {}) =>
    runCli(args, { cwd: packageDir, ...options, program: { node: node.node, script: path.join(packageDir, "bin", "veritrace.js") } });

  it("declares the bundle as its bin, a plain JS file", async function () {
    const manifest = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8"));
    expect(manifest.bin).to.deep.equal({ veritrace: "bin/veritrace.js" });
    const bundle = await readFile(path.join(packageDir, "bin", "veritrace.js"), "utf8");
    expect(bundle.startsWith("#!/usr/bin/env node\n")).to.equal(true);
  });

  it(`prints its help and version under the machine's oldest Node`, async function () {
    console.log(`      Node: ${node.node} ${node.version}`);
    const help = await veritrace(["--help"]);
    expect(help.code, show(help)).to.equal(0);
    expect(help.stdout).to.match(/^Usage: veritrace \[options\] \[command\]/);
    expect(help.stdout).to.include("verify");
    const version = await veritrace(["--version"]);
    expect(version.stdout.trim()).to.equal(JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")).version);
  });

  it("verifies a label against the chain from the packed bundle: GENUINE with the brand's name", async function () {
    const brand = await svc.newBrand("Packed Co", { body: { country: "DE" } });
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "9506000134352", lot: "PACK1", quantity: 1 } });
    await svc.waitForBatch(brand.apiKey, created.body.id);
    const csv = await fetch(`${svc.url}/api/v1/batches/${created.body.id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    const uri = (await csv.text()).trim().split(/\r?\n/)[1]!.split(",").at(-1)!;
    const roots = path.join(packageDir, "roots.json");
    await writeFile(roots, JSON.stringify({ version: 1, roots: [rootFromDeployment(svc.ctx.deployment, { name: "Test consortium", rpcUrls: [bridge.url] })] }));
    const verified = await veritrace(["verify", uri, "--roots", roots], { url: svc.url });
    expect(verified.code, show(verified)).to.equal(0);
    expect(verified.stdout).to.match(/^✔ GENUINE\n/);
    expect(verified.stdout).to.include(`Brand      "Packed Co" (DE), brand id ${brand.brandId}`);

    const missing = await veritrace(["verify", "label.png", "--roots", roots], { url: svc.url });
    expect(missing.code, show(missing)).to.equal(2);
    expect(missing.stderr).to.include("error: no such file: label.png");
  });
});
