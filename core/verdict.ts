/**
 * The one verdict on a scanned label, computed the same way by the server, the browser and the CLI. It does
 * no I/O of its own: the chain is read through a `ChainReader`, and the Merkle proof and the scan-history
 * signal are handed in, because where they come from differs per caller.
 *
 * Trust model: only the chain is trusted. The proof comes from a server that may lie, so it is checked
 * against the root read from the chain, never against a root anyone else supplies.
 *
 * Precedence: COUNTERFEIT > REVOKED > SUSPICIOUS > GENUINE. A suspicious scan history only turns an
 * otherwise GENUINE item SUSPICIOUS: a clone of a revoked item is still REVOKED and a forged code is still
 * COUNTERFEIT, since those verdicts already tell the user not to trust the item. The history's reasons are
 * still appended to a REVOKED (or UNVERIFIED) verdict, where they add information, but not to a COUNTERFEIT
 * one, whose scan log is about a code no brand issued.
 * UNVERIFIED is the answer whenever the chain cannot be read: a signature checked offline against keys seen
 * earlier is worth reporting, but never GENUINE without the chain. The one exception is REVOKED, for a key
 * the chain said was removed before a batch the chain said was anchored: both facts are final.
 *
 * Trust roots: the verdict believes only a chain reader on one of the verifier's own roots (chain id and
 * registry, fixed when the verifier was built or configured), and only an RPC that reports that chain's id.
 * Anything else is UNVERIFIED with a reason that says so (UNTRUSTED_REGISTRY, RPC_WRONG_CHAIN). A service's
 * announcement of another deployment is a hint: a label the trusted record does not know is then UNVERIFIED
 * (UNTRUSTED_REGISTRY) rather than COUNTERFEIT, since it may belong to a deployment this verifier does not
 * know; it is never GENUINE.
 *
 * Brand facts come from the chain: the issuing brand's name and country, the brand that holds the GS1
 * company prefix of the GTIN (the brand a copy is attributed to, whatever its signature), and whether the
 * label's host is one the brand registered. A signature by one brand on another brand's GTIN is COUNTERFEIT
 * (GTIN_NOT_OWNED); a label pointing to an unregistered host turns GENUINE into SUSPICIOUS
 * (LABEL_HOST_NOT_REGISTERED): the code may be genuine, but the label was not printed by the brand.
 *
 * Expiry (AI 17) is a fact about the item's use, not its origin: an expired genuine item stays GENUINE (or
 * SUSPICIOUS) with an EXPIRED reason, so that every caller that already handles GENUINE keeps working and
 * those that care about expiry read `Verdict.expiry`. A forged or revoked code gets no EXPIRED reason: its
 * verdict already says not to use it.
 */
import type { Address, Hex } from "viem";
import type { ChainActivation, ChainBatch, ChainBrand, ChainGtinOwner, ChainReader, ChainSigner } from "./chain-reader.ts";
import { ItemDigester, registryDomain } from "./eip712.ts";
import { VeritraceError } from "./errors.ts";
import { expiryState, type ExpiryState } from "./expiry.ts";
import { parseDigitalLink } from "./gs1/index.ts";
import { batchIdOf, itemIdOf, leafOf } from "./ids.ts";
import { verifyProof } from "./merkle.ts";
import { decodeSignature, recoverSigner } from "./signature.ts";
import { statusName, type StatusName } from "./status.ts";
import { findRoot, type AnnouncedNetwork, type TrustRoot } from "./trust-roots.ts";
import type { ItemCode } from "./types.ts";

export type VerdictName = "GENUINE" | "COUNTERFEIT" | "REVOKED" | "SUSPICIOUS" | "UNVERIFIED";

/**
 * Why a verdict was reached. `code` is a stable machine code (add codes, never rename them); `detail` is the
 * underlying error code where one exists, such as the GS1 rule a URI broke.
 */
export type Reason = { code: string; message: string; detail?: string };

