/** Request validation with zod: the first problem becomes a 400 naming the field. */
import type { z } from "zod";
import { AppError } from "../errors.ts";

export function validate<S extends z.ZodType>(schema: S, value: unknown, where: "body" | "query" | "path"): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join(".") || where;
  const given = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], value);
  const code = issue.code === "unrecognized_keys" ? "UNKNOWN_FIELD" : given === undefined ? "MISSING_FIELD" : "INVALID_FIELD";
  throw new AppError(`${field}: ${issue.message}`, { status: 400, code, field });
}
