import { expect } from "chai";
import { classifyInspected, emptyTally, inspectionKey, onChainCounts } from "../../core/inspection.ts";
import type { Verdict, VerdictName } from "../../core/verdict.ts";

const verdict = (name: VerdictName, itemId?: `0x${string}`): Verdict => ({ verdict: name, reasons: [], ...(itemId && { itemId }) });

describe("core/inspection", function () {
  it("sorts genuine items by whether the shipment declared them", function () {
    expect(classifyInspected(verdict("GENUINE"), true, false)).to.equal("declared");
    expect(classifyInspected(verdict("GENUINE"), false, false)).to.equal("undeclared");
  });

  it("classes a declared genuine item past its expiry as expired, and an undeclared one as undeclared", function () {
    const expired = (name: VerdictName): Verdict => ({ verdict: name, reasons: [], expiry: { date: "2026-03-03", expired: true } });
    const inDate: Verdict = { verdict: "GENUINE", reasons: [], expiry: { date: "2027-03-03", expired: false } };
    expect(classifyInspected(expired("GENUINE"), true, false)).to.equal("expired");
    expect(classifyInspected(expired("SUSPICIOUS"), true, false)).to.equal("expired");
    expect(classifyInspected(expired("GENUINE"), false, false)).to.equal("undeclared");
    expect(classifyInspected(expired("REVOKED"), true, false)).to.equal("revoked");
    expect(classifyInspected(expired("COUNTERFEIT"), true, false)).to.equal("counterfeit");
    expect(classifyInspected(expired("GENUINE"), true, true)).to.equal("duplicate");
    expect(classifyInspected(inDate, true, false)).to.equal("declared");
  });

  it("classes a consumer-history SUSPICIOUS item by its declaration, as a genuine one", function () {
    expect(classifyInspected(verdict("SUSPICIOUS"), true, false)).to.equal("declared");
  });

  it("keeps counterfeit, revoked and unverified apart whatever the declaration says", function () {
    expect(classifyInspected(verdict("COUNTERFEIT"), true, false)).to.equal("counterfeit");
    expect(classifyInspected(verdict("REVOKED"), true, false)).to.equal("revoked");
    expect(classifyInspected(verdict("UNVERIFIED"), true, false)).to.equal("unverified");
  });

  it("counts a second scan as a duplicate, keyed by the item or else by the text", function () {
    expect(classifyInspected(verdict("COUNTERFEIT"), false, true)).to.equal("duplicate");
    expect(inspectionKey(verdict("GENUINE", "0x01"), " https://x ")).to.equal("0x01");
    expect(inspectionKey(verdict("COUNTERFEIT"), " junk ")).to.equal("text:junk");
  });

  it("puts only real items in the on-chain counts", function () {
    const tally = { ...emptyTally(), declared: 1000, expired: 4, undeclared: 50, counterfeit: 20, revoked: 3, duplicate: 7, unverified: 1 };
    expect(onChainCounts(tally)).to.deep.equal({ genuine: 1004, counterfeit: 20, undeclared: 50, revoked: 3 });
  });
});
