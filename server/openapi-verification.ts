/**
 * The OpenAPI description of the verification routes (verify, scans, the GS1 resolver) and the public
 * pages (the verifier, its customs mode, the licence page), kept apart from
 * `openapi.ts` so that each file stays one screenful; `openApiDocument` merges them.
 */
import { z } from "zod";
import { scanBody } from "./routes/schemas.ts";
import { json, ref, error } from "./openapi-parts.ts";

const limited = {
  "429": {
    description: "Over the per-client rate limit (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS); `error` is RATE_LIMITED",
    headers: { "Retry-After": { description: "Seconds until the window resets", schema: { type: "integer" } } },
    content: json(ref("Error")),
  },
};
const codeParameter = { name: "code", in: "query", required: true, schema: { type: "string", maxLength: 2000 }, description: "The scanned text: a label's GS1 Digital Link URI" };
const nullable = (type: string, extra: object = {}) => ({ type: [type, "null"], ...extra });
const reason = { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, detail: { type: "string" } } };

export const verificationSchemas = {
  Reason: reason,
  ScanHistory: {
    type: "object",
    description: "The scan log's signal: SUSPICIOUS reasons TOO_MANY_SESSIONS and IMPOSSIBLE_TRAVEL (thresholds: HISTORY_* settings)",
    properties: {
      suspicious: { type: "boolean" },
      reasons: { type: "array", items: ref("Reason") },
      sessions: { type: "integer", description: "Distinct sessions that scanned the code" },
      scans: { type: "integer" },
      countries: { type: "array", items: { type: "string" } },
      firstScanAt: nullable("string", { format: "date-time" }),
      lastScanAt: nullable("string", { format: "date-time" }),
    },
  },
  Scan: z.toJSONSchema(scanBody, { io: "input" }),
  Verification: {
    type: "object",
    description: "decideVerdict's verdict (bigints as decimal strings) and what a person needs to act on it",
    properties: {
      verdict: { enum: ["GENUINE", "COUNTERFEIT", "REVOKED", "SUSPICIOUS", "UNVERIFIED"] },
      reasons: { type: "array", items: ref("Reason") },
      code: { type: "object", properties: { gtin: { type: "string" }, lot: { type: "string" }, serial: { type: "string" }, expiry: { type: "integer" } } },
      signer: { type: "string" },
      brandId: { type: "string" },
      batchId: { type: "string" },
      itemId: { type: "string" },
      batch: { type: "object", properties: { merkleRoot: { type: "string" }, signer: { type: "string" }, anchoredAt: { type: "integer" }, itemCount: { type: "integer" } } },
      itemStatus: { enum: ["Active", "Recalled", "Stolen", "Destroyed"] },
      batchStatus: { enum: ["Active", "Recalled", "Stolen", "Destroyed"] },
      signerRemovedAt: { type: "string", description: "Seconds since the epoch, decimal; \"0\": the key is active" },
      activation: { type: "object", properties: { seller: { type: "string" }, activatedAt: { type: "integer" }, country: { type: "string" } } },
      brand: { type: "object", properties: { brandId: nullable("string"), name: nullable("string", { description: "When the brand is one of this service's" }) } },
      product: nullable("object", {
        properties: { gtin: { type: "string" }, lot: { type: "string" }, serial: { type: "string" }, expiry: nullable("string"), expiryDate: nullable("string", { format: "date" }) },
      }),
      registration: nullable("object", {
        properties: { anchoredAt: { type: "string", format: "date-time" }, transactionHash: nullable("string"), blockNumber: nullable("integer") },
      }),
      firstSale: nullable("object", { properties: { seller: { type: "string" }, soldAt: { type: "string", format: "date-time" }, country: { type: "string" } } }),
      history: { oneOf: [ref("ScanHistory"), { type: "null" }] },
      checked: {
        type: "object",
        properties: { chainId: { type: "integer" }, registry: { type: "string" }, blockNumber: nullable("string", { description: "The block every chain read was pinned to" }), at: { type: "string", format: "date-time" } },
      },
    },
  },
};

