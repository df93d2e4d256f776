/**
 * The store on Node's built-in SQLite (`node:sqlite`): one file, WAL mode, each method one transaction.
 * Items keep only what cannot be recomputed cheaply: the serial, the 32-byte leaf (so a tree rebuilds
 * without re-hashing) and the 64-byte signature, under the batch's small integer `seq` rather than its
 * 66-character id, which the item row and the serial index each repeated (323 bytes per item then, 176 now).
 */
import { closeSync, openSync } from "node:fs";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { BATCH_COLUMNS, BATCH_ROW, toAccount, toBatch, toIssuedItem, toItem, toOrganisation, type Row } from "./rows.ts";
import { statementCache } from "./statements.ts";
import type { Address, Hex } from "viem";
import { ORGANISATION_KINDS, type Account, type Organisation } from "../features/organisations/store/types.ts";
import type { Batch, BatchState, FailedBatchRefusal, IdempotentResponse, IssuedItem, ItemKey, NewBatch, StoredItem } from "../features/brands/store/types.ts";
import type { CounterfeitScan, CounterfeitScanCounts, NewScan, Scan, ScanKey, ScanSession, SessionBudget } from "../features/verification/store/types.ts";
import type { Inspection, ItemRef, Party, RiskHistory, Shipment, ShipmentRiskItems } from "../features/shipments/store/types.ts";
import type { Store } from "./store.ts";
import { ScanLog } from "../features/verification/store/sqlite-scan-log.ts";
import { RegisterQueries } from "../features/register/store/sqlite-register.ts";
import type { RegisterStore } from "../features/register/store/types.ts";
import { IntelligenceQueries } from "../features/intelligence/store/sqlite-intelligence.ts";
import type { IntelligenceStore } from "../features/intelligence/store/types.ts";
import { ShipmentTables } from "../features/shipments/store/sqlite-shipment-tables.ts";
import { BrandTables } from "../features/brands/store/sqlite-brand-tables.ts";
import { ApiKeyTables } from "../features/organisations/store/sqlite-api-key-tables.ts";
import { BatchClaims } from "../features/brands/store/sqlite-batch-claims.ts";
import { FailedBatches } from "../features/brands/store/sqlite-failed-batches.ts";
import { TimeSlice } from "../time-slice.ts";
import { TreeTables } from "../features/brands/store/sqlite-tree-tables.ts";
import { jsonListText, parseJsonList } from "../features/brands/serial-list-json.ts";
import { WorkRegionTables } from "../features/licences/store/sqlite-work-regions.ts";
import { AlertTables } from "../features/alerts/store/sqlite-alerts.ts";

