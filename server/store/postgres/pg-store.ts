/**
 * The store on PostgreSQL, for several service instances on one database. Same interface and behaviour as
 * the SQLite store (proven by test/server/store/store-contract.test.ts); each method that writes more than
 * one row is one transaction. `PgStore.open` applies the schema's migrations before it returns.
 * A server that is away surfaces as 503 DATABASE_UNAVAILABLE (faults.ts); the pool reconnects by itself.
 */
import type { Address, Hex } from "viem";
import type { Account, Organisation } from "../../features/organisations/store/types.ts";
import type { Batch, BatchState, FailedBatchRefusal, IdempotentResponse, IssuedItem, ItemKey, NewBatch, StoredItem } from "../../features/brands/store/types.ts";
import type { CounterfeitScan, CounterfeitScanCounts, NewScan, Scan, ScanKey, ScanSession, SessionBudget } from "../../features/verification/store/types.ts";
import type { Inspection, ItemRef, Party, RiskHistory, Shipment, ShipmentRiskItems } from "../../features/shipments/store/types.ts";
import type { Store } from "../store.ts";
import { PgApiKeyTables } from "../../features/organisations/store/postgres-api-key-tables.ts";
import { PgBatchClaims } from "../../features/brands/store/postgres-batch-claims.ts";
import { PgBatchTables } from "../../features/brands/store/postgres-batch-tables.ts";
import { PgFailedBatches } from "../../features/brands/store/postgres-failed-batches.ts";
import { PgBrandTables } from "../../features/brands/store/postgres-brand-tables.ts";
import { Database, type DatabaseOptions } from "./database.ts";
import { migrate } from "./migrate.ts";
import { PgOrganisationTables } from "../../features/organisations/store/postgres-organisation-tables.ts";
import { PgScanLog } from "../../features/verification/store/postgres-scan-log.ts";
import { PgRegisterQueries } from "../../features/register/store/postgres-register.ts";
import type { RegisterStore } from "../../features/register/store/types.ts";
import { PgIntelligenceQueries } from "../../features/intelligence/store/postgres-intelligence.ts";
import type { IntelligenceStore } from "../../features/intelligence/store/types.ts";
import { PgShipmentTables } from "../../features/shipments/store/postgres-shipment-tables.ts";
import { PgTreeTables } from "../../features/brands/store/postgres-tree-tables.ts";
import { PgWorkRegionTables } from "../../features/licences/store/postgres-work-regions.ts";
import { PgAlertTables } from "../../features/alerts/store/postgres-alerts.ts";

export type PgStoreOptions = DatabaseOptions & {
  /** The folder of numbered SQL migrations (default: ./migrations beside this file). */
  migrationsDir?: string;
};

export class PgStore implements Store {
  readonly #db: Database;
  readonly #organisations: PgOrganisationTables;
  readonly #batches: PgBatchTables;
  readonly #claims: PgBatchClaims;
  readonly #failedBatches: PgFailedBatches;
  readonly #scans: PgScanLog;
  readonly #shipments: PgShipmentTables;
  readonly brands: PgBrandTables;
  readonly apiKeys: PgApiKeyTables;
  readonly trees: PgTreeTables;
  readonly register: RegisterStore;
  readonly intelligence: IntelligenceStore;
  readonly workRegions: PgWorkRegionTables;
  readonly alerts: PgAlertTables;

  private constructor(db: Database) {
    this.#db = db;
    this.#organisations = new PgOrganisationTables(db);
    this.#batches = new PgBatchTables(db);
    this.#claims = new PgBatchClaims(db);
    this.#failedBatches = new PgFailedBatches(db);
    this.#scans = new PgScanLog(db);
    this.#shipments = new PgShipmentTables(db);
    this.register = new PgRegisterQueries(db);
    this.intelligence = new PgIntelligenceQueries(db);
    this.brands = new PgBrandTables(db);
    this.apiKeys = new PgApiKeyTables(db);
    this.trees = new PgTreeTables(db);
    this.workRegions = new PgWorkRegionTables(db);
    this.alerts = new PgAlertTables(db);
  }

