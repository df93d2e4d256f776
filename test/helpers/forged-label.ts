/**
 * A label a counterfeiter could print: a real item's GTIN, lot, serial and expiry, signed with a key of
 * their own, drawn by the service's own label renderer. Everything about it looks right except the signer.
 */
import { generatePrivateKey } from "viem/accounts";
import { ItemDigester, registryDomain } from "../../core/eip712.ts";
import { buildDigitalLink } from "../../core/gs1/index.ts";
import { encodeSignature, signDigest } from "../../core/signature.ts";
import type { ItemCode } from "../../core/types.ts";
import { renderLabelPng } from "../../server/labels/index.ts";
import type { Address, Hex } from "viem";

export type ForgedLabelParameters = {
  base: string;
  code: ItemCode;
  chainId: number;
  registry: Address;
  /** The key to sign with: a stolen one of the brand's, or by default a fresh key of the counterfeiter's own. */
  key?: Hex;
};

export function forgedLabel({ base, code, chainId, registry, key = generatePrivateKey() }: ForgedLabelParameters): { uri: string; png: Buffer } {
  const digest = new ItemDigester(registryDomain(chainId, registry)).digest(code);
  const uri = buildDigitalLink({ base, code, signature: encodeSignature(signDigest(digest, key)) });
  return { uri, png: renderLabelPng({ ...code, uri }) };
}