/** The verdict's own reason codes; history reasons (e.g. CLONE_PATTERN) come from the history signal. */
export const ReasonCode = {
  UNPARSEABLE_CODE: "UNPARSEABLE_CODE",
  UNSIGNED: "UNSIGNED",
  BAD_SIGNATURE: "BAD_SIGNATURE",
  SIGNER_NOT_REGISTERED: "SIGNER_NOT_REGISTERED",
  BATCH_NOT_ANCHORED: "BATCH_NOT_ANCHORED",
  NOT_IN_BATCH: "NOT_IN_BATCH",
  ITEM_RECALLED: "ITEM_RECALLED",
  ITEM_STOLEN: "ITEM_STOLEN",
  ITEM_DESTROYED: "ITEM_DESTROYED",
  BATCH_RECALLED: "BATCH_RECALLED",
  BATCH_STOLEN: "BATCH_STOLEN",
  BATCH_DESTROYED: "BATCH_DESTROYED",
  SIGNER_REVOKED_BEFORE_BATCH: "SIGNER_REVOKED_BEFORE_BATCH",
  CHAIN_UNREACHABLE: "CHAIN_UNREACHABLE",
  SIGNATURE_VALID_OFFLINE: "SIGNATURE_VALID_OFFLINE",
  SIGNER_UNKNOWN_OFFLINE: "SIGNER_UNKNOWN_OFFLINE",
  SIGNER_REMOVED_OFFLINE: "SIGNER_REMOVED_OFFLINE",
  UNTRUSTED_REGISTRY: "UNTRUSTED_REGISTRY",
  RPC_WRONG_CHAIN: "RPC_WRONG_CHAIN",
  GTIN_NOT_OWNED: "GTIN_NOT_OWNED",
  LABEL_HOST_NOT_REGISTERED: "LABEL_HOST_NOT_REGISTERED",
  EXPIRED: "EXPIRED",
} as const;

/** What the scan log says about this item; computed elsewhere. */
export type HistorySignal = { suspicious: boolean; reasons: Reason[] };

export type DecideVerdictParameters = {
  /** The scanned text. */
  uri: string;
  chain: ChainReader;
  /** The item's Merkle proof as a (possibly lying) server gave it; undefined when none was found. */
  proof: readonly Hex[] | undefined;
  history?: HistorySignal | undefined;
  /** Signers as the chain described them to an earlier online check, for the offline answer. */
  knownSigners?: ReadonlyMap<Address, KnownSigner> | undefined;
  /** When batches were anchored, as earlier online checks read it (batchId -> anchoredAt), for the offline answer. */
  knownBatches?: ReadonlyMap<Hex, number> | undefined;
  /**
   * Recovers the signer of a digest; `recoverSigner` by default. The answer is a pure function of its
   * inputs, so a server verifying the same labels again and again may pass a memoised one.
   */
  recoverSigner?: ((digest: Uint8Array, signature: Uint8Array) => Address) | undefined;
  /** The verifier's trust roots: `chain` must read one of them, or nothing it says is believed. */
  roots: readonly TrustRoot[];
  /** The deployment a service announced, a hint (see the file comment); undefined when none was asked. */
  announced?: AnnouncedNetwork | undefined;
  /** The moment expiry is judged against; the current time by default (tests pass a fixed one). */
  now?: Date | undefined;
};

/**
 * What an earlier online check read of a signer. Both facts are final on chain (a key is never re-added
 * once removed, and keeps its brand), so they stay true offline; only a removal since then is unknown.
 */
export type KnownSigner = {
  brandId: Hex;
  /** When the brand removed the key (0: still active when last read), in the chain's seconds. */
  removedAt: bigint;
  /** The brand's name on chain, when it was read. */
  brandName?: string | undefined;
};

export type VerdictBatch = { merkleRoot: Hex; signer: Address; anchoredAt: number; itemCount: number };

/** A brand as the chain records it. */
export type VerdictBrand = { brandId: Hex; name: string; country: string };

