import { expect } from "chai";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEFAULT_RISK_WEIGHTS } from "../../core/risk/weights.ts";
import { ConfigError, loadConfig } from "../../server/config.ts";

describe("server/config", function () {
  describe("TRUSTED_PROXIES", function () {
    it("trusts no proxy by default", function () {
      expect(loadConfig({}).trustedProxies).to.deep.equal([]);
      expect(loadConfig({ TRUSTED_PROXIES: "none" }).trustedProxies).to.deep.equal([]);
    });

    it("takes Express `trust proxy` names, addresses and CIDR blocks", function () {
      expect(loadConfig({ TRUSTED_PROXIES: "loopback, 10.0.0.0/8,127.0.0.1, fd00::/8" }).trustedProxies).to.deep.equal([
        "loopback",
        "10.0.0.0/8",
        "127.0.0.1",
        "fd00::/8",
      ]);
    });

    it("refuses `true`, hop counts and malformed blocks, naming the variable", function () {
      for (const value of ["true", "1", "10.0.0.0/33", "10.0.0/8", "everyone"]) {
        expect(() => loadConfig({ TRUSTED_PROXIES: value }), value).to.throw(ConfigError, "TRUSTED_PROXIES");
      }
    });
  });

  describe("RISK_WEIGHTS_FILE", function () {
    it("uses the documented defaults without it, and a file's settings over them with it", async function () {
      expect(loadConfig({}).riskWeights).to.deep.equal(DEFAULT_RISK_WEIGHTS);
      const file = path.join(await mkdtemp(path.join(os.tmpdir(), "risk-")), "weights.json");
      await writeFile(file, JSON.stringify({ weights: { "brand-alert": 0.3 }, red: 0.4 }));
      const { riskWeights } = loadConfig({ RISK_WEIGHTS_FILE: file });
      expect(riskWeights).to.deep.equal({ ...DEFAULT_RISK_WEIGHTS, weights: { ...DEFAULT_RISK_WEIGHTS.weights, "brand-alert": 0.3 }, red: 0.4 });
    });

    it("stops at start on a file that is missing, not JSON, or names an unknown indicator, saying which", async function () {
      const dir = await mkdtemp(path.join(os.tmpdir(), "risk-"));
      await writeFile(path.join(dir, "bad.json"), "{ weights: ");
      await writeFile(path.join(dir, "unknown.json"), JSON.stringify({ weights: { "moon-phase": 1 } }));
      expect(() => loadConfig({ RISK_WEIGHTS_FILE: path.join(dir, "absent.json") })).to.throw(ConfigError, "RISK_WEIGHTS_FILE");
      expect(() => loadConfig({ RISK_WEIGHTS_FILE: path.join(dir, "bad.json") })).to.throw(ConfigError, "JSON");
      expect(() => loadConfig({ RISK_WEIGHTS_FILE: path.join(dir, "unknown.json") })).to.throw(ConfigError, 'at weights.moon-phase: Unknown indicator "moon-phase"');
    });
  });

  it("keeps the store in SQLite unless DATABASE_URL names a PostgreSQL database, and names a bad one", function () {
    expect(loadConfig({}).databaseUrl).to.equal(undefined);
    for (const url of ["postgres://veritrace:secret@db.internal:5432/veritrace", "postgresql://localhost/veritrace?sslmode=require"]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).to.equal(url);
    }
    for (const value of ["mysql://localhost/veritrace", "localhost:5432", "veritrace.db"]) {
      expect(() => loadConfig({ DATABASE_URL: value }), value).to.throw(ConfigError, "DATABASE_URL");
    }
  });

  it("defaults image decoding to 512 MB, 15 s and one thread, and names a bad value", function () {
    expect(loadConfig({}).images).to.deep.equal({ memoryMb: 512, timeoutMs: 15_000, threads: 1 });
    expect(loadConfig({ IMAGE_MEMORY_MB: "128", IMAGE_DECODE_TIMEOUT_MS: "2000", IMAGE_DECODE_THREADS: "2" }).images).to.deep.equal({ memoryMb: 128, timeoutMs: 2000, threads: 2 });
    for (const [name, value] of [["IMAGE_MEMORY_MB", "8"], ["IMAGE_DECODE_TIMEOUT_MS", "soon"], ["IMAGE_DECODE_THREADS", "0"]] as const) {
      expect(() => loadConfig({ [name]: value }), name).to.throw(ConfigError, name);
    }
  });

  it("defaults sessions to 3 per network per hour and the clone signal to 3 networks", function () {
    const config = loadConfig({});
    expect(config.sessions).to.deep.equal({ perNetwork: 3, windowMs: 3_600_000 });
    expect(config.history.minNetworks).to.equal(3);
    const tuned = loadConfig({ SESSIONS_PER_NETWORK: "10", SESSION_WINDOW_MINUTES: "30", HISTORY_MIN_NETWORKS: "4" });
    expect(tuned.sessions).to.deep.equal({ perNetwork: 10, windowMs: 1_800_000 });
    expect(tuned.history.minNetworks).to.equal(4);
  });

  it("bounds every RPC call (RPC_TIMEOUT_MS, default 5 s) and a shutdown's grace (SHUTDOWN_GRACE_MS, default 10 s)", function () {
    expect(loadConfig({})).to.include({ rpcTimeoutMs: 5_000, shutdownGraceMs: 10_000 });
    expect(loadConfig({ RPC_TIMEOUT_MS: "300", SHUTDOWN_GRACE_MS: "0" })).to.include({ rpcTimeoutMs: 300, shutdownGraceMs: 0 });
    for (const [name, value] of [["RPC_TIMEOUT_MS", "0"], ["RPC_TIMEOUT_MS", "5s"], ["SHUTDOWN_GRACE_MS", "-1"]]) {
      expect(() => loadConfig({ [name!]: value }), `${name}=${value}`).to.throw(ConfigError, name);
    }
  });

  it("leases a batch to one instance for BATCH_LEASE_MS (default 30 s), and names a value too short, too long or not whole", function () {
    expect(loadConfig({}).batchLeaseMs).to.equal(30_000);
    expect(loadConfig({ BATCH_LEASE_MS: "1500" }).batchLeaseMs).to.equal(1_500);
    for (const value of ["999", "3600001", "1.5", "30s"]) {
      expect(() => loadConfig({ BATCH_LEASE_MS: value }), value).to.throw(ConfigError, "BATCH_LEASE_MS");
    }
  });
});
