/** Prometheus metrics of the service, on a registry of its own so that tests can run several services. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(batchesByState: () => Record<string, number>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "veritrace_" });
  return {
    registry,
    batchesCreated: new Counter({ name: "veritrace_batches_created_total", help: "Batches accepted", registers: [registry] }),
    itemsIssued: new Counter({ name: "veritrace_items_issued_total", help: "Items serialised and signed", registers: [registry] }),
    batches: new Gauge({
      name: "veritrace_batches",
      help: "Batches by life-cycle state",
      labelNames: ["state"],
      registers: [registry],
      collect() {
        this.reset();
        for (const [state, count] of Object.entries(batchesByState())) this.set({ state }, count);
      },
    }),
    chainTxSeconds: new Histogram({
      name: "veritrace_chain_transaction_seconds",
      help: "From sending a transaction to its receipt",
      labelNames: ["kind"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 30, 60, 120],
      registers: [registry],
    }),
    httpErrors: new Counter({
      name: "veritrace_http_errors_total",
      help: "Error responses by code",
      labelNames: ["code", "status"],
      registers: [registry],
    }),
  };
}
