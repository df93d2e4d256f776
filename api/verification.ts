/** Verifying, scanning, proofs and the GS1 resolver: request shapes and the public proof. */
import type { Address, Hex } from "viem";
import { z } from "zod";
import type { ScanHistory } from "../core/history.ts";
import type { ItemCode } from "../core/types.ts";
import type { Verdict } from "../core/verdict.ts";

export const proofQuery = z.union([
  z.strictObject({ code: z.string().min(1).max(2_000) }),
  z.strictObject({
    gtin: z.string().min(1).max(14),
    lot: z.string().min(1),
    serial: z.string().min(1),
    // Needed only when two brands issued the same GTIN, lot and serial (a prefix moved between them).
    brandId: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a brand id: 0x and 64 hex digits").optional(),
  }),
]);

/** A scanned code as a query parameter (verify, scan history). The text itself is judged by the verdict. */
export const codeQuery = z.strictObject({ code: z.string().min(1).max(2_000) });

export const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const scanBody = z.strictObject({
  code: z.string().min(1).max(2_000),
  sessionId: z.string().regex(SESSION_ID, "must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -"),
  location: z
    .strictObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
    })
    .optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. FR")
    .optional(),
});

/** The resolver's own query parameters; the label's (17, s) travel with the code and are checked by the parser. */
export const resolverQuery = z.object({ linkType: z.string().max(200).optional() });

/** The public proof of an item, for any verifier to check against the chain itself. */
export type ItemProof = {
  code: ItemCode;
  uri: string;
  signature: string;
  brandId: Hex;
  batchId: Hex;
  itemId: Hex;
  leaf: Hex;
  merkleRoot: Hex;
  proof: Hex[];
  registry: { chainId: number; address: Address };
  transactionHash: Hex | undefined;
  blockNumber: number | undefined;
};

/** An item's scan history as the API shows it: times as ISO strings. */
export type HistoryView = Omit<ScanHistory, "firstScanAt" | "lastScanAt"> & { firstScanAt: string | null; lastScanAt: string | null };

/** The answer of `GET /verify`: core's verdict with what was read to reach it. */
export type VerifyView = Omit<Verdict, "signerRemovedAt" | "brand"> & {
  /** When the signer was removed, in seconds since the epoch as a decimal string ("0": still active). */
  signerRemovedAt?: string;
  /** The issuing brand as the chain records it (name and country from the registrar's admission). */
  brand: { brandId: Hex | null; name: string | null; country: string | null };
  product: { gtin: string; lot: string; serial: string; expiry: string | null; expiryDate: string | null } | null;
  /** Where the batch was anchored: the transaction and block of its `BatchRegistered` event on chain. */
  registration: { anchoredAt: string; transactionHash: Hex | null; blockNumber: number | null } | null;
  /** The first sale; `sellerName`: the seller's organisation (a brand or its retailer) where this service knows it. */
  firstSale: { seller: Address; sellerName: string | null; soldAt: string; country: string } | null;
  history: HistoryView | null;
  /** What was read: the chain, the registry and the block (null when the chain was not read at a pinned block). */
  checked: { chainId: number; registry: Address; blockNumber: string | null; at: string };
};

/** A brand's counterfeit sightings (`GET /api/v1/brand/counterfeit-scans`), aggregated: never one scan's place or network. */
export type CounterfeitScansView = {
  brandId: Hex;
  since: string | null;
  total: { scans: number; sessions: number; networks: number };
  byProduct: Array<{ gtin: string; lot: string; scans: number; sessions: number; networks: number; serials: number; firstScanAt: string; lastScanAt: string }>;
  /** Days are UTC dates; country null when the scan gave no location. */
  byDayAndCountry: Array<{ day: string; country: string | null; scans: number; sessions: number }>;
  byReason: Array<{ reason: string; scans: number }>;
};
