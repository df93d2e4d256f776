/**
 * The OpenAPI 3.1 description of every route. Request bodies come from the same zod schemas the routes
 * validate with; a test checks that every route the app serves is described here.
 */
import { z } from "zod";
import { activationBody, createRetailerBody } from "../api/retailers.ts";
import { verificationPaths, verificationSchemas } from "./openapi-verification.ts";
import { shipmentPaths, shipmentSchemas } from "./openapi-shipments.ts";
import { licencePaths, licenceSchemas } from "./openapi-licences.ts";
import { createBatchBody, STATUS_VALUES, statusBody } from "../api/batches.ts";
import { createBrandBody } from "../api/brands.ts";
import { json, ref, error, security, open, faults, limited, response, obj, str, text, binary, html } from "./openapi-parts.ts";
import { errorSchema, sharedResponses, tags } from "./openapi-common.ts";
import { brandIdentityPaths, brandIdentitySchemas } from "./brands/openapi.ts";
import { batchDetailSchema } from "./openapi-batch-status.ts";
import { apiKeyPaths, apiKeySchemas } from "./api-keys/openapi.ts";
import { withDependencyFaults } from "./openapi-faults.ts";

const errors = {
  "400": response("BadRequest"),
  "401": response("Unauthorized"),
  "403": response("Forbidden"),
  "413": error("PAYLOAD_TOO_LARGE: the request body is over BODY_LIMIT"),
  ...faults,
};
const int = { type: "integer" };
const hex32 = { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" };
/** What a status change written on chain answers (`use-cases/statuses.ts`). */
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
const batchId = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" } };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Veritrace",
      version: "1.0.0",
      description:
        "Brands anchor batches of serialised items on chain and print signed GS1 Digital Link labels; anyone verifies them. " +
        "Every error is the one `Error` body with a machine-readable code; docs/api.md explains keys, errors and rate limits.",
      license: { name: "MIT", identifier: "MIT" },
    },
    tags,
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An organisation's API key (`vt_…`)" } },
      responses: sharedResponses,
      schemas: {
        Error: errorSchema,
        Readiness: obj(
          {
            status: { enum: ["ready", "not ready"] },
            checks: obj({ chain: { type: "string", description: "`block <n>`, or `unreachable: …`" }, store: { type: "string", description: "`writable`, or `not writable: …`" } }, ["chain", "store"]),
          },
          ["status", "checks"],
        ),
        Proof: {
          type: "object",
          description: "Everything needed to check an item against the chain without trusting this service",
          required: ["code", "uri", "signature", "brandId", "batchId", "itemId", "leaf", "merkleRoot", "proof", "registry"],
          properties: {
            code: obj({ gtin: str, lot: str, serial: str, expiry: { type: "string", description: "YYMMDD" } }, ["gtin", "lot", "serial"]),
            uri: { type: "string", description: "The label's GS1 Digital Link URI, with the signature" },
            signature: { type: "string", description: "The brand's EIP-712 signature (ERC-2098, base64url)" },
            brandId: hex32,
            batchId: hex32,
            itemId: hex32,
            leaf: hex32,
            merkleRoot: hex32,
            proof: { type: "array", items: hex32, description: "The Merkle proof of the leaf against merkleRoot (OpenZeppelin StandardMerkleTree)" },
            registry: obj({ chainId: int, address: str }, ["chainId", "address"]),
            transactionHash: { type: "string", description: "The anchoring transaction" },
            blockNumber: int,
          },
        },
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
    paths: withDependencyFaults({
      "/api/v1/retailers": {
        post: {
          operationId: "authoriseRetailer", tags: ["Retail"],
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
          operationId: "listRetailers", tags: ["Retail"],
          summary: "The brand's retailers (brand)",
          security,
          responses: { "200": { description: "Retailers", content: json({ type: "object", properties: { retailers: { type: "array", items: ref("Retailer") } } }) }, ...errors },
        },
      },
      "/api/v1/retailers/{id}": {
        delete: {
          operationId: "deauthoriseRetailer", tags: ["Retail"],
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
          operationId: "recordFirstSale", tags: ["Retail"],
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
          operationId: "getNetwork", tags: ["Verification"], security: open,
          summary: "The chain and registry labels are signed for, and the RPC verifiers should read it from",
          responses: {
            ...limited,
            ...faults,
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
          operationId: "admitBrand", tags: ["Brands"],
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
        get: { operationId: "getOwnBrand", tags: ["Brands"], summary: "The caller's brand and its signers", security, responses: { "200": { description: "The brand", content: json(ref("Brand")) }, ...errors } },
      },
      "/api/v1/signers": {
        post: { operationId: "addSigner", tags: ["Brands"], summary: "Make a new issuing key and add it on chain", security, responses: { "201": { description: "Added", content: json(ref("Brand")) }, ...errors } },
      },
      "/api/v1/signers/{address}": {
        delete: {
          operationId: "removeSigner", tags: ["Brands"],
          summary: "Cut an issuing key off on chain (earlier batches stay valid)",
          security,
          parameters: [{ name: "address", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "Removed", content: json(ref("Brand")) }, "404": error("Not a signer of this brand"), "409": error("Removed already"), ...errors },
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
            ...errors,
            "403": error("The key's organisation may not do this, or the GTIN is outside the brand's GS1 company prefixes (GTIN_NOT_OWNED)"),
            "409": error("The batch exists, or the brand has no active signer"),
            "422": error("The Idempotency-Key was used for another request"),
          },
        },
        get: { operationId: "listBatches", tags: ["Batches"], summary: "The caller's batches, newest first", security, responses: { "200": { description: "Batches", content: json({ type: "object", properties: { batches: { type: "array", items: ref("Batch") } } }) }, ...errors } },
      },
      "/api/v1/batches/{id}": {
        get: { operationId: "getBatch", tags: ["Batches"], summary: "A batch, its progress, and its and its items' statuses read from the chain", security, parameters: [batchId], responses: { "200": { description: "The batch, with its statuses read from the chain", content: json(ref("BatchDetail")) }, "404": error("No such batch in your organisation"), ...errors } },
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
            ...errors,
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
            ...errors,
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
          responses: { "200": { description: "Written on chain", content: json(statusChange(false)) }, "404": error("UNKNOWN_BATCH: no such batch in your organisation"), "409": error("STATUS_UNCHANGED, STATUS_FINAL (destroyed), or BATCH_NOT_CONFIRMED"), ...errors },
        },
      },
      "/api/v1/batches/{id}/items/{serial}/status": {
        post: {
          operationId: "setItemStatus", tags: ["Batches"],
          summary: "Set one item's status on chain",
          security,
          parameters: [batchId, { name: "serial", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, content: json(ref("SetStatus")) },
          responses: { "200": { description: "Written on chain", content: json(statusChange(true)) }, "404": error("UNKNOWN_BATCH: no such batch in your organisation"), "409": error("STATUS_UNCHANGED, STATUS_FINAL (destroyed), or BATCH_NOT_CONFIRMED"), ...errors },
        },
      },
      "/api/v1/proof": {
        get: {
          operationId: "getProof", tags: ["Verification"], security: open,
          summary: "An item's fields, signature and Merkle proof, from its label URI or from GTIN, lot and serial",
          parameters: [
            { name: "code", in: "query", schema: { type: "string" }, description: "The label's GS1 Digital Link URI" },
            { name: "gtin", in: "query", schema: { type: "string" } },
            { name: "lot", in: "query", schema: { type: "string" } },
            { name: "serial", in: "query", schema: { type: "string" } },
          ],
          responses: {
            ...limited,
            ...faults,
            "200": { description: "The proof", content: json(ref("Proof")) },
            "400": error("No code nor GTIN, lot and serial, or a malformed one (the GS1 code and `field` say which)"),
            "404": error("UNKNOWN_ITEM: no such item was issued here"),
            "409": error("BATCH_NOT_CONFIRMED: its batch is not confirmed yet; AMBIGUOUS_ITEM: two brands issued these fields, give brandId"),
          },
        },
      },
      ...verificationPaths,
      ...shipmentPaths,
      ...brandIdentityPaths,
      ...licencePaths,
      ...apiKeyPaths,
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument", tags: ["Operations"], security: open,
          summary: "This document (OpenAPI 3.1); read it as a page at /docs/api",
          responses: { ...faults, "200": { description: "OpenAPI 3.1", content: json({ ...obj({ openapi: { const: "3.1.0" }, info: { type: "object" }, paths: { type: "object" } }, ["openapi", "info", "paths"]), additionalProperties: true }) } },
        },
      },
      "/healthz": {
        get: {
          operationId: "getLiveness", tags: ["Operations"], security: open,
          summary: "The process is up",
          responses: { ...faults, "200": { description: "ok", content: json(obj({ status: { const: "ok" } }, ["status"])) } },
        },
      },
      "/readyz": {
        get: {
          operationId: "getReadiness", tags: ["Operations"], security: open,
          summary: "The chain is reachable and the store writable",
          responses: {
            ...faults,
            "200": { description: "ready", content: json(ref("Readiness")) },
            "503": { description: "not ready: `checks` says which dependency fails", content: json(ref("Readiness")) },
          },
        },
      },
      "/metrics": {
        get: {
          operationId: "getMetrics", tags: ["Operations"], security: open,
          summary: "Prometheus metrics",
          responses: { ...faults, "200": { description: "The Prometheus text exposition", content: text("text/plain") } },
        },
      },
      "/docs/api": {
        get: {
          operationId: "getApiReferencePage", tags: ["Pages"], security: open,
          summary: "This description as a page (HTML): every operation, its parameters and answers; its scripts are served from here and it loads nothing from elsewhere",
          responses: { ...faults, "200": { description: "The page", content: html } },
        },
      },
      "/console": {
        get: {
          operationId: "getConsolePage", tags: ["Pages"], security: open,
          summary: "The brand console (HTML): sign in with the brand's API key",
          responses: { ...faults, "200": { description: "The page", content: html }, "503": error("APP_NOT_BUILT: the web app is not built (npm run build)") },
        },
      },
    }, sharedResponses),
    "x-status-values": STATUS_VALUES,
  };
}
