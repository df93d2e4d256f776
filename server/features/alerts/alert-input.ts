/**
 * A new alert's request, checked field by field so that one 400 names every wrong field (the console shows
 * each beside its input): the shape first (zod), then the GS1 and ISO 3166 rules of each field whose shape
 * is right, in their own codes (GS1_BAD_CHECK_DIGIT, UNKNOWN_COUNTRY with "use GB" for UK, …).
 */
import { normalizeGtin, validatePathValue } from "../../../core/gs1/index.ts";
import { checkCountryCode } from "../../../core/iso3166.ts";
import { raiseAlertBody } from "../../../api/alerts.ts";
import { checked, fieldsError, issueWords, leadOf, zodProblems, type FieldProblem } from "../../http/field-problems.ts";

/** A request whose every field was checked: the GTIN as 14 digits, the reason trimmed, days defaulted. */
export type RaiseAlertInput = { gtin: string; lot: string | undefined; country: string; origin: string | undefined; reason: string; days: number };


export function readAlertInput(body: unknown): RaiseAlertInput {
  const parsed = raiseAlertBody.safeParse(body ?? {}, { error: issueWords });
  const problems: FieldProblem[] = parsed.success ? [] : zodProblems(parsed.error.issues, body, "body");
  const raw = (body ?? {}) as Record<string, string>;
  const shapeOk = (field: string) => !problems.some((p) => p.field === field);
  const gtin = shapeOk("gtin") ? checked(problems, "gtin", () => normalizeGtin(raw.gtin!)) : undefined;
  if (shapeOk("lot") && raw.lot !== undefined) checked(problems, "lot", () => validatePathValue(raw.lot!, "10"));
  if (shapeOk("country")) checked(problems, "country", () => checkCountryCode(raw.country!, "country"));
  if (shapeOk("origin") && raw.origin !== undefined) checked(problems, "origin", () => checkCountryCode(raw.origin!, "origin"));
  if (!parsed.success) throw fieldsError(problems, leadOf(parsed.error.issues[0]!, body, "body"));
  if (problems.length > 0) throw fieldsError(problems);
  const { lot, country, origin, reason, days } = parsed.data;
  return { gtin: gtin!, lot, country, origin, reason, days };
}
