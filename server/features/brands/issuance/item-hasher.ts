/**
 * The per-item hashes of issuing — item id, Merkle leaf and EIP-712 digest — exactly as `core/ids.ts`
 * and `core/eip712.ts` define them, but on buffers prepared once per batch: only the serial changes
 * from one item to the next, so everything else (batch id, ABI offsets, GTIN, lot hash, expiry, domain
 * separator) is written once. `test/server/features/brands/issuance/item-hasher.test.ts` holds it to core byte for byte.
 */
import type { Keccak256 } from "./keccak.ts";

const WORD = 32;
/** Where the serial's bytes start in `abi.encode(bytes32 batchId, string serial)`. */
const SERIAL_AT = 3 * WORD;

export type ItemHasherParameters = {
  /** `domainSeparator(domain)` of `core/eip712.ts`. */
  domainSeparator: Uint8Array;
  /** `ITEM_CODE_TYPEHASH` of `core/eip712.ts`. */
  itemCodeTypeHash: Uint8Array;
  /** `batchIdOf(brandId, gtin, lot)`. */
  batchId: Uint8Array;
  gtin: string;
  lot: string;
  /** YYMMDD, 0 for none. */
  expiry: number;
};

export type ItemHasher = {
  /**
   * Hashes the item with serial `serial` (ASCII, 1–20 characters: the caller checks it is a GS1 value):
   * its Merkle leaf to `leaves[leafOffset, +32)` and its EIP-712 digest to `digest[0, 32)`.
   */
  hash(serial: string, leaves: Uint8Array, leafOffset: number, digest: Uint8Array): void;
};

export function createItemHasher(parameters: ItemHasherParameters, keccak: Keccak256): ItemHasher {
  const { into } = keccak;
  const ascii = new TextEncoder();
  const keccakOf = (bytes: Uint8Array) => {
    const out = new Uint8Array(WORD);
    into(bytes, 0, bytes.length, out, 0);
    return out;
  };

  // abi.encode(bytes32 batchId, string serial): batchId, offset 0x40, length, the serial padded to a word.
  const itemIdInput = new Uint8Array(4 * WORD);
  itemIdInput.set(parameters.batchId, 0);
  itemIdInput[2 * WORD - 1] = 2 * WORD;
  // abi.encode(bytes32 itemId, uint32 expiry), then the leaf is keccak-256 of its keccak-256.
  const leafInput = new Uint8Array(2 * WORD);
  writeUint32Word(leafInput, WORD, parameters.expiry);
  const innerLeaf = new Uint8Array(WORD);
  // hashStruct(ItemCode): typehash, gtin, keccak(lot), keccak(serial), expiry.
  const structInput = new Uint8Array(5 * WORD);
  structInput.set(parameters.itemCodeTypeHash, 0);
  writeUint64Word(structInput, WORD, BigInt(parameters.gtin));
  structInput.set(keccakOf(ascii.encode(parameters.lot)), 2 * WORD);
  writeUint32Word(structInput, 4 * WORD, parameters.expiry);
  // "\x19\x01" ‖ domainSeparator ‖ structHash.
  const digestInput = new Uint8Array(2 + 2 * WORD);
  digestInput[0] = 0x19;
  digestInput[1] = 0x01;
  digestInput.set(parameters.domainSeparator, 2);

  return {
    hash(serial, leaves, leafOffset, digest) {
      const length = serial.length;
      itemIdInput.fill(0, SERIAL_AT);
      itemIdInput[SERIAL_AT - 1] = length;
      for (let c = 0; c < length; c++) itemIdInput[SERIAL_AT + c] = serial.charCodeAt(c);

      into(itemIdInput, 0, itemIdInput.length, leafInput, 0);
      into(leafInput, 0, leafInput.length, innerLeaf, 0);
      into(innerLeaf, 0, WORD, leaves, leafOffset);

      into(itemIdInput, SERIAL_AT, length, structInput, 3 * WORD);
      into(structInput, 0, structInput.length, digestInput, 2 + WORD);
      into(digestInput, 0, digestInput.length, digest, 0);
    },
  };
}

function writeUint32Word(out: Uint8Array, offset: number, value: number): void {
  new DataView(out.buffer, out.byteOffset).setUint32(offset + WORD - 4, value);
}

function writeUint64Word(out: Uint8Array, offset: number, value: bigint): void {
  new DataView(out.buffer, out.byteOffset).setBigUint64(offset + WORD - 8, value);
}

