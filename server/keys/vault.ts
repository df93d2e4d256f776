/**
 * Brand keys at rest: AES-256-GCM under the service's master key, with the account address as associated
 * data so that an encrypted key copied onto another account's row fails to open. Decrypted keys live only
 * in memory, for the transaction or batch that needs them; they are never logged or returned.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { bytesToHex, hexToBytes, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class KeyVault {
  readonly #masterKey: Buffer;

  constructor(masterKey: Hex) {
    this.#masterKey = Buffer.from(hexToBytes(masterKey));
  }

  /** A new secp256k1 key, returned only as its address and its sealed form. */
  newKey(): { address: Address; sealed: Uint8Array } {
    const key = generatePrivateKey();
    const address = privateKeyToAddress(key);
    return { address, sealed: this.seal(address, key) };
  }

  seal(address: Address, key: Hex): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#masterKey, iv);
    cipher.setAAD(Buffer.from(address.toLowerCase()));
    const body = Buffer.concat([cipher.update(Buffer.from(hexToBytes(key))), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  open(address: Address, sealed: Uint8Array): Hex {
    const data = Buffer.from(sealed);
    const decipher = createDecipheriv("aes-256-gcm", this.#masterKey, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(address.toLowerCase()));
    decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const key = bytesToHex(Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]));
    if (privateKeyToAddress(key).toLowerCase() !== address.toLowerCase()) {
      throw new Error(`The key sealed for ${address} belongs to another address`);
    }
    return key;
  }
}

/** A fresh master key (local chains make one in the data folder). */
export const newMasterKey = (): Hex => bytesToHex(randomBytes(32));
