/**
 * Two service instances (real child processes) on one PostgreSQL database and one chain (anvil): the
 * instance that claimed a large batch is killed with SIGKILL while generating it, and the other takes the
 * batch over once the claim's lease runs out, resumes from the items already committed and anchors it —
 * exactly one BatchRegistered on chain, every item under the anchored root. While the first lives, the
 * second never touches the batch.
 */
import { copyFile, mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { createPublicClient, http, type Address, type Hex } from "viem";
import { productRegistryAbi } from "../../../../core/abi/index.ts";
import { ANVIL_DEV_KEY, startLocalChain, type LocalChain } from "../../../../scripts/local-chain.ts";
import { freePort } from "../../../../scripts/free-port.ts";
import { buildItemMerkleTree } from "../../../../server/features/brands/issuance/index.ts";
import { newMasterKey } from "../../../../server/keys/vault.ts";
import { PgStore } from "../../../../server/store/postgres/pg-store.ts";
import { startTestPostgres, type TestPostgres } from "../../../helpers/postgres.ts";
import { jsonLines, readyLine } from "../../../helpers/start-output.ts";
import { callApi as call, exited, startStack, type StartedStack } from "../../../helpers/start-stack.ts";

const QUANTITY = 20_000;
const LEASE_MS = 1_500;

/** The "batch claimed" log lines of one instance for one batch. */
const claims = (output: string, batchId: string) => jsonLines(output).filter((line) => line.msg === "batch claimed" && line.batchId === batchId);

describe("anchoring with two instances on one database", function () {
  this.timeout(300_000);
  let chain: LocalChain;
  let postgres: TestPostgres;
  const started: StartedStack[] = [];

  before(async function () {
    chain = await startLocalChain({ dataDir: await mkdtemp(path.join(os.tmpdir(), "veritrace-chain-")), port: await freePort() });
    postgres = await startTestPostgres();
  });

  after(async function () {
    for (const stack of started) {
      stack.child.kill("SIGTERM");
      await exited(stack.child);
    }
    await chain?.stop();
    await postgres?.stop();
  });

  it("lets the second instance take over a batch whose instance was killed mid-generation, and anchors it once", async function () {
    const shared = {
      RPC_URL: chain.rpcUrl,
      DEPLOYER_KEY: ANVIL_DEV_KEY,
      MASTER_KEY: newMasterKey(),
      DATABASE_URL: await postgres.createDatabase(),
      BATCH_LEASE_MS: String(LEASE_MS),
      // Both instances print the same resolver on labels, as instances behind one load balancer do.
      PUBLIC_BASE_URL: "https://id.example.com",
    };
    const dirA = await mkdtemp(path.join(os.tmpdir(), "veritrace-instance-a-"));
    const a = await startStack({ ...shared, DATA_DIR: dirA });
    started.push(a);
    // The second instance uses the registries the first deployed: the same deployment record.
    const dirB = await mkdtemp(path.join(os.tmpdir(), "veritrace-instance-b-"));
    for (const name of (await readdir(dirA)).filter((n) => /^deployment-\d+\.json$/.test(n))) await copyFile(path.join(dirA, name), path.join(dirB, name));
    const b = await startStack({ ...shared, DATA_DIR: dirB });
    started.push(b);
    expect(readyLine(b.output())!.productRegistry.address).to.equal(readyLine(a.output())!.productRegistry.address);

    const brand = await call(a.url, "POST", "/api/v1/brands", a.registrarApiKey!, { name: "Takeover", prefixes: ["9506000"], labelDomains: ["id.example.com"] });
    expect(brand.status, JSON.stringify(brand.body)).to.equal(201);
    const key = brand.body.apiKey as string;
    const created = await call(a.url, "POST", "/api/v1/batches", key, { gtin: "09506000134352", lot: "TAKEOVER", quantity: QUANTITY });
    expect(created.status).to.equal(202);
    const id = created.body.id as string;

    // Killed once the first chunks are committed and before the last.
    let generatedAtKill = 0;
    let killedAt = 0;
    for (const deadline = Date.now() + 120_000; generatedAtKill === 0; await new Promise((r) => setTimeout(r, 20))) {
      const batch = (await call(a.url, "GET", `/api/v1/batches/${id}`, key)).body;
      expect(batch.progress.generated, "the batch was generated whole before the kill").to.be.below(QUANTITY);
      if (batch.progress.generated > 0) {
        killedAt = Date.now();
        a.child.kill("SIGKILL");
        generatedAtKill = batch.progress.generated;
      }
      expect(Date.now(), "generation did not start").to.be.below(deadline);
    }
    expect(await exited(a.child)).to.equal("SIGKILL");
    expect(claims(a.output(), id), "instance A claimed the batch").to.have.length(1);
    expect(claims(b.output(), id), "instance B touched the batch while A held it").to.have.length(0);

    let batch: any;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      batch = (await call(b.url, "GET", `/api/v1/batches/${id}`, key)).body;
      if (batch.state === "confirmed" || batch.state === "failed") break;
    }
    expect(batch.state, JSON.stringify(batch)).to.equal("confirmed");
    expect(batch.progress.generated).to.equal(QUANTITY);
    // B claimed the batch only after A was killed (A's heartbeat kept it until then), and went on from A's
    // committed items rather than starting again.
    const [takeover] = claims(b.output(), id);
    expect(takeover, "instance B claimed the batch").to.not.equal(undefined);
    expect(takeover!.time as number).to.be.at.least(killedAt);
    expect(takeover!.generated as number).to.be.at.least(generatedAtKill);

    const client = createPublicClient({ transport: http(chain.rpcUrl) });
    const registrations = await client.getContractEvents({
      address: readyLine(b.output())!.productRegistry.address as Address,
      abi: productRegistryAbi,
      eventName: "BatchRegistered",
      args: { batchId: id as Hex },
      fromBlock: 0n,
    });
    expect(registrations).to.have.length(1);
    expect(registrations[0]!.args.merkleRoot).to.equal(batch.merkleRoot);
    expect(registrations[0]!.transactionHash).to.equal(batch.transactionHash);

    // Every item is under the anchored root: the tree of the stored leaves (A's and B's) has that root.
    const store = await PgStore.open(shared.DATABASE_URL);
    try {
      const leaves = await store.leaves(id as Hex);
      expect(leaves.length / 32).to.equal(QUANTITY);
      expect((await buildItemMerkleTree(leaves)).root).to.equal(registrations[0]!.args.merkleRoot);
      expect((await store.storedSerials(id as Hex)).size).to.equal(QUANTITY);
    } finally {
      await store.close();
    }
    // And the labels verify: the first, one either side of the kill, and the last, each GENUINE through B.
    const csv = (await call(b.url, "GET", `/api/v1/batches/${id}/labels?format=csv`, key)).body as string;
    const uris = csv.trim().split("\r\n").slice(1).map((row) => row.slice(row.lastIndexOf(",") + 1));
    expect(uris).to.have.length(QUANTITY);
    for (const index of [0, generatedAtKill - 1, generatedAtKill, QUANTITY - 1]) {
      const verdict = await call(b.url, "GET", `/api/v1/verify?code=${encodeURIComponent(uris[index]!)}`, key);
      expect(verdict.body.verdict, `item ${index}: ${JSON.stringify(verdict.body)}`).to.equal("GENUINE");
    }
  });
});
