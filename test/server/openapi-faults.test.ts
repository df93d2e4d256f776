/** The API description tells clients of the chain-fault answer on every write that reaches the chain. */
import { expect } from "chai";
import { openApiDocument } from "../../server/openapi.ts";

describe("OpenAPI: chain faults", function () {
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
    expect(resolved(brands).headers["Retry-After"].schema).to.deep.equal({ type: "integer" });
    const platforms = resolved(paths["/api/v1/platforms"]!.post!.responses["503"]).description;
    expect(platforms).to.match(/LICENCES_NOT_DEPLOYED/).and.to.match(/CHAIN_UNREACHABLE/);
  });

  it("describes what /readyz answers, ready or not", function () {
    const readyz = paths["/readyz"]!.get!.responses;
    for (const status of ["200", "503"]) {
      expect(schemaOf(readyz[status]).properties.status.enum).to.deep.equal(["ready", "not ready"]);
    }
  });
});
