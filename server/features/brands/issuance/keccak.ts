/**
 * keccak-256 from hash-wasm's WebAssembly build, about 6 times faster per short input than
 * @noble/hashes here (see `scripts/bench/issuance.ts`). hash-wasm only creates hashers asynchronously;
 * once created, one is reused synchronously for every hash, so callers create it once up front.
 */
import { createKeccak } from "hash-wasm";
import type { Keccak64, KeccakImplementation } from "../../../../core/keccak.ts";

export type Keccak256 = {
  /** keccak-256 of `input[offset, offset + length)` written to `output[outputOffset, outputOffset + 32)`. */
  into(input: Uint8Array, offset: number, length: number, output: Uint8Array, outputOffset: number): void;
  /** The same, for a 64-byte input: the shape `ItemMerkleTree` takes as its pair hash. */
  keccak64: Keccak64;
};

export async function createKeccak256(): Promise<Keccak256> {
  const hasher = await createKeccak(256);
  const into = (input: Uint8Array, offset: number, length: number, output: Uint8Array, outputOffset: number) => {
    hasher.init();
    hasher.update(input.subarray(offset, offset + length));
    output.set(hasher.digest("binary"), outputOffset);
  };
  return { into, keccak64: (input, offset, output, outputOffset) => into(input, offset, 64, output, outputOffset) };
}

/** The same WebAssembly keccak in the shape core installs (`useKeccak`): ids, digests and proofs then use it. */
export async function createCoreKeccak(): Promise<KeccakImplementation> {
  const hasher = await createKeccak(256);
  const { keccak64 } = await createKeccak256();
  return {
    keccak256: (data) => {
      hasher.init();
      hasher.update(data);
      return hasher.digest("binary");
    },
    keccak64,
  };
}
