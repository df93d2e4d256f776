/** One printed label: the item's GS1 data and the Digital Link URI its QR code carries. */
export type LabelItem = {
  /** AI (01), always the 14-digit form. */
  gtin: string;
  /** AI (10). */
  lot: string;
  /** AI (21). */
  serial: string;
  /** AI (17), YYMMDD as a number (270228); absent when the item has no expiry. */
  expiry?: number | undefined;
  /** The GS1 Digital Link URI, signature included, exactly as it goes into the QR code. */
  uri: string;
  /** The brand's name as the registrar admitted it, printed above the GS1 text (none: no brand line). */
  brand?: string | undefined;
};

export type LabelFormat = "pdf" | "svg" | "png" | "csv";
