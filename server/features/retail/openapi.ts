/** The OpenAPI part of retail: a brand authorises retailers; the brand or its retailer records an item's first sale. */
import { z } from "zod";
import { activationBody, createRetailerBody } from "../../../api/retailers.ts";
import { authWithBody, error, json, ref, security } from "../../http/openapi/parts.ts";

/** The one Error body, with `details` of the given shape. */
const errorWithDetails = (description: string, details: object) => ({ allOf: [ref("Error"), { type: "object", description, properties: { details } }] });

/** `details` of ITEM_ALREADY_ACTIVATED: the first sale as the chain records it. */
const saleDetails = {
  type: "object",
  required: ["seller", "sellerName", "country", "activatedAt"],
  properties: {
    seller: { type: "string", description: "The seller's chain account" },
    sellerName: { type: ["string", "null"], description: "The seller's organisation (a brand or its retailer) where this service knows it" },
    country: { type: "string", description: "ISO 3166-1 alpha-2" },
    activatedAt: { type: "string", format: "date-time" },
  },
};

/** `details` of ITEM_NOT_GENUINE and ITEM_NOT_ACTIVE: the verdict GET /api/v1/verify gives the same code. */
const verdictDetails = {
  type: "object",
  required: ["verdict", "reasons"],
  properties: {
    verdict: { type: "string", enum: ["COUNTERFEIT", "REVOKED", "SUSPICIOUS", "UNVERIFIED"] },
    reasons: {
      type: "array",
      items: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, detail: { type: "string" } } },
    },
  },
};

export const retailSchemas = {
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
  SaleConflict: errorWithDetails("ITEM_ALREADY_ACTIVATED: `details` is the first sale; ITEM_NOT_ACTIVE: `details` is the REVOKED verdict; other codes: no `details`", {
    oneOf: [saleDetails, verdictDetails],
  }),
  ItemNotGenuine: errorWithDetails("ITEM_NOT_GENUINE: `details` is the verdict", verdictDetails),
};

export const retailPaths = {
  "/api/v1/retailers": {
    post: {
      operationId: "authoriseRetailer", tags: ["Retail"],
      summary: "Authorise a retailer (brand): makes its key, authorises it on chain to record first sales, returns its API key once",
      security,
      requestBody: { required: true, content: json(z.toJSONSchema(createRetailerBody, { io: "input" })) },
      responses: {
        "201": { description: "Authorised", content: json({ type: "object", properties: { retailer: ref("Retailer"), apiKey: { type: "string" } } }) },
        "409": error("An organisation of that name exists"),
        ...authWithBody,
      },
    },
    get: {
      operationId: "listRetailers", tags: ["Retail"],
      summary: "The brand's retailers (brand)",
      security,
      responses: { "200": { description: "Retailers", content: json({ type: "object", properties: { retailers: { type: "array", items: ref("Retailer") } } }) }, ...authWithBody },
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
        ...authWithBody,
      },
    },
  },
  "/api/v1/activations": {
    post: {
      operationId: "recordFirstSale", tags: ["Retail"],
      summary: "Record an item's first sale on chain (brand or its retailer): only for a label GET /api/v1/verify calls GENUINE; a second sale is refused",
      security,
      requestBody: { required: true, content: json(z.toJSONSchema(activationBody, { io: "input" })) },
      responses: {
        "201": { description: "Recorded", content: json({ type: "object", properties: { activation: ref("Activation") } }) },
        ...authWithBody,
        "403": error("NOT_SELLER: the key's organisation may not sell this brand's items, or was deauthorised"),
        "404": error("UNKNOWN_ITEM: no such item was issued here"),
        "409": {
          description:
            "ITEM_ALREADY_ACTIVATED (`details`: who, where and when), ITEM_NOT_ACTIVE (the brand recalled, or reported stolen or destroyed, the item or its batch; `details`: the REVOKED verdict and its reasons), BATCH_NOT_CONFIRMED or AMBIGUOUS_ITEM",
          content: json(ref("SaleConflict")),
        },
        "422": {
          description:
            "ITEM_NOT_GENUINE: the label is not one the verifier calls GENUINE (unsigned, forged, signed by a removed key, on a host the brand did not register, cloned); nothing is recorded and the genuine item's first sale stays available",
          content: json(ref("ItemNotGenuine")),
        },
      },
    },
  },
};
