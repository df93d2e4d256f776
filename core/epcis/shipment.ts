/**
 * A shipment's history as EPCIS events: packing, shipping, each custody hand-over and each customs
 * inspection, all from what the ShipmentRegistry recorded.
 */
import type { Address, Hex } from "viem";
import { VeritraceError } from "../errors.ts";
import { chainEvidence, checkAddress, checkHash, eventTime, mapEpcs, UTC_OFFSET, type ChainRef, type EpcisEvent } from "./document.ts";
import { countryUri, eventIdOf, itemEpcOfUri, partyUri, shipmentUri, waybillUri } from "./uris.ts";

export type InspectionOutcome = "cleared" | "held" | "seized";

/** What the chain records of an event: the transaction that recorded it, and its log where known. */
type Recorded = { transactionHash: Hex; logIndex?: number | undefined };

export type HandOverParameters = Recorded & { from: Address; to: Address; /** ISO 3166-1 alpha-2 */ place: string; at: Date };

export type InspectionParameters = Recorded & {
  office: Address;
  /** The office's country, ISO 3166-1 alpha-2. */
  place: string;
  outcome: InspectionOutcome;
  counts: { genuine: number; counterfeit: number; undeclared: number; revoked: number };
  reportHash: Hex;
  at: Date;
};

export type ShipmentEventsParameters = Recorded & {
  chainId: number;
  /** The ShipmentRegistry. */
  registry: Address;
  shipmentId: Hex;
  waybill: string;
  shipper: Address;
  consignee: Address;
  origin: string;
  destination: string;
  /** The declared items' Digital Link URIs, signed labels or bare ids: the export keeps only the ids. */
  items: Iterable<string> | AsyncIterable<string>;
  declaredAt: Date;
  handOvers?: readonly HandOverParameters[] | undefined;
  inspections?: readonly InspectionParameters[] | undefined;
};

/**
 * CBV has no customs vocabulary, so each outcome takes the disposition that tells a reader what it may do
 * with the goods. Cleared: the office found them conformant to import requirements. Held: not sellable for
 * now, for a reason CBV does not name. Seized: the same, and persistent (EPCIS 2.0 `persistentDisposition`)
 * so that later events do not silently make seized goods look sellable again; `vt:outcome` keeps the exact word.
 */
export const INSPECTION_DISPOSITION: Record<InspectionOutcome, string> = {
  cleared: "conformant",
  held: "non_sellable_other",
  seized: "non_sellable_other",
};

