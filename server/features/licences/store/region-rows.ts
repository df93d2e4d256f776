/**
 * Region hashes as both stores keep them: one text of 16 hex digits per hash, the parts then the centre,
 * so a row is one short string and reads back without a column per part.
 */
import type { Hex } from "viem";
import { phashFromHex, phashToHex } from "../../../../core/content/phash.ts";
import { PART_BOXES } from "../../../../core/content/robust-hash.ts";
import type { KeptWorkRegions, WorkRegions } from "./types.ts";

export const regionsText = ({ parts, centre }: WorkRegions): string => [...parts, centre].map(phashToHex).join("");

export function toKeptRegions(row: { seq: number | bigint | string; work_id: string; hashes: string }): KeptWorkRegions {
  const hashes = row.hashes.match(/.{16}/g)!.map(phashFromHex);
  return { seq: Number(row.seq), workId: row.work_id as Hex, parts: hashes.slice(0, PART_BOXES.length), centre: hashes[PART_BOXES.length]! };
}

/** Work ids as stored: lower-case hex, so one work is one key however a caller spelt it. */
export const workKey = (workId: Hex) => workId.toLowerCase();
