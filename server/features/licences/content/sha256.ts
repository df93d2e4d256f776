/**
 * SHA-256 of a file's bytes: a work's exact-match key, registered on chain as bytes32.
 */
import { createHash } from "node:crypto";
import type { Hex } from "viem";

export function sha256Of(bytes: Uint8Array): Hex {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}
