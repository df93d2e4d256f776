/**
 * Creating and reading batches. Creating only records the request (durably, with its idempotent
 * response) and wakes the anchoring worker: serialising, signing and anchoring happen there, so a large
 * batch is answered at once with 202 and its progress is read from `GET /batches/:id`.
 */
import type { Hex } from "viem";
import { batchIdOf } from "../../../core/ids.ts";
import { productRegistryAbi } from "../../../core/abi/index.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import type { Batch } from "./store/types.ts";
import type { Account, Organisation } from "../organisations/store/types.ts";
import { batchView } from "./batch-view.ts";
import type { BatchView } from "../../../api/batches.ts";
import { requestHash } from "./request-hash.ts";

/** A request whose every field was checked already (`readBatchInput` in batch-input.ts). */
export type CreateBatchInput = {
  gtin: string;
  lot: string;
  expiry: number | undefined;
  quantity: number | undefined;
  serials: string[] | undefined;
  metadataUri: string;
};

export type CreateBatchResult = { status: number; body: BatchView; replayed: boolean };

/**
 * A brand issues only its own GTINs: those inside a GS1 company prefix the registrar assigned it on chain.
 * Checked before anything is stored or signed; the registry refuses the same batch anyway.
 */
export async function checkGtinOwned(ctx: ServiceContext, org: Organisation, gtin: string): Promise<void> {
  const [owner, prefix] = await ctx.chain.client.readContract({
    address: ctx.deployment.productRegistry.address,
    abi: productRegistryAbi,
    functionName: "gtinOwner",
    args: [BigInt(gtin)],
  });
  if (owner.toLowerCase() === org.brandId!.toLowerCase()) return;
  const holder = BigInt(owner) === 0n ? undefined : (await ctx.store.listOrganisations()).find((o) => o.brandId?.toLowerCase() === owner.toLowerCase());
  const whose =
    BigInt(owner) === 0n
      ? "no GS1 company prefix the registrar assigned to any brand"
      : `prefix ${prefix}, which the registrar assigned to ${holder ? JSON.stringify(holder.name) : `brand ${owner}`}`;
  throw new AppError(`GTIN ${gtin} is not ${JSON.stringify(org.name)}'s: it falls in ${whose}. Ask the registrar to assign your GS1 company prefix.`, {
    status: 403,
    code: "GTIN_NOT_OWNED",
    field: "gtin",
  });
}

/** The key a new (or retried) batch is signed with: the brand's newest signer still active. */
export async function activeSigner(ctx: ServiceContext, org: Organisation): Promise<Account> {
  const signer = (await ctx.store.listAccounts(org.id))
    .filter((a) => a.role === "signer" && a.removedAt === undefined)
    .at(-1);
  if (!signer) throw conflict("The brand has no active signer: add one first", "NO_ACTIVE_SIGNER");
  return signer;
}

export async function createBatch(
  ctx: ServiceContext,
  org: Organisation,
  input: CreateBatchInput,
  idempotencyKey: string | undefined,
): Promise<CreateBatchResult> {
  const hash = await requestHash(input);
  if (idempotencyKey !== undefined) {
    const previous = await ctx.store.getIdempotentResponse(org.id, idempotencyKey);
    if (previous) return replay(previous, hash);
  }

  await checkGtinOwned(ctx, org, input.gtin);
  const id = batchIdOf(org.brandId!, input.gtin, input.lot);
  if ((await ctx.store.getBatch(id)) || (await ctx.chain.getBatch(id)).anchoredAt !== 0) {
    throw conflict(`Batch ${input.lot} of GTIN ${input.gtin} exists already`, "BATCH_EXISTS", "lot");
  }
  const signer = await activeSigner(ctx, org);

  const quantity = input.serials?.length ?? input.quantity!;
  const newBatch = {
    id,
    orgId: org.id,
    brandId: org.brandId!,
    gtin: input.gtin,
    lot: input.lot,
    expiry: input.expiry,
    quantity,
    metadataUri: input.metadataUri,
    signer: signer.address,
    serials: input.serials,
  };
  const view = batchView({
    ...newBatch,
    state: "generating",
    generated: 0,
    merkleRoot: undefined,
    transactionHash: undefined,
    rawTransaction: undefined,
    blockNumber: undefined,
    error: undefined,
    createdAt: new Date().toISOString(),
    confirmedAt: undefined,
  });
  // The store refuses, in the insert's own transaction, a batch id or key another request took meanwhile.
  const stored = await ctx.store.createBatch(
    newBatch,
    idempotencyKey === undefined ? undefined : { orgId: org.id, key: idempotencyKey, response: { requestHash: hash, status: 202, body: view } },
  );
  if (stored === undefined) {
    const previous = idempotencyKey === undefined ? undefined : await ctx.store.getIdempotentResponse(org.id, idempotencyKey);
    if (previous) return replay(previous, hash);
    throw conflict(`Batch ${input.lot} of GTIN ${input.gtin} exists already`, "BATCH_EXISTS", "lot");
  }
  ctx.metrics.batchesCreated.inc();
  ctx.wakeWorker();
  return { status: 202, body: batchView(stored), replayed: false };
}

function replay(previous: { requestHash: string; status: number; body: unknown }, hash: string): CreateBatchResult {
  if (previous.requestHash !== hash) {
    throw new AppError("This Idempotency-Key was used for a different request", { status: 422, code: "IDEMPOTENCY_KEY_REUSED", field: "Idempotency-Key" });
  }
  return { status: previous.status, body: previous.body as BatchView, replayed: true };
}

/** A batch of the caller's organisation; another organisation's batch is not found (its existence is not leaked). */
export async function ownBatch(ctx: ServiceContext, org: Organisation, id: Hex): Promise<Batch> {
  const batch = /^0x[0-9a-fA-F]{64}$/.test(id) ? await ctx.store.getBatch(id.toLowerCase() as Hex) : undefined;
  if (!batch || batch.orgId !== org.id) throw notFound(`No batch ${id} in your organisation`, "UNKNOWN_BATCH");
  return batch;
}

export async function listBatches(ctx: ServiceContext, org: Organisation): Promise<BatchView[]> {
  return (await ctx.store.listBatches(org.id)).map(batchView);
}
