/**
 * When batches were anchored, as this device read it on earlier online checks (batch id -> the chain's
 * seconds). An anchoring time is final on chain, so offline it decides the cut-off rule for a removed key
 * exactly: a label of a batch anchored at or after its key's removal is REVOKED even without the chain.
 */
import type { Hex } from "viem";
import { readStoredRecord, writeStoredRecord } from "./local-store.ts";

const KEY = "knownBatches";
/** Batches, not items: a device that scans thousands of products still sees a few hundred batches. */
const MAX_BATCHES = 1000;

export function knownBatches(): Map<Hex, number> {
  const batches = new Map<Hex, number>();
  for (const [batchId, anchoredAt] of readStoredRecord(KEY)) {
    if (/^0x[0-9a-fA-F]{64}$/.test(batchId) && Number.isSafeInteger(anchoredAt) && (anchoredAt as number) > 0)
      batches.set(batchId as Hex, anchoredAt as number);
  }
  return batches;
}

export function rememberBatch(batchId: Hex, anchoredAt: number): void {
  const batches = knownBatches();
  batches.delete(batchId);
  batches.set(batchId, anchoredAt);
  writeStoredRecord(KEY, [...batches].slice(-MAX_BATCHES));
}
