/**
 * The OpenAPI description of the shipment, custody and customs routes, kept apart from `openapi.ts` so
 * that each file stays readable; `openApiDocument` merges them.
 */
import { createPartyBody, createShipmentBody, handoverBody } from "../../../api/shipments.ts";
import { manifestBody, recordBody } from "../../../api/customs.ts";
import { json, ref, error, input, security, auth, obj, str, open, faults, limited, binary, text } from "../../http/openapi/parts.ts";
import { pageFields, pageParameters } from "../../http/openapi/paging.ts";

const shipmentId = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" } };
const inspectionId = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const code = { name: "code", in: "query", required: true, schema: { type: "string", maxLength: 2000 }, description: "A label's GS1 Digital Link URI" };
const int = { type: "integer" };
const mined = { at: { type: "string", format: "date-time" }, transactionHash: str, blockNumber: int };
const counts = obj({ genuine: int, counterfeit: int, undeclared: int, revoked: int });
const classes = ["declared", "undeclared", "counterfeit", "revoked", "duplicate", "unverified", "expired"];

export const shipmentSchemas = {
  Party: obj({ id: str, name: str, country: str, address: { type: "string", description: "Its chain account, admitted in the ShipmentRegistry" }, createdAt: str }),
  Shipment: obj({
    id: str, waybill: str, shipper: str, shipperName: { type: ["string", "null"] }, consignee: str, origin: str, destination: str,
    itemCount: int, itemsRoot: str, state: { enum: ["pending", "confirmed"] }, transactionHash: { type: ["string", "null"] }, blockNumber: { type: ["integer", "null"] }, createdAt: str,
  }),
  ShipmentDetail: {
    allOf: [
      ref("Shipment"),
      obj({
        custodian: { type: ["string", "null"] },
        seized: { type: "boolean" },
        handovers: { type: "array", items: obj({ from: str, to: str, place: str, fromName: str, toName: str, ...mined }) },
        inspections: { type: "array", items: ref("InspectionEvent") },
      }),
    ],
  },
  InspectionEvent: obj({ shipmentId: str, office: str, officeName: str, outcome: { enum: ["cleared", "held", "seized"] }, counts, reportHash: str, ...mined }),
  DeclarationProof: obj({ shipmentId: str, itemId: str, declared: { type: "boolean" }, itemsRoot: str, proof: { type: "array", items: str }, registry: obj({ chainId: int, address: str }) }),
  InspectionReport: obj({
    id: str, shipmentId: str, waybill: str, office: ref("Party"), createdAt: str,
    checked: obj({ chainId: int, registry: str, blockNumber: int }),
    summary: obj(Object.fromEntries([...classes, "malformed"].map((c) => [c, int]))),
    rows: { type: "array", items: obj({ row: int, code: str, class: { enum: classes }, verdict: str, reasons: { type: "array", items: ref("Reason") }, brandId: { type: ["string", "null"] } }) },
    malformed: { type: "array", items: obj({ row: int, error: str, message: str }) },
  }),
};

