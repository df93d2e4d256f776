/** Retailers and first sales (activations): request shapes and views. */
import type { Address, Hex } from "viem";
import { z } from "zod";
import type { Reason, VerdictName } from "../core/verdict.ts";

export const createRetailerBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const retailerIdPath = z.object({ id: z.uuid("must be a retailer id (a UUID)") });

const country = z.string().min(1).max(3).describe("Where the item was sold: ISO 3166-1 alpha-2, e.g. FR");

export const activationBody = z.union([
  z.strictObject({ code: z.string().min(1).max(2_000).describe("The label's URI"), country }),
  z.strictObject({ gtin: z.string().min(1).max(14), lot: z.string().min(1), serial: z.string().min(1), country }),
]);

export type RetailerView = {
  id: string;
  name: string;
  address: Address;
  brandId: Hex;
  authorised: boolean;
  createdAt: string;
  removedAt: string | undefined;
};

export type ActivationView = {
  itemId: Hex;
  batchId: Hex;
  serial: string;
  seller: Address;
  /** The seller's organisation name, when it is one of ours. */
  sellerName: string | undefined;
  country: string;
  activatedAt: string;
  transactionHash: Hex | undefined;
  blockNumber: number | undefined;
};

/** `details` of the 409 ITEM_ALREADY_ACTIVATED: the first sale, as the chain records it. */
export type ItemAlreadySoldDetails = Pick<ActivationView, "seller" | "country" | "activatedAt"> & {
  /** The seller's organisation name where this service knows it (a brand or its retailer); null otherwise. */
  sellerName: string | null;
};

/**
 * `details` of the 422 ITEM_NOT_GENUINE and the 409 ITEM_NOT_ACTIVE: the verdict the verify endpoint gives
 * the same code, and its reasons (stable codes, see core/verdict.ts).
 */
export type ItemNotSellableDetails = {
  verdict: VerdictName;
  reasons: Reason[];
};
