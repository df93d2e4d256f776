import { expect } from "chai";
import { openApiDocument } from "../../server/openapi.ts";

type Json = Record<string, any>;
const document = openApiDocument("https://veritrace.invalid") as Json;
const resolve = (node: Json): Json => (typeof node.$ref === "string" ? resolve(node.$ref.slice(2).split("/").reduce((at: Json, key: string) => at[key], document)) : node);
const operations = Object.entries(document.paths as Json).flatMap(([path, item]) => Object.entries(item as Json).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op: op as Json })));

const ERROR = "#/components/schemas/Error";

describe("the OpenAPI description", function () {
  it("answers every error with the one Error body the error handler writes", function () {
    // /readyz's 503 is its readiness report, not an error: the monitor reads which check failed.
    const exceptions = new Set(["GET /readyz 503"]);
    let checked = 0;
    for (const { where, op } of operations) {
      for (const [status, documented] of Object.entries(op.responses as Json)) {
        if (Number(status) < 400 || exceptions.has(`${where} ${status}`)) continue;
        const schema = resolve(documented).content?.["application/json"]?.schema;
        // The Error body itself, or the Error body with `details` of a code's own shape (allOf: [Error, …]).
        const errorBody = schema?.$ref === ERROR ? schema : resolve(schema ?? {}).allOf?.[0];
        expect(errorBody, `${where} ${status}`).to.deep.equal({ $ref: ERROR });
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(300);
  });

  it("gives operations unique camelCase ids and a declared tag, and says who may call each", function () {
    const tags = new Set((document.tags as Json[]).map((t) => t.name));
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const { where, op } of operations) {
      expect(op.operationId, where).to.match(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.tags, where).to.have.length(1);
      expect(tags.has(op.tags[0]), where).to.equal(true);
      expect(op.security, where).to.be.an("array");
    }
  });

  it("lets anyone call the public routes and asks a key of the organisation routes", function () {
    const security = (method: string, path: string) => document.paths[path][method].security;
    for (const [method, path] of [["get", "/api/v1/verify"], ["get", "/api/v1/proof"], ["post", "/api/v1/scans"], ["get", "/healthz"], ["get", "/docs/api"]]) {
      expect(security(method!, path!), `${method} ${path}`).to.deep.equal([]);
    }
    for (const [method, path] of [["post", "/api/v1/batches"], ["post", "/api/v1/brands"], ["post", "/api/v1/licences"], ["post", "/api/v1/shipments"]]) {
      expect(security(method!, path!), `${method} ${path}`).to.deep.equal([{ apiKey: [] }]);
    }
  });
});
