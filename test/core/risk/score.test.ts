import { expect } from "chai";
import type { RiskFacts } from "../../../core/risk/facts.ts";
import { assessRisk } from "../../../core/risk/score.ts";
import { DEFAULT_RISK_WEIGHTS, INDICATOR_IDS, parseRiskWeights } from "../../../core/risk/weights.ts";

/** A shipment nothing is known against: an old route, old parties, clean records. */
const quiet: RiskFacts = {
  all: { inspected: 1000, seized: 50 },
  route: { inspected: 100, seized: 5 },
  shipper: { inspected: 10, seized: 0, ageDays: 900 },
  consignee: { inspected: 10, seized: 0, ageDays: 900 },
  destinationCounterfeitScans: 0,
  items: 500,
  flaggedItems: 0,
  impossibleItems: 0,
  brandAlerts: 0,
};

describe("core/risk/score", function () {
  it("puts a shipment with clean records on an old route with known parties in the green lane, with no indicator fired", function () {
    const a = assessRisk(quiet, DEFAULT_RISK_WEIGHTS);
    expect(a.lane).to.equal("green");
    expect(a.score).to.equal(0);
    expect(a.indicators.filter((i) => i.fired)).to.deep.equal([]);
    expect(a.indicators.map((i) => i.id)).to.have.members([...INDICATOR_IDS]);
  });

  it("never makes one indicator alone a red lane, however strong: it stays amber and says why", function () {
    const onlyImpossible = assessRisk({ ...quiet, impossibleItems: 400 }, { ...DEFAULT_RISK_WEIGHTS, weights: { ...DEFAULT_RISK_WEIGHTS.weights, "impossible-counts": 0.9 } });
    expect(onlyImpossible.score).to.be.at.least(DEFAULT_RISK_WEIGHTS.red);
    expect(onlyImpossible.lane).to.equal("amber");
    expect(onlyImpossible.reason).to.contain("only 1 indicator(s) fired (red needs 2)");
  });

  it("turns red when a shipper with seizures sends impossible counts, listing each fired indicator with its weight and evidence", function () {
    const a = assessRisk({ ...quiet, shipper: { inspected: 4, seized: 3, ageDays: 40 }, impossibleItems: 20 }, DEFAULT_RISK_WEIGHTS);
    expect(a.lane).to.equal("red");
    const fired = Object.fromEntries(a.indicators.filter((i) => i.fired).map((i) => [i.id, i]));
    expect(Object.keys(fired)).to.have.members(["shipper-history", "impossible-counts", "new-party"]);
    expect(fired["shipper-history"]!.weight).to.equal(DEFAULT_RISK_WEIGHTS.weights["shipper-history"]);
    expect(fired["shipper-history"]!.detail).to.equal("the shipper: 3 of 4 inspections were seizures (75 %, against 5.1 % overall)");
    expect(fired["impossible-counts"]!.detail).to.equal("20 of 500 declared items were never issued, or exceed their batch's size");
    expect(fired["new-party"]!.detail).to.equal("the shipper was first seen 40 days ago");
    // The parts add up to the score, largest first.
    const sum = a.indicators.reduce((s, i) => s + i.contribution, 0);
    expect(a.score).to.be.within(sum - 0.005, sum + 0.005);
    expect(a.indicators.map((i) => i.contribution)).to.deep.equal([...a.indicators.map((i) => i.contribution)].sort((x, y) => y - x));
  });

  it("reads a seizure against the inspections it came from: 1 in 10 is weak evidence, 9 in 12 as strong as it gets", function () {
    const once = assessRisk({ ...quiet, shipper: { inspected: 10, seized: 1, ageDays: 900 } }, DEFAULT_RISK_WEIGHTS).indicators.find((i) => i.id === "shipper-history")!;
    const often = assessRisk({ ...quiet, shipper: { inspected: 12, seized: 9, ageDays: 900 } }, DEFAULT_RISK_WEIGHTS).indicators.find((i) => i.id === "shipper-history")!;
    expect(once.strength).to.be.below(often.strength);
    expect(often.strength).to.equal(1);
  });

  it("counts a never-seen party as new, and a weight of 0 switches an indicator off", function () {
    const facts = { ...quiet, consignee: { inspected: 0, seized: 0, ageDays: undefined } };
    const on = assessRisk(facts, DEFAULT_RISK_WEIGHTS).indicators.find((i) => i.id === "new-party")!;
    expect(on).to.include({ strength: 1, fired: true, detail: "the consignee has never been seen before" });
    const off = assessRisk(facts, { ...DEFAULT_RISK_WEIGHTS, weights: { ...DEFAULT_RISK_WEIGHTS.weights, "new-party": 0 } });
    expect(off.indicators.find((i) => i.id === "new-party")).to.include({ fired: false, contribution: 0 });
    expect(off.score).to.equal(0);
  });
});

describe("core/risk/weights", function () {
  it("reads a partial configuration over the defaults", function () {
    const w = parseRiskWeights({ weights: { "brand-alert": 0.3 }, red: 0.5 });
    expect(w.weights["brand-alert"]).to.equal(0.3);
    expect(w.weights["route-seizures"]).to.equal(DEFAULT_RISK_WEIGHTS.weights["route-seizures"]);
    expect(w.red).to.equal(0.5);
    expect(w.amber).to.equal(DEFAULT_RISK_WEIGHTS.amber);
  });

  for (const [input, field, message] of [
    [{ weights: { "moon-phase": 1 } }, "weights.moon-phase", 'Unknown indicator "moon-phase"'],
    [{ weights: { "brand-alert": -1 } }, "weights.brand-alert", 'The weight of "brand-alert" must be a number ≥ 0'],
    [{ amber: 0.6, red: 0.5 }, "red", "`red` (0.5) must not be below `amber` (0.6)"],
    [{ redMinIndicators: 0 }, "redMinIndicators", "`redMinIndicators` must be a number ≥ 1"],
    [{ treshold: 1 }, "treshold", 'Unknown risk setting "treshold"'],
    ["red", "riskWeights", "Risk weights are a JSON object"],
  ] as const) {
    it(`refuses ${JSON.stringify(input)} naming ${field}`, function () {
      expect(() => parseRiskWeights(input)).to.throw(message).with.property("field", field);
      expect(() => parseRiskWeights(input)).to.throw().with.property("code", "BAD_RISK_WEIGHTS");
    });
  }
});
