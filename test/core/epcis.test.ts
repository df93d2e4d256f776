import { readFileSync } from "node:fs";
import { expect } from "chai";
import type { Address, Hex } from "viem";
import {
  batchEpcisDocument,
  CHUNK_CHARACTERS,
  EPCIS_CONTEXT_URL,
  epcisChunks,
  epcisJson,
  shipmentEpcisDocument,
  shipmentUri,
  type ShipmentEpcisDocumentParameters,
} from "../../core/epcis.ts";
import { buildDigitalLink } from "../../core/gs1/index.ts";
import { epcisSchemaErrors } from "../fixtures/epcis/schema.ts";

const BASE = "https://id.example.com";
const GTIN = "09506000134352";
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address;
const SHIPMENTS = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" as Address;
const tx = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const account = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const at = (iso: string) => new Date(iso);

/** The document as a reader gets it: serialised, then parsed. */
const parse = (document: object) => JSON.parse(epcisJson(document));

const batchParameters = {
  resolverBase: BASE,
  gtin: GTIN,
  lot: "L2611",
  expiry: 270200, // DD = 00: the end of February
  serials: ["7QK3M9XR2TBW", "A/B\"1", "0003"],
  anchoredAt: at("2026-03-01T10:15:30Z"),
  anchoring: { chainId: 31337, registry: REGISTRY, transactionHash: tx(0xabc) },
  merkleRoot: tx(0x1234),
  creationDate: at("2026-03-02T08:00:00Z"),
};

const SHIPPER = account(0x51);
const CARRIER = account(0xca);
const FORWARDER = account(0xf0);
const CONSIGNEE = account(0xc0);
const OFFICE = account(0xcc);
const label = (serial: string) =>
  buildDigitalLink({ base: BASE, code: { gtin: GTIN, lot: "L2611", serial, expiry: 270200 }, signature: "A".repeat(86) });

const shipmentParameters: ShipmentEpcisDocumentParameters = {
  chainId: 31337,
  registry: SHIPMENTS,
  shipmentId: tx(0x5),
  waybill: "WB/2026 001",
  shipper: SHIPPER,
  consignee: CONSIGNEE,
  origin: "CN",
  destination: "FR",
  items: ["7QK3M9XR2TBW", "A/B\"1", "0003"].map(label),
  declaredAt: at("2026-03-05T00:00:00Z"),
  transactionHash: tx(0xd0),
  handOvers: [
    { from: SHIPPER, to: CARRIER, place: "CN", at: at("2026-03-06T09:00:00Z"), transactionHash: tx(0xd1) },
    { from: CARRIER, to: FORWARDER, place: "FR", at: at("2026-03-20T14:30:00Z"), transactionHash: tx(0xd2) },
  ],
  inspections: [
    {
      office: OFFICE,
      place: "FR",
      outcome: "seized",
      counts: { genuine: 1, counterfeit: 2, undeclared: 0, revoked: 0 },
      reportHash: tx(0xeeee),
      at: at("2026-03-21T11:00:00Z"),
      transactionHash: tx(0xd3),
    },
  ],
  creationDate: at("2026-03-22T00:00:00Z"),
};

