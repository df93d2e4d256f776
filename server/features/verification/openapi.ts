/**
 * The OpenAPI description of the verification routes (verify, scans, the GS1 resolver) and the public
 * pages (the verifier, its customs mode, the licence page), kept apart from
 * `openapi.ts` so that each file stays one screenful; `openApiDocument` merges them.
 */
import { z } from "zod";
import { scanBody } from "../../../api/verification.ts";
import { auth, error, faults, hex32, html, int, json, limited, obj, open, ref, security, str, text } from "../../http/openapi/parts.ts";
import { SCANS_PER_SESSION } from "./scans.ts";

const codeParameter = { name: "code", in: "query", required: true, schema: { type: "string", maxLength: 2000 }, description: "The scanned text: a label's GS1 Digital Link URI" };
const nullable = (type: string, extra: object = {}) => ({ type: [type, "null"], ...extra });
const reason = { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, detail: { type: "string" } } };

export const verificationSchemas = {
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
  ResolverDescription: {
    type: "object",
    description: "GS1's resolver description file: primary keys are AI codes; the default link is never the linkset",
    required: ["name", "resolverRoot", "supportedPrimaryKeys"],
    properties: {
      name: str,
      resolverRoot: { type: "string", format: "uri" },
      supportedPrimaryKeys: { type: "array", items: str, description: 'AI codes: ["01"]' },
      supportedLinkType: { type: "array", items: obj({ namespace: str, prefix: str }) },
      linkTypeDefaultCanBeLinkset: { type: "boolean" },
      jsonLdContextLocation: { type: "string", format: "uri" },
    },
  },
  Reason: reason,
  ScanHistory: {
    type: "object",
    description:
      "The scan log's signal: SUSPICIOUS reasons TOO_MANY_SESSIONS (sessions from at least HISTORY_MIN_NETWORKS networks, at most HISTORY_SESSIONS_PER_NETWORK " +
      "counted per network) and IMPOSSIBLE_TRAVEL (two networks' scans too far apart in too little time, each place also seen by a third network); thresholds: HISTORY_* settings",
    properties: {
      suspicious: { type: "boolean" },
      reasons: { type: "array", items: ref("Reason") },
      sessions: { type: "integer", description: "Distinct sessions that scanned the code" },
      networks: { type: "integer", description: "Distinct client networks (/24, /48) those sessions came from; the networks themselves are never shown" },
      scans: { type: "integer" },
      countries: { type: "array", items: { type: "string" } },
      firstScanAt: nullable("string", { format: "date-time" }),
      lastScanAt: nullable("string", { format: "date-time" }),
    },
  },
  Scan: z.toJSONSchema(scanBody, { io: "input" }),
  ScanAnswer: {
    type: "object",
    required: ["counted", "reason", "history", "counterfeitSighting"],
    properties: {
      counted: { type: "boolean", description: "Whether the scan entered the item's history" },
      reason: {
        oneOf: [ref("Reason"), { type: "null" }],
        description:
          "Why not: SESSION_NOT_COUNTED (the session is over its network's budget, SESSIONS_PER_NETWORK per SESSION_WINDOW_MINUTES), " +
          `SESSION_SCANS_EXHAUSTED (the session already has ${SCANS_PER_SESSION} scans of this item in its history: a session records at most ${SCANS_PER_SESSION} per item), ` +
          "or the code does not verify under this service's registry (UNSIGNED, BAD_SIGNATURE, SIGNER_NOT_REGISTERED)",
      },
      history: { oneOf: [ref("ScanHistory"), { type: "null" }], description: "The item's history (kept under the signer's brand); null for a code that does not verify" },
      counterfeitSighting: {
        oneOf: [obj({ brandId: str }), { type: "null" }],
        description:
          "For a code that does not verify: the brand holding the GTIN's GS1 prefix, for whom the sighting was recorded; null when no brand holds it or the session does not count",
      },
    },
  },
  CounterfeitScans: {
    type: "object",
    description: "A brand's counterfeit sightings (scans of codes with its GTINs that do not verify), aggregated: never one scan's place, network or time",
    properties: {
      brandId: str,
      since: nullable("string", { format: "date-time" }),
      total: obj({ scans: { type: "integer" }, sessions: { type: "integer" }, networks: { type: "integer" } }),
      byProduct: {
        type: "array",
        description: "Per GTIN and lot, the most sessions first (at most 1,000 rows)",
        items: obj({
          gtin: str,
          lot: str,
          scans: { type: "integer" },
          sessions: { type: "integer" },
          networks: { type: "integer" },
          serials: { type: "integer", description: "Distinct serials seen" },
          firstScanAt: { type: "string", format: "date-time" },
          lastScanAt: { type: "string", format: "date-time" },
        }),
      },
      byDayAndCountry: {
        type: "array",
        description: "Per UTC day and country (null: none given), the newest day first (at most 1,000 rows)",
        items: obj({ day: { type: "string", format: "date" }, country: nullable("string"), scans: { type: "integer" }, sessions: { type: "integer" } }),
      },
      byReason: { type: "array", items: obj({ reason: { enum: ["UNSIGNED", "BAD_SIGNATURE", "SIGNER_NOT_REGISTERED"] }, scans: { type: "integer" } }) },
    },
  },
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
      brand: {
        type: "object",
        description: "The signing brand, as the registrar recorded it on chain",
        properties: { brandId: nullable("string"), name: nullable("string"), country: nullable("string", { description: "ISO 3166-1 alpha-2" }) },
      },
      root: { type: "object", description: "The trust root read: this service's own deployment", properties: { name: { type: "string" }, chainId: { type: "integer" }, registry: { type: "string" } } },
      gtinOwner: nullable("object", {
        description: "The brand holding the GS1 company prefix of the GTIN, from the chain (null: none)",
        properties: { brandId: { type: "string" }, name: { type: "string" }, country: { type: "string" }, prefix: { type: "string" } },
      }),
      attributedTo: { type: "string", description: "The brand a sighting of this code concerns: the GTIN's owner, else the signing brand" },
      labelHost: { type: "string", description: "The host the label's link points to (LABEL_HOST_NOT_REGISTERED when the brand did not register it)" },
      expiry: {
        type: "object",
        description: "The code's expiry date (AI 17), present whenever it carries one; an expired GENUINE or SUSPICIOUS item also has the reason EXPIRED",
        properties: { date: { type: "string", format: "date", description: "The last day of use (a label's DD=00 is the month's last day)" }, expired: { type: "boolean", description: "The date is before today (UTC)" } },
        required: ["date", "expired"],
      },
      product: nullable("object", {
        properties: { gtin: { type: "string" }, lot: { type: "string" }, serial: { type: "string" }, expiry: nullable("string"), expiryDate: nullable("string", { format: "date" }) },
      }),
      registration: nullable("object", {
        description: "Where the batch was anchored: the transaction and block of its BatchRegistered event on chain",
        properties: { anchoredAt: { type: "string", format: "date-time" }, transactionHash: nullable("string"), blockNumber: nullable("integer") },
      }),
      firstSale: nullable("object", {
        properties: {
          seller: { type: "string" },
          sellerName: { type: ["string", "null"], description: "The seller's organisation (a brand or its retailer) where this service knows it" },
          soldAt: { type: "string", format: "date-time" },
          country: { type: "string" },
        },
      }),
      history: { oneOf: [ref("ScanHistory"), { type: "null" }] },
      checked: {
        type: "object",
        properties: { chainId: { type: "integer" }, registry: { type: "string" }, blockNumber: nullable("string", { description: "The block every chain read was pinned to" }), at: { type: "string", format: "date-time" } },
      },
    },
  },
};

