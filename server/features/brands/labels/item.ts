import { parseDigitalLink } from "../../../../core/gs1/index.ts";
import { LabelErrorCode, labelError } from "./errors.ts";
import type { LabelItem } from "./types.ts";

/**
 * Refuses an item whose printed text would say something other than its QR code: the URI is parsed
 * with the same rules a scanner-side resolver uses and must carry exactly the item's GTIN, lot,
 * serial and expiry. This also validates every field, since the parser does.
 */
export function checkLabelItem(item: LabelItem): void {
  let code;
  try {
    ({ code } = parseDigitalLink(item.uri));
  } catch (cause) {
    throw labelError(LabelErrorCode.BAD_ITEM, `Label for serial ${JSON.stringify(item.serial)}: its URI is not a valid GS1 Digital Link`, cause);
  }
  const mismatch =
    code.gtin !== item.gtin
      ? "GTIN (01)"
      : code.lot !== item.lot
        ? "lot (10)"
        : code.serial !== item.serial
          ? "serial (21)"
          : code.expiry !== item.expiry
            ? "expiry (17)"
            : undefined;
  if (mismatch !== undefined) {
    throw labelError(
      LabelErrorCode.BAD_ITEM,
      `Label for serial ${JSON.stringify(item.serial)}: the ${mismatch} printed as text differs from the one in its URI`,
    );
  }
}
