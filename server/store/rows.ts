/**
 * Rows as both stores return them, read into the store's types. SQLite and PostgreSQL keep the same column
 * names and the same values (TEXT times, numbers, bytes), so one mapper serves both; SQL NULL is read as an
 * absent value.
 */
import type { Address, Hex } from "viem";
import type { Account, Organisation } from "../features/organisations/store/types.ts";
import type { Batch, BatchState, IssuedItem, StoredItem } from "../features/brands/store/types.ts";
import type { Inspection, Party, Shipment } from "../features/shipments/store/types.ts";

/** A row, whichever driver read it. */
export type Row = Record<string, unknown>;

export const opt = <T>(value: unknown): T | undefined => (value === null || value === undefined ? undefined : (value as T));

export function toOrganisation(r: Row): Organisation {
  return {
    id: r.id as string,
    name: r.name as string,
    kind: r.kind as Organisation["kind"],
    brandId: opt<Hex>(r.brand_id),
    parentId: opt<string>(r.parent_id),
    metadataUri: r.metadata_uri as string,
    createdAt: r.created_at as string,
  };
}

export function toAccount(r: Row): Account {
  return {
    address: r.address as Address,
    orgId: r.org_id as string,
    role: r.role as Account["role"],
    encryptedKey: r.encrypted_key as Uint8Array,
    createdAt: r.created_at as string,
    removedAt: opt<string>(r.removed_at),
  };
}

/**
 * The columns `toBatch` reads, for every query of whole batches: never `requested_serials`, a brand's list
 * of up to a million serials (20 MB) that only the anchoring worker needs, once. With `*`, every status poll
 * of such a batch read the list and made it a string, holding the request thread for tens of milliseconds.
 */
const BATCH_ROW_COLUMNS = [
  "id", "org_id", "brand_id", "gtin", "lot", "expiry", "quantity", "metadata_uri", "state", "generated", "merkle_root", "signer",
  "transaction_hash", "raw_transaction", "block_number", "error", "created_at", "confirmed_at",
];
export const BATCH_ROW = BATCH_ROW_COLUMNS.join(", ");
/** `BATCH_ROW` of a table named `alias` in a join. */
export const batchRowOf = (alias: string): string => BATCH_ROW_COLUMNS.map((column) => `${alias}.${column}`).join(", ");

export function toBatch(r: Row): Batch {
  return {
    id: r.id as Hex,
    orgId: r.org_id as string,
    brandId: r.brand_id as Hex,
    gtin: r.gtin as string,
    lot: r.lot as string,
    expiry: opt<number>(r.expiry),
    quantity: r.quantity as number,
    metadataUri: r.metadata_uri as string,
    state: r.state as BatchState,
    generated: r.generated as number,
    merkleRoot: opt<Hex>(r.merkle_root),
    signer: r.signer as Address,
    transactionHash: opt<Hex>(r.transaction_hash),
    rawTransaction: opt<Hex>(r.raw_transaction),
    blockNumber: opt<number>(r.block_number),
    error: opt<string>(r.error),
    createdAt: r.created_at as string,
    confirmedAt: opt<string>(r.confirmed_at),
  };
}

export const toIssuedItem = (r: Row): IssuedItem => ({
  index: r.idx as number,
  serial: r.serial as string,
  signature: r.signature as Uint8Array,
});

export const toItem = (r: Row): StoredItem => ({
  index: r.idx as number,
  serial: r.serial as string,
  leaf: r.leaf as Uint8Array,
  signature: r.signature as Uint8Array,
});

/** Batch fields the service may change after creation, and their columns. */
export const BATCH_COLUMNS: Partial<Record<keyof Batch, string>> = {
  state: "state",
  generated: "generated",
  merkleRoot: "merkle_root",
  signer: "signer",
  transactionHash: "transaction_hash",
  rawTransaction: "raw_transaction",
  blockNumber: "block_number",
  error: "error",
  confirmedAt: "confirmed_at",
};

export const toParty = (r: Row): Party => ({
  address: r.address as Address,
  orgId: r.org_id as string,
  kind: r.kind as Party["kind"],
  country: r.country as string,
  name: r.name as string,
  createdAt: r.created_at as string,
});

export const toShipment = (r: Row): Shipment => ({
  id: r.id as Hex,
  orgId: r.org_id as string,
  shipper: r.shipper as Address,
  waybill: r.waybill as string,
  consignee: r.consignee as Address,
  origin: r.origin as string,
  destination: r.destination as string,
  itemCount: r.item_count as number,
  itemsRoot: r.items_root as Hex,
  state: r.state as Shipment["state"],
  transactionHash: opt<Hex>(r.transaction_hash),
  blockNumber: opt<number>(r.block_number),
  createdAt: r.created_at as string,
});

export const toInspection = (r: Row): Inspection => ({
  id: r.id as string,
  shipmentId: r.shipment_id as Hex,
  officeOrgId: r.office_org_id as string,
  createdAt: r.created_at as string,
  report: r.report as string,
  reportHash: r.report_hash as Hex,
  outcome: opt<Inspection["outcome"]>(r.outcome),
  brandIds: typeof r.brand_ids === "string" ? (JSON.parse(r.brand_ids) as Hex[]) : [],
  transactionHash: opt<Hex>(r.transaction_hash),
  blockNumber: opt<number>(r.block_number),
});
