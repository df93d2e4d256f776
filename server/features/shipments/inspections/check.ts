/**
 * Checking a manifest against a shipment: every row gets core's verdict (`decideVerdict`, read through a
 * block-pinned bulk reader) and core's class (`classifyInspected`), declared meaning its item id is among
 * the shipment's stored items, i.e. in the root anchored on chain. Rows that are not label URIs at all are
 * malformed rows, reported with what is wrong, not counterfeits: they name no item.
 */
import { bytesToHex, type Hex } from "viem";
import { VeritraceError } from "../../../../core/errors.ts";
import { parseDigitalLink } from "../../../../core/gs1/index.ts";
import type { ChainReader } from "../../../../core/chain-reader.ts";
import type { ItemCode } from "../../../../core/types.ts";
import { classifyInspected, emptyTally, inspectionKey } from "../../../../core/inspection.ts";
import { decideVerdict, type Verdict } from "../../../../core/verdict.ts";
import type { ServiceContext } from "../../../context.ts";
import type { Shipment } from "../store/types.ts";
import { shipmentRegistry } from "../registry.ts";
import { signingBrand } from "../../verification/signing-brand.ts";
import { createBulkChainReader } from "./bulk-chain-reader.ts";
import type { Manifest } from "./manifest.ts";
import type { InspectionSummary, MalformedRow, ReportRow } from "../../../../api/customs.ts";

export type ManifestCheck = { blockNumber: number; summary: InspectionSummary; rows: ReportRow[]; malformed: MalformedRow[] };

/** Rows whose verdicts are computed side by side: enough to batch reads, few enough to bound memory. */
const WINDOW = 5_000;

export async function checkManifest(ctx: ServiceContext, shipment: Shipment, manifest: Manifest): Promise<ManifestCheck> {
  const declared = declaredItems(await ctx.store.shipmentItemIds(shipment.id));
  const malformed = [...manifest.malformed];
  const parsed: Array<{ row: number; code: string; item: ItemCode }> = [];
  for (const { row, code } of manifest.rows) {
    try {
      parsed.push({ row, code, item: parseDigitalLink(code).code });
    } catch (error) {
      const known = error instanceof VeritraceError;
      malformed.push({ row, error: known ? error.code : "NOT_A_CODE", message: `row ${row} is not a label URI: ${(error as Error).message}` });
    }
  }
  malformed.sort((a, b) => a.row - b.row);

  const chain = await createBulkChainReader({
    client: ctx.chain.client,
    chainId: ctx.deployment.chainId,
    registry: ctx.deployment.productRegistry.address,
    fromBlock: BigInt(ctx.deployment.productRegistry.blockNumber),
    blockTime: (block) => shipmentRegistry(ctx).blockTime(block),
  });
  const verdicts: Verdict[] = [];
  for (let at = 0; at < parsed.length; at += WINDOW) {
    const window = parsed.slice(at, at + WINDOW);
    verdicts.push(
      ...(await Promise.all(
        window.map(async ({ code, item }) =>
          decideVerdict({ uri: code, chain, proof: await proofOf(ctx, chain, code, item), roots: [ctx.trustRoot], recoverSigner: ctx.verification.recoverSigner }),
        ),
      )),
    );
  }

  const tally = emptyTally();
  const seen = new Set<string>();
  const rows = parsed.map(({ row, code }, i): ReportRow => {
    const verdict = verdicts[i]!;
    const key = inspectionKey(verdict, code);
    const cls = classifyInspected(verdict, verdict.itemId !== undefined && declared.has(verdict.itemId.toLowerCase()), seen.has(key));
    seen.add(key);
    tally[cls]++;
    // A copy is the copied brand's concern whatever its signature: the GTIN's owner comes first.
    return { row, code, class: cls, verdict: verdict.verdict, reasons: verdict.reasons, brandId: verdict.attributedTo ?? verdict.brandId ?? null };
  });
  return { blockNumber: Number(chain.blockNumber), summary: { ...tally, malformed: malformed.length }, rows, malformed };
}

function declaredItems(itemIds: Uint8Array): Set<string> {
  const set = new Set<string>();
  for (let at = 0; at < itemIds.length; at += 32) set.add(bytesToHex(itemIds.subarray(at, at + 32)));
  return set;
}

/** The item's batch proof from this service's store, as the verify endpoint gives it; checked against the chain's root. */
async function proofOf(ctx: ServiceContext, chain: ChainReader, uri: string, { gtin, lot, serial }: ItemCode): Promise<readonly Hex[] | undefined> {
  const signing = await signingBrand(ctx, uri, chain);
  if (signing === undefined) return undefined;
  const found = await ctx.store.findItem(signing.brandId, gtin, lot, serial);
  if (found === undefined || found.batch.state !== "confirmed") return undefined;
  return ctx.trees.proof(found.batch, found.item.index);
}

/** The brands whose goods (genuine, copied or revoked) a report concerns, each once, in a stable order. */
export function brandsConcerned(rows: readonly ReportRow[]): Hex[] {
  const brands = new Set<Hex>();
  for (const row of rows) if (row.brandId !== null && row.class !== "duplicate" && row.class !== "unverified") brands.add(row.brandId);
  return [...brands].sort();
}

