/**
 * Scan sessions, the scan log and the history signal it gives. Scan evidence must be expensive to forge,
 * since it is what can turn a genuine item SUSPICIOUS:
 *
 * - Sessions are issued by the service (`issueSession`) and bound to the client network they were issued
 *   to; only the first SESSIONS_PER_NETWORK a network gets in SESSION_WINDOW_MINUTES count. A scan names
 *   its session, and is recorded only for a counted one, and only for the first SCANS_PER_SESSION of that
 *   session's scans of the item (see below).
 * - A scan enters an item's history only when the code's signature verifies under this service's own
 *   deployment (its trust root): the signer, recovered in the registry's EIP-712 domain, is a brand's
 *   signer on chain. The history is kept under that brand, so no one can add to a history by printing an
 *   unsigned copy of a GTIN, lot and serial, and two brands never share one.
 * - A scan of a code that does not verify is no item's: it is kept as a counterfeit sighting for the brand
 *   holding the GTIN's GS1 company prefix, which sees them aggregated (`counterfeitScans`).
 *
 * The history itself is `core/history.ts`'s analysis, with the configured thresholds; it needs several
 * networks before it calls a code cloned.
 */
import { randomBytes } from "node:crypto";
import type { Address, Hex } from "viem";
import type { ChainReader } from "../../../core/chain-reader.ts";
import { parseDigitalLink } from "../../../core/gs1/index.ts";
import type { CounterfeitScansView, HistoryView } from "../../../api/verification.ts";
import { analyseHistory, type ScanHistory } from "../../../core/history.ts";
import type { ItemCode } from "../../../core/types.ts";
import { ReasonCode, type Reason } from "../../../core/verdict.ts";
import { chainUnreachable } from "../../chain/faults.ts";
import type { ServiceContext } from "../../context.ts";
import { recoverCodeSigner } from "./signing-brand.ts";
import { AppError } from "../../errors.ts";
import type { CounterfeitScanCounts, ScanKey, ScanSession } from "./store/types.ts";
import type { Organisation } from "../organisations/store/types.ts";

/** Why a scan entered no item's history. Stable codes: add, never rename. */
export const ScanNotCountedCode = {
  /** The session is over its network's budget of counted sessions. */
  SESSION_NOT_COUNTED: "SESSION_NOT_COUNTED",
  /** The session already has SCANS_PER_SESSION scans in the item's history. */
  SESSION_SCANS_EXHAUSTED: "SESSION_SCANS_EXHAUSTED",
  /** The code does not verify (as the verdict names it): it is no item's, and a counterfeit sighting instead. */
  UNSIGNED: ReasonCode.UNSIGNED,
  BAD_SIGNATURE: ReasonCode.BAD_SIGNATURE,
  SIGNER_NOT_REGISTERED: ReasonCode.SIGNER_NOT_REGISTERED,
} as const;

/**
 * The most scans of one item a session records. The history reads an item's newest 1,000 scans only, so a
 * session posting without end would push older evidence (a clone's crowd, its far-apart places) out of
 * it. Three, because the signal gains little from a session's repeats: TOO_MANY_SESSIONS counts sessions,
 * and impossible travel compares scans from different networks, so a device's further scans of one item
 * add only its own later sightings. Three keep a first look, a re-check and one later sighting (the shop's
 * phone on arrival and at sale), and make hiding evidence cost sessions, which are budgeted per network:
 * one network fills the 1,000 with 334 counted sessions, over 4 days of its whole budget by default.
 * Counted among the scans the history reads, so a session whose scans were pushed out by 1,000 others may
 * record again: it still never holds more than three of the 1,000.
 */
export const SCANS_PER_SESSION = 3;

/** A session as the page gets it: the id only (whether it counts is the service's business). */
export type IssueSessionReturnType = { sessionId: string };

/** 128 random bits in base64url (22 characters): unguessable, so no one can scan in someone else's session. */
const SESSION_BYTES = 16;

export async function issueSession(ctx: ServiceContext, network: string): Promise<IssueSessionReturnType> {
  const id = randomBytes(SESSION_BYTES).toString("base64url");
  await ctx.store.issueSession(id, network, Date.now(), ctx.config.sessions);
  return { sessionId: id };
}

