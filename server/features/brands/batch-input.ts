/**
 * A new batch's request, checked field by field so that one answer names every wrong field (the console
 * shows each beside its input): the shape first (zod), then the GS1 rules of each field whose shape is right.
 */
import { expiryState } from "../../../core/expiry.ts";
import { normalizeGtin, parseExpiry, formatExpiry, validatePathValue } from "../../../core/gs1/index.ts";
import { checked, fieldsError, fieldWords, issueWords, leadOf, zodProblems, type FieldProblem } from "../../http/field-problems.ts";
import { isGs1Serial } from "./issuance/gs1-serial.ts";
import { createBatchBody } from "../../../api/batches.ts";
import { ShardedStringSet } from "./issuance/sharded-string-set.ts";
import { TimeSlice } from "../../time-slice.ts";
import type { CreateBatchInput } from "./batches.ts";

/** A list of thousands of bad serials is answered with the first few; each names its index. */
const MAX_SERIAL_PROBLEMS = 20;

/**
 * Labels whose expiry date has passed would read "expired" from the first scan: such a batch is refused, not
 * anchored for ever. The expiry day itself is still accepted (core/expiry.ts: usable through that day).
 */
function checkExpiryAhead(problems: FieldProblem[], expiry: number): void {
  const { date, expired } = expiryState(expiry, new Date());
  if (expired) {
    problems.push({
      field: "expiry",
      code: "EXPIRY_IN_PAST",
      message: `Expiry ${formatExpiry(expiry)} is ${date}, which has passed: a batch's expiry must be today or later`,
    });
  }
}


/**
 * Every serial held to the GS1 rules and checked for repeats, naming the first few bad ones. A brand's
 * list may hold a million: the check runs in slices that give way to other requests (time-slice.ts), and
 * a serial the quick table check passes skips core's rule-by-rule check, which is what words a problem.
 */
async function checkSerials(problems: FieldProblem[], serials: readonly string[], max: number): Promise<void> {
  if (serials.length === 0) {
    problems.push({ field: "serials", code: "INVALID_QUANTITY", message: "The serial list is empty" });
    return;
  }
  if (serials.length > max) {
    problems.push({
      field: "serials",
      code: "INVALID_QUANTITY",
      message: `A batch holds at most ${max.toLocaleString("en")} items; the list has ${serials.length.toLocaleString("en")}`,
    });
    return;
  }
  const seen = new ShardedStringSet();
  const slice = new TimeSlice();
  let found = 0;
  for (let i = 0; i < serials.length && found < MAX_SERIAL_PROBLEMS; i++) {
    await slice.yieldIfDue();
    const serial = serials[i]!;
    const field = `serials[${i}]`;
    const before = problems.length;
    if (!isPathSafeGs1Serial(serial)) checked(problems, field, () => validatePathValue(serial, "21"));
    if (problems.length === before && seen.has(serial)) {
      problems.push({ field, code: "DUPLICATE_SERIAL", message: `${fieldWords(field)}, ${JSON.stringify(serial)}, appears twice` });
    } else if (problems.length > before) {
      // Which serial of the list, in words: the GS1 message names only the kind of value.
      problems[before]!.message = `${fieldWords(field)}: ${problems[before]!.message}`;
    }
    if (problems.length > before) found++;
    else seen.add(serial);
  }
}

/** What `validatePathValue(serial, "21")` accepts, by a table: GS1 set 82, 1-20 characters, not "." or "..". */
function isPathSafeGs1Serial(serial: unknown): boolean {
  return typeof serial === "string" && isGs1Serial(serial) && serial !== "." && serial !== "..";
}

/** Whether every entry of a list is text, checked in slices like the serials themselves. */
async function allText(list: readonly unknown[]): Promise<boolean> {
  const slice = new TimeSlice();
  for (const entry of list) {
    if (typeof entry !== "string") return false;
    await slice.yieldIfDue();
  }
  return true;
}

/** The request as `createBatch` takes it, or one 400 listing every wrong field. */
export async function readBatchInput(body: unknown, maxQuantity: number): Promise<CreateBatchInput> {
  const problems: FieldProblem[] = [];
  // zod would check a million serials' types in one go, holding up every other request meanwhile: a list
  // of text only is checked in slices and shown to zod empty; zod sees any other list whole, and words its problems.
  const listed = (body as { serials?: unknown } | null | undefined)?.serials;
  const textList = Array.isArray(listed) && (await allText(listed));
  const parsed = createBatchBody.safeParse(textList ? { ...(body as object), serials: [] } : (body ?? {}), { error: issueWords });
  if (!parsed.success) problems.push(...zodProblems(parsed.error.issues, body, "body"));
  // Fields zod found right have the schema's types; each is then held to its GS1 rule.
  const raw = (body ?? {}) as { gtin?: string; lot?: string; expiry?: string; quantity?: number; serials?: string[]; metadataUri?: string };
  const shapeOk = (field: string) => !problems.some((p) => p.field === field || p.field.startsWith(`${field}[`));

  const gtin = shapeOk("gtin") ? checked(problems, "gtin", () => normalizeGtin(raw.gtin!)) : undefined;
  if (shapeOk("lot")) checked(problems, "lot", () => validatePathValue(raw.lot!, "10"));
  const expiry =
    shapeOk("expiry") && raw.expiry !== undefined
      ? checked(problems, "expiry", () => {
          const value = parseExpiry(raw.expiry!);
          formatExpiry(value);
          return value;
        })
      : undefined;
  if (expiry !== undefined) checkExpiryAhead(problems, expiry);
  if (shapeOk("quantity") && shapeOk("serials")) {
    if (raw.quantity === undefined && raw.serials === undefined) {
      problems.push({ field: "quantity", code: "QUANTITY_OR_SERIALS", message: "Quantity is required, or else a list of your own serials" });
    } else if (raw.quantity !== undefined && raw.serials !== undefined) {
      problems.push({
        field: "quantity",
        code: "QUANTITY_OR_SERIALS",
        message: "Give either quantity (the service makes the serials) or serials (your own list), not both",
      });
    } else if (raw.quantity !== undefined && (raw.quantity < 1 || raw.quantity > maxQuantity)) {
      problems.push({ field: "quantity", code: "INVALID_QUANTITY", message: `quantity must be from 1 to ${maxQuantity.toLocaleString("en")}` });
    } else if (raw.serials !== undefined) {
      await checkSerials(problems, raw.serials, maxQuantity);
    }
  }

  // A wrong shape leads as it always did (`field: words`, an unknown key as field `body`), so no client breaks.
  if (!parsed.success) throw fieldsError(problems, leadOf(parsed.error.issues[0]!, body, "body"));
  if (problems.length > 0) throw fieldsError(problems);
  return { gtin: gtin!, lot: parsed.data.lot, expiry, quantity: parsed.data.quantity, serials: raw.serials, metadataUri: parsed.data.metadataUri };
}
