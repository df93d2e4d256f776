/** The EPCIS 2.0 document envelope and the event shapes Veritrace exports. */
import { isAddress, isHash, type Address, type Hex } from "viem";
import { VeritraceError } from "../errors.ts";
import { VERITRACE_EPCIS_NAMESPACE } from "./uris.ts";

export const EPCIS_CONTEXT_URL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

/**
 * A list of EPCs. Any iterable, so that a million-item list can be read from the store while it is written
 * out; it is iterated once per serialisation, so pass an array or a re-iterable, never a bare generator.
 */
/** Lazy; asynchronous when its items are read from a store a page at a time (serialise with `epcisChunksAsync`). */
export type EpcList = Iterable<string> | AsyncIterable<string>;

type SourceOrDestinationType = "owning_party" | "possessing_party" | "location";

/** The fields Veritrace uses; `vt:` extension fields carry the on-chain evidence. */
export type EpcisEvent = {
  type: "ObjectEvent" | "AggregationEvent";
  eventID: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  action: "ADD" | "OBSERVE" | "DELETE";
  bizStep: string;
  disposition: string;
  persistentDisposition?: { set?: string[]; unset?: string[] };
  readPoint?: { id: string };
  bizLocation?: { id: string };
  bizTransactionList?: { type: string; bizTransaction: string }[];
  sourceList?: { type: SourceOrDestinationType; source: string }[];
  destinationList?: { type: SourceOrDestinationType; destination: string }[];
  ilmd?: Record<string, string>;
  parentID?: string;
  epcList?: EpcList;
  childEPCs?: EpcList;
  [extension: `vt:${string}`]: string | number | undefined;
};

export type EpcisDocument = {
  "@context": [typeof EPCIS_CONTEXT_URL, { vt: typeof VERITRACE_EPCIS_NAMESPACE }];
  type: "EPCISDocument";
  schemaVersion: "2.0";
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
};

export function epcisDocument(events: EpcisEvent[], creationDate: Date): EpcisDocument {
  return {
    "@context": [EPCIS_CONTEXT_URL, { vt: VERITRACE_EPCIS_NAMESPACE }],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: eventTime(creationDate, "creationDate"),
    epcisBody: { eventList: events },
  };
}

/**
 * Chain times are UTC seconds and the chain records no local offset, so every time is written in UTC with
 * offset +00:00 rather than guessing a zone.
 */
export const UTC_OFFSET = "+00:00";

export function eventTime(time: Date, field: string): string {
  if (!(time instanceof Date) || Number.isNaN(time.getTime())) {
    throw new VeritraceError(`${field} is not a valid date`, { code: "INVALID_TIME", field });
  }
  return time.toISOString();
}

/** Where an event's evidence lives on chain. */
export type ChainRef = { chainId: number; registry: Address; transactionHash: Hex; logIndex?: number | undefined };

/** The `vt:` fields that let a reader re-check an event against the chain without trusting the exporter. */
export function chainEvidence(ref: ChainRef, field: string): Record<`vt:${string}`, string | number> {
  if (!Number.isSafeInteger(ref.chainId) || ref.chainId <= 0) {
    throw new VeritraceError(`${field}.chainId is not a positive integer`, { code: "INVALID_FIELD", field: `${field}.chainId` });
  }
  checkAddress(ref.registry, `${field}.registry`);
  checkHash(ref.transactionHash, `${field}.transactionHash`);
  const evidence: Record<`vt:${string}`, string | number> = {
    "vt:chainId": ref.chainId,
    "vt:registry": ref.registry,
    "vt:transactionHash": ref.transactionHash.toLowerCase(),
  };
  if (ref.logIndex !== undefined) evidence["vt:logIndex"] = ref.logIndex;
  return evidence;
}

export function checkAddress(value: string, field: string): void {
  if (!isAddress(value, { strict: false })) throw new VeritraceError(`${field} is not an address`, { code: "INVALID_FIELD", field });
}

export function checkHash(value: string, field: string): void {
  if (!isHash(value)) throw new VeritraceError(`${field} is not a 32-byte hex hash`, { code: "INVALID_FIELD", field });
}

/** Maps an EPC list lazily, keeping it re-iterable when its source is, and asynchronous when its source is. */
export function mapEpcs<T>(source: Iterable<T> | AsyncIterable<T>, toEpc: (value: T) => string): EpcList {
  if (Symbol.asyncIterator in source) {
    return {
      async *[Symbol.asyncIterator]() {
        for await (const value of source) yield toEpc(value);
      },
    };
  }
  return {
    *[Symbol.iterator]() {
      for (const value of source) yield toEpc(value);
    },
  };
}
