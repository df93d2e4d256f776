/** The OpenAPI part of API keys: list, rotate and revoke an organisation's own keys, or (registrar) anyone's. */
import { auth, error, input, json, obj, ref, security, str } from "../../../http/openapi/parts.ts";
import { rotateKeyBody } from "./routes.ts";

const TAG = "API keys";
const keyId = { name: "keyId", in: "path", required: true, schema: { type: "string", pattern: "^[0-9a-f]{16}$" }, description: "The key's id (from the list)" };
const orgId = { name: "orgId", in: "path", required: true, schema: { type: "string", format: "uuid" }, description: "The organisation's id" };
const nullableTime = { type: ["string", "null"], format: "date-time" };
const revokedKey = { "401": error("No valid API key (UNAUTHORIZED), or a revoked one (API_KEY_REVOKED)") };
const unknownOrg = { "404": error("No such organisation (ORGANISATION_NOT_FOUND) or key (API_KEY_NOT_FOUND)") };

export const apiKeySchemas = {
  ApiKey: obj({
    id: { type: "string", pattern: "^[0-9a-f]{16}$" },
    label: { type: ["string", "null"] },
    createdAt: { type: "string", format: "date-time" },
    lastUsedAt: { ...nullableTime, description: "When it was last accepted, to the minute (null: never)" },
    revokedAt: { ...nullableTime, description: "From when it is refused; a future time is the end of a rotation's grace period" },
    active: { type: "boolean", description: "Whether it is accepted now" },
  }),
  ApiKeyList: obj({ keys: { type: "array", items: ref("ApiKey") } }),
  ApiKeyAnswer: obj({ key: ref("ApiKey") }),
  RotatedApiKey: obj({
    apiKey: { ...str, description: "The new secret (vt_…), shown this once" },
    key: ref("ApiKey"),
    replaced: ref("ApiKey"),
  }),
  RotateApiKey: input(rotateKeyBody),
};

const list = (operationId: string, summary: string, parameters: object[]) => ({
  get: {
    operationId,
    tags: [TAG],
    summary,
    security,
    parameters,
    responses: { "200": { description: "Oldest first; never a secret", content: json(ref("ApiKeyList")) }, ...auth, ...revokedKey, ...(parameters.length ? unknownOrg : {}) },
  },
});

const rotate = (operationId: string, summary: string, parameters: object[]) => ({
  post: {
    operationId,
    tags: [TAG],
    summary,
    security,
    parameters,
    requestBody: { required: false, content: json(ref("RotateApiKey")) },
    responses: {
      "201": { description: "The new key, its secret shown once, and the old key with the time it ends", content: json(ref("RotatedApiKey")) },
      ...auth,
      ...revokedKey,
      ...unknownOrg,
      "409": error("The key was revoked or rotated already (API_KEY_REVOKED)"),
    },
  },
});

const revoke = (operationId: string, summary: string, parameters: object[]) => ({
  delete: {
    operationId,
    tags: [TAG],
    summary,
    security,
    parameters,
    responses: {
      "200": { description: "Revoked: refused from now on with 401 API_KEY_REVOKED (revoking twice changes nothing)", content: json(ref("ApiKeyAnswer")) },
      ...auth,
      ...revokedKey,
      ...unknownOrg,
      "409": error("It is the organisation's last active key: rotate it instead (LAST_API_KEY)"),
    },
  },
});

export const apiKeyPaths = {
  "/api/v1/keys": list("listOwnApiKeys", "Your organisation's API keys: label, created, last used, revoked", []),
  "/api/v1/keys/{keyId}/rotate": rotate("rotateOwnApiKey", "Replace one of your API keys: a new secret, the old one refused at once or after a grace period", [keyId]),
  "/api/v1/keys/{keyId}": revoke("revokeOwnApiKey", "Revoke one of your API keys at once", [keyId]),
  "/api/v1/organisations/{orgId}/keys": list("listApiKeys", "An organisation's API keys (registrar)", [orgId]),
  "/api/v1/organisations/{orgId}/keys/{keyId}/rotate": rotate(
    "rotateApiKey",
    "Replace an organisation's API key (registrar): how a locked-out organisation gets a key again",
    [orgId, keyId],
  ),
  "/api/v1/organisations/{orgId}/keys/{keyId}": revoke("revokeApiKey", "Revoke an organisation's API key at once (registrar), e.g. a leaked one", [orgId, keyId]),
};
