import { expect } from "chai";
import { backtestForecast, forecastCounts } from "../../../core/risk/forecast.ts";

describe("core/risk/forecast", function () {
  it("forecasts a steady count as itself", function () {
    const f = forecastCounts(Array<number>(60).fill(4), { alpha: 0.3, beta: 0.1, horizon: 7 });
    expect(f.daily).to.have.length(7);
    for (const d of f.daily) expect(d).to.be.within(4 - 1e-9, 4 + 1e-9);
    expect(f.total).to.be.within(28 - 1e-9, 28 + 1e-9);
  });

  it("follows a rising count upwards, and never forecasts below zero for a falling one", function () {
    const rising = forecastCounts(Array.from({ length: 90 }, (_, t) => t / 3), { alpha: 0.5, beta: 0.3, horizon: 7 });
    expect(rising.trend).to.be.within(1 / 3 - 0.01, 1 / 3 + 0.01);
    expect(rising.daily[6]).to.be.within(rising.daily[0]! + 2 - 0.05, rising.daily[0]! + 2 + 0.05);
    const falling = forecastCounts(Array.from({ length: 30 }, (_, t) => Math.max(0, 30 - 2 * t)), { alpha: 0.5, beta: 0.5, horizon: 7 });
    expect(Math.min(...falling.daily)).to.equal(0);
  });

  it("backtests on the past only: a step up after the warm-up is missed by both forecasts in the first window", function () {
    const series = [...Array<number>(35).fill(1), ...Array<number>(35).fill(5)];
    const b = backtestForecast(series, { alpha: 0.3, beta: 0, horizon: 7 }, 28);
    expect(b.windows).to.equal(6); // origins 28, 35, …, 63
    expect(b.meanActual).to.be.within((7 + 5 * 35) / 6 - 1e-9, (7 + 5 * 35) / 6 + 1e-9);
    // Both start far off; the smoothed one catches up within the windows, the naive one after one.
    expect(b.naiveMae).to.be.within(28 / 6 - 1e-9, 28 / 6 + 1e-9);
    expect(b.mae).to.be.above(0);
  });

  it("forecasts nothing from nothing", function () {
    expect(forecastCounts([], { alpha: 0.3, beta: 0, horizon: 3 })).to.deep.equal({ level: 0, trend: 0, daily: [0, 0, 0], total: 0 });
    expect(backtestForecast([1, 2, 3]).windows).to.equal(0);
  });
});
