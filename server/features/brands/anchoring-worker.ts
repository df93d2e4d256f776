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
 *
 * Several instances may share one database: each worker claims a batch before working on it and keeps
 * the claim renewed (batch-lease.ts), so one instance drives a batch at a time, and another takes over,
 * from the committed state as after a restart, once a dead holder's lease has run out.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { getAddress, type Hex } from "viem";
import { registryDomain } from "../../../core/eip712.ts";
import { drawSerials, issueBatch } from "./issuance/index.ts";
import { buildStoredTree } from "./trees/tree-builder.ts";
import type { Receipt } from "../../chain/registry-gateway.ts";
import type { ServiceContext } from "../../context.ts";
import type { Batch } from "./store/types.ts";
import { BatchLease, LeaseLostError } from "./batch-lease.ts";

const IDLE_MS = 1_000;
const RETRY_MS = 2_000;

/** Failures that no retry will mend: the batch is marked failed with the reason. */
class PermanentFailure extends Error {}

export class AnchoringWorker {
  readonly #ctx: ServiceContext;
  /** Who holds this worker's claims: unique per process, and says which host and process when read in the database. */
  readonly owner = `${os.hostname()}/${process.pid}/${randomUUID()}`;
  /** The batch this worker last claimed, kept between its steps and released on stop. */
  #held: Hex | undefined;
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
    while (!this.#stopped) await this.#step();
    // Stopped between committed steps: another instance may go on at once instead of waiting out the lease.
    if (this.#held) {
      await this.#ctx.store.releaseBatchClaim(this.#held, this.owner).catch((err: unknown) => {
        this.#ctx.logger.warn({ batchId: this.#held, err }, "releasing the batch claim failed; it runs out by itself");
      });
    }
  }

  /** Claims a batch (the one it holds first) and advances it by one step. */
  async #step(): Promise<void> {
    const { store, logger, config } = this.#ctx;
    let batch: Batch | undefined;
    try {
      batch = await store.claimBatchWork(this.owner, config.batchLeaseMs);
    } catch (error) {
      // The database is unreachable: the loop waits for it rather than dying.
      logger.warn({ err: error }, "claiming a pending batch failed; retrying");
      await this.#sleep(RETRY_MS);
      return;
    }
    if (!batch) {
      this.#held = undefined;
      await this.#sleep(IDLE_MS);
      return;
    }
    if (batch.id !== this.#held) logger.info({ batchId: batch.id, state: batch.state, generated: batch.generated, owner: this.owner }, "batch claimed");
    this.#held = batch.id;
    const lease = new BatchLease({ store, batchId: batch.id, owner: this.owner, leaseMs: config.batchLeaseMs, logger });
    try {
      await this.#advance(batch, lease);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        // Not a failure of the batch: its new holder goes on from the committed state.
        logger.warn({ batchId: batch.id, state: batch.state, owner: this.owner }, "another instance took over the batch; abandoning it");
        this.#held = undefined;
      } else if (error instanceof PermanentFailure) {
        logger.error({ batchId: batch.id, reason: error.message }, "batch failed");
        try {
          await store.updateBatch(batch.id, { state: "failed", error: error.message });
        } catch (err) {
          logger.warn({ batchId: batch.id, err }, "marking the batch failed did not reach the store; retrying");
          await this.#sleep(RETRY_MS);
          return;
        }
        lease.stop();
        await this.#finished(batch.id);
      } else {
        // The chain or the store had a hiccup: the committed state is intact, so try again soon.
        logger.warn({ batchId: batch.id, state: batch.state, err: error }, "batch step failed; retrying");
        await this.#sleep(RETRY_MS);
      }
    } finally {
      lease.stop();
    }
  }

  /**
   * A batch confirmed or failed needs no claim: released at once, so that a brand's retry or discard of it
   * is not refused as BATCH_BUSY for a lease's length. A release that fails runs out by itself.
   */
  async #finished(batchId: Hex): Promise<void> {
    this.#held = undefined;
    await this.#ctx.store.releaseBatchClaim(batchId, this.owner).catch((err: unknown) => {
      this.#ctx.logger.warn({ batchId, err }, "releasing the finished batch's claim failed; it runs out by itself");
    });
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

  async #advance(batch: Batch, lease: BatchLease): Promise<void> {
    if (batch.state === "generating") await this.#generate(batch, lease);
    else if (batch.state === "anchoring") await this.#anchor(batch, lease);
    else await this.#confirm(batch, lease);
  }

  async #signerKey(batch: Batch) {
    const account = await this.#ctx.store.getAccount(getAddress(batch.signer));
    if (!account) throw new PermanentFailure(`The service no longer holds the key of signer ${batch.signer}`);
    if (account.removedAt !== undefined) throw new PermanentFailure(`Signer ${batch.signer} was removed before the batch was anchored`);
    return this.#ctx.vault.open(account.address, account.encryptedKey);
  }

  async #generate(batch: Batch, lease: BatchLease): Promise<void> {
    const { store, deployment, metrics } = this.#ctx;
    // The brand's list, or the serials a retried batch keeps from its failed attempt (perhaps fewer).
    const requested = (await store.requestedSerials(batch.id)) ?? [];
    let serials: readonly string[] = requested.slice(batch.generated);
    const toDraw = batch.quantity - Math.max(batch.generated, requested.length);
    if (toDraw > 0) {
      // Serials already stored or kept are kept (labels may be printed from them); the rest are made anew.
      const taken = batch.generated > 0 ? await store.storedSerials(batch.id) : new Set<string>();
      for (const serial of requested) taken.add(serial);
      // Drawn in time slices: a million serials must not hold up other requests.
      serials = serials.concat(await drawSerials(toDraw, taken.size === 0 ? undefined : taken));
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
    // A run that issues the whole batch keeps its leaves (32 bytes an item) for the tree, instead of reading
    // them back: PostgreSQL keeps no leaves and would compute them all again (seconds for a million).
    const leaves = batch.generated === 0 ? new Uint8Array(serials.length * 32) : undefined;
    for await (const chunk of chunks) {
      leaves?.set(chunk.leaves, chunk.start * 32);
      const items = [];
      for (let i = 0; i * 32 < chunk.leaves.length; i++) {
        items.push({
          index: batch.generated + chunk.start + i,
          serial: serials[chunk.start + i]!,
          leaf: chunk.leaves.subarray(i * 32, i * 32 + 32),
          signature: chunk.signatures.subarray(i * 64, i * 64 + 64),
        });
      }
      // A new holder resumes from the items committed so far (`generated` always counts them); should this
      // chunk race its first one, the store's unique (batch, index) refuses the later of the two writes.
      lease.check();
      await store.appendItems(batch.id, items);
      metrics.itemsIssued.inc(items.length);
      if (this.#stopped) return;
    }
    // Built on the tree thread, and stored before the root is recorded: every anchored batch has its tree
    // stored (saving again after a crash in between replaces it), so proofs never wait for a rebuild.
    const tree = await buildStoredTree(leaves ?? (await store.leaves(batch.id)));
    await store.trees.save(batch.id, tree);
    lease.check();
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
    await this.#finished(batch.id);
    return true;
  }

  /** A batch in `anchoring` (a takeover included): the chain is asked for its root before anything is signed. */
  async #anchor(batch: Batch, lease: BatchLease): Promise<void> {
    if (await this.#alreadyAnchored(batch)) return;
    this.#crashIf("before-send");
    await lease.confirm();
    const key = await this.#signerKey(batch);
    const call = this.#ctx.chain.registryCall("registerBatch", [
      BigInt(batch.gtin),
      batch.lot,
      batch.expiry ?? 0,
      batch.quantity,
      batch.merkleRoot!,
      batch.metadataUri,
    ]);
    const sent = await this.#ctx.chain.send(key, call, async (tx) => {
      // Signed, not yet sent: the last moment to find that another instance holds the batch now.
      await lease.confirm();
      await this.#ctx.store.updateBatch(batch.id, { state: "submitted", transactionHash: tx.hash, rawTransaction: tx.raw });
    });
    this.#crashIf("after-send");
    const receipt = await this.#ctx.chain.waitForReceipt(sent.hash, "registerBatch");
    await this.#settle({ ...batch, state: "submitted", transactionHash: sent.hash, rawTransaction: sent.raw }, receipt);
  }

  /**
   * A submitted batch after a restart or a takeover: its receipt, or the chain's word that it is anchored, or
   * the stored transaction re-sent byte for byte (never a new one while the stored one may still be mined).
   */
  async #confirm(batch: Batch, lease: BatchLease): Promise<void> {
    const { chain, store } = this.#ctx;
    let receipt = await chain.receipt(batch.transactionHash!);
    if (!receipt) {
      if (await this.#alreadyAnchored(batch)) return;
      await lease.confirm();
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
    await this.#finished(batch.id);
    this.#ctx.logger.info({ batchId: batch.id, block: receipt.blockNumber, items: batch.quantity }, "batch confirmed");
  }

  #crashIf(step: NonNullable<ServiceContext["config"]["crashAt"]>): void {
    if (this.#ctx.config.crashAt === step) process.kill(process.pid, "SIGKILL");
  }
}