export type Verdict = {
  verdict: VerdictName;
  reasons: Reason[];
  /** The trust root the chain was read as (absent when the reader was on no root). */
  root?: { name: string; chainId: number; registry: Address };
  code?: ItemCode;
  /** The brand whose key signed the code, with its name and country from the chain. */
  brand?: VerdictBrand;
  /**
   * The brand holding the GS1 company prefix of the code's GTIN, from the chain; null when no brand holds
   * one, absent when the chain was not read.
   */
  gtinOwner?: (VerdictBrand & { prefix: string }) | null;
  /** The brand a sighting of this code concerns: the GTIN's owner, else the signing brand. */
  attributedTo?: Hex;
  /** The host the label's link points to (lower-case, with its port). */
  labelHost?: string;
  /** The key the signature recovers to. */
  signer?: Address;
  brandId?: Hex;
  batchId?: Hex;
  itemId?: Hex;
  batch?: VerdictBatch;
  itemStatus?: StatusName;
  batchStatus?: StatusName;
  /** When the signer was removed (0: still active), as the chain says. */
  signerRemovedAt?: bigint;
  /** The item's recorded first sale; absent when it has not been sold (or the chain was not read). */
  activation?: VerdictActivation;
  /** The code's expiry date (AI 17), present whenever the code carries one. */
  expiry?: VerdictExpiry;
};

/**
 * `date` is the last day the item may be used (YYYY-MM-DD; a label's DD = 00 is the month's last day);
 * `expired` is true from the day after it, by UTC calendar date (core/expiry.ts).
 */
export type VerdictExpiry = ExpiryState;

export type VerdictActivation = { seller: Address; activatedAt: number; country: string };

export type DecideVerdictReturnType = Verdict;

export async function decideVerdict(params: DecideVerdictParameters): Promise<DecideVerdictReturnType> {
  return withExpiry(await judge(params), params.now ?? new Date());
}

/**
 * Adds the code's expiry to a verdict, and the EXPIRED reason to a GENUINE or SUSPICIOUS one whose date has
 * passed. Usable through its expiry day: expired means the date is before `now`'s UTC calendar date.
 */
export function withExpiry(verdict: Verdict, now: Date): Verdict {
  const expiry = verdict.code?.expiry;
  if (expiry === undefined) return verdict;
  let state: VerdictExpiry;
  try {
    state = expiryState(expiry, now);
  } catch {
    // A parsed code's expiry is always a date; a hand-built verdict's may not be, and then there is none.
    return verdict;
  }
  const withDate: Verdict = { ...verdict, expiry: state };
  if (!state.expired || (verdict.verdict !== "GENUINE" && verdict.verdict !== "SUSPICIOUS")) return withDate;
  return {
    ...withDate,
    reasons: [
      ...verdict.reasons,
      {
        code: ReasonCode.EXPIRED,
        message: `The item expired on ${state.date}: it should not be sold or used`,
        detail: state.date,
      },
    ],
  };
}

