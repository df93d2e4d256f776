/** The API description tells clients of the chain-fault answer on every write that reaches the chain. */
import { expect } from "chai";
import { openApiDocument } from "../../server/openapi.ts";

describe("OpenAPI: chain faults", function () {
  const paths = openApiDocument("https://id.example.com").paths as Record<string, Record<string, { responses: Record<string, any> }>>;
  const writes = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ["post", "delete"].includes(method) && path.startsWith("/api/v1/"))
      .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );

  it("describes every write but POST /api/v1/sessions with 503 CHAIN_UNREACHABLE", function () {
    expect(writes.length).to.be.above(25);
    for (const { name, operation } of writes) {
      const answer = operation.responses["503"];
      if (name === "POST /api/v1/sessions") {
        expect(answer, name).to.equal(undefined);
        continue;
      }
      expect(answer?.description, name).to.match(/CHAIN_UNREACHABLE/);
      expect(answer.content["application/json"].schema, name).to.deep.equal({ $ref: "#/components/schemas/Error" });
    }
  });

  it("names Retry-After on the chain-fault answers it adds, and keeps the other 503 they share", function () {
    const brands = paths["/api/v1/brands"]!.post!.responses["503"];
    expect(brands.headers["Retry-After"].schema).to.deep.equal({ type: "integer" });
    expect(paths["/api/v1/platforms"]!.post!.responses["503"].description).to.match(/^LICENCES_NOT_DEPLOYED; or CHAIN_UNREACHABLE/);
  });

  it("describes what /readyz answers, ready or not", function () {
    const readyz = paths["/readyz"]!.get!.responses;
    for (const status of ["200", "503"]) {
      expect(readyz[status].content["application/json"].schema.properties.status.enum).to.deep.equal(["ready", "not ready"]);
    }
  });
});
