/**
 * Brand alerts as risk lanes read them: the active alerts indexed by GTIN once per request, then each
 * shipment's batches looked up, so that scoring thousands of shipments costs a map look-up per batch
 * rather than a scan of every alert. An alert matches a batch of its own brand and GTIN (and lot, when
 * the alert names one) on a shipment bound for its country (and from its origin, when it names one).
 */

export type AlertRule = {
  brandId: string;
  /** 14 digits. */
  gtin: string;
  lot: string | undefined;
  country: string;
  origin: string | undefined;
  reason: string;
};

/** A shipment's batch as the index reads it. */
export type AlertTarget = { brandId: string; gtin: string; lot: string };

export class BrandAlertIndex {
  readonly #byGtin = new Map<string, AlertRule[]>();

  constructor(alerts: Iterable<AlertRule>) {
    for (const alert of alerts) {
      const list = this.#byGtin.get(alert.gtin);
      if (list === undefined) this.#byGtin.set(alert.gtin, [alert]);
      else list.push(alert);
    }
  }

  /** The alerts matching any of the shipment's batches, each once, in the order they were raised. */
  match(batches: Iterable<AlertTarget>, destination: string, origin: string): AlertRule[] {
    const found = new Set<AlertRule>();
    for (const batch of batches) {
      for (const alert of this.#byGtin.get(batch.gtin.padStart(14, "0")) ?? []) {
        if (alert.brandId.toLowerCase() !== batch.brandId.toLowerCase()) continue;
        if (alert.lot !== undefined && alert.lot !== batch.lot) continue;
        if (alert.country !== destination || (alert.origin !== undefined && alert.origin !== origin)) continue;
        found.add(alert);
      }
    }
    return [...found];
  }
}
