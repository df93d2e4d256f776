/**
 * Fixtures for tests that need a deployed registry with one admitted brand (holding the GS1 company prefix of
 * the fixture's GTIN and one label host) and one active signer, on Hardhat's in-process chain.
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
/** The brand's name, as admitted; its id is `brandIdOf(BRAND_NAME)`. */
export const BRAND_NAME = "Acme";
/** Where the brand is established: "GB" as bytes2. */
export const BRAND_COUNTRY = "0x4742";
/** The GS1 company prefix the registrar assigns the brand: `GTIN` is in it (digits 2 to 8). */
export const PREFIX = "9506000";
/** The host the brand's labels point to. */
export const LABEL_HOST = "id.example.com";

export type RegistryFixture = {
  registry: ProductRegistry;
  governance: HardhatEthersSigner;
  registrar: HardhatEthersSigner;
  brandAdmin: HardhatEthersSigner;
  signer: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  brandId: `0x${string}`;
  prefix: string;
  labelHost: string;
};

/**
 * Deploys a registry, admits brand "Acme" (GB), assigns it the prefix of `GTIN` and the label host
 * `LABEL_HOST`, and gives it one signer.
 */
export async function deployRegistryWithBrand(ethers: Ethers): Promise<RegistryFixture> {
  const [governance, registrar, brandAdmin, signer, stranger] = await ethers.getSigners();
  const registry = await ethers.deployContract("ProductRegistry", [governance!.address, registrar!.address]);
  const brandId = brandIdOf(BRAND_NAME);
  await registry.connect(registrar).admitBrand(BRAND_NAME, BRAND_COUNTRY, brandAdmin!.address, "ipfs://acme");
  await registry.connect(registrar).assignPrefix(brandId, PREFIX);
  await registry.connect(registrar).addLabelDomain(brandId, LABEL_HOST);
  await registry.connect(brandAdmin).addSigner(brandId, signer!.address);
  return {
    registry,
    governance: governance!,
    registrar: registrar!,
    brandAdmin: brandAdmin!,
    signer: signer!,
    stranger: stranger!,
    brandId,
    prefix: PREFIX,
    labelHost: LABEL_HOST,
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
