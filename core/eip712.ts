/**
 * EIP-712 for item codes: the domain is bound to the chain id and the registry address, so a code signed
 * for one chain or deployment never verifies on another. The digest is computed directly (domain separator
 * once, then one struct hash per item) because issuing signs every item of a batch; the tests hold it to
 * viem's `hashTypedData`, to the contract's `itemDigest`, and to the EIP-712 specification's "Mail" vector.
 */
import { keccak256 as keccak_256 } from "./keccak.ts";
import { bytesToHex, hexToBytes, type Address, type Hex } from "viem";
import { concatWords, uintWord, WORD } from "./abi-words.ts";
import type { ItemCode } from "./types.ts";

const utf8 = new TextEncoder();

/** The name and version the registry passes to OpenZeppelin's `EIP712` constructor. */
export const REGISTRY_DOMAIN_NAME = "Veritrace";
export const REGISTRY_DOMAIN_VERSION = "1";

export type Eip712Domain = {
  name: string;
  version: string;
  chainId: number | bigint;
  verifyingContract: Address;
};

/** The domain of the registry deployed at `verifyingContract` on chain `chainId`. */
export function registryDomain(chainId: number | bigint, verifyingContract: Address): Eip712Domain {
  return { name: REGISTRY_DOMAIN_NAME, version: REGISTRY_DOMAIN_VERSION, chainId, verifyingContract };
}

/** The item code type, in viem's typed-data form (for wallets and `signTypedData`). */
export const ITEM_CODE_TYPES = {
  ItemCode: [
    { name: "gtin", type: "uint64" },
    { name: "lot", type: "string" },
    { name: "serial", type: "string" },
    { name: "expiry", type: "uint32" },
  ],
} as const;

/** `typeHash(ItemCode)`, derived from the type above so that the type is written once. */
export const ITEM_CODE_TYPEHASH = keccak_256(
  utf8.encode(`ItemCode(${ITEM_CODE_TYPES.ItemCode.map(({ type, name }) => `${type} ${name}`).join(",")})`),
);
const DOMAIN_TYPEHASH = keccak_256(
  utf8.encode("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
);

/** The full typed-data message of an item code, for viem's `signTypedData` / `hashTypedData`. */
export function itemTypedData(domain: Eip712Domain, code: ItemCode) {
  return {
    domain,
    types: ITEM_CODE_TYPES,
    primaryType: "ItemCode",
    message: { gtin: BigInt(code.gtin), lot: code.lot, serial: code.serial, expiry: code.expiry ?? 0 },
  } as const;
}

/** `hashStruct(EIP712Domain)` for a domain with name, version, chainId and verifyingContract. */
export function domainSeparator(domain: Eip712Domain): Uint8Array {
  return keccak_256(
    concatWords([
      DOMAIN_TYPEHASH,
      keccak_256(utf8.encode(domain.name)),
      keccak_256(utf8.encode(domain.version)),
      uintWord(domain.chainId),
      hexToBytes(domain.verifyingContract),
    ]),
  );
}

/** `keccak256("\x19\x01" ‖ domainSeparator ‖ structHash)`: the digest a key signs. */
export function typedDataDigest(separator: Uint8Array, structHash: Uint8Array): Uint8Array {
  const message = new Uint8Array(2 + 2 * WORD);
  message[0] = 0x19;
  message[1] = 0x01;
  message.set(separator, 2);
  message.set(structHash, 2 + WORD);
  return keccak_256(message);
}

/** `hashStruct(ItemCode)`. */
export function itemStructHash(code: ItemCode): Uint8Array {
  return keccak_256(
    concatWords([
      ITEM_CODE_TYPEHASH,
      uintWord(BigInt(code.gtin)),
      keccak_256(utf8.encode(code.lot)),
      keccak_256(utf8.encode(code.serial)),
      uintWord(code.expiry ?? 0),
    ]),
  );
}

/** Digests item codes for one registry, its domain separator computed once. */
export class ItemDigester {
  readonly #separator: Uint8Array;

  constructor(domain: Eip712Domain) {
    this.#separator = domainSeparator(domain);
  }

  digest(code: ItemCode): Uint8Array {
    return typedDataDigest(this.#separator, itemStructHash(code));
  }
}

/** The EIP-712 digest of an item code in a registry's domain. */
export function itemDigest(domain: Eip712Domain, code: ItemCode): Hex {
  return bytesToHex(new ItemDigester(domain).digest(code));
}
