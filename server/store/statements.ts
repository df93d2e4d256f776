/**
 * Prepared statements kept per SQL text. node:sqlite compiles a statement on every `prepare`, which costs
 * more than running a simple indexed query: the verify endpoint and manifest checks call the same few
 * queries thousands of times a second.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";

export function statementCache(db: DatabaseSync): (sql: string) => StatementSync {
  const statements = new Map<string, StatementSync>();
  return (sql) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
