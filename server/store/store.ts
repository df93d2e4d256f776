/**
 * What the service keeps, behind one asynchronous interface with two implementations: SQLite
 * (`sqlite-store.ts`, the default, one file) and PostgreSQL (`postgres/`, several instances on one
 * database). Every method is one transaction.
 */
import type { ApiKeyRecord } from "../api-keys/tables.ts";
import type { Address, Hex } from "viem";
import type { ScanRecord } from "../../core/history.ts";
import type { StoredTree } from "../trees/stored-tree.ts";

export const ORGANISATION_KINDS = ["registrar", "brand", "retailer", "customs", "logistics", "rights-holder", "platform"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export type Organisation = {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** The on-chain brand id (brands only). */
  brandId: Hex | undefined;
  /** The brand organisation that authorised a retailer (retailers only). */
  parentId: string | undefined;
  metadataUri: string;
  createdAt: string;
};

export type AccountRole = "registrar" | "admin" | "signer";

/** A chain account whose key the service holds, encrypted. A retailer's one key has the `admin` role. */
export type Account = {
  address: Address;
  orgId: string;
  role: AccountRole;
  encryptedKey: Uint8Array;
  createdAt: string;
  removedAt: string | undefined;
};

/** Internal life cycle; the API shows `pending` for `generating` and `anchoring`. */
export type BatchState = "generating" | "anchoring" | "submitted" | "confirmed" | "failed";

/** The states the anchoring worker still has work in: what a batch claim can be taken on. */
export const UNFINISHED_BATCH_STATES = ["generating", "anchoring", "submitted"] as const satisfies readonly BatchState[];

export type Batch = {
  id: Hex;
  orgId: string;
  brandId: Hex;
  gtin: string;
  lot: string;
  expiry: number | undefined;
  quantity: number;
  metadataUri: string;
  state: BatchState;
  /** Items serialised and signed so far. */
  generated: number;
  merkleRoot: Hex | undefined;
  signer: Address;
  transactionHash: Hex | undefined;
  /** The signed transaction, kept so that a restart re-sends the very same one. */
  rawTransaction: Hex | undefined;
  blockNumber: number | undefined;
  error: string | undefined;
  createdAt: string;
  confirmedAt: string | undefined;
};

export type NewBatch = Pick<Batch, "id" | "orgId" | "brandId" | "gtin" | "lot" | "expiry" | "quantity" | "metadataUri" | "signer"> & {
  /** The brand's own serials; absent when the service makes them. */
  serials: readonly string[] | undefined;
};

export type StoredItem = { index: number; serial: string; leaf: Uint8Array; signature: Uint8Array };

/** An item's GS1 key (GTIN, lot, serial): what a cloned label repeats, so what the scan log is keyed by. */
export type ItemKey = { gtin: string; lot: string; serial: string };

/**
 * What a scan history is kept under: the brand whose signer signed the code, and the item's GS1 key. Two
 * brands issuing the same GTIN, lot and serial never share a history.
 */
export type ScanKey = ItemKey & { brandId: Hex };

/** A scan as received; the store coarsens the location before keeping it. */
export type NewScan = {
  sessionId: string;
  /** The client network the session was issued to (see `http/client-network.ts`). */
  network: string;
  scannedAt: number;
  location?: { latitude: number; longitude: number } | undefined;
  country?: string | undefined;
};

/** A scan as kept: location rounded to 0.1°. */
export type Scan = ScanRecord;

/** A scan session the service issued; only `counted` sessions' scans enter a history. Times in ms. */
export type ScanSession = { id: string; network: string; issuedAt: number; counted: boolean };

/** How many sessions one client network may be issued that count, per window. */
export type SessionBudget = { perNetwork: number; windowMs: number };

/** A scan of a code that does not verify, kept for the brand holding the GTIN's GS1 prefix. */
export type CounterfeitScan = {
  brandId: Hex;
  gtin: string;
  lot: string;
  serial: string;
  /** Why the code does not verify: the verdict's reason code (UNSIGNED, BAD_SIGNATURE, SIGNER_NOT_REGISTERED). */
  reason: string;
  sessionId: string;
  network: string;
  country: string | undefined;
  scannedAt: number;
};

/** A brand's counterfeit scans, aggregated: never one scan's place or network. Days are UTC dates. */
export type CounterfeitScanCounts = {
  total: { scans: number; sessions: number; networks: number };
  byProduct: Array<{ gtin: string; lot: string; scans: number; sessions: number; networks: number; serials: number; firstScanAt: number; lastScanAt: number }>;
  byDayAndCountry: Array<{ day: string; country: string | null; scans: number; sessions: number }>;
  byReason: Array<{ reason: string; scans: number }>;
};

export type IdempotentResponse = { requestHash: string; status: number; body: unknown };

/** A chain account admitted (or to be admitted) in the shipment registry: a customs office, or a shipper. */
export type Party = { address: Address; orgId: string; kind: "logistics" | "customs"; country: string; name: string; createdAt: string };

/** A shipment declared through this service: `declaring` until its transaction is mined. */
export type Shipment = {
  id: Hex;
  orgId: string;
  shipper: Address;
  waybill: string;
  consignee: Address;
  origin: string;
  destination: string;
  itemCount: number;
  itemsRoot: Hex;
  state: "declaring" | "confirmed";
  transactionHash: Hex | undefined;
  blockNumber: number | undefined;
  createdAt: string;
};

/** An issued item by its batch and serial. */
export type ItemRef = { batchId: Hex; serial: string };

/** A customs inspection: its report (the exact JSON text whose SHA-256 is recorded) and, once chosen, its outcome. */
export type Inspection = {
  id: string;
  shipmentId: Hex;
  officeOrgId: string;
  createdAt: string;
  report: string;
  reportHash: Hex;
  outcome: "cleared" | "held" | "seized" | undefined;
  brandIds: Hex[];
  transactionHash: Hex | undefined;
  blockNumber: number | undefined;
};

/** Brands' countries, GS1 company prefixes and label hosts (see brand-tables.ts). */
export interface BrandStore {
  setBrandCountry(orgId: string, country: string | undefined): Promise<void>;
  brandCountry(orgId: string): Promise<string | undefined>;
  setPrefixHolder(prefix: string, orgId: string, at: string): Promise<void>;
  removePrefix(prefix: string): Promise<void>;
  prefixHolder(prefix: string): Promise<string | undefined>;
  listPrefixes(orgId: string): Promise<string[]>;
  addLabelDomain(orgId: string, host: string, at: string): Promise<void>;
  removeLabelDomain(orgId: string, host: string): Promise<void>;
  listLabelDomains(orgId: string): Promise<string[]>;
}

/** API keys: labels, last use, revocation (see api-keys/tables.ts). */
export interface ApiKeyStore {
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  list(orgId: string): Promise<ApiKeyRecord[]>;
  get(orgId: string, id: string): Promise<ApiKeyRecord | undefined>;
  touch(hash: string, at: string): Promise<void>;
  /** Revokes the key unless it is the organisation's last one not revoked; false then (nothing changed). */
  revoke(orgId: string, id: string, at: string): Promise<boolean>;
  /** Adds the new key and ends the old one unless that was revoked or rotated already; false then (nothing changed). */
  replace(params: { orgId: string; oldId: string; newHash: string; label: string | undefined; createdAt: string; oldRevokedAt: string }): Promise<boolean>;
}

/** Batches' Merkle trees, kept so that a proof is a few small reads (see trees/stored-tree.ts). */
export interface TreeStore {
  /** Replaces whatever tree is stored for the batch with this one, in one transaction (so saving twice is harmless). */
  save(batchId: Hex, tree: StoredTree): Promise<void>;
  /** The proof of the batch's `index`-th of `size` items from its stored tree; undefined when none is stored. */
  proof(batchId: Hex, size: number, index: number): Promise<Hex[] | undefined>;
  /** Batches past generation (anchoring, submitted, confirmed) with no stored tree, oldest first. */
  batchesWithoutTree(): Promise<Batch[]>;
}

export interface Store {
  createOrganisation(org: Organisation, accounts: Account[], apiKeyHash: string): Promise<void>;
  getOrganisation(id: string): Promise<Organisation | undefined>;
  findOrganisationByName(name: string): Promise<Organisation | undefined>;
  findOrganisationByApiKeyHash(hash: string): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;

  addAccount(account: Account): Promise<void>;
  listAccounts(orgId: string): Promise<Account[]>;
  getAccount(address: Address): Promise<Account | undefined>;
  markAccountRemoved(address: Address, removedAt: string): Promise<void>;

  /**
   * Inserts the batch (and the idempotent response, when given) in one transaction. Undefined, with nothing
   * written, when the batch id or the idempotency key is taken already (another request got there first).
   */
  createBatch(batch: NewBatch, idempotency?: { orgId: string; key: string; response: IdempotentResponse }): Promise<Batch | undefined>;
  getBatch(id: Hex): Promise<Batch | undefined>;
  listBatches(orgId: string): Promise<Batch[]>;
  listBatchesInState(...states: BatchState[]): Promise<Batch[]>;
  countBatchesByState(): Promise<Record<BatchState, number>>;
  /** The brand's serial list, or undefined when the service makes the serials. */
  requestedSerials(batchId: Hex): Promise<string[] | undefined>;
  /** Appends generated items and advances `generated`, in one transaction. */
  appendItems(batchId: Hex, items: readonly StoredItem[]): Promise<void>;
  /** Every serial stored so far, to resume generation without duplicates. */
  storedSerials(batchId: Hex): Promise<Set<string>>;
  /** Leaves in item order, as one buffer of n * 32 bytes. */
  leaves(batchId: Hex): Promise<Uint8Array>;
  /** Items in order, `chunkSize` rows at a time, so that a large batch never sits in memory. */
  iterateItems(batchId: Hex, chunkSize?: number): AsyncGenerator<StoredItem[]>;
  /** Brands' countries, GS1 company prefixes and label hosts, as the registrar asked the chain to record them. */
  readonly brands: BrandStore;
  /** API keys: labels, last use, revocation (see api-keys/tables.ts). */
  readonly apiKeys: ApiKeyStore;
  /** Batches' Merkle trees, for proofs without a rebuild. */
  readonly trees: TreeStore;

  /** The brand's item: brands never share items, even on the same GTIN, lot and serial. */
  findItem(brandId: Hex, gtin: string, lot: string, serial: string): Promise<{ batch: Batch; item: StoredItem } | undefined>;
  /** Every brand's item with this GTIN, lot and serial, oldest batch first. */
  findItems(gtin: string, lot: string, serial: string): Promise<Array<{ batch: Batch; item: StoredItem }>>;
  updateBatch(id: Hex, changes: Partial<Omit<Batch, "id" | "orgId">>): Promise<void>;

  /**
   * Batch claims: a lease on an unfinished batch, so that of several instances sharing one database only
   * one drives a given batch (server/workers/batch-lease.ts). Claims the oldest unfinished batch that is
   * unclaimed, claimed by `owner` already (those first: an instance finishes what it holds), or whose claim
   * has expired, for `leaseMs` from now, checked and written in one transaction; undefined when there is
   * none. On PostgreSQL "now" is the database's clock, so clock skew between machines cannot make two
   * owners.
   */
  claimBatchWork(owner: string, leaseMs: number): Promise<Batch | undefined>;
  /**
   * Extends `owner`'s claim on the batch to `leaseMs` from now; false, changing nothing, when the batch is
   * no longer claimed by `owner` (another instance took it over after the claim expired, or it was released).
   */
  renewBatchClaim(id: Hex, owner: string, leaseMs: number): Promise<boolean>;
  /** Gives up `owner`'s claim on the batch (nothing when another owner holds it). */
  releaseBatchClaim(id: Hex, owner: string): Promise<void>;

  getIdempotentResponse(orgId: string, key: string): Promise<IdempotentResponse | undefined>;

  /**
   * Issues a session to a client network: counted when fewer than `budget.perNetwork` counted sessions were
   * issued to that network in the `budget.windowMs` before `issuedAt`. Uncounted sessions older than the
   * window are forgotten here (a page holding one then asks again, and may be counted).
   */
  issueSession(id: string, network: string, issuedAt: number, budget: SessionBudget): Promise<ScanSession>;
  getSession(id: string): Promise<ScanSession | undefined>;
  /**
   * Records the scan in the item's history; with `perSession`, only while the session has fewer than that
   * many scans among the newest 1,000 `listScans` reads, checked and written in one transaction (false: not
   * recorded), so that concurrent scans in one session cannot both pass the check.
   */
  recordScan(key: ScanKey, scan: NewScan, perSession?: number): Promise<boolean>;
  /** The item's scans, oldest first (the newest 1,000 at most). */
  listScans(key: ScanKey): Promise<Scan[]>;
  recordCounterfeitScan(scan: CounterfeitScan): Promise<void>;
  /** The brand's counterfeit scans since `since` (ms; default: all), aggregated. */
  countCounterfeitScans(brandId: Hex, since?: number): Promise<CounterfeitScanCounts>;

  addParty(party: Party): Promise<void>;
  getParty(address: Address): Promise<Party | undefined>;
  listParties(): Promise<Party[]>;
  /** The shipment and its item ids (32 bytes each, in order), in one transaction. */
  createShipment(shipment: Shipment, itemIds: Uint8Array, refs: readonly ItemRef[]): Promise<void>;
  getShipment(id: Hex): Promise<Shipment | undefined>;
  listShipmentsInState(state: Shipment["state"]): Promise<Shipment[]>;
  confirmShipment(id: Hex, transactionHash: Hex, blockNumber: number): Promise<void>;
  shipmentItemIds(id: Hex): Promise<Uint8Array>;
  /** The shipment's items as GTIN, lot and serial, in order, read a page at a time. */
  shipmentItemKeys(id: Hex): AsyncIterable<ItemKey>;
  /** The shipments that declare an item, oldest first, with the item's index in each. */
  shipmentsWithItem(itemId: Uint8Array): Promise<Array<{ shipmentId: Hex; index: number }>>;
  createInspection(inspection: Inspection): Promise<void>;
  getInspection(id: string): Promise<Inspection | undefined>;
  /** Sets the outcome once; false when one was set already. */
  claimInspectionOutcome(id: string, outcome: NonNullable<Inspection["outcome"]>, brandIds: readonly Hex[]): Promise<boolean>;
  markInspectionRecorded(id: string, transactionHash: Hex, blockNumber: number): Promise<void>;
  listUnrecordedInspections(): Promise<Inspection[]>;

  /** A cheap write that proves the store is writable (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
