/**
 * keccak-256 for every id, digest and proof in core/. Plain JavaScript (@noble/hashes) by default, so core
 * runs anywhere, the browser included. A host with a faster implementation of the same function — the
 * server's WebAssembly build, about six times faster on these short inputs — installs it once at start-up;
 * the outputs are identical (`test/core/keccak.test.ts`), so nothing but speed depends on which one runs.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";

/** Writes keccak-256 of the 64 bytes `input[offset, offset + 64)` to `output[outputOffset, outputOffset + 32)`. */
export type Keccak64 = (input: Uint8Array, offset: number, output: Uint8Array, outputOffset: number) => void;

export type KeccakImplementation = { keccak256: (data: Uint8Array) => Uint8Array; keccak64: Keccak64 };

let installed: KeccakImplementation | undefined;

export function keccak256(data: Uint8Array): Uint8Array {
  return installed === undefined ? keccak_256(data) : installed.keccak256(data);
}

/** The installed 64-byte hash, or undefined for the default (core/merkle.ts has a fast plain-JS one). */
export function installedKeccak64(): Keccak64 | undefined {
  return installed?.keccak64;
}

/** Installs a faster keccak-256 for this process (undefined: back to the default). */
export function useKeccak(implementation: KeccakImplementation | undefined): void {
  installed = implementation;
}
