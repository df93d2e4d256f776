/** The small builders every part of the OpenAPI description uses, written once. */
import { z } from "zod";

export const json = (schema: object) => ({ "application/json": { schema } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** One of the shared answers in `components.responses` (see `common.ts`). */
export const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
export const error = (description: string) => ({ description, content: json(ref("Error")) });
/** A request body's schema from the zod schema the route validates it with. */
export const input = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input" });
/** The routes that need an organisation's API key. */
export const security = [{ apiKey: [] }];
/** The routes anyone may call: said explicitly, so that a route without a word about keys fails the lint. */
export const open: never[] = [];
/**
 * What any route may answer when something beyond the client fails: 503 when a dependency (the chain, the
 * store) does not answer, 500 for a fault of ours. Both carry the one Error body.
 */
export const faults = { "500": response("Internal"), "503": response("Unavailable") };
/** The public routes behind the shared rate limit. */
export const limited = { "429": response("RateLimited") };
/** The answers of any authenticated route. */
export const auth = {
  "400": response("BadRequest"),
  "401": response("Unauthorized"),
  "403": response("Forbidden"),
  ...faults,
};
/** The answers of an authenticated route whose body is read: those of `auth`, and 413 for a body over the limit. */
export const authWithBody = { ...auth, "413": error("PAYLOAD_TOO_LARGE: the request body is over BODY_LIMIT") };
export const int = { type: "integer" };
/** A 32-byte id (brand, batch, item, leaf, root) as 0x-prefixed hex. */
export const hex32 = { type: "string", pattern: "^0x[0-9a-fA-F]{64}$" };
export const obj = (properties: Record<string, object>, required?: string[]) => ({ type: "object", properties, ...(required ? { required } : {}) });
export const str = { type: "string" };
/** Non-JSON bodies still get a schema, so that every documented answer says what it holds. */
export const text = (mediaType: string) => ({ [mediaType]: { schema: { type: "string" } } });
export const binary = (mediaType: string) => ({ [mediaType]: { schema: { type: "string", contentMediaType: mediaType } } });
export const html = text("text/html");
