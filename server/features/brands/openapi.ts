/**
 * The OpenAPI part of brands and batches: the registrar admits a brand, the brand manages its signers,
 * anchors batches, downloads labels and EPCIS, and sets statuses; GS1 prefixes and label hosts are in
 * `openapi-identity.ts`.
 */
import { z } from "zod";
import { createBatchBody, statusBody } from "../../../api/batches.ts";
import { createBrandBody } from "../../../api/brands.ts";
import { authWithBody, binary, error, hex32, int, json, limited, faults, obj, ref, security, str, text } from "../../http/openapi/parts.ts";
import { brandIdentityPaths, brandIdentitySchemas } from "./openapi-identity.ts";
import { batchDetailSchema } from "./openapi-batch-status.ts";

/** What a status change written on chain answers (`statuses.ts`). */
const statusChange = (item: boolean) =>
  obj(
    {
      batchId: hex32,
      ...(item ? { serial: str, itemId: hex32 } : {}),
      status: { enum: ["active", "recalled", "stolen", "destroyed"] },
      transactionHash: str,
      blockNumber: int,
    },
    ["batchId", ...(item ? ["serial", "itemId"] : []), "status", "transactionHash", "blockNumber"],
  );
const batchId = { name: "id", in: "path", required: true, schema: hex32 };

export const brandSchemas = {
  Batch: {
    type: "object",
    required: ["id", "brandId", "gtin", "lot", "quantity", "metadataUri", "state", "progress", "signer", "createdAt"],
    properties: {
      id: { type: "string" },
      brandId: { type: "string" },
      gtin: { type: "string" },
      lot: { type: "string" },
      expiry: { type: "string", description: "YYMMDD (GS1 AI 17): today or later, else 400 EXPIRY_IN_PAST" },
      quantity: { type: "integer" },
      metadataUri: { type: "string" },
      state: { enum: ["pending", "submitted", "confirmed", "failed"] },
      anchoring: { enum: ["pending", "submitted", "confirmed", "failed"], description: "The same as `state`: where the batch is on its way to the chain (not its on-chain status)" },
      progress: { type: "object", properties: { generated: { type: "integer" }, total: { type: "integer" } } },
      merkleRoot: { type: "string" },
      signer: { type: "string" },
      transactionHash: { type: "string" },
      blockNumber: { type: "integer" },
      error: { type: "string" },
      createdAt: { type: "string", format: "date-time" },
      confirmedAt: { type: "string", format: "date-time" },
    },
  },
  BatchDetail: batchDetailSchema,
  Brand: {
    type: "object",
    required: ["id", "name", "brandId", "country", "prefixes", "labelDomains", "admin", "signers", "createdAt"],
    properties: {
      id: { type: "string" },
      name: { type: "string", description: "As the registrar admitted it on chain" },
      brandId: { type: "string" },
      country: { type: ["string", "null"], description: "ISO 3166-1 alpha-2, as recorded on chain" },
      prefixes: { type: "array", items: { type: "string" }, description: "GS1 company prefixes the registrar assigned on chain" },
      labelDomains: { type: "array", items: { type: "string" }, description: "Hosts the brand's labels may point to" },
      admin: { type: "string" },
      metadataUri: { type: "string" },
      signers: {
        type: "array",
        items: obj({ address: str, active: { type: "boolean" }, createdAt: { type: "string", format: "date-time" }, removedAt: { type: "string", format: "date-time" } }, ["address", "active", "createdAt"]),
      },
      createdAt: { type: "string", format: "date-time" },
    },
  },
  CreateBrand: z.toJSONSchema(createBrandBody, { io: "input" }),
  CreateBatch: z.toJSONSchema(createBatchBody, { io: "input" }),
  SetStatus: z.toJSONSchema(statusBody, { io: "input" }),
  ...brandIdentitySchemas,
};

