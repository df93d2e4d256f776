/**
 * A short-horizon forecast of daily counts (counterfeit verdicts of one brand in one country): Holt's
 * exponentially weighted level and trend, nothing a reader cannot follow by hand. The backtest replays the
 * history, forecasting each window from what came before it, and reports the error beside that of the
 * naive forecast (the last window again), so that a reader sees whether the trend earns its keep.
 */

export type ForecastSettings = {
  /** How fast the level follows the counts (0–1). */
  alpha: number;
  /** How fast the trend follows the level's changes (0–1). */
  beta: number;
  /** Days ahead. */
  horizon: number;
};

export const DEFAULT_FORECAST: ForecastSettings = { alpha: 0.05, beta: 0.01, horizon: 7 };

export type Forecast = { level: number; trend: number; daily: number[]; total: number };

/** The forecast of the `horizon` days after `series` (one count per day, oldest first). Never negative. */
export function forecastCounts(series: readonly number[], settings: ForecastSettings = DEFAULT_FORECAST): Forecast {
  const { alpha, beta, horizon } = settings;
  if (series.length === 0) return { level: 0, trend: 0, daily: Array<number>(horizon).fill(0), total: 0 };
  let level = series[0]!;
  let trend = 0;
  for (let t = 1; t < series.length; t++) {
    const previous = level;
    level = alpha * series[t]! + (1 - alpha) * (level + trend);
    trend = beta * (level - previous) + (1 - beta) * trend;
  }
  const daily = Array.from({ length: horizon }, (_, h) => Math.max(0, level + (h + 1) * trend));
  return { level, trend, daily, total: daily.reduce((a, b) => a + b, 0) };
}

export type Backtest = {
  /** Windows forecast. */
  windows: number;
  /** Mean absolute error of the window totals. */
  mae: number;
  /** The same for the naive forecast: the previous window's total again. */
  naiveMae: number;
  /** Mean of the actual window totals, to read the errors against. */
  meanActual: number;
};

/**
 * Rolling-origin backtest: from day `warmup` on, every `horizon` days, forecast the next window from the
 * days before it only, and compare its total with what happened.
 */
export function backtestForecast(series: readonly number[], settings: ForecastSettings = DEFAULT_FORECAST, warmup = 28): Backtest {
  const { horizon } = settings;
  let windows = 0;
  let error = 0;
  let naiveError = 0;
  let actualSum = 0;
  for (let origin = Math.max(warmup, horizon); origin + horizon <= series.length; origin += horizon) {
    const past = series.slice(0, origin);
    const actual = sum(series.slice(origin, origin + horizon));
    error += Math.abs(forecastCounts(past, settings).total - actual);
    naiveError += Math.abs(sum(past.slice(-horizon)) - actual);
    actualSum += actual;
    windows++;
  }
  const per = (x: number): number => (windows === 0 ? 0 : x / windows);
  return { windows, mae: per(error), naiveMae: per(naiveError), meanActual: per(actualSum) };
}

function sum(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}
