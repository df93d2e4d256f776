/**
 * Signers this device has seen registered on chain (address -> brand id), from earlier online checks. They
 * let the page say "signature valid, not yet checked on chain" while the chain cannot be reached; they are
 * never a reason for GENUINE (the verdict function only ever answers UNVERIFIED offline).
 */
import type { Address, Hex } from "viem";
import { readStored, writeStored } from "./local-store.ts";

const KEY = "knownSigners";
/** A device checks a handful of brands; the cap only keeps a stuffed list from growing without end. */
const MAX_SIGNERS = 500;

export function knownSigners(): Map<Address, Hex> {
  try {
    const parsed: unknown = JSON.parse(readStored(KEY) ?? "{}");
    const signers = new Map<Address, Hex>();
    if (parsed && typeof parsed === "object") {
      for (const [address, brandId] of Object.entries(parsed)) {
        if (/^0x[0-9a-fA-F]{40}$/.test(address) && typeof brandId === "string" && /^0x[0-9a-fA-F]{64}$/.test(brandId)) {
          signers.set(address as Address, brandId as Hex);
        }
      }
    }
    return signers;
  } catch {
    return new Map();
  }
}

/** Remembers a signer the chain has just confirmed as a brand's. */
export function rememberSigner(signer: Address, brandId: Hex): void {
  const signers = knownSigners();
  signers.delete(signer);
  signers.set(signer, brandId);
  const kept = [...signers].slice(-MAX_SIGNERS);
  writeStored(KEY, JSON.stringify(Object.fromEntries(kept)));
}
