/** The label items of a confirmed batch, read from the store a page at a time. */
import { buildDigitalLink } from "../../../core/gs1/index.ts";
import { encodeSignature } from "../../../core/signature.ts";
import type { ServiceContext } from "../../context.ts";
import { conflict } from "../../errors.ts";
import type { LabelItem } from "./labels/index.ts";
import type { Batch } from "./store/types.ts";

export function labelItems(ctx: ServiceContext, batch: Batch): AsyncIterable<LabelItem> {
  if (batch.state !== "confirmed") {
    throw conflict(`Batch ${batch.lot} is ${batch.state}: labels are printed once it is confirmed on chain`, "BATCH_NOT_CONFIRMED");
  }
  const expiry = batch.expiry === undefined ? {} : { expiry: batch.expiry };
  return (async function* () {
    // The name the registrar admitted (the brand id is computed from it on chain, so the two cannot differ).
    const brand = (await ctx.store.getOrganisation(batch.orgId))?.name;
    for await (const page of ctx.store.iterateItems(batch.id, 500)) {
      for (const item of page) {
        const code = { gtin: batch.gtin, lot: batch.lot, serial: item.serial, ...expiry };
        yield { ...code, brand, uri: buildDigitalLink({ base: ctx.publicBaseUrl, code, signature: encodeSignature(item.signature) }) };
      }
    }
  })();
}
