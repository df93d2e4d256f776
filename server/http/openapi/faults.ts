/**
 * The dependency-fault answers, added to the description in one place rather than to each operation:
 * 503 `CHAIN_UNREACHABLE` on every write that reaches the chain (`chain/faults.ts`), and 503
 * `DATABASE_UNAVAILABLE` on every operation that reads or writes the store when it is PostgreSQL
 * (`store/postgres/faults.ts`), both with `Retry-After`.
 */
import { CHAIN_RETRY_AFTER_SECONDS } from "../../chain/faults.ts";
import { DATABASE_RETRY_AFTER_SECONDS } from "../../store/postgres/faults.ts";
import { error } from "./parts.ts";

const WRITES = new Set(["post", "put", "patch", "delete"]);
/** Writes that never reach the chain. */
const CHAIN_FREE = new Set(["post /api/v1/sessions"]);
/** Operations that never touch the store: the chain or the service's own description only. */
const STORE_FREE = new Set(["get /api/v1/network", "get /api/v1/openapi.json", "get /api/v1/prefixes/{prefix}", "get /api/v1/licences/check"]);

type Answer = { description: string; headers: Record<string, unknown> };
type Operation = { responses?: Record<string, { description?: string; $ref?: string }> };

const retryAfter = (seconds: number) => ({ "Retry-After": { description: `Seconds to wait before retrying (${seconds})`, schema: { type: "integer" } } });

const chainUnreachable: Answer = {
  ...error("CHAIN_UNREACHABLE: the chain node refused the connection or did not answer in time (RPC_TIMEOUT_MS); try again after Retry-After"),
  headers: retryAfter(CHAIN_RETRY_AFTER_SECONDS),
};

const databaseUnavailable: Answer = {
  ...error("DATABASE_UNAVAILABLE: the PostgreSQL database (DATABASE_URL) is down, restarting or not answering; nothing was half-written; try again after Retry-After"),
  headers: retryAfter(DATABASE_RETRY_AFTER_SECONDS),
};

type Responses = NonNullable<Operation["responses"]>;

/** Adds `answer` as the operation's 503, after any 503 it already describes (inline, or shared through a $ref). */
function add503(responses: Responses, answer: Answer, shared: Record<string, { description: string }>): void {
  const existing = responses["503"];
  const described = existing?.$ref === undefined ? existing?.description : shared[existing.$ref.split("/").pop()!]?.description;
  if (described?.includes(answer.description.split(":")[0]!)) return;
  responses["503"] = described === undefined ? answer : { ...answer, description: `${described}; or ${answer.description}` };
}

/** `shared`: the document's components.responses, which a 503 may refer to. */
export function withDependencyFaults<P extends Record<string, Record<string, unknown>>>(paths: P, shared: Record<string, { description: string }>): P {
  for (const [path, operations] of Object.entries(paths)) {
    if (!path.startsWith("/api/v1/")) continue;
    for (const [method, operation] of Object.entries(operations) as [string, Operation][]) {
      const { responses } = operation;
      if (responses === undefined) continue;
      if (WRITES.has(method) && !CHAIN_FREE.has(`${method} ${path}`)) add503(responses, chainUnreachable, shared);
      if (!STORE_FREE.has(`${method} ${path}`)) add503(responses, databaseUnavailable, shared);
    }
  }
  return paths;
}