export type RecordScanParameters = {
  code: string;
  sessionId: string;
  location?: { latitude: number; longitude: number } | undefined;
  country?: string | undefined;
  /** The client network the request came from (`http/client-network.ts`). */
  network: string;
};

export type RecordScanReturnType = {
  /** Whether the scan entered the item's history. */
  counted: boolean;
  /** Why not (`ScanNotCountedCode`); null when counted. */
  reason: Reason | null;
  /** The item's history, when the code verifies (counted or not); null for a code that does not. */
  history: HistoryView | null;
  /** For a code that does not verify: the brand holding its GTIN's prefix, when the sighting was recorded for it. */
  counterfeitSighting: { brandId: Hex } | null;
};

export async function recordScan(ctx: ServiceContext, params: RecordScanParameters): Promise<RecordScanReturnType> {
  const session = await sessionFor(ctx, params.sessionId, params.network);
  const parsed = parseDigitalLink(params.code);
  const chain = ctx.verification.reader();
  const check = await reachChain(checkCode(ctx, parsed, chain));
  const scannedAt = Date.now();

  if (check.verified) {
    const { key } = check;
    if (!session.counted) {
      return { counted: false, reason: notCounted(ctx), history: historyView(await historyOf(ctx, key)), counterfeitSighting: null };
    }
    // The store checks the session's share and writes in one transaction, so concurrent scans cannot both pass.
    const scan = { sessionId: session.id, network: session.network, scannedAt, location: params.location, country: params.country };
    if (!(await ctx.store.recordScan(key, scan, SCANS_PER_SESSION))) {
      return { counted: false, reason: scansExhausted(), history: historyView(await historyOf(ctx, key)), counterfeitSighting: null };
    }
    await announceScan(ctx, itemKeyString(key));
    return { counted: true, reason: null, history: historyView(await historyOf(ctx, key)), counterfeitSighting: null };
  }

  const { code, reason } = check;
  const owner = await reachChain(chain.getGtinOwner(code.gtin));
  const attributed = BigInt(owner.brandId) !== 0n && session.counted;
  if (attributed) {
    await ctx.store.recordCounterfeitScan({
      brandId: owner.brandId,
      gtin: code.gtin,
      lot: code.lot,
      serial: code.serial,
      reason: reason.code,
      sessionId: session.id,
      network: session.network,
      country: params.country,
      scannedAt,
    });
  }
  return { counted: false, reason, history: null, counterfeitSighting: attributed ? { brandId: owner.brandId } : null };
}

/** The history of a code without recording anything: null for a code that does not verify; GS1 errors for text that is no item code. */
export async function scanHistory(ctx: ServiceContext, uri: string): Promise<HistoryView | null> {
  const check = await reachChain(checkCode(ctx, parseDigitalLink(uri), ctx.verification.reader()));
  return check.verified ? historyView(await historyOf(ctx, check.key)) : null;
}

/**
 * The history of a URI, kept under its signer's brand: what `decideVerdict` takes. Undefined when the
 * text is no item code, the code does not verify, or the chain cannot say (the verdict then says why).
 */
export async function scanHistoryOfUri(ctx: ServiceContext, uri: string, chain: Pick<ChainReader, "getSigner"> = ctx.verification.reader()): Promise<ScanHistory | undefined> {
  try {
    const check = await checkCode(ctx, parseDigitalLink(uri), chain);
    return check.verified ? await historyOf(ctx, check.key) : undefined;
  } catch {
    return undefined;
  }
}

/** The brand's counterfeit sightings: scans of codes with its GTINs that do not verify, aggregated. */
export async function counterfeitScans(ctx: ServiceContext, brand: Organisation, since?: number): Promise<CounterfeitScansView> {
  if (brand.brandId === undefined) throw new AppError("This organisation has no brand id on chain", { status: 403, code: "FORBIDDEN" });
  const counts = await ctx.store.countCounterfeitScans(brand.brandId, since);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    brandId: brand.brandId,
    since: since === undefined ? null : iso(since),
    ...counts,
    byProduct: counts.byProduct.map((p) => ({ ...p, firstScanAt: iso(p.firstScanAt), lastScanAt: iso(p.lastScanAt) })),
  };
}

