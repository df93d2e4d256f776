import { expect } from "chai";
import { z } from "zod";
import { activationBody } from "../../../api/retailers.ts";
import { AppError } from "../../../server/errors.ts";
import { validate } from "../../../server/http/validate.ts";

/** The 400 a value gets, as a client reads it. */
function refusal(schema: z.ZodType, value: unknown): { code: unknown; field: unknown; fields: unknown } {
  try {
    validate(schema, value, "body");
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    const { code, field, fields } = error as AppError & { field?: unknown; fields?: unknown };
    return { code, field, fields };
  }
  throw new Error("accepted");
}

describe("server/http/validate", function () {
  context("a body that takes one of several forms", function () {
    it("names the missing field of the form the caller's fields name, not 'no accepted form'", function () {
      for (const body of [{ code: "https://id.example/01/09506000134352/10/L1/21/S" }, { gtin: "9506000134352", lot: "L1", serial: "S" }]) {
        const { code, field, fields } = refusal(activationBody, body);
        expect({ code, field }).to.deep.equal({ code: "MISSING_FIELD", field: "country" });
        expect(fields).to.deep.equal([{ field: "country", code: "MISSING_FIELD", message: "Country is required" }]);
      }
    });

    it("keeps the union's own message for a union of plain values", function () {
      const since = z.strictObject({ since: z.union([z.iso.date(), z.iso.datetime()], "must be a date (YYYY-MM-DD) or an ISO 8601 date-time") });
      const { fields } = refusal(since, { since: "yesterday" });
      expect(fields).to.deep.equal([{ field: "since", code: "INVALID_FIELD", message: "since must be a date (YYYY-MM-DD) or an ISO 8601 date-time" }]);
    });
  });
});
