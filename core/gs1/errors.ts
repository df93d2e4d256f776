import { VeritraceError } from "../errors.ts";

/**
 * Stable machine codes for every GS1 rule this module enforces. The service returns them as
 * `error`, so they are part of the public contract: add codes, never rename them.
 */
export const Gs1ErrorCode = {
  BAD_CHECK_DIGIT: "GS1_BAD_CHECK_DIGIT",
  ZERO_GTIN: "GS1_ZERO_GTIN",
  BAD_GTIN_LENGTH: "GS1_BAD_GTIN_LENGTH",
  NOT_DIGITS: "GS1_NOT_DIGITS",
  QUALIFIER_ORDER: "GS1_QUALIFIER_ORDER",
  MISSING_AI: "GS1_MISSING_AI",
  UNENCODED_RESERVED_CHARACTER: "GS1_UNENCODED_RESERVED_CHARACTER",
  CHARACTER_NOT_ALLOWED: "GS1_CHARACTER_NOT_ALLOWED",
  TOO_LONG: "GS1_TOO_LONG",
  EMPTY: "GS1_EMPTY",
  BAD_DATE: "GS1_BAD_DATE",
  DUPLICATE_PARAMETER: "GS1_DUPLICATE_PARAMETER",
  BAD_SIGNATURE_ENCODING: "GS1_BAD_SIGNATURE_ENCODING",
  BAD_URI: "GS1_BAD_URI",
  BAD_PERCENT_ENCODING: "GS1_BAD_PERCENT_ENCODING",
  UNKNOWN_SEGMENT: "GS1_UNKNOWN_SEGMENT",
  DOT_SEGMENT: "GS1_DOT_SEGMENT",
} as const;

export type Gs1ErrorCode = (typeof Gs1ErrorCode)[keyof typeof Gs1ErrorCode];

/** The application identifiers an item code carries. */
export type Gs1Ai = "01" | "10" | "21" | "17";

/** What a GS1 error's `field` names: an AI, the signature parameter, or the URI as a whole. */
export type Gs1ErrorField = Gs1Ai | "s" | "uri";

const AI_NAMES: Record<Gs1Ai, string> = {
  "01": "AI (01) GTIN",
  "10": "AI (10) lot",
  "21": "AI (21) serial",
  "17": "AI (17) expiry",
};

/** "AI (21) serial": every message starts with this so a person knows which label field to fix. */
export function aiName(ai: Gs1Ai): string {
  return AI_NAMES[ai];
}

export function gs1Error(
  code: Gs1ErrorCode,
  field: Gs1ErrorField,
  message: string,
  cause?: unknown,
): VeritraceError {
  return new VeritraceError(message, { code, field, cause });
}