async function judge(params: DecideVerdictParameters): Promise<Verdict> {
  const { uri, chain, proof, history, roots, announced, recoverSigner: recover = recoverSigner } = params;
  const memory: OfflineMemory = { signers: params.knownSigners, batches: params.knownBatches };
  const root = findRoot(roots, chain.chainId, chain.registry);
  if (root === undefined) {
    return {
      verdict: "UNVERIFIED",
      reasons: [
        {
          code: ReasonCode.UNTRUSTED_REGISTRY,
          message: `This check was pointed at registry ${chain.registry} on chain ${chain.chainId}, which is not one of this verifier's trusted deployments: nothing read from it is believed`,
        },
      ],
    };
  }
  const rootView = { name: root.name, chainId: root.chainId, registry: root.productRegistry };

  let code: ItemCode;
  let signature: string | undefined;
  try {
    ({ code, signature } = parseDigitalLink(uri));
  } catch (error) {
    return counterfeit({ root: rootView }, reasonFrom(ReasonCode.UNPARSEABLE_CODE, "The scanned text is not a Veritrace item code", error));
  }
  const labelHost = hostOf(uri);
  const start: Verdict = { verdict: "GENUINE", reasons: [], root: rootView, code, ...(labelHost === undefined ? {} : { labelHost }) };
  // Started at once: the RPC must answer for the root's chain, and the GTIN's owner is who a copy concerns.
  const reportedChainId = chain.getChainId();
  const gtinOwner = chain.getGtinOwner(code.gtin);
  const identity = readIdentity(chain, reportedChainId, gtinOwner);
  identity.catch(() => undefined);

  if (signature === undefined) {
    return counterfeit(await attributed(start, identity), {
      code: ReasonCode.UNSIGNED,
      message: "The code carries no brand signature (s); anyone can print an unsigned code",
    });
  }

  let signer: Address;
  try {
    const digest = new ItemDigester(registryDomain(chain.chainId, chain.registry)).digest(code);
    signer = recover(digest, decodeSignature(signature));
  } catch (error) {
    return counterfeit(await attributed(start, identity), reasonFrom(ReasonCode.BAD_SIGNATURE, "The signature (s) is not a valid signature", error));
  }

  const found: Verdict = { ...start, signer };

  // The signer, the RPC's chain id and the GTIN's owner come back in one round trip. The owner's name takes
  // a second one, which the batch reads below share rather than wait for: on a phone's slow link each
  // round trip costs about half a second.
  let signerRecord: ChainSigner;
  let ownerRecord: ChainGtinOwner;
  try {
    let chainId: number;
    [signerRecord, chainId, ownerRecord] = await Promise.all([chain.getSigner(signer), reportedChainId, gtinOwner]);
    if (chainId !== chain.chainId) return wrongChain(found, chainId, chain.chainId);
  } catch (error) {
    return readFailed(chain, found, error, history, memory);
  }
  found.signerRemovedAt = signerRecord.removedAt;
  const ownedBy = (owner: Identity["owner"]) => {
    found.gtinOwner = owner;
    if (owner !== null) found.attributedTo = owner.brandId;
  };
  if (BigInt(signerRecord.brandId) === 0n) {
    try {
      ownedBy((await identity).owner);
    } catch (error) {
      return readFailed(chain, found, error, history, memory);
    }
    if (announced !== undefined && findRoot(roots, announced.chainId, announced.registry) === undefined) {
      return {
        ...found,
        verdict: "UNVERIFIED",
        reasons: [
          {
            code: ReasonCode.UNTRUSTED_REGISTRY,
            message:
              `The service announced registry ${announced.registry} on chain ${announced.chainId}, which this verifier does not trust, ` +
              `and the label is not in the trusted record (${root.name}): it cannot be confirmed`,
          },
        ],
      };
    }
    return counterfeit(found, {
      code: ReasonCode.SIGNER_NOT_REGISTERED,
      message:
        `The signature recovers to ${signer}, which is not a signer of any brand on this registry. ` +
        `A code signed for another chain or another registry deployment looks exactly like this, since ` +
        `the signature binds chain ${chain.chainId} and registry ${chain.registry}`,
    });
  }

  const brandId = signerRecord.brandId;
  const batchId = batchIdOf(brandId, code.gtin, code.lot);
  const itemId = itemIdOf(batchId, code.serial);
  Object.assign(found, { brandId, batchId, itemId });

  let owner: Identity["owner"];
  let batch: ChainBatch;
  let itemStatus: number;
  let activation: ChainActivation;
  let brand: Pick<ChainBrand, "name" | "country">;
  let hostRegistered: boolean;
  try {
    [{ owner }, batch, itemStatus, activation, brand, hostRegistered] = await Promise.all([
      identity,
      chain.getBatch(batchId),
      chain.getItemStatus(itemId),
      chain.getActivation(itemId),
      // The owner's name is being read already when the signer's brand owns the GTIN, as a genuine one does.
      ownerRecord.brandId === brandId ? identity.then((read) => read.owner!) : chain.getBrand(brandId),
      labelHost === undefined ? true : chain.isLabelDomain(brandId, labelHost),
    ]);
  } catch (error) {
    return readFailed(chain, found, error, history, memory);
  }
  ownedBy(owner);
  found.attributedTo ??= brandId;
  found.brand = { brandId, name: brand.name, country: brand.country };
  if (batch.anchoredAt === 0) {
    if (owner?.brandId !== brandId) {
      return counterfeit(found, {
        code: ReasonCode.GTIN_NOT_OWNED,
        message:
          `The code is signed by ${brandLabel(found.brand)}, but GTIN ${code.gtin} ` +
          (owner === null ? "falls in no brand's GS1 company prefix" : `belongs to ${brandLabel(owner)} (prefix ${owner.prefix})`) +
          ": a brand can only issue its own products",
      });
    }
    return counterfeit(found, {
      code: ReasonCode.BATCH_NOT_ANCHORED,
      message: `${brandLabel(found.brand)} has anchored no batch for GTIN ${code.gtin} lot ${JSON.stringify(code.lot)}`,
    });
  }
  found.batch = {
    merkleRoot: batch.merkleRoot,
    signer: batch.signer,
    anchoredAt: batch.anchoredAt,
    itemCount: batch.itemCount,
  };
  found.batchStatus = statusName(batch.status);
  found.itemStatus = statusName(itemStatus);

  const notInBatch = proofFailure(batch.merkleRoot, leafOf(itemId, code.expiry ?? 0), proof, code);
  if (notInBatch !== undefined) return counterfeit(found, notInBatch);
  // Reported only for an item proven in its batch: a counterfeit has no sale of its own to show.
  if (activation.activatedAt !== 0) found.activation = activation;

  const revoked = revocations(found.itemStatus, found.batchStatus, signerRecord.removedAt, batch.anchoredAt, signer);
  const hostReasons: Reason[] = hostRegistered
    ? []
    : [
        {
          code: ReasonCode.LABEL_HOST_NOT_REGISTERED,
          message:
            `The label's link points to ${labelHost}, which is not a site registered for ${brandLabel(found.brand)}: ` +
            "the code may be copied from a genuine item, but this label was not printed by the brand",
          detail: labelHost,
        },
      ];
  const historyReasons = history?.suspicious === true ? history.reasons : [];
  if (revoked.length > 0) return { ...found, verdict: "REVOKED", reasons: [...revoked, ...hostReasons, ...historyReasons] };
  if (hostReasons.length > 0 || history?.suspicious === true) return { ...found, verdict: "SUSPICIOUS", reasons: [...hostReasons, ...historyReasons] };
  return found;
}

