/**
 * The one place that reads the environment: every setting, validated once at start-up. A bad value stops
 * the process with a message naming the variable, instead of failing later somewhere deep.
 */
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { isAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import type { HistoryThresholds } from "../core/history.ts";
import { DEFAULT_RISK_WEIGHTS, parseRiskWeights, type RiskWeights } from "../core/risk/weights.ts";

const privateKey = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 32-byte hex private key (0x followed by 64 hex digits)")
  .transform((v) => v as Hex);
const address = z
  .string()
  .refine((v) => isAddress(v), "must be a 0x-prefixed 20-byte address")
  .transform((v) => v as Address);
const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as "16mb", "512kb" or "1000b"')
  .transform((v) => v.toLowerCase());
/** Express `trust proxy` names of address ranges, besides addresses and CIDR blocks. */
const PROXY_RANGES = ["loopback", "linklocal", "uniquelocal"];
const trustedProxies = z
  .string()
  .transform((v) => (v.trim().toLowerCase() === "none" ? [] : v.split(",").map((p) => p.trim()).filter((p) => p !== "")))
  .refine(
    (entries) => entries.every((p) => PROXY_RANGES.includes(p) || isCidr(p)),
    'must be "none" or a comma-separated list of addresses, CIDR blocks (10.0.0.0/8) and loopback, linklocal or uniquelocal',
  );

function isCidr(text: string): boolean {
  const [address = "", bits, ...rest] = text.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

const schema = z
  .object({
    DATA_DIR: z.string().min(1).default("data"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    RPC_URL: z.url({ protocol: /^(https?|wss?)$/ }).optional(),
    VERIFIER_RPC_URL: z.url({ protocol: /^https?$/ }).optional(),
    CONSORTIUM_NAME: z.string().trim().min(1).max(100).default("Veritrace development deployment"),
    TRUST_ROOTS_FILE: z.string().min(1).optional(),
    RISK_WEIGHTS_FILE: z.string().min(1).optional(),
    DEPLOYER_KEY: privateKey.optional(),
    REGISTRAR_KEY: privateKey.optional(),
    MASTER_KEY: privateKey.optional(),
    GOVERNANCE_ADDRESS: address.optional(),
    REGISTRAR_ADDRESS: address.optional(),
    CHAIN_PORT: z.coerce.number().int().min(1).max(65_535).default(8545),
    MAX_BATCH_QUANTITY: z.coerce.number().int().min(1).max(100_000_000).default(1_000_000),
    BODY_LIMIT: byteSize.default("32mb"),
    FUND_ACCOUNT_WEI: z.coerce.bigint().min(0n).default(10n ** 17n),
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).default(30_000),
    BATCH_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
    TRUSTED_PROXIES: trustedProxies.default([]),
    SESSIONS_PER_NETWORK: z.coerce.number().int().min(1).default(3),
    SESSION_WINDOW_MINUTES: z.coerce.number().positive().max(10_080).default(60),
    VERIFY_CACHE: z.enum(["on", "off"]).default("on"),
    HISTORY_MAX_SESSIONS: z.coerce.number().int().min(1).default(5),
    HISTORY_WINDOW_DAYS: z.coerce.number().positive().max(3_650).default(30),
    HISTORY_MIN_NETWORKS: z.coerce.number().int().min(1).default(3),
    HISTORY_SESSIONS_PER_NETWORK: z.coerce.number().int().min(1).default(1),
    HISTORY_MAX_SPEED_KMH: z.coerce.number().positive().default(1_000),
    HISTORY_LOCATION_TOLERANCE_KM: z.coerce.number().min(0).default(50),
    HISTORY_COUNTRY_CHANGE_MINUTES: z.coerce.number().min(0).default(60),
    IMAGE_MEMORY_MB: z.coerce.number().int().min(16).max(16_384).default(512),
    IMAGE_DECODE_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(15_000),
    IMAGE_DECODE_THREADS: z.coerce.number().int().min(1).max(16).default(1),
    CHAIN_PROBE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(15_000),
    RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    INDEXER_CONFIRMATIONS: z.coerce.number().int().min(0).max(10_000).default(0),
    INDEXER_CHUNK_BLOCKS: z.coerce.number().int().min(1).max(1_000_000).default(2_000),
    INDEXER_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(2_000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    VERITRACE_TEST_CRASH_AT: z.enum(["before-send", "after-send", "after-receipt"]).optional(),
  })
  .refine((env) => env.RPC_URL === undefined || env.DEPLOYER_KEY !== undefined || env.REGISTRAR_KEY !== undefined, {
    message: "DEPLOYER_KEY or REGISTRAR_KEY is required with RPC_URL: the key that deploys the registry or admits brands on that chain",
    path: ["DEPLOYER_KEY"],
  })
  .refine((env) => env.RPC_URL === undefined || env.MASTER_KEY !== undefined, {
    message: "is required with RPC_URL: the 32-byte key that encrypts brand keys at rest",
    path: ["MASTER_KEY"],
  });

export type Config = {
  /** Absolute path of the folder that holds the chain state, the deployment record and the database. */
  dataDir: string;
  /** PostgreSQL to keep the store in (several instances may share it); undefined: SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** The origin printed in label URIs (the GS1 resolver); defaults to the service's own address. */
  publicBaseUrl: string | undefined;
  /** The chain to use; undefined: start a local anvil chain in the data folder. */
  rpcUrl: string | undefined;
  /**
   * The RPC the web verifier reads the chain from, announced to browsers and the CLI; kept apart from the
   * service's own so that verifying never depends on the service's node. Defaults to the service's RPC.
   */
  verifierRpcUrl: string | undefined;
  /** Who vouches for this deployment, as the verifier names it: the name in its trust root. */
  consortiumName: string;
  /**
   * The trust roots the verifier page served here is configured with (a `{ "version": 1, "roots": [...] }`
   * file). Unset: the service's own deployment, read through VERIFIER_RPC_URL, is the page's one root (the
   * development root `npm start` uses). The page never takes roots from the API.
   */
  trustRootsFile: string | undefined;
  /** Customs risk lanes' weights and thresholds: RISK_WEIGHTS_FILE (JSON) over the defaults (docs/risk-lanes.md). */
  riskWeights: RiskWeights;
  deployerKey: Hex | undefined;
  /** The registrar's key, held by the service to admit brands; defaults to the deployer's. */
  registrarKey: Hex | undefined;
  /** Encrypts brand keys at rest; on a local chain one is made in the data folder when absent. */
  masterKey: Hex | undefined;
  governance: Address | undefined;
  registrar: Address | undefined;
  /** The port of the local chain (when no RPC_URL is given). */
  chainPort: number;
  maxBatchQuantity: number;
  bodyLimit: string;
  /** Gas money the registrar sends to each new brand account (0: fund them yourself). */
  fundAccountWei: bigint;
  reconcileIntervalMs: number;
  /**
   * How long an instance's claim on a batch lasts without renewal (BATCH_LEASE_MS, default 30 s): the
   * anchoring worker renews it every third of this while it works, and another instance takes over a
   * batch whose holder died this long after its last renewal (docs/postgresql.md).
   */
  batchLeaseMs: number;
  /** How often the chain's latest block is read for the head-age and chain-up metrics (docs/observability.md). */
  chainProbeIntervalMs: number;
  logLevel: string;
  /**
   * Per client (its IPv4 address, or its IPv6 /56: see `http/client-network.ts`), over all public
   * endpoints together (verify, scans, sessions, proof, network, the resolver): at most `max` requests
   * per `windowMs`. The default, 600 a minute, lets a customs officer scan continuously (a scan costs the
   * page a few requests) and still stops a scraper or a flood.
   */
  rateLimit: { windowMs: number; max: number };
  /**
   * The proxies whose `X-Forwarded-For` is believed (TRUSTED_PROXIES, Express `trust proxy` values:
   * addresses, CIDR blocks, `loopback`, `linklocal`, `uniquelocal`). Default none: the client is the
   * socket's peer, and a forged header gives no fresh rate-limit budget and no other network. Behind a
   * reverse proxy, name it, or every client looks like the proxy. Hop counts and `true` are refused: they
   * believe whatever address a client writes first.
   */
  trustedProxies: string[];
  /**
   * Scan sessions (`POST /api/v1/sessions`): only the first `perNetwork` sessions issued to one client
   * network (/24, /48) within `windowMs` count in item histories (SESSIONS_PER_NETWORK, default 3;
   * SESSION_WINDOW_MINUTES, default 60). A browser keeps its session, so a network needs a new one only for
   * a new device or a cleared browser: 3 an hour is ample for a home or a shop, and holds one network to
   * 72 counted sessions a day however many it asks for. Sessions over the budget are still issued (the
   * page works, the scan just does not count) and are forgotten after the window.
   */
  sessions: { perNetwork: number; windowMs: number };
  /**
   * Caching in the verify endpoint (VERIFY_CACHE, default on). Off: every chain read and signature
   * recovery done afresh per request; a diagnostic, and the verify benchmark's baseline. Either way no
   * status is ever served stale (see `features/verification/cached-chain-reader.ts`).
   */
  verifyCache: boolean;
  /**
   * When a scan history is SUSPICIOUS (`core/history.ts` explains the defaults). HISTORY_MIN_NETWORKS
   * (default 3): the distinct client networks TOO_MANY_SESSIONS needs, so that one network never suffices;
   * HISTORY_SESSIONS_PER_NETWORK (default 1): the most sessions one network adds to that count.
   */
  history: HistoryThresholds;
  /**
   * Decoding uploaded images (content check, works) on worker threads: each decode may use `memoryMb`
   * (IMAGE_MEMORY_MB, default 512), which caps the pixels an image may declare at memoryMb × 2^20 / 42
   * (12.8 MP by default: see `features/licences/content/decode-image.ts`), and may run `timeoutMs` (IMAGE_DECODE_TIMEOUT_MS,
   * default 15 s); `threads` decodes at once (IMAGE_DECODE_THREADS, default 1), so the service's memory for
   * images is at most threads × memoryMb.
   */
  images: { memoryMb: number; timeoutMs: number; threads: number };
  /**
   * How long one RPC call may take before it counts as failed (RPC_TIMEOUT_MS, default 5 s). A failed call is
   * retried once, so a stalled node costs a request about twice this before its 503 or UNVERIFIED.
   */
  rpcTimeoutMs: number;
  /**
   * On SIGTERM/SIGINT, how long in-flight requests (a large label download) may take to finish before their
   * connections are cut (SHUTDOWN_GRACE_MS, default 10 s; keep it below the orchestrator's kill timeout).
   */
  shutdownGraceMs: number;
  /**
   * The chain indexer (docs/indexer.md): registry events are copied into the database up to head −
   * `confirmations` (INDEXER_CONFIRMATIONS, default 0: lists show what the chain shows now, as they did
   * when they read the chain, and a reorg is rolled back; set 12 or more on a public chain to show only
   * settled events), reading at most `chunkBlocks` blocks per eth_getLogs (INDEXER_CHUNK_BLOCKS, default
   * 2,000, fewer when the provider refuses), every `pollMs` (INDEXER_POLL_MS, default 2 s).
   */
  indexer: { confirmations: number; chunkBlocks: number; pollMs: number };
  /** Test-only fault injection: the anchoring step at which the process kills itself. */
  crashAt: "before-send" | "after-send" | "after-receipt" | undefined;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ""),
    rpcUrl: e.RPC_URL,
    verifierRpcUrl: e.VERIFIER_RPC_URL,
    consortiumName: e.CONSORTIUM_NAME,
    trustRootsFile: e.TRUST_ROOTS_FILE === undefined ? undefined : path.resolve(e.TRUST_ROOTS_FILE),
    riskWeights: e.RISK_WEIGHTS_FILE === undefined ? DEFAULT_RISK_WEIGHTS : readRiskWeights(path.resolve(e.RISK_WEIGHTS_FILE)),
    deployerKey: e.DEPLOYER_KEY,
    registrarKey: e.REGISTRAR_KEY ?? e.DEPLOYER_KEY,
    masterKey: e.MASTER_KEY,
    governance: e.GOVERNANCE_ADDRESS,
    registrar: e.REGISTRAR_ADDRESS,
    chainPort: e.CHAIN_PORT,
    maxBatchQuantity: e.MAX_BATCH_QUANTITY,
    bodyLimit: e.BODY_LIMIT,
    fundAccountWei: e.FUND_ACCOUNT_WEI,
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    batchLeaseMs: e.BATCH_LEASE_MS,
    chainProbeIntervalMs: e.CHAIN_PROBE_INTERVAL_MS,
    logLevel: e.LOG_LEVEL,
    rateLimit: { windowMs: e.RATE_LIMIT_WINDOW_MS, max: e.RATE_LIMIT_MAX },
    trustedProxies: e.TRUSTED_PROXIES,
    sessions: { perNetwork: e.SESSIONS_PER_NETWORK, windowMs: e.SESSION_WINDOW_MINUTES * 60_000 },
    verifyCache: e.VERIFY_CACHE === "on",
    history: {
      maxSessions: e.HISTORY_MAX_SESSIONS,
      windowMs: e.HISTORY_WINDOW_DAYS * 86_400_000,
      minNetworks: e.HISTORY_MIN_NETWORKS,
      maxSessionsPerNetwork: e.HISTORY_SESSIONS_PER_NETWORK,
      maxSpeedKmh: e.HISTORY_MAX_SPEED_KMH,
      locationToleranceKm: e.HISTORY_LOCATION_TOLERANCE_KM,
      countryChangeMs: e.HISTORY_COUNTRY_CHANGE_MINUTES * 60_000,
    },
    images: { memoryMb: e.IMAGE_MEMORY_MB, timeoutMs: e.IMAGE_DECODE_TIMEOUT_MS, threads: e.IMAGE_DECODE_THREADS },
    indexer: { confirmations: e.INDEXER_CONFIRMATIONS, chunkBlocks: e.INDEXER_CHUNK_BLOCKS, pollMs: e.INDEXER_POLL_MS },
    crashAt: e.VERITRACE_TEST_CRASH_AT,
    rpcTimeoutMs: e.RPC_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}

/** The risk weights file, read once at start: a file that cannot be read or parsed stops the service by name. */
function readRiskWeights(file: string): RiskWeights {
  try {
    return parseRiskWeights(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    const field = (error as { field?: string }).field;
    throw new ConfigError(`Invalid configuration:\n  RISK_WEIGHTS_FILE (${file})${field ? ` at ${field}` : ""}: ${(error as Error).message}`);
  }
}