export const shipmentPaths = {
  "/api/v1/customs-offices": {
    post: {
      operationId: "admitCustomsOffice", tags: ["Customs"],
      summary: "Admit a customs office (registrar): makes its key, admits it on chain as Customs, returns its API key once",
      security,
      requestBody: { required: true, content: json(input(createPartyBody)) },
      responses: { "201": { description: "Admitted", content: json(obj({ office: ref("Party"), apiKey: str })) }, "409": error("NAME_TAKEN"), ...auth },
    },
  },
  "/api/v1/customs-office": {
    get: {
      operationId: "getOwnCustomsOffice", tags: ["Customs"],
      summary: "The customs office the API key belongs to",
      security,
      responses: { "200": { description: "The office", content: json(obj({ office: ref("Party") })) }, ...auth, "403": error("Not a customs key") },
    },
  },
  "/api/v1/logistics-parties": {
    post: {
      operationId: "admitLogisticsParty", tags: ["Shipments"],
      summary: "Admit a logistics party (registrar): makes its key, admits it on chain as Logistics, returns its API key once",
      security,
      requestBody: { required: true, content: json(input(createPartyBody)) },
      responses: { "201": { description: "Admitted", content: json(obj({ party: ref("Party"), apiKey: str })) }, "409": error("NAME_TAKEN"), ...auth },
    },
  },
  "/api/v1/shipments": {
    post: {
      operationId: "declareShipment", tags: ["Shipments"],
      summary: "Declare a shipment (brand or logistics party) from label URIs or whole batches: one transaction whatever the item count",
      security,
      requestBody: { required: true, content: json(input(createShipmentBody)) },
      responses: {
        "201": { description: "Declared on chain", content: json(obj({ shipment: ref("Shipment") })) },
        "404": error("UNKNOWN_ITEM (`field` codes[i]) or UNKNOWN_BATCH (batches[i])"),
        "409": error("SHIPMENT_EXISTS (waybill reused) or BATCH_NOT_CONFIRMED"),
        "413": error("The request body is over BODY_LIMIT"),
        ...auth,
      },
    },
  },
  "/api/v1/shipments/{id}": {
    get: {
      operationId: "getShipment", tags: ["Shipments"], security: open,
      summary: "A shipment with its custodian, hand-overs and inspections read from chain events",
      parameters: [shipmentId],
      responses: { ...limited, ...faults, "200": { description: "The shipment", content: json(obj({ shipment: ref("ShipmentDetail") })) }, "400": auth["400"], "404": error("UNKNOWN_SHIPMENT") },
    },
  },
  "/api/v1/shipments/{id}/proof": {
    get: {
      operationId: "getDeclarationProof", tags: ["Shipments"], security: open,
      summary: "Whether an item is declared in the shipment, with the Merkle proof to check `isDeclared` on chain",
      parameters: [shipmentId, code],
      responses: { ...limited, ...faults, "200": { description: "The proof", content: json(ref("DeclarationProof")) }, "400": auth["400"], "404": error("UNKNOWN_SHIPMENT or UNKNOWN_ITEM") },
    },
  },
  "/api/v1/shipments/{id}/epcis": {
    get: {
      operationId: "getShipmentEpcis", tags: ["Shipments"],
      summary: "The shipment's history as an EPCIS 2.0 JSON-LD document (the shipper only: it lists the items)",
      security,
      parameters: [shipmentId],
      responses: {
        "200": { description: "EPCIS 2.0", content: { "application/ld+json": { schema: { type: "object", required: ["@context", "type"], properties: { "@context": { type: "array" }, type: { const: "EPCISDocument" } } } } } },
        "404": error("UNKNOWN_SHIPMENT"),
        "409": error("SHIPMENT_NOT_DECLARED"),
        ...auth,
        "403": error("NOT_SHIPPER, or not a brand or logistics key"),
      },
    },
  },
  "/api/v1/shipments/{id}/handovers": {
    post: {
      operationId: "handOverShipment", tags: ["Shipments"],
      summary: "Hand the shipment over (its current custodian only) to a logistics party or the consignee",
      security,
      parameters: [shipmentId],
      requestBody: { required: true, content: json(input(handoverBody)) },
      responses: {
        "201": { description: "Handed over on chain", content: json(obj({ handover: obj({ shipmentId: str, from: str, to: str, place: str, transactionHash: str, blockNumber: int }) })) },
        "404": error("UNKNOWN_SHIPMENT"),
        "409": error("SHIPMENT_SEIZED or SHIPMENT_NOT_DECLARED"),
        ...auth,
        "403": error("NOT_CUSTODIAN, or not a brand or logistics key"),
      },
    },
  },
  "/api/v1/shipments/{id}/inspections": {
    post: {
      operationId: "inspectShipment", tags: ["Customs"],
      summary: "Check a manifest (customs): JSON {codes} or CSV (a `code` column, or one code per line); malformed rows are reported and the rest checked",
      description:
        "CSV as RFC 4180 has it (quoted fields may hold delimiters, quotes and line breaks), comma-, semicolon- or tab-separated (found from the header), with or without a BOM. " +
        "Rows are numbered by the file line they start on; an empty line is a malformed row EMPTY_LINE, an unreadable record BAD_CSV. A declared genuine item past its expiry date is classed `expired`.",
      security,
      parameters: [shipmentId],
      requestBody: { required: true, content: { ...json(input(manifestBody)), "text/csv": { schema: { type: "string" } } } },
      responses: {
        "201": { description: "The report; reportHash is the SHA-256 of its JSON download", content: json(obj({ inspection: ref("InspectionReport"), reportHash: str })) },
        "404": error("UNKNOWN_SHIPMENT"),
        "413": error("The manifest is over BODY_LIMIT"),
        "415": error("Neither JSON nor CSV"),
        ...auth,
      },
    },
  },
  "/api/v1/inspections/{id}": {
    get: {
      operationId: "getInspection", tags: ["Customs"],
      summary: "An inspection report (the office that made it): the exact JSON whose SHA-256 is recorded, CSV, or a printable PDF",
      security,
      parameters: [inspectionId, { name: "format", in: "query", schema: { enum: ["json", "csv", "pdf"], default: "json" } }],
      responses: {
        "200": { description: "The report (header X-Report-SHA256)", content: { ...json(ref("InspectionReport")), ...text("text/csv"), ...binary("application/pdf") } },
        "404": error("UNKNOWN_INSPECTION"),
        ...auth,
        "403": error("NOT_INSPECTING_OFFICE, or not a customs key"),
      },
    },
  },
  "/api/v1/inspections/{id}/record": {
    post: {
      operationId: "recordInspection", tags: ["Customs"],
      summary: "Record the inspection's outcome on chain (the same office, once); a seizure names the brands concerned",
      security,
      parameters: [inspectionId],
      requestBody: { required: true, content: json(input(recordBody)) },
      responses: {
        "201": { description: "Recorded", content: json(obj({ recording: obj({ inspectionId: str, shipmentId: str, outcome: str, counts, reportHash: str, brandIds: { type: "array", items: str }, transactionHash: str, blockNumber: int }) })) },
        "404": error("UNKNOWN_INSPECTION"),
        "409": error("INSPECTION_RECORDED or SHIPMENT_SEIZED"),
        ...auth,
        "403": error("NOT_INSPECTING_OFFICE, or not a customs key"),
      },
    },
  },
  "/api/v1/items/custody": {
    get: {
      operationId: "getItemCustody", tags: ["Shipments"], security: open,
      summary: "An item's custody path: its batch, and each shipment that declared it (with the proof), its hand-overs and inspections",
      parameters: [code],
      responses: {
        ...limited,
        ...faults,
        "200": { description: "The path", content: json(obj({ itemId: str, batch: obj({ batchId: str, brandId: str, gtin: str, lot: str, anchoredAt: str, transactionHash: str, blockNumber: int }), shipments: { type: "array", items: { allOf: [ref("ShipmentDetail"), obj({ declaration: ref("DeclarationProof") })] } } })) },
        "400": auth["400"],
        "404": error("UNKNOWN_ITEM"),
      },
    },
  },
  "/api/v1/seizures": {
    get: {
      operationId: "listSeizures", tags: ["Customs"], security: open,
      summary:
        "The shared register: every seizure any office recorded, oldest first, with the brands it concerns; read from the chain index, a page at a time " +
        "(the outcome is matched in each inspection's event, so the page after a full one may be empty, and the last)",
      parameters: pageParameters,
      responses: {
        ...limited,
        ...faults,
        "200": { description: "A page of seizures", content: json(obj({ seizures: { type: "array", items: { allOf: [ref("InspectionEvent"), obj({ brandIds: { type: "array", items: str } })] } }, ...pageFields })) },
        "400": auth["400"],
      },
    },
  },
  "/api/v1/brand/infringements": {
    get: {
      operationId: "listBrandInfringements", tags: ["Customs"],
      summary: "The seizures that concern the caller's brand, oldest first: read from the chain index (InfringementRecorded events), a page at a time",
      security,
      parameters: pageParameters,
      responses: {
        "200": {
          description: "A page of infringements",
          content: json(obj({ infringements: { type: "array", items: obj({ brandId: str, shipmentId: str, office: str, officeName: str, reportHash: str, shipment: obj({ waybill: str, origin: str, destination: str }), ...mined }) }, ...pageFields })),
        },
        ...auth,
      },
    },
  },
};
