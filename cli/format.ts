/** The text people read for each kind of result; `--json` prints the API's documents instead. */
import type { BatchDetailView, BatchView, StatusChange } from "../api/batches.ts";
import type { BrandCreated, BrandView } from "../api/brands.ts";

/** Aligned `label  value` lines, skipping values the API left out. */
function fields(rows: Array<[string, string | number | undefined]>): string {
  const shown = rows.filter((row): row is [string, string | number] => row[1] !== undefined && row[1] !== "");
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join("\n");
}

function signerLines(brand: BrandView): string {
  return brand.signers
    .map((s) => `    ${s.address}  ${s.active ? "active" : `removed ${s.removedAt}`}`)
    .join("\n");
}

export function formatBrand(brand: BrandView): string {
  return [
    `Brand ${JSON.stringify(brand.name)}`,
    fields([
      ["brand id", brand.brandId],
      ["country", brand.country ?? undefined],
      ["GS1 prefixes", brand.prefixes.length === 0 ? "none: it can anchor no batch until the registrar assigns one" : brand.prefixes.join(", ")],
      ["label hosts", brand.labelDomains.join(", ")],
      ["admin", brand.admin],
      ["metadata", brand.metadataUri],
      ["created", brand.createdAt],
    ]),
    "  signers",
    signerLines(brand),
  ].join("\n");
}

export function formatBrandCreated({ brand, apiKey }: BrandCreated): string {
  return [
    formatBrand(brand),
    "",
    "API key (shown once: the service keeps only its hash, so store it now):",
    `  ${apiKey}`,
  ].join("\n");
}

/** The on-chain status line: what a scan shows, or why it is not known. */
function statusLine(batch: BatchDetailView): string {
  if (batch.statusUnknown) return `unknown (${batch.statusUnknown.code}: ${batch.statusUnknown.message})`;
  return `${batch.status} (read from the chain at block ${batch.statusBlock})`;
}

function itemStatusLines(batch: BatchDetailView): string[] {
  if (batch.statusUnknown) return [];
  if (batch.itemStatuses.length === 0) return ["  items with a status of their own: none"];
  const width = Math.max(...batch.itemStatuses.map((item) => item.serial.length));
  return [
    `  items with a status of their own: ${batch.itemStatuses.length}${batch.itemStatusesComplete ? "" : " shown, more on chain"}`,
    ...batch.itemStatuses.map((item) => `    ${item.serial.padEnd(width)}  ${item.status.padEnd(9)}  block ${item.blockNumber}`),
  ];
}

/** A batch; with its statuses when the API read them (`batch status`), else only its anchoring. */
export function formatBatch(batch: BatchView | BatchDetailView): string {
  const detail = "status" in batch ? batch : undefined;
  return [
    `Batch ${batch.id}`,
    fields([
      ["anchoring", batch.state],
      ["status", detail && statusLine(detail)],
      ["gtin", batch.gtin],
      ["lot", batch.lot],
      ["expiry", batch.expiry],
      ["quantity", batch.quantity],
      ["generated", batch.state === "confirmed" ? undefined : `${batch.progress.generated}/${batch.progress.total}`],
      ["merkle root", batch.merkleRoot],
      ["signer", batch.signer],
      ["transaction", batch.transactionHash],
      ["block", batch.blockNumber],
      ["metadata", batch.metadataUri],
      ["created", batch.createdAt],
      ["confirmed", batch.confirmedAt],
      ["error", batch.error],
    ]),
    ...(detail ? itemStatusLines(detail) : []),
  ].join("\n");
}

export function formatBatchList(batches: readonly BatchView[]): string {
  if (batches.length === 0) return "No batches yet.";
  const rows = [
    ["ID", "GTIN", "LOT", "QUANTITY", "STATE", "CREATED"],
    ...batches.map((b) => [b.id, b.gtin, b.lot, String(b.quantity), b.state, b.createdAt]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}

export function formatStatusChange(change: StatusChange): string {
  const what = change.serial === undefined ? `Batch ${change.batchId}` : `Item ${change.serial} of batch ${change.batchId}`;
  return [
    `${what} is now ${change.status}.`,
    fields([
      ["item id", change.itemId],
      ["transaction", change.transactionHash],
      ["block", change.blockNumber],
    ]),
  ].join("\n");
}
