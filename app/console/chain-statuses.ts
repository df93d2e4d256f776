/**
 * What a scan of the batch on show will say: the whole batch's status and the items with a status of their
 * own. Always asked of the service, which reads them from the chain, so a reload, a restart or a change
 * made from the CLI shows the same; never kept from this tab's own actions.
 */
import type { ApiClient } from "./api/client.ts";
import type { BatchDetailView, BatchView } from "./api/types.ts";
import { byId, h } from "./dom.ts";
import { describeError, renderError } from "./error-display.ts";
import { formatCount } from "./format.ts";

const WORDS: Record<BatchDetailView["status"], string> = {
  active: "Active: its labels verify as genuine",
  recalled: "Recalled: every label of the batch shows the recall when scanned",
  stolen: "Stolen: every label of the batch shows it as stolen when scanned",
  destroyed: "Destroyed (final): every label of the batch shows it as destroyed when scanned",
  unknown: "Unknown",
};

export type ChainStatuses = {
  /** Reads the statuses of `batch` from the service and draws them, unless another batch was shown meanwhile. */
  load(batch: BatchView): Promise<void>;
  clear(): void;
};

export function createChainStatuses({ client, current, signal }: { client: ApiClient; current(): BatchView | undefined; signal: AbortSignal }): ChainStatuses {
  const status = byId("chain-status");
  const reason = byId("chain-status-reason");
  const readAt = byId("chain-status-block");
  const items = byId("item-statuses");
  const itemsBody = byId<HTMLTableSectionElement>("item-status-rows");
  const itemsNone = byId("item-statuses-none");
  const itemsMore = byId("item-statuses-more");
  const error = byId("chain-status-error");
  let loads = 0;

  const draw = (detail: BatchDetailView) => {
    status.textContent = WORDS[detail.status];
    status.className = `state chain-${detail.status}`;
    status.dataset.status = detail.status;
    reason.hidden = detail.statusUnknown === undefined;
    reason.textContent = detail.statusUnknown ? `${detail.statusUnknown.message} (${detail.statusUnknown.code})` : "";
    readAt.textContent = detail.statusBlock === undefined ? "" : `Read from the chain at block ${detail.statusBlock}.`;
    const known = detail.statusUnknown === undefined;
    items.hidden = !known || detail.itemStatuses.length === 0;
    itemsNone.hidden = !known || detail.itemStatuses.length > 0;
    itemsMore.hidden = !known || detail.itemStatusesComplete;
    itemsMore.textContent = `Only the ${formatCount(detail.itemStatuses.length)} latest are listed; more items have a status of their own on chain.`;
    itemsBody.replaceChildren(
      ...detail.itemStatuses.map((item) =>
        h(
          "tr",
          { "data-serial": item.serial },
          h("td", { "data-label": "Serial" }, h("code", { class: "wrap" }, item.serial)),
          h("td", { "data-label": "Status" }, h("span", { class: `state chain-${item.status}` }, item.status)),
          h("td", { class: "number", "data-label": "Block" }, String(item.blockNumber)),
        ),
      ),
    );
  };

  const clear = () => {
    status.textContent = "Reading from the chain…";
    status.className = "state";
    delete status.dataset.status;
    for (const element of [reason, items, itemsNone, itemsMore, error]) element.hidden = true;
    readAt.textContent = "";
    itemsBody.replaceChildren();
  };

  return {
    async load(batch) {
      const load = ++loads;
      error.hidden = true;
      try {
        const detail = await client.batch(batch.id);
        if (signal.aborted || load !== loads || current()?.id !== batch.id) return;
        draw(detail);
      } catch (cause) {
        if (signal.aborted || load !== loads || current()?.id !== batch.id) return;
        renderError(error, describeError(cause));
      }
    },
    clear,
  };
}
