/**
 * Request validation with zod: every problem becomes part of one 400, the first naming the error (`error`,
 * `field`) and `fields` listing them all in words.
 */
import type { z } from "zod";
import { fieldsError, issueWords, leadOf, zodProblems } from "./field-problems.ts";

export function validate<S extends z.ZodType>(schema: S, value: unknown, where: "body" | "query" | "path"): z.infer<S> {
  const parsed = schema.safeParse(value ?? {}, { error: issueWords });
  if (parsed.success) return parsed.data;
  throw fieldsError(zodProblems(parsed.error.issues, value, where), leadOf(parsed.error.issues[0]!, value, where));
}
