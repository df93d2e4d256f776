/** The follower's series, on the service's registry (docs/observability.md, docs/indexer.md). */
import { Counter, Gauge, type Registry } from "prom-client";

export type IndexerMetrics = ReturnType<typeof createIndexerMetrics>;

export function createIndexerMetrics(registry: Registry) {
  return {
    lag: new Gauge({
      name: "veritrace_indexer_lag_blocks",
      help: "The chain's head minus the last indexed block, at the follower's latest round (confirmations included); 0 on instances that do not follow",
      registers: [registry],
    }),
    cursor: new Gauge({ name: "veritrace_indexer_cursor_block", help: "The last block whose registry events are all in the index", registers: [registry] }),
    events: new Counter({ name: "veritrace_indexer_events_total", help: "Registry events written into the index", registers: [registry] }),
    reorgs: new Counter({ name: "veritrace_indexer_reorgs_total", help: "Reorgs the follower rolled back (blocks whose hash changed)", registers: [registry] }),
  };
}
