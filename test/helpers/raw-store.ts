/**
 * What a service's store holds, read beneath the store's interface (the SQLite file, or every PostgreSQL
 * table), for tests of what is kept at rest.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { TestService } from "./service.ts";

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every byte the store keeps: the SQLite file, or each PostgreSQL table's rows, as text and raw bytes. */
export async function storedBytes(svc: TestService): Promise<Buffer> {
  const url = svc.ctx.config.databaseUrl;
  if (url === undefined) return readFile(path.join(svc.dataDir, "veritrace.db"));
  return withPostgres(url, async (client) => {
    const tables = (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")).rows;
    const parts: Buffer[] = [];
    for (const { name } of tables) {
      for (const row of (await client.query(`SELECT * FROM "${name}"`)).rows) {
        for (const value of Object.values(row)) parts.push(Buffer.isBuffer(value) ? value : Buffer.from(String(value), "latin1"));
      }
    }
    return Buffer.concat(parts);
  });
}

/** The scan log's rows for a serial, as stored: brand and (coarsened) location. */
export async function storedScans(svc: TestService, serial: string): Promise<Array<{ brand_id: string; latitude: number | null; longitude: number | null }>> {
  const sql = "SELECT brand_id, latitude, longitude FROM scans WHERE serial = ";
  const url = svc.ctx.config.databaseUrl;
  if (url === undefined) {
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(path.join(svc.dataDir, "veritrace.db"));
    try {
      return db.prepare(`${sql}?`).all(serial) as Array<{ brand_id: string; latitude: number | null; longitude: number | null }>;
    } finally {
      db.close();
    }
  }
  return withPostgres(url, async (client) => (await client.query(`${sql}$1`, [serial])).rows);
}
