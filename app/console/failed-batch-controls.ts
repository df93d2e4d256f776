/**
 * What a brand can do with a failed batch on show: retry it (the same serials, signed with the brand's
 * current signer) or discard it (its lot may then be registered again). Each is confirmed first, then
 * made with one API call; a refusal (no active signer, anchored after all, still busy) is shown with its
 * code beside the buttons.
 */
import type { ApiClient } from "./api/client.ts";
import type { BatchView, DiscardedBatchView } from "./api/types.ts";
import type { Announcer } from "./announcer.ts";
import type { Confirm } from "./confirm-dialog.ts";
import { describeError, errorSentence, renderError } from "./error-display.ts";
import { formatCount } from "./format.ts";

export type BindFailedBatchControlsParameters = {
  retry: HTMLButtonElement;
  discard: HTMLButtonElement;
  error: HTMLElement;
  client: ApiClient;
  announcer: Announcer;
  confirm: Confirm;
  current(): BatchView | undefined;
  onRetried(batch: BatchView): void;
  onDiscarded(discarded: DiscardedBatchView): void;
  signal: AbortSignal;
};

export function bindFailedBatchControls(params: BindFailedBatchControlsParameters): void {
  const { client, announcer, confirm, current, signal, error } = params;
  let busy = false;

  const run = async <T>(button: HTMLButtonElement, ask: (batch: BatchView) => Parameters<Confirm>[0], act: (batch: BatchView) => Promise<T>, done: (result: T) => void) => {
    const batch = current();
    if (!batch || busy) return;
    error.hidden = true;
    if (!(await confirm(ask(batch))) || signal.aborted) return;
    busy = true;
    button.setAttribute("aria-disabled", "true");
    try {
      const result = await act(batch);
      if (!signal.aborted) done(result);
    } catch (failure) {
      if (signal.aborted) return;
      const described = describeError(failure);
      renderError(error, described);
      announcer.assertive(errorSentence(described));
      button.focus();
    } finally {
      busy = false;
      button.removeAttribute("aria-disabled");
    }
  };

  params.retry.addEventListener(
    "click",
    () =>
      void run(
        params.retry,
        (batch) => ({
          title: `Retry batch ${batch.lot}?`,
          body: `The same ${formatCount(batch.quantity)} serials are signed again with your brand's current signer and anchored on chain in one transaction.`,
          confirmLabel: "Retry batch",
        }),
        (batch) => client.retryBatch(batch.id),
        (batch) => {
          announcer.polite(`Batch ${batch.lot} accepted again: ${formatCount(batch.quantity)} items to sign and anchor.`);
          params.onRetried(batch);
        },
      ),
    { signal },
  );
  params.discard.addEventListener(
    "click",
    () =>
      void run(
        params.discard,
        (batch) => ({
          title: `Discard batch ${batch.lot}?`,
          body: `The failed batch and its ${formatCount(batch.progress.generated)} generated items are deleted, once the service has checked that nothing of it is on chain. Lot ${batch.lot} of GTIN ${batch.gtin} may then be registered again.`,
          confirmLabel: "Discard batch",
        }),
        (batch) => client.discardBatch(batch.id),
        (discarded) => {
          announcer.polite(`Batch ${discarded.lot} discarded: lot ${discarded.lot} of GTIN ${discarded.gtin} may be registered again.`);
          params.onDiscarded(discarded);
        },
      ),
    { signal },
  );
}
