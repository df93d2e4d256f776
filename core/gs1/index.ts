export {
  assertGs1Value,
  decodeSegment,
  describeCharacter,
  encodeSegment,
  GS1_CHARSET_82,
  GS1_MAX_VALUE_LENGTH,
  isGs1Character,
  isGs1Value,
  percentDecodeSegment,
} from "./charset.ts";
export type { Gs1TextAi } from "./charset.ts";
export { expiryToIsoDate, formatExpiry, parseExpiry, resolveGs1Year } from "./date.ts";
export { buildDigitalLink, parseDigitalLink, validateBatchCode, validateItemCode, validatePathValue } from "./digital-link.ts";
export type { BuildDigitalLinkParameters, ParseDigitalLinkReturnType } from "./digital-link.ts";
export { aiName, Gs1ErrorCode } from "./errors.ts";
export type { Gs1Ai, Gs1ErrorField } from "./errors.ts";
export { gtinCheckDigit, isValidGtin14, normalizeGtin } from "./gtin.ts";
