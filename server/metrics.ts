/**
 * Prometheus metrics of the service, on a registry of its own so that tests can run several services.
 * docs/observability.md lists every series and what to alert on.
 *
 * Labels are bounded on purpose: routes are Express route templates (never raw paths), reasons and codes
 * are the service's own stable machine codes, RPC methods are JSON-RPC method names.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { API_BATCH_STATES, type ApiBatchState } from "../api/batches.ts";

export type Metrics = ReturnType<typeof createMetrics>;

export type MetricsSources = {
  batchesByState: () => Promise<Record<ApiBatchState, number>>;
  /** Unix seconds of the latest block the chain probe saw; undefined until a probe has succeeded. */
  headTimestamp?: () => number | undefined;
};

export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "veritrace_" });
  return {
    registry,
    batchesCreated: new Counter({ name: "veritrace_batches_created_total", help: "Batches accepted", registers: [registry] }),
    itemsIssued: new Counter({ name: "veritrace_items_issued_total", help: "Items serialised and signed", registers: [registry] }),
    batches: new Gauge({
      name: "veritrace_batches",
      help: "Batches by state, with the API's state names (pending, submitted, confirmed, failed)",
      labelNames: ["state"],
      registers: [registry],
      async collect() {
        const counts = await sources.batchesByState();
        for (const state of API_BATCH_STATES) this.set({ state }, counts[state]);
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
    httpRequests: new Counter({
      name: "http_requests_total",
      help: "HTTP requests answered, by method, route template and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "From a request's arrival to its last byte sent, by method, route template and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    verdicts: new Counter({
      name: "veritrace_verdicts_total",
      help: "The service's verdicts (verify, resolver), by verdict and deciding reason (the first; NONE for a clean GENUINE)",
      labelNames: ["verdict", "reason"],
      registers: [registry],
    }),
    chainHeadAge: new Gauge({
      name: "veritrace_chain_head_age_seconds",
      help: "Now minus the timestamp of the latest block the chain probe read; grows while the chain is unreachable or stalled",
      registers: [registry],
      collect() {
        const at = sources.headTimestamp?.();
        if (at === undefined) return;
        this.set(Math.max(0, Date.now() / 1000 - at));
      },
    }),
    chainUp: new Gauge({
      name: "veritrace_chain_up",
      help: "1 when the latest chain probe read the head block in time, else 0",
      registers: [registry],
    }),
    rpcErrors: new Counter({
      name: "veritrace_rpc_errors_total",
      help: "Failed JSON-RPC calls to the chain by method: unreachable (network, timeout, HTTP status) or error (the node answered an error; contract reverts excluded)",
      labelNames: ["method", "kind"],
      registers: [registry],
    }),
  };
}
