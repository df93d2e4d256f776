/** Brands and their identity (company prefixes, label hosts): request shapes and views. */
import type { Address, Hex } from "viem";
import { z } from "zod";

/** ISO 3166-1 alpha-2 in capitals; whether it is an assigned code is checked by the use-case (with a hint). */
const countryField = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. GB");
const prefixField = z.string().regex(/^[0-9]{4,12}$/, "must be a GS1 company prefix: 4 to 12 digits");
/** A host as a label's link names it: lower-case letters, digits, dots and dashes, with an optional port. */
export const hostField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]{1,253}(:[0-9]{1,5})?$/, "must be a host name such as id.brand.example (no scheme, no path), with an optional :port");

export const createBrandBody = z.strictObject({
  // The chain keeps at most 64 bytes of name.
  name: z.string().trim().min(1).max(64).refine((v) => new TextEncoder().encode(v).length <= 64, "must be at most 64 bytes of UTF-8"),
  country: countryField.optional(),
  metadataUri: z.string().max(2_000).default(""),
  prefixes: z.array(prefixField).max(50).default([]),
  /** Hosts the brand's labels may point to; by default the host this service prints in label links. */
  labelDomains: z.array(hostField).max(50).optional(),
});

export const prefixBody = z.strictObject({ prefix: prefixField });
export const prefixParam = prefixField;
export const transferPrefixBody = z.strictObject({ brandId: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a brand id: 0x and 64 hex digits") });
export const labelDomainBody = z.strictObject({ host: hostField });

export type BrandView = {
  id: string;
  name: string;
  brandId: Hex;
  /** ISO 3166-1 alpha-2, null when not given. */
  country: string | null;
  /** The GS1 company prefixes the registrar assigned the brand on chain (its GTINs). */
  prefixes: string[];
  /** The hosts the brand's labels may point to, as recorded on chain. */
  labelDomains: string[];
  metadataUri: string;
  admin: Address;
  signers: Array<{ address: Address; active: boolean; createdAt: string; removedAt: string | undefined }>;
  createdAt: string;
};

export type BrandCreated = { brand: BrandView; apiKey: string };

export type PrefixChange = { prefix: string; brandId: Hex; transactionHash: Hex };
export type PrefixTransfer = PrefixChange & { fromBrandId: Hex };
export type LabelDomainChange = { brandId: Hex; host: string; transactionHash: Hex };
export type PrefixView = { prefix: string; brandId: Hex | null; name: string | null };
