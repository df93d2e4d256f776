/**
 * One check of a scanned code, end to end: the proof and the scan log from the service, then the one
 * verdict function of core/ over the page's own chain reader on one of its trust roots. The service's own
 * verdict is never asked for, and its announcement of a deployment is only a hint (see network.ts).
 */
import { t } from "../i18n/i18n.ts";
import { bytesToHex, type Address } from "viem";
import { parseDigitalLink } from "../../core/gs1/index.ts";
import { decideVerdict, ReasonCode, type Verdict } from "../../core/verdict.ts";
import { VeritraceError } from "../../core/errors.ts";
import { recoverSigner } from "../../core/signature.ts";
import { chainReaderFor } from "./chain.ts";
import { knownBatches, rememberBatch } from "./known-batches.ts";
import { knownSigners, rememberSigner } from "./known-signers.ts";
import { coarseLocation } from "./location.ts";
import type { Network } from "./network.ts";
import { fetchProof, postScan, type ProofAnswer, type ScanHistory } from "./service-api.ts";
import { sharedReads } from "./shared-reads.ts";
import { sessionId } from "./session-id.ts";

export type CheckResult = {
  uri: string;
  verdict: Verdict;
  network: Network;
  /** Undefined: the scan log could not be reached, so no clone signal was available. */
  history: ScanHistory | undefined;
  /** The chain could not be read: the page should check again later. */
  chainUnreachable: boolean;
};

/** Scanned text that is not a Veritrace item code at all (a web link, a Wi-Fi code, a damaged label). */
export class NotAVeritraceCode extends Error {
  override name = "NotAVeritraceCode";
  readonly text: string;
  constructor(text: string, cause: unknown) {
    // The GS1 rule it breaks stays in English, like every precise message (core/).
    super(cause instanceof VeritraceError ? t("notACode.why", { why: cause.message }) : t("notACode.notDigitalLink"), { cause });
    this.text = text;
  }
}

export type CheckCodeParameters = {
  text: string;
  network: Network;
  /** On a recheck, the history from the first check: the scan is logged once, not once per attempt. */
  history?: ScanHistory | undefined;
  /**
   * False for a customs inspection: an officer scanning a whole shipment is not a shopper, and logging
   * thousands of scans from one place would make the scan log call every genuine item copied.
   */
  logScan?: boolean;
};

export async function checkCode({ text, network, history: earlierHistory, logScan = true }: CheckCodeParameters): Promise<CheckResult> {
  const uri = text.trim();
  try {
    parseDigitalLink(uri);
  } catch (error) {
    throw new NotAVeritraceCode(uri, error);
  }
  const chain = sharedReads(chainReaderFor(network));
  const recover = recoveredOnce();
  const verdictOf = (proof: ProofAnswer, history: ScanHistory | undefined) =>
    decideVerdict({
      uri,
      chain,
      proof: typeof proof === "object" ? proof.proof : undefined,
      history,
      knownSigners: knownSigners(),
      knownBatches: knownBatches(),
      roots: network.roots,
      announced: network.announced,
      recoverSigner: recover,
    });
  // The chain is read while the proof and the scan log are fetched: a first verdict without them asks the
  // chain every question the real one will (its answer is not used), so that on a slow link the real one
  // waits for the slowest of the three rather than for all of them in turn.
  verdictOf(undefined, undefined).catch(() => undefined);
  const [proofAnswer, history] = await Promise.all([
    fetchProof(uri),
    earlierHistory ?? (logScan ? coarseLocation().then((location) => postScan({ code: uri, sessionId: sessionId(), location })) : undefined),
  ]);
  let verdict = await verdictOf(proofAnswer, history);
  if (proofAnswer === "unavailable") verdict = withoutProofVerdict(verdict);

  const chainUnreachable = verdict.reasons.some((reason) => reason.code === ReasonCode.CHAIN_UNREACHABLE);
  if (!chainUnreachable) remember(verdict);
  return {
    uri,
    verdict,
    network,
    history,
    chainUnreachable,
  };
}

/** Keeps what the chain itself just said of the signer and the batch, for checks made offline later. */
function remember({ signer, brandId, signerRemovedAt, brand, batchId, batch }: Verdict): void {
  // Only a signer the chain tied to a brand: an unregistered key's label is COUNTERFEIT online and unknown offline.
  if (signer !== undefined && brandId !== undefined && signerRemovedAt !== undefined) {
    rememberSigner(signer, { brandId, removedAt: signerRemovedAt, brandName: brand?.name || undefined });
  }
  if (batchId !== undefined && batch !== undefined) rememberBatch(batchId, batch.anchoredAt);
}

/**
 * With no proof, the verdict function reads "not in the batch" as COUNTERFEIT, which is right when the
 * service says it never issued the item, but not when the service could not be asked: then the check is
 * only incomplete. Any other verdict stands, since the chain alone decided it.
 */
function withoutProofVerdict(verdict: Verdict): Verdict {
  const noProof = verdict.reasons.some((reason) => reason.code === ReasonCode.NOT_IN_BATCH && reason.detail === "NO_PROOF");
  if (verdict.verdict !== "COUNTERFEIT" || !noProof) return verdict;
  return {
    ...verdict,
    verdict: "UNVERIFIED",
    reasons: [{ code: "PROOF_UNAVAILABLE", message: "The item's Merkle proof could not be fetched, so its place in the anchored batch was not checked" }],
  };
}

/** Signature recovery for one check, which computes its verdict twice: the second asks the first's answer. */
function recoveredOnce(): (digest: Uint8Array, signature: Uint8Array) => Address {
  const answers = new Map<string, Address>();
  return (digest, signature) => {
    const key = `${bytesToHex(digest)}${bytesToHex(signature)}`;
    let signer = answers.get(key);
    if (signer === undefined) answers.set(key, (signer = recoverSigner(digest, signature)));
    return signer;
  };
}