export function shipmentEvents(parameters: ShipmentEventsParameters): EpcisEvent[] {
  const { chainId, registry, shipmentId, waybill, shipper, consignee } = parameters;
  checkHash(shipmentId, "shipmentId");
  checkAddress(shipper, "shipper");
  checkAddress(consignee, "consignee");
  if (waybill.length === 0) throw new VeritraceError("waybill is empty", { code: "INVALID_FIELD", field: "waybill" });
  const shipment = shipmentUri(chainId, registry, shipmentId);
  const ref = (recorded: Recorded): ChainRef => ({ chainId, registry, transactionHash: recorded.transactionHash, logIndex: recorded.logIndex });
  const idOf = (role: string, recorded: Recorded, ...more: string[]) =>
    eventIdOf([role, chainId, registry.toLowerCase(), recorded.transactionHash.toLowerCase(), recorded.logIndex ?? null, shipmentId.toLowerCase(), ...more]);
  const waybillTransaction = [{ type: "bol", bizTransaction: waybillUri(chainId, shipper, waybill) }];
  const origin = countryUri(parameters.origin, "origin");
  const destination = countryUri(parameters.destination, "destination");
  const declared = chainEvidence(ref(parameters), "shipment");
  const declaredAt = eventTime(parameters.declaredAt, "declaredAt");

  // Aggregation under the shipment's URI: later events name the shipment alone and a reader infers the items,
  // as EPCIS intends, instead of every event repeating up to 100,000 EPCs.
  const packing: EpcisEvent = {
    type: "AggregationEvent",
    eventID: idOf("packing", parameters),
    eventTime: declaredAt,
    eventTimeZoneOffset: UTC_OFFSET,
    action: "ADD",
    bizStep: "packing",
    disposition: "container_closed",
    parentID: shipment,
    bizLocation: { id: origin },
    bizTransactionList: waybillTransaction,
    ...declared,
    childEPCs: mapEpcs(parameters.items, itemEpcOfUri),
  };

  const shipping: EpcisEvent = {
    type: "ObjectEvent",
    eventID: idOf("shipping", parameters),
    eventTime: declaredAt,
    eventTimeZoneOffset: UTC_OFFSET,
    action: "OBSERVE",
    bizStep: "shipping",
    disposition: "in_transit",
    epcList: [shipment],
    readPoint: { id: origin },
    bizTransactionList: waybillTransaction,
    sourceList: [
      { type: "owning_party", source: partyUri(chainId, shipper) },
      { type: "location", source: origin },
    ],
    destinationList: [
      { type: "owning_party", destination: partyUri(chainId, consignee) },
      { type: "location", destination },
    ],
    ...declared,
  };

  const later = [
    ...(parameters.handOvers ?? []).map((handOver, i) => ({ at: handOver.at, recorded: handOver, event: handOverEvent(handOver, i) })),
    ...(parameters.inspections ?? []).map((inspection, i) => ({ at: inspection.at, recorded: inspection, event: inspectionEvent(inspection, i) })),
  ];
  // The document reads as a history; within one block the log order decides.
  later.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.recorded.logIndex ?? 0) - (b.recorded.logIndex ?? 0));
  return [packing, shipping, ...later.map((entry) => entry.event)];

  /**
   * To the consignee the hand-over ends the journey: CBV `receiving` (into the receiver's inventory). To
   * anyone else it is a change of possession on the way: CBV `accepting`, the goods still in transit.
   */
  function handOverEvent(handOver: HandOverParameters, i: number): EpcisEvent {
    const field = `handOvers[${i}]`;
    checkAddress(handOver.from, `${field}.from`);
    checkAddress(handOver.to, `${field}.to`);
    const place = countryUri(handOver.place, `${field}.place`);
    const final = handOver.to.toLowerCase() === consignee.toLowerCase();
    return {
      type: "ObjectEvent",
      eventID: idOf("hand-over", handOver, handOver.from.toLowerCase(), handOver.to.toLowerCase()),
      eventTime: eventTime(handOver.at, `${field}.at`),
      eventTimeZoneOffset: UTC_OFFSET,
      action: "OBSERVE",
      bizStep: final ? "receiving" : "accepting",
      disposition: final ? "in_progress" : "in_transit",
      epcList: [shipment],
      readPoint: { id: place },
      bizLocation: { id: place },
      bizTransactionList: waybillTransaction,
      sourceList: [{ type: "possessing_party", source: partyUri(chainId, handOver.from) }],
      destinationList: [{ type: "possessing_party", destination: partyUri(chainId, handOver.to) }],
      ...chainEvidence(ref(handOver), field),
    };
  }

  function inspectionEvent(inspection: InspectionParameters, i: number): EpcisEvent {
    const field = `inspections[${i}]`;
    checkAddress(inspection.office, `${field}.office`);
    checkHash(inspection.reportHash, `${field}.reportHash`);
    const disposition = INSPECTION_DISPOSITION[inspection.outcome];
    if (disposition === undefined) {
      throw new VeritraceError(`${field}.outcome must be cleared, held or seized`, { code: "INVALID_FIELD", field: `${field}.outcome` });
    }
    const { genuine, counterfeit, undeclared, revoked } = inspection.counts;
    for (const [name, count] of Object.entries({ genuine, counterfeit, undeclared, revoked })) {
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new VeritraceError(`${field}.counts.${name} is not a count`, { code: "INVALID_FIELD", field: `${field}.counts.${name}` });
      }
    }
    const place = countryUri(inspection.place, `${field}.place`);
    return {
      type: "ObjectEvent",
      eventID: idOf("inspection", inspection, inspection.office.toLowerCase()),
      eventTime: eventTime(inspection.at, `${field}.at`),
      eventTimeZoneOffset: UTC_OFFSET,
      action: "OBSERVE",
      bizStep: "inspecting",
      disposition,
      ...(inspection.outcome === "seized" ? { persistentDisposition: { set: [disposition] } } : {}),
      epcList: [shipment],
      readPoint: { id: place },
      bizTransactionList: waybillTransaction,
      "vt:inspector": partyUri(chainId, inspection.office),
      "vt:outcome": inspection.outcome,
      "vt:genuineCount": genuine,
      "vt:counterfeitCount": counterfeit,
      "vt:undeclaredCount": undeclared,
      "vt:revokedCount": revoked,
      "vt:reportHash": inspection.reportHash.toLowerCase(),
      ...chainEvidence(ref(inspection), field),
    };
  }
}