type Identity = { chainId: number; owner: (VerdictBrand & { prefix: string }) | null };

/** The RPC's own chain id and the GTIN's owner (with its name), read together. */
async function readIdentity(chain: ChainReader, reportedChainId: Promise<number>, gtinOwner: Promise<ChainGtinOwner>): Promise<Identity> {
  const [chainId, owner] = await Promise.all([reportedChainId, gtinOwner]);
  if (BigInt(owner.brandId) === 0n) return { chainId, owner: null };
  const brand = await chain.getBrand(owner.brandId);
  return { chainId, owner: { brandId: owner.brandId, name: brand.name, country: brand.country, prefix: owner.prefix } };
}

/** A counterfeit's owner when the chain could be read: attribution is a bonus, never a reason to wait on a fault. */
async function attributed(found: Verdict, identity: Promise<Identity>): Promise<Verdict> {
  try {
    const { chainId, owner } = await identity;
    if (chainId !== found.root?.chainId) return found;
    return owner === null ? { ...found, gtinOwner: null } : { ...found, gtinOwner: owner, attributedTo: owner.brandId };
  } catch {
    return found;
  }
}

/**
 * A read failed. A node of another chain fails reads of a registry it does not have: when the node answers
 * with another chain id, that is the finding, not an unreachable chain.
 */
async function readFailed(
  chain: ChainReader,
  found: Verdict,
  error: unknown,
  history: HistorySignal | undefined,
  memory: OfflineMemory,
): Promise<Verdict> {
  const reported = await chain.getChainId().catch(() => undefined);
  if (reported !== undefined && reported !== chain.chainId) return wrongChain(found, reported, chain.chainId);
  return offline(found, error, history, memory);
}

function wrongChain(found: Verdict, reported: number, expected: number): Verdict {
  return {
    root: found.root,
    ...(found.code && { code: found.code }),
    ...(found.signer && { signer: found.signer }),
    verdict: "UNVERIFIED",
    reasons: [
      {
        code: ReasonCode.RPC_WRONG_CHAIN,
        message: `The node read reports chain ${reported}, not chain ${expected}: its answers are not about the trusted deployment`,
      },
    ],
  };
}

