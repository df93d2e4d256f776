/** The brand intelligence page's data: where a brand's fakes appear, which codes are cloned, where seizures happen. */
import { z } from "zod";

const day = z.iso.date();

/** The views `?format=csv&view=` exports, one table each. */
export const INTELLIGENCE_VIEWS = ["countries", "daily", "hotspots", "clones", "seizures", "forecast", "notices"] as const;
export type IntelligenceViewName = (typeof INTELLIGENCE_VIEWS)[number];

export const intelligenceQuery = z
  .strictObject({
    gtin: z.string().min(1).max(14).optional().describe("Only this GTIN (GTIN-8, -12, -13 or -14)"),
    lot: z.string().min(1).max(20).optional().describe("Only this lot of the GTIN (needs gtin: lots are not unique across products)"),
    from: day.optional().describe("First day (UTC date, inclusive); default: 89 days before `to`"),
    to: day.optional().describe("Last day (UTC date, inclusive); default: today"),
    format: z.enum(["json", "csv"]).optional().describe("csv: one view as CSV (needs view)"),
    view: z.enum(INTELLIGENCE_VIEWS).optional().describe("The view a CSV export holds"),
  })
  .refine((q) => q.lot === undefined || q.gtin !== undefined, { message: "a lot is asked of with its gtin", path: ["gtin"] })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "from is after to", path: ["from"] })
  .refine((q) => q.format !== "csv" || q.view !== undefined, { message: "a CSV export names its view", path: ["view"] });

export type IntelligenceQuery = z.infer<typeof intelligenceQuery>;

export type VerdictCounts = { counterfeit: number; suspicious: number };
export type ForecastRow = {
  country: string;
  /** Counterfeit verdicts expected in the 7 days after `to`. */
  next7Days: number;
  daily: number[];
  /** Rolling-origin backtest over the period: mean absolute error of 7-day totals, beside the naive forecast's. */
  backtest: { windows: number; mae: number; naiveMae: number; meanActual: number };
};

/** One platform's answers to the brand's product notices filed in the period. */
export type NoticeOutcomeRow = {
  platformId: string;
  platform: string;
  filed: number;
  removed: number;
  rejected: number;
  counterNoticed: number;
  /** Not answered yet. */
  open: number;
  /** Hours from filing to the answer, over the answered ones (nearest rank); null: none answered. */
  medianHoursToAnswer: number | null;
  p90HoursToAnswer: number | null;
};

export type IntelligenceView = {
  query: { gtin: string | null; lot: string | null; from: string; to: string };
  totals: VerdictCounts;
  /** Per country (null: no country given). Suspicious: scans of codes in clone clusters. */
  byCountry: Array<{ country: string | null } & VerdictCounts>;
  /** Every day of the period, oldest first. */
  daily: Array<{ day: string } & VerdictCounts>;
  /** 0.1° cells of the scan log with at least 3 scans: never one scan's place. */
  hotspots: Array<{ latitude: number; longitude: number; scans: number; sessions: number }>;
  /** Codes seen in at least 3 countries or 0.1° cells. */
  cloneClusters: Array<{ gtin: string; lot: string; serial: string; countries: number; cells: number; scans: number; sessions: number; firstDay: string; lastDay: string }>;
  seizures: Array<{ origin: string; destination: string; seizures: number; items: number; firstAt: string; lastAt: string }>;
  forecast: ForecastRow[];
  /** Product notices naming the brand (and, with a GTIN filter, one of its batches), per platform. */
  notices: NoticeOutcomeRow[];
  asOf: string;
};
