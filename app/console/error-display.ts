/**
 * Errors are shown as the API gave them, `CODE message`, beside the input the API's `field` names, or in
 * the form's own error box when the form has no such input.
 */
import { ApiError, NetworkError } from "./api/errors.ts";
import { h } from "./dom.ts";

export type DescribedError = { code: string; message: string; field: string | undefined };

/** A mistake the console sees before any request could be made, named in the API's own codes. */
export class InputError extends Error {
  override name = "InputError";
  readonly code: string;
  readonly field: string;

  constructor(message: string, { code, field }: { code: string; field: string }) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof ApiError) return { code: error.code, message: error.message, field: error.field };
  if (error instanceof InputError) return { code: error.code, message: error.message, field: error.field };
  if (error instanceof NetworkError) return { code: error.code, message: error.message, field: undefined };
  // Not from the API: a bug of ours or the browser refusing something; still said, never swallowed.
  return { code: "CONSOLE_ERROR", message: error instanceof Error ? error.message : String(error), field: undefined };
}

/** `CODE message`, the words the screen reader says too. */
export const errorSentence = (error: DescribedError): string => `${error.code}: ${error.message}`;

export function renderError(slot: HTMLElement, error: DescribedError, note?: string): void {
  slot.replaceChildren(h("code", {}, error.code), error.message);
  if (note) slot.append(h("span", { class: "note" }, ` ${note}`));
  slot.hidden = false;
}

export type FieldSlot = { input: HTMLElement; message: HTMLElement };

export type ErrorSlots = {
  /** Shows `error`; returns the input it belongs to (to move focus there), if any. */
  show(error: unknown, note?: (field: string) => string | undefined): HTMLElement | undefined;
  clear(): void;
};

export type CreateErrorSlotsParameters = {
  /** The form's own error box, for errors that name no field of it. */
  general: HTMLElement;
  /** The input and message slot for an API field name (e.g. `serials[3]`), if the form has one. */
  fieldSlot(field: string): FieldSlot | undefined;
  /** Every slot, for clearing. */
  all(): FieldSlot[];
};

export function createErrorSlots({ general, fieldSlot, all }: CreateErrorSlotsParameters): ErrorSlots {
  return {
    show(error, note) {
      const described = describeError(error);
      const slot = described.field === undefined ? undefined : fieldSlot(described.field);
      const extra = described.field === undefined ? undefined : note?.(described.field);
      if (!slot) {
        renderError(general, described, extra);
        return undefined;
      }
      renderError(slot.message, described, extra);
      slot.input.setAttribute("aria-invalid", "true");
      return slot.input;
    },
    clear() {
      general.hidden = true;
      general.replaceChildren();
      for (const slot of all()) {
        slot.message.hidden = true;
        slot.message.replaceChildren();
        slot.input.removeAttribute("aria-invalid");
      }
    },
  };
}