async function historyOf(ctx: ServiceContext, key: ScanKey): Promise<ScanHistory> {
  return analyseHistory(await ctx.store.listScans(key), ctx.config.history);
}

/** The item key as one string, for in-memory maps (JSON: no separator a lot or serial could contain). */
export const itemKeyString = ({ gtin, lot, serial }: Pick<ItemCode, "gtin" | "lot" | "serial">): string => JSON.stringify([gtin, lot, serial]);

export function historyView(history: ScanHistory): HistoryView {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { ...history, firstScanAt: iso(history.firstScanAt), lastScanAt: iso(history.lastScanAt) };
}

/** The session a scan names: issued here, to the network the scan comes from. */
async function sessionFor(ctx: ServiceContext, sessionId: string, network: string): Promise<ScanSession> {
  const session = await ctx.store.getSession(sessionId);
  if (session === undefined) {
    throw new AppError("This scan session was not issued by this service (or has expired): ask for one with POST /api/v1/sessions", {
      status: 400,
      code: "UNKNOWN_SESSION",
      field: "sessionId",
    });
  }
  if (session.network !== network) {
    throw new AppError("This scan session was issued to another network: ask for a new one with POST /api/v1/sessions and scan again", {
      status: 403,
      code: "SESSION_NETWORK_CHANGED",
      field: "sessionId",
    });
  }
  return session;
}

function notCounted(ctx: ServiceContext): Reason {
  const { perNetwork, windowMs } = ctx.config.sessions;
  return {
    code: ScanNotCountedCode.SESSION_NOT_COUNTED,
    message:
      `Your network was issued more than ${perNetwork} scan sessions in ${Math.round(windowMs / 60_000)} minutes, ` +
      `so scans in this session are not counted in item histories`,
  };
}

function scansExhausted(): Reason {
  return {
    code: ScanNotCountedCode.SESSION_SCANS_EXHAUSTED,
    message: `This session already has ${SCANS_PER_SESSION} scans of this item in its history, so further scans in it are not counted`,
  };
}

type CodeCheck = { verified: true; key: ScanKey } | { verified: false; code: ItemCode; reason: Reason };

/**
 * Whether a code's signature verifies under this service's deployment: the signer recovered in its
 * EIP-712 domain is some brand's signer on chain. Rejects when the chain cannot be read.
 */
async function checkCode(ctx: ServiceContext, { code, signature }: { code: ItemCode; signature?: string | undefined }, chain: Pick<ChainReader, "getSigner">): Promise<CodeCheck> {
  if (signature === undefined) {
    return { verified: false, code, reason: { code: ReasonCode.UNSIGNED, message: "The code carries no brand signature (s): it counts as a counterfeit sighting, not in any item's history" } };
  }
  let signer: Address;
  try {
    signer = recoverCodeSigner(ctx, code, signature);
  } catch {
    return { verified: false, code, reason: { code: ReasonCode.BAD_SIGNATURE, message: "The signature (s) is not a valid signature: the code counts as a counterfeit sighting" } };
  }
  const { brandId } = await chain.getSigner(signer);
  if (BigInt(brandId) === 0n) {
    return {
      verified: false,
      code,
      reason: { code: ReasonCode.SIGNER_NOT_REGISTERED, message: `The signature recovers to ${signer}, no brand's signer here: the code counts as a counterfeit sighting` },
    };
  }
  return { verified: true, key: { brandId, gtin: code.gtin, lot: code.lot, serial: code.serial } };
}

/** A chain read, or 503 CHAIN_UNREACHABLE: without the chain no scan can be judged, so none is recorded. */
async function reachChain<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (cause) {
    throw chainUnreachable("The chain cannot be read right now, so the scan could not be checked; nothing was recorded. Try again shortly", cause);
  }
}

/**
 * Makes every instance's cached verify answers for the item stale. This instance's are at once; if the
 * others cannot be told (the database just went away), they serve the old answer at most until the chain's
 * next block, which every cached answer is keyed by.
 */
async function announceScan(ctx: ServiceContext, item: string): Promise<void> {
  await ctx.changes.scanRecorded(item).catch((err: unknown) => ctx.logger.warn({ err }, "telling the other instances of a scan failed"));
}
