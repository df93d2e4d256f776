/**
 * The chain-fault answer every write operation can give (`chain/faults.ts`), added to the description in
 * one place rather than to each operation: 503 `CHAIN_UNREACHABLE` with `Retry-After`.
 */
import { CHAIN_RETRY_AFTER_SECONDS } from "./chain/faults.ts";
import { error } from "./openapi-parts.ts";

const WRITES = new Set(["post", "put", "patch", "delete"]);
/** Writes that never reach the chain. */
const CHAIN_FREE = new Set(["post /api/v1/sessions"]);

const chainUnreachable = {
  ...error("CHAIN_UNREACHABLE: the chain node refused the connection or did not answer in time (RPC_TIMEOUT_MS); try again after Retry-After"),
  headers: { "Retry-After": { description: `Seconds to wait before retrying (${CHAIN_RETRY_AFTER_SECONDS})`, schema: { type: "integer" } } },
};

type Operation = { responses?: Record<string, { description?: string }> };

export function withChainFaults<P extends Record<string, Record<string, unknown>>>(paths: P): P {
  for (const [path, operations] of Object.entries(paths)) {
    if (!path.startsWith("/api/v1/")) continue;
    for (const [method, operation] of Object.entries(operations) as [string, Operation][]) {
      if (!WRITES.has(method) || CHAIN_FREE.has(`${method} ${path}`) || operation.responses === undefined) continue;
      const existing = operation.responses["503"];
      if (existing?.description?.startsWith("CHAIN_UNREACHABLE")) continue;
      operation.responses["503"] =
        existing === undefined ? chainUnreachable : { ...chainUnreachable, description: `${existing.description}; or ${chainUnreachable.description}` };
    }
  }
  return paths;
}
