/** The OpenAPI part of brand identity: GS1 company prefixes and label hosts, recorded by the registrar on chain. */
import { labelDomainBody, prefixBody, transferPrefixBody } from "../../../api/brands.ts";
import { auth, error, faults, input, json, limited, obj, open, ref, security, str } from "../../http/openapi/parts.ts";

const brandId = { name: "brandId", in: "path", required: true, schema: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" } };
const prefix = { name: "prefix", in: "path", required: true, schema: { type: "string", pattern: "^[0-9]{4,12}$" } };
const host = { name: "host", in: "path", required: true, schema: { type: "string" } };
const mined = { transactionHash: str };

export const brandIdentitySchemas = {
  PrefixChange: obj({ prefix: str, brandId: str, ...mined }),
  PrefixTransfer: obj({ prefix: str, fromBrandId: str, brandId: str, ...mined }),
  Prefix: obj({ prefix: str, brandId: { type: ["string", "null"] }, name: { type: ["string", "null"], description: "The holder's name as the chain records it" } }),
  LabelDomainChange: obj({ brandId: str, host: str, ...mined }),
};

export const brandIdentityPaths = {
  "/api/v1/brands/{brandId}/prefixes": {
    post: {
      operationId: "assignPrefix", tags: ["Brands"],
      summary: "Assign a GS1 company prefix to a brand on chain (registrar): the brand's GTINs are those inside its prefixes",
      security,
      parameters: [brandId],
      requestBody: { required: true, content: json(input(prefixBody)) },
      responses: {
        "201": { description: "Assigned", content: json(ref("PrefixChange")) },
        "404": error("No such brand (UNKNOWN_BRAND)"),
        "409": error("Another brand holds it (PREFIX_TAKEN), or it nests with a held prefix (PREFIX_OVERLAPS)"),
        ...auth,
      },
    },
  },
  "/api/v1/prefixes/{prefix}": {
    get: {
      operationId: "getPrefixHolder", tags: ["Brands"], security: open,
      summary: "Who holds a GS1 company prefix, as the chain says (public)",
      parameters: [prefix],
      responses: { ...limited, ...faults, "200": { description: "The holder, or null", content: json(ref("Prefix")) }, "400": error("Not 4 to 12 digits") },
    },
    delete: {
      operationId: "withdrawPrefix", tags: ["Brands"],
      summary: "Withdraw a prefix (registrar): batches anchored before stay valid, no new batch can use it",
      security,
      parameters: [prefix],
      responses: { "200": { description: "Withdrawn", content: json(ref("PrefixChange")) }, "404": error("Nobody holds it (UNKNOWN_PREFIX)"), ...auth },
    },
  },
  "/api/v1/prefixes/{prefix}/transfer": {
    post: {
      operationId: "transferPrefix", tags: ["Brands"],
      summary: "Move a prefix to another brand (registrar): the previous holder's earlier batches stay valid",
      security,
      parameters: [prefix],
      requestBody: { required: true, content: json(input(transferPrefixBody)) },
      responses: {
        "200": { description: "Transferred", content: json(ref("PrefixTransfer")) },
        "404": error("No such prefix or brand"),
        "409": error("The brand holds it already"),
        ...auth,
      },
    },
  },
  "/api/v1/brands/{brandId}/label-domains": {
    post: {
      operationId: "addLabelDomain", tags: ["Brands"],
      summary: "Record a host the brand's labels may point to (registrar); a label pointing elsewhere reads SUSPICIOUS",
      security,
      parameters: [brandId],
      requestBody: { required: true, content: json(input(labelDomainBody)) },
      responses: {
        "201": { description: "Recorded", content: json(ref("LabelDomainChange")) },
        "404": error("No such brand"),
        "409": error("Recorded already (LABEL_DOMAIN_UNCHANGED)"),
        ...auth,
      },
    },
  },
  "/api/v1/brands/{brandId}/label-domains/{host}": {
    delete: {
      operationId: "removeLabelDomain", tags: ["Brands"],
      summary: "Remove one of the brand's label hosts (registrar)",
      security,
      parameters: [brandId, host],
      responses: {
        "200": { description: "Removed", content: json(ref("LabelDomainChange")) },
        "404": error("No such brand"),
        "409": error("Not one of its hosts (LABEL_DOMAIN_UNCHANGED)"),
        ...auth,
      },
    },
  },
};
