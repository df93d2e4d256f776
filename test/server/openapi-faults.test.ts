/**
 * The API description tells clients of the dependency-fault answers: the chain's on every write that
 * reaches it, the database's on every operation that uses the store.
 */
import { expect } from "chai";
import { openApiDocument } from "../../server/openapi.ts";

describe("OpenAPI: chain and database faults", function () {
  const document = openApiDocument("https://id.example.com") as any;
  const paths = document.paths as Record<string, Record<string, { responses: Record<string, any> }>>;
  /** An answer, or the shared answer it refers to. */
  const resolved = (answer: any): any => (answer?.$ref ? document.components.responses[answer.$ref.split("/").pop()] : answer);
  const schemaOf = (answer: any): any => {
    const schema = resolved(answer).content["application/json"].schema;
    return schema.$ref ? document.components.schemas[schema.$ref.split("/").pop()] : schema;
  };
  const writes = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ["post", "delete"].includes(method) && path.startsWith("/api/v1/"))
      .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );

  it("describes every write with 503 CHAIN_UNREACHABLE, as the one Error body", function () {
    expect(writes.length).to.be.above(25);
    for (const { name, operation } of writes) {
      const answer = resolved(operation.responses["503"]);
      expect(answer?.description, name).to.match(/CHAIN_UNREACHABLE/);
      expect(schemaOf(answer), name).to.deep.equal(document.components.schemas.Error);
    }
  });

  it("names Retry-After on the chain-fault answers it adds, and keeps the other 503 they share", function () {
    const brands = paths["/api/v1/brands"]!.post!.responses["503"];
    expect(resolved(brands).headers["Retry-After"].schema.type).to.equal("integer");
    const platforms = resolved(paths["/api/v1/platforms"]!.post!.responses["503"]).description;
    expect(platforms).to.match(/LICENCES_NOT_DEPLOYED/).and.to.match(/CHAIN_UNREACHABLE/);
  });

  it("describes 503 DATABASE_UNAVAILABLE with Retry-After on every API operation that uses the store", function () {
    const operations = Object.entries(paths)
      .filter(([path]) => path.startsWith("/api/v1/"))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));
    const storeFree = ["GET /api/v1/network", "GET /api/v1/openapi.json", "GET /api/v1/prefixes/{prefix}", "GET /api/v1/licences/check"];
    for (const { name, operation } of operations) {
      if (storeFree.includes(name)) continue;
      const answer = resolved(operation.responses["503"]);
      expect(answer?.description, name).to.match(/DATABASE_UNAVAILABLE/);
      expect(answer.description, name).not.to.match(/undefined/);
      expect(answer.headers["Retry-After"].schema.type, name).to.equal("integer");
    }
    // A write keeps the chain's answer beside the database's.
    expect(resolved(paths["/api/v1/batches"]!.post!.responses["503"]).description).to.match(/CHAIN_UNREACHABLE/).and.to.match(/DATABASE_UNAVAILABLE/);
  });

  it("describes what /readyz answers, ready or not", function () {
    const readyz = paths["/readyz"]!.get!.responses;
    for (const status of ["200", "503"]) {
      expect(schemaOf(readyz[status]).properties.status.enum).to.deep.equal(["ready", "not ready"]);
    }
  });
});
