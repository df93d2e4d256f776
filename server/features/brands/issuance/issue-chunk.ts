/**
 * The per-item work of issuing, for one chunk of a batch: the Merkle leaf and the EIP-712 signature of
 * every serial. It runs inside the pool's workers, and directly in tests.
 */
import { VeritraceError } from "../../../../core/errors.ts";
import { signCompactInto } from "./compact-signer.ts";
import { isGs1Serial } from "./gs1-serial.ts";
import { createItemHasher, type ItemHasherParameters } from "./item-hasher.ts";
import { createKeccak256 } from "./keccak.ts";

/**
 * What every chunk of one batch shares; sent with each task so that a worker needs no other state.
 * Already in bytes, so that workers load neither viem nor core's hex-based helpers.
 */
export type BatchContext = ItemHasherParameters & { signerKey: Uint8Array };

export type ChunkResult = { leaves: Uint8Array<ArrayBuffer>; signatures: Uint8Array<ArrayBuffer> };

/** Issues `serials`, the part of a batch that starts at its index `start` (for error messages). */
export type ChunkIssuer = (context: BatchContext, serials: readonly string[], start: number) => ChunkResult;

/** A chunk issuer; async once, because the WebAssembly keccak is created asynchronously. */
export async function createChunkIssuer(): Promise<ChunkIssuer> {
  const keccak = await createKeccak256();
  return (context, serials, start) => {
    const { signerKey: key } = context;
    const hasher = createItemHasher(context, keccak);
    const leaves = new Uint8Array(serials.length * 32);
    const signatures = new Uint8Array(serials.length * 64);
    const digest = new Uint8Array(32);
    for (let i = 0; i < serials.length; i++) {
      const serial = serials[i]!;
      if (!isGs1Serial(serial)) throw badSerial(start + i);
      hasher.hash(serial, leaves, i * 32, digest);
      signCompactInto(digest, key, signatures, i * 64);
    }
    // The key arrived as this task's own copy: it is not left behind in worker memory.
    key.fill(0);
    return { leaves, signatures };
  };
}

export function badSerial(index: number): VeritraceError {
  return new VeritraceError(`serials[${index}] is not 1-20 characters of the GS1 set 82`, {
    code: "ISSUE_BAD_SERIAL",
    field: "serials",
  });
}
