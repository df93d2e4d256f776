/**
 * The panel of one batch, opened from its row: its facts, its label downloads and its status controls
 * (usable once it is confirmed), its statuses as the chain holds them, the status changes made to it in this
 * tab, and, for a failed batch, its retry and discard.
 */
import type { ApiClient } from "./api/client.ts";
import type { BatchView, DiscardedBatchView, StatusChange } from "./api/types.ts";
import type { Announcer } from "./announcer.ts";
import type { Confirm } from "./confirm-dialog.ts";
import { createChainStatuses } from "./chain-statuses.ts";
import { byId, h } from "./dom.ts";
import { formatCount, formatDateTime } from "./format.ts";
import { bindFailedBatchControls } from "./failed-batch-controls.ts";
import { bindLabelDownloads } from "./label-downloads.ts";
import { bindStatusControls } from "./status-controls.ts";

export type BatchDetail = {
  show(batch: BatchView): void;
  /** A newer view of a batch: redrawn if it is the one on show. */
  update(batch: BatchView): void;
  current(): BatchView | undefined;
  hide(): void;
};

export type CreateBatchDetailParameters = {
  client: ApiClient;
  announcer: Announcer;
  confirm: Confirm;
  signal: AbortSignal;
  /** A failed batch was accepted again: the console follows it. */
  onRetried(batch: BatchView): void;
  /** A failed batch was deleted: the console forgets it. */
  onDiscarded(discarded: DiscardedBatchView): void;
};

export function createBatchDetail({ client, announcer, confirm, signal, onRetried, onDiscarded }: CreateBatchDetailParameters): BatchDetail {
  const panel = byId("batch-detail");
  const title = byId("detail-title");
  const facts = byId("detail-facts");
  const unconfirmed = byId("detail-unconfirmed");
  const failed = byId("failed-batch");
  const failedReason = byId("failed-batch-reason");
  const chainSection = byId("chain-statuses");
  const log = byId("status-log");
  const logEmpty = byId("status-log-empty");
  const labelButtons = [...panel.querySelectorAll<HTMLButtonElement>("button[data-format]")];
  const batchButtons = [...byId("batch-status-buttons").querySelectorAll<HTMLButtonElement>("button[data-status]")];
  const itemButtons = [...byId("item-status-buttons").querySelectorAll<HTMLButtonElement>("button[data-status]")];
  const serialInput = byId<HTMLInputElement>("item-serial");
  const changes = new Map<string, string[]>();
  let shown: BatchView | undefined;

  const drawLog = () => {
    const entries = (shown && changes.get(shown.id)) ?? [];
    log.replaceChildren(...entries.map((entry) => h("li", {}, entry)));
    logEmpty.hidden = entries.length > 0;
  };

  const draw = (batch: BatchView) => {
    title.textContent = `Batch ${batch.lot} · GTIN ${batch.gtin}`;
    const rows: Array<[string, string | undefined, boolean?]> = [
      ["Batch id", batch.id, true],
      ["Anchoring", batch.state],
      ["Items", `${formatCount(batch.progress.generated)} of ${formatCount(batch.quantity)} generated`],
      ["Expiry", batch.expiry],
      ["Merkle root", batch.merkleRoot, true],
      ["Signer", batch.signer, true],
      ["Transaction", batch.transactionHash, true],
      ["Block", batch.blockNumber === undefined ? undefined : String(batch.blockNumber)],
      ["Created", formatDateTime(batch.createdAt)],
      ["Confirmed", formatDateTime(batch.confirmedAt) || undefined],
      ["Metadata URI", batch.metadataUri || undefined, true],
      // A failed batch's error heads its own section, beside what can be done about it.
      ["Error", batch.state === "failed" ? undefined : batch.error],
    ];
    facts.replaceChildren(
      ...rows
        .filter(([, value]) => value !== undefined && value !== "")
        .flatMap(([name, value, code]) => [h("dt", {}, name), h("dd", {}, code ? h("code", { class: "wrap" }, value!) : value!)]),
    );
    const confirmed = batch.state === "confirmed";
    unconfirmed.hidden = confirmed || batch.state === "failed";
    failed.hidden = batch.state !== "failed";
    // A failed batch is not on chain, and a scan of it shows nothing of its own: its section says what to do instead.
    chainSection.hidden = batch.state === "failed";
    failedReason.textContent = batch.error ?? "No reason was recorded.";
    for (const button of [...labelButtons, ...batchButtons, ...itemButtons]) button.disabled = !confirmed;
    serialInput.disabled = !confirmed;
  };

  const statuses = createChainStatuses({ client, current: () => shown, signal });

  bindLabelDownloads({
    buttons: labelButtons,
    status: byId("labels-status"),
    error: byId("labels-error"),
    client,
    announcer,
    current: () => shown,
    signal,
  });
  bindFailedBatchControls({
    retry: byId<HTMLButtonElement>("retry-batch"),
    discard: byId<HTMLButtonElement>("discard-batch"),
    error: byId("failed-batch-error"),
    client,
    announcer,
    confirm,
    current: () => shown,
    onRetried,
    onDiscarded,
    signal,
  });
  bindStatusControls({
    batchButtons,
    batchError: byId("batch-status-error"),
    itemButtons,
    itemError: byId("item-status-error"),
    serialInput,
    serialError: byId("item-serial-error"),
    client,
    announcer,
    confirm,
    current: () => shown,
    signal,
    onChanged(batch: BatchView, change: StatusChange) {
      const what = change.serial === undefined ? `Batch ${batch.lot}` : `Item ${change.serial} of lot ${batch.lot}`;
      const entry = `${what} set to ${change.status} on chain in block ${change.blockNumber} (transaction ${change.transactionHash}).`;
      changes.set(batch.id, [...(changes.get(batch.id) ?? []), `${new Date().toLocaleTimeString()}: ${entry}`]);
      drawLog();
      announcer.polite(entry);
      void statuses.load(batch);
    },
  });

  return {
    show(batch) {
      const another = shown?.id !== batch.id;
      shown = batch;
      if (another) {
        serialInput.value = "";
        for (const id of ["labels-error", "batch-status-error", "item-status-error", "item-serial-error", "failed-batch-error"]) byId(id).hidden = true;
        serialInput.removeAttribute("aria-invalid");
        byId("labels-status").textContent = "";
        statuses.clear();
      }
      draw(batch);
      void statuses.load(batch);
      drawLog();
      panel.hidden = false;
      panel.scrollIntoView({ block: "start" });
      title.focus();
    },
    update(batch) {
      if (shown?.id !== batch.id) return;
      const confirmedNow = shown.state !== "confirmed" && batch.state === "confirmed";
      shown = batch;
      draw(batch);
      if (confirmedNow) void statuses.load(batch);
    },
    current: () => shown,
    hide() {
      shown = undefined;
      panel.hidden = true;
    },
  };
}
