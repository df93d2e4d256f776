/** Recall, stolen, destroyed (and back to active): written on chain by the brand admin key. */
import type { Hex } from "viem";
import { validatePathValue } from "../../../core/gs1/index.ts";
import { itemIdOf } from "../../../core/ids.ts";
import { Status, type StatusName } from "../../../core/status.ts";
import type { ServiceContext } from "../../context.ts";
import { conflict } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { ownBatch } from "./batches.ts";
import { accountKey } from "../organisations/organisations.ts";
import type { StatusChange } from "../../../api/batches.ts";

const statusNumber = (status: Lowercase<StatusName>) =>
  Status[(status[0]!.toUpperCase() + status.slice(1)) as StatusName];

async function currentStatus(ctx: ServiceContext, batchId: Hex, itemId: Hex | undefined): Promise<number> {
  return itemId === undefined ? (await ctx.chain.getBatch(batchId)).status : ctx.chain.getItemStatus(itemId);
}

export async function setStatus(
  ctx: ServiceContext,
  org: Organisation,
  params: { batchId: Hex; serial?: string | undefined; status: Lowercase<StatusName> },
): Promise<StatusChange> {
  const batch = await ownBatch(ctx, org, params.batchId);
  if (batch.state !== "confirmed") {
    throw conflict(`Batch ${batch.lot} is ${batch.state}; statuses can be set once it is confirmed on chain`, "BATCH_NOT_CONFIRMED");
  }
  if (params.serial !== undefined) validatePathValue(params.serial, "21");
  const itemId = params.serial === undefined ? undefined : itemIdOf(batch.id, params.serial);
  const current = await currentStatus(ctx, batch.id, itemId);
  const requested = statusNumber(params.status);
  if (current === Status.Destroyed) throw conflict("It was destroyed: that status is final", "STATUS_FINAL", "status");
  if (current === requested) throw conflict(`It is ${params.status} already`, "STATUS_UNCHANGED", "status");

  const admin = (await accountKey(ctx, org.id, "admin"))!;
  const call =
    params.serial === undefined
      ? ctx.chain.registryCall("setBatchStatus", [batch.id, requested])
      : ctx.chain.registryCall("setItemStatus", [batch.id, params.serial, requested]);
  const receipt = await ctx.chain.execute(admin.key, "setStatus", call);
  return {
    batchId: batch.id,
    ...(params.serial === undefined ? {} : { serial: params.serial, itemId }),
    status: params.status,
    transactionHash: receipt.hash,
    blockNumber: receipt.blockNumber,
  };
}
