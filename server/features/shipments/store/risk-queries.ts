/**
 * The risk lanes' reads, written once for both stores: the SQL (with `?` placeholders; PostgreSQL's are
 * numbered by `store/placeholders.ts`) and the folding of its rows into a `RiskHistory`.
 */
import type { Hex } from "viem";
import type { Row } from "../../../store/rows.ts";
import type { OutcomeCounts, RiskHistory, ShipmentRiskItems } from "./types.ts";

/** Inspections with an outcome, by route and parties (addresses lower-cased: the same account however written). */
export const OUTCOMES_SQL = `
  SELECT s.origin, s.destination, lower(s.shipper) AS shipper, lower(s.consignee) AS consignee,
         COUNT(*) AS inspected, SUM(CASE WHEN i.outcome = 'seized' THEN 1 ELSE 0 END) AS seized
  FROM inspections i JOIN shipments s ON s.id = i.shipment_id
  WHERE i.outcome IS NOT NULL
  GROUP BY s.origin, s.destination, lower(s.shipper), lower(s.consignee)`;

/** When each address first appeared in a shipment, in either role. */
export const FIRST_SEEN_SQL = `
  SELECT address, MIN(created_at) AS first_seen FROM (
    SELECT lower(shipper) AS address, created_at FROM shipments
    UNION ALL SELECT lower(consignee) AS address, created_at FROM shipments
  ) seen GROUP BY address`;

/** Shipments an inspection gave an outcome: they are past their lane. */
export const INSPECTED_SQL = "SELECT DISTINCT shipment_id FROM inspections WHERE outcome IS NOT NULL";

export const ITEMS_BY_BATCH_SQL = `
  SELECT i.batch_id, b.gtin, b.lot, lower(b.brand_id) AS brand_id, COUNT(*) AS items FROM shipment_items i JOIN batches b ON b.id = i.batch_id
  WHERE i.shipment_id = ? GROUP BY i.batch_id, b.gtin, b.lot, lower(b.brand_id) ORDER BY i.batch_id`;

/** The shipment's items that another shipper declared in another shipment. */
export const DECLARED_ELSEWHERE_SQL = `
  SELECT COUNT(*) AS n FROM shipment_items a
  WHERE a.shipment_id = ? AND EXISTS (
    SELECT 1 FROM shipment_items o JOIN shipments so ON so.id = o.shipment_id
    WHERE o.item_id = a.item_id AND o.shipment_id <> a.shipment_id
      AND lower(so.shipper) <> (SELECT lower(shipper) FROM shipments WHERE id = a.shipment_id))`;

export function foldRiskHistory(outcomes: readonly Row[], seen: readonly Row[], inspected: readonly Row[]): RiskHistory {
  const history: RiskHistory = {
    all: { inspected: 0, seized: 0 },
    routes: new Map(),
    shippers: new Map(),
    consignees: new Map(),
    firstSeen: new Map(),
    inspectedShipments: new Set(inspected.map((r) => r.shipment_id as string)),
  };
  const add = (map: Map<string, OutcomeCounts>, key: string, inspected: number, seized: number) => {
    const counts = map.get(key) ?? { inspected: 0, seized: 0 };
    counts.inspected += inspected;
    counts.seized += seized;
    map.set(key, counts);
  };
  for (const r of outcomes) {
    const inspected = Number(r.inspected);
    const seized = Number(r.seized);
    history.all.inspected += inspected;
    history.all.seized += seized;
    add(history.routes, `${r.origin as string}>${r.destination as string}`, inspected, seized);
    add(history.shippers, r.shipper as string, inspected, seized);
    add(history.consignees, r.consignee as string, inspected, seized);
  }
  for (const r of seen) history.firstSeen.set(r.address as string, r.first_seen as string);
  return history;
}

export function toRiskItems(batches: readonly Row[], elsewhere: Row | undefined): ShipmentRiskItems {
  return {
    batches: batches.map((r) => ({ batchId: r.batch_id as Hex, gtin: r.gtin as string, lot: r.lot as string, brandId: r.brand_id as Hex, items: Number(r.items) })),
    declaredElsewhere: Number(elsewhere?.n ?? 0),
  };
}
