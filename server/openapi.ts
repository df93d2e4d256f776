/**
 * The OpenAPI 3.1 description of every route. Request bodies come from the same zod schemas the routes
 * validate with; a test checks that every route the app serves is described here.
 */
import { z } from "zod";
import { activationBody, createRetailerBody } from "./routes/retailer-schemas.ts";
import { verificationPaths, verificationSchemas } from "./openapi-verification.ts";
import { shipmentPaths, shipmentSchemas } from "./openapi-shipments.ts";
import { licencePaths, licenceSchemas } from "./openapi-licences.ts";
import { createBatchBody, createBrandBody, statusBody, STATUS_VALUES } from "./routes/schemas.ts";
import { json, ref, error, security } from "./openapi-parts.ts";
import { brandIdentityPaths, brandIdentitySchemas } from "./brands/openapi.ts";
import { batchDetailSchema } from "./openapi-batch-status.ts";
import { apiKeyPaths, apiKeySchemas } from "./api-keys/openapi.ts";
import { withChainFaults } from "./openapi-faults.ts";

const errors = {
  "400": error("Invalid input (the `error` code and `field` say which)"),
  "401": error("No API key, or not a valid one"),
  "403": error("The key's organisation may not do this"),
  "413": error("The request body is over the limit"),
};
/** What /readyz answers: each dependency's state in words ("block 123", "unreachable: ...", "writable"). */
const readiness = {
  type: "object",
  required: ["status", "checks"],
  properties: {
    status: { type: "string", enum: ["ready", "not ready"] },
    checks: { type: "object", properties: { chain: { type: "string" }, store: { type: "string" } } },
  },
};
const batchId = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" } };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Veritrace",
      version: "1.0.0",
      description: "Brands anchor batches of serialised items on chain and print signed GS1 Digital Link labels; anyone verifies them.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An organisation's API key (`vt_…`)" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: {
            error: { type: "string", description: "Machine-readable code" },
            message: { type: "string" },
            field: { type: "string" },
            fields: {
              type: "array",
              description: "Every field with a problem (400 on a request body), each with its own code and message in words",
              items: { type: "object", required: ["field", "code", "message"], properties: { field: { type: "string" }, code: { type: "string" }, message: { type: "string" } } },
            },
            requestId: { type: "string", description: "The request's X-Request-Id, as in the service's log lines" },
          },
        },
        Batch: {
          type: "object",
          properties: {
            id: { type: "string" },
            brandId: { type: "string" },
            gtin: { type: "string" },
            lot: { type: "string" },
            expiry: { type: "string", description: "YYMMDD (GS1 AI 17): today or later, else 400 EXPIRY_IN_PAST" },
            quantity: { type: "integer" },
            state: { enum: ["pending", "submitted", "confirmed", "failed"] },
            anchoring: { enum: ["pending", "submitted", "confirmed", "failed"], description: "The same as `state`: where the batch is on its way to the chain (not its on-chain status)" },
            progress: { type: "object", properties: { generated: { type: "integer" }, total: { type: "integer" } } },
            merkleRoot: { type: "string" },
            signer: { type: "string" },
            transactionHash: { type: "string" },
            blockNumber: { type: "integer" },
            error: { type: "string" },
          },
        },
        BatchDetail: batchDetailSchema,
        Brand: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string", description: "As the registrar admitted it on chain" },
            brandId: { type: "string" },
            country: { type: ["string", "null"], description: "ISO 3166-1 alpha-2, as recorded on chain" },
            prefixes: { type: "array", items: { type: "string" }, description: "GS1 company prefixes the registrar assigned on chain" },
            labelDomains: { type: "array", items: { type: "string" }, description: "Hosts the brand's labels may point to" },
            admin: { type: "string" },
            signers: { type: "array", items: { type: "object", properties: { address: { type: "string" }, active: { type: "boolean" } } } },
          },
        },
        Retailer: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            address: { type: "string", description: "The retailer's chain account" },
            brandId: { type: "string" },
            authorised: { type: "boolean" },
            createdAt: { type: "string" },
            removedAt: { type: "string" },
          },
        },
        Activation: {
          type: "object",
          properties: {
            itemId: { type: "string" },
            batchId: { type: "string" },
            serial: { type: "string" },
            seller: { type: "string" },
            sellerName: { type: "string" },
            country: { type: "string", description: "ISO 3166-1 alpha-2" },
            activatedAt: { type: "string", format: "date-time" },
            transactionHash: { type: "string" },
            blockNumber: { type: "integer" },
          },
        },
        CreateBrand: z.toJSONSchema(createBrandBody, { io: "input" }),
        CreateBatch: z.toJSONSchema(createBatchBody, { io: "input" }),
        SetStatus: z.toJSONSchema(statusBody, { io: "input" }),
        ...verificationSchemas,
        ...shipmentSchemas,
        ...brandIdentitySchemas,
        ...licenceSchemas,
        ...apiKeySchemas,
      },
    },
    paths: withChainFaults({
      "/api/v1/retailers": {
        post: {
          summary: "Authorise a retailer (brand): makes its key, authorises it on chain to record first sales, returns its API key once",
          security,
          requestBody: { required: true, content: json(z.toJSONSchema(createRetailerBody, { io: "input" })) },
          responses: {
            "201": { description: "Authorised", content: json({ type: "object", properties: { retailer: ref("Retailer"), apiKey: { type: "string" } } }) },
            "409": error("An organisation of that name exists"),
            ...errors,
          },
        },
        get: {
          summary: "The brand's retailers (brand)",
          security,
          responses: { "200": { description: "Retailers", content: json({ type: "object", properties: { retailers: { type: "array", items: ref("Retailer") } } }) }, ...errors },
        },
      },
      "/api/v1/retailers/{id}": {
        delete: {
          summary: "Withdraw a retailer's authorisation on chain (brand); the sales it recorded stay",
          security,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "200": { description: "Deauthorised", content: json(ref("Retailer")) },
            "404": error("No such retailer of this brand"),
            "409": error("Deauthorised already"),
            ...errors,
          },
        },
      },
      "/api/v1/activations": {
        post: {
          summary: "Record an item's first sale on chain (brand or its retailer); a second sale is refused",
          security,
          requestBody: { required: true, content: json(z.toJSONSchema(activationBody, { io: "input" })) },
          responses: {
            "201": { description: "Recorded", content: json({ type: "object", properties: { activation: ref("Activation") } }) },
            ...errors,
            "403": error("NOT_SELLER: the key's organisation may not sell this brand's items, or was deauthorised"),
            "404": error("UNKNOWN_ITEM: no such item was issued here"),
            "409": error("ITEM_ALREADY_ACTIVATED (says by whom, where and when), ITEM_NOT_ACTIVE or BATCH_NOT_CONFIRMED"),
          },
        },
      },
      "/api/v1/network": {
        get: {
          summary: "The chain and registry labels are signed for, and the RPC verifiers should read it from",
          responses: {
            "200": {
              description: "The network",
              content: json({
                type: "object",
                properties: {
                  chainId: { type: "integer" },
                  registry: { type: "string" },
                  registryBlock: { type: "integer", description: "The block the registry was deployed in" },
                  shipmentRegistry: { type: ["string", "null"], description: "The ShipmentRegistry, where declarations are checked (isDeclared); null when none is deployed" },
                  licenceRegistry: { type: ["string", "null"], description: "The LicenceRegistry, where licences are checked (isLicensed) and notices read; null when none is deployed" },
                  licenceRegistryBlock: { type: ["integer", "null"], description: "The block the LicenceRegistry was deployed in, where its events start; null when none is deployed" },
                  rpcUrl: { type: ["string", "null"], description: "VERIFIER_RPC_URL, else the service's own RPC; null when none can be offered" },
                },
              }),
            },
          },
        },
      },
      "/api/v1/brands": {
        post: {
          summary: "Admit a brand (registrar): makes its admin and signer keys, admits it on chain, returns its API key once",
          security,
          requestBody: { required: true, content: json(ref("CreateBrand")) },
          responses: {
            "201": { description: "Admitted", content: json({ type: "object", properties: { brand: ref("Brand"), apiKey: { type: "string" } } }) },
            "409": error("A brand of that name exists (BRAND_EXISTS), or a prefix is held (PREFIX_TAKEN, PREFIX_OVERLAPS)"),
            ...errors,
          },
        },
      },
      "/api/v1/brand": {
        get: { summary: "The caller's brand and its signers", security, responses: { "200": { description: "The brand", content: json(ref("Brand")) }, ...errors } },
      },
      "/api/v1/signers": {
        post: { summary: "Make a new issuing key and add it on chain", security, responses: { "201": { description: "Added", content: json(ref("Brand")) }, ...errors } },
      },
      "/api/v1/signers/{address}": {
        delete: {
          summary: "Cut an issuing key off on chain (earlier batches stay valid)",
          security,
          parameters: [{ name: "address", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "Removed", content: json(ref("Brand")) }, "404": error("Not a signer of this brand"), "409": error("Removed already"), ...errors },
        },
      },
      "/api/v1/batches": {
        post: {
          summary: "Create a batch: the service makes (or takes) the serials, signs every item and anchors the root in one transaction",
          security,
          parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } }],
          requestBody: { required: true, content: json(ref("CreateBatch")) },
          responses: {
            "202": { description: "Accepted; follow its progress at the Location", content: json(ref("Batch")) },
            ...errors,
            "403": error("The key's organisation may not do this, or the GTIN is outside the brand's GS1 company prefixes (GTIN_NOT_OWNED)"),
            "409": error("The batch exists, or the brand has no active signer"),
            "422": error("The Idempotency-Key was used for another request"),
          },
        },
        get: { summary: "The caller's batches, newest first", security, responses: { "200": { description: "Batches", content: json({ type: "object", properties: { batches: { type: "array", items: ref("Batch") } } }) }, ...errors } },
      },
      "/api/v1/batches/{id}": {
        get: { summary: "A batch and its progress", security, parameters: [batchId], responses: { "200": { description: "The batch, with its statuses read from the chain", content: json(ref("BatchDetail")) }, "404": error("No such batch in your organisation"), ...errors } },
      },
      "/api/v1/batches/{id}/labels": {
        get: {
          summary: "The batch's labels: an A4 PDF sheet, a zip of SVG or PNG files, or CSV",
          security,
          parameters: [batchId, { name: "format", in: "query", schema: { enum: ["pdf", "svg", "png", "csv"], default: "pdf" } }],
          responses: {
            "200": { description: "The download", content: { "application/pdf": {}, "application/zip": {}, "text/csv": {} } },
            "404": error("No such batch in your organisation"),
            "409": error("The batch is not confirmed yet"),
            ...errors,
          },
        },
      },
      "/api/v1/batches/{id}/epcis": {
        get: {
          summary: "The batch's commissioning as an EPCIS 2.0 JSON-LD document (items as GS1 Digital Link ids, the anchoring transaction as evidence), streamed",
          security,
          parameters: [batchId],
          responses: {
            "200": { description: "An EPCISDocument", content: { "application/ld+json": {} } },
            "404": error("No such batch in your organisation"),
            "409": error("The batch is not confirmed yet"),
            ...errors,
          },
        },
      },
      "/api/v1/batches/{id}/status": {
        post: {
          summary: "Set the whole batch's status on chain",
          security,
          parameters: [batchId],
          requestBody: { required: true, content: json(ref("SetStatus")) },
          responses: { "200": { description: "Written on chain" }, "404": error("No such batch"), "409": error("Unchanged, final, or batch not confirmed"), ...errors },
        },
      },
      "/api/v1/batches/{id}/items/{serial}/status": {
        post: {
          summary: "Set one item's status on chain",
          security,
          parameters: [batchId, { name: "serial", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, content: json(ref("SetStatus")) },
          responses: { "200": { description: "Written on chain" }, "404": error("No such batch"), "409": error("Unchanged, final, or batch not confirmed"), ...errors },
        },
      },
      "/api/v1/proof": {
        get: {
          summary: "An item's fields, signature and Merkle proof, from its label URI or from GTIN, lot and serial",
          parameters: [
            { name: "code", in: "query", schema: { type: "string" }, description: "The label's GS1 Digital Link URI" },
            { name: "gtin", in: "query", schema: { type: "string" } },
            { name: "lot", in: "query", schema: { type: "string" } },
            { name: "serial", in: "query", schema: { type: "string" } },
          ],
          responses: { "200": { description: "The proof" }, "400": errors["400"], "404": error("No such item"), "409": error("Its batch is not confirmed yet") },
        },
      },
      ...verificationPaths,
      ...shipmentPaths,
      ...brandIdentityPaths,
      ...licencePaths,
      ...apiKeyPaths,
      "/api/v1/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } } },
      "/healthz": { get: { summary: "The process is up", responses: { "200": { description: "ok" } } } },
      "/readyz": {
        get: {
          summary: "The chain answers (within a second) and the store is writable",
          responses: { "200": { description: "ready", content: json(readiness) }, "503": { description: "not ready: `checks` says which", content: json(readiness) } },
        },
      },
      "/metrics": { get: { summary: "Prometheus metrics", responses: { "200": { description: "text/plain exposition" } } } },
      "/console": {
        get: {
          summary: "The brand console (HTML): sign in with the brand's API key",
          responses: { "200": { description: "text/html", content: { "text/html": {} } }, "503": error("The web app is not built (npm run build)") },
        },
      },
    }),
    "x-status-values": STATUS_VALUES,
  };
}
