/**
 * The URIs an EPCIS export names things with. Items are GS1 Digital Link URIs; everything GS1 would name
 * with a key Veritrace does not have (an SSCC or GINC for a shipment, a PGLN for a party, a GLN for a place)
 * gets a URN of ours instead, because EPCIS requires a URI there and inventing GS1 keys would be worse.
 * `veritrace` is not a registered URN namespace: the URNs are stable names, not resolvable addresses.
 */
import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Address, Hex } from "viem";
import { buildDigitalLink, encodeSegment, parseDigitalLink, validatePathValue } from "../gs1/index.ts";
import { checkCountryCode } from "../iso3166.ts";

/** The prefix of our extension fields (`vt:transactionHash`, …), declared as `vt` in the document's `@context`. */
export const VERITRACE_EPCIS_NAMESPACE = "urn:veritrace:epcis:";

/**
 * An item's EPC: its Digital Link URI with GTIN, lot and serial in the path and nothing in the query. The lot
 * stays in the path because Veritrace's item identity is (GTIN, lot, serial): a brand may reuse a serial in
 * another lot. Expiry and signature are label data, not identity, so two exports of one item always agree.
 */
export function itemEpc(base: string, item: { gtin: string; lot: string; serial: string }): string {
  return buildDigitalLink({ base, code: { gtin: item.gtin, lot: item.lot, serial: item.serial } });
}

/**
 * `itemEpc` for many serials of one batch: base, GTIN and lot are checked and encoded once, so a million-item
 * export spends its time on the serials alone (building each URI whole made it take three times as long).
 */
export function batchItemEpcs(base: string, batch: { gtin: string; lot: string }): (serial: string) => string {
  const probe = "0";
  const prefix = itemEpc(base, { ...batch, serial: probe }).slice(0, -probe.length);
  return (serial) => {
    validatePathValue(serial, "21");
    return prefix + encodeSegment(serial);
  };
}

/** The EPC of an item given by any of its Digital Link URIs, a signed label's included. */
export function itemEpcOfUri(uri: string): string {
  const { base, code } = parseDigitalLink(uri);
  return itemEpc(base, code);
}

/** A shipment has no SSCC: its registry id, qualified by chain and registry since the id alone repeats across deployments. */
export function shipmentUri(chainId: number, registry: Address, shipmentId: Hex): string {
  return `urn:veritrace:shipment:${chainId}:${registry.toLowerCase()}:${shipmentId.toLowerCase()}`;
}

/** A party (shipper, carrier, consignee, customs office) is the chain account the registrar admitted. */
export function partyUri(chainId: number, account: Address): string {
  return `urn:veritrace:party:${chainId}:${account.toLowerCase()}`;
}

/** The chain records places as ISO 3166-1 alpha-2 countries only; a GLN would need the site itself. */
export function countryUri(code: string, field = "country"): string {
  return `urn:veritrace:country:${checkCountryCode(code, field)}`;
}

/** The shipper's waybill as a business transaction (type `bol`): unique per shipper, as the shipment id is. */
export function waybillUri(chainId: number, shipper: Address, waybill: string): string {
  return `urn:veritrace:waybill:${chainId}:${shipper.toLowerCase()}:${encodeURIComponent(waybill)}`;
}

// A fixed, randomly drawn namespace for our name-based event ids (RFC 9562 §5.5).
const EVENT_ID_NAMESPACE = hexToBytes("5f0c6a1e8b2d4c7e9a3f1b6d2e8c4a90");

/**
 * A name-based UUID (v5) of what identifies an event on chain: stable across exports, unlike a random one.
 * Not the CBV event hash (which canonicalises the whole event, epcList included): for a million-item
 * commissioning that would mean hashing every EPC before the first byte could be sent.
 */
export function eventIdOf(name: readonly (string | number | null)[]): string {
  const digest = sha1(concatBytes(EVENT_ID_NAMESPACE, utf8ToBytes(JSON.stringify(name)))).slice(0, 16);
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = bytesToHex(digest);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
