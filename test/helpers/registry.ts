/**
 * Fixtures for tests that need a deployed registry with one admitted brand and one active signer,
 * on Hardhat's in-process chain.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ItemMerkleTree } from "../../core/merkle.ts";
import { batchIdOf, brandIdOf, itemIdOf, leafOf } from "../../core/ids.ts";
import type { ItemCode } from "../../core/types.ts";
import type { ProductRegistry } from "../../types/typechain/index.ts";

type Ethers = Awaited<ReturnType<typeof import("hardhat").network.create>>["ethers"];

export const GTIN = "09506000134352";
export const LOT = "L2611";
export const EXPIRY = 270228;

export type RegistryFixture = {
  registry: ProductRegistry;
  governance: HardhatEthersSigner;
  registrar: HardhatEthersSigner;
  brandAdmin: HardhatEthersSigner;
  signer: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  brandId: `0x${string}`;
};

/** Deploys a registry, admits brand "Acme" and gives it one signer. */
export async function deployRegistryWithBrand(ethers: Ethers): Promise<RegistryFixture> {
  const [governance, registrar, brandAdmin, signer, stranger] = await ethers.getSigners();
  const registry = await ethers.deployContract("ProductRegistry", [governance!.address, registrar!.address]);
  const brandId = brandIdOf("Acme");
  await registry.connect(registrar).admitBrand(brandId, brandAdmin!.address, "ipfs://acme");
  await registry.connect(brandAdmin).addSigner(brandId, signer!.address);
  return {
    registry,
    governance: governance!,
    registrar: registrar!,
    brandAdmin: brandAdmin!,
    signer: signer!,
    stranger: stranger!,
    brandId,
  };
}

/** The item codes, leaves and tree of a batch of `serials`. */
export function buildBatch(brandId: `0x${string}`, serials: string[], lot = LOT, expiry = EXPIRY) {
  const codes: ItemCode[] = serials.map((serial) => ({ gtin: GTIN, lot, serial, expiry }));
  const batchId = batchIdOf(brandId, GTIN, lot);
  const leaves = codes.map((code) => leafOf(itemIdOf(batchId, code.serial), expiry));
  const tree = ItemMerkleTree.fromLeaves(leaves);
  return { codes, batchId, leaves, tree };
}

/** The registry's view of an item code: the typechain struct with the GTIN as a number. */
export const onChainCode = (code: ItemCode) => ({ ...code, gtin: BigInt(code.gtin), expiry: code.expiry ?? 0 });
