/**
 * The brand's infringement notices by platform: filed, removed, rejected, counter-noticed and still open,
 * with the median and 90th-percentile hours to an answer. A product notice names the brand and, if known,
 * a batch (LicenceRegistry's `NoticeFiling`); notices about works name no brand, so they are not here (the
 * licence pages show them). With a GTIN or lot filter, only notices naming a batch of that product count.
 * The notices come from the chain index (NoticeFiled rows with the brand's id); each one's state, times
 * and platform are read from the chain, so an answer shows as soon as it is mined.
 */
import type { Hex } from "viem";
import type { NoticeOutcomeRow } from "../../../api/intelligence.ts";
import type { ServiceContext } from "../../context.ts";
import { freshIndex } from "../../indexer/service-index.ts";
import type { EventPosition } from "../../indexer/index-store.ts";
import { NOTICE_STATUSES } from "../licences/errors.ts";
import type { NoticeRecord } from "../licences/licence-registry.ts";
import { licenceRegistry } from "../licences/registry.ts";
import type { IntelligenceFilter } from "./store/types.ts";

const ZERO = `0x${"0".repeat(64)}`;
const HOUR_S = 3_600;
/** Index rows read at a time. */
const PAGE = 500;

export async function noticeOutcomes(ctx: ServiceContext, f: IntelligenceFilter): Promise<NoticeOutcomeRow[]> {
  const registry = licenceRegistry(ctx);
  const index = await freshIndex(ctx);
  const kept: NoticeRecord[] = [];
  // A page of the index at a time, its notices read from the chain together (as the notices register does).
  for (let after: EventPosition | undefined; ; ) {
    const page = await index.store.events({ eventName: "NoticeFiled", contract: registry.address, brandId: f.brandId.toLowerCase() as Hex }, { after, limit: PAGE });
    const notices = await Promise.all(page.events.map((e) => registry.getNotice(e.noticeId!)));
    const chosen = await Promise.all(notices.map(async (n) => ((await counts(ctx, n, f)) ? n : undefined)));
    kept.push(...chosen.filter((n) => n !== undefined));
    if (page.next === null) break;
    after = page.next;
  }
  const platformIds = [...new Set(kept.map((n) => n.platformId))];
  const names = new Map(await Promise.all(platformIds.map(async (id) => [id, (await registry.getPlatform(id)).name] as const)));
  const platforms = new Map<Hex, { name: string; statuses: string[]; hours: number[] }>();
  for (const n of kept) {
    let p = platforms.get(n.platformId);
    if (p === undefined) platforms.set(n.platformId, (p = { name: names.get(n.platformId)!, statuses: [], hours: [] }));
    p.statuses.push(NOTICE_STATUSES[n.status]!);
    if (Number(n.answeredAt) !== 0) p.hours.push((Number(n.answeredAt) - Number(n.filedAt)) / HOUR_S);
  }
  const count = (statuses: string[], s: string) => statuses.filter((x) => x === s).length;
  return [...platforms]
    .map(([id, p]) => ({
      platformId: id,
      platform: p.name,
      filed: p.statuses.length,
      removed: count(p.statuses, "removed"),
      rejected: count(p.statuses, "rejected"),
      counterNoticed: count(p.statuses, "counter-noticed"),
      open: count(p.statuses, "filed"),
      medianHoursToAnswer: quantile(p.hours, 0.5),
      p90HoursToAnswer: quantile(p.hours, 0.9),
    }))
    .sort((a, b) => b.filed - a.filed || a.platform.localeCompare(b.platform));
}

/** Whether the notice counts: filed in the period and, with a GTIN filter, naming a batch of that GTIN (and lot). */
async function counts(ctx: ServiceContext, n: NoticeRecord, f: IntelligenceFilter): Promise<boolean> {
  const filedMs = Number(n.filedAt) * 1000;
  if (filedMs < f.from || filedMs >= f.to) return false;
  return f.gtin === undefined || (await namesProduct(ctx, n.batchId, f));
}

/** Whether the notice's batch is of the filter's GTIN (and lot); a notice naming no batch is of no one product. */
async function namesProduct(ctx: ServiceContext, batchId: Hex, f: IntelligenceFilter): Promise<boolean> {
  if (batchId.toLowerCase() === ZERO) return false;
  const batch = await ctx.store.getBatch(batchId);
  return batch !== undefined && batch.gtin === f.gtin && (f.lot === undefined || batch.lot === f.lot);
}

/** The nearest-rank quantile, in hours to one decimal; null without answers. */
function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return Math.round(v * 10) / 10;
}
