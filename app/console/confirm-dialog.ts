/**
 * The confirmation step before anything is written on chain: a modal `<dialog>` (focus kept inside,
 * Escape cancels, Cancel has the focus first so a stray Enter changes nothing).
 */
import { byId } from "./dom.ts";

export type ConfirmParameters = { title: string; body: string; confirmLabel: string };
export type Confirm = (params: ConfirmParameters) => Promise<boolean>;

export function createConfirm(dialog: HTMLDialogElement): Confirm {
  const title = byId("confirm-title");
  const body = byId("confirm-body");
  const ok = byId<HTMLButtonElement>("confirm-ok");
  return (params) => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    title.textContent = params.title;
    body.textContent = params.body;
    ok.textContent = params.confirmLabel;
    dialog.returnValue = "";
    dialog.showModal();
    return new Promise((resolve) => {
      dialog.addEventListener(
        "close",
        () => {
          opener?.focus();
          resolve(dialog.returnValue === "confirm");
        },
        { once: true },
      );
    });
  };
}
