/**
 * Which item a status command means: a label's URI (as a scanner reads it) or a batch id and serial.
 * A URI does not carry the batch id, which also depends on the brand; the public proof route names it.
 */
import { parseDigitalLink } from "../core/gs1/index.ts";
import { VeritraceError } from "../core/errors.ts";
import type { ApiClient } from "./api-client.ts";
import type { ItemProof } from "../api/verification.ts";
import { UsageError } from "./errors.ts";

export type ItemTarget = { batchId: string; serial: string };

export type ResolveItemTargetParameters = {
  client: ApiClient;
  uri: string | undefined;
  batch: string | undefined;
  serial: string | undefined;
};

export async function resolveItemTarget({ client, uri, batch, serial }: ResolveItemTargetParameters): Promise<ItemTarget> {
  if (uri !== undefined) {
    if (batch !== undefined || serial !== undefined) {
      throw new UsageError("give either a label URI or --batch and --serial, not both", { code: "ITEM_TARGET", field: "--batch" });
    }
    checkUri(uri);
    const proof = await client.json<ItemProof>("GET", `/api/v1/proof?code=${encodeURIComponent(uri)}`, { auth: false });
    return { batchId: proof.batchId, serial: proof.code.serial };
  }
  if (batch === undefined || serial === undefined) {
    throw new UsageError("name the item: a label URI, or --batch <batchId> and --serial <serial>", {
      code: "ITEM_TARGET",
      field: batch === undefined ? "--batch" : "--serial",
    });
  }
  return { batchId: batch, serial };
}

/** A URI that is no label is the caller's typo: say so before asking the service. */
function checkUri(uri: string): void {
  try {
    parseDigitalLink(uri);
  } catch (error) {
    if (!(error instanceof VeritraceError)) throw error;
    throw new UsageError(`not a label URI: ${error.message}`, { code: error.code, field: "code-uri", cause: error });
  }
}
