/**
 * The service as a real child process on a real local chain (anvil), killed with SIGKILL at each step
 * of anchoring a batch and started again: every time the batch ends confirmed with exactly one root.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { createPublicClient, http, type Address, type Hex } from "viem";
import { productRegistryAbi } from "../../core/abi/index.ts";
import { newMasterKey } from "../../server/keys/vault.ts";
import { ANVIL_DEV_KEY, startLocalChain, type LocalChain } from "../../scripts/local-chain.ts";
import { freePort } from "../../scripts/free-port.ts";
import { readyLine } from "../helpers/start-output.ts";
import { callApi as call, exited, startStack } from "../helpers/start-stack.ts";

describe("crash recovery of the anchoring life cycle", function () {
  this.timeout(300_000);
  let chain: LocalChain;

  before(async function () {
    const chainDir = await mkdtemp(path.join(os.tmpdir(), "veritrace-chain-"));
    chain = await startLocalChain({ dataDir: chainDir, port: await freePort() });
  });

  after(async function () {
    await chain?.stop();
  });

  for (const step of ["before-send", "after-send", "after-receipt"] as const) {
    it(`finishes a batch exactly once when the process is killed ${step.replace("-", " ")}`, async function () {
      const env = {
        DATA_DIR: await mkdtemp(path.join(os.tmpdir(), "veritrace-crash-")),
        RPC_URL: chain.rpcUrl,
        DEPLOYER_KEY: ANVIL_DEV_KEY,
        MASTER_KEY: newMasterKey(),
      };
      const first = await startStack({ ...env, VERITRACE_TEST_CRASH_AT: step });
      let brand: Awaited<ReturnType<typeof call>>;
      let created: Awaited<ReturnType<typeof call>>;
      try {
        brand = await call(first.url, "POST", "/api/v1/brands", first.registrarApiKey!, { name: `Crash ${step}`, prefixes: ["9506000"] });
        expect(brand.status, JSON.stringify(brand.body)).to.equal(201);
        created = await call(first.url, "POST", "/api/v1/batches", brand.body.apiKey, { gtin: "09506000134352", lot: "CRASH1", quantity: 50 });
        expect(created.status).to.equal(202);
        // The process must have died at the step, by its own SIGKILL.
        expect(await exited(first.child)).to.equal("SIGKILL");
      } finally {
        first.child.kill("SIGKILL");
      }

      const second = await startStack(env);
      try {
        let batch: any;
        for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
          batch = (await call(second.url, "GET", `/api/v1/batches/${created.body.id}`, brand.body.apiKey)).body;
          if (batch.state === "confirmed" || batch.state === "failed") break;
        }
        expect(batch.state, JSON.stringify(batch)).to.equal("confirmed");
        expect(batch.progress.generated).to.equal(50);

        const client = createPublicClient({ transport: http(chain.rpcUrl) });
        const deployment = readyLine(second.output())!.productRegistry.address as Address;
        const registrations = await client.getContractEvents({
          address: deployment,
          abi: productRegistryAbi,
          eventName: "BatchRegistered",
          args: { batchId: created.body.id as Hex },
          fromBlock: 0n,
        });
        expect(registrations).to.have.length(1);
        expect(registrations[0]!.args.merkleRoot).to.equal(batch.merkleRoot);
        expect(registrations[0]!.transactionHash).to.equal(batch.transactionHash);
      } finally {
        second.child.kill("SIGTERM");
        await exited(second.child);
      }
    });
  }
});
