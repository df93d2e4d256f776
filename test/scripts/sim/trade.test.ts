import { expect } from "chai";
import { createHash } from "node:crypto";
import { DEFAULT_REPLAY, forecastError, replay } from "../../../scripts/sim/evaluate.ts";
import { DEFAULT_TRADE, generateTrade, type TradeSettings } from "../../../scripts/sim/trade.ts";

const small: TradeSettings = { ...DEFAULT_TRADE, days: 120, shipmentsPerDay: 20 };
const digest = (x: unknown) => createHash("sha256").update(JSON.stringify(x)).digest("hex");

describe("scripts/sim: the simulated trade and the lanes measured on it", function () {
  this.timeout(60_000);

  it("makes the same world from the same seed, and another from another seed", function () {
    const a = generateTrade(small);
    expect(digest(generateTrade(small))).to.equal(digest(a));
    expect(digest(generateTrade({ ...small, seed: small.seed + 1 }))).to.not.equal(digest(a));
    expect(a.shipments).to.have.length(120 * 20);
  });

  it("hides a truth with the documented shape: a few infringers make most fakes, and fakes leave scans in their destination", function () {
    const trade = generateTrade(DEFAULT_TRADE);
    const fakes = trade.shipments.filter((s) => s.infringing);
    const share = fakes.length / trade.shipments.length;
    expect(share).to.be.within(0.02, 0.08);
    const infringers = new Set([...trade.shippers, ...trade.consignees].filter((p) => p.infringing).map((p) => p.id));
    const byInfringers = fakes.filter((s) => infringers.has(s.shipper) || infringers.has(s.consignee)).length;
    expect(byInfringers / fakes.length).to.be.above(0.8);
    // Most counterfeit scans are of a brand in a country its fakes were shipped to; the rest are noise.
    const shippedTo = new Set(fakes.map((s) => `${s.brand}|${s.destination}`));
    const explained = trade.scans.filter((s) => shippedTo.has(`${s.brand}|${s.country}`)).length;
    expect(explained / trade.scans.length).to.be.above(0.7);
    expect(trade.scans.length).to.be.above(fakes.length);
  });

  it("opens shipments with fakes at least 5 times as often as random selection, at a 5 % budget, on the reported seed", function () {
    const trade = generateTrade(DEFAULT_TRADE);
    const lanes = replay(trade, "risk");
    const random = replay(trade, "random", { ...DEFAULT_REPLAY, seed: 100 });
    expect(lanes.inspected).to.equal(random.inspected);
    expect(lanes.inspected / lanes.shipments).to.be.within(DEFAULT_REPLAY.budget - 0.001, DEFAULT_REPLAY.budget + 0.001);
    expect(lanes.lift).to.be.at.least(5);
    expect(random.lift).to.be.within(0.3, 2);
  });

  it("forecasts weekly counterfeit verdicts better than the naive forecast on the simulated year", function () {
    const f = forecastError(generateTrade(DEFAULT_TRADE));
    expect(f.windows).to.be.above(1000);
    expect(f.mae).to.be.below(f.naiveMae);
  });
});
