/**
 * What the chain says of a batch beyond its anchoring: the whole batch's status (active, recalled, stolen,
 * destroyed) and the items the brand gave a status of their own. Read from the registry, never from the
 * store, so that a restart, another service or a change made outside this service shows the same.
 *
 * A batch view must not fail because the chain is slow or gone: the anchoring facts come from the store,
 * and the statuses are then `unknown` with a named reason.
 */
import type { Hex } from "viem";
import { statusName } from "../../../core/status.ts";
import type { RegistryGateway } from "../../chain/registry-gateway.ts";
import type { Batch } from "./store/types.ts";
import type { BatchStatuses, ItemStatusView, StatusUnknownCode, StatusValue } from "../../../api/batches.ts";

/** Enough for a screen and a terminal; a brand with more overrides than this reads the events itself. */
export const MAX_ITEM_STATUSES = 1_000;

/** How long a batch view waits for the chain before it answers with the statuses unknown. */
export const STATUS_READ_TIMEOUT_MS = 10_000;

const lower = (status: number) => statusName(status).toLowerCase() as StatusValue;

const unknown = (code: StatusUnknownCode, message: string): BatchStatuses => ({
  status: "unknown",
  itemStatuses: [],
  itemStatusesComplete: false,
  statusBlock: undefined,
  statusUnknown: { code, message },
});

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the chain did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

async function readStatuses(chain: RegistryGateway, batch: Batch & { blockNumber: number }): Promise<BatchStatuses> {
  const head = await chain.headBlock();
  const onChain = await chain.getBatchAt(batch.id, head);
  if (onChain.anchoredAt === 0) {
    return unknown("BATCH_NOT_ON_CHAIN", `The registry does not hold batch ${batch.lot} at block ${head}: the chain may have been reset or reorganised.`);
  }
  const changes = await chain.itemStatusChanges(batch.id, BigInt(batch.blockNumber), head);
  // The last change of each item is its status now; items set back to active drop out.
  const latest = new Map<Hex, ItemStatusView | undefined>();
  for (const log of changes) {
    const status = lower(log.args.newStatus);
    // Deleted first so that the map's order is the order of each item's last change.
    latest.delete(log.args.itemId);
    latest.set(
      log.args.itemId,
      status === "active"
        ? undefined
        : { serial: log.args.serial, itemId: log.args.itemId, status, blockNumber: Number(log.blockNumber), transactionHash: log.transactionHash },
    );
  }
  const items = [...latest.values()].filter((item) => item !== undefined).reverse();
  return {
    status: lower(onChain.status),
    itemStatuses: items.slice(0, MAX_ITEM_STATUSES),
    itemStatusesComplete: items.length <= MAX_ITEM_STATUSES,
    statusBlock: Number(head),
    statusUnknown: undefined,
  };
}

export async function batchStatuses(chain: RegistryGateway, batch: Batch, timeoutMs = STATUS_READ_TIMEOUT_MS): Promise<BatchStatuses> {
  if (batch.state !== "confirmed" || batch.blockNumber === undefined) {
    return unknown("BATCH_NOT_ANCHORED", `Batch ${batch.lot} is not confirmed on chain yet: it has no status there.`);
  }
  try {
    return await withTimeout(readStatuses(chain, { ...batch, blockNumber: batch.blockNumber }), timeoutMs);
  } catch (error) {
    return unknown("CHAIN_UNAVAILABLE", `The chain could not be read, so the statuses are unknown: ${(error as Error).message.split("\n")[0]}`);
  }
}
