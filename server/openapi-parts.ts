/** The small builders every part of the OpenAPI description uses, written once. */
import { z } from "zod";

export const json = (schema: object) => ({ "application/json": { schema } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const error = (description: string) => ({ description, content: json(ref("Error")) });
/** A request body's schema from the zod schema the route validates it with. */
export const input = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input" });
export const security = [{ apiKey: [] }];
/** The answers of any authenticated route. */
export const auth = {
  "400": error("Invalid input (`error` and `field` say which)"),
  "401": error("No valid API key"),
  "403": error("The key's organisation may not do this"),
};
export const obj = (properties: Record<string, object>) => ({ type: "object", properties });
export const str = { type: "string" };
