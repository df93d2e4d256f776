/**
 * Issuing a batch: the Merkle leaf and the EIP-712 signature of every item, computed by a pool of worker
 * threads (signing dominates, and it parallelises perfectly) and handed back in order, one chunk at a time,
 * so that a million-item batch is never held as a million small objects.
 */
import os from "node:os";
import { hexToBytes, type Hex } from "viem";
import { domainSeparator, ITEM_CODE_TYPEHASH, type Eip712Domain } from "../../../../core/eip712.ts";
import { VeritraceError } from "../../../../core/errors.ts";
import { formatExpiry, isGs1Value, isValidGtin14 } from "../../../../core/gs1/index.ts";
import { batchIdOf } from "../../../../core/ids.ts";
import type { BatchContext, ChunkResult } from "./issue-chunk.ts";
import type { IssueTask } from "./issue-task.ts";
import { WorkerPool } from "./worker-pool.ts";

export type IssueBatchParameters = {
  domain: Eip712Domain;
  brandId: Hex;
  /** 14 digits. */
  gtin: string;
  lot: string;
  /** YYMMDD; absent (or 0) for none. */
  expiry?: number | undefined;
  serials: readonly string[];
  /** The brand signer's private key. */
  signerKey: Hex;
  /** Items per chunk; 10,000 by default. */
  chunkSize?: number | undefined;
};

export type IssuedChunk = {
  /** The index in `serials` of the chunk's first item. */
  start: number;
  /** 32 bytes per item: leaf i at i * 32. */
  leaves: Uint8Array;
  /** 64 bytes per item, ERC-2098 compact (as `core/signature.ts` `signDigest` gives). */
  signatures: Uint8Array;
};

const DEFAULT_CHUNK_SIZE = 10_000;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
// Chunks are split into parts of at most PART items, handed to whichever worker is free: a part takes
// a worker about a tenth of a second, so the workers finish a batch within that of each other, while
// posting a message per part stays negligible. A chunk of at least MIN_PART items per worker is shared
// by all of them, so that small batches use every core too.
const PART = 1_000;
const MIN_PART = 250;
// Work computed ahead of the consumer, in chunks and (for small chunks) in items per worker: the workers
// never wait for the consumer to ask for more, and memory is bounded by this, not by the batch.
const CHUNKS_AHEAD = 2;
const ITEMS_AHEAD_PER_WORKER = 2 * PART;

let pool: WorkerPool<IssueTask, ChunkResult> | undefined;

function issuancePool(): WorkerPool<IssueTask, ChunkResult> {
  pool ??= new WorkerPool<IssueTask, ChunkResult>({
    url: new URL("./issue-worker.ts", import.meta.url),
    size: os.availableParallelism(),
    reviveError: ({ name, message, code, field }) =>
      code === undefined ? Object.assign(new Error(message), { name }) : new VeritraceError(message, { code, field }),
  });
  return pool;
}

/** Yields the leaves and signatures of `serials`, in order, in chunks of `chunkSize`. */
export async function* issueBatch(params: IssueBatchParameters): AsyncGenerator<IssuedChunk> {
  const context = batchContext(params);
  const { serials } = params;
  const chunkSize = params.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
    throw new VeritraceError(`chunkSize must be a positive integer, got ${chunkSize}`, { code: "ISSUE_BAD_CHUNK_SIZE", field: "chunkSize" });
  }
  const workers = issuancePool();
  const itemsAhead = workers.size * ITEMS_AHEAD_PER_WORKER;
  const pending: Array<{ start: number; parts: Promise<ChunkResult>[] }> = [];
  let next = 0;
  const submitChunk = () => {
    const start = next;
    const end = Math.min(serials.length, start + chunkSize);
    next = end;
    const length = end - start;
    const partCount = Math.max(1, Math.ceil(length / PART), Math.min(workers.size, Math.floor(length / MIN_PART)));
    const partSize = Math.ceil(length / partCount);
    const parts: Promise<ChunkResult>[] = [];
    for (let at = start; at < end; at += partSize) {
      const part = workers.run({ context, start: at, serials: serials.slice(at, Math.min(end, at + partSize)) });
      // Parts still in flight when the consumer stops early must not become unhandled rejections.
      part.catch(() => {});
      parts.push(part);
    }
    pending.push({ start, parts });
  };
  try {
    while (pending.length > 0 || next < serials.length) {
      while (next < serials.length && (pending.length <= CHUNKS_AHEAD || next - pending[0]!.start < itemsAhead)) submitChunk();
      const { start, parts } = pending.shift()!;
      yield { start, ...joinParts(await Promise.all(parts)) };
    }
  } finally {
    // Tasks already posted hold their own copies; this one is not left in memory after the batch.
    context.signerKey.fill(0);
  }
}

function joinParts(parts: ChunkResult[]): ChunkResult {
  if (parts.length === 1) return parts[0]!;
  const leaves = new Uint8Array(parts.reduce((n, p) => n + p.leaves.length, 0));
  const signatures = new Uint8Array(parts.reduce((n, p) => n + p.signatures.length, 0));
  let at = 0;
  for (const part of parts) {
    leaves.set(part.leaves, at * 32);
    signatures.set(part.signatures, at * 64);
    at += part.leaves.length / 32;
  }
  return { leaves, signatures };
}

/** Stops the worker threads; the next `issueBatch` starts new ones. */
export async function closeIssuance(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}

function batchContext(params: IssueBatchParameters): BatchContext {
  const { domain, brandId, gtin, lot, signerKey } = params;
  if (!isValidGtin14(gtin)) {
    throw new VeritraceError(`gtin must be a valid 14-digit GTIN, got ${JSON.stringify(gtin)}`, { code: "ISSUE_BAD_GTIN", field: "gtin" });
  }
  if (!isGs1Value(lot)) {
    throw new VeritraceError("lot must be 1-20 characters of the GS1 set 82", { code: "ISSUE_BAD_LOT", field: "lot" });
  }
  const expiry = params.expiry ?? 0;
  // formatExpiry throws a GS1 error naming AI (17) for anything that is not a real YYMMDD date.
  if (expiry !== 0) formatExpiry(expiry);
  if (!BYTES32.test(brandId)) {
    throw new VeritraceError("brandId must be 32 bytes of hex", { code: "ISSUE_BAD_BRAND_ID", field: "brandId" });
  }
  if (!BYTES32.test(signerKey)) {
    throw new VeritraceError("signerKey must be a 32-byte hex private key", { code: "ISSUE_BAD_KEY", field: "signerKey" });
  }
  return {
    domainSeparator: domainSeparator(domain),
    itemCodeTypeHash: ITEM_CODE_TYPEHASH,
    batchId: hexToBytes(batchIdOf(brandId, gtin, lot)),
    gtin,
    lot,
    expiry,
    signerKey: hexToBytes(signerKey),
  };
}
