/**
 * The OpenAPI description of the content routes (rights holders, platforms, works, licences, notices, the
 * content check), kept apart from `openapi.ts` like the shipment routes; `openApiDocument` merges them.
 */
import { PHASH_MATCH_THRESHOLD } from "../../../core/content/hamming.ts";
import { PROBE_EDITS } from "../../../core/content/robust-hash.ts";
import { answerNoticeBody, contentCheckBody, createLicencePartyBody, fileNoticeBody, grantLicenceBody, registerWorkBody, UNLICENSED_REASONS } from "../../../api/licences.ts";
import { pageFields, pageParameters } from "../../http/openapi/paging.ts";
import { json, ref, error, input, security, auth, obj, str, open, faults, limited } from "../../http/openapi/parts.ts";

const nullable = { type: ["string", "null"] };
const int = { type: "integer" };
const bool = { type: "boolean" };
const hexId = (description: string) => ({ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" }, description });
const q = (name: string, description: string, required = false) => ({ name, in: "query", required, schema: str, description });
const mined = { transactionHash: str, blockNumber: int };
const upload = {
  "image/png": { schema: { type: "string", format: "binary" } },
  "image/jpeg": { schema: { type: "string", format: "binary" } },
  "application/octet-stream": { schema: { type: "string", format: "binary" } },
};
const reasons = UNLICENSED_REASONS.filter((r) => r !== null);
/** What decoding an uploaded image on the worker pool may answer besides its format errors (see docs/security.md). */
const imageDecoding = {
  "422": error("IMAGE_DECODE_TIMEOUT: the image took longer than IMAGE_DECODE_TIMEOUT_MS to decode"),
  "503": error("IMAGE_DECODER_BUSY: too many images are waiting to be decoded; retry after Retry-After seconds"),
};

export const licenceSchemas = {
  LicenceParty: obj({ id: str, name: str, kind: { enum: ["rights-holder", "platform"] }, address: str, platformId: { type: "string", description: "platforms: keccak256(utf8(name))" }, createdAt: str }),
  Work: obj({
    id: { type: "string", description: "The file's SHA-256" },
    owner: str,
    ownerName: nullable,
    perceptualHash: { type: ["string", "null"], description: "16 hex digits (64-bit DCT pHash), null when none" },
    metadataUri: str,
    registeredAt: str,
    licenceCount: int,
  }),
  Licence: obj({
    id: str, workId: str, parentId: nullable, depth: int, licensee: str, licenseeName: nullable, grantor: str, grantorName: nullable,
    platforms: { type: "array", items: obj({ id: str, name: str }) },
    territories: { oneOf: [{ const: "worldwide" }, { type: "array", items: str }] },
    start: str, end: { type: ["string", "null"], description: "null: no end" }, sublicensable: bool, grantedAt: str, revokedAt: nullable,
  }),
  LicenceCheck: obj({
    licensed: bool,
    licenceId: { type: ["string", "null"], description: "The licence that allows it, or that came closest" },
    reason: { enum: [...reasons, null], description: "Why not (null when licensed)" },
  }),
  Notice: obj({
    id: str, sender: str, senderName: nullable, principal: str, platform: obj({ id: str, name: str }), territory: str,
    workId: nullable, brandId: nullable, batchId: nullable,
    locationHash: { type: "string", description: "SHA-256 of new URL(location).href (UTF-8)" },
    evidenceHash: { type: "string", description: "SHA-256 of the evidence text (UTF-8), or the hash given" },
    status: { enum: ["filed", "removed", "rejected", "counter-noticed"] },
    rejection: { enum: ["licensed", "not-infringing", "insufficient-information", "location-not-found", "other", null] },
    explanation: nullable, counterNoticeHash: nullable, filedAt: str, answeredAt: nullable,
  }),
  ContentCheck: obj({
    sha256: nullable,
    perceptualHash: nullable,
    threshold: { type: "integer", description: `Hamming distance up to which a perceptual hash matches (${PHASH_MATCH_THRESHOLD} of 64 bits)` },
    platform: obj({ id: str, name: str }),
    uploader: str,
    territory: str,
    time: str,
    matches: {
      type: "array",
      items: obj({
        workId: str,
        owner: str,
        ownerName: nullable,
        distance: int,
        exact: bool,
        matchedAs: {
          enum: ["identical", ...PROBE_EDITS],
          description: "identical: same SHA-256; otherwise the edit the matching probe undid (docs/licences.md, Content matching)",
        },
        licensed: ref("LicenceCheck"),
      }),
    },
    licensed: { oneOf: [ref("LicenceCheck"), { type: "null" }], description: "The first match the uploader is not licensed for, else the nearest; null: no match" },
  }),
};

const partyPath = (what: string, key: string, operationId: string) => ({
  post: {
    operationId, tags: ["Licences"],
    summary: `Admit a ${what} (registrar): makes its key (funded), admits it on chain, returns its API key once`,
    security,
    requestBody: { required: true, content: json(input(createLicencePartyBody)) },
    responses: {
      ...auth,
      "201": { description: "Admitted", content: json(obj({ [key]: ref("LicenceParty"), apiKey: str })) },
      "409": error("NAME_TAKEN or PLATFORM_EXISTS"),
      "503": error("LICENCES_NOT_DEPLOYED, or the chain does not answer"),
    },
  },
});

export const licencePaths = {
  "/api/v1/rights-holders": partyPath("rights holder", "rightsHolder", "admitRightsHolder"),
  "/api/v1/platforms": partyPath("platform", "platform", "admitPlatform"),
  "/api/v1/works": {
    post: {
      operationId: "registerWork", tags: ["Licences"],
      summary: "Register a work (rights holder): upload the file as the raw body (SHA-256 and, for PNG/JPEG, the perceptual hash computed here) or send its hashes as JSON",
      security,
      parameters: [q("metadataUri", "with a raw upload: where the work's metadata lives")],
      requestBody: { required: true, content: { ...upload, ...json(input(registerWorkBody)) } },
      responses: {
        "201": { description: "Registered on chain", content: json(obj({ work: { allOf: [ref("Work"), obj(mined)] } })) },
        "409": error("WORK_EXISTS: the same content is registered already"),
        "413": error("PAYLOAD_TOO_LARGE, or IMAGE_TOO_LARGE: the image declares more pixels than IMAGE_MEMORY_MB allows, or needed more memory"),
        "415": error("UNSUPPORTED_IMAGE or UNSUPPORTED_MEDIA_TYPE"),
        ...imageDecoding,
        ...auth,
      },
    },
    get: {
      operationId: "listWorks", tags: ["Licences"], security: open,
      summary: "Registered works, oldest first, of one owner if asked: read from the chain index (WorkRegistered events), a page at a time",
      parameters: [q("owner", "an address or organisation id"), ...pageParameters],
      responses: {
        ...limited,
        ...faults,
        "200": { description: "A page of works", content: json(obj({ works: { type: "array", items: ref("Work") }, ...pageFields })) },
        "400": auth["400"],
      },
    },
  },
  "/api/v1/works/{id}": {
    get: {
      operationId: "getWork", tags: ["Licences"], security: open,
      summary: "A work, read from the chain",
      parameters: [hexId("The work id (SHA-256)")],
      responses: { ...limited, ...faults, "200": { description: "The work", content: json(obj({ work: ref("Work") })) }, "400": auth["400"], "404": error("UNKNOWN_WORK") },
    },
  },
  "/api/v1/licences": {
    post: {
      operationId: "grantLicence", tags: ["Licences"],
      summary: "Grant a licence (the work's owner) or a sub-licence (the licensee of a sub-licensable parent, within its platforms, territories and period)",
      security,
      requestBody: { required: true, content: json(input(grantLicenceBody)) },
      responses: {
        ...faults,
        "201": { description: "Granted on chain", content: json(obj({ licence: { allOf: [ref("Licence"), obj(mined)] } })) },
        "400": error(
          "UNKNOWN_COUNTRY (territories[i]), UNKNOWN_PLATFORM (platforms[i]), INVALID_DATE, INVALID_PERIOD (end), UNKNOWN_WORK (workId), UNKNOWN_LICENCE / NOT_SUBLICENSABLE / DEPTH_EXCEEDED (parent), " +
            "PLATFORM_OUTSIDE_PARENT (platforms[i]), TERRITORY_OUTSIDE_PARENT (territories[i]), PERIOD_OUTSIDE_PARENT (start or end), DUPLICATE_PLATFORM, DUPLICATE_TERRITORY",
        ),
        "401": auth["401"],
        "403": error("NOT_GRANTOR"),
        "409": error("LICENCE_REVOKED (parent) or TOO_MANY_LICENCES"),
      },
    },
    get: {
      operationId: "listLicences", tags: ["Licences"], security: open,
      summary:
        "Licences granted, oldest first, with their current state: read from the chain index (LicenceGranted events), a page at a time. " +
        "Filtered by platform, the page after a full one may be empty, and the last",
      parameters: [q("work", "a work id"), q("licensee", "an address or organisation id"), q("platform", "a platform's name, id or organisation id"), ...pageParameters],
      responses: { ...limited, ...faults, "200": { description: "A page of licences", content: json(obj({ licences: { type: "array", items: ref("Licence") }, ...pageFields })) }, "400": auth["400"] },
    },
  },
  "/api/v1/licences/check": {
    get: {
      operationId: "checkLicence", tags: ["Licences"], security: open,
      summary: "Whether a licensee may publish a work on a platform, in a territory, at a time: the chain's isLicensed view",
      parameters: [
        q("work", "the work id", true),
        q("licensee", "an address or organisation id", true),
        q("platform", "a platform's name, id or organisation id", true),
        q("territory", "ISO 3166-1 alpha-2", true),
        q("time", "ISO 8601 (default: now)"),
      ],
      responses: {
        ...limited,
        ...faults,
        "200": { description: "The answer", content: json({ allOf: [ref("LicenceCheck"), obj({ work: str, licensee: str, platform: obj({ id: str, name: str }), territory: str, time: str })] }) },
        "400": error("UNKNOWN_COUNTRY (territory), UNKNOWN_PLATFORM (platform), INVALID_DATE (time)"),
      },
    },
  },
  "/api/v1/licences/{id}": {
    get: {
      operationId: "getLicence", tags: ["Licences"], security: open,
      summary: "A licence, read from the chain",
      parameters: [hexId("The licence id")],
      responses: { ...limited, ...faults, "200": { description: "The licence", content: json(obj({ licence: ref("Licence") })) }, "400": auth["400"], "404": error("UNKNOWN_LICENCE") },
    },
    delete: {
      operationId: "revokeLicence", tags: ["Licences"],
      summary: "Revoke a licence (its grantor or the work's owner); its sub-licences fall with it",
      security,
      parameters: [hexId("The licence id")],
      responses: {
        "200": { description: "Revoked on chain", content: json(obj({ licence: { allOf: [ref("Licence"), obj(mined)] } })) },
        "404": error("UNKNOWN_LICENCE"),
        "409": error("LICENCE_REVOKED: revoked already"),
        ...auth,
        "403": error("NOT_REVOKER"),
      },
    },
  },
  "/api/v1/notices": {
    post: {
      operationId: "fileNotice", tags: ["Licences"],
      summary: "File an infringement notice (rights holder) about a work, or a product brand and batch; only hashes of the location and evidence go on chain",
      security,
      requestBody: { required: true, content: json(input(fileNoticeBody)) },
      responses: {
        ...faults,
        "201": { description: "Filed on chain", content: json(obj({ notice: { allOf: [ref("Notice"), obj({ location: str, ...mined })] } })) },
        "400": error("UNKNOWN_WORK (work), UNKNOWN_PLATFORM (platform), UNKNOWN_COUNTRY (territory), INVALID_URL (location), UNKNOWN_BRAND, UNKNOWN_BATCH, WORK_OR_PRODUCT, EVIDENCE_OR_HASH"),
        "401": auth["401"],
        "403": auth["403"],
        "409": error("NOTICE_EXISTS"),
      },
    },
    get: {
      operationId: "listNotices", tags: ["Licences"], security: open,
      summary: "The public register of notices and answers, oldest first: the notices from the chain index (NoticeFiled events), their state from the chain, a page at a time",
      parameters: [q("work", "a work id"), q("rightsHolder", "sender or principal: an address or organisation id"), q("platform", "a platform's name, id or organisation id"), ...pageParameters],
      responses: {
        ...limited,
        ...faults,
        "200": { description: "A page of notices", content: json(obj({ notices: { type: "array", items: ref("Notice") }, ...pageFields })) },
        "400": auth["400"],
      },
    },
  },
  "/api/v1/notices/{id}": {
    get: {
      operationId: "getNotice", tags: ["Licences"], security: open,
      summary: "A notice and its answer",
      parameters: [hexId("The notice id")],
      responses: { ...limited, ...faults, "200": { description: "The notice", content: json(obj({ notice: ref("Notice") })) }, "400": auth["400"], "404": error("UNKNOWN_NOTICE") },
    },
  },
  "/api/v1/notices/{id}/answer": {
    post: {
      operationId: "answerNotice", tags: ["Licences"],
      summary: "Answer a notice, once (the recipient platform): removed, rejected (reason, explanation) or counter-notice (its hash or text)",
      security,
      parameters: [hexId("The notice id")],
      requestBody: { required: true, content: json(input(answerNoticeBody)) },
      responses: {
        "200": { description: "Answered on chain", content: json(obj({ notice: { allOf: [ref("Notice"), obj(mined)] } })) },
        "404": error("UNKNOWN_NOTICE"),
        "409": error("NOTICE_ANSWERED"),
        ...auth,
        "403": error("NOT_RECIPIENT, or not a platform key"),
      },
    },
  },
  "/api/v1/content/check": {
    post: {
      operationId: "checkContent", tags: ["Licences"],
      summary: `Content check (platform): a file (raw body; uploader, territory, time in the query) or its hashes (JSON) → exact SHA-256 match and perceptual matches within ${PHASH_MATCH_THRESHOLD} bits, each with isLicensed for the calling platform`,
      security,
      parameters: [q("uploader", "with a raw upload: an address or organisation id"), q("territory", "with a raw upload: ISO 3166-1 alpha-2"), q("time", "with a raw upload: ISO 8601 (default: now)")],
      requestBody: { required: true, content: { ...upload, ...json(input(contentCheckBody)) } },
      responses: {
        "200": { description: "Matches and the licence answer", content: json(ref("ContentCheck")) },
        "413": error("PAYLOAD_TOO_LARGE, or IMAGE_TOO_LARGE: the image declares more pixels than IMAGE_MEMORY_MB allows, or needed more memory"),
        "415": error("UNSUPPORTED_IMAGE or UNSUPPORTED_MEDIA_TYPE"),
        ...imageDecoding,
        ...auth,
      },
    },
  },
};
