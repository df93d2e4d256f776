/** What every use-case works with: the adapters and settings of one running service. */
import type { Logger } from "pino";
import type { Deployment } from "../core/deployment.ts";
import type { TrustRoot } from "../core/trust-roots.ts";
import type { RegistryGateway } from "./chain/registry-gateway.ts";
import type { ChangeFeed } from "./cluster/change-feed.ts";
import type { Config } from "./config.ts";
import type { ImageHasher } from "./features/licences/content/image-hasher.ts";
import type { KeyVault } from "./keys/vault.ts";
import type { Metrics } from "./metrics.ts";
import type { Store } from "./store/store.ts";
import type { ProofSource } from "./features/brands/trees/proof-source.ts";
import type { VerifyView } from "../api/verification.ts";
import type { VerificationChain } from "./features/verification/cached-chain-reader.ts";
import type { VerdictCache } from "./features/verification/verdict-cache.ts";

export type ServiceContext = {
  config: Config;
  /** The origin printed in label URIs. */
  publicBaseUrl: string;
  /** The RPC verifiers are told to read the chain from (undefined: none to offer, e.g. an in-process test chain). */
  verifierRpcUrl: string | undefined;
  /** The service's own deployment as a trust root: what its own verdicts (verify, inspections) believe. */
  trustRoot: TrustRoot;
  /** The roots the verifier page served here is configured with (TRUST_ROOTS_FILE, else `trustRoot`). */
  pageTrustRoots: TrustRoot[];
  deployment: Deployment;
  store: Store;
  chain: RegistryGateway;
  vault: KeyVault;
  metrics: Metrics;
  logger: Logger;
  /** Items' Merkle proofs, from the store's stored trees. */
  trees: ProofSource;
  /** The chain as the verify endpoint reads it: cached per block, never stale. */
  verification: VerificationChain;
  /** Whole verify answers per head block and scan log version (see features/verification/verdict-cache.ts). */
  verdicts: VerdictCache<VerifyView>;
  /** Tells every instance (this one at once) what changed beneath their caches: the scans recorded. */
  changes: ChangeFeed;
  /** Perceptual hashes of uploaded images, decoded on worker threads under memory and time limits. */
  images: ImageHasher;
  /** Wakes the anchoring worker when there is new work. */
  wakeWorker: () => void;
};
