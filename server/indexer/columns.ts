/** The index's key columns, shared by the SQLite and PostgreSQL stores so their rows and filters agree. */
import type { EventKeys, IndexedEvent } from "./index-store.ts";

export const KEY_COLUMNS: ReadonlyArray<readonly [keyof EventKeys, string]> = [
  ["brandId", "brand_id"],
  ["batchId", "batch_id"],
  ["workId", "work_id"],
  ["shipmentId", "shipment_id"],
  ["licenceId", "licence_id"],
  ["noticeId", "notice_id"],
  ["platformId", "platform_id"],
  ["account", "account"],
  ["otherAccount", "other_account"],
];

/** Every column of an event row, in insert order. */
export const EVENT_COLUMNS = [
  "block_number",
  "log_index",
  "block_hash",
  "transaction_hash",
  "contract",
  "event_name",
  "args",
  ...KEY_COLUMNS.map(([, column]) => column),
];

/** An event's values in `EVENT_COLUMNS` order (`args` as JSON text). */
export function rowValues(event: IndexedEvent): (string | number | null)[] {
  return [
    event.blockNumber,
    event.logIndex,
    event.blockHash,
    event.transactionHash,
    event.contract,
    event.eventName,
    JSON.stringify(event.args),
    ...KEY_COLUMNS.map(([key]) => event[key]),
  ];
}

/** An event from a row read back (`args` JSON text in SQLite, already parsed by pg for jsonb). */
export function eventOf(row: Record<string, unknown>): IndexedEvent {
  const keys = Object.fromEntries(KEY_COLUMNS.map(([key, column]) => [key, (row[column] as string | null) ?? null])) as unknown as IndexedEvent;
  return {
    ...keys,
    blockNumber: Number(row.block_number),
    logIndex: Number(row.log_index),
    blockHash: row.block_hash as IndexedEvent["blockHash"],
    transactionHash: row.transaction_hash as IndexedEvent["transactionHash"],
    contract: row.contract as IndexedEvent["contract"],
    eventName: row.event_name as string,
    args: typeof row.args === "string" ? JSON.parse(row.args) : (row.args as Record<string, unknown>),
  };
}

/**
 * The WHERE clause of a list query and its parameters, with `placeholder(i)` writing the i-th parameter
 * (`?` in SQLite, `$i` in PostgreSQL). The account filter matches either account column.
 */
export function whereOf(
  filter: Record<string, unknown> & { eventName: string },
  after: { blockNumber: number; logIndex: number } | undefined,
  placeholder: (index: number) => string,
): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [];
  const next = (value: string | number) => (params.push(value), placeholder(params.length));
  const clauses = [`event_name = ${next(filter.eventName)}`];
  if (typeof filter.contract === "string") clauses.push(`contract = ${next(filter.contract.toLowerCase())}`);
  for (const [key, column] of KEY_COLUMNS) {
    const value = filter[key];
    if (typeof value !== "string" || key === "otherAccount") continue;
    if (key === "account") {
      const a = next(value.toLowerCase());
      clauses.push(filter.accountRole === "account" ? `account = ${a}` : `(account = ${a} OR other_account = ${a})`);
    } else clauses.push(`${column} = ${next(value.toLowerCase())}`);
  }
  if (after !== undefined) {
    const b = next(after.blockNumber);
    clauses.push(`(block_number > ${b} OR (block_number = ${b} AND log_index > ${next(after.logIndex)}))`);
  }
  return { sql: clauses.join(" AND "), params };
}
