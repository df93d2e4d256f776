/** The OpenAPI part of retail: a brand authorises retailers; the brand or its retailer records an item's first sale. */
import { z } from "zod";
import { activationBody, createRetailerBody } from "../../../api/retailers.ts";
import { authWithBody, error, json, ref, security } from "../../http/openapi/parts.ts";

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
      summary: "Record an item's first sale on chain (brand or its retailer); a second sale is refused",
      security,
      requestBody: { required: true, content: json(z.toJSONSchema(activationBody, { io: "input" })) },
      responses: {
        "201": { description: "Recorded", content: json({ type: "object", properties: { activation: ref("Activation") } }) },
        ...authWithBody,
        "403": error("NOT_SELLER: the key's organisation may not sell this brand's items, or was deauthorised"),
        "404": error("UNKNOWN_ITEM: no such item was issued here"),
        "409": error("ITEM_ALREADY_ACTIVATED (says by whom, where and when), ITEM_NOT_ACTIVE or BATCH_NOT_CONFIRMED"),
      },
    },
  },
};
