/**
 * Gas of anchoring a batch with `registerBatch` at 100, 10,000 and 1,000,000 items (real trees over real
 * leaves), the check that the GTIN is in one of the brand's GS1 company prefixes included, against the per-item-storage baseline registering 100 items; and of declaring a shipment of 10
 * and 100,000 items; and of asking `isLicensed` about a sub-licence at depth 1 and 5.
 */
import { network } from "hardhat";
import { hexToBytes, type Hex } from "viem";
import { batchIdOf, brandIdOf, itemIdBytes, itemIdOf, leafBytes } from "../../core/ids.ts";
import { shipmentTree } from "../../core/shipment-ids.ts";
import { licenceIdOf, platformIdOf } from "../../core/licence-ids.ts";
import { ItemMerkleTree } from "../../core/merkle.ts";
import { countryBytes } from "../../core/iso3166.ts";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BenchResult } from "./results.ts";
import { BASELINE_REF, baselineTree } from "./baseline.ts";

const GTIN = "09506000134352";
/** The brand's GS1 company prefix: `GTIN` is in it. */
const PREFIX = "9506000";
const EXPIRY = 271231;

function batchTree(brandId: Hex, lot: string, count: number) {
  const batchId = hexToBytes(batchIdOf(brandId, GTIN, lot));
  const itemIds: Uint8Array[] = [];
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const itemId = itemIdBytes(batchId, `S${i.toString().padStart(7, "0")}`);
    itemIds.push(itemId);
    leaves.push(leafBytes(itemId, EXPIRY));
  }
  return { itemIds, tree: ItemMerkleTree.fromLeaves(leaves) };
}

export async function benchRegistryGas(): Promise<BenchResult[]> {
  const { ethers } = await network.create();
  const [governance, admin, signer] = await ethers.getSigners();
  const registry = await ethers.deployContract("ProductRegistry", [governance!.address, governance!.address]);
  const brandId = brandIdOf("Bench brand");
  await registry.admitBrand("Bench brand", countryBytes("GB"), admin!.address, "");
  await registry.assignPrefix(brandId, PREFIX);
  await registry.connect(admin).addSigner(brandId, signer!.address);
  const baselineRegistry = await ethers.deployContract("PerItemRegistry");

  const results: BenchResult[] = [];
  // The per-item baseline: one storage slot per item, 100 items.
  const baselineItems = batchTree(brandId, "BASE0001", 100).itemIds.map((id) => ethers.hexlify(id));
  const baselineTx = await baselineRegistry.registerItems(ethers.id("baseline batch"), baselineItems);
  const baselineGas = Number((await baselineTx.wait())!.gasUsed);
  const baselinePerItem = Math.round(baselineGas / 100);

  for (const count of [100, 10_000, 1_000_000]) {
    // Same lot length for every size, so calldata is the same and only the item count differs.
    const lot = `LOT${count.toString().padStart(7, "0")}`;
    const { tree } = batchTree(brandId, lot, count);
    const tx = await registry.connect(signer).registerBatch(BigInt(GTIN), lot, EXPIRY, count, tree.root, "ipfs://bench");
    const gas = Number((await tx.wait())!.gasUsed);
    results.push({
      name: `registerBatch gas, ${count.toLocaleString("en")} items`,
      value: gas,
      unit: "gas",
      target: "<= 100,000 gas per batch",
      baseline: { name: "per-item storage, 100 items", value: baselineGas, unit: "gas" },
    });
    results.push({
      name: `registerBatch gas per item, ${count.toLocaleString("en")} items`,
      value: Math.round((gas / count) * 100) / 100,
      unit: "gas/item",
      ...(count === 10_000 ? { target: "<= 10 gas/item" } : {}),
      baseline: { name: "per-item storage", value: baselinePerItem, unit: "gas/item" },
    });
  }
  results.push(...(await protocol1Comparison(ethers, registry as unknown, signer!, brandId)));
  results.push(...(await declareShipmentGas(ethers, governance!, signer!)));
  results.push(...(await isLicensedGas(ethers)));
  return results;
}

/**
 * `registerBatch` with the GS1 prefix check against the same call on the registry before it (protocol 1,
 * built from `baseline.ts`), in this run: what the check costs. A second brand holding prefixes of two other
 * lengths under the same first four digits shows the lookup's cost when more than one length is in use there.
 */
