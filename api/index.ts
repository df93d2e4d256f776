/**
 * The HTTP API's contract, shared by the service (which validates requests with these schemas and
 * answers in these views), the CLI and the web app. It imports only `core/` and libraries, never
 * `server/`, so a client can take it without loading the service (test/api/imports.test.ts).
 */
export * from "./batches.ts";
export * from "./brands.ts";
export * from "./customs.ts";
export * from "./errors.ts";
export * from "./keys.ts";
export * from "./licences.ts";
export * from "./retailers.ts";
export * from "./shipments.ts";
export * from "./verification.ts";
