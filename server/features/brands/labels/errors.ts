import { VeritraceError } from "../../../../core/errors.ts";

export const LabelErrorCode = {
  /** The item's fields and its URI disagree, or a field is not valid GS1. */
  BAD_ITEM: "LABEL_BAD_ITEM",
  /** The response went away (client disconnected) before the labels were written. */
  OUTPUT_CLOSED: "LABEL_OUTPUT_CLOSED",
} as const;

export type LabelErrorCode = (typeof LabelErrorCode)[keyof typeof LabelErrorCode];

export function labelError(code: LabelErrorCode, message: string, cause?: unknown): VeritraceError {
  return new VeritraceError(message, { code, cause });
}
