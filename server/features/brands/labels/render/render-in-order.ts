import { checkLabelItem } from "../item.ts";
import type { LabelItem } from "../types.ts";
import type { RenderKind, RenderResult } from "./render-job.ts";
import type { RenderPool } from "./render-pool.ts";

/** One item and what the pool rendered for it (see RenderResult). */
export type Rendered = { item: LabelItem; data: Uint8Array; crc32: number; size: number; deflated: boolean };

export type RenderInOrderOptions = { pool: RenderPool; kind: RenderKind; referenceYear: number };

// Items per worker job: enough that messaging costs little, few enough to keep every worker busy
// on a short batch.
const JOB_ITEMS = 32;

/**
 * Checks each item (item.ts), renders items in jobs of JOB_ITEMS on the pool, and yields the results
 * in item order. At most two jobs per worker are in flight, so items are pulled only as fast as
 * the consumer takes results: memory stays flat whatever the batch size.
 */
export async function* renderInOrder(items: AsyncIterable<LabelItem>, { pool, kind, referenceYear }: RenderInOrderOptions): AsyncGenerator<Rendered> {
  const inFlight: Array<{ items: LabelItem[]; result: Promise<RenderResult> }> = [];
  const maxInFlight = Math.max(2, pool.threads * 2);
  const submit = (batch: LabelItem[]): void => {
    const result = pool.run({ kind, items: batch, referenceYear });
    // Awaited in order later; without this, a job failing while an earlier one is being awaited
    // would count as an unhandled rejection.
    result.catch(() => {});
    inFlight.push({ items: batch, result });
  };
  async function* oldest(): AsyncGenerator<Rendered> {
    const job = inFlight.shift()!;
    const { data, offsets, crc32, size, deflated } = await job.result;
    for (let i = 0; i < job.items.length; i++) {
      yield { item: job.items[i]!, data: data.subarray(offsets[i], offsets[i + 1]), crc32: crc32[i]!, size: size[i]!, deflated };
    }
  }

  let batch: LabelItem[] = [];
  for await (const item of items) {
    checkLabelItem(item);
    batch.push(item);
    if (batch.length < JOB_ITEMS) continue;
    submit(batch);
    batch = [];
    while (inFlight.length >= maxInFlight) yield* oldest();
  }
  if (batch.length > 0) submit(batch);
  while (inFlight.length > 0) yield* oldest();
}
