/**
 * Signer recovery with native libsecp256k1 (the `secp256k1` package's N-API binding, as issuing signs with)
 * where it loads: tens of times faster than the pure-JS recovery in core, which matters for every label the
 * verify endpoint sees for the first time and for the uncached baseline. Where the binding cannot load, or
 * refuses a signature, core's `recoverSigner` decides, so the answers and errors are core's.
 */
import { createRequire } from "node:module";
import type { Address } from "viem";
import { addressOfPublicKey, recoverSigner, splitSignature } from "../../../core/signature.ts";

type NativeSecp256k1 = { ecdsaRecover(signature: Uint8Array, recid: number, message: Uint8Array, compressed: boolean): Uint8Array };

function loadNative(): NativeSecp256k1 | undefined {
  try {
    // The package's index.js silently falls back to a slow pure-JS curve; the binding is loaded directly.
    return createRequire(import.meta.url)("secp256k1/bindings") as NativeSecp256k1;
  } catch {
    return undefined;
  }
}

const native = loadNative();

export function recoverSignerFast(digest: Uint8Array, signature: Uint8Array): Address {
  if (native === undefined) return recoverSigner(digest, signature);
  const { rs, recoveryId } = splitSignature(signature);
  let publicKey: Uint8Array;
  try {
    publicKey = native.ecdsaRecover(rs, recoveryId, digest, false);
  } catch {
    return recoverSigner(digest, signature);
  }
  return addressOfPublicKey(publicKey);
}