function brandLabel(brand: { name: string; brandId: Hex }): string {
  return brand.name === "" ? `brand ${brand.brandId}` : `${JSON.stringify(brand.name)}`;
}

/** The label link's host as a browser would connect to it, lower-case with a non-default port. */
function hostOf(uri: string): string | undefined {
  try {
    return new URL(uri).host.toLowerCase();
  } catch {
    return undefined;
  }
}

function counterfeit(found: Partial<Verdict>, reason: Reason): Verdict {
  return { ...found, verdict: "COUNTERFEIT", reasons: [reason] };
}

function reasonFrom(code: string, summary: string, error: unknown): Reason {
  if (error instanceof VeritraceError) return { code, message: `${summary}: ${error.message}`, detail: error.code };
  return { code, message: `${summary}: ${error instanceof Error ? error.message : String(error)}` };
}

/** The item must be proven in the batch against the root the chain holds, whoever supplied the proof. */
function proofFailure(root: Hex, leaf: Hex, proof: readonly Hex[] | undefined, code: ItemCode): Reason | undefined {
  const item = `serial ${JSON.stringify(code.serial)} (expiry ${code.expiry ?? 0})`;
  if (proof === undefined) {
    return {
      code: ReasonCode.NOT_IN_BATCH,
      message: `No Merkle proof was found for ${item}: the brand never issued it in this batch`,
      detail: "NO_PROOF",
    };
  }
  try {
    if (verifyProof(root, leaf, proof)) return undefined;
  } catch (error) {
    return reasonFrom(ReasonCode.NOT_IN_BATCH, `The Merkle proof for ${item} is malformed`, error);
  }
  return {
    code: ReasonCode.NOT_IN_BATCH,
    message: `The Merkle proof does not put ${item} in the batch anchored on chain (root ${root})`,
    detail: "PROOF_INVALID",
  };
}

const ITEM_STATUS_REASON = {
  Recalled: ReasonCode.ITEM_RECALLED,
  Stolen: ReasonCode.ITEM_STOLEN,
  Destroyed: ReasonCode.ITEM_DESTROYED,
} as const;
const BATCH_STATUS_REASON = {
  Recalled: ReasonCode.BATCH_RECALLED,
  Stolen: ReasonCode.BATCH_STOLEN,
  Destroyed: ReasonCode.BATCH_DESTROYED,
} as const;

/** Every revocation that applies, so the user sees all of them and not only the first. */
function revocations(
  itemStatus: StatusName,
  batchStatus: StatusName,
  removedAt: bigint,
  anchoredAt: number,
  signer: Address,
): Reason[] {
  const reasons: Reason[] = [];
  if (itemStatus !== "Active") {
    reasons.push({
      code: ITEM_STATUS_REASON[itemStatus],
      message: `The brand has marked this item ${itemStatus.toLowerCase()}`,
    });
  }
  if (batchStatus !== "Active") {
    reasons.push({
      code: BATCH_STATUS_REASON[batchStatus],
      message: `The brand has marked this item's whole batch ${batchStatus.toLowerCase()}`,
    });
  }
  // A key counts only for batches anchored strictly before its removal (the registry's trust rules).
  if (removedAt !== 0n && removedAt <= BigInt(anchoredAt)) {
    // "Before" would be false for a removal in the batch's own second, which the rule also refuses.
    const when =
      removedAt === BigInt(anchoredAt)
        ? `on ${isoTime(removedAt)}, the same second this batch was anchored`
        : `on ${isoTime(removedAt)}, before this batch was anchored on ${isoTime(BigInt(anchoredAt))}`;
    reasons.push({
      code: ReasonCode.SIGNER_REVOKED_BEFORE_BATCH,
      message: `The signing key ${signer} was removed from its brand ${when}: its signatures count only for batches anchored earlier`,
      // The removal's date, for copy that names it in the reader's own words.
      detail: isoTime(removedAt),
    });
  }
  return reasons;
}

