/**
 * Parties, shipments and inspections, in the store's SQLite file. A shipment keeps its item ids (32 bytes
 * each, in declaration order) because they are what its Merkle root is built from: proofs of declaration
 * and "is this item in the shipment" both need them, and the chain holds only the root.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Address, Hex } from "viem";
import { toInspection, toParty, toShipment, type Row } from "../../../store/rows.ts";
import { statementCache } from "../../../store/statements.ts";
import type { Inspection, ItemRef, Party, RiskHistory, Shipment, ShipmentRiskItems } from "./types.ts";
import { DECLARED_ELSEWHERE_SQL, FIRST_SEEN_SQL, foldRiskHistory, INSPECTED_SQL, ITEMS_BY_BATCH_SQL, OUTCOMES_SQL, toRiskItems } from "./risk-queries.ts";
import type { ItemKey } from "../../brands/store/types.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS parties (
  address TEXT PRIMARY KEY,
  -- No foreign key: the party is written before its organisation (see features/organisations/parties.ts).
  org_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('logistics', 'customs')),
  country TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS shipments (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  shipper TEXT NOT NULL,
  waybill TEXT NOT NULL,
  consignee TEXT NOT NULL,
  origin TEXT NOT NULL,
  destination TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  items_root TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('declaring', 'confirmed')),
  transaction_hash TEXT,
  block_number INTEGER,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS shipment_items (
  shipment_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  item_id BLOB NOT NULL,
  -- Which issued item it is, for exports that name items by GTIN, lot and serial (the id is a hash).
  batch_id TEXT NOT NULL,
  serial TEXT NOT NULL,
  PRIMARY KEY (shipment_id, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS shipment_items_by_item ON shipment_items (item_id, shipment_id);
CREATE TABLE IF NOT EXISTS inspections (
  id TEXT PRIMARY KEY,
  shipment_id TEXT NOT NULL REFERENCES shipments(id),
  office_org_id TEXT NOT NULL REFERENCES organisations(id),
  created_at TEXT NOT NULL,
  report TEXT NOT NULL,
  report_hash TEXT NOT NULL,
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('cleared', 'held', 'seized')),
  brand_ids TEXT,
  transaction_hash TEXT,
  block_number INTEGER
);
`;


export class ShipmentTables {
  readonly #sql: (sql: string) => StatementSync;
  readonly #transaction: <T>(work: () => T) => T;

  /** `transaction` is the store's own, so that these writes follow its locking. */
  constructor(db: DatabaseSync, transaction: <T>(work: () => T) => T) {
    db.exec(SCHEMA);
    this.#sql = statementCache(db);
    this.#transaction = transaction;
  }

  addParty(p: Party): void {
    this.#sql("INSERT INTO parties (address, org_id, kind, country, name, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(p.address, p.orgId, p.kind, p.country, p.name, p.createdAt);
  }

  getParty(address: Address): Party | undefined {
    const row = this.#sql("SELECT * FROM parties WHERE address = ?").get(address);
    return row && toParty(row as Row);
  }

  listParties(): Party[] {
    return this.#sql("SELECT * FROM parties ORDER BY created_at").all().map((r) => toParty(r as Row));
  }

  createShipment(s: Shipment, itemIds: Uint8Array, refs: readonly ItemRef[]): void {
    this.#transaction(() => {
      this.#sql(
          `INSERT INTO shipments (id, org_id, shipper, waybill, consignee, origin, destination, item_count, items_root, state, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(s.id, s.orgId, s.shipper, s.waybill, s.consignee, s.origin, s.destination, s.itemCount, s.itemsRoot, s.state, s.createdAt);
      const insert = this.#sql("INSERT INTO shipment_items (shipment_id, idx, item_id, batch_id, serial) VALUES (?, ?, ?, ?, ?)");
      refs.forEach((ref, i) => insert.run(s.id, i, itemIds.subarray(i * 32, i * 32 + 32), ref.batchId, ref.serial));
    });
  }

  getShipment(id: Hex): Shipment | undefined {
    const row = this.#sql("SELECT * FROM shipments WHERE id = ?").get(id);
    return row && toShipment(row as Row);
  }

  listShipmentsInState(state: Shipment["state"]): Shipment[] {
    return this.#sql("SELECT * FROM shipments WHERE state = ? ORDER BY created_at").all(state).map((r) => toShipment(r as Row));
  }

  confirmShipment(id: Hex, transactionHash: Hex, blockNumber: number): void {
    this.#sql("UPDATE shipments SET state = 'confirmed', transaction_hash = ?, block_number = ? WHERE id = ?")
      .run(transactionHash, blockNumber, id);
  }

  shipmentItemIds(id: Hex): Uint8Array {
    const count = Number(this.#sql("SELECT COUNT(*) AS n FROM shipment_items WHERE shipment_id = ?").get(id)!.n);
    const out = new Uint8Array(count * 32);
    let i = 0;
    for (const row of this.#sql("SELECT item_id FROM shipment_items WHERE shipment_id = ? ORDER BY idx").iterate(id)) {
      out.set(row.item_id as Uint8Array, 32 * i++);
    }
    return out;
  }

  /** The shipment's items as GTIN, lot and serial, in order, a page at a time (other requests run between pages). */
  async *shipmentItemKeys(id: Hex, pageSize = 1_000): AsyncGenerator<ItemKey> {
    const page = this.#sql(
      "SELECT i.idx, b.gtin, b.lot, i.serial FROM shipment_items i JOIN batches b ON b.id = i.batch_id WHERE i.shipment_id = ? AND i.idx >= ? ORDER BY i.idx LIMIT ?",
    );
    for (let from = 0; ; ) {
      const rows = page.all(id, from, pageSize);
      if (rows.length === 0) return;
      for (const r of rows) yield { gtin: r.gtin as string, lot: r.lot as string, serial: r.serial as string };
      from = Number(rows.at(-1)!.idx) + 1;
    }
  }

  shipmentsWithItem(itemId: Uint8Array): Array<{ shipmentId: Hex; index: number }> {
    return this.#sql("SELECT i.shipment_id, i.idx FROM shipment_items i JOIN shipments s ON s.id = i.shipment_id WHERE i.item_id = ? ORDER BY s.created_at")
      .all(itemId)
      .map((r) => ({ shipmentId: r.shipment_id as Hex, index: r.idx as number }));
  }

  createInspection(i: Inspection): void {
    this.#sql("INSERT INTO inspections (id, shipment_id, office_org_id, created_at, report, report_hash) VALUES (?, ?, ?, ?, ?, ?)")
      .run(i.id, i.shipmentId, i.officeOrgId, i.createdAt, i.report, i.reportHash);
  }

  getInspection(id: string): Inspection | undefined {
    const row = this.#sql("SELECT * FROM inspections WHERE id = ?").get(id);
    return row && toInspection(row as Row);
  }

  /** Sets the outcome once: false when one was set already (a second recording). */
  claimInspectionOutcome(id: string, outcome: NonNullable<Inspection["outcome"]>, brandIds: readonly Hex[]): boolean {
    const result = this.#sql("UPDATE inspections SET outcome = ?, brand_ids = ? WHERE id = ? AND outcome IS NULL")
      .run(outcome, JSON.stringify(brandIds), id);
    return Number(result.changes) === 1;
  }

  markInspectionRecorded(id: string, transactionHash: Hex, blockNumber: number): void {
    this.#sql("UPDATE inspections SET transaction_hash = ?, block_number = ? WHERE id = ?").run(transactionHash, blockNumber, id);
  }

  /** Outcomes chosen whose transaction is not confirmed yet: what the reconciler finishes. */
  listUnrecordedInspections(): Inspection[] {
    return this.#sql("SELECT * FROM inspections WHERE outcome IS NOT NULL AND transaction_hash IS NULL ORDER BY created_at")
      .all()
      .map((r) => toInspection(r as Row));
  }

  riskHistory(): RiskHistory {
    return foldRiskHistory(this.#sql(OUTCOMES_SQL).all() as Row[], this.#sql(FIRST_SEEN_SQL).all() as Row[], this.#sql(INSPECTED_SQL).all() as Row[]);
  }

  shipmentRiskItems(id: Hex): ShipmentRiskItems {
    return toRiskItems(this.#sql(ITEMS_BY_BATCH_SQL).all(id) as Row[], this.#sql(DECLARED_ELSEWHERE_SQL).get(id) as Row | undefined);
  }
}
