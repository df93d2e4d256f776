/**
 * A new batch's 400 names every wrong field, each with a code and a message in words, so that the console
 * can show each beside its input; the leading `error`/`field`/`message` stay as clients knew them.
 */
import { expect } from "chai";
import { startTestService, type TestService } from "../../../helpers/service.ts";

describe("POST /batches: every wrong field named", function () {
  let svc: TestService;
  let apiKey: string;

  before(async function () {
    svc = await startTestService({ MAX_BATCH_QUANTITY: "100" });
    ({ apiKey } = await svc.newBrand("Fields Brand"));
  });

  after(async function () {
    await svc?.close();
  });

  const post = (body: unknown) => svc.api("POST", "/api/v1/batches", { key: apiKey, body });

  it("lists the empty GTIN, the missing lot and the missing quantity at once, in words", async function () {
    const res = await post({ gtin: "" });
    expect(res.status).to.equal(400);
    expect(res.body).to.include({ error: "INVALID_FIELD", field: "gtin", message: "gtin: is required: 8, 12, 13 or 14 digits, check digit included" });
    expect(res.body.fields).to.deep.equal([
      { field: "gtin", code: "INVALID_FIELD", message: "GTIN is required: 8, 12, 13 or 14 digits, check digit included" },
      { field: "lot", code: "MISSING_FIELD", message: "Lot is required" },
      { field: "quantity", code: "QUANTITY_OR_SERIALS", message: "Quantity is required, or else a list of your own serials" },
    ]);
    const both = await post({ gtin: "09506000134352", lot: "L1", quantity: 2, serials: ["A", "B"] });
    expect(both.body.fields).to.deep.equal([
      { field: "quantity", code: "QUANTITY_OR_SERIALS", message: "Give either quantity (the service makes the serials) or serials (your own list), not both" },
    ]);
  });

  it("holds each well-shaped field to its GS1 rule and names every one that breaks it", async function () {
    const res = await post({ gtin: "9506000134353", lot: "L#1", expiry: "271399", quantity: 1.5 });
    expect(res.status).to.equal(400);
    expect(res.body).to.include({ error: "INVALID_FIELD", field: "quantity", message: "quantity: must be a whole number" });
    const byField = Object.fromEntries(res.body.fields.map((p: { field: string; code: string; message: string }) => [p.field, p]));
    expect(Object.keys(byField)).to.deep.equal(["quantity", "gtin", "lot", "expiry"]);
    expect(byField.quantity).to.deep.equal({ field: "quantity", code: "INVALID_FIELD", message: "Quantity must be a whole number" });
    expect(byField.gtin.code).to.equal("GS1_BAD_CHECK_DIGIT");
    expect(byField.gtin.message).to.match(/^AI \(01\) GTIN .*check digit/);
    expect(byField.lot.code).to.match(/^GS1_/);
    expect(byField.lot.message).to.match(/^AI \(10\) lot /).and.to.include("#");
    expect(byField.expiry.code).to.equal("GS1_BAD_DATE");
    expect(byField.expiry.message).to.match(/^AI \(17\) expiry /);
  });

  it("names a quantity over the limit, and every bad serial of a list by its index", async function () {
    const over = await post({ gtin: "09506000134352", lot: "L1", quantity: 101 });
    expect(over.body.fields).to.deep.equal([{ field: "quantity", code: "INVALID_QUANTITY", message: "quantity must be from 1 to 100" }]);

    const list = await post({ gtin: "09506000134352", lot: "L1", serials: ["OK-1", "BAD#2", "OK-1", "BAD 4"] });
    expect(list.status).to.equal(400);
    expect(list.body).to.include({ field: "serials[1]" });
    expect(list.body.fields.map((p: { field: string; code: string }) => [p.field, p.code])).to.deep.equal([
      ["serials[1]", list.body.fields[0].code],
      ["serials[2]", "DUPLICATE_SERIAL"],
      ["serials[3]", list.body.fields[2].code],
    ]);
    expect(list.body.fields[0].code).to.match(/^GS1_/);
    expect(list.body.fields[0].message).to.match(/^Serial 2 of the list: AI \(21\) serial /);
    expect(list.body.fields[1].message).to.equal('Serial 3 of the list, "OK-1", appears twice');
  });

  it("names a serial that is not text, and a dot serial a URL would drop (the quick check lets neither through)", async function () {
    const typed = await post({ gtin: "09506000134352", lot: "L1", serials: ["OK-1", 7] });
    expect(typed.status).to.equal(400);
    expect(typed.body).to.include({ error: "INVALID_FIELD", field: "serials.1" });
    const dots = await post({ gtin: "09506000134352", lot: "L1", serials: ["OK-1", ".."] });
    expect(dots.body.fields.map((p: { field: string; code: string }) => [p.field, p.code])).to.deep.equal([["serials[1]", dots.body.fields[0].code]]);
    expect(dots.body.fields[0].code).to.match(/^GS1_/);
  });

  it("names an unknown field by its key, leading with the body as before", async function () {
    const res = await post({ gtin: "09506000134352", lot: "L1", quantity: 1, colour: "red" });
    expect(res.status).to.equal(400);
    expect(res.body).to.include({ error: "UNKNOWN_FIELD", field: "body" });
    expect(res.body.fields).to.deep.equal([{ field: "colour", code: "UNKNOWN_FIELD", message: "colour is not a field of this request" }]);
  });

  it("gives other routes' 400s the list too, in words", async function () {
    const res = await svc.api("POST", `/api/v1/batches/0x${"ab".repeat(32)}/status`, { key: apiKey, body: { status: "lost" } });
    expect(res.status).to.equal(400);
    expect(res.body.fields).to.deep.equal([{ field: "status", code: "INVALID_FIELD", message: 'Status must be one of "active", "recalled", "stolen", "destroyed"' }]);
  });
});
