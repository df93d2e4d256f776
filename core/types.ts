/**
 * One serialised item as it is printed on a label and signed by its brand.
 * `gtin` is always the 14-digit form; `expiry` is GS1 AI (17), YYMMDD, as a number (absent: none).
 */
export type ItemCode = {
  gtin: string;
  lot: string;
  serial: string;
  expiry?: number | undefined;
};
