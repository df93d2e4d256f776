/**
 * Signers this device has seen described by the chain (brand, brand name, removal time), from earlier online
 * checks. They let the page say "signature valid, not yet checked on chain" while the chain cannot be reached,
 * and apply the registry's cut-off rule to a key the chain said was removed; they are never a reason for
 * GENUINE (core/verdict.ts answers at best UNVERIFIED offline).
 */
import type { Address, Hex } from "viem";
import type { KnownSigner } from "../../core/verdict.ts";
import { readStoredRecord, writeStoredRecord } from "./local-store.ts";

const KEY = "knownSigners";
/** A device checks a handful of brands; the cap only keeps a stuffed list from growing without end. */
const MAX_SIGNERS = 500;

type StoredSigner = { brandId: string; removedAt: string; brandName?: string };

/** One stored entry, or undefined when malformed; an entry of the older form (the brand id alone) was an active key. */
function parseSigner(value: unknown): KnownSigner | undefined {
  const isBrandId = (id: unknown): id is Hex => typeof id === "string" && /^0x[0-9a-fA-F]{64}$/.test(id);
  if (isBrandId(value)) return { brandId: value, removedAt: 0n };
  if (value === null || typeof value !== "object") return undefined;
  const { brandId, removedAt, brandName } = value as Partial<Record<keyof StoredSigner, unknown>>;
  if (!isBrandId(brandId) || typeof removedAt !== "string" || !/^\d{1,20}$/.test(removedAt)) return undefined;
  return { brandId, removedAt: BigInt(removedAt), ...(typeof brandName === "string" && brandName !== "" && { brandName }) };
}

export function knownSigners(): Map<Address, KnownSigner> {
  const signers = new Map<Address, KnownSigner>();
  for (const [address, value] of readStoredRecord(KEY)) {
    const signer = parseSigner(value);
    if (/^0x[0-9a-fA-F]{40}$/.test(address) && signer !== undefined) signers.set(address as Address, signer);
  }
  return signers;
}

/**
 * Remembers what the chain has just said of a signer. A removal is kept even if a later read says the key
 * is active: on chain a removal is final, so such a read comes from another deployment or a lying node.
 */
export function rememberSigner(signer: Address, known: KnownSigner): void {
  const signers = knownSigners();
  const earlier = signers.get(signer);
  const removedAt = earlier !== undefined && earlier.removedAt !== 0n && known.removedAt === 0n ? earlier.removedAt : known.removedAt;
  signers.delete(signer);
  signers.set(signer, { ...known, removedAt, brandName: known.brandName ?? earlier?.brandName });
  const kept = [...signers]
    .slice(-MAX_SIGNERS)
    .map(([address, { brandId, removedAt, brandName }]): [string, StoredSigner] => [
      address,
      { brandId, removedAt: removedAt.toString(), ...(brandName !== undefined && { brandName }) },
    ]);
  writeStoredRecord(KEY, kept);
}
