/**
 * Recall, stolen, destroyed and back to active, for the whole batch on show or one of its items by
 * serial. Each change is confirmed first (it is written on chain, and destroyed is final), then made with
 * one API call; what was done is kept in the session's log.
 */
import type { ApiClient } from "./api/client.ts";
import type { BatchView, StatusChange, StatusValue } from "./api/types.ts";
import type { Announcer } from "./announcer.ts";
import type { Confirm } from "./confirm-dialog.ts";
import { createErrorSlots, describeError, errorSentence, InputError } from "./error-display.ts";
import { formatCount } from "./format.ts";

type Target = { kind: "batch" } | { kind: "item"; serial: string };

const CONFIRM_LABELS: Record<StatusValue, (noun: string) => string> = {
  recalled: (noun) => `Recall ${noun}`,
  stolen: (noun) => `Mark ${noun} stolen`,
  destroyed: (noun) => `Mark ${noun} destroyed`,
  active: (noun) => `${noun[0]!.toUpperCase()}${noun.slice(1)} back to active`,
};

const CONSEQUENCES: Record<StatusValue, string> = {
  recalled: "will show as recalled when scanned. A recall can be lifted later.",
  stolen: "will show as stolen when scanned. This can be lifted later.",
  destroyed: "will show as destroyed when scanned. Destroyed is final: it can never be undone.",
  active: "will verify as active again.",
};

export type BindStatusControlsParameters = {
  batchButtons: HTMLButtonElement[];
  batchError: HTMLElement;
  itemButtons: HTMLButtonElement[];
  itemError: HTMLElement;
  serialInput: HTMLInputElement;
  serialError: HTMLElement;
  client: ApiClient;
  announcer: Announcer;
  confirm: Confirm;
  current(): BatchView | undefined;
  onChanged(batch: BatchView, change: StatusChange): void;
  signal: AbortSignal;
};

export function bindStatusControls(params: BindStatusControlsParameters): void {
  const { client, announcer, confirm, current, signal } = params;
  const batchSlots = createErrorSlots({ general: params.batchError, fieldSlot: () => undefined, all: () => [] });
  const serialSlot = { input: params.serialInput, message: params.serialError };
  const itemSlots = createErrorSlots({
    general: params.itemError,
    fieldSlot: (field) => (field === "serial" ? serialSlot : undefined),
    all: () => [serialSlot],
  });
  let busy = false;

  const run = async (button: HTMLButtonElement, target: Target) => {
    const batch = current();
    const status = button.dataset.status as StatusValue;
    const slots = target.kind === "batch" ? batchSlots : itemSlots;
    if (!batch || busy) return;
    slots.clear();
    const noun = target.kind === "batch" ? "batch" : "item";
    const subject = target.kind === "batch" ? `all ${formatCount(batch.quantity)} items of lot ${batch.lot} (GTIN ${batch.gtin})` : `item ${target.serial} of lot ${batch.lot}`;
    const confirmed = await confirm({
      title: target.kind === "batch" ? `${CONFIRM_LABELS[status](noun)} ${batch.lot}?` : `${CONFIRM_LABELS[status](noun)} ${target.serial}?`,
      body: `Written on the chain: ${subject} ${CONSEQUENCES[status]}`,
      confirmLabel: CONFIRM_LABELS[status](noun),
    });
    if (!confirmed || signal.aborted) return;
    busy = true;
    button.setAttribute("aria-disabled", "true");
    announcer.polite(`Writing to the chain: ${CONFIRM_LABELS[status](noun).toLowerCase()}…`);
    try {
      const change =
        target.kind === "batch" ? await client.setBatchStatus(batch.id, status) : await client.setItemStatus(batch.id, target.serial, status);
      if (signal.aborted) return;
      params.onChanged(batch, change);
    } catch (error) {
      if (signal.aborted) return;
      slots.show(error)?.focus();
      announcer.assertive(errorSentence(describeError(error)));
    } finally {
      busy = false;
      button.removeAttribute("aria-disabled");
    }
  };

  for (const button of params.batchButtons) {
    button.addEventListener("click", () => void run(button, { kind: "batch" }), { signal });
  }
  for (const button of params.itemButtons) {
    button.addEventListener(
      "click",
      () => {
        const serial = params.serialInput.value.trim();
        if (serial === "") {
          itemSlots.clear();
          // Without a serial the request has no route to go to: said here, in the API's own terms.
          itemSlots.show(new InputError("serial: enter the serial printed on the item's label", { code: "MISSING_FIELD", field: "serial" }))?.focus();
          return;
        }
        void run(button, { kind: "item", serial });
      },
      { signal },
    );
  }
}