export const verificationPaths = {
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
  "/api/v1/verify": {
    get: {
      operationId: "verifyCode", tags: ["Verification"], security: open,
      summary: "The server's verdict on a scanned code (chain read afresh at the current head, proof from this service, history from the scan log; records nothing)",
      parameters: [codeParameter],
      responses: {
        ...limited,
        ...faults,
        "200": { description: "The verdict; text that is no item code is COUNTERFEIT with the reason, not an error", content: json(ref("Verification")) },
        "400": error("No code, or more than one, or over 2,000 characters"),
      },
    },
  },
  "/api/v1/sessions": {
    post: {
      operationId: "createScanSession", tags: ["Verification"], security: open,
      summary:
        "A scan session for this device: a random id bound to the client's network (/24 for IPv4, /48 for IPv6, from the address the service sees, " +
        "or from X-Forwarded-For only through TRUSTED_PROXIES). Only the first SESSIONS_PER_NETWORK sessions a network gets per SESSION_WINDOW_MINUTES count",
      responses: {
        ...limited,
        ...faults,
        "201": { description: "The session; keep it and send it with every scan from this network", content: json({ type: "object", required: ["sessionId"], properties: { sessionId: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" } } }) },
      },
    },
  },
  "/api/v1/scans": {
    post: {
      operationId: "recordScan", tags: ["Verification"], security: open,
      summary:
        "Report a scan (an issued session, and when the user allows it a location, kept rounded to 0.1°, or a country). It enters the item's history only " +
        "for a code whose signature verifies under this service's registry (kept under the signer's brand) and a counted session; a code that does not " +
        "verify is a counterfeit sighting for the brand holding its GTIN's GS1 prefix",
      requestBody: { required: true, content: json(ref("Scan")) },
      responses: {
        ...limited,
        ...faults,
        "201": { description: "Recorded: in the item's history (`counted`) or as a counterfeit sighting", content: json(ref("ScanAnswer")) },
        "200": { description: "Not recorded (`reason` says why: SESSION_NOT_COUNTED, SESSION_SCANS_EXHAUSTED, or a code that does not verify and whose GTIN no brand holds)", content: json(ref("ScanAnswer")) },
        "400": error("Invalid body, a code that is no item code (the GS1 error code and field say why), or UNKNOWN_SESSION: a session this service did not issue (or forgot); ask for a new one"),
        "403": error("SESSION_NETWORK_CHANGED: the session was issued to another network; ask for a new one and scan again"),
        "503": error("CHAIN_UNREACHABLE: the code could not be checked; nothing was recorded"),
        ...limited,
      },
    },
    get: {
      operationId: "getScanHistory", tags: ["Verification"], security: open,
      summary: "A code's scan history, without recording a scan",
      parameters: [codeParameter],
      responses: {
        ...limited,
        ...faults,
        "200": { description: "The history; null for a code that does not verify under this service's registry", content: json({ type: "object", properties: { history: { oneOf: [ref("ScanHistory"), { type: "null" }] } } }) },
        "400": error("No code, or a code that is no item code"),
        "503": error("CHAIN_UNREACHABLE: the code could not be checked"),
        ...limited,
      },
    },
  },
  "/api/v1/brand/counterfeit-scans": {
    get: {
      operationId: "getCounterfeitScans", tags: ["Brands"],
      summary: "The caller brand's counterfeit sightings: scans of codes with its GTINs (by GS1 prefix) that do not verify, counted per product, per day and country, and per reason",
      security,
      parameters: [{ name: "since", in: "query", required: false, schema: { anyOf: [{ type: "string", format: "date" }, { type: "string", format: "date-time" }] }, description: "Count from this date (YYYY-MM-DD) or date-time on" }],
      responses: { "200": { description: "The counts", content: json(obj({ counterfeitScans: ref("CounterfeitScans") })) }, ...auth },
    },
  },
  "/01/{gtin}/10/{lot}/21/{serial}": {
    get: {
      operationId: "resolveDigitalLink", tags: ["Resolver"], security: open,
      summary: "GS1 Digital Link resolver: the label's own URI. Content negotiation on Accept; `linkType` as the GS1 resolver standard describes",
      parameters: [
        { name: "gtin", in: "path", required: true, schema: { type: "string" } },
        { name: "lot", in: "path", required: true, schema: { type: "string" } },
        { name: "serial", in: "path", required: true, schema: { type: "string" } },
        { name: "17", in: "query", schema: { type: "string", pattern: "^\\d{6}$" }, description: "Expiry, YYMMDD" },
        { name: "s", in: "query", schema: { type: "string" }, description: "The brand's signature (ERC-2098, base64url)" },
        { name: "linkType", in: "query", schema: { type: "string" }, description: "`linkset` or `all`: the linkset; `gs1:verificationService`, `gs1:pip`, `gs1:defaultLink` (or full GS1 vocabulary URIs): 307 to that link; a type the item has no link of: 404 `LINK_TYPE_NOT_AVAILABLE`" },
      ],
      responses: {
        ...limited,
        ...faults,
        "200": {
          description: "`Accept: application/json`: the verification; `application/linkset+json` (or linkType=all): an RFC 9264 linkset. Every answer carries a `Link` header with the links",
          content: { ...json(ref("Verification")), "application/linkset+json": { schema: { type: "object", required: ["linkset"], properties: { linkset: { type: "array", items: { type: "object" } } } } } },
        },
        "307": {
          description: "Browsers (text/html, */*): to the verifier page /verify?code=<the code URI>",
          headers: { Location: { description: "The verifier page, or the link of the asked `linkType`", schema: { type: "string" } } },
        },
        "400": {
          description:
            "A malformed code, here or at any other path under /01/ (check digit, AI order `GS1_QUALIFIER_ORDER`, an unknown segment): JSON with the GS1 error code for API clients; a short HTML page for browsers",
          content: { ...json(ref("Error")), ...html },
        },
        "404": {
          description:
            "`LINK_TYPE_NOT_AVAILABLE`: the item has no link of the requested linkType (never the default link instead); `ITEM_QUALIFIERS_REQUIRED`: a well-formed code that is not a whole item (a GTIN alone, no serial) at another path under /01/. JSON for API clients, HTML for browsers",
          content: { ...json(ref("Error")), ...html },
        },
        ...limited,
      },
    },
  },
  "/verify": {
    get: {
      operationId: "getVerifierPage", tags: ["Pages"], security: open,
      summary: "The web verifier page (HTML), where the resolver sends browsers: it checks the code on chain itself",
      parameters: [{ ...codeParameter, required: false }],
      responses: { ...faults, "200": { description: "The page", content: html }, "503": error("APP_NOT_BUILT: the web app is not built (npm run build)") },
    },
  },
  "/verify/trust-roots.json": {
    get: {
      operationId: "getVerifierTrustRoots", tags: ["Pages"], security: open,
      summary:
        "The trust roots the verifier pages served here are configured with (TRUST_ROOTS_FILE, else this deployment): a file of the page, " +
        "chosen by whoever hosts it; the API never announces roots, and /api/v1/network is only a hint among them",
      responses: {
        ...faults,
        "200": {
          description: "{ version: 1, roots: [{ name, chainId, productRegistry, shipmentRegistry?, licenceRegistry?, fromBlock?, rpcUrls }] }",
          content: json({ type: "object", properties: { version: { const: 1 }, roots: { type: "array", items: { type: "object" } } } }),
        },
      },
    },
  },
  "/verify/sw.js": {
    get: {
      operationId: "getVerifierServiceWorker", tags: ["Pages"], security: open,
      summary:
        "The verifier's service worker (JavaScript, sent with Service-Worker-Allowed: /verify): keeps the page's own files so that an installed verifier opens offline; never an API or RPC answer",
      responses: { ...faults, "200": { description: "The service worker", content: text("text/javascript") }, "404": error("The web app is not built") },
    },
  },
  "/verify/label-links-sw.js": {
    get: {
      operationId: "getLabelLinksServiceWorker", tags: ["Pages"], security: open,
      summary:
        "The label links' service worker (JavaScript, sent with Service-Worker-Allowed: /01/): passes every label link through, and only when the network fails opens the verifier from its cache with the link as its code",
      responses: { ...faults, "200": { description: "The service worker", content: text("text/javascript") }, "404": error("The web app is not built") },
    },
  },
  "/verify/customs": {
    get: {
      operationId: "getCustomsPage", tags: ["Pages"], security: open,
      summary: "The verifier's customs mode (HTML): an officer signs in with the office's key and scans a shipment continuously",
      parameters: [{ name: "shipment", in: "query", required: false, schema: { type: "string" }, description: "A shipment id to open" }],
      responses: { ...faults, "200": { description: "The page", content: html }, "503": error("APP_NOT_BUILT: the web app is not built (npm run build)") },
    },
  },
  "/licences": {
    get: {
      operationId: "getLicencesPage", tags: ["Pages"], security: open,
      summary: "The content licence page (HTML): check a licence (isLicensed with the reason, the licence up to its root) and the notices register, both read from the chain by the page itself",
      parameters: ["work", "licensee", "platform", "country", "at"].map((name) => ({
        name,
        in: "query",
        required: false,
        schema: { type: "string" },
        description: `Prefills the check's ${name === "at" ? "date and time (YYYY-MM-DDTHH:MM, the reader's local time)" : name}`,
      })),
      responses: { ...faults, "200": { description: "The page", content: html }, "503": error("APP_NOT_BUILT: the web app is not built (npm run build)") },
    },
  },
  "/.well-known/gs1resolver": {
    get: {
      operationId: "getResolverDescription", tags: ["Resolver"], security: open,
      summary: "The GS1 resolver description (GS1's resolver description file schema): name, resolverRoot, primary keys as AI codes, link-type namespace",
      responses: { ...limited, ...faults, "200": { description: "The description", content: json(ref("ResolverDescription")) } },
    },
  },
};
