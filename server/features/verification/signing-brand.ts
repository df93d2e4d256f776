/**
 * The brand a code's signature speaks for, as this service's deployment says: the signer is recovered in
 * the service's own EIP-712 domain and looked up on chain (per-block cache). Items, proofs and scans are
 * keyed by brand, so two brands issuing the same GTIN, lot and serial never meet; a code that names no
 * registered signer has no brand, and so no item, proof or scan history here.
 */
import type { Address, Hex } from "viem";
import type { ChainReader } from "../../../core/chain-reader.ts";
import { ItemDigester, registryDomain } from "../../../core/eip712.ts";
import { parseDigitalLink } from "../../../core/gs1/index.ts";
import { decodeSignature } from "../../../core/signature.ts";
import type { ItemCode } from "../../../core/types.ts";
import type { ServiceContext } from "../../context.ts";

export type SigningBrand = { code: ItemCode; signer: Address; brandId: Hex };

const digesters = new WeakMap<ServiceContext, ItemDigester>();

/** The key that signed `code`, recovered in this service's EIP-712 domain; throws for a malformed signature. */
export function recoverCodeSigner(ctx: ServiceContext, code: ItemCode, signature: string): Address {
  let digester = digesters.get(ctx);
  if (digester === undefined) {
    digester = new ItemDigester(registryDomain(ctx.deployment.chainId, ctx.deployment.productRegistry.address));
    digesters.set(ctx, digester);
  }
  return ctx.verification.recoverSigner(digester.digest(code), decodeSignature(signature));
}

/**
 * The code's signer and its brand; undefined for an unsigned code, a bad signature or an unknown signer.
 * `chain`: a reader already pinned for the caller's work (a manifest's), else the verify endpoint's cache.
 */
export async function signingBrand(ctx: ServiceContext, uri: string, chain: Pick<ChainReader, "getSigner"> = ctx.verification.reader()): Promise<SigningBrand | undefined> {
  let code: ItemCode;
  let signer: Address;
  try {
    const parsed = parseDigitalLink(uri);
    if (parsed.signature === undefined) return undefined;
    code = parsed.code;
    signer = recoverCodeSigner(ctx, code, parsed.signature);
  } catch {
    return undefined;
  }
  const { brandId } = await chain.getSigner(signer);
  return BigInt(brandId) === 0n ? undefined : { code, signer, brandId };
}
