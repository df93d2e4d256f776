/**
 * ECDSA signing of item digests with libsecp256k1 built to WebAssembly (`tiny-secp256k1`): about five
 * times the signatures per second of @noble/curves here. Both follow RFC 6979 (deterministic nonce, no
 * extra entropy) and give low-s signatures, so the bytes are the ones `core/signature.ts` `signDigest`
 * and viem's `signTypedData` give; `test/server/issuance/compact-signer.test.ts` checks it.
 */
import { signRecoverable } from "tiny-secp256k1";
import { VeritraceError } from "../../core/errors.ts";

/** Signs a 32-byte digest and writes the ERC-2098 compact signature (r ‖ yParityAndS) to `out[offset, +64)`. */
export function signCompactInto(digest: Uint8Array, privateKey: Uint8Array, out: Uint8Array, offset: number): void {
  const { signature, recoveryId } = signRecoverable(digest, privateKey);
  // Recovery ids 2 and 3 (r overflowed the group order, odds about 2^-127) have no ERC-2098 form.
  if (recoveryId > 1) {
    throw new VeritraceError("The signature's r exceeds the group order and cannot be made compact", { code: "SIGNATURE_UNCOMPACTABLE" });
  }
  out.set(signature, offset);
  if (recoveryId === 1) out[offset + 32]! |= 0x80;
}
