/**
 * Drives each batch through its life cycle, one step at a time, each step durable before the next:
 *
 *   generating  serials, leaves and signatures committed in chunks (`generated` counts them)
 *   anchoring   the Merkle tree stored, then the root committed; no transaction yet
 *   submitted   the signed transaction and its hash committed, then broadcast
 *   confirmed   the receipt's block committed
 *
 * A process that dies anywhere resumes from the committed state: generation continues where it stopped,
 * a batch already on chain is recognised by its root (never a second root: the registry also refuses a
 * second anchoring of the same batch id), and a submitted transaction is re-sent byte for byte.
 */
import { getAddress } from "viem";
import { registryDomain } from "../../core/eip712.ts";
import { generateSerials, issueBatch } from "../issuance/index.ts";
import { buildStoredTree } from "../trees/tree-builder.ts";
import type { Receipt } from "../chain/registry-gateway.ts";
import type { ServiceContext } from "../context.ts";
import type { Batch } from "../store/store.ts";

const IDLE_MS = 1_000;
const RETRY_MS = 2_000;

/** Failures that no retry will mend: the batch is marked failed with the reason. */
class PermanentFailure extends Error {}

export class AnchoringWorker {
  readonly #ctx: ServiceContext;
  #stopped = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  wake(): void {
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.wake();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let batch: Batch | undefined;
      try {
        batch = (await this.#ctx.store.listBatchesInState("generating", "anchoring", "submitted"))[0];
      } catch (error) {
        // The database is unreachable: the loop waits for it rather than dying.
        this.#ctx.logger.warn({ err: error }, "reading pending batches failed; retrying");
        await this.#sleep(RETRY_MS);
        continue;
      }
      if (!batch) {
        await this.#sleep(IDLE_MS);
        continue;
      }
      try {
        await this.#advance(batch);
      } catch (error) {
        if (error instanceof PermanentFailure) {
          this.#ctx.logger.error({ batchId: batch.id, reason: error.message }, "batch failed");
          await this.#ctx.store.updateBatch(batch.id, { state: "failed", error: error.message }).catch(async (err: unknown) => {
            this.#ctx.logger.warn({ batchId: batch.id, err }, "marking the batch failed did not reach the store; retrying");
            await this.#sleep(RETRY_MS);
          });
        } else {
          // The chain or the store had a hiccup: the committed state is intact, so try again soon.
          this.#ctx.logger.warn({ batchId: batch.id, state: batch.state, err: error }, "batch step failed; retrying");
          await this.#sleep(RETRY_MS);
        }
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  async #advance(batch: Batch): Promise<void> {
    if (batch.state === "generating") await this.#generate(batch);
    else if (batch.state === "anchoring") await this.#anchor(batch);
    else await this.#confirm(batch);
  }

  async #signerKey(batch: Batch) {
    const account = await this.#ctx.store.getAccount(getAddress(batch.signer));
    if (!account) throw new PermanentFailure(`The service no longer holds the key of signer ${batch.signer}`);
    if (account.removedAt !== undefined) throw new PermanentFailure(`Signer ${batch.signer} was removed before the batch was anchored`);
    return this.#ctx.vault.open(account.address, account.encryptedKey);
  }

  async #generate(batch: Batch): Promise<void> {
    const { store, deployment, metrics } = this.#ctx;
    const requested = await store.requestedSerials(batch.id);
    let serials: readonly string[];
    if (requested) {
      serials = requested.slice(batch.generated);
    } else {
      // Serials already stored are kept (labels may be printed from them); the rest are made anew.
      const taken = batch.generated > 0 ? await store.storedSerials(batch.id) : new Set<string>();
      const fresh = new Set<string>();
      while (fresh.size < batch.quantity - batch.generated) {
        for (const serial of generateSerials(batch.quantity - batch.generated - fresh.size)) {
          if (!taken.has(serial)) fresh.add(serial);
        }
      }
      serials = [...fresh];
    }
    const chunks = issueBatch({
      domain: registryDomain(deployment.chainId, deployment.productRegistry.address),
      brandId: batch.brandId,
      gtin: batch.gtin,
      lot: batch.lot,
      expiry: batch.expiry,
      serials,
      signerKey: await this.#signerKey(batch),
    });
    for await (const chunk of chunks) {
      const items = [];
      for (let i = 0; i * 32 < chunk.leaves.length; i++) {
        items.push({
          index: batch.generated + chunk.start + i,
          serial: serials[chunk.start + i]!,
          leaf: chunk.leaves.subarray(i * 32, i * 32 + 32),
          signature: chunk.signatures.subarray(i * 64, i * 64 + 64),
        });
      }
      await store.appendItems(batch.id, items);
      metrics.itemsIssued.inc(items.length);
      if (this.#stopped) return;
    }
    // Built on the tree thread, and stored before the root is recorded: every anchored batch has its tree
    // stored (saving again after a crash in between replaces it), so proofs never wait for a rebuild.
    const tree = await buildStoredTree(await store.leaves(batch.id));
    await store.trees.save(batch.id, tree);
    await store.updateBatch(batch.id, { state: "anchoring", merkleRoot: tree.root });
  }

  /** Whether the chain already holds this batch; throws when it holds another root under its id. */
  async #alreadyAnchored(batch: Batch): Promise<boolean> {
    const onChain = await this.#ctx.chain.getBatch(batch.id);
    if (onChain.anchoredAt === 0) return false;
    if (onChain.merkleRoot.toLowerCase() !== batch.merkleRoot?.toLowerCase()) {
      throw new PermanentFailure(`The chain holds another root ${onChain.merkleRoot} for this batch id`);
    }
    const registration = await this.#ctx.chain.findBatchRegistration(batch.id);
    await this.#ctx.store.updateBatch(batch.id, {
      state: "confirmed",
      transactionHash: registration?.hash ?? batch.transactionHash,
      blockNumber: registration?.blockNumber ?? batch.blockNumber,
      confirmedAt: new Date().toISOString(),
    });
    return true;
  }

  async #anchor(batch: Batch): Promise<void> {
    if (await this.#alreadyAnchored(batch)) return;
    this.#crashIf("before-send");
    const key = await this.#signerKey(batch);
    const call = this.#ctx.chain.registryCall("registerBatch", [
      BigInt(batch.gtin),
      batch.lot,
      batch.expiry ?? 0,
      batch.quantity,
      batch.merkleRoot!,
      batch.metadataUri,
    ]);
    const sent = await this.#ctx.chain.send(key, call, (tx) =>
      this.#ctx.store.updateBatch(batch.id, { state: "submitted", transactionHash: tx.hash, rawTransaction: tx.raw }),
    );
    this.#crashIf("after-send");
    const receipt = await this.#ctx.chain.waitForReceipt(sent.hash, "registerBatch");
    await this.#settle({ ...batch, state: "submitted", transactionHash: sent.hash, rawTransaction: sent.raw }, receipt);
  }

  /** A submitted batch after a restart: its receipt, or the chain's word that it is anchored, or a re-send. */
  async #confirm(batch: Batch): Promise<void> {
    const { chain, store } = this.#ctx;
    let receipt = await chain.receipt(batch.transactionHash!);
    if (!receipt) {
      if (await this.#alreadyAnchored(batch)) return;
      try {
        await chain.rebroadcast(batch.rawTransaction!);
      } catch (error) {
        // Its nonce was used by another transaction: sign afresh.
        this.#ctx.logger.warn({ batchId: batch.id, err: error }, "re-sending the stored transaction failed; signing it again");
        await store.updateBatch(batch.id, { state: "anchoring", transactionHash: undefined, rawTransaction: undefined });
        return;
      }
      receipt = await chain.waitForReceipt(batch.transactionHash!, "registerBatch");
    }
    await this.#settle(batch, receipt);
  }

  /** Records the outcome of the anchoring transaction. */
  async #settle(batch: Batch, receipt: Receipt): Promise<void> {
    this.#crashIf("after-receipt");
    if (!receipt.success) {
      if (await this.#alreadyAnchored(batch)) return;
      throw new PermanentFailure(`The anchoring transaction ${receipt.hash} reverted`);
    }
    await this.#ctx.store.updateBatch(batch.id, { state: "confirmed", blockNumber: receipt.blockNumber, confirmedAt: new Date().toISOString() });
    this.#ctx.logger.info({ batchId: batch.id, block: receipt.blockNumber, items: batch.quantity }, "batch confirmed");
  }

  #crashIf(step: NonNullable<ServiceContext["config"]["crashAt"]>): void {
    if (this.#ctx.config.crashAt === step) process.kill(process.pid, "SIGKILL");
  }
}
