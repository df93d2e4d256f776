import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { createPublicClient, http, keccak256, toHex, type Address } from "viem";
import { productRegistryAbi } from "../../core/abi/index.ts";
import { ensureDeployment } from "../../scripts/deploy.ts";
import { ANVIL_DEV_KEY, startLocalChain, type LocalChain } from "../../scripts/local-chain.ts";
import { freePort } from "../../scripts/free-port.ts";

describe("scripts/deploy ensureDeployment", function () {
  let dir: string;
  let chain: LocalChain;

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-deploy-"));
    chain = await startLocalChain({ dataDir: dir, port: await freePort() });
  });

  after(async function () {
    await chain?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const code = (address: `0x${string}`) => createPublicClient({ transport: http(chain.rpcUrl) }).getCode({ address });

  it("deploys the three registries once, then reuses the record", async function () {
    const first = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir: dir });
    expect(first.fresh).to.equal(true);
    expect(await code(first.deployment.productRegistry.address)).to.match(/^0x[0-9a-f]{100,}/);
    expect(await code(first.deployment.shipmentRegistry!.address)).to.match(/^0x[0-9a-f]{100,}/);
    expect(await code(first.deployment.licenceRegistry!.address)).to.match(/^0x[0-9a-f]{100,}/);
    const again = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir: dir });
    expect(again.fresh).to.equal(false);
    expect(again.deployment).to.deep.equal(first.deployment);
  });

  it("adds the shipment registry to a record written before it existed, keeping the product registry", async function () {
    const { file, deployment } = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir: dir });
    const { shipmentRegistry: _dropped, ...older } = deployment;
    await writeFile(file, JSON.stringify(older));
    const upgraded = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir: dir });
    expect(upgraded.deployment.productRegistry).to.deep.equal(deployment.productRegistry);
    expect(upgraded.deployment.shipmentRegistry!.address).not.to.equal(deployment.shipmentRegistry!.address);
    expect(JSON.parse(await readFile(file, "utf8")).shipmentRegistry.address).to.equal(upgraded.deployment.shipmentRegistry!.address);
  });

  it("adds the licence registry (and the shipment registry) to a record written before content licences", async function () {
    const { file, deployment } = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir: dir });
    const { licenceRegistry: _licences, ...beforeLicences } = deployment;
    await writeFile(file, JSON.stringify(beforeLicences));
    const upgraded = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir: dir });
    expect(upgraded.fresh).to.equal(true);
    expect(upgraded.deployment.shipmentRegistry).to.deep.equal(deployment.shipmentRegistry);
    expect(upgraded.deployment.licenceRegistry!.address).not.to.equal(deployment.licenceRegistry!.address);
    expect(await code(upgraded.deployment.licenceRegistry!.address)).to.match(/^0x[0-9a-f]{100,}/);
    expect(JSON.parse(await readFile(file, "utf8")).licenceRegistry.address).to.equal(upgraded.deployment.licenceRegistry!.address);

    const { licenceRegistry: _l, shipmentRegistry: _s, ...beforeBoth } = upgraded.deployment;
    await writeFile(file, JSON.stringify(beforeBoth));
    const both = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir: dir });
    expect(both.deployment.productRegistry).to.deep.equal(deployment.productRegistry);
    expect(await code(both.deployment.shipmentRegistry!.address)).to.match(/^0x[0-9a-f]{100,}/);
    expect(await code(both.deployment.licenceRegistry!.address)).to.match(/^0x[0-9a-f]{100,}/);
  });

  const hasRole = (registry: Address, role: `0x${string}`, account: Address) =>
    createPublicClient({ transport: http(chain.rpcUrl) }).readContract({ address: registry, abi: productRegistryAbi, functionName: "hasRole", args: [role, account] });
  const DEFAULT_ADMIN_ROLE = `0x${"00".repeat(32)}` as const;
  const REGISTRAR_ROLE = keccak256(toHex("REGISTRAR_ROLE"));

  it("deploys through Ignition with governance and registrar as module parameters, journaling in the data folder", async function () {
    const governance = "0x00000000000000000000000000000000000000aa" as Address;
    const registrar = "0x00000000000000000000000000000000000000bb" as Address;
    const own = await mkdtemp(path.join(os.tmpdir(), "veritrace-deploy-roles-"));
    try {
      const { deployment } = await ensureDeployment({ rpcUrl: chain.rpcUrl, deployerKey: ANVIL_DEV_KEY, dataDir: own, governance, registrar });
      expect(await hasRole(deployment.productRegistry.address, DEFAULT_ADMIN_ROLE, governance)).to.equal(true);
      expect(await hasRole(deployment.productRegistry.address, REGISTRAR_ROLE, registrar)).to.equal(true);
      expect(await hasRole(deployment.productRegistry.address, REGISTRAR_ROLE, governance)).to.equal(false);
      const journal = path.join(own, "ignition", `chain-${deployment.chainId}`, "journal.jsonl");
      expect(existsSync(journal), journal).to.equal(true);
      const futures = (await readFile(journal, "utf8")).split("\n").filter((line) => line.includes("DEPLOYMENT_EXECUTION_STATE_COMPLETE"));
      expect(futures.map((line) => JSON.parse(line).futureId).sort()).to.deep.equal([
        "LicenceRegistry#LicenceRegistry",
        "ProductRegistry#ProductRegistry",
        "ShipmentRegistry#ShipmentRegistry",
      ]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it("deploys with the documented operator command: hardhat ignition deploy on the consortium network", async function () {
    const own = await mkdtemp(path.join(os.tmpdir(), "veritrace-ignition-cli-"));
    try {
      const registrar = "0x00000000000000000000000000000000000000cc" as Address;
      const parameters = path.join(own, "params.json");
      await writeFile(parameters, JSON.stringify({ $global: { registrar } }));
      const root = path.resolve(import.meta.dirname, "../..");
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.join(root, "node_modules/hardhat/dist/src/cli.js"), "ignition", "deploy", "ignition/modules/Veritrace.ts", "--network", "consortium", "--parameters", parameters, "--deployment-id", `cli-${path.basename(own)}`],
        { cwd: root, env: { ...process.env, VERITRACE_RPC_URL: chain.rpcUrl, VERITRACE_DEPLOYER_KEY: ANVIL_DEV_KEY }, timeout: 60_000 },
      );
      const address = /ProductRegistry#ProductRegistry - (0x[0-9a-fA-F]{40})/.exec(stdout)?.[1] as Address | undefined;
      expect(address, stdout).to.match(/^0x/);
      expect(await hasRole(address!, REGISTRAR_ROLE, registrar)).to.equal(true);
    } finally {
      await rm(own, { recursive: true, force: true });
      await rm(path.resolve(import.meta.dirname, "../../ignition/deployments", `cli-${path.basename(own)}`), { recursive: true, force: true });
    }
  });
});
