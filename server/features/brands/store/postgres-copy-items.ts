/**
 * A batch's items into the `items` table with `COPY … FROM STDIN` (text format): one statement and one
 * stream of rows instead of thousands of parameters, several times faster than multi-row INSERT for a
 * 1,000,000-item batch (docs/postgresql.md has the figures). Runs on the caller's transaction. The items'
 * leaves are not written: PostgreSQL computes them from the serials when read (migration 0006).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { StoredItem } from "./types.ts";

/** Rows per chunk written to the stream: large enough to amortise the write, small enough not to hold much. */
const ROWS_PER_CHUNK = 2_000;

/** COPY's text format: backslash, tab, newline and carriage return are escaped; everything else is literal. */
const text = (value: string) => value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);
/** BYTEA in hex form, its backslash escaped for COPY. */
const bytes = (value: Uint8Array) => `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;

function* rows(batchSeq: string, items: readonly StoredItem[]): Generator<string> {
  const batch = text(batchSeq);
  for (let from = 0; from < items.length; from += ROWS_PER_CHUNK) {
    let chunk = "";
    for (const item of items.slice(from, from + ROWS_PER_CHUNK)) {
      chunk += `${batch}\t${item.index}\t${text(item.serial)}\t${bytes(item.signature)}\n`;
    }
    yield chunk;
  }
}

/** `batchSeq` is the batch's `seq` (a BIGINT), written as text. */
export async function copyItems(tx: pg.PoolClient, batchSeq: string, items: readonly StoredItem[]): Promise<void> {
  if (items.length === 0) return;
  const stream = tx.query(copyFrom("COPY items (batch_seq, idx, serial, signature) FROM STDIN"));
  await pipeline(Readable.from(rows(batchSeq, items)), stream);
}