describe("core/epcis", function () {
  describe("the schema check itself", function () {
    it("accepts GS1's own Digital Link example and rejects it once an ObjectEvent loses its action", function () {
      const example = JSON.parse(readFileSync(new URL("../fixtures/epcis/example-ObjectEvent-DigitalLink.jsonld", import.meta.url), "utf8"));
      expect(epcisSchemaErrors(example)).to.deep.equal([]);
      delete example.epcisBody.eventList[0].action;
      expect(epcisSchemaErrors(example)).to.not.deep.equal([]);
    });
  });

  describe("batchEpcisDocument", function () {
    const document = parse(batchEpcisDocument(batchParameters));
    const [event] = document.epcisBody.eventList;

    it("is a valid EPCIS 2.0 document", function () {
      expect(epcisSchemaErrors(document)).to.deep.equal([]);
      expect(document["@context"][0]).to.equal(EPCIS_CONTEXT_URL);
      expect(document).to.include({ type: "EPCISDocument", schemaVersion: "2.0", creationDate: "2026-03-02T08:00:00.000Z" });
    });

    it("is rejected by the schema without its action, so the check above is not vacuous", function () {
      const broken = structuredClone(document);
      delete broken.epcisBody.eventList[0].action;
      expect(epcisSchemaErrors(broken).map((e) => e.message)).to.include("must have required property 'action'");
      const badTime = structuredClone(document);
      badTime.epcisBody.eventList[0].eventTime = "1 March 2026";
      expect(epcisSchemaErrors(badTime)).to.not.deep.equal([]);
    });

    it("commissions every item as an ObjectEvent ADD, active, at the anchoring time", function () {
      expect(event).to.include({
        type: "ObjectEvent",
        action: "ADD",
        bizStep: "commissioning",
        disposition: "active",
        eventTime: "2026-03-01T10:15:30.000Z",
        eventTimeZoneOffset: "+00:00",
      });
    });

    it("names each item by its Digital Link id: lot in the path, no expiry, no signature, reserved characters encoded", function () {
      expect(event.epcList).to.deep.equal([
        `${BASE}/01/${GTIN}/10/L2611/21/7QK3M9XR2TBW`,
        `${BASE}/01/${GTIN}/10/L2611/21/A%2FB%221`,
        `${BASE}/01/${GTIN}/10/L2611/21/0003`,
      ]);
    });

    it("carries lot and expiry as CBV master data, the day-00 expiry as the month's last day", function () {
      expect(event.ilmd).to.deep.equal({ "cbvmda:lotNumber": "L2611", "cbvmda:itemExpirationDate": "2027-02-28" });
      expect(document["@context"][1]).to.deep.equal({ vt: "urn:veritrace:epcis:" });
    });

    it("leaves the expiry out when the batch has none", function () {
      const [noExpiry] = parse(batchEpcisDocument({ ...batchParameters, expiry: 0 })).epcisBody.eventList;
      expect(noExpiry.ilmd).to.deep.equal({ "cbvmda:lotNumber": "L2611" });
    });

    it("gives the anchoring transaction, chain, registry and root as evidence", function () {
      expect(event).to.include({
        "vt:chainId": 31337,
        "vt:registry": REGISTRY,
        "vt:transactionHash": tx(0xabc),
        "vt:merkleRoot": tx(0x1234),
      });
    });

    it("has the same event id on every export and another one for another transaction", function () {
      const again = parse(batchEpcisDocument({ ...batchParameters, creationDate: new Date() })).epcisBody.eventList[0];
      expect(event.eventID).to.match(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(again.eventID).to.equal(event.eventID);
      const other = batchEpcisDocument({ ...batchParameters, anchoring: { ...batchParameters.anchoring, transactionHash: tx(0xabd) } });
      expect(other.epcisBody.eventList[0]!.eventID).to.not.equal(event.eventID);
    });

    it("refuses a lot a label could not carry, before writing anything, and a serial when it comes to it", function () {
      expect(() => batchEpcisDocument({ ...batchParameters, lot: "L 2611 é" })).to.throw(/lot|10/i);
      expect(() => epcisJson(batchEpcisDocument({ ...batchParameters, serials: ["OK1", "NOT OK"] }))).to.throw(/serial/);
    });
  });

  describe("epcisChunks", function () {
    it("pulls the EPCs as it writes, in bounded chunks, for a large batch", function () {
      let pulled = 0;
      const quantity = 30_000;
      const serials = {
        *[Symbol.iterator]() {
          for (let i = 0; i < quantity; i++) {
            pulled++;
            yield `S${i.toString().padStart(10, "0")}`;
          }
        },
      };
      const chunks = epcisChunks(batchEpcisDocument({ ...batchParameters, serials }));
      const first = chunks.next();
      expect(first.done).to.equal(false);
      // The first chunk leaves long before the list is read: nothing waits for the whole document.
      expect(pulled).to.be.below(quantity / 10);
      let largest = first.value!.length;
      let text = first.value!;
      for (const chunk of chunks) {
        largest = Math.max(largest, chunk.length);
        text += chunk;
      }
      expect(pulled).to.equal(quantity);
      expect(largest).to.be.below(CHUNK_CHARACTERS + 200);
      const event = JSON.parse(text).epcisBody.eventList[0];
      expect(event.epcList).to.have.length(quantity);
      expect(event.epcList[quantity - 1]).to.equal(`${BASE}/01/${GTIN}/10/L2611/21/S${String(quantity - 1).padStart(10, "0")}`);
    });

    it("writes what JSON.stringify writes for plain data", function () {
      const value = { a: [1, "two", null, { b: true }], c: undefined, d: "é\"\n" };
      expect(epcisJson(value)).to.equal(JSON.stringify(value));
    });
  });

  describe("shipmentEpcisDocument", function () {
    const document = parse(shipmentEpcisDocument(shipmentParameters));
    const events: any[] = document.epcisBody.eventList;
    const shipment = shipmentUri(31337, SHIPMENTS, tx(0x5));

    it("is a valid EPCIS 2.0 document", function () {
      expect(epcisSchemaErrors(document)).to.deep.equal([]);
    });

    it("tells packing, shipping, both hand-overs and the seizure, in that order", function () {
      expect(events.map((e) => [e.type, e.action, e.bizStep, e.disposition])).to.deep.equal([
        ["AggregationEvent", "ADD", "packing", "container_closed"],
        ["ObjectEvent", "OBSERVE", "shipping", "in_transit"],
        ["ObjectEvent", "OBSERVE", "accepting", "in_transit"],
        ["ObjectEvent", "OBSERVE", "accepting", "in_transit"],
        ["ObjectEvent", "OBSERVE", "inspecting", "non_sellable_other"],
      ]);
      expect(new Set(events.map((e) => e.eventID)).size).to.equal(events.length);
    });

    it("packs the declared items, by id not by label, into the shipment", function () {
      expect(events[0].parentID).to.equal(shipment);
      expect(events[0].childEPCs).to.deep.equal([
        `${BASE}/01/${GTIN}/10/L2611/21/7QK3M9XR2TBW`,
        `${BASE}/01/${GTIN}/10/L2611/21/A%2FB%221`,
        `${BASE}/01/${GTIN}/10/L2611/21/0003`,
      ]);
      expect(events[0].bizTransactionList).to.deep.equal([{ type: "bol", bizTransaction: `urn:veritrace:waybill:31337:${SHIPPER}:WB%2F2026%20001` }]);
      expect(shipment).to.equal(`urn:veritrace:shipment:31337:${SHIPMENTS.toLowerCase()}:${tx(0x5)}`);
    });

    it("ships from the shipper in the origin country to the consignee in the destination country", function () {
      const shipping = events[1];
      expect(shipping.epcList).to.deep.equal([shipment]);
      expect(shipping.sourceList).to.deep.equal([
        { type: "owning_party", source: `urn:veritrace:party:31337:${SHIPPER}` },
        { type: "location", source: "urn:veritrace:country:CN" },
      ]);
      expect(shipping.destinationList).to.deep.equal([
        { type: "owning_party", destination: `urn:veritrace:party:31337:${CONSIGNEE}` },
        { type: "location", destination: "urn:veritrace:country:FR" },
      ]);
      expect(shipping).to.include({ eventTime: "2026-03-05T00:00:00.000Z", "vt:transactionHash": tx(0xd0), "vt:registry": SHIPMENTS });
    });

    it("records each hand-over from one possessor to the next, at its place, with its transaction", function () {
      const second = events[3];
      expect(second.sourceList).to.deep.equal([{ type: "possessing_party", source: `urn:veritrace:party:31337:${CARRIER}` }]);
      expect(second.destinationList).to.deep.equal([{ type: "possessing_party", destination: `urn:veritrace:party:31337:${FORWARDER}` }]);
      expect(second.bizLocation).to.deep.equal({ id: "urn:veritrace:country:FR" });
      expect(second).to.include({ eventTime: "2026-03-20T14:30:00.000Z", "vt:transactionHash": tx(0xd2) });
    });

    it("records the seizure as a persistent non-sellable disposition with the office, counts and report hash", function () {
      const seizure = events[4];
      expect(seizure.persistentDisposition).to.deep.equal({ set: ["non_sellable_other"] });
      expect(seizure).to.include({
        "vt:outcome": "seized",
        "vt:inspector": `urn:veritrace:party:31337:${OFFICE}`,
        "vt:genuineCount": 1,
        "vt:counterfeitCount": 2,
        "vt:undeclaredCount": 0,
        "vt:revokedCount": 0,
        "vt:reportHash": tx(0xeeee),
      });
      expect(seizure.readPoint).to.deep.equal({ id: "urn:veritrace:country:FR" });
    });

    it("calls a hand-over to the consignee receiving, and a clearance or hold not persistent", function () {
      const parsed = parse(
        shipmentEpcisDocument({
          ...shipmentParameters,
          handOvers: [{ from: FORWARDER, to: CONSIGNEE, place: "FR", at: at("2026-03-25T00:00:00Z"), transactionHash: tx(0xe1) }],
          inspections: [
            { ...shipmentParameters.inspections![0]!, outcome: "cleared", at: at("2026-03-24T00:00:00Z"), transactionHash: tx(0xe2) },
            { ...shipmentParameters.inspections![0]!, outcome: "held", at: at("2026-03-23T00:00:00Z"), transactionHash: tx(0xe3) },
          ],
        }),
      );
      expect(epcisSchemaErrors(parsed)).to.deep.equal([]);
      const later = parsed.epcisBody.eventList.slice(2);
      // Ordered by time, not by which list they came in.
      expect(later.map((e: any) => [e.bizStep, e.disposition, e["vt:outcome"]])).to.deep.equal([
        ["inspecting", "non_sellable_other", "held"],
        ["inspecting", "conformant", "cleared"],
        ["receiving", "in_progress", undefined],
      ]);
      expect(later.every((e: any) => e.persistentDisposition === undefined)).to.equal(true);
    });

    it("refuses a place that is not an ISO 3166-1 country, naming the field", function () {
      const bad = { ...shipmentParameters, handOvers: [{ ...shipmentParameters.handOvers![0]!, place: "fr" }] };
      expect(() => shipmentEpcisDocument(bad)).to.throw(/handOvers\[0\]\.place .*capitals/);
    });
  });
});