/** Kinds came one by one (retailers, customs offices, logistics parties): see `#migrate`. */
const ORGANISATION_KIND_CHECK = `CHECK (kind IN (${ORGANISATION_KINDS.map((kind) => `'${kind}'`).join(", ")}))`;
/** The items of batch `?`: its `seq`, looked up once per statement. */
const SEQ_OF = "(SELECT seq FROM batches WHERE id = ?)";
/** Rows stored between two looks at the clock in `appendItems`. */
const ITEMS_PER_CLOCK = 64;
const ORGANISATIONS_COLUMNS = `
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL ${ORGANISATION_KIND_CHECK},
  brand_id TEXT UNIQUE,
  parent_id TEXT REFERENCES organisations(id),
  metadata_uri TEXT NOT NULL,
  created_at TEXT NOT NULL
`;
/** Items under their batch's `seq` (see `#migrateItems` for files made before it). */
const ITEMS_COLUMNS = `
  batch_seq INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  serial TEXT NOT NULL,
  leaf BLOB NOT NULL,
  signature BLOB NOT NULL,
  PRIMARY KEY (batch_seq, idx),
  UNIQUE (batch_seq, serial)
`;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS organisations (${ORGANISATIONS_COLUMNS});
CREATE TABLE IF NOT EXISTS api_keys (
  key_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
  address TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  role TEXT NOT NULL CHECK (role IN ('registrar', 'admin', 'signer')),
  encrypted_key BLOB NOT NULL,
  created_at TEXT NOT NULL,
  removed_at TEXT
);
CREATE TABLE IF NOT EXISTS batches (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  brand_id TEXT NOT NULL,
  gtin TEXT NOT NULL,
  lot TEXT NOT NULL,
  expiry INTEGER,
  quantity INTEGER NOT NULL,
  metadata_uri TEXT NOT NULL,
  requested_serials TEXT,
  state TEXT NOT NULL,
  generated INTEGER NOT NULL DEFAULT 0,
  merkle_root TEXT,
  signer TEXT NOT NULL,
  transaction_hash TEXT,
  raw_transaction TEXT,
  block_number INTEGER,
  error TEXT,
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  seq INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS batches_by_seq ON batches (seq);
CREATE INDEX IF NOT EXISTS batches_by_org ON batches (org_id, created_at);
CREATE INDEX IF NOT EXISTS batches_by_product ON batches (gtin, lot);
CREATE TABLE IF NOT EXISTS items (${ITEMS_COLUMNS}) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency (
  org_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (org_id, key)
);
CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY, checked_at TEXT NOT NULL);
`;




export class SqliteStore implements Store {
  readonly #db: DatabaseSync;
  readonly #sql: (sql: string) => StatementSync;
  readonly #scans: ScanLog;
  readonly #shipments: ShipmentTables;
  readonly #claims: BatchClaims;
  readonly #failedBatches: FailedBatches;
  /** Brands' countries, GS1 company prefixes and label hosts (see features/brands/store/sqlite-brand-tables.ts). */
  readonly brands: BrandTables;
  readonly apiKeys: ApiKeyTables;
  readonly trees: TreeTables;
  readonly register: RegisterStore;
  readonly intelligence: IntelligenceStore;
  readonly workRegions: WorkRegionTables;
  readonly alerts: AlertTables;

  constructor(file: string) {
    // Made owner-only before SQLite opens it: SQLite gives the -wal and -shm files the database's mode.
    if (file !== ":memory:") closeSync(openSync(file, "a", 0o600));
    this.#db = new DatabaseSync(file);
    this.#sql = statementCache(this.#db);
    // node:sqlite turns foreign keys on by default; they stay off while a migration rebuilds a table.
    this.#db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = OFF;");
    this.#migrate();
    this.#migrateItems();
    this.#db.exec("PRAGMA foreign_keys = ON;");
    this.#db.exec(SCHEMA);
    this.#scans = new ScanLog(this.#db, (work) => this.#transaction(work));
    this.#shipments = new ShipmentTables(this.#db, (work) => this.#transaction(work));
    this.brands = new BrandTables(this.#db);
    this.apiKeys = new ApiKeyTables(this.#db, (work) => this.#transaction(work));
    this.#claims = new BatchClaims(this.#db, (work) => this.#transaction(work));
    this.trees = new TreeTables(this.#db, (work) => this.#transaction(work));
    this.register = new RegisterQueries(this.#db);
    this.intelligence = new IntelligenceQueries(this.#db);
    this.#failedBatches = new FailedBatches(this.#db, (work) => this.#transaction(work));
    this.workRegions = new WorkRegionTables(this.#db);
    this.alerts = new AlertTables(this.#db);
  }

  /**
   * A database made before the newest organisation kind has a check that refuses it. SQLite cannot alter a
   * check, so the table is rebuilt (SQLite's documented procedure, foreign keys off), keeping every column
   * the old table had.
   */
  #migrate(): void {
    const table = this.#sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'organisations'").get();
    if (table === undefined || String(table.sql).includes(ORGANISATION_KIND_CHECK)) return;
    const columns = this.#sql("SELECT name FROM pragma_table_info('organisations')")
      .all()
      .map((row) => String(row.name))
      .join(", ");
    this.#transaction(() => {
      this.#db.exec(`CREATE TABLE organisations_new (${ORGANISATIONS_COLUMNS});`);
      this.#db.exec(`INSERT INTO organisations_new (${columns}) SELECT ${columns} FROM organisations;`);
      this.#db.exec("DROP TABLE organisations; ALTER TABLE organisations_new RENAME TO organisations;");
    });
  }

  /**
   * A database made before batches had a `seq` keeps items under the batch's text id: each batch gets its
   * rowid as `seq` (a rowid alone may change on VACUUM, a column does not) and the items are copied into
   * the compact table, in one transaction.
   */
  #migrateItems(): void {
    const columns = this.#sql("SELECT name FROM pragma_table_info('items')").all().map((row) => String(row.name));
    if (!columns.includes("batch_id")) return;
    this.#transaction(() => {
      const batchColumns = this.#sql("SELECT name FROM pragma_table_info('batches')").all().map((row) => String(row.name));
      if (!batchColumns.includes("seq")) this.#db.exec("ALTER TABLE batches ADD COLUMN seq INTEGER;");
      this.#db.exec(`UPDATE batches SET seq = rowid WHERE seq IS NULL;
        CREATE UNIQUE INDEX IF NOT EXISTS batches_by_seq ON batches (seq);
        CREATE TABLE items_compact (${ITEMS_COLUMNS}) WITHOUT ROWID;
        INSERT INTO items_compact (batch_seq, idx, serial, leaf, signature)
          SELECT b.seq, i.idx, i.serial, i.leaf, i.signature FROM items i JOIN batches b ON b.id = i.batch_id ORDER BY b.seq, i.idx;
        DROP TABLE items;
        ALTER TABLE items_compact RENAME TO items;`);
    });
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      this.#db.exec("COMMIT");
      return result;
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  async createOrganisation(org: Organisation, accounts: Account[], apiKeyHash: string): Promise<void> {
    this.#transaction(() => {
      this.#sql("INSERT INTO organisations (id, name, kind, brand_id, parent_id, metadata_uri, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(org.id, org.name, org.kind, org.brandId ?? null, org.parentId ?? null, org.metadataUri, org.createdAt);
      for (const account of accounts) this.#insertAccount(account);
      this.#sql("INSERT INTO api_keys (key_hash, org_id, created_at) VALUES (?, ?, ?)").run(apiKeyHash, org.id, org.createdAt);
    });
  }

  async getOrganisation(id: string): Promise<Organisation | undefined> {
    const row = this.#sql("SELECT * FROM organisations WHERE id = ?").get(id);
    return row && toOrganisation(row as Row);
  }

  async findOrganisationByName(name: string): Promise<Organisation | undefined> {
    const row = this.#sql("SELECT * FROM organisations WHERE name = ?").get(name);
    return row && toOrganisation(row as Row);
  }

  async findOrganisationByApiKeyHash(hash: string): Promise<Organisation | undefined> {
    const row = this.#sql("SELECT o.* FROM api_keys k JOIN organisations o ON o.id = k.org_id WHERE k.key_hash = ?")
      .get(hash);
    return row && toOrganisation(row as Row);
  }

  async listOrganisations(): Promise<Organisation[]> {
    return this.#sql("SELECT * FROM organisations ORDER BY created_at").all().map((r) => toOrganisation(r as Row));
  }

  #insertAccount(a: Account): void {
    this.#sql("INSERT INTO accounts (address, org_id, role, encrypted_key, created_at, removed_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(a.address, a.orgId, a.role, a.encryptedKey, a.createdAt, a.removedAt ?? null);
  }

  async addAccount(account: Account): Promise<void> {
    this.#insertAccount(account);
  }

  async listAccounts(orgId: string): Promise<Account[]> {
    return this.#sql("SELECT * FROM accounts WHERE org_id = ? ORDER BY created_at, rowid")
      .all(orgId)
      .map((r) => toAccount(r as Row));
  }

  async getAccount(address: Address): Promise<Account | undefined> {
    const row = this.#sql("SELECT * FROM accounts WHERE address = ?").get(address);
    return row && toAccount(row as Row);
  }

  async markAccountRemoved(address: Address, removedAt: string): Promise<void> {
    this.#sql("UPDATE accounts SET removed_at = ? WHERE address = ?").run(removedAt, address);
  }

  async createBatch(batch: NewBatch, idempotency?: { orgId: string; key: string; response: IdempotentResponse }): Promise<Batch | undefined> {
    const createdAt = new Date().toISOString();
    const serials = batch.serials && (await jsonListText(batch.serials));
    const created = this.#transaction(() => {
      const taken =
        this.#sql("SELECT 1 FROM batches WHERE id = ?").get(batch.id) !== undefined ||
        (idempotency !== undefined && this.#sql("SELECT 1 FROM idempotency WHERE org_id = ? AND key = ?").get(idempotency.orgId, idempotency.key) !== undefined);
      if (taken) return false;
      this.#sql(
          `INSERT INTO batches (id, org_id, brand_id, gtin, lot, expiry, quantity, metadata_uri, requested_serials, state, signer, created_at, seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'generating', ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM batches))`,
        )
        .run(
          batch.id,
          batch.orgId,
          batch.brandId,
          batch.gtin,
          batch.lot,
          batch.expiry ?? null,
          batch.quantity,
          batch.metadataUri,
          serials ?? null,
          batch.signer,
          createdAt,
        );
      if (idempotency) {
        const { orgId, key, response } = idempotency;
        this.#sql("INSERT INTO idempotency (org_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")
          .run(orgId, key, response.requestHash, response.status, JSON.stringify(response.body), createdAt);
      }
      return true;
    });
    return created ? this.#batch(batch.id)! : undefined;
  }

  async getBatch(id: Hex): Promise<Batch | undefined> {
    return this.#batch(id);
  }

  #batch(id: Hex): Batch | undefined {
    const row = this.#sql(`SELECT ${BATCH_ROW} FROM batches WHERE id = ?`).get(id);
    return row && toBatch(row as Row);
  }

  async listBatches(orgId: string): Promise<Batch[]> {
    return this.#sql(`SELECT ${BATCH_ROW} FROM batches WHERE org_id = ? ORDER BY created_at DESC`)
      .all(orgId)
      .map((r) => toBatch(r as Row));
  }

  async listBatchesInState(...states: BatchState[]): Promise<Batch[]> {
    const marks = states.map(() => "?").join(", ");
    return this.#sql(`SELECT ${BATCH_ROW} FROM batches WHERE state IN (${marks}) ORDER BY created_at`)
      .all(...states)
      .map((r) => toBatch(r as Row));
  }

  async countBatchesByState(): Promise<Record<BatchState, number>> {
    const counts: Record<BatchState, number> = { generating: 0, anchoring: 0, submitted: 0, confirmed: 0, failed: 0 };
    for (const row of this.#sql("SELECT state, COUNT(*) AS n FROM batches GROUP BY state").all()) {
      counts[row.state as BatchState] = Number(row.n);
    }
    return counts;
  }

  async requestedSerials(batchId: Hex): Promise<string[] | undefined> {
    const row = this.#sql("SELECT requested_serials FROM batches WHERE id = ?").get(batchId);
    const text = row?.requested_serials;
    return typeof text === "string" ? await parseJsonList(text) : undefined;
  }

  /**
   * One transaction per time slice, each committing its items with their count: a chunk of 10,000 rows in
   * one transaction held every other request for 40-400 ms (the serial index's random inserts), while a
   * resumed generation only needs the count and the items to agree, which each transaction keeps.
   */
  async appendItems(batchId: Hex, items: readonly StoredItem[]): Promise<void> {
    const seq = this.#sql("SELECT seq FROM batches WHERE id = ?").get(batchId)?.seq;
    if (seq === undefined) throw new Error(`No batch ${batchId} to add items to`);
    const insert = this.#sql("INSERT INTO items (batch_seq, idx, serial, leaf, signature) VALUES (?, ?, ?, ?, ?)");
    const count = this.#sql("UPDATE batches SET generated = generated + ? WHERE id = ?");
    const slice = new TimeSlice();
    for (let from = 0; from < items.length; ) {
      if (from > 0) await slice.giveWay();
      from = this.#transaction(() => {
        let at = from;
        // The clock read every ITEMS_PER_CLOCK rows: a row takes microseconds.
        while (at < items.length && ((at - from) % ITEMS_PER_CLOCK !== 0 || at === from || !slice.due)) {
          const item = items[at++]!;
          insert.run(seq, item.index, item.serial, item.leaf, item.signature);
        }
        count.run(at - from, batchId);
        return at;
      });
    }
  }

  async storedSerials(batchId: Hex): Promise<Set<string>> {
    const serials = new Set<string>();
    for (const row of this.#sql(`SELECT serial FROM items WHERE batch_seq = ${SEQ_OF}`).iterate(batchId)) {
      serials.add(row.serial as string);
    }
    return serials;
  }

  async leaves(batchId: Hex): Promise<Uint8Array> {
    const count = Number(this.#sql(`SELECT COUNT(*) AS n FROM items WHERE batch_seq = ${SEQ_OF}`).get(batchId)!.n);
    const out = new Uint8Array(count * 32);
    let i = 0;
    // A million rows take seconds to read: in time slices, so that other requests run meanwhile. A
    // statement of its own (not the shared cache's): another read of leaves may start while this one waits.
    const slice = new TimeSlice();
    for (const row of this.#db.prepare(`SELECT leaf FROM items WHERE batch_seq = ${SEQ_OF} ORDER BY idx`).iterate(batchId)) {
      out.set(row.leaf as Uint8Array, i * 32);
      i++;
      if (i % 1024 === 0) await slice.yieldIfDue();
    }
    return out;
  }

  /** One page per step, each its own read: other requests run between pages. */
  async *iterateItems(batchId: Hex, chunkSize = 1_000): AsyncGenerator<IssuedItem[]> {
    const page = this.#sql(`SELECT idx, serial, signature FROM items WHERE batch_seq = ${SEQ_OF} AND idx >= ? ORDER BY idx LIMIT ?`);
    for (let from = 0; ; ) {
      const rows = page.all(batchId, from, chunkSize).map((r) => toIssuedItem(r as Row));
      if (rows.length === 0) return;
      yield rows;
      from = rows[rows.length - 1]!.index + 1;
    }
  }

  async findItem(brandId: Hex, gtin: string, lot: string, serial: string): Promise<{ batch: Batch; item: StoredItem } | undefined> {
    return this.#findItems(gtin, lot, serial).find(({ batch }) => batch.brandId.toLowerCase() === brandId.toLowerCase());
  }

  async findItems(gtin: string, lot: string, serial: string): Promise<Array<{ batch: Batch; item: StoredItem }>> {
    return this.#findItems(gtin, lot, serial);
  }

  #findItems(gtin: string, lot: string, serial: string): Array<{ batch: Batch; item: StoredItem }> {
    return this.#sql(
      `SELECT b.id AS batch_id, i.idx, i.serial, i.leaf, i.signature FROM batches b
       JOIN items i ON i.batch_seq = b.seq AND i.serial = ?
       WHERE b.gtin = ? AND b.lot = ? ORDER BY b.created_at`,
    )
      .all(serial, gtin, lot)
      .map((row) => ({ batch: this.#batch(row.batch_id as Hex)!, item: toItem(row as Row) }));
  }

  async updateBatch(id: Hex, changes: Partial<Omit<Batch, "id" | "orgId">>): Promise<void> {
    const entries = Object.entries(changes).filter(([key]) => BATCH_COLUMNS[key as keyof Batch] !== undefined);
    if (entries.length === 0) return;
    const sets = entries.map(([key]) => `${BATCH_COLUMNS[key as keyof Batch]} = ?`).join(", ");
    const values = entries.map(([, value]) => (value === undefined ? null : (value as SQLInputValue)));
    this.#sql(`UPDATE batches SET ${sets} WHERE id = ?`).run(...values, id);
  }

  async claimBatchWork(owner: string, leaseMs: number): Promise<Batch | undefined> {
    return this.#claims.claim(owner, leaseMs);
  }

  async renewBatchClaim(id: Hex, owner: string, leaseMs: number): Promise<boolean> {
    return this.#claims.renew(id, owner, leaseMs);
  }

  async releaseBatchClaim(id: Hex, owner: string): Promise<void> {
    this.#claims.release(id, owner);
  }

  async retryFailedBatch(id: Hex, signer: Address): Promise<{ batch: Batch } | { refused: FailedBatchRefusal }> {
    return this.#failedBatches.retry(id, signer);
  }

  async discardFailedBatch(id: Hex): Promise<{ discarded: true } | { refused: FailedBatchRefusal }> {
    return this.#failedBatches.discard(id);
  }

  async getIdempotentResponse(orgId: string, key: string): Promise<IdempotentResponse | undefined> {
    const row = this.#sql("SELECT request_hash, status, body FROM idempotency WHERE org_id = ? AND key = ?").get(orgId, key);
    if (!row) return undefined;
    return { requestHash: row.request_hash as string, status: row.status as number, body: JSON.parse(row.body as string) };
  }

  async issueSession(id: string, network: string, issuedAt: number, budget: SessionBudget): Promise<ScanSession> {
    return this.#scans.issueSession(id, network, issuedAt, budget);
  }

  async getSession(id: string): Promise<ScanSession | undefined> {
    return this.#scans.getSession(id);
  }

  async recordScan(key: ScanKey, scan: NewScan, perSession?: number): Promise<boolean> {
    return this.#scans.record(key, scan, perSession);
  }

  async listScans(key: ScanKey): Promise<Scan[]> {
    return this.#scans.list(key);
  }

  async recordCounterfeitScan(scan: CounterfeitScan): Promise<void> {
    this.#scans.recordCounterfeit(scan);
  }

  async counterfeitScansByGtinAndCountry(since: number): Promise<Array<{ gtin: string; country: string; scans: number }>> {
    return this.#scans.counterfeitByGtinAndCountry(since);
  }

  async riskHistory(): Promise<RiskHistory> {
    return this.#shipments.riskHistory();
  }

  async shipmentRiskItems(id: Hex): Promise<ShipmentRiskItems> {
    return this.#shipments.shipmentRiskItems(id);
  }

  async countCounterfeitScans(brandId: Hex, since?: number): Promise<CounterfeitScanCounts> {
    return this.#scans.countCounterfeit(brandId, since);
  }

  async addParty(party: Party): Promise<void> {
    this.#shipments.addParty(party);
  }

  async getParty(address: Address): Promise<Party | undefined> {
    return this.#shipments.getParty(address);
  }

  async listParties(): Promise<Party[]> {
    return this.#shipments.listParties();
  }

  async createShipment(shipment: Shipment, itemIds: Uint8Array, refs: readonly ItemRef[]): Promise<void> {
    this.#shipments.createShipment(shipment, itemIds, refs);
  }

  shipmentItemKeys(id: Hex): AsyncIterable<ItemKey> {
    return this.#shipments.shipmentItemKeys(id);
  }

  async getShipment(id: Hex): Promise<Shipment | undefined> {
    return this.#shipments.getShipment(id);
  }

  async listShipmentsInState(state: Shipment["state"]): Promise<Shipment[]> {
    return this.#shipments.listShipmentsInState(state);
  }

  async confirmShipment(id: Hex, transactionHash: Hex, blockNumber: number): Promise<void> {
    this.#shipments.confirmShipment(id, transactionHash, blockNumber);
  }

  async shipmentItemIds(id: Hex): Promise<Uint8Array> {
    return this.#shipments.shipmentItemIds(id);
  }

  async shipmentsWithItem(itemId: Uint8Array): Promise<Array<{ shipmentId: Hex; index: number }>> {
    return this.#shipments.shipmentsWithItem(itemId);
  }

  async createInspection(inspection: Inspection): Promise<void> {
    this.#shipments.createInspection(inspection);
  }

  async getInspection(id: string): Promise<Inspection | undefined> {
    return this.#shipments.getInspection(id);
  }

  async claimInspectionOutcome(id: string, outcome: NonNullable<Inspection["outcome"]>, brandIds: readonly Hex[]): Promise<boolean> {
    return this.#shipments.claimInspectionOutcome(id, outcome, brandIds);
  }

  async markInspectionRecorded(id: string, transactionHash: Hex, blockNumber: number): Promise<void> {
    this.#shipments.markInspectionRecorded(id, transactionHash, blockNumber);
  }

  async listUnrecordedInspections(): Promise<Inspection[]> {
    return this.#shipments.listUnrecordedInspections();
  }

  async ping(): Promise<void> {
    this.#sql("INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at").run(
      new Date().toISOString(),
    );
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
