/** A batch's commissioning: the event that says these items came into existence when the batch was anchored. */
import type { Hex } from "viem";
import { expiryToIsoDate, validateBatchCode } from "../gs1/index.ts";
import { chainEvidence, checkHash, eventTime, mapEpcs, UTC_OFFSET, type ChainRef, type EpcisEvent } from "./document.ts";
import { batchItemEpcs, eventIdOf } from "./uris.ts";

export type CommissioningEventParameters = {
  /** The resolver origin the labels print (`PUBLIC_BASE_URL`). */
  resolverBase: string;
  gtin: string;
  lot: string;
  /** GS1 AI (17) as the number YYMMDD; undefined or 0: none. */
  expiry?: number | undefined;
  /** The batch's serials, read once per serialisation (see `EpcList`). */
  serials: Iterable<string> | AsyncIterable<string>;
  /** When the registry recorded the batch (the anchoring block's time). */
  anchoredAt: Date;
  /** The anchoring transaction on the ProductRegistry. */
  anchoring: ChainRef;
  merkleRoot?: Hex | undefined;
};

/**
 * ObjectEvent ADD, bizStep commissioning, disposition active: CBV's "the EPCs now exist and are in use".
 * Lot and expiry go in ilmd (instance/lot master data) under the CBV master-data names, so any EPCIS reader
 * finds them; the anchoring transaction goes in `vt:` fields rather than in `bizTransactionList`, since a
 * chain transaction is evidence of the event, not a business transaction (order, invoice) it belongs to.
 */
export function commissioningEvent(parameters: CommissioningEventParameters): EpcisEvent {
  const { resolverBase, gtin, lot, serials, anchoredAt, anchoring, merkleRoot } = parameters;
  const expiry = parameters.expiry === 0 ? undefined : parameters.expiry;
  validateBatchCode({ gtin, lot, expiry });
  const evidence = chainEvidence(anchoring, "anchoring");
  if (merkleRoot !== undefined) checkHash(merkleRoot, "merkleRoot");
  const time = eventTime(anchoredAt, "anchoredAt");

  const ilmd: Record<string, string> = { "cbvmda:lotNumber": lot };
  // A YYMMDD year is read relative to the anchoring year, so the export never depends on when it is made.
  if (expiry !== undefined) ilmd["cbvmda:itemExpirationDate"] = expiryToIsoDate(expiry, anchoredAt.getUTCFullYear());

  return {
    type: "ObjectEvent",
    eventID: eventIdOf(["commissioning", anchoring.chainId, anchoring.registry.toLowerCase(), anchoring.transactionHash.toLowerCase(), anchoring.logIndex ?? null, gtin, lot]),
    eventTime: time,
    eventTimeZoneOffset: UTC_OFFSET,
    action: "ADD",
    bizStep: "commissioning",
    disposition: "active",
    ilmd,
    ...evidence,
    ...(merkleRoot === undefined ? {} : { "vt:merkleRoot": merkleRoot.toLowerCase() }),
    // Last, so that a reader streaming a million-item document has the event's facts before its list.
    epcList: mapEpcs(serials, batchItemEpcs(resolverBase, { gtin, lot })),
  };
}
