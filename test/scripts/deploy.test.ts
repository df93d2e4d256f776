import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPublicClient, http } from "viem";
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
});
