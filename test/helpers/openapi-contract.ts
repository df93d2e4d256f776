/**
 * Checks a real answer of the service against what the OpenAPI description promises for it: the status is
 * documented for the operation, the content type is one the answer lists, and the body validates against
 * its schema (JSON Schema 2020-12, as OpenAPI 3.1 says). The schemas are closed for the check (an object may
 * hold no property the description does not name), so that a field added to a route without its
 * description fails here rather than surprising a client.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Json = Record<string, any>;
export type Answer = { status: number; body: unknown; headers: Headers };

/** Every object schema that names its properties gets `unevaluatedProperties: false`, except allOf members (their allOf is closed instead). */
function closed(schema: unknown, openComponents: Set<string>, insideAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, openComponents));
  if (schema === null || typeof schema !== "object") return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    if (key === "allOf") out.allOf = (value as unknown[]).map((member) => closed(member, openComponents, true));
    else if (key === "properties") out.properties = Object.fromEntries(Object.entries(value as Json).map(([name, s]) => [name, closed(s, openComponents)]));
    else out[key] = closed(value, openComponents);
  }
  const isObject = "properties" in out || "allOf" in out;
  if (isObject && !insideAllOf && !("additionalProperties" in out)) out.unevaluatedProperties = false;
  return out;
}

/** The components that appear directly in an allOf: closing them would refuse the other members' properties. */
function allOfMembers(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => allOfMembers(n, found));
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === "allOf") for (const member of value as Json[]) if (typeof member.$ref === "string") found.add(member.$ref.split("/").pop()!);
      allOfMembers(value, found);
    }
  }
  return found;
}

export function openApiContract(document: Json) {
  const open = allOfMembers(document);
  const schemas = Object.fromEntries(
    Object.entries(document.components.schemas as Json).map(([name, schema]) => [name, closed(schema, open, open.has(name))]),
  );
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const compiled = new Map<string, ValidateFunction>();
  const resolve = (node: Json): Json => (typeof node.$ref === "string" ? resolve(node.$ref.slice(2).split("/").reduce((at: Json, key: string) => at[key], document)) : node);

  /** Throws, saying what differs, unless `answer` is one the description documents for `method path`. */
  return function expectDocumented(method: string, path: string, answer: Answer): void {
    const where = `${method} ${path} → ${answer.status}`;
    const operation = document.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${path} is not described`);
    const documented = operation.responses[String(answer.status)];
    if (!documented) throw new Error(`${where} is not documented (documented: ${Object.keys(operation.responses).join(", ")})`);
    const response = resolve(documented);
    const type = (answer.headers.get("content-type") ?? "").split(";")[0]!.trim();
    if (response.content === undefined) {
      if (answer.body !== "" && answer.body !== undefined) throw new Error(`${where} has a body the description does not mention`);
      return;
    }
    const media = response.content[type];
    if (!media) throw new Error(`${where} is ${type}, not one of ${Object.keys(response.content).join(", ")}`);
    const key = `${path} ${method} ${answer.status} ${type}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile({ ...(closed(media.schema, open) as Json), components: { schemas } });
      compiled.set(key, validate);
    }
    if (!validate(answer.body)) {
      throw new Error(`${where} does not match its schema:\n${(validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`).join("\n")}\nbody: ${JSON.stringify(answer.body).slice(0, 2000)}`);
    }
  };
}
