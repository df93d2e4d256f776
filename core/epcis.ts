/**
 * EPCIS 2.0 JSON-LD exports of what the chain records: a batch's commissioning, and a shipment's packing,
 * shipping, hand-overs and inspections. Pure (no I/O, browser-safe): callers pass plain data read from the
 * store and the chain, and write `epcisChunks(document)` (or `epcisChunksAsync`, when a list is read
 * asynchronously) wherever they like.
 */
import { commissioningEvent, type CommissioningEventParameters } from "./epcis/batch.ts";
import { epcisDocument, type EpcisDocument } from "./epcis/document.ts";
import { shipmentEvents, type ShipmentEventsParameters } from "./epcis/shipment.ts";

export { commissioningEvent } from "./epcis/batch.ts";
export type { CommissioningEventParameters } from "./epcis/batch.ts";
export { EPCIS_CONTEXT_URL, epcisDocument, UTC_OFFSET } from "./epcis/document.ts";
export type { ChainRef, EpcisDocument, EpcisEvent, EpcList } from "./epcis/document.ts";
export { CHUNK_CHARACTERS, epcisChunks, epcisChunksAsync, epcisJson } from "./epcis/serialise.ts";
export { INSPECTION_DISPOSITION, shipmentEvents } from "./epcis/shipment.ts";
export type { HandOverParameters, InspectionOutcome, InspectionParameters, ShipmentEventsParameters } from "./epcis/shipment.ts";
export { countryUri, eventIdOf, itemEpc, itemEpcOfUri, partyUri, shipmentUri, VERITRACE_EPCIS_NAMESPACE, waybillUri } from "./epcis/uris.ts";

export type BatchEpcisDocumentParameters = CommissioningEventParameters & { creationDate: Date };

/** The batch's commissioning as a document. Its epcList is lazy: serialise it with `epcisChunks`. */
export function batchEpcisDocument({ creationDate, ...batch }: BatchEpcisDocumentParameters): EpcisDocument {
  return epcisDocument([commissioningEvent(batch)], creationDate);
}

export type ShipmentEpcisDocumentParameters = ShipmentEventsParameters & { creationDate: Date };

/** The shipment's history as a document, its events in the order they happened. */
export function shipmentEpcisDocument({ creationDate, ...shipment }: ShipmentEpcisDocumentParameters): EpcisDocument {
  return epcisDocument(shipmentEvents(shipment), creationDate);
}
