/**
 * The scan log and the history signal it gives. A scan is recorded only for text that parses as an item
 * code (anything else is no item's history); the history is the core's analysis of the log, with the
 * configured thresholds.
 */
import { analyseHistory, type ScanHistory } from "../../core/history.ts";
import { parseDigitalLink } from "../../core/gs1/index.ts";
import type { ItemCode } from "../../core/types.ts";
import type { ServiceContext } from "../context.ts";
import type { ItemKey, NewScan } from "../store/store.ts";

/** The history as the API shows it: times as ISO strings. */
export type HistoryView = Omit<ScanHistory, "firstScanAt" | "lastScanAt"> & { firstScanAt: string | null; lastScanAt: string | null };

export type RecordScanParameters = Omit<NewScan, "scannedAt"> & { code: string };

export function recordScan(ctx: ServiceContext, { code, ...scan }: RecordScanParameters): HistoryView {
  const key = itemKey(parseDigitalLink(code).code);
  ctx.store.recordScan(key, { ...scan, scannedAt: Date.now() });
  ctx.verdicts.scanRecorded(itemKeyString(key));
  return historyView(scanHistoryOf(ctx, key));
}

/** The history of a code without recording anything; throws the GS1 error for text that is no item code. */
export function scanHistory(ctx: ServiceContext, code: string): HistoryView {
  return historyView(scanHistoryOf(ctx, itemKey(parseDigitalLink(code).code)));
}

export function scanHistoryOf(ctx: ServiceContext, key: ItemKey): ScanHistory {
  return analyseHistory(ctx.store.listScans(key), ctx.config.history);
}

export const itemKey = ({ gtin, lot, serial }: ItemCode): ItemKey => ({ gtin, lot, serial });

/** The item key as one string, for in-memory maps (JSON: no separator a lot or serial could contain). */
export const itemKeyString = ({ gtin, lot, serial }: ItemKey): string => JSON.stringify([gtin, lot, serial]);

export function historyView(history: ScanHistory): HistoryView {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { ...history, firstScanAt: iso(history.firstScanAt), lastScanAt: iso(history.lastScanAt) };
}
