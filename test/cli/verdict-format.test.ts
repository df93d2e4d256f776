import { expect } from "chai";
import type { Verdict } from "../../core/verdict.ts";
import { ExitCode, verdictExitCode } from "../../cli/exit-codes.ts";
import { formatVerdict } from "../../cli/verdict-format.ts";
import type { VerifyResult } from "../../cli/verify.ts";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** What `verifyCode` returns for a verdict, with nothing else to say. */
function resultOf(verdict: Verdict): VerifyResult {
  return {
    verdict,
    uri: "https://id.example.com/01/09506000134352/10/L1/21/S1?17=260303&s=x",
    root: { name: "Test consortium", chainId: 31337, registry: REGISTRY, addedByUser: false },
    chain: { chainId: 31337, registry: REGISTRY, rpcUrl: "http://127.0.0.1:8545", rpcSource: "trust root" },
    labelHostRegistered: undefined,
    registration: undefined,
    service: { announced: undefined, registration: undefined, history: undefined },
    warnings: [],
    notes: [],
  };
}

const code = { gtin: "09506000134352", lot: "L1", serial: "S1", expiry: 260303 };
const expiredReason = { code: "EXPIRED", message: "The item expired on 2026-03-03: it should not be sold or used", detail: "2026-03-03" };

describe("cli verdict format: expiry", function () {
  it("prints an expired genuine item's expiry right under the verdict, in its row and in the advice", function () {
    const text = formatVerdict(resultOf({ verdict: "GENUINE", reasons: [expiredReason], code, expiry: { date: "2026-03-03", expired: true } }));
    const lines = text.split("\n");
    expect(lines[0]).to.equal("✔ GENUINE");
    expect(lines[1]).to.equal("Expired on 3 March 2026 — the item is genuine but past its expiry date: do not sell or use it.");
    expect(lines).to.include("  Expiry     2026-03-03 (EXPIRED)");
    expect(lines).to.include(`  - EXPIRED: ${expiredReason.message}`);
    expect(lines.at(-1)).to.equal("The chain confirms this item, but it is past its expiry date: do not sell or use it.");
  });

  it("prints an item still in date with its date only, and an end-of-month label's resolved day", function () {
    const text = formatVerdict(resultOf({ verdict: "GENUINE", reasons: [], code: { ...code, expiry: 270200 }, expiry: { date: "2027-02-28", expired: false } }));
    expect(text).not.to.include("Expired on");
    expect(text.split("\n")).to.include("  Expiry     2027-02-28 (end of month)");
    expect(text.split("\n").at(-1)).to.equal("The chain confirms this item.");
  });

  it("exits 6 for an expired GENUINE item, 5 for any other verdict whatever its expiry, 0 for one in date", function () {
    expect(verdictExitCode({ verdict: "GENUINE", expiry: { expired: true } })).to.equal(ExitCode.Expired).and.to.equal(6);
    expect(verdictExitCode({ verdict: "SUSPICIOUS", expiry: { expired: true } })).to.equal(ExitCode.NotGenuine);
    expect(verdictExitCode({ verdict: "REVOKED", expiry: { expired: true } })).to.equal(ExitCode.NotGenuine);
    expect(verdictExitCode({ verdict: "GENUINE", expiry: { expired: false } })).to.equal(ExitCode.Ok);
    expect(verdictExitCode({ verdict: "GENUINE" })).to.equal(ExitCode.Ok);
  });
});
