/**
 * Signing and recovery of item digests, and the compact form a signature takes in a label's URI:
 * ERC-2098 (r ‖ yParityAndS, 64 bytes) in unpadded base64url, 86 characters. The registry's
 * `verifySignedItem` accepts the same 64 bytes.
 */
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak256 as keccak_256 } from "./keccak.ts";
import { base64urlnopad } from "@scure/base";
import { bytesToHex, getAddress, hexToBytes, type Address, type Hex } from "viem";
import { VeritraceError } from "./errors.ts";

const COMPACT_LENGTH = 64;

/** Signs a 32-byte digest; returns the ERC-2098 compact signature (low-s, as Ethereum requires). */
export function signDigest(digest: Uint8Array, privateKey: Hex | Uint8Array): Uint8Array {
  const key = typeof privateKey === "string" ? hexToBytes(privateKey) : privateKey;
  // `recovered` is [recovery byte ‖ r ‖ s]; the digest is already keccak-256, so no prehash.
  const recovered = secp256k1.sign(digest, key, { prehash: false, format: "recovered", lowS: true });
  const compact = recovered.slice(1);
  if (recovered[0] === 1) compact[32]! |= 0x80;
  return compact;
}

/** Recovers the address that made a compact (64-byte) or classic (65-byte, v = 27/28) signature. */
export function recoverSigner(digest: Uint8Array, signature: Uint8Array): Address {
  const { rs, recoveryId } = splitSignature(signature);
  const recovered = new Uint8Array(65);
  recovered[0] = recoveryId;
  recovered.set(rs, 1);
  let publicKey: Uint8Array;
  try {
    const compressed = secp256k1.recoverPublicKey(recovered, digest, { prehash: false });
    publicKey = secp256k1.Point.fromBytes(compressed).toBytes(false);
  } catch (cause) {
    throw new VeritraceError("The signature does not recover to any key", { code: "SIGNATURE_UNRECOVERABLE", field: "s", cause });
  }
  return addressOfPublicKey(publicKey);
}

/** r ‖ s (64 bytes) and the recovery id of a compact (ERC-2098) or classic (v = 27/28) signature. */
export function splitSignature(signature: Uint8Array): { rs: Uint8Array; recoveryId: number } {
  if (signature.length === COMPACT_LENGTH) {
    const rs = signature.slice(0, COMPACT_LENGTH);
    rs[32]! &= 0x7f;
    return { rs, recoveryId: signature[32]! >> 7 };
  }
  if (signature.length === 65 && (signature[64] === 27 || signature[64] === 28)) {
    return { rs: signature.slice(0, 64), recoveryId: signature[64]! - 27 };
  }
  throw new VeritraceError(`A signature is 64 or 65 bytes, not ${signature.length}`, {
    code: "SIGNATURE_BAD_LENGTH",
    field: "s",
  });
}

/** The checksummed address of an uncompressed (65-byte, 0x04-prefixed) public key. */
export function addressOfPublicKey(uncompressed: Uint8Array): Address {
  return getAddress(bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12)));
}

/** The 86-character base64url form carried in a label's `s` query parameter. */
export function encodeSignature(compact: Uint8Array): string {
  if (compact.length !== COMPACT_LENGTH) {
    throw new VeritraceError(`A compact signature is 64 bytes, not ${compact.length}`, {
      code: "SIGNATURE_BAD_LENGTH",
      field: "s",
    });
  }
  return base64urlnopad.encode(compact);
}

/** The 64 bytes behind a label's `s` parameter. */
export function decodeSignature(encoded: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(encoded);
  } catch (cause) {
    throw new VeritraceError("The signature (s) is not unpadded base64url", { code: "SIGNATURE_BAD_ENCODING", field: "s", cause });
  }
  if (bytes.length !== COMPACT_LENGTH) {
    throw new VeritraceError(`The signature (s) decodes to ${bytes.length} bytes, expected 64`, {
      code: "SIGNATURE_BAD_LENGTH",
      field: "s",
    });
  }
  return bytes;
}
