/** What the store keeps of works: the region hashes beside each work's registered pHash; this feature's part of `Store`. */
import type { Hex } from "viem";
import type { RegionHashes } from "../../../../core/content/robust-hash.ts";

/** A work's region hashes (core/content/robust-hash.ts), computed by this service from the work's own file. */
export type WorkRegions = RegionHashes & { workId: Hex };

/** Region hashes as read back, with the order they were kept in. */
export type KeptWorkRegions = WorkRegions & { seq: number };

export interface WorkRegionStore {
  /** Keeps a work's region hashes. A work's file decides them, so keeping them again changes nothing. */
  save(regions: WorkRegions): Promise<void>;
  /** Whether a work's region hashes are kept. */
  has(workId: Hex): Promise<boolean>;
  /** Region hashes kept after `afterSeq`, oldest first, at most `limit`. */
  after(afterSeq: number, limit: number): Promise<KeptWorkRegions[]>;
}