  /** Connects, applies the migrations not applied yet, and returns the ready store. */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const db = new Database(url, options);
    try {
      await migrate(db, options.migrationsDir);
    } catch (error) {
      await db.close();
      throw error;
    }
    return new PgStore(db);
  }

  /** The connection pool, for parts of the service that share the database (locks, notifications). */
  get database(): Database {
    return this.#db;
  }

  createOrganisation(org: Organisation, accounts: Account[], apiKeyHash: string): Promise<void> {
    return this.#organisations.createOrganisation(org, accounts, apiKeyHash);
  }
  getOrganisation(id: string): Promise<Organisation | undefined> {
    return this.#organisations.getOrganisation(id);
  }
  findOrganisationByName(name: string): Promise<Organisation | undefined> {
    return this.#organisations.findOrganisationByName(name);
  }
  findOrganisationByApiKeyHash(hash: string): Promise<Organisation | undefined> {
    return this.#organisations.findOrganisationByApiKeyHash(hash);
  }
  listOrganisations(): Promise<Organisation[]> {
    return this.#organisations.listOrganisations();
  }
  addAccount(account: Account): Promise<void> {
    return this.#organisations.addAccount(account);
  }
  listAccounts(orgId: string): Promise<Account[]> {
    return this.#organisations.listAccounts(orgId);
  }
  getAccount(address: Address): Promise<Account | undefined> {
    return this.#organisations.getAccount(address);
  }
  markAccountRemoved(address: Address, removedAt: string): Promise<void> {
    return this.#organisations.markAccountRemoved(address, removedAt);
  }

  createBatch(batch: NewBatch, idempotency?: { orgId: string; key: string; response: IdempotentResponse }): Promise<Batch | undefined> {
    return this.#batches.createBatch(batch, idempotency);
  }
  getBatch(id: Hex): Promise<Batch | undefined> {
    return this.#batches.getBatch(id);
  }
  listBatches(orgId: string): Promise<Batch[]> {
    return this.#batches.listBatches(orgId);
  }
  listBatchesInState(...states: BatchState[]): Promise<Batch[]> {
    return this.#batches.listBatchesInState(...states);
  }
  countBatchesByState(): Promise<Record<BatchState, number>> {
    return this.#batches.countBatchesByState();
  }
  requestedSerials(batchId: Hex): Promise<string[] | undefined> {
    return this.#batches.requestedSerials(batchId);
  }
  appendItems(batchId: Hex, items: readonly StoredItem[]): Promise<void> {
    return this.#batches.appendItems(batchId, items);
  }
  storedSerials(batchId: Hex): Promise<Set<string>> {
    return this.#batches.storedSerials(batchId);
  }
  leaves(batchId: Hex): Promise<Uint8Array> {
    return this.#batches.leaves(batchId);
  }
  iterateItems(batchId: Hex, chunkSize?: number): AsyncGenerator<IssuedItem[]> {
    return this.#batches.iterateItems(batchId, chunkSize);
  }
  findItem(brandId: Hex, gtin: string, lot: string, serial: string): Promise<{ batch: Batch; item: StoredItem } | undefined> {
    return this.#batches.findItem(brandId, gtin, lot, serial);
  }
  findItems(gtin: string, lot: string, serial: string): Promise<Array<{ batch: Batch; item: StoredItem }>> {
    return this.#batches.findItems(gtin, lot, serial);
  }
  updateBatch(id: Hex, changes: Partial<Omit<Batch, "id" | "orgId">>): Promise<void> {
    return this.#batches.updateBatch(id, changes);
  }
  claimBatchWork(owner: string, leaseMs: number): Promise<Batch | undefined> {
    return this.#claims.claim(owner, leaseMs);
  }
  renewBatchClaim(id: Hex, owner: string, leaseMs: number): Promise<boolean> {
    return this.#claims.renew(id, owner, leaseMs);
  }
  releaseBatchClaim(id: Hex, owner: string): Promise<void> {
    return this.#claims.release(id, owner);
  }
  retryFailedBatch(id: Hex, signer: Address): Promise<{ batch: Batch } | { refused: FailedBatchRefusal }> {
    return this.#failedBatches.retry(id, signer);
  }
  discardFailedBatch(id: Hex): Promise<{ discarded: true } | { refused: FailedBatchRefusal }> {
    return this.#failedBatches.discard(id);
  }
  getIdempotentResponse(orgId: string, key: string): Promise<IdempotentResponse | undefined> {
    return this.#batches.getIdempotentResponse(orgId, key);
  }

  issueSession(id: string, network: string, issuedAt: number, budget: SessionBudget): Promise<ScanSession> {
    return this.#scans.issueSession(id, network, issuedAt, budget);
  }
  getSession(id: string): Promise<ScanSession | undefined> {
    return this.#scans.getSession(id);
  }
  recordScan(key: ScanKey, scan: NewScan, perSession?: number): Promise<boolean> {
    return this.#scans.record(key, scan, perSession);
  }
  listScans(key: ScanKey): Promise<Scan[]> {
    return this.#scans.list(key);
  }
  recordCounterfeitScan(scan: CounterfeitScan): Promise<void> {
    return this.#scans.recordCounterfeit(scan);
  }
  counterfeitScansByGtinAndCountry(since: number): Promise<Array<{ gtin: string; country: string; scans: number }>> {
    return this.#scans.counterfeitByGtinAndCountry(since);
  }
  riskHistory(): Promise<RiskHistory> {
    return this.#shipments.riskHistory();
  }
  shipmentRiskItems(id: Hex): Promise<ShipmentRiskItems> {
    return this.#shipments.shipmentRiskItems(id);
  }
  countCounterfeitScans(brandId: Hex, since?: number): Promise<CounterfeitScanCounts> {
    return this.#scans.countCounterfeit(brandId, since);
  }

  addParty(party: Party): Promise<void> {
    return this.#shipments.addParty(party);
  }
  getParty(address: Address): Promise<Party | undefined> {
    return this.#shipments.getParty(address);
  }
  listParties(): Promise<Party[]> {
    return this.#shipments.listParties();
  }
  createShipment(shipment: Shipment, itemIds: Uint8Array, refs: readonly ItemRef[]): Promise<void> {
    return this.#shipments.createShipment(shipment, itemIds, refs);
  }
  getShipment(id: Hex): Promise<Shipment | undefined> {
    return this.#shipments.getShipment(id);
  }
  listShipmentsInState(state: Shipment["state"]): Promise<Shipment[]> {
    return this.#shipments.listShipmentsInState(state);
  }
  confirmShipment(id: Hex, transactionHash: Hex, blockNumber: number): Promise<void> {
    return this.#shipments.confirmShipment(id, transactionHash, blockNumber);
  }
  shipmentItemIds(id: Hex): Promise<Uint8Array> {
    return this.#shipments.shipmentItemIds(id);
  }
  shipmentItemKeys(id: Hex): AsyncIterable<ItemKey> {
    return this.#shipments.shipmentItemKeys(id);
  }
  shipmentsWithItem(itemId: Uint8Array): Promise<Array<{ shipmentId: Hex; index: number }>> {
    return this.#shipments.shipmentsWithItem(itemId);
  }
  createInspection(inspection: Inspection): Promise<void> {
    return this.#shipments.createInspection(inspection);
  }
  getInspection(id: string): Promise<Inspection | undefined> {
    return this.#shipments.getInspection(id);
  }
  claimInspectionOutcome(id: string, outcome: NonNullable<Inspection["outcome"]>, brandIds: readonly Hex[]): Promise<boolean> {
    return this.#shipments.claimInspectionOutcome(id, outcome, brandIds);
  }
  markInspectionRecorded(id: string, transactionHash: Hex, blockNumber: number): Promise<void> {
    return this.#shipments.markInspectionRecorded(id, transactionHash, blockNumber);
  }
  listUnrecordedInspections(): Promise<Inspection[]> {
    return this.#shipments.listUnrecordedInspections();
  }

  /** A cheap write that proves the database is reachable and writable (for /readyz). */
  async ping(): Promise<void> {
    await this.#db.query("INSERT INTO health (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at", [new Date().toISOString()]);
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
