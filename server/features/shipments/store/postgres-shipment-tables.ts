/** Parties, shipments and inspections on PostgreSQL (the SQLite twin explains them: sqlite-shipment-tables.ts). */
import type { Address, Hex } from "viem";
import type { Inspection, ItemRef, Party, RiskHistory, Shipment, ShipmentRiskItems } from "./types.ts";
import { DECLARED_ELSEWHERE_SQL, FIRST_SEEN_SQL, foldRiskHistory, INSPECTED_SQL, ITEMS_BY_BATCH_SQL, OUTCOMES_SQL, toRiskItems } from "./risk-queries.ts";
import { numbered } from "../../../store/placeholders.ts";
import type { ItemKey } from "../../brands/store/types.ts";
import type { Database } from "../../../store/postgres/database.ts";
import { toInspection, toParty, toShipment } from "../../../store/rows.ts";

/** Rows per INSERT of a shipment's items: well under PostgreSQL's 65,535 parameters, as arrays. */
const ITEMS_PER_INSERT = 10_000;
const PAGE = 1_000;

export class PgShipmentTables {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async addParty(p: Party): Promise<void> {
    await this.#db.query("INSERT INTO parties (address, org_id, kind, country, name, created_at) VALUES ($1, $2, $3, $4, $5, $6)", [
      p.address,
      p.orgId,
      p.kind,
      p.country,
      p.name,
      p.createdAt,
    ]);
  }

  async getParty(address: Address): Promise<Party | undefined> {
    const row = await this.#db.one("SELECT * FROM parties WHERE address = $1", [address]);
    return row && toParty(row);
  }

  async listParties(): Promise<Party[]> {
    return (await this.#db.query("SELECT * FROM parties ORDER BY created_at, seq")).map(toParty);
  }

  /** The shipment and its items in one transaction; items go in as arrays, thousands per statement. */
  createShipment(s: Shipment, itemIds: Uint8Array, refs: readonly ItemRef[]): Promise<void> {
    return this.#db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO shipments (id, org_id, shipper, waybill, consignee, origin, destination, item_count, items_root, state, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [s.id, s.orgId, s.shipper, s.waybill, s.consignee, s.origin, s.destination, s.itemCount, s.itemsRoot, s.state, s.createdAt],
      );
      for (let from = 0; from < refs.length; from += ITEMS_PER_INSERT) {
        const page = refs.slice(from, from + ITEMS_PER_INSERT);
        await tx.query(
          `INSERT INTO shipment_items (shipment_id, idx, item_id, batch_id, serial)
           SELECT $1, * FROM unnest($2::integer[], $3::bytea[], $4::text[], $5::text[])`,
          [
            s.id,
            page.map((_, i) => from + i),
            page.map((_, i) => Buffer.from(itemIds.buffer, itemIds.byteOffset + (from + i) * 32, 32)),
            page.map((ref) => ref.batchId),
            page.map((ref) => ref.serial),
          ],
        );
      }
    });
  }

  async getShipment(id: Hex): Promise<Shipment | undefined> {
    const row = await this.#db.one("SELECT * FROM shipments WHERE id = $1", [id]);
    return row && toShipment(row);
  }

  async listShipmentsInState(state: Shipment["state"]): Promise<Shipment[]> {
    return (await this.#db.query("SELECT * FROM shipments WHERE state = $1 ORDER BY created_at, seq", [state])).map(toShipment);
  }

  async confirmShipment(id: Hex, transactionHash: Hex, blockNumber: number): Promise<void> {
    await this.#db.query("UPDATE shipments SET state = 'confirmed', transaction_hash = $1, block_number = $2 WHERE id = $3", [transactionHash, blockNumber, id]);
  }

  async shipmentItemIds(id: Hex): Promise<Uint8Array> {
    const rows = await this.#db.query<{ item_id: Buffer }>("SELECT item_id FROM shipment_items WHERE shipment_id = $1 ORDER BY idx", [id]);
    const out = new Uint8Array(rows.length * 32);
    rows.forEach((row, i) => out.set(row.item_id, 32 * i));
    return out;
  }

  /** The shipment's items as GTIN, lot and serial, in order, a page at a time. */
  async *shipmentItemKeys(id: Hex, pageSize = PAGE): AsyncGenerator<ItemKey> {
    for (let from = 0; ; ) {
      const rows = await this.#db.query(
        "SELECT i.idx, b.gtin, b.lot, i.serial FROM shipment_items i JOIN batches b ON b.id = i.batch_id WHERE i.shipment_id = $1 AND i.idx >= $2 ORDER BY i.idx LIMIT $3",
        [id, from, pageSize],
      );
      if (rows.length === 0) return;
      for (const r of rows) yield { gtin: r.gtin as string, lot: r.lot as string, serial: r.serial as string };
      from = Number(rows.at(-1)!.idx) + 1;
    }
  }

  async shipmentsWithItem(itemId: Uint8Array): Promise<Array<{ shipmentId: Hex; index: number }>> {
    const rows = await this.#db.query(
      "SELECT i.shipment_id, i.idx FROM shipment_items i JOIN shipments s ON s.id = i.shipment_id WHERE i.item_id = $1 ORDER BY s.created_at, s.seq",
      [Buffer.from(itemId.buffer, itemId.byteOffset, itemId.byteLength)],
    );
    return rows.map((r) => ({ shipmentId: r.shipment_id as Hex, index: r.idx as number }));
  }

  async createInspection(i: Inspection): Promise<void> {
    await this.#db.query("INSERT INTO inspections (id, shipment_id, office_org_id, created_at, report, report_hash) VALUES ($1, $2, $3, $4, $5, $6)", [
      i.id,
      i.shipmentId,
      i.officeOrgId,
      i.createdAt,
      i.report,
      i.reportHash,
    ]);
  }

  async getInspection(id: string): Promise<Inspection | undefined> {
    const row = await this.#db.one("SELECT * FROM inspections WHERE id = $1", [id]);
    return row && toInspection(row);
  }

  /** Sets the outcome once: false when one was set already. The row lock makes two instances' claims take turns. */
  async claimInspectionOutcome(id: string, outcome: NonNullable<Inspection["outcome"]>, brandIds: readonly Hex[]): Promise<boolean> {
    const rows = await this.#db.query("UPDATE inspections SET outcome = $1, brand_ids = $2 WHERE id = $3 AND outcome IS NULL RETURNING id", [
      outcome,
      JSON.stringify(brandIds),
      id,
    ]);
    return rows.length === 1;
  }

  async markInspectionRecorded(id: string, transactionHash: Hex, blockNumber: number): Promise<void> {
    await this.#db.query("UPDATE inspections SET transaction_hash = $1, block_number = $2 WHERE id = $3", [transactionHash, blockNumber, id]);
  }

  /** Outcomes chosen whose transaction is not confirmed yet: what the reconciler finishes. */
  async listUnrecordedInspections(): Promise<Inspection[]> {
    return (await this.#db.query("SELECT * FROM inspections WHERE outcome IS NOT NULL AND transaction_hash IS NULL ORDER BY created_at, seq")).map(toInspection);
  }

  async riskHistory(): Promise<RiskHistory> {
    const [outcomes, seen, inspected] = await Promise.all([this.#db.query(OUTCOMES_SQL), this.#db.query(FIRST_SEEN_SQL), this.#db.query(INSPECTED_SQL)]);
    return foldRiskHistory(outcomes, seen, inspected);
  }

  async shipmentRiskItems(id: Hex): Promise<ShipmentRiskItems> {
    const [batches, elsewhere] = await Promise.all([this.#db.query(numbered(ITEMS_BY_BATCH_SQL), [id]), this.#db.one(numbered(DECLARED_ELSEWHERE_SQL), [id])]);
    return toRiskItems(batches, elsewhere);
  }
}
