/** What the store keeps of shipments: parties, declarations with their items, inspections; this feature's part of `Store`. */
import type { Address, Hex } from "viem";
import type { ItemKey } from "../../brands/store/types.ts";

/** A chain account admitted (or to be admitted) in the shipment registry: a customs office, or a shipper. */
export type Party = { address: Address; orgId: string; kind: "logistics" | "customs"; country: string; name: string; createdAt: string };

/** A shipment declared through this service: `declaring` until its transaction is mined. */
export type Shipment = {
  id: Hex;
  orgId: string;
  shipper: Address;
  waybill: string;
  consignee: Address;
  origin: string;
  destination: string;
  itemCount: number;
  itemsRoot: Hex;
  state: "declaring" | "confirmed";
  transactionHash: Hex | undefined;
  blockNumber: number | undefined;
  createdAt: string;
};

/** An issued item by its batch and serial. */
export type ItemRef = { batchId: Hex; serial: string };

/** A customs inspection: its report (the exact JSON text whose SHA-256 is recorded) and, once chosen, its outcome. */
export type Inspection = {
  id: string;
  shipmentId: Hex;
  officeOrgId: string;
  createdAt: string;
  report: string;
  reportHash: Hex;
  outcome: "cleared" | "held" | "seized" | undefined;
  brandIds: Hex[];
  transactionHash: Hex | undefined;
  blockNumber: number | undefined;
};

/** Inspections with an outcome ("held" counts as inspected, not seized). */
export type OutcomeCounts = { inspected: number; seized: number };

/** What past inspections say, for risk lanes: overall, by route ("CN>NL"), by shipper and by consignee address (lower-case). */
export type RiskHistory = {
  all: OutcomeCounts;
  routes: Map<string, OutcomeCounts>;
  shippers: Map<string, OutcomeCounts>;
  consignees: Map<string, OutcomeCounts>;
  /** When each address first appeared in a shipment, as shipper or as consignee (ISO time). */
  firstSeen: Map<string, string>;
  /** Shipments an inspection gave an outcome. */
  inspectedShipments: Set<string>;
};

/** A shipment's items as its risk lane reads them. */
export type ShipmentRiskItems = {
  /** Items per batch, with the batch's GTIN, lot and brand (lower-case). */
  batches: Array<{ batchId: Hex; gtin: string; lot: string; brandId: Hex; items: number }>;
  /** Items that another shipper declared too, in another shipment: more of them in circulation than were issued. */
  declaredElsewhere: number;
};

/** Shipment parties, shipments with their items, and customs inspections. */
export interface ShipmentStore {
  addParty(party: Party): Promise<void>;
  getParty(address: Address): Promise<Party | undefined>;
  listParties(): Promise<Party[]>;
  /** The shipment and its item ids (32 bytes each, in order), in one transaction. */
  createShipment(shipment: Shipment, itemIds: Uint8Array, refs: readonly ItemRef[]): Promise<void>;
  getShipment(id: Hex): Promise<Shipment | undefined>;
  listShipmentsInState(state: Shipment["state"]): Promise<Shipment[]>;
  confirmShipment(id: Hex, transactionHash: Hex, blockNumber: number): Promise<void>;
  shipmentItemIds(id: Hex): Promise<Uint8Array>;
  /** The shipment's items as GTIN, lot and serial, in order, read a page at a time. */
  shipmentItemKeys(id: Hex): AsyncIterable<ItemKey>;
  /** The shipments that declare an item, oldest first, with the item's index in each. */
  shipmentsWithItem(itemId: Uint8Array): Promise<Array<{ shipmentId: Hex; index: number }>>;
  createInspection(inspection: Inspection): Promise<void>;
  getInspection(id: string): Promise<Inspection | undefined>;
  /** Sets the outcome once; false when one was set already. */
  claimInspectionOutcome(id: string, outcome: NonNullable<Inspection["outcome"]>, brandIds: readonly Hex[]): Promise<boolean>;
  markInspectionRecorded(id: string, transactionHash: Hex, blockNumber: number): Promise<void>;
  listUnrecordedInspections(): Promise<Inspection[]>;
  /** Past inspections' outcomes aggregated for risk lanes, and when each shipper and consignee first appeared. */
  riskHistory(): Promise<RiskHistory>;
  /** The shipment's items per batch, and how many of them another shipper declared too. */
  shipmentRiskItems(id: Hex): Promise<ShipmentRiskItems>;
}