export const verificationPaths = {
  "/api/v1/verify": {
    get: {
      summary: "The server's verdict on a scanned code (chain read afresh at the current head, proof from this service, history from the scan log; records nothing)",
      parameters: [codeParameter],
      responses: {
        "200": { description: "The verdict; text that is no item code is COUNTERFEIT with the reason, not an error", content: json(ref("Verification")) },
        "400": error("No code, or more than one, or over 2,000 characters"),
        ...limited,
      },
    },
  },
  "/api/v1/scans": {
    post: {
      summary: "Record a scan (session, and when the user allows it a location, kept rounded to 0.1°, or a country) and get the code's history",
      requestBody: { required: true, content: json(ref("Scan")) },
      responses: {
        "201": { description: "Recorded", content: json({ type: "object", properties: { history: ref("ScanHistory") } }) },
        "400": error("Invalid body, or a code that is no item code (the GS1 error code and field say why)"),
        ...limited,
      },
    },
    get: {
      summary: "A code's scan history, without recording a scan",
      parameters: [codeParameter],
      responses: {
        "200": { description: "The history", content: json({ type: "object", properties: { history: ref("ScanHistory") } }) },
        "400": error("No code, or a code that is no item code"),
        ...limited,
      },
    },
  },
  "/01/{gtin}/10/{lot}/21/{serial}": {
    get: {
      summary: "GS1 Digital Link resolver: the label's own URI. Content negotiation on Accept; `linkType` as the GS1 resolver standard describes",
      parameters: [
        { name: "gtin", in: "path", required: true, schema: { type: "string" } },
        { name: "lot", in: "path", required: true, schema: { type: "string" } },
        { name: "serial", in: "path", required: true, schema: { type: "string" } },
        { name: "17", in: "query", schema: { type: "string", pattern: "^\\d{6}$" }, description: "Expiry, YYMMDD" },
        { name: "s", in: "query", schema: { type: "string" }, description: "The brand's signature (ERC-2098, base64url)" },
        { name: "linkType", in: "query", schema: { type: "string" }, description: "`all`: the linkset; `gs1:verificationService`, `gs1:pip`, `gs1:defaultLink` (or full URIs): 307 to that link; unknown types: the default link" },
      ],
      responses: {
        "200": {
          description: "`Accept: application/json`: the verification; `application/linkset+json` (or linkType=all): an RFC 9264 linkset. Every answer carries a `Link` header with the links",
          content: { ...json(ref("Verification")), "application/linkset+json": { schema: { type: "object", properties: { linkset: { type: "array" } } } } },
        },
        "307": { description: "Browsers (text/html, */*): to the verifier page /verify?code=<the code URI>" },
        "400": {
          description: "A malformed code: JSON with the GS1 error code for API clients; a short HTML page for browsers",
          content: { ...json(ref("Error")), "text/html": {} },
        },
        ...limited,
      },
    },
  },
  "/verify": {
    get: {
      summary: "The web verifier page (HTML), where the resolver sends browsers: it checks the code on chain itself",
      parameters: [{ ...codeParameter, required: false }],
      responses: { "200": { description: "text/html", content: { "text/html": {} } }, "503": error("The web app is not built (npm run build)") },
    },
  },
  "/verify/customs": {
    get: {
      summary: "The verifier's customs mode (HTML): an officer signs in with the office's key and scans a shipment continuously",
      parameters: [{ name: "shipment", in: "query", required: false, schema: { type: "string" }, description: "A shipment id to open" }],
      responses: { "200": { description: "text/html", content: { "text/html": {} } }, "503": error("The web app is not built (npm run build)") },
    },
  },
  "/licences": {
    get: {
      summary: "The content licence page (HTML): check a licence (isLicensed with the reason, the licence up to its root) and the notices register, both read from the chain by the page itself",
      parameters: ["work", "licensee", "platform", "country", "at"].map((name) => ({
        name,
        in: "query",
        required: false,
        schema: { type: "string" },
        description: `Prefills the check's ${name === "at" ? "date and time (YYYY-MM-DDTHH:MM, the reader's local time)" : name}`,
      })),
      responses: { "200": { description: "text/html", content: { "text/html": {} } }, "503": error("The web app is not built (npm run build)") },
    },
  },
  "/.well-known/gs1resolver": {
    get: {
      summary: "The GS1 resolver description: name, resolverRoot, supported primary keys and link types",
      responses: { "200": { description: "The description", content: json({ type: "object" }) }, ...limited },
    },
  },
};
