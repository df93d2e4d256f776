/**
 * The console of one signed-in brand: its panel, the new-batch form, the batches (followed until they
 * settle) and the panel of the batch being managed. Everything it binds is undone by `close()`, so the
 * next brand to sign in on this tab starts clean.
 */
import type { ApiClient } from "./api/client.ts";
import { NetworkError } from "./api/errors.ts";
import type { BatchView, BrandView } from "./api/types.ts";
import type { Announcer } from "./announcer.ts";
import { createBatchDetail } from "./batch-detail.ts";
import { bindBatchForm } from "./batch-form.ts";
import { startPoller } from "./batch-poller.ts";
import { BatchStore } from "./batch-store.ts";
import { createBatchTable } from "./batch-table.ts";
import { renderBrand } from "./brand-panel.ts";
import { bindAlertsPanel } from "./alerts-panel.ts";
import type { Confirm } from "./confirm-dialog.ts";
import { byId } from "./dom.ts";
import { describeError, errorSentence, renderError } from "./error-display.ts";
import { formatCount } from "./format.ts";

/** Progress is spoken at most this often, so a screen reader is not talking every poll. */
const PROGRESS_ANNOUNCE_MS = 5_000;

export type OpenConsoleParameters = { client: ApiClient; brand: BrandView; announcer: Announcer; confirm: Confirm };
export type ConsoleSession = { close(): void };

export function openConsole({ client, brand, announcer, confirm }: OpenConsoleParameters): ConsoleSession {
  const controller = new AbortController();
  const { signal } = controller;
  const store = new BatchStore();
  const batchesError = byId("batches-error");
  const progressSpokenAt = new Map<string, number>();

  renderBrand(brand);
  byId("console").hidden = false;
  byId("account").hidden = false;

  const detail = createBatchDetail({
    client,
    announcer,
    confirm,
    signal,
    // Pending again: the poller follows it from here, as it does a new batch.
    onRetried: (batch) => store.upsert(batch),
    onDiscarded(discarded) {
      store.remove(discarded.id);
      table.select(undefined);
      table.render(store.list());
      detail.hide();
      byId("refresh-batches").focus();
    },
  });
  const table = createBatchTable({
    body: byId<HTMLTableSectionElement>("batch-rows"),
    empty: byId("batches-empty"),
    onManage(id) {
      const batch = store.get(id);
      if (!batch) return;
      table.select(id);
      detail.show(batch);
    },
  });

  const announceChange = (batch: BatchView, previous: BatchView | undefined) => {
    if (!previous) return;
    if (previous.state !== batch.state) {
      if (batch.state === "confirmed") announcer.polite(`Batch ${batch.lot} confirmed on chain in block ${batch.blockNumber}.`);
      else if (batch.state === "failed") announcer.assertive(`Batch ${batch.lot} failed: ${batch.error ?? "no reason given"}`);
      else if (batch.state === "submitted") announcer.polite(`Batch ${batch.lot}: ${formatCount(batch.quantity)} items signed, transaction sent.`);
      return;
    }
    const now = Date.now();
    if (batch.progress.generated !== previous.progress.generated && now - (progressSpokenAt.get(batch.id) ?? 0) >= PROGRESS_ANNOUNCE_MS) {
      progressSpokenAt.set(batch.id, now);
      announcer.polite(`Batch ${batch.lot}: ${formatCount(batch.progress.generated)} of ${formatCount(batch.progress.total)} items generated.`);
    }
  };
  const unsubscribe = store.subscribe((batch, previous) => {
    table.render(store.list());
    detail.update(batch);
    announceChange(batch, previous);
  });

  bindBatchForm({
    client,
    announcer,
    signal,
    onCreated({ batch, replayed }) {
      store.upsert(batch);
      announcer.polite(
        replayed
          ? `Batch ${batch.lot} had been accepted already; following it.`
          : `Batch ${batch.lot} accepted: ${formatCount(batch.quantity)} items to generate and anchor.`,
      );
    },
  });

  const alertsPanel = bindAlertsPanel({ client, announcer, confirm, signal });

  const showBatchesError = (error: unknown, note?: string) => {
    const described = describeError(error);
    renderError(batchesError, described, note);
    announcer.assertive(errorSentence(described));
  };
  const load = async () => {
    try {
      const batches = await client.listBatches();
      if (signal.aborted) return;
      store.replaceAll(batches);
      table.render(store.list());
      batchesError.hidden = true;
    } catch (error) {
      if (!signal.aborted) showBatchesError(error);
    }
  };
  byId("refresh-batches").addEventListener("click", () => void load(), { signal });
  void load();

  const poller = startPoller({
    store,
    readBatch: (id) => client.batch(id),
    onError(id, error) {
      showBatchesError(error, error instanceof NetworkError ? "Retrying every second." : `Batch ${store.get(id)?.lot ?? id} is no longer followed.`);
    },
    onRecovered() {
      batchesError.hidden = true;
    },
  });

  return {
    close() {
      controller.abort();
      poller.stop();
      unsubscribe();
      byId("console").hidden = true;
      byId("account").hidden = true;
      byId("batch-detail").hidden = true;
      byId("failed-batch").hidden = true;
      byId("batch-rows").replaceChildren();
      byId("status-log").replaceChildren();
      alertsPanel.reset();
      byId<HTMLFormElement>("batch-form").reset();
      for (const element of byId("console").querySelectorAll<HTMLElement>(".field-error, .form-error")) element.hidden = true;
      for (const element of byId("console").querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
      for (const id of ["serials-summary", "batch-form-status", "labels-status"]) byId(id).textContent = "";
    },
  };
}