async function protocol1Comparison(
  ethers: Awaited<ReturnType<typeof network.create>>["ethers"],
  registry: unknown,
  signer: Awaited<ReturnType<Awaited<ReturnType<typeof network.create>>["ethers"]["getSigners"]>>[number],
  brandId: Hex,
): Promise<BenchResult[]> {
  const [governance, admin, oldSigner, otherAdmin] = await ethers.getSigners();
  const tree = await baselineTree();
  const artifact = JSON.parse(await readFile(path.join(tree, "artifacts/contracts/ProductRegistry.sol/ProductRegistry.json"), "utf8")) as { abi: []; bytecode: string };
  const old = (await new ethers.ContractFactory(artifact.abi, artifact.bytecode, governance).deploy(governance!.address, governance!.address)) as unknown as {
    connect(account: unknown): { registerBatch(...args: unknown[]): Promise<{ wait(): Promise<{ gasUsed: bigint }> }>; addSigner(...args: unknown[]): Promise<unknown> };
    admitBrand(...args: unknown[]): Promise<unknown>;
  };
  await old.admitBrand(brandId, admin!.address, "");
  await old.connect(admin).addSigner(brandId, oldSigner!.address);
  const results: BenchResult[] = [];
  const anchor = async (target: { connect(a: unknown): { registerBatch(...args: unknown[]): Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }> } }, account: unknown, lot: string) =>
    Number((await (await target.connect(account).registerBatch(BigInt(GTIN), lot, EXPIRY, 10_000, ethers.id(lot), "ipfs://bench")).wait())!.gasUsed);
  const before = await anchor(old as never, oldSigner, "CMP0000001");
  const now = await anchor(registry as never, signer, "CMP0000001");
  results.push({
    name: "registerBatch gas with the GS1 prefix check, 10,000 items",
    value: now,
    unit: "gas",
    target: "<= 100,000 gas",
    baseline: { name: `protocol 1 registry (${BASELINE_REF}), no prefix check`, value: before, unit: "gas" },
  });
  // Other prefixes under the same head (950 6…): 95061 (5 digits) and 950650000 (9 digits), held by another brand.
  const other = brandIdOf("Bench rival");
  await (registry as never as { admitBrand(...a: unknown[]): Promise<unknown> }).admitBrand("Bench rival", "0x0000", otherAdmin!.address, "");
  await (registry as never as { assignPrefix(...a: unknown[]): Promise<unknown> }).assignPrefix(other, "95061");
  await (registry as never as { assignPrefix(...a: unknown[]): Promise<unknown> }).assignPrefix(other, "950650000");
  results.push({
    name: "registerBatch gas with the GS1 prefix check, 10,000 items, three prefix lengths in use under the GTIN's first four digits",
    value: await anchor(registry as never, signer, "CMP0000002"),
    unit: "gas",
    target: "<= 100,000 gas",
    baseline: { name: `protocol 1 registry (${BASELINE_REF}), no prefix check`, value: before, unit: "gas" },
  });
  return results;
}

/** Gas of `declareShipment` at 10 and 100,000 items: the root is all the chain sees, so the same by design. */
async function declareShipmentGas(
  ethers: Awaited<ReturnType<typeof network.create>>["ethers"],
  registrar: Awaited<ReturnType<Awaited<ReturnType<typeof network.create>>["ethers"]["getSigners"]>>[number],
  shipper: typeof registrar,
): Promise<BenchResult[]> {
  const registry = await ethers.deployContract("ShipmentRegistry", [registrar.address, registrar.address]);
  await registry.admitParty(shipper.address, 1, "0x434e", "Bench shipper");
  const brandId = brandIdOf("Bench brand");
  const results: BenchResult[] = [];
  for (const count of [10, 100_000]) {
    const batchId = batchIdOf(brandId, GTIN, "SHIPMENT");
    const itemIds = Array.from({ length: count }, (_, i) => itemIdOf(batchId, `S${i.toString().padStart(7, "0")}`));
    // Same waybill length for every size, so calldata differs only in the count and the root.
    const waybill = `WB${count.toString().padStart(7, "0")}`;
    const tx = await registry.connect(shipper).declareShipment(waybill, registrar.address, "0x434e", "0x4e4c", count, shipmentTree(itemIds).root);
    results.push({ name: `declareShipment gas, ${count.toLocaleString("en")} items`, value: Number((await tx.wait())!.gasUsed), unit: "gas", target: "the same for any item count" });
  }
  return results;
}

/**
 * Gas of `isLicensed` for a licensee whose licence sits at depth 1 (a root licence) and 5 (four ancestors),
 * asked about a covered platform, territory and time: the valid path reads every ancestor's revocation, so it
 * is the dearest. Measured as `eth_estimateGas` of the view sent as a transaction (cold storage, 21,000 base
 * and calldata included): what a platform's contract asking once would pay, plus the base.
 */
async function isLicensedGas(ethers: Awaited<ReturnType<typeof network.create>>["ethers"]): Promise<BenchResult[]> {
  const signers = await ethers.getSigners();
  const [registrar, owner, platform] = signers;
  const registry = await ethers.deployContract("LicenceRegistry", [registrar!.address, registrar!.address]);
  await registry.admitRightsHolder(owner!.address, "Bench studio");
  await registry.admitPlatform("Bench platform", platform!.address);
  const platformId = platformIdOf("Bench platform");
  const workId = ethers.sha256(ethers.toUtf8Bytes("bench work")) as `0x${string}`;
  await registry.connect(owner).registerWork(workId, 0, "");
  const territories = ["FR", "DE", "US", "JP", "BR"].map(countryBytes);
  const start = 1_900_000_000;
  const end = 2_000_000_000;
  const holders = signers.slice(3, 8);
  for (let depth = 1; depth <= 5; depth++) {
    await registry.connect(depth === 1 ? owner : holders[depth - 2]).grantLicence({
      workId,
      parentId: depth === 1 ? ethers.ZeroHash : licenceIdOf(workId, depth - 1),
      licensee: holders[depth - 1]!.address,
      start,
      end,
      sublicensable: true,
      worldwide: false,
      platformIds: [platformId],
      territories,
    });
  }
  const results: BenchResult[] = [];
  for (const depth of [1, 5]) {
    const args = [workId, holders[depth - 1]!.address, platformId, countryBytes("US"), start + 1] as const;
    const [licensed] = await registry.isLicensed(...args);
    if (!licensed) throw new Error(`isLicensed bench: the depth-${depth} licensee is not licensed`);
    const gas = Number(await registry.isLicensed.estimateGas(...args));
    results.push({
      name: `isLicensed gas, sub-licence depth ${depth} (as a transaction, 21,000 base included)`,
      value: gas,
      unit: "gas",
      target: "reasonable for a view a platform calls before publishing",
    });
  }
  return results;
}
