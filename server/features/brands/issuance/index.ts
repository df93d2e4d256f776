export { closeIssuance, issueBatch } from "./issue-batch.ts";
export type { IssueBatchParameters, IssuedChunk } from "./issue-batch.ts";
export { createKeccak256 } from "./keccak.ts";
export type { Keccak256 } from "./keccak.ts";
export { buildItemMerkleTree } from "./merkle.ts";
export { CROCKFORD_ALPHABET, drawSerials, generateSerials, SERIAL_LENGTH } from "./serials.ts";
