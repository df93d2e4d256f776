/**
 * ECDSA signing of item digests with libsecp256k1: natively through the npm package `secp256k1`
 * (N-API, a prebuilt binary for Node ABI-stable builds, ~14,000 signatures/s per core here) and, where
 * that binary cannot load, built to WebAssembly (`tiny-secp256k1`, ~6,000/s). The native package's
 * `index.js` silently falls back to a pure-JS elliptic implementation, so its `bindings` entry is loaded
 * directly instead. All follow RFC 6979 (deterministic nonce, no extra entropy) with low s, so the bytes are
 * the ones `core/signature.ts` `signDigest` and viem's `signTypedData` give;
 * `test/server/features/brands/issuance/compact-signer.test.ts` checks both implementations.
 */
import { createRequire } from "node:module";
import { signRecoverable } from "tiny-secp256k1";
import { VeritraceError } from "../../../../core/errors.ts";

type Signer = (digest: Uint8Array, privateKey: Uint8Array) => { signature: Uint8Array; recoveryId: number };

type NativeSecp256k1 = { ecdsaSign(message: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number } };

function loadNative(): Signer | undefined {
  try {
    const native = createRequire(import.meta.url)("secp256k1/bindings") as NativeSecp256k1;
    return (digest, key) => {
      const { signature, recid } = native.ecdsaSign(digest, key);
      return { signature, recoveryId: recid };
    };
  } catch {
    return undefined;
  }
}

export const wasmSigner: Signer = (digest, key) => signRecoverable(digest, key);
export const nativeSigner: Signer | undefined = loadNative();
/** Which libsecp256k1 build signs: reported by the benchmark. */
export const signerBackend: "native" | "wasm" = nativeSigner ? "native" : "wasm";
const sign: Signer = nativeSigner ?? wasmSigner;

/** Signs a 32-byte digest and writes the ERC-2098 compact signature (r ‖ yParityAndS) to `out[offset, +64)`. */
export function signCompactInto(
  digest: Uint8Array,
  privateKey: Uint8Array,
  out: Uint8Array,
  offset: number,
  signer: Signer = sign,
): void {
  const { signature, recoveryId } = signer(digest, privateKey);
  // Recovery ids 2 and 3 (r overflowed the group order, odds about 2^-127) have no ERC-2098 form.
  if (recoveryId > 1) {
    throw new VeritraceError("The signature's r exceeds the group order and cannot be made compact", { code: "SIGNATURE_UNCOMPACTABLE" });
  }
  out.set(signature, offset);
  if (recoveryId === 1) out[offset + 32]! |= 0x80;
}
