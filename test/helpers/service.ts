/**
 * The service in-process on port 0, against a registry deployed on Hardhat's in-process chain, with its
 * SQLite file in a fresh temporary folder (or, with TEST_STORE=postgres, a fresh PostgreSQL database).
 * Nothing is mocked.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { custom, getAddress, type Address, type Hex } from "viem";
import type { Deployment } from "../../core/deployment.ts";
import { loadConfig } from "../../server/config.ts";
import { newMasterKey } from "../../server/keys/vault.ts";
import { startService, type RunningService } from "../../server/service.ts";
import { sharedTestPostgres } from "./postgres.ts";
import { testPrefix } from "./prefixes.ts";

/** Hardhat's first default account: a published test key, funded on the in-process chain. */
export const HARDHAT_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as const;

export type NewBrandOptions = { prefixes?: string[]; body?: Record<string, unknown> };

export type TestService = RunningService & {
  connection: Awaited<ReturnType<typeof network.create>>;
  registrarApiKey: string;
  dataDir: string;
  masterKey: Hex;
  brandsMade: { count: number };
  /** fetch against the service, JSON in and out. */
  api(method: string, route: string, options?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  /**
   * A new brand admitted through the API, with its API key and GS1 company prefix (by default the next
   * test prefix: see helpers/prefixes.ts).
   */
  newBrand(name: string, options?: NewBrandOptions): Promise<{ apiKey: string; brandId: Hex; signer: Address; admin: Address; prefixes: string[] }>;
  /** Polls a batch until it leaves `pending`/`submitted`. */
  waitForBatch(apiKey: string, id: string, timeoutMs?: number): Promise<any>;
};

/** `sqliteOnly`: a test of the SQLite file itself, which runs on SQLite whatever TEST_STORE says. */
export async function startTestService(env: Record<string, string> = {}, { sqliteOnly = false } = {}): Promise<TestService> {
  const connection = await network.create();
  const deployment = await deployRegistries(connection);
  // TEST_STORE=postgres: the same suite on PostgreSQL, a fresh database per service (docs/postgresql.md).
  const database: Record<string, string> = process.env.TEST_STORE === "postgres" && env.DATABASE_URL === undefined && !sqliteOnly ? { DATABASE_URL: await (await sharedTestPostgres()).createDatabase() } : {};
  return startInstance({ connection, deployment, masterKey: newMasterKey(), env: { ...database, ...env }, brandsMade: { count: 0 } });
}

/**
 * Another instance of `first`'s service, as a second machine behind a load balancer would run it: the same
 * chain, deployment, PostgreSQL database and master key; its own process state (caches, workers, pool),
 * data folder and port. The registrar's API key is the first instance's.
 */
export async function startPeerInstance(first: TestService, env: Record<string, string> = {}): Promise<TestService> {
  const databaseUrl = first.ctx.config.databaseUrl;
  if (databaseUrl === undefined) throw new Error("instances share one PostgreSQL database: start the first with DATABASE_URL");
  return startInstance({
    connection: first.connection,
    deployment: first.ctx.deployment,
    masterKey: first.masterKey,
    env: { DATABASE_URL: databaseUrl, ...env },
    brandsMade: first.brandsMade,
    registrarApiKey: first.registrarApiKey,
  });
}

type Connection = Awaited<ReturnType<typeof network.create>>;

async function deployRegistries(connection: Connection): Promise<Deployment> {
  const { ethers } = connection;
  const [deployer] = await ethers.getSigners();
  const registry = await ethers.deployContract("ProductRegistry", [deployer!.address, deployer!.address]);
  const receipt = await registry.deploymentTransaction()!.wait();
  const shipments = await ethers.deployContract("ShipmentRegistry", [deployer!.address, deployer!.address]);
  const shipmentsReceipt = await shipments.deploymentTransaction()!.wait();
  const licences = await ethers.deployContract("LicenceRegistry", [deployer!.address, deployer!.address]);
  const licencesReceipt = await licences.deploymentTransaction()!.wait();
  return {
    chainId: Number((await ethers.provider.getNetwork()).chainId),
    productRegistry: { address: getAddress(await registry.getAddress()), blockNumber: receipt!.blockNumber, transactionHash: receipt!.hash as Hex },
    shipmentRegistry: {
      address: getAddress(await shipments.getAddress()),
      blockNumber: shipmentsReceipt!.blockNumber,
      transactionHash: shipmentsReceipt!.hash as Hex,
    },
    licenceRegistry: {
      address: getAddress(await licences.getAddress()),
      blockNumber: licencesReceipt!.blockNumber,
      transactionHash: licencesReceipt!.hash as Hex,
    },
    deployer: getAddress(deployer!.address),
    governance: getAddress(deployer!.address),
    registrar: getAddress(deployer!.address),
    deployedAt: new Date().toISOString(),
  };
}

type InstanceParameters = {
  connection: Connection;
  deployment: Deployment;
  masterKey: Hex;
  env: Record<string, string>;
  /** Shared by instances of one service, so that their brands get distinct test prefixes. */
  brandsMade: { count: number };
  /** A peer's: the registrar was made, and its key shown, by the first instance. */
  registrarApiKey?: string;
};

async function startInstance({ connection, deployment, masterKey, env, brandsMade, ...params }: InstanceParameters): Promise<TestService> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-test-"));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent", PUBLIC_BASE_URL: "https://id.example.com", ...env });
  const service = await startService({
    config,
    deployment,
    transport: custom(connection.provider),
    registrarKey: HARDHAT_KEY_0,
    masterKey,
  });
  const registrarApiKey = params.registrarApiKey ?? service.registrarApiKey!;

  const api: TestService["api"] = async (method, route, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    }
    const res = await fetch(`${service.url}${route}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a download): keep the text.
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  return {
    ...service,
    connection,
    registrarApiKey,
    dataDir,
    masterKey,
    brandsMade,
    api,
    async newBrand(name, options = {}) {
      const prefixes = options.prefixes ?? [testPrefix(brandsMade.count)];
      brandsMade.count++;
      const res = await api("POST", "/api/v1/brands", { key: registrarApiKey, body: { name, prefixes, ...options.body } });
      if (res.status !== 201) throw new Error(`brand creation failed: ${res.status} ${JSON.stringify(res.body)}`);
      const { brand } = res.body;
      return { apiKey: res.body.apiKey, brandId: brand.brandId, signer: brand.signers[0].address, admin: brand.admin, prefixes: brand.prefixes };
    },
    async waitForBatch(apiKey, id, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await api("GET", `/api/v1/batches/${id}`, { key: apiKey });
        if (res.status !== 200) throw new Error(`batch read failed: ${res.status} ${JSON.stringify(res.body)}`);
        if (res.body.state === "confirmed" || res.body.state === "failed") return res.body;
        if (Date.now() > deadline) throw new Error(`batch ${id} still ${res.body.state} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
