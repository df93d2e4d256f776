/**
 * What the service keeps, behind one asynchronous interface with two implementations: SQLite
 * (`sqlite-store.ts`, the default, one file) and PostgreSQL (`postgres/`, several instances on one
 * database). Every method is one transaction.
 */
import type { ApiKeyStore, OrganisationStore } from "../features/organisations/store/types.ts";
import type { BatchStore, BrandStore, TreeStore } from "../features/brands/store/types.ts";
import type { ScanStore } from "../features/verification/store/types.ts";
import type { ShipmentStore } from "../features/shipments/store/types.ts";
import type { RegisterStore } from "../features/register/store/types.ts";
import type { IntelligenceStore } from "../features/intelligence/store/types.ts";
import type { WorkRegionStore } from "../features/licences/store/types.ts";
import type { AlertStore } from "../features/alerts/store/types.ts";

/** Each feature's part (its `store/types.ts`), and what the store as a whole answers. */
export interface Store extends OrganisationStore, BatchStore, ScanStore, ShipmentStore {
  /** Brands' countries, GS1 company prefixes and label hosts, as the registrar asked the chain to record them. */
  readonly brands: BrandStore;
  /** API keys: labels, last use, revocation (see features/organisations/store/sqlite-api-key-tables.ts). */
  readonly apiKeys: ApiKeyStore;
  /** Batches' Merkle trees, for proofs without a rebuild. */
  readonly trees: TreeStore;
  /** The register of known infringements: seizures and counterfeit scans, aggregated. */
  readonly register: RegisterStore;
  /** The brand intelligence page: one brand's verdicts, hotspots, clones and seizures, aggregated. */
  readonly intelligence: IntelligenceStore;
  /** Works' region hashes, kept beside the pHash the chain holds (see features/licences/store/types.ts). */
  readonly workRegions: WorkRegionStore;
  /** Brands' alerts to customs: active, expired or withdrawn (see features/alerts/store/types.ts). */
  readonly alerts: AlertStore;

  /** A cheap write that proves the store is writable (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
