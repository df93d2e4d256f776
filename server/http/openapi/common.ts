/**
 * What every part of the OpenAPI description shares: the feature tags the operations are grouped under, the
 * one error body, and the answers any route may give (bad input, no key, rate limit, faults).
 */
import { error, json, ref } from "./parts.ts";

/** The features, in the order the reference lists them. An operation's tag must be one of these (the lint checks). */
export const tags = [
  { name: "Brands", description: "The registrar admits brands and records their GS1 company prefixes and label hosts on chain; a brand manages its issuing keys." },
  { name: "Batches", description: "A brand anchors a batch of signed items in one transaction, downloads its labels and EPCIS events, recalls or flags items." },
  { name: "Retail", description: "A brand authorises retailers; the brand or its retailer records an item's first sale on chain." },
  { name: "Verification", description: "Anyone checks a scanned code: the server's verdict, the item's Merkle proof, scan sessions and scan history." },
  { name: "Resolver", description: "The GS1 Digital Link resolver a label's URI points to." },
  { name: "Shipments", description: "Logistics parties and brands declare shipments and hand them over; anyone follows an item's custody." },
  { name: "Customs", description: "Customs offices check manifests against the chain and record cleared, held or seized; the seizures register." },
  { name: "Register", description: "The register of known infringements: customs offices, platforms and brands ask whether a brand, GTIN or lot was seized or scanned counterfeit, where and when, aggregated." },
  { name: "Intelligence", description: "A brand's own picture of its fakes: counterfeit and suspicious verdicts by country and day, hotspots, clone clusters, seizures by route and a forecast, aggregated." },
  { name: "Licences", description: "Rights holders register works, grant licences and file notices; platforms check uploads and answer notices." },
  { name: "Pages", description: "The web pages the service serves (brand console, verifier, customs mode, licence page, this reference) and their files." },
  { name: "Operations", description: "Liveness, readiness, metrics and this description." },
  { name: "API keys", description: "An organisation lists, rotates and revokes its API keys (with when each was last used); the registrar does so for any organisation." },
];

/** The body of every error the service answers (`server/http/error-handler.ts` writes it, and nothing else does). */
export const errorSchema = {
  type: "object",
  required: ["error", "message"],
  properties: {
    error: { type: "string", description: "Machine-readable code, stable across releases (e.g. GS1_BAD_CHECK_DIGIT, UNAUTHORIZED, RATE_LIMITED)" },
    message: { type: "string", description: "For people: what is wrong and, where it helps, what to do" },
    field: { type: "string", description: "The input at fault, when one is: a body field (`serials[3]`), a query parameter or `body`" },
    fields: {
      type: "array",
      description: "Every field with a problem (400 on a request body), each with its own code and message in words",
      items: { type: "object", required: ["field", "code", "message"], properties: { field: { type: "string" }, code: { type: "string" }, message: { type: "string" } } },
    },
    details: { type: "object", description: "The facts behind the error, where a program may act on them; their shape is fixed per `error` code and documented with the route" },
    requestId: { type: "string", description: "The request's X-Request-Id, as in the service's log lines" },
  },
};

export const sharedResponses = {
  BadRequest: error(
    "Invalid input: `error` says what (INVALID_FIELD, MISSING_FIELD, UNKNOWN_FIELD, INVALID_JSON, a GS1 code such as GS1_BAD_CHECK_DIGIT, …) and `field` which input",
  ),
  Unauthorized: error("UNAUTHORIZED: no API key (`Authorization: Bearer vt_…`), or not a valid one; API_KEY_REVOKED: the key was revoked or rotated away"),
  Forbidden: error("FORBIDDEN: the key's organisation may not do this"),
  RateLimited: {
    description: "RATE_LIMITED: over the per-client limit of the public routes (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS, one budget across all of them)",
    headers: { "Retry-After": { description: "Seconds until the window resets", schema: { type: "integer", minimum: 1 } } },
    content: json(ref("Error")),
  },
  Unavailable: {
    ...error(
      "A dependency does not answer or is missing: the chain (CHAIN_UNREACHABLE), the PostgreSQL database (DATABASE_UNAVAILABLE), or a registry not deployed yet (SHIPMENTS_NOT_DEPLOYED, LICENCES_NOT_DEPLOYED); retry later",
    ),
    headers: { "Retry-After": { description: "Seconds to wait before retrying: sent with CHAIN_UNREACHABLE and DATABASE_UNAVAILABLE", schema: { type: "integer", minimum: 1 } } },
  },
  Internal: error("INTERNAL: a fault of the service, logged with its details; the answer holds none"),
};
