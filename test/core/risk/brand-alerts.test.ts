import { expect } from "chai";
import { BrandAlertIndex, type AlertRule } from "../../../core/risk/brand-alerts.ts";

const ACME = `0x${"a1".repeat(32)}`;
const GLOBEX = `0x${"b2".repeat(32)}`;
const GTIN = "09506000134352";
const rule = (overrides: Partial<AlertRule>): AlertRule => ({ brandId: ACME, gtin: GTIN, lot: undefined, country: "NL", origin: undefined, reason: "r", ...overrides });

describe("BrandAlertIndex", function () {
  it("matches an alert of the batch's brand and GTIN bound for its country, once however many batches match", function () {
    const alert = rule({ reason: "any lot" });
    const index = new BrandAlertIndex([alert]);
    const batches = [{ brandId: ACME.toUpperCase().replace("0X", "0x"), gtin: GTIN, lot: "L1" }, { brandId: ACME, gtin: GTIN, lot: "L2" }];
    expect(index.match(batches, "NL", "CN")).to.deep.equal([alert]);
    expect(index.match(batches, "DE", "CN")).to.deep.equal([]);
  });

  it("reads a GTIN of fewer digits as its 14-digit form", function () {
    expect(new BrandAlertIndex([rule({})]).match([{ brandId: ACME, gtin: GTIN.slice(1), lot: "L1" }], "NL", "CN")).to.have.length(1);
  });

  it("holds an alert to its lot and origin when it names them, and to its own brand", function () {
    const lot = rule({ lot: "L2", reason: "lot" });
    const origin = rule({ origin: "VN", reason: "origin" });
    const theirs = rule({ brandId: GLOBEX, reason: "theirs" });
    const index = new BrandAlertIndex([lot, origin, theirs]);
    expect(index.match([{ brandId: ACME, gtin: GTIN, lot: "L1" }], "NL", "CN")).to.deep.equal([]);
    expect(index.match([{ brandId: ACME, gtin: GTIN, lot: "L2" }], "NL", "VN").map((a) => a.reason)).to.deep.equal(["lot", "origin"]);
    expect(index.match([{ brandId: GLOBEX, gtin: GTIN, lot: "L1" }], "NL", "CN").map((a) => a.reason)).to.deep.equal(["theirs"]);
  });
});