/** What this verifier remembers from earlier online checks; the offline answer's only source. */
type OfflineMemory = { signers: ReadonlyMap<Address, KnownSigner> | undefined; batches: ReadonlyMap<Hex, number> | undefined };

/**
 * The chain could not be read: say what the signature and the remembered chain facts show, and nothing more.
 * The cut-off rule is the online one (a key counts only for batches anchored strictly before its removal);
 * a removed key's label is REVOKED offline only when this device knows when its batch was anchored (both
 * facts are final), and otherwise stays UNVERIFIED with its own reason: a forger holding the withdrawn key
 * can sign a lot that looks exactly like one of the brand's earlier, still valid ones.
 */
function offline(found: Verdict, error: unknown, history: HistorySignal | undefined, memory: OfflineMemory): Verdict {
  const { code, signer } = found;
  const unreachable = reasonFrom(ReasonCode.CHAIN_UNREACHABLE, "The chain could not be read", error);
  const known = signer === undefined ? undefined : lookUp(memory.signers, signer);
  const base: Verdict = {
    verdict: "UNVERIFIED",
    reasons: [],
    ...(found.root && { root: found.root }),
    ...(code && { code }),
    ...(signer && { signer }),
    ...(found.labelHost && { labelHost: found.labelHost }),
  };
  const historyReasons = history?.suspicious === true ? history.reasons : [];
  if (known === undefined || code === undefined || signer === undefined) {
    return {
      ...base,
      reasons: [
        unreachable,
        {
          code: ReasonCode.SIGNER_UNKNOWN_OFFLINE,
          message: `The signature recovers to ${signer}, a key not known from an earlier check: nothing could be checked without the chain`,
        },
        ...historyReasons,
      ],
    };
  }
  const { brandId, removedAt } = known;
  const batchId = batchIdOf(brandId, code.gtin, code.lot);
  const ids: Verdict = { ...base, brandId, batchId, itemId: itemIdOf(batchId, code.serial), ...(removedAt !== 0n && { signerRemovedAt: removedAt }) };
  const brand = known.brandName ? JSON.stringify(known.brandName) : `brand ${brandId}`;
  const anchoredAt = memory.batches?.get(batchId);
  if (removedAt !== 0n && anchoredAt === undefined) {
    const removed = isoTime(removedAt);
    return {
      ...ids,
      reasons: [
        unreachable,
        {
          code: ReasonCode.SIGNER_REMOVED_OFFLINE,
          message:
            `The signature recovers to ${signer}, a key ${brand} removed on ${removed}. It counts only for batches anchored before then, ` +
            "and without the chain this device cannot tell when this label's batch was anchored: the label may have been signed after the key was withdrawn",
          detail: removed,
        },
        ...historyReasons,
      ],
    };
  }
  if (removedAt !== 0n && anchoredAt !== undefined) {
    const revoked = revocations("Active", "Active", removedAt, anchoredAt, signer);
    if (revoked.length > 0) return { ...ids, verdict: "REVOKED", reasons: [...revoked, unreachable, ...historyReasons] };
  }
  return {
    ...ids,
    reasons: [
      unreachable,
      {
        code: ReasonCode.SIGNATURE_VALID_OFFLINE,
        message:
          removedAt === 0n
            ? `Signature valid (by ${signer}, a known signer of ${brand}), not yet checked on chain`
            : `Signature valid (by ${signer}, a signer of ${brand} removed on ${isoTime(removedAt)}, after this batch was anchored on ${isoTime(BigInt(anchoredAt!))}), not yet checked on chain`,
      },
      ...historyReasons,
    ],
  };
}

/** A chain time (seconds) as an ISO 8601 date and time, for a reason a person reads. */
function isoTime(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** Addresses may be stored checksummed or lower-case; compare them without case. */
function lookUp(signers: ReadonlyMap<Address, KnownSigner> | undefined, signer: Address): KnownSigner | undefined {
  if (signers === undefined) return undefined;
  const direct = signers.get(signer);
  if (direct !== undefined) return direct;
  const wanted = signer.toLowerCase();
  for (const [address, known] of signers) if (address.toLowerCase() === wanted) return known;
  return undefined;
}
