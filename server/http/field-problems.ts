/**
 * A 400 names every field that is wrong, each with a code and a message a person can act on ("GTIN must not
 * be empty"), not the validator's wording ("Too small: expected string to have >=1 characters"). Schema
 * messages are written as predicates ("must be YYMMDD…"); the field's name in words goes in front.
 */
import type { z } from "zod";
import { AppError } from "../errors.ts";

export type { FieldError as FieldProblem } from "../../api/errors.ts";
import type { FieldError as FieldProblem } from "../../api/errors.ts";

/** Field names as people read them; any other field is named as the API spells it. */
const FIELD_WORDS: Record<string, string> = {
  gtin: "GTIN",
  lot: "Lot",
  expiry: "Expiry",
  quantity: "Quantity",
  serials: "The serial list",
  serial: "Serial",
  metadataUri: "Metadata URI",
  name: "Name",
  country: "Country",
  status: "Status",
};

export function fieldWords(field: string): string {
  const serial = /^serials\[(\d+)\]$/.exec(field);
  if (serial) return `Serial ${Number(serial[1]) + 1} of the list`;
  return FIELD_WORDS[field] ?? field;
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

const count = (n: number | bigint, one: string, many: string) => `${n} ${n === 1 || n === 1n ? one : many}`;

/** The words for an issue zod would otherwise describe in its own terms; `undefined` keeps a schema's message. */
export function issueWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "too_small": {
      const min = issue.minimum as number;
      if (issue.origin === "string") return min === 1 ? "must not be empty" : `must have at least ${count(min, "character", "characters")}`;
      if (issue.origin === "array") return min === 1 ? "must not be empty" : `must have at least ${count(min, "entry", "entries")}`;
      return `must be at least ${min}`;
    }
    case "too_big": {
      const max = issue.maximum as number;
      if (issue.origin === "string") return `must have at most ${count(max, "character", "characters")}`;
      if (issue.origin === "array") return `must have at most ${count(max, "entry", "entries")}`;
      return `must be at most ${max}`;
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "invalid_format":
      return "is not in the expected format";
    case "unrecognized_keys":
      return "is not a field of this request";
    case "invalid_union":
      return "does not match any accepted form of this request";
    default:
      return undefined;
  }
}

function codeOf(issue: z.core.$ZodIssue, given: unknown): string {
  if (issue.code === "unrecognized_keys") return "UNKNOWN_FIELD";
  return given === undefined ? "MISSING_FIELD" : "INVALID_FIELD";
}

/**
 * A request that may take one of several forms (a label's URI, or GTIN, lot and serial) fails as a whole
 * ("matches no form"), which tells nobody which field to fix. The form the caller meant is the one whose
 * fields they used: no unknown field, then the fewest problems. Its problems stand for the union's. A union
 * of plain values keeps its own message.
 */
function meantForm(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    // Only forms that are objects: a union of values ("a date or a date-time") keeps its own message.
    const objectForms = issue.code === "invalid_union" && issue.errors.length > 0 && issue.errors.every((form) => form.every((inner) => inner.path.length > 0 || inner.code === "unrecognized_keys"));
    if (!objectForms) return [issue];
    const score = (form: readonly z.core.$ZodIssue[]) => (form.some((inner) => inner.code === "unrecognized_keys") ? 1_000 : 0) + form.length;
    const meant = [...issue.errors].sort((a, b) => score(a) - score(b))[0]!;
    return meantForm(meant.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue));
  });
}

/** One problem per field zod found wrong (an unknown key is a field of its own). */
export function zodProblems(allIssues: readonly z.core.$ZodIssue[], value: unknown, where: string): FieldProblem[] {
  const issues = meantForm(allIssues);
  return issues.flatMap((issue) => {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const field = base ? `${base}.${key}` : key;
        return { field, code: "UNKNOWN_FIELD", message: `${field} is not a field of this request` };
      });
    }
    const field = base || where;
    const given = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], value);
    return [{ field, code: codeOf(issue, given), message: `${fieldWords(field)} ${issue.message}` }];
  });
}

/** The error and field a 400 led with before `fields` existed, kept so that no client breaks: the first issue. */
export function leadOf(firstIssue: z.core.$ZodIssue, value: unknown, where: string): FieldProblem {
  const issue = meantForm([firstIssue])[0]!;
  const field = issue.path.map(String).join(".") || where;
  const given = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], value);
  return { field, code: codeOf(issue, given), message: `${field}: ${issue.message}` };
}

/** The one 400 for a request with wrong fields: `lead` (by default the first problem) names it, `fields` lists them all. */
export function fieldsError(problems: readonly FieldProblem[], lead: FieldProblem = problems[0]!): AppError {
  return new AppError(lead.message, { status: 400, code: lead.code, field: lead.field, fields: [...problems] });
}

/** Runs one field's rule; a protocol error becomes that field's problem, in its own code and words. */
export function checked<T>(problems: FieldProblem[], field: string, rule: () => T): T | undefined {
  try {
    return rule();
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    problems.push({ field, code: code ?? "INVALID_FIELD", message });
    return undefined;
  }
}
