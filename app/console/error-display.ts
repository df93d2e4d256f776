/**
 * Errors are shown where they belong: each wrong field's problem in words beside its input (the service
 * lists every wrong field of a request), anything else in the form's own error box as `CODE message`.
 * The code stays on screen, small, so that a brand can quote it to support.
 */
import { ApiError, NetworkError, type FieldProblem } from "./api/errors.ts";
import { h } from "./dom.ts";

export type DescribedError = { code: string; message: string; field: string | undefined; fields?: FieldProblem[] | undefined };

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
  if (error instanceof ApiError) return { code: error.code, message: error.message, field: error.field, fields: error.fields };
  if (error instanceof InputError) return { code: error.code, message: error.message, field: error.field };
  if (error instanceof NetworkError) return { code: error.code, message: error.message, field: undefined };
  // Not from the API: a bug of ours or the browser refusing something; still said, never swallowed.
  return { code: "CONSOLE_ERROR", message: error instanceof Error ? error.message : String(error), field: undefined };
}

/** The words the screen reader says: every field's problem when there are several, else `CODE: message`. */
export const errorSentence = (error: DescribedError): string =>
  error.fields && error.fields.length > 1
    ? `${error.fields.length} fields need fixing. ${error.fields.map((p) => p.message).join(". ")}.`
    : `${error.code}: ${error.message}`;

export function renderError(slot: HTMLElement, error: DescribedError, note?: string): void {
  slot.replaceChildren(h("code", {}, error.code), error.message);
  if (note) slot.append(h("span", { class: "note" }, ` ${note}`));
  slot.hidden = false;
}

/** A field's problem as its neighbour reads it: the words first, the code after. */
function fieldLine(problem: FieldProblem, note: string | undefined): HTMLElement {
  return h("span", { class: "problem" }, problem.message, note ? h("span", { class: "note" }, ` ${note}`) : undefined, " ", h("code", { class: "problem-code" }, problem.code));
}

export type FieldSlot = { input: HTMLElement; message: HTMLElement };

export type ErrorSlots = {
  /** Shows `error`; returns the first input it belongs to (to move focus there), if any. */
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
  const showFields = (problems: FieldProblem[], note?: (field: string) => string | undefined): HTMLElement | undefined => {
    let first: HTMLElement | undefined;
    const unplaced: FieldProblem[] = [];
    for (const problem of problems) {
      const slot = fieldSlot(problem.field);
      if (!slot) {
        unplaced.push(problem);
        continue;
      }
      // Several problems can share a slot (serials[1] and serials[3] both belong to the file input).
      if (slot.message.hidden) slot.message.replaceChildren();
      slot.message.append(fieldLine(problem, note?.(problem.field)));
      slot.message.hidden = false;
      slot.input.setAttribute("aria-invalid", "true");
      first ??= slot.input;
    }
    if (unplaced.length > 0) {
      general.replaceChildren(...unplaced.map((problem) => h("span", { class: "problem" }, h("code", {}, problem.code), problem.message)));
      general.hidden = false;
    }
    return first;
  };

  return {
    show(error, note) {
      const described = describeError(error);
      if (described.fields && described.fields.length > 0) return showFields(described.fields, note);
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
