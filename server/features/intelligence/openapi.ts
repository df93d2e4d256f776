/** The OpenAPI part of the brand intelligence page's data (docs/intelligence.md). */
import { intelligenceQuery } from "../../../api/intelligence.ts";
import { auth, error, faults, html, input, int, json, obj, open, ref, security, str, text } from "../../http/openapi/parts.ts";

const date = { type: "string", format: "date" };
const dateTime = { type: "string", format: "date-time" };
const num = { type: "number" };
const counts = { counterfeit: int, suspicious: int };
const schema = input(intelligenceQuery) as { properties: Record<string, { description?: string }> };

export const intelligenceSchemas = {
  BrandIntelligence: obj(
    {
      query: obj({ gtin: { type: ["string", "null"], description: "As 14 digits" }, lot: { type: ["string", "null"] }, from: date, to: date }, ["gtin", "lot", "from", "to"]),
      totals: obj(counts, ["counterfeit", "suspicious"]),
      byCountry: {
        type: "array",
        description: "Counterfeit verdicts and scans of clone-cluster codes (suspicious) per country; null: no country given",
        items: obj({ country: { type: ["string", "null"] }, ...counts }, ["country", "counterfeit", "suspicious"]),
      },
      daily: { type: "array", description: "Every day of the period, oldest first", items: obj({ day: date, ...counts }, ["day", "counterfeit", "suspicious"]) },
      hotspots: {
        type: "array",
        description: "The scan log's 0.1° cells with at least 3 scans, the busiest first: never one scan's place",
        items: obj({ latitude: num, longitude: num, scans: int, sessions: int }, ["latitude", "longitude", "scans", "sessions"]),
      },
      cloneClusters: {
        type: "array",
        description: "Codes seen in at least 3 countries or cells",
        items: obj(
          { gtin: str, lot: str, serial: str, countries: int, cells: int, scans: int, sessions: int, firstDay: date, lastDay: date },
          ["gtin", "lot", "serial", "countries", "cells", "scans", "sessions", "firstDay", "lastDay"],
        ),
      },
      seizures: {
        type: "array",
        items: obj({ origin: str, destination: str, seizures: int, items: int, firstAt: dateTime, lastAt: dateTime }, ["origin", "destination", "seizures", "items", "firstAt", "lastAt"]),
      },
      forecast: {
        type: "array",
        description: "Per country: counterfeit verdicts expected in the 7 days after `to` (Holt's trend), and the backtest's mean absolute error of 7-day totals beside the naive forecast's",
        items: obj(
          {
            country: str,
            next7Days: num,
            daily: { type: "array", items: num },
            backtest: obj({ windows: int, mae: num, naiveMae: num, meanActual: num }, ["windows", "mae", "naiveMae", "meanActual"]),
          },
          ["country", "next7Days", "daily", "backtest"],
        ),
      },
      notices: {
        type: "array",
        description: "Product notices naming the brand (with a GTIN filter: one of its batches) filed in the period, per platform; hours to answer over the answered ones (null: none)",
        items: obj(
          {
            platformId: str, platform: str, filed: int, removed: int, rejected: int, counterNoticed: int, open: int,
            medianHoursToAnswer: { type: ["number", "null"] }, p90HoursToAnswer: { type: ["number", "null"] },
          },
          ["platformId", "platform", "filed", "removed", "rejected", "counterNoticed", "open", "medianHoursToAnswer", "p90HoursToAnswer"],
        ),
      },
      asOf: dateTime,
    },
    ["query", "totals", "byCountry", "daily", "hotspots", "cloneClusters", "seizures", "forecast", "notices", "asOf"],
  ),
};

export const intelligencePaths = {
  "/intelligence": {
    get: {
      operationId: "getIntelligencePage", tags: ["Pages"], security: open,
      summary: "The brand intelligence page (HTML): sign in with the brand's API key; its map and chart libraries are served with it",
      responses: { ...faults, "200": { description: "The page", content: html }, "503": error("APP_NOT_BUILT: the web app is not built (npm run build)") },
    },
  },
  "/api/v1/brand/intelligence": {
    get: {
      operationId: "getBrandIntelligence", tags: ["Intelligence"], security,
      summary: "The brand's counterfeit and suspicious verdicts by country and day, hotspots, clone clusters, seizures by route, forecast and notice outcomes per platform (brand key; aggregated)",
      parameters: Object.entries(schema.properties).map(([name, s]) => ({ name, in: "query", schema: s, ...(s.description ? { description: s.description } : {}) })),
      responses: {
        "200": { description: "The views (JSON), or one view as CSV with `format=csv&view=`", content: { ...json(ref("BrandIntelligence")), ...text("text/csv") } },
        ...auth,
        "400": error("A bad filter, named in `field` and `fields`; PERIOD_TOO_LONG: over 731 days"),
        "403": error("FORBIDDEN: not a brand's key"),
      },
    },
  },
};
