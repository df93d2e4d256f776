/**
 * Platform, licence and notice ids and the territory bit map, byte for byte as
 * `contracts/libraries/LicenceIds.sol` and `contracts/libraries/Territories.sol` derive them
 * (`test/contracts/LicenceRegistry.test.ts` holds them together). A work's id is the SHA-256 of its file.
 */
import { keccak256 as keccak_256 } from "./keccak.ts";
import { bytesToHex, hexToBytes, type Address, type Hex } from "viem";
import { concatWords, uintWord } from "./abi-words.ts";
import { countryBytes } from "./iso3166.ts";

const utf8 = new TextEncoder();

/** A platform's id: the keccak-256 of its registered name (UTF-8), like a brand's. */
export function platformIdOf(name: string): Hex {
  return bytesToHex(keccak_256(utf8.encode(name)));
}

/** `keccak256(abi.encode(bytes32 workId, uint32 index))`: the `index`-th licence (1-based) granted on the work. */
export function licenceIdOf(workId: Hex, index: number): Hex {
  if (!Number.isSafeInteger(index) || index < 1 || index > 0xffffffff) throw new RangeError(`licence index ${index} is not a uint32 above 0`);
  return bytesToHex(keccak_256(concatWords([hexToBytes(workId), uintWord(index)])));
}

/** `keccak256(abi.encode(address sender, bytes32 platformId, bytes32 locationHash, bytes32 evidenceHash))`. */
export function noticeIdOf(sender: Address, platformId: Hex, locationHash: Hex, evidenceHash: Hex): Hex {
  return bytesToHex(
    keccak_256(concatWords([hexToBytes(sender), hexToBytes(platformId), hexToBytes(locationHash), hexToBytes(evidenceHash)])),
  );
}

/** How many two-capital territory codes the contract's bit map holds (26 × 26). */
export const TERRITORY_COUNT = 676;

/** The bit of a code in the contract's territory map: `(X - 'A') * 26 + (Y - 'A')`. */
export function territoryBit(code: string): number {
  countryBytes(code); // refuses anything but two capitals
  return (code.charCodeAt(0) - 65) * 26 + (code.charCodeAt(1) - 65);
}
