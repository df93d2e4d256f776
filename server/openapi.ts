/**
 * The OpenAPI 3.1 description of every route, assembled from each feature's part (its `openapi.ts`) and the
 * operations routes described here. Request bodies come from the same zod schemas the routes validate
 * with; a test checks that every route the app serves is described here.
 */
import { STATUS_VALUES } from "../api/batches.ts";
import { brandPaths, brandSchemas } from "./features/brands/openapi.ts";
import { licencePaths, licenceSchemas } from "./features/licences/openapi.ts";
import { apiKeyPaths, apiKeySchemas } from "./features/organisations/api-keys/openapi.ts";
import { registerPaths, registerSchemas } from "./features/register/openapi.ts";
import { alertPaths, alertSchemas } from "./features/alerts/openapi.ts";
import { intelligencePaths, intelligenceSchemas } from "./features/intelligence/openapi.ts";
import { retailPaths, retailSchemas } from "./features/retail/openapi.ts";
import { riskPaths, riskSchemas } from "./features/shipments/risk/openapi.ts";
import { shipmentPaths, shipmentSchemas } from "./features/shipments/openapi.ts";
import { verificationPaths, verificationSchemas } from "./features/verification/openapi.ts";
import { errorSchema, sharedResponses, tags } from "./http/openapi/common.ts";
import { withDependencyFaults } from "./http/openapi/faults.ts";
import { error, faults, html, json, obj, open, ref, text } from "./http/openapi/parts.ts";


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
        ...brandSchemas,
        ...retailSchemas,
        ...verificationSchemas,
        ...shipmentSchemas,
        ...riskSchemas,
        ...registerSchemas,
        ...intelligenceSchemas,
        ...licenceSchemas,
        ...apiKeySchemas,
        ...alertSchemas,
      },
    },
    paths: withDependencyFaults({
      ...retailPaths,
      ...verificationPaths,
      ...brandPaths,
      ...shipmentPaths,
      ...riskPaths,
      ...registerPaths,
      ...intelligencePaths,
      ...licencePaths,
      ...apiKeyPaths,
      ...alertPaths,
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