export const brandPaths = {
  "/api/v1/brands": {
    post: {
      operationId: "admitBrand", tags: ["Brands"],
      summary: "Admit a brand (registrar): makes its admin and signer keys, admits it on chain, returns its API key once",
      security,
      requestBody: { required: true, content: json(ref("CreateBrand")) },
      responses: {
        "201": { description: "Admitted", content: json({ type: "object", properties: { brand: ref("Brand"), apiKey: { type: "string" } } }) },
        "409": error("A brand of that name exists (BRAND_EXISTS), or a prefix is held (PREFIX_TAKEN, PREFIX_OVERLAPS)"),
        ...authWithBody,
      },
    },
  },
  "/api/v1/brand": {
    get: { operationId: "getOwnBrand", tags: ["Brands"], summary: "The caller's brand and its signers", security, responses: { "200": { description: "The brand", content: json(ref("Brand")) }, ...authWithBody } },
  },
  "/api/v1/signers": {
    post: { operationId: "addSigner", tags: ["Brands"], summary: "Make a new issuing key and add it on chain", security, responses: { "201": { description: "Added", content: json(ref("Brand")) }, ...authWithBody } },
  },
  "/api/v1/signers/{address}": {
    delete: {
      operationId: "removeSigner", tags: ["Brands"],
      summary: "Cut an issuing key off on chain (earlier batches stay valid)",
      security,
      parameters: [{ name: "address", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": { description: "Removed", content: json(ref("Brand")) }, "404": error("Not a signer of this brand"), "409": error("Removed already"), ...authWithBody },
    },
  },
  "/api/v1/batches": {
    post: {
      operationId: "createBatch", tags: ["Batches"],
      summary: "Create a batch: the service makes (or takes) the serials, signs every item and anchors the root in one transaction",
      security,
      parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } }],
      requestBody: { required: true, content: json(ref("CreateBatch")) },
      responses: {
        "202": { description: "Accepted; follow its progress at the Location", content: json(ref("Batch")) },
        ...authWithBody,
        "403": error("The key's organisation may not do this, or the GTIN is outside the brand's GS1 company prefixes (GTIN_NOT_OWNED)"),
        "409": error("BATCH_EXISTS (a failed one may be retried or discarded), or NO_ACTIVE_SIGNER"),
        "422": error("The Idempotency-Key was used for another request"),
      },
    },
    get: { operationId: "listBatches", tags: ["Batches"], summary: "The caller's batches, newest first", security, responses: { "200": { description: "Batches", content: json({ type: "object", properties: { batches: { type: "array", items: ref("Batch") } } }) }, ...authWithBody } },
  },
  "/api/v1/batches/{id}": {
    get: { operationId: "getBatch", tags: ["Batches"], summary: "A batch, its progress, and its and its items' statuses read from the chain", security, parameters: [batchId], responses: { "200": { description: "The batch, with its statuses read from the chain", content: json(ref("BatchDetail")) }, "404": error("No such batch in your organisation"), ...authWithBody } },
    delete: {
      operationId: "discardBatch", tags: ["Batches"],
      summary: "Discard a failed batch of which nothing is on chain (the chain is asked first); its lot may then be posted again",
      security,
      parameters: [batchId],
      responses: {
        "200": { description: "Discarded, with its items", content: json(obj({ id: hex32, gtin: str, lot: str, discarded: { const: true } }, ["id", "gtin", "lot", "discarded"])) },
        "404": error("UNKNOWN_BATCH: no such batch in your organisation"),
        "409": error(
          "BATCH_NOT_FAILED (only a failed batch), BATCH_ON_CHAIN (anchored after all: retry it instead), BATCH_TRANSACTION_PENDING (its anchoring transaction may still be mined), BATCH_BUSY (a worker is still finishing with it; Retry-After)",
        ),
        ...authWithBody,
      },
    },
  },
  "/api/v1/batches/{id}/retry": {
    post: {
      operationId: "retryBatch", tags: ["Batches"],
      summary: "Retry a failed batch: the same serials, signed afresh with the brand's current signer, then anchored",
      security,
      parameters: [batchId],
      responses: {
        "202": { description: "Accepted again; follow its progress at the Location", content: json(ref("Batch")) },
        ...authWithBody,
        "403": error("GTIN_NOT_OWNED: the GTIN is no longer inside the brand's GS1 company prefixes"),
        "404": error("UNKNOWN_BATCH: no such batch in your organisation"),
        "409": error(
          "BATCH_NOT_FAILED (only a failed batch), NO_ACTIVE_SIGNER (add a signer first), BATCH_ON_CHAIN (the chain holds another root under its id), BATCH_BUSY (a worker is still finishing with it; Retry-After)",
        ),
      },
    },
  },
  "/api/v1/batches/{id}/labels": {
    get: {
      operationId: "getBatchLabels", tags: ["Batches"],
      summary: "The batch's labels: an A4 PDF sheet, a zip of SVG or PNG files, or CSV",
      security,
      parameters: [batchId, { name: "format", in: "query", schema: { enum: ["pdf", "svg", "png", "csv"], default: "pdf" } }],
      responses: {
        "200": { description: "The download", content: { ...binary("application/pdf"), ...binary("application/zip"), ...text("text/csv") } },
        "404": error("No such batch in your organisation"),
        "409": error("The batch is not confirmed yet"),
        ...authWithBody,
      },
    },
  },
  "/api/v1/batches/{id}/epcis": {
    get: {
      operationId: "getBatchEpcis", tags: ["Batches"],
      summary: "The batch's commissioning as an EPCIS 2.0 JSON-LD document (items as GS1 Digital Link ids, the anchoring transaction as evidence), streamed",
      security,
      parameters: [batchId],
      responses: {
        "200": { description: "An EPCISDocument", content: { "application/ld+json": { schema: { type: "object", required: ["@context", "type"], properties: { "@context": { type: "array" }, type: { const: "EPCISDocument" } } } } } },
        "404": error("No such batch in your organisation"),
        "409": error("The batch is not confirmed yet"),
        ...authWithBody,
      },
    },
  },
  "/api/v1/batches/{id}/status": {
    post: {
      operationId: "setBatchStatus", tags: ["Batches"],
      summary: "Set the whole batch's status on chain",
      security,
      parameters: [batchId],
      requestBody: { required: true, content: json(ref("SetStatus")) },
      responses: { "200": { description: "Written on chain", content: json(statusChange(false)) }, "404": error("UNKNOWN_BATCH: no such batch in your organisation"), "409": error("STATUS_UNCHANGED, STATUS_FINAL (destroyed), or BATCH_NOT_CONFIRMED"), ...authWithBody },
    },
  },
  "/api/v1/batches/{id}/items/{serial}/status": {
    post: {
      operationId: "setItemStatus", tags: ["Batches"],
      summary: "Set one item's status on chain",
      security,
      parameters: [batchId, { name: "serial", in: "path", required: true, schema: { type: "string" } }],
      requestBody: { required: true, content: json(ref("SetStatus")) },
      responses: { "200": { description: "Written on chain", content: json(statusChange(true)) }, "404": error("UNKNOWN_BATCH: no such batch in your organisation"), "409": error("STATUS_UNCHANGED, STATUS_FINAL (destroyed), or BATCH_NOT_CONFIRMED"), ...authWithBody },
    },
  },
  ...brandIdentityPaths,
};
